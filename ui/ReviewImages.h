#pragma once

#include <QImage>

namespace tc::ui {

// What the review pane paints from two images (made from canonical pixels by ui/CandidateImage's
// candidateImage(), the one pixels -> QImage conversion). Free functions rather than a class: they hold no
// state and several views share them.

// Per-pixel |a - b| per channel, multiplied by gain and clamped: near-duplicates differ by a few grey
// levels, which would be invisible at gain 1.
QImage differenceImage(const QImage &a, const QImage &b, int gain = 4);

// a and b mixed half and half: a shifted or recoloured copy shows as a ghost.
QImage overlayImage(const QImage &a, const QImage &b);

} // namespace tc::ui
