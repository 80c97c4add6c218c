#include "ui/CandidateImageWidget.h"

#include "ui/CandidateImage.h"

#include <QPainter>
#include <QRegion>

namespace tc::ui {

CandidateImageWidget::CandidateImageWidget(QWidget *parent) : QWidget(parent)
{
    // We paint every pixel of the widget ourselves, so Qt need not clear it first.
    setAttribute(Qt::WA_OpaquePaintEvent);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void CandidateImageWidget::setImage(const QImage &image)
{
    // The raster engine scales 32-bit images on its fast path; other formats are converted on every paint.
    m_image = image.format() == QImage::Format_RGB32 ? image : image.convertToFormat(QImage::Format_RGB32);
    m_placeholder.clear();
    update();
}

void CandidateImageWidget::setSmooth(bool smooth)
{
    if (m_smooth == smooth)
        return;
    m_smooth = smooth;
    update();
}

void CandidateImageWidget::setPlaceholder(const QString &text)
{
    m_image = QImage();
    m_placeholder = text;
    update();
}

void CandidateImageWidget::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    // A neutral mid-grey surround does not bias how bright or saturated the candidate looks.
    const QColor surround(0x55, 0x55, 0x55);
    if (m_image.isNull()) {
        painter.fillRect(rect(), surround);
        painter.setPen(Qt::white);
        painter.drawText(rect(), Qt::AlignCenter | Qt::TextWordWrap, m_placeholder);
        return;
    }
    // Grey around the image only: the image covers the rest, so those pixels are written once.
    const QRect target = integerScaledSquare(rect().adjusted(8, 8, -8, -8), m_image.width());
    for (const QRect &r : QRegion(rect()).subtracted(target))
        painter.fillRect(r, surround);
    painter.setRenderHint(QPainter::SmoothPixmapTransform, m_smooth);
    painter.drawImage(target, m_image);
}

} // namespace tc::ui
