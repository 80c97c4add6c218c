#pragma once

#include "core/dedup/IntKernels.h"
#include "core/dedup/Ssim.h"

#include <QString>
#include <cstdint>

namespace tc::core {

// The fast exact SSIM (Uniform7 definition, see Ssim.h) of one image against 16 others at once.
//
// Why lanes: every SIMD lane computes one pair with the plain scalar algorithm, so nothing is
// shuffled across lanes and no lane is wasted on the 26-wide window grid. Window sums of x, x^2,
// y, y^2 are per image and computed once; only sum(x*y) over each 7x7 window depends on the pair.
//
// Exactness: every window sum is an exact integer. The cross term 98 * sum(x*y) is accumulated by
// pairs of 16-bit products (vpdpwssd / vpmaddwd: y_in * 98 x_in - y_out * 98 x_out per row step),
// exact in int32 (49 * 98 * 255^2 < 2^31). The closing formula then runs in float on those exact
// integers with the same IEEE operations in the same order on every path (no fused multiply-add
// can arise: no product feeds an addition), so the paths agree bit for bit and the result stays
// within ~1e-6 of skimage's float64 value. The formula is symmetric, so SSIM(x, y) == SSIM(y, x)
// bit for bit as well.
inline constexpr int kSsimLanes = 16;
inline constexpr int kSsimGrid = 26;                         // 32 - 7 + 1 window positions per axis
inline constexpr int kSsimPositions = kSsimGrid * kSsimGrid; // 676
// Row steps of the running 7-row window sums: 4 to fill the first window (rows 0+1, 2+3, 4+5, 6)
// and one per further window row (row r0 + 6 in, row r0 - 1 out).
inline constexpr int kSsimRowSteps = 4 + kSsimGrid - 1; // 29
// Candidates one kernel call streams past a block, each block row read once for all of them.
inline constexpr int kSsimInFlight = 16;

// The instruction sets of the kernel, chosen with the integer kernel (IntKernels.h) so that
// TC_INT_KERNEL forces both: avx512vnni and amx run the AVX-512 path (vpdpwssd), avxvnni and avx2
// the AVX2 path (vpmaddwd), scalar the plain C++ one; ssimPathFor falls back to a slower path
// if the CPU lacks the one the integer kernel implies.
enum class SsimPath { Scalar, Avx2, Avx512 };
SsimPath ssimPathFor(IntKernel kernel);
// The path of the fastest integer kernel this machine runs (TC_INT_KERNEL not consulted).
SsimPath fastestSsimPath();
bool ssimPathSupported(SsimPath path);
QString ssimPathName(SsimPath path);

// Transposes up to 16 canonical images into planar lanes: pixels[ch][i][l] is byte i*3+ch of
// images[l]; lanes >= count hold a black image (the Gaussian lane block loads this way).
void gatherLanes(const std::uint8_t *const *images, int count, std::int32_t (*pixels)[1024][kSsimLanes]);

// One image's side of the formula (the candidate, broadcast over the lanes).
struct alignas(64) SsimSingle {
    // Per row step and column, two int16 multipliers packed in an int32 (low half first):
    // (98 x_a, 98 x_b) while filling, (98 x_in, -98 x_out) while sliding.
    std::int32_t steps[3][kSsimRowSteps][32];
    std::int32_t negSum2[3][kSsimPositions]; // -2 * window sum of x as an int16 pair (-2 Sx, 0)
    std::int32_t sum2[3][kSsimPositions];    // 2 * window sum of x as an int16 pair (2 Sx, 2 Sx)
    float den1[3][kSsimPositions];           // 2 Sx^2 + 31225 / 2 (the luminance factor scaled by 2)
    float den2[3][kSsimPositions];           // 49 Sxx - Sx^2 + c2'/2

