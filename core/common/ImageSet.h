#pragma once

#include <QString>
#include <QStringList>
#include <cstdint>
#include <span>
#include <vector>

namespace tc::core {

// The one canonical image form every reader returns and every writer takes:
// 32x32 RGB uint8, row-major HWC, so pixel (row, col, ch) is at row*96 + col*3 + ch.
inline constexpr int kImageSide = 32;
inline constexpr int kImageChannels = 3;
inline constexpr int kRowBytes = kImageSide * kImageChannels; // 96
inline constexpr int kImageBytes = kImageSide * kRowBytes;    // 3072

inline constexpr int pixelOffset(int row, int col, int ch)
{
    return row * kRowBytes + col * kImageChannels + ch;
}

// CIFAR rows (python and binary batches, (N, 3, 32, 32) arrays) store an image as three 1024-byte planes
// (R, G, B), each row-major; these convert one image between that and the canonical interleaved HWC, for
// every reader and writer of those formats.
inline void planesToHwc(const std::uint8_t *planes, std::uint8_t *hwc)
{
    constexpr int plane = kImageSide * kImageSide;
    for (int p = 0; p < plane; ++p) {
        hwc[3 * p] = planes[p];
        hwc[3 * p + 1] = planes[plane + p];
        hwc[3 * p + 2] = planes[2 * plane + p];
    }
}
inline void hwcToPlanes(const std::uint8_t *hwc, std::uint8_t *planes)
{
    constexpr int plane = kImageSide * kImageSide;
    for (int p = 0; p < plane; ++p) {
        planes[p] = hwc[3 * p];
        planes[plane + p] = hwc[3 * p + 1];
        planes[2 * plane + p] = hwc[3 * p + 2];
    }
}

// A batch of canonical images plus whatever per-image attributes the source had.
// Optional attribute vectors are either empty or exactly count() long.
struct ImageSet final {
    std::vector<std::uint8_t> pixels; // count() * kImageBytes, canonical layout
    std::vector<int> labels;          // class label per image (CIFAR-10 labels, CIFAR-100 fine labels)
    std::vector<int> coarseLabels;    // CIFAR-100 coarse labels
    QStringList labelNames;           // index -> class name, when the source names them
    QStringList coarseLabelNames;
    QStringList filenames;             // per image, when the source has them
    QStringList keywords;              // per image (Tiny Images keyword, folder keyword)
    std::vector<qint64> sourceIndices; // per image: Tiny Images index or position in the source
    std::vector<std::uint8_t> resized; // per image: 1 when the source was not 32x32 and was resized

    qsizetype count() const { return qsizetype(pixels.size() / kImageBytes); }
    std::span<const std::uint8_t, kImageBytes> image(qsizetype i) const
    {
        return std::span<const std::uint8_t, kImageBytes>(pixels.data() + i * kImageBytes, kImageBytes);
    }
    std::span<std::uint8_t, kImageBytes> image(qsizetype i)
    {
        return std::span<std::uint8_t, kImageBytes>(pixels.data() + i * kImageBytes, kImageBytes);
    }
};

} // namespace tc::core
