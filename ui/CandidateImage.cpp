#include "ui/CandidateImage.h"

#include "core/common/ImageSet.h"

#include <algorithm>

namespace tc::ui {

QImage candidateImage(const std::uint8_t *pixels)
{
    if (!pixels)
        return {};
    // The QImage constructor only wraps the buffer; copy() detaches it from the caller's memory.
    return QImage(pixels, core::kImageSide, core::kImageSide, core::kRowBytes, QImage::Format_RGB888).copy();
}

QImage candidateImage(const QByteArray &pixels)
{
    if (pixels.size() != core::kImageBytes)
        return {};
    return candidateImage(reinterpret_cast<const std::uint8_t *>(pixels.constData()));
}

QRect integerScaledSquare(const QRect &area, int side)
{
    const int fit = std::min(area.width(), area.height());
    const int factor = fit >= side ? fit / side : 0;
    // Areas smaller than one image still get something drawn, at a fractional scale.
    const int edge = factor > 0 ? factor * side : fit;
    QRect square(0, 0, edge, edge);
    square.moveCenter(area.center());
    return square;
}

} // namespace tc::ui
