#pragma once

#include <QImage>
#include <cstdint>

namespace tc::ui {

// THE pixels -> QImage conversion of the ui (verify views, agreement dialog, review pane, exact groups).
// The canonical layout (32x32 RGB, row-major HWC, 96 bytes per row) is exactly QImage::Format_RGB888,
// so a candidate becomes a QImage with one 3 KB copy and no per-pixel work. A deep copy: the image
// outlives the bytes. Anything but 3072 bytes (a missing row, a damaged blob) gives a null QImage.
QImage candidateImage(const std::uint8_t *pixels);
QImage candidateImage(const QByteArray &pixels);

// The largest square of integer multiples of 32 px that fits in `area`, centred: integer scale factors keep
// nearest-neighbour pixels all the same size, which is what lets an annotator judge texture honestly.
QRect integerScaledSquare(const QRect &area, int side = 32);

} // namespace tc::ui
