#include "core/writers/CifarLayout.h"

#include <algorithm>

namespace tc::core {

namespace {
// 256 images (768 KB): large enough that a write() per chunk costs nothing, small enough to stay
// in the L2 cache between conversion and the kernel's copy.
constexpr qsizetype kChunkImages = 256;
} // namespace

CifarRowChunks::CifarRowChunks(qsizetype count, int head)
    : m_capacity(std::clamp<qsizetype>(count, 1, kChunkImages)), m_head(head),
      m_buffer(size_t(m_capacity) * (head + kImageBytes))
{}

QByteArrayView CifarRowChunks::convert(const ImageRows &images, qsizetype first, qsizetype n, const HeadFn &headOf)
{
    const qsizetype recordBytes = m_head + kImageBytes;
    for (qsizetype i = 0; i < n; ++i) {
        std::uint8_t *rec = m_buffer.data() + i * recordBytes;
        if (m_head > 0)
            headOf(first + i, rec);
        hwcToPlanes(images.image(first + i), rec + m_head);
    }
    return QByteArrayView(reinterpret_cast<const char *>(m_buffer.data()), n * recordBytes);
}

} // namespace tc::core
