#include "core/dedup/SsimKernel.h"

#include "core/common/ImageSet.h"
#include "core/dedup/Ssim.h"

#include <cstring>

// Compiled three times and picked at load time by the CPU's features, so the same binary runs on
// plain x86-64 and uses AVX2 or AVX-512 where present.
#define TC_SIMD_CLONES __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))

namespace tc::core {

namespace {

using v16i = std::int32_t __attribute__((vector_size(64)));
using v16f = float __attribute__((vector_size(64)));

constexpr int kN = 49;
// skimage's constants scaled by the denominators that cancel (see SsimKernel.h):
// c1' = (0.01*255)^2 * 49^2, c2' = (0.03*255)^2 * 49 * 48.
constexpr double kC1s = kSsimC1 * 49.0 * 49.0;
constexpr double kC2s = kSsimC2 * 49.0 * 48.0;

// Window sums of a planar 32x32 channel by running sums: columns first, then along each row.
template <typename Get> void windowSums(Get get, std::int32_t *sum, std::int64_t *sumSq)
{
    std::int64_t col[32] = {}, colSq[32] = {};
    for (int r = 0; r < 7; ++r)
        for (int c = 0; c < 32; ++c) {
            col[c] += get(r, c);
            colSq[c] += std::int64_t(get(r, c)) * get(r, c);
        }
    for (int r0 = 0; r0 < kSsimGrid; ++r0) {
        if (r0 > 0)
            for (int c = 0; c < 32; ++c) {
                const std::int64_t in = get(r0 + 6, c), out = get(r0 - 1, c);
                col[c] += in - out;
                colSq[c] += in * in - out * out;
            }
        std::int64_t s = 0, q = 0;
        for (int c = 0; c < 7; ++c) {
            s += col[c];
            q += colSq[c];
        }
        for (int c0 = 0; c0 < kSsimGrid; ++c0) {
            if (c0 > 0) {
                s += col[c0 + 6] - col[c0 - 1];
                q += colSq[c0 + 6] - colSq[c0 - 1];
            }
            sum[r0 * kSsimGrid + c0] = std::int32_t(s);
            sumSq[r0 * kSsimGrid + c0] = q;
        }
    }
}

void statsFromSums(const std::int32_t *sum, const std::int64_t *sumSq, float *den1, float *den2, int stride)
{
    for (int p = 0; p < kSsimPositions; ++p) {
        const std::int64_t s = sum[p * stride];
        den1[p * stride] = float(double(s * s) + kC1s / 2);
        den2[p * stride] = float(double(kN * sumSq[p] - s * s) + kC2s / 2);
    }
}

// Loads go through __builtin_memcpy into typed locals rather than helper functions: a function
// taking or returning 64-byte vectors changes ABI in the non-AVX-512 clones.
#define TC_LOAD(dst, ptr) __builtin_memcpy(&(dst), (ptr), sizeof(dst))

} // namespace

void SsimSingle::load(const std::uint8_t *image)
{
    std::int64_t sumSq[kSsimPositions];
    for (int ch = 0; ch < 3; ++ch) {
        for (int i = 0; i < 1024; ++i)
            pixels[ch][i] = image[i * kImageChannels + ch];
        const std::int32_t *plane = pixels[ch];
        windowSums([plane](int r, int c) { return plane[r * 32 + c]; }, sum[ch], sumSq);
        statsFromSums(sum[ch], sumSq, den1[ch], den2[ch], 1);
    }
}

// Window statistics of all lanes at once, with the same running sums as the kernel.
TC_SIMD_CLONES static void laneStatistics(SsimLaneBlock &block)
{
    v16i yi, yo;
    for (int ch = 0; ch < 3; ++ch) {
        const auto &yp = block.pixels[ch];
        v16i col[32], colSq[32];
        for (int c = 0; c < 32; ++c) {
            col[c] = colSq[c] = v16i{};
            for (int r = 0; r < 7; ++r) {
                TC_LOAD(yi, yp[r * 32 + c]);
                col[c] += yi;
                colSq[c] += yi * yi;
            }
        }
        for (int r0 = 0; r0 < kSsimGrid; ++r0) {
            if (r0 > 0)
                for (int c = 0; c < 32; ++c) {
                    TC_LOAD(yi, yp[(r0 + 6) * 32 + c]);
                    TC_LOAD(yo, yp[(r0 - 1) * 32 + c]);
                    col[c] += yi - yo;
                    colSq[c] += yi * yi - yo * yo;
                }
            v16i s = col[0] + col[1] + col[2] + col[3] + col[4] + col[5] + col[6];
            v16i q = colSq[0] + colSq[1] + colSq[2] + colSq[3] + colSq[4] + colSq[5] + colSq[6];
            for (int c0 = 0; c0 < kSsimGrid; ++c0) {
                if (c0 > 0) {
                    s += col[c0 + 6] - col[c0 - 1];
                    q += colSq[c0 + 6] - colSq[c0 - 1];
                }
                const int p = r0 * kSsimGrid + c0;
                const v16i s2 = s * s; // <= (49 * 255)^2 < 2^31, and 49 q - s^2 likewise
                const v16f d1 = __builtin_convertvector(s2, v16f) + float(kC1s / 2);
                const v16f d2 = __builtin_convertvector(q * kN - s2, v16f) + float(kC2s / 2);
                __builtin_memcpy(block.sum[ch][p], &s, sizeof s);
                __builtin_memcpy(block.den1[ch][p], &d1, sizeof d1);
                __builtin_memcpy(block.den2[ch][p], &d2, sizeof d2);
            }
        }
    }
}

void gatherLanes(const std::uint8_t *const *images, int n, std::int32_t (*pixels)[1024][kSsimLanes])
{
    static const std::uint8_t kBlack[kImageBytes] = {};
    const std::uint8_t *src[kSsimLanes];
    for (int l = 0; l < kSsimLanes; ++l)
        src[l] = l < n ? images[l] : kBlack;
    // Lane-innermost so every store fills one 64-byte row; the 16 sources stay in L1.
    for (int i = 0; i < 1024; ++i)
        for (int ch = 0; ch < 3; ++ch) {
            std::int32_t *dst = pixels[ch][i];
            for (int l = 0; l < kSsimLanes; ++l)
                dst[l] = src[l][i * kImageChannels + ch];
        }
}

void SsimLaneBlock::load(const std::uint8_t *const *images, int n)
{
    count = n;
    gatherLanes(images, n, pixels);
    laneStatistics(*this);
}

TC_SIMD_CLONES void ssimAgainstLanes(const SsimSingle &x, const SsimLaneBlock &block, float *out)
{
    double total[kSsimLanes] = {};
    const v16f c1 = v16f{} + float(kC1s), c2 = v16f{} + float(kC2s);
    v16i yi, sy;
    v16f d1, d2;
    for (int ch = 0; ch < 3; ++ch) {
        const std::int32_t *xp = x.pixels[ch];
        const auto &yp = block.pixels[ch];
#define TC_ADD_PRODUCT(acc, op, r, c)                                                                                  \
    TC_LOAD(yi, yp[(r)*32 + (c)]);                                                                                     \
    acc op yi *xp[(r)*32 + (c)]
        // Running vertical window sums of x*y per column, then a running sum along the row.
        v16i col[32];
        for (int c = 0; c < 32; ++c) {
            col[c] = v16i{};
            for (int r = 0; r < 7; ++r) {
                TC_ADD_PRODUCT(col[c], +=, r, c);
            }
        }
        for (int r0 = 0; r0 < kSsimGrid; ++r0) {
            if (r0 > 0)
                for (int c = 0; c < 32; ++c) {
                    TC_ADD_PRODUCT(col[c], +=, r0 + 6, c);
                    TC_ADD_PRODUCT(col[c], -=, r0 - 1, c);
                }
            v16i s = col[0] + col[1] + col[2] + col[3] + col[4] + col[5] + col[6];
            v16f rowSum = {};
            for (int c0 = 0; c0 < kSsimGrid; ++c0) {
                if (c0 > 0)
                    s += col[c0 + 6] - col[c0 - 1];
                const int p = r0 * kSsimGrid + c0;
                TC_LOAD(sy, block.sum[ch][p]);
                TC_LOAD(d1, block.den1[ch][p]);
                TC_LOAD(d2, block.den2[ch][p]);
                const v16i sxsy = sy * x.sum[ch][p];
                const v16i cov = s * kN - sxsy; // 49 * 48 * cov_xy, exact
                const v16f num = (__builtin_convertvector(sxsy, v16f) * 2.0f + c1) *
                                 (__builtin_convertvector(cov, v16f) * 2.0f + c2);
                const v16f den = (d1 + x.den1[ch][p]) * (d2 + x.den2[ch][p]);
                rowSum += num / den;
            }
            // A row of 26 terms in float, rows added in double: the mean stays accurate to ~1e-7.
            for (int l = 0; l < kSsimLanes; ++l)
                total[l] += rowSum[l];
        }
#undef TC_ADD_PRODUCT
    }
    for (int l = 0; l < kSsimLanes; ++l)
        out[l] = float(total[l] / (3.0 * kSsimPositions));
}

} // namespace tc::core
