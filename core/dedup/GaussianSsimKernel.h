#pragma once

#include "core/dedup/SsimKernel.h"

#include <array>
#include <cstdint>

namespace tc::core {

// The fast exact SSIM of the Gaussian11 definition (see Ssim.h) of one image against 16 others,
// laid out like the Uniform7 kernel (SsimKernel.h): each SIMD lane computes one pair.
//
// Why double: a Gaussian window has no exact integer form, and the covariance E[xy] - E[x]E[y]
// cancels up to ~65,000 down to a few units; float would move SSIM by ~1e-4. Per image the filtered
// mean and variance are computed once; per pair only the filtered product x*y is, which is all
// the per-pair work.
inline constexpr int kGaussianTaps = 11;
inline constexpr int kGaussianGrid = 32 - kGaussianTaps + 1;             // 22 inner positions per axis
inline constexpr int kGaussianPositions = kGaussianGrid * kGaussianGrid; // 484

// scipy.ndimage's _gaussian_kernel1d(sigma=1.5, order=0, radius=int(3.5 * 1.5 + 0.5) = 5), sum 1.
const std::array<double, kGaussianTaps> &gaussianSsimWeights();

struct alignas(64) GaussianSsimSingle {
    std::int32_t pixels[3][1024];           // planar, row-major
    double mean[3][kGaussianPositions];     // G*x
    double variance[3][kGaussianPositions]; // G*x^2 - (G*x)^2 + c2/2

    void load(const std::uint8_t *image);
};

struct alignas(64) GaussianSsimLaneBlock {
    std::int32_t pixels[3][1024][kSsimLanes];
    double mean[3][kGaussianPositions][kSsimLanes];
    double variance[3][kGaussianPositions][kSsimLanes];
    int count = 0;

    // images[l] for l < count are canonical 3072-byte images; the other lanes hold a black image.
    void load(const std::uint8_t *const *images, int count);
};

// out[l] = Gaussian SSIM(x, lane l) for l < kSsimLanes (lanes >= block.count hold garbage values).
void ssimAgainstLanes(const GaussianSsimSingle &x, const GaussianSsimLaneBlock &block, float *out);

} // namespace tc::core
