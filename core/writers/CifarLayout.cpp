#include "core/writers/CifarLayout.h"

#include <algorithm>

namespace tc::core {

namespace {
// 256 images (768 KB): large enough that a write() per chunk costs nothing, small enough to stay
// in the L2 cache between conversion and the kernel's copy.
constexpr qsizetype kChunkImages = 256;
} // namespace

BatchRange batchRange(qsizetype count, int batches, int b)
{
    // The first (count % batches) batches take one extra image, so sizes differ by at most one.
    const qsizetype base = count / batches, extra = count % batches;
    return {b * base + std::min<qsizetype>(b, extra), base + (b < extra ? 1 : 0)};
}

std::vector<CifarBatchFile> cifarBatchFiles(qsizetype trainCount, qsizetype testCount, int trainBatches,
                                            bool cifar100Style)
{
    if (cifar100Style) // CIFAR-100 ships one train and one test file
        return {{QStringLiteral("train"), true, {0, trainCount}, 1, 1},
                {QStringLiteral("test"), false, {0, testCount}, 1, 1}};
    trainBatches = std::max(1, trainBatches);
    std::vector<CifarBatchFile> files;
    for (int b = 0; b < trainBatches; ++b)
        files.push_back({QStringLiteral("data_batch_%1").arg(b + 1), true, batchRange(trainCount, trainBatches, b),
                         b + 1, trainBatches});
    files.push_back({QStringLiteral("test_batch"), false, {0, testCount}, 1, 1});
    return files;
}

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
