#pragma once

#include <cstdint>

namespace tc::core {

// Small per-image vectors that let the integer kernels (IntKernels.h) stand in for the expensive
// measures when building shortlists.

// The 2x2 block means of an image, rounded to nearest (768 bytes: 16 x 16 blocks x 3 channels, the
// integer kernels' input for ExactL2Search's first pass). Returns the norm of half the rounding
// residual, |s - 4q| / 2 over the blocks' sums s, which ExactL2Search's bound needs (<= sqrt(768)).
inline constexpr int kBlockMeanDim = 768;
double blockMeans(const std::uint8_t *image, std::uint8_t *out);
// |x - Px|: the norm of what the 2x2 block means leave out (P: the projection onto block-constant
// images), from exact integer sums.
double blockResidualNorm(const std::uint8_t *image);

// SSIM's structure term, linearised: every pixel minus its 7x7 local mean, divided by the local
// standard deviation (+ C2, as SSIM does), summed over the channels and over horizontal pixel pairs
// (32 rows x 16 pairs), scaled to unit length.
// The dot product of two such vectors tracks the windows' mean correlation, which is what SSIM
// rewards beyond brightness; it finds near duplicates whose L2 is large (contrast and brightness changes).
// Pairs, not pixels: neighbouring terms are strongly correlated (their windows share 42 of 49
// pixels), so 512 dimensions rank like 1,024 (the same recall on the bench's 2,000 candidates at
// SSIM >= 0.75 and 0.6) at half the shortlist GEMM; 256 (2x2 blocks) lost 2 % of the pairs at 0.6.
inline constexpr int kStructureDim = 512;
void structureFeature(const std::uint8_t *image, float *out);
// The same vector in bytes for the integer kernels: 128 + round(724 v), clamped to [0, 255] (a
// component is 1/sqrt(512) = 0.044 in RMS at unit length, so the clamp at 4 times that touches
// outliers only). The offset cancels in differences, so squared distances of these bytes rank
// references like 2 - 2 <v_x, v_y>, the correlation, up to the rounding.
inline constexpr float kStructureScale = 724.0f;
void structureBytes(const std::uint8_t *image, std::uint8_t *out);

// Exact sum of squared differences of two canonical images (the squared L2 distance, <= 3072 * 255^2).
std::int64_t squaredDistance(const std::uint8_t *a, const std::uint8_t *b);

} // namespace tc::core
