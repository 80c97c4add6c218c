#include "ui/CandidateImageWidget.h"

#include "ui/CandidateImage.h"

#include <QPainter>

namespace tc::ui {

CandidateImageWidget::CandidateImageWidget(QWidget *parent) : QWidget(parent)
{
    // We paint every pixel of the widget ourselves, so Qt need not clear it first.
    setAttribute(Qt::WA_OpaquePaintEvent);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void CandidateImageWidget::setImage(const QImage &image)
{
    m_image = image;
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
    painter.fillRect(rect(), QColor(0x55, 0x55, 0x55));
    if (m_image.isNull()) {
        painter.setPen(Qt::white);
        painter.drawText(rect(), Qt::AlignCenter | Qt::TextWordWrap, m_placeholder);
        return;
    }
    painter.setRenderHint(QPainter::SmoothPixmapTransform, m_smooth);
    painter.drawImage(integerScaledSquare(rect().adjusted(8, 8, -8, -8), m_image.width()), m_image);
}

} // namespace tc::ui
