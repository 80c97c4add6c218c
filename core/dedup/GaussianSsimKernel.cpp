#include "core/dedup/GaussianSsimKernel.h"

#include "core/common/ImageSet.h"
#include "core/dedup/Ssim.h"

#include <cmath>
#include <cstring>

// Compiled three times and picked at load time, as in SsimKernel.cpp.
#define TC_SIMD_CLONES __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))
// Helpers taking 64-byte vectors must be inlined into each clone: as real calls they would change
// ABI between the clones.
#define TC_INLINE inline __attribute__((always_inline))
// gcc needs the hint to keep the 22 sums in registers (measured: 2x the pairs/s). clang unrolls on
// its own, and a forced unroll under the sanitizers' instrumentation took minutes to compile.
#if defined(__clang__)
#define TC_UNROLL_22
#else
#define TC_UNROLL_22 _Pragma("GCC unroll 22")
#endif

namespace tc::core {

namespace {

using v8d = double __attribute__((vector_size(64)));
using v8f = float __attribute__((vector_size(32)));
using v8i = std::int32_t __attribute__((vector_size(32)));

constexpr int kG = kGaussianGrid;
constexpr int kTaps = kGaussianTaps;
constexpr int kHalf = kSsimLanes / 2; // a block is processed as two halves of 8 double lanes

// The 22 valid horizontal window sums of one row of 32 values. Tap-outer, position-inner: the 22
// sums are independent accumulators, so the FMAs pipeline instead of waiting on each other.
TC_INLINE void filterRow(const double *w, const v8d *row, v8d *out)
{
    v8d s[kG];
    TC_UNROLL_22
    for (int c0 = 0; c0 < kG; ++c0)
        s[c0] = row[c0] * w[0];
    for (int t = 1; t < kTaps; ++t)
        TC_UNROLL_22
    for (int c0 = 0; c0 < kG; ++c0)
        s[c0] += row[c0 + t] * w[t];
    TC_UNROLL_22
    for (int c0 = 0; c0 < kG; ++c0)
        out[c0] = s[c0];
}

// The vertical pass for one output row r0: 22 sums of 11 horizontally filtered rows.
TC_INLINE void filterColumns(const double *w, const v8d (*rows)[kG], int r0, v8d *out)
{
    v8d s[kG];
    TC_UNROLL_22
    for (int c0 = 0; c0 < kG; ++c0)
        s[c0] = rows[r0][c0] * w[0];
    for (int t = 1; t < kTaps; ++t)
        TC_UNROLL_22
    for (int c0 = 0; c0 < kG; ++c0)
        s[c0] += rows[r0 + t][c0] * w[t];
    TC_UNROLL_22
    for (int c0 = 0; c0 < kG; ++c0)
        out[c0] = s[c0];
}

TC_INLINE void laneHalf(const std::int32_t *lanes, int half, v8d *out)
{
    v8i v;
    std::memcpy(&v, lanes + half * kHalf, sizeof v);
    *out = __builtin_convertvector(v, v8d);
}

// Valid-region separable filter of one planar channel, scalar (a candidate's statistics, once per image).
void filterPlane(const double *w, const double *plane, double *out)
{
    double rows[32][kG];
    for (int r = 0; r < 32; ++r)
        for (int c0 = 0; c0 < kG; ++c0) {
            double s = 0;
            for (int t = 0; t < kTaps; ++t)
                s += w[t] * plane[r * 32 + c0 + t];
            rows[r][c0] = s;
        }
    for (int r0 = 0; r0 < kG; ++r0)
        for (int c0 = 0; c0 < kG; ++c0) {
            double s = 0;
            for (int t = 0; t < kTaps; ++t)
                s += w[t] * rows[r0 + t][c0];
            out[r0 * kG + c0] = s;
        }
}

} // namespace

const std::array<double, kGaussianTaps> &gaussianSsimWeights()
{
    static const std::array<double, kGaussianTaps> weights = [] {
        std::array<double, kGaussianTaps> w{};
        double sum = 0;
        for (int i = 0; i < kTaps; ++i) {
            const double x = i - kTaps / 2;
            w[size_t(i)] = std::exp(-0.5 / (1.5 * 1.5) * x * x);
            sum += w[size_t(i)];
        }
        for (double &v : w)
            v /= sum;
        return w;
    }();
    return weights;
}

void GaussianSsimSingle::load(const std::uint8_t *image)
{
    const double *w = gaussianSsimWeights().data();
    double x[1024], xx[1024], meanSq[kGaussianPositions];
    for (int ch = 0; ch < 3; ++ch) {
        for (int i = 0; i < 1024; ++i) {
            pixels[ch][i] = image[i * kImageChannels + ch];
            x[i] = pixels[ch][i];
            xx[i] = x[i] * x[i];
        }
        filterPlane(w, x, mean[ch]);
        filterPlane(w, xx, meanSq);
        for (int p = 0; p < kGaussianPositions; ++p)
            variance[ch][p] = meanSq[p] - mean[ch][p] * mean[ch][p] + kSsimC2 / 2;
    }
}

// Mean and variance of every lane with the pair kernel's filter, 8 lanes at a time.
TC_SIMD_CLONES static void gaussianLaneStatistics(GaussianSsimLaneBlock &block)
{
    double w[kTaps];
    std::memcpy(w, gaussianSsimWeights().data(), sizeof w);
    v8d rowsMean[32][kG], rowsSq[32][kG], row[32], rowSq[32], m[kG], sq[kG];
    for (int half = 0; half < 2; ++half)
        for (int ch = 0; ch < 3; ++ch) {
            for (int r = 0; r < 32; ++r) {
                for (int c = 0; c < 32; ++c) {
                    laneHalf(block.pixels[ch][r * 32 + c], half, &row[c]);
                    rowSq[c] = row[c] * row[c];
                }
                filterRow(w, row, rowsMean[r]);
                filterRow(w, rowSq, rowsSq[r]);
            }
            for (int r0 = 0; r0 < kG; ++r0) {
                filterColumns(w, rowsMean, r0, m);
                filterColumns(w, rowsSq, r0, sq);
                for (int c0 = 0; c0 < kG; ++c0) {
                    const v8d v = sq[c0] - m[c0] * m[c0] + kSsimC2 / 2;
                    const int p = r0 * kG + c0;
                    std::memcpy(block.mean[ch][p] + half * kHalf, &m[c0], sizeof m[c0]);
                    std::memcpy(block.variance[ch][p] + half * kHalf, &v, sizeof v);
                }
            }
        }
}

void GaussianSsimLaneBlock::load(const std::uint8_t *const *images, int n)
{
    count = n;
    gatherLanes(images, n, pixels);
    gaussianLaneStatistics(*this);
}

TC_SIMD_CLONES void ssimAgainstLanes(const GaussianSsimSingle &x, const GaussianSsimLaneBlock &block, float *out)
{
    double w[kTaps];
    std::memcpy(w, gaussianSsimWeights().data(), sizeof w);
    v8d rows[32][kG], row[32], my, vy, xy[kG];
    for (int half = 0; half < 2; ++half) {
        v8d total = {};
        for (int ch = 0; ch < 3; ++ch) {
            // Horizontal pass of x*y (exact integers), then vertical pass and the SSIM formula.
            for (int r = 0; r < 32; ++r) {
                for (int c = 0; c < 32; ++c) {
                    laneHalf(block.pixels[ch][r * 32 + c], half, &row[c]);
                    row[c] *= double(x.pixels[ch][r * 32 + c]);
                }
                filterRow(w, row, rows[r]);
            }
            for (int r0 = 0; r0 < kG; ++r0) {
                filterColumns(w, rows, r0, xy);
                v8f rowSum = {};
                for (int c0 = 0; c0 < kG; ++c0) {
                    const int p = r0 * kG + c0;
                    std::memcpy(&my, block.mean[ch][p] + half * kHalf, sizeof my);
                    std::memcpy(&vy, block.variance[ch][p] + half * kHalf, sizeof vy);
                    const double mx = x.mean[ch][p];
                    const v8d mxy = my * mx;
                    const v8d cov = xy[c0] - mxy;
                    const v8d num = (mxy * 2 + kSsimC1) * (cov * 2 + kSsimC2);
                    const v8d den = (my * my + (mx * mx + kSsimC1)) * (vy + x.variance[ch][p]);
                    // One term in float keeps the division cheap; the mean over 1,452 terms stays ~1e-7.
                    rowSum += __builtin_convertvector(num, v8f) / __builtin_convertvector(den, v8f);
                }
                total += __builtin_convertvector(rowSum, v8d);
            }
        }
        for (int l = 0; l < kHalf; ++l)
            out[half * kHalf + l] = float(total[l] / (3.0 * kGaussianPositions));
    }
}

} // namespace tc::core
