#include "core/writers/ImageRows.h"

#include <algorithm>
#include <cstring>

namespace tc::core {

namespace {
constexpr qsizetype kGatherImages = 256; // 768 KB: stays in L2 between gathering and writing
} // namespace

qsizetype ImageRows::count() const
{
    if (!m_set)
        return 0;
    return m_all ? m_set->count() : qsizetype(m_rows.size());
}

void ImageRows::forEachChunk(qsizetype first, qsizetype n, const std::function<void(QByteArrayView)> &fn) const
{
    if (n <= 0)
        return;
    if (m_all) {
        fn(QByteArrayView(reinterpret_cast<const char *>(image(first)), n * kImageBytes));
        return;
    }
    std::vector<std::uint8_t> buffer(size_t(std::min(n, kGatherImages)) * kImageBytes);
    for (qsizetype done = 0; done < n;) {
        const qsizetype k = std::min(kGatherImages, n - done);
        for (qsizetype i = 0; i < k; ++i)
            std::memcpy(buffer.data() + i * kImageBytes, image(first + done + i), kImageBytes);
        fn(QByteArrayView(reinterpret_cast<const char *>(buffer.data()), k * kImageBytes));
        done += k;
    }
}

} // namespace tc::core
