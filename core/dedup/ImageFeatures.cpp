#include "core/dedup/ImageFeatures.h"

#include "core/common/ImageSet.h"

#include <algorithm>
#include <cmath>

namespace tc::core {

double blockMeans(const std::uint8_t *image, std::uint8_t *out)
{
    std::int64_t residual = 0; // sum of (s - 4q)^2, exact
    for (int br = 0; br < 16; ++br)
        for (int bc = 0; bc < 16; ++bc)
            for (int ch = 0; ch < 3; ++ch) {
                const int r = 2 * br, c = 2 * bc;
                const int s = image[pixelOffset(r, c, ch)] + image[pixelOffset(r, c + 1, ch)] +
                              image[pixelOffset(r + 1, c, ch)] + image[pixelOffset(r + 1, c + 1, ch)];
                const int q = (s + 2) >> 2; // s <= 1020, so q <= 255
                out[(br * 16 + bc) * 3 + ch] = std::uint8_t(q);
                residual += (s - 4 * q) * (s - 4 * q);
            }
    return std::sqrt(double(residual)) / 2;
}

double blockResidualNorm(const std::uint8_t *image)
{
    std::int64_t squares4 = 0, sums = 0; // 4 |x|^2 and 4 |Px|^2 = sum s^2, exact
    for (int br = 0; br < 16; ++br)
        for (int bc = 0; bc < 16; ++bc)
            for (int ch = 0; ch < 3; ++ch) {
                const int r = 2 * br, c = 2 * bc;
                const int v[4] = {image[pixelOffset(r, c, ch)], image[pixelOffset(r, c + 1, ch)],
                                  image[pixelOffset(r + 1, c, ch)], image[pixelOffset(r + 1, c + 1, ch)]};
                const int s = v[0] + v[1] + v[2] + v[3];
                squares4 += 4 * (v[0] * v[0] + v[1] * v[1] + v[2] * v[2] + v[3] * v[3]);
                sums += s * s;
            }
    // |x - Px|^2 = |x|^2 - |Px|^2 (Pythagoras).
    return std::sqrt(double(squares4 - sums) / 4);
}

void structureFeature(const std::uint8_t *image, float *out)
{
    constexpr double kC2 = (0.03 * 255) * (0.03 * 255);
    constexpr int kWindows = 26; // valid 7x7 window positions per axis
    std::fill(out, out + kStructureDim, 0.0f);
    // Integral images of v and v^2 give every 7x7 window sum in four lookups.
    std::int64_t sum[33][33], sq[33][33];
    for (int ch = 0; ch < 3; ++ch) {
        for (int i = 0; i <= 32; ++i)
            sum[0][i] = sum[i][0] = sq[0][i] = sq[i][0] = 0;
        for (int r = 0; r < 32; ++r)
            for (int c = 0; c < 32; ++c) {
                const std::int64_t v = image[pixelOffset(r, c, ch)];
                sum[r + 1][c + 1] = v + sum[r][c + 1] + sum[r + 1][c] - sum[r][c];
                sq[r + 1][c + 1] = v * v + sq[r][c + 1] + sq[r + 1][c] - sq[r][c];
            }
        // Each valid window's mean and standard deviation once (a pixel takes those of the window
        // it belongs to, so many pixels share one): the same double operations as per pixel.
        double mean[kWindows][kWindows], sd[kWindows][kWindows];
        for (int r0 = 0; r0 < kWindows; ++r0)
            for (int c0 = 0; c0 < kWindows; ++c0) {
                const double s = double(sum[r0 + 7][c0 + 7] - sum[r0][c0 + 7] - sum[r0 + 7][c0] + sum[r0][c0]);
                const double q = double(sq[r0 + 7][c0 + 7] - sq[r0][c0 + 7] - sq[r0 + 7][c0] + sq[r0][c0]);
                const double m = s / 49, var = std::max(0.0, q / 49 - m * m);
                mean[r0][c0] = m;
                sd[r0][c0] = std::sqrt(var + kC2);
            }
        for (int r = 0; r < 32; ++r)
            for (int c = 0; c < 32; ++c) {
                // The window a pixel belongs to, kept inside the image like SSIM's valid windows.
                const int r0 = std::clamp(r - 3, 0, kWindows - 1), c0 = std::clamp(c - 3, 0, kWindows - 1);
                out[r * 32 + c] += float((image[pixelOffset(r, c, ch)] - mean[r0][c0]) / sd[r0][c0]);
            }
    }
    double norm = 0;
    for (int i = 0; i < kStructureDim; ++i)
        norm += double(out[i]) * out[i];
    const float scale = norm > 0 ? float(1.0 / std::sqrt(norm)) : 0.0f;
    for (int i = 0; i < kStructureDim; ++i)
        out[i] *= scale;
}

void structureBytes(const std::uint8_t *image, std::uint8_t *out)
{
    float v[kStructureDim];
    structureFeature(image, v);
    for (int i = 0; i < kStructureDim; ++i) {
        // std::lround (half away from zero) without its library call: x + 0.5 is exact in double
        // for |x| <= 1024, and the conversion truncates towards zero.
        const double x = double(1024.0f * v[i]);
        const int rounded = x >= 0 ? int(x + 0.5) : -int(0.5 - x);
        out[i] = std::uint8_t(std::clamp(128 + rounded, 0, 255));
    }
}

__attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default"))) std::int64_t
squaredDistance(const std::uint8_t *a, const std::uint8_t *b)
{
    // int32 partial sums are exact: 3072 * 255^2 < 2^31.
    std::int32_t sum = 0;
    for (int i = 0; i < kImageBytes; ++i) {
        const std::int32_t d = std::int32_t(a[i]) - std::int32_t(b[i]);
        sum += d * d;
    }
    return sum;
}

} // namespace tc::core
