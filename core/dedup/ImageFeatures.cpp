#include "core/dedup/ImageFeatures.h"

#include "core/common/ImageSet.h"

#include <algorithm>
#include <cmath>
#include <emmintrin.h>

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
    constexpr float kC2 = float((0.03 * 255) * (0.03 * 255));
    constexpr int kWindows = 26; // valid 7x7 window positions per axis
    // In float with int32 window sums (exact: 49 * 255^2 < 2^31): this vector only ranks a
    // shortlist, and the double version with a division per pixel cost ~23 us per image, as much as
    // ~40 exact SSIM pairs. Rows of 32 lanes so the compiler vectorises every loop.
    alignas(64) float acc[32][32] = {};
    for (int ch = 0; ch < 3; ++ch) {
        alignas(64) std::int32_t px[32][32];
        for (int r = 0; r < 32; ++r)
            for (int c = 0; c < 32; ++c)
                px[r][c] = image[pixelOffset(r, c, ch)];
        // Column sums of 7 rows, then 7 columns: every window's sum and sum of squares.
        alignas(64) std::int32_t colS[kWindows][32], colQ[kWindows][32];
        for (int c = 0; c < 32; ++c) {
            std::int32_t s = 0, q = 0;
            for (int r = 0; r < 7; ++r) {
                s += px[r][c];
                q += px[r][c] * px[r][c];
            }
            colS[0][c] = s;
            colQ[0][c] = q;
        }
        for (int r0 = 1; r0 < kWindows; ++r0)
            for (int c = 0; c < 32; ++c) {
                const std::int32_t in = px[r0 + 6][c], outRow = px[r0 - 1][c];
                colS[r0][c] = colS[r0 - 1][c] + in - outRow;
                colQ[r0][c] = colQ[r0 - 1][c] + in * in - outRow * outRow;
            }
        // Per window: the mean and 1 / sqrt(var + C2); a pixel takes those of the window it belongs
        // to, kept inside the image like SSIM's valid windows (columns clamped here, rows below).
        alignas(64) float mean[kWindows][32], inv[kWindows][32];
        for (int r0 = 0; r0 < kWindows; ++r0) {
            std::int32_t s = 0, q = 0;
            for (int c = 0; c < 7; ++c) {
                s += colS[r0][c];
                q += colQ[r0][c];
            }
            alignas(64) std::int32_t ws[28] = {}, wq[28] = {}; // 26 windows, padded to 7 x 4
            for (int c0 = 0; c0 < kWindows; ++c0) {
                if (c0 > 0) {
                    s += colS[r0][c0 + 6] - colS[r0][c0 - 1];
                    q += colQ[r0][c0 + 6] - colQ[r0][c0 - 1];
                }
                ws[c0] = s;
                wq[c0] = q;
            }
            // Four windows at a time in SSE2 (every x86-64): std::sqrt in a loop stays scalar for
            // errno's sake, and the sqrt and division were most of this function's time.
            alignas(64) float wm[28], wi[28];
            const __m128 n49 = _mm_set1_ps(49.0f), c2 = _mm_set1_ps(kC2), one = _mm_set1_ps(1.0f);
            for (int c0 = 0; c0 < 28; c0 += 4) {
                // Divisions, not products with 1/49: a flat window's mean is exact by construction,
                // so x - mean is 0 there, never rounding noise that the unit scaling would blow up.
                const __m128 m =
                    _mm_div_ps(_mm_cvtepi32_ps(_mm_load_si128(reinterpret_cast<const __m128i *>(ws + c0))), n49);
                const __m128 sq =
                    _mm_div_ps(_mm_cvtepi32_ps(_mm_load_si128(reinterpret_cast<const __m128i *>(wq + c0))), n49);
                const __m128 var = _mm_max_ps(_mm_setzero_ps(), _mm_sub_ps(sq, _mm_mul_ps(m, m)));
                _mm_store_ps(wm + c0, m);
                _mm_store_ps(wi + c0, _mm_div_ps(one, _mm_sqrt_ps(_mm_add_ps(var, c2))));
            }
            for (int c = 0; c < 32; ++c) {
                const int c0 = std::clamp(c - 3, 0, kWindows - 1);
                mean[r0][c] = wm[c0];
                inv[r0][c] = wi[c0];
            }
        }
        for (int r = 0; r < 32; ++r) {
            const int r0 = std::clamp(r - 3, 0, kWindows - 1);
            for (int c = 0; c < 32; ++c)
                acc[r][c] += (float(px[r][c]) - mean[r0][c]) * inv[r0][c];
        }
    }
    // Horizontal pixel pairs summed (ImageFeatures.h: why 512 dimensions).
    float pooled[kStructureDim];
    float norm = 0;
    for (int r = 0; r < 32; ++r)
        for (int c = 0; c < 16; ++c) {
            const float v = acc[r][2 * c] + acc[r][2 * c + 1];
            pooled[r * 16 + c] = v;
            norm += v * v;
        }
    const float scale = norm > 0 ? 1.0f / std::sqrt(norm) : 0.0f;
    for (int i = 0; i < kStructureDim; ++i)
        out[i] = pooled[i] * scale;
}

void structureBytes(const std::uint8_t *image, std::uint8_t *out)
{
    float v[kStructureDim];
    structureFeature(image, v);
    for (int i = 0; i < kStructureDim; ++i) {
        // std::lround (half away from zero) without its library call: x + 0.5 is exact in double
        // for |x| <= 1024, and the conversion truncates towards zero.
        const double x = double(kStructureScale * v[i]);
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
