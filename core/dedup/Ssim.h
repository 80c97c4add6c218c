#pragma once

#include "core/common/SsimWindow.h"

#include <cstdint>

namespace tc::core {

// SsimWindow (core/common/SsimWindow.h) names the two definitions of skimage this library computes.

// skimage's stabilising constants for data_range 255: (K1 * 255)^2 and (K2 * 255)^2.
inline constexpr double kSsimC1 = (0.01 * 255.0) * (0.01 * 255.0); // 6.5025
inline constexpr double kSsimC2 = (0.03 * 255.0) * (0.03 * 255.0); // 58.5225

// SSIM of two canonical images (32x32 RGB HWC), straightforwardly, pair by pair, in double precision.
// This is the definition the fast lane kernels (SsimLaneKernel.h) are checked against.
double ssimReference(const std::uint8_t *a, const std::uint8_t *b, SsimWindow window = SsimWindow::Uniform7);

} // namespace tc::core
