#include "core/writers/CifarLayout.h"

#include "core/common/ImageSet.h"

namespace tc::core {

void hwcToCifarRow(const std::uint8_t *hwc, std::uint8_t *row)
{
    constexpr int plane = kImageSide * kImageSide;
    for (int p = 0; p < plane; ++p) {
        row[p] = hwc[3 * p];
        row[plane + p] = hwc[3 * p + 1];
        row[2 * plane + p] = hwc[3 * p + 2];
    }
}

void cifarRowToHwc(const std::uint8_t *row, std::uint8_t *hwc)
{
    constexpr int plane = kImageSide * kImageSide;
    for (int p = 0; p < plane; ++p) {
        hwc[3 * p] = row[p];
        hwc[3 * p + 1] = row[plane + p];
        hwc[3 * p + 2] = row[2 * plane + p];
    }
}

} // namespace tc::core
