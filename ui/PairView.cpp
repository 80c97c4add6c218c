#include "ui/PairView.h"

#include "ui/ReviewImages.h"

#include <QPaintEvent>
#include <QPainter>
#include <algorithm>

namespace tc::ui {

namespace {
constexpr int kImagePx = 32;
constexpr int kPanelGap = 16; // between panels
constexpr int kCaption = 22;  // text line under each panel
constexpr int kMargin = 12;
constexpr int kDifferenceGain = 4;
} // namespace

PairView::PairView(QWidget *parent) : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    setAttribute(Qt::WA_OpaquePaintEvent);
}

void PairView::setImages(const QImage &candidate, const QImage &reference)
{
    m_candidate = candidate.convertToFormat(QImage::Format_RGB888);
    m_reference = reference.convertToFormat(QImage::Format_RGB888);
    update();
}

void PairView::setCaptions(const QString &candidate, const QString &reference)
{
    m_candidateCaption = candidate;
    m_referenceCaption = reference;
    update();
}

void PairView::clear()
{
    m_candidate = {};
    m_reference = {};
    m_candidateCaption.clear();
    m_referenceCaption.clear();
    m_frame = {};
    update();
}

void PairView::setExtra(Extra extra)
{
    m_extra = extra;
    update();
}

void PairView::setFrameColor(const QColor &color)
{
    m_frame = color;
    update();
}

int PairView::panelCount() const
{
    return m_extra == Extra::None ? 2 : 3;
}

int PairView::scale() const
{
    // Integer scale only: fractional nearest-neighbour scaling makes some pixels wider than others.
    const int n = panelCount();
    const int byWidth = (width() - 2 * kMargin - (n - 1) * kPanelGap) / (n * kImagePx);
    const int byHeight = (height() - 2 * kMargin - kCaption) / kImagePx;
    return std::max(1, std::min(byWidth, byHeight));
}

QSize PairView::minimumSizeHint() const
{
    const int n = panelCount();
    return {n * kImagePx * 4 + (n - 1) * kPanelGap + 2 * kMargin, kImagePx * 4 + kCaption + 2 * kMargin};
}

QSize PairView::sizeHint() const
{
    const int n = panelCount();
    return {n * kImagePx * 10 + (n - 1) * kPanelGap + 2 * kMargin, kImagePx * 10 + kCaption + 2 * kMargin};
}

QImage PairView::extraImage() const
{
    if (m_extra == Extra::Difference)
        return differenceImage(m_candidate, m_reference, kDifferenceGain);
    if (m_extra == Extra::Overlay)
        return overlayImage(m_candidate, m_reference);
    return {};
}

QString PairView::extraCaption() const
{
    if (m_extra == Extra::Difference)
        return tr("|difference| x%1").arg(kDifferenceGain);
    return tr("overlay (50 / 50)");
}

void PairView::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.fillRect(rect(), palette().color(QPalette::Base).darker(115));
    const int s = scale();
    const int side = kImagePx * s;
    const int n = panelCount();
    const int total = n * side + (n - 1) * kPanelGap;
    const int x0 = (width() - total) / 2;
    const int y0 = (height() - side - kCaption) / 2;
    if (m_frame.isValid()) {
        p.setPen(QPen(m_frame, 4));
        p.drawRect(QRect(x0 - 6, y0 - 6, total + 12, side + kCaption + 12));
    }
    paintPanel(p, QRect(x0, y0, side, side), m_candidate, m_candidateCaption);
    paintPanel(p, QRect(x0 + side + kPanelGap, y0, side, side), m_reference, m_referenceCaption);
    if (n == 3)
        paintPanel(p, QRect(x0 + 2 * (side + kPanelGap), y0, side, side), extraImage(), extraCaption());
}

void PairView::paintPanel(QPainter &p, const QRect &area, const QImage &image, const QString &caption) const
{
    if (image.isNull()) {
        p.fillRect(area, palette().color(QPalette::Mid));
    } else {
        // No SmoothPixmapTransform: each source pixel becomes an s x s block.
        p.setRenderHint(QPainter::SmoothPixmapTransform, false);
        p.drawImage(area, image);
    }
    p.setPen(palette().color(QPalette::Text));
    p.drawText(QRect(area.left(), area.bottom() + 4, area.width(), kCaption), Qt::AlignHCenter | Qt::AlignTop, caption);
}

} // namespace tc::ui
