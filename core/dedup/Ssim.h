#pragma once

#include <cstdint>

namespace tc::core {

// The two SSIM definitions of skimage.metrics.structural_similarity for 8-bit RGB images
// (channel_axis=-1, data_range=255, K1=0.01, K2=0.03; RGB = mean of the per-channel SSIMs):
// - Uniform7: the defaults: 7x7 uniform window, sample covariance (N/(N-1)), mean over the 26x26
//   window positions that lie inside the image (skimage crops (7-1)/2 = 3 pixels from each border);
// - Gaussian11: gaussian_weights=True, sigma=1.5, use_sample_covariance=False: scipy's 11-tap
//   Gaussian (truncate 3.5), mean over the 22x22 inner positions.
enum class SsimWindow { Uniform7, Gaussian11 };

// skimage's stabilising constants for data_range 255: (K1 * 255)^2 and (K2 * 255)^2.
inline constexpr double kSsimC1 = (0.01 * 255.0) * (0.01 * 255.0); // 6.5025
inline constexpr double kSsimC2 = (0.03 * 255.0) * (0.03 * 255.0); // 58.5225

// SSIM of two canonical images (32x32 RGB HWC), straightforwardly, pair by pair, in double precision.
// This is the definition the fast lane kernels (SsimLaneKernel.h) are checked against.
double ssimReference(const std::uint8_t *a, const std::uint8_t *b, SsimWindow window = SsimWindow::Uniform7);

} // namespace tc::core
