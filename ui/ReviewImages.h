#pragma once

#include <QImage>
#include <cstdint>
#include <span>

namespace tc::ui {

// Conversions from the canonical 32x32 RGB HWC bytes (tc::core::ImageSet) to what the review pane paints.
// Free functions rather than a class: they hold no state and several views share them.

// A deep copy, so the image outlives the bytes it came from.
QImage imageFromCanonical(std::span<const std::uint8_t> pixels);

// Per-pixel |a - b| per channel, multiplied by gain and clamped: near-duplicates differ by a few grey
// levels, which would be invisible at gain 1.
QImage differenceImage(const QImage &a, const QImage &b, int gain = 4);

// a and b mixed half and half: a shifted or recoloured copy shows as a ghost.
QImage overlayImage(const QImage &a, const QImage &b);

} // namespace tc::ui
