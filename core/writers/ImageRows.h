#pragma once

#include "core/common/ImageSet.h"

#include <QByteArrayView>
#include <cstdint>
#include <functional>
#include <vector>

namespace tc::core {

// The images a writer reads, in file order: every image of an ImageSet, or chosen rows of one.
// An export picks 60,000 of the images it loaded; gathering them into a new set first would
// touch 184 MB of fresh memory, which on a VM costs more than writing them out.
class ImageRows final {
public:
    ImageRows() = default; // no images
    explicit ImageRows(const ImageSet &set) : m_set(&set), m_all(true) {}
    // Image i is image rows[i] of set (each row < set.count()).
    ImageRows(const ImageSet &set, std::vector<qsizetype> rows) : m_set(&set), m_rows(std::move(rows)) {}

    qsizetype count() const;
    const std::uint8_t *image(qsizetype i) const
    {
        return m_set->pixels.data() + (m_all ? i : m_rows[size_t(i)]) * kImageBytes;
    }
    // Calls fn with the HWC bytes of images [first, first + n) in order, in pieces of at most a
    // few hundred images (gathered into a reused buffer unless already contiguous).
    void forEachChunk(qsizetype first, qsizetype n, const std::function<void(QByteArrayView)> &fn) const;

private:
    const ImageSet *m_set = nullptr;
    std::vector<qsizetype> m_rows;
    bool m_all = false;
};

} // namespace tc::core
