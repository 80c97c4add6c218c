#pragma once

#include <cstdint>

namespace tc::core {

// The fast exact SSIM (Uniform7 definition, see Ssim.h) of one image against 16 others at once.
//
// Why lanes: every SIMD lane computes one pair with the plain scalar algorithm, so nothing is
// shuffled across lanes and no lane is wasted on the 26-wide window grid. Window sums of x, x^2,
// y, y^2 are per image and computed once; only sum(x*y) over each 7x7 window depends on the pair.
// All window sums are exact in int32 (49 * 255^2 < 2^22); the closing SSIM formula runs in float
// on integers that are exact, so the result stays within ~1e-6 of skimage's float64 value.
inline constexpr int kSsimLanes = 16;
inline constexpr int kSsimGrid = 26;                         // 32 - 7 + 1 window positions per axis
inline constexpr int kSsimPositions = kSsimGrid * kSsimGrid; // 676

// Transposes up to 16 canonical images into planar lanes: pixels[ch][i][l] is byte i*3+ch of
// images[l]; lanes >= count hold a black image. Both lane blocks (and the Gaussian one) load this way.
void gatherLanes(const std::uint8_t *const *images, int count, std::int32_t (*pixels)[1024][kSsimLanes]);

// One image's side of the formula (the candidate, broadcast over the lanes).
struct alignas(64) SsimSingle {
    std::int32_t pixels[3][1024];        // planar, row-major
    std::int32_t sum[3][kSsimPositions]; // window sum of x
    float den1[3][kSsimPositions];       // Sx^2 + c1'/2
    float den2[3][kSsimPositions];       // 49 Sxx - Sx^2 + c2'/2

    void load(const std::uint8_t *image);
};

// Up to 16 images side by side, lane l holding image l (unused lanes hold a black image).
struct alignas(64) SsimLaneBlock {
    std::int32_t pixels[3][1024][kSsimLanes]; // int32: widening bytes in the kernel vectorises poorly
    std::int32_t sum[3][kSsimPositions][kSsimLanes];
    float den1[3][kSsimPositions][kSsimLanes];
    float den2[3][kSsimPositions][kSsimLanes];
    int count = 0;

    // images[l] for l < count are canonical 3072-byte images.
    void load(const std::uint8_t *const *images, int count);
};

// out[l] = SSIM(x, lane l) for l < kSsimLanes (lanes >= block.count hold garbage values).
void ssimAgainstLanes(const SsimSingle &x, const SsimLaneBlock &block, float *out);

} // namespace tc::core
