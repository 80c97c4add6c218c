#pragma once

namespace tc::core {

// The two SSIM definitions of skimage.metrics.structural_similarity for 8-bit RGB images
// (channel_axis=-1, data_range=255, K1=0.01, K2=0.03; RGB = mean of the per-channel SSIMs):
// - Uniform7: the defaults: 7x7 uniform window, sample covariance (N/(N-1)), mean over the 26x26
//   window positions that lie inside the image (skimage crops (7-1)/2 = 3 pixels from each border);
// - Gaussian11: gaussian_weights=True, sigma=1.5, use_sample_covariance=False: scipy's 11-tap
//   Gaussian (truncate 3.5), mean over the 22x22 inner positions.
// In common so that the project's stored search settings (core/project/DedupTypes.h) can name it
// without the project library depending on the dedup library.
enum class SsimWindow { Uniform7, Gaussian11 };

} // namespace tc::core