    void load(const std::uint8_t *image);
};

// Up to 16 images side by side, lane l holding image l (unused lanes hold a black image).
struct alignas(64) SsimLaneBlock {
    // Per row step and column, the two rows' pixels of every lane as int16 pairs (y_a, y_b) /
    // (y_in, y_out), the layout vpdpwssd multiplies with SsimSingle::steps.
    std::int16_t steps[3][kSsimRowSteps][32][kSsimLanes][2];
    std::int16_t sum[3][kSsimPositions][kSsimLanes][2]; // window sum of y, twice: (Sy, Sy)
    float den1[3][kSsimPositions][kSsimLanes];
    float den2[3][kSsimPositions][kSsimLanes];
    int count = 0;
    SsimPath path = fastestSsimPath(); // the instruction set load() and the kernels run on

    // images[l] for l < count are canonical 3072-byte images.
    void load(const std::uint8_t *const *images, int count);
};

// out[l] = SSIM(x, lane l) for l < kSsimLanes (lanes >= block.count hold garbage values), on block.path.
void ssimAgainstLanes(const SsimSingle &x, const SsimLaneBlock &block, float *out);
// The same for count singles at once (any count; out holds count x 16 values): the block's data is
// read once per kSsimInFlight singles instead of once per single.
void ssimManyAgainstLanes(const SsimSingle *const *xs, int count, const SsimLaneBlock &block, float *out);

namespace ssimpath {
// skimage's constants scaled by the denominators that cancel: c1' = (0.01*255)^2 * 49^2,
// c2' = (0.03*255)^2 * 49 * 48, as the float the formula adds (c2' halves per image).
//
// The luminance factor is scaled by 2 and its numerator 4 Sx Sy + 2 c1' formed in int32 by one
// vpdpwssd from an integer constant: 2 c1' = 31225.005 rounded to 31225 (4 * 12495^2 + 31225 < 2^31),
// and the denominator uses the same 31225 (31225 / 2 per image, exact in float), so a flat window
// pair with equal means still gives exactly 1. The 0.005 moves a window's luminance factor by at
// most 0.005 / (4 * 31225) = 4e-8, below the float formula's own rounding.
inline constexpr float kSsimC2Scaled = float(kSsimC2 * 49.0 * 48.0);
inline constexpr float kSsimC2Half = float(kSsimC2 * 49.0 * 48.0 / 2);
inline constexpr std::int32_t kSsimC1TwiceInt = 31225;
inline constexpr float kSsimC1TwiceHalf = float(kSsimC1TwiceInt) / 2; // per image, exact
static_assert(kSsimC1 * 49.0 * 49.0 * 2 - kSsimC1TwiceInt < 0.01 && kSsimC1 * 49.0 * 49.0 * 2 - kSsimC1TwiceInt > 0);
// Internal to SsimKernel*.cpp: one entry point per path (xs: at most kSsimInFlight singles).
// The row pairs of each row step: rows a and b (b < 0: none, a zero multiplier), b leaving the
// window when sliding.
struct RowStep {
    int a, b;
    bool sliding;
};
inline constexpr RowStep rowStep(int step)
{
    if (step < 4)
        return {2 * step, step < 3 ? 2 * step + 1 : -1, false};
    return {step - 3 + 6, step - 3 - 1, true};
}
// Fills block.steps from the 16 sources (black ones included) with AVX-512.
void rowStepsAvx512(SsimLaneBlock &block, const std::uint8_t *const *src);
void statisticsScalar(SsimLaneBlock &block);
void statisticsAvx2(SsimLaneBlock &block);
void statisticsAvx512(SsimLaneBlock &block);
void againstScalar(const SsimSingle *const *xs, int count, const SsimLaneBlock &block, float *out);
void againstAvx2(const SsimSingle *const *xs, int count, const SsimLaneBlock &block, float *out);
void againstAvx512(const SsimSingle *const *xs, int count, const SsimLaneBlock &block, float *out);
} // namespace ssimpath

} // namespace tc::core
