#pragma once

#include "core/common/ImageSet.h"
#include "core/writers/ImageRows.h"

#include <QByteArrayView>
#include <QString>
#include <cstdint>
#include <functional>
#include <vector>

namespace tc::core {

// Batch b (0-based) of n over count images: [first, first + size).
struct BatchRange {
    qsizetype first = 0;
    qsizetype size = 0;
};
BatchRange batchRange(qsizetype count, int batches, int b);

// One image file of a CIFAR folder. The one place that decides which batches a folder has, for the
// python and the binary writer alike: CIFAR-10 style is data_batch_1..N of near-equal size (at
// least one) then test_batch; CIFAR-100 style is train then test. The writers add their suffix
// ("data_batch_1.bin") and their metadata files.
struct CifarBatchFile {
    QString stem;      // "data_batch_3", "test_batch", "train", "test"
    bool train = true; // images of the train split, else of the test split
    BatchRange images; // which images of that split
    int batch = 1;     // 1-based, of `batches` of its split ("training batch 3 of 5")
    int batches = 1;
};
std::vector<CifarBatchFile> cifarBatchFiles(qsizetype trainCount, qsizetype testCount, int trainBatches,
                                            bool cifar100Style);

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
