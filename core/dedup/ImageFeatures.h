#pragma once

#include <cstdint>

namespace tc::core {

// Small per-image vectors that let GEMMs stand in for the expensive measures when building shortlists.

// A vector whose distances bound the true L2 distance from below: the 2x2 block sums per channel
// halved (768 values; an orthogonal projection P, up to that factor) plus the norm of what the
// projection drops, r = |x - Px|. Then |f(x) - f(y)|^2 = |Px - Py|^2 + (r_x - r_y)^2 <= |x - y|^2, and
// the bound is tight enough that a GEMM over 769 dimensions (a quarter of the full 3072) finds a
// shortlist that provably holds the exact top-k (see NearDuplicateSearch).
inline constexpr int kBoundDim = 769;
void l2BoundFeature(const std::uint8_t *image, float *out);

// SSIM's structure term, linearised: every pixel minus its 7x7 local mean, divided by the local
// standard deviation (+ C2, as SSIM does), averaged over the channels and scaled to unit length.
// The dot product of two such vectors tracks the windows' mean correlation, which is what SSIM
// rewards beyond brightness; it finds near duplicates whose L2 is large (contrast and brightness changes).
inline constexpr int kStructureDim = 1024;
void structureFeature(const std::uint8_t *image, float *out);

// Exact sum of squared differences of two canonical images (the squared L2 distance, <= 3072 * 255^2).
std::int64_t squaredDistance(const std::uint8_t *a, const std::uint8_t *b);

} // namespace tc::core
