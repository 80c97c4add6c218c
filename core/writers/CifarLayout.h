#pragma once

#include "core/common/ImageSet.h"
#include "core/writers/ImageRows.h"

#include <QByteArrayView>
#include <cstdint>
#include <functional>
#include <vector>

namespace tc::core {

// Converts a batch to CIFAR rows a few hundred images at a time in one reused buffer, for writers
// that stream a batch to their device: a full-batch copy would touch tens of fresh megabytes, and
// on virtual machines those page faults cost several times the conversion itself.
class CifarRowChunks final {
public:
    // Fills the `head` bytes before image k's row (the binary format's label bytes).
    using HeadFn = std::function<void(qsizetype k, std::uint8_t *head)>;

    // For a batch of `count` images; `head` bytes precede each row.
    explicit CifarRowChunks(qsizetype count, int head = 0);
    qsizetype capacity() const { return m_capacity; } // images per chunk
    // Records of images [first, first + n) of images, n <= capacity(); the view stays valid until
    // the next call.
    QByteArrayView convert(const ImageRows &images, qsizetype first, qsizetype n, const HeadFn &headOf = {});

private:
    qsizetype m_capacity;
    int m_head;
    std::vector<std::uint8_t> m_buffer;
};

} // namespace tc::core
