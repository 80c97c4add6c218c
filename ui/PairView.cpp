#include "ui/PairView.h"

#include "ui/ReviewImages.h"

#include <QHelpEvent>
#include <QPaintEvent>
#include <QPainter>
#include <QToolTip>
#include <algorithm>

namespace tc::ui {

namespace {
constexpr int kImagePx = 32;
constexpr int kPanelGap = 16; // between panels
constexpr int kMargin = 12;
constexpr int kDifferenceGain = 4;
} // namespace

PairView::PairView(QWidget *parent) : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    setAttribute(Qt::WA_OpaquePaintEvent);
}

void PairView::setImages(const QImage &candidate, const QImage &reference, const QImage &aligned,
                         const QString &alignment)
{
    m_candidate = candidate.convertToFormat(QImage::Format_RGB888);
    m_reference = reference.convertToFormat(QImage::Format_RGB888);
    m_aligned = aligned.isNull() ? QImage() : aligned.convertToFormat(QImage::Format_RGB888);
    m_alignment = aligned.isNull() ? QString() : alignment;
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
    m_aligned = {};
    m_alignment.clear();
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

int PairView::captionHeight() const
{
    // Two text lines under each panel, whatever the font: "<name> #<index>" and, for a pair matched under a
    // shift or mirror, the alignment on its own line when both do not fit on one. Always two, so the
    // images keep their size from one pair to the next.
    return 2 * fontMetrics().height() + 6;
}

int PairView::scale() const
{
    // Integer scale only: fractional nearest-neighbour scaling makes some pixels wider than others.
    const int n = panelCount();
    const int byWidth = ((width() - 2 * kMargin) / n - kPanelGap) / kImagePx;
    const int byHeight = (height() - 2 * kMargin - captionHeight()) / kImagePx;
    return std::max(1, std::min(byWidth, byHeight));
}

QSize PairView::minimumSizeHint() const
{
    const int n = panelCount();
    return {n * kImagePx * 3 + (n - 1) * kPanelGap + 2 * kMargin, kImagePx * 3 + captionHeight() + 2 * kMargin};
}

QSize PairView::sizeHint() const
{
    const int n = panelCount();
    return {n * kImagePx * 10 + (n - 1) * kPanelGap + 2 * kMargin, kImagePx * 10 + captionHeight() + 2 * kMargin};
}

QImage PairView::extraImage() const
{
    // A shifted or mirrored copy is compared where it lines up, as its scores were.
    const QImage &reference = m_aligned.isNull() ? m_reference : m_aligned;
    if (m_extra == Extra::Difference)
        return differenceImage(m_candidate, reference, kDifferenceGain);
    if (m_extra == Extra::Overlay)
        return overlayImage(m_candidate, reference);
    return {};
}

QString PairView::extraCaption() const
{
    const QString what =
        m_extra == Extra::Difference ? tr("|difference| x%1").arg(kDifferenceGain) : tr("overlay (50 / 50)");
    return m_alignment.isEmpty() ? what : tr("%1, reference %2").arg(what, m_alignment);
}

QRect PairView::panelRect(int panel) const
{
    // Each panel centred in an equal column: the images stay close at the smallest size, and the captions
    // get the column's width when there is room.
    const int side = kImagePx * scale();
    const int column = (width() - 2 * kMargin) / panelCount();
    const int y0 = (height() - side - captionHeight()) / 2;
    return {kMargin + panel * column + (column - side) / 2, y0, side, side};
}

QRect PairView::captionRect(int panel) const
{
    const QRect area = panelRect(panel);
    const int column = (width() - 2 * kMargin) / panelCount();
    return {area.center().x() - column / 2 + 4, area.bottom() + 4, column - 8, captionHeight()};
}

QString PairView::caption(int panel) const
{
    switch (panel) {
    case 0:
        return m_candidateCaption;
    case 1:
        return m_referenceCaption;
    case 2:
        return panelCount() == 3 ? extraCaption() : QString();
    default:
        return {};
    }
}

QString PairView::shownCaption(int panel) const
{
    // "<name> #<index>": the index is what tells two images apart, so the name gives way first.
    const QString text = caption(panel);
    const int width = captionRect(panel).width();
    const QFontMetrics fm = fontMetrics();
    if (fm.horizontalAdvance(text) <= width)
        return text;
    // Two lines before anything is elided: "<name> #<index>" / "(<alignment>)", or a list such as
    // "|difference| x4, reference mirrored, shifted 2 px up" broken after the comma that balances the lines.
    QString twoLines;
    int widest = width + 1;
    const auto tryBreak = [&](qsizetype firstEnd, qsizetype secondStart) {
        const QString first = text.left(firstEnd), second = text.mid(secondStart);
        const int w = int(std::max(fm.horizontalAdvance(first), fm.horizontalAdvance(second)));
        if (w < widest) {
            widest = w;
            twoLines = first + u'\n' + second;
        }
    };
    if (const qsizetype open = text.lastIndexOf(QStringLiteral(" (")); open > 0 && text.endsWith(u')'))
        tryBreak(open, open + 1);
    if (twoLines.isEmpty())
        for (qsizetype comma = text.indexOf(QStringLiteral(", ")); comma > 0;
             comma = text.indexOf(QStringLiteral(", "), comma + 1))
            tryBreak(comma + 1, comma + 2);
    if (!twoLines.isEmpty())
        return twoLines;
    const qsizetype hash = text.lastIndexOf(QStringLiteral(" #"));
    if (hash > 0) {
        const QString index = text.mid(hash);
        const int rest = width - fm.horizontalAdvance(index);
        if (rest > fm.horizontalAdvance(QStringLiteral("xx\u2026")))
            return fm.elidedText(text.left(hash), Qt::ElideRight, rest) + index;
    }
    return fm.elidedText(text, Qt::ElideMiddle, width);
}

bool PairView::event(QEvent *event)
{
    if (event->type() == QEvent::ToolTip) {
        const auto *help = static_cast<QHelpEvent *>(event);
        for (int panel = 0; panel < panelCount(); ++panel)
            if (captionRect(panel).united(panelRect(panel)).contains(help->pos()) && !caption(panel).isEmpty()) {
                QToolTip::showText(help->globalPos(), caption(panel), this, captionRect(panel));
                return true;
            }
        QToolTip::hideText();
        event->ignore();
        return true;
    }
    return QWidget::event(event);
}

void PairView::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.fillRect(rect(), palette().color(QPalette::Base).darker(115));
    const int n = panelCount();
    if (m_frame.isValid()) {
        const QRect first = panelRect(0), last = panelRect(n - 1);
        p.setPen(QPen(m_frame, 4));
        p.drawRect(QRect(first.left() - 6, first.top() - 6, last.right() - first.left() + 13,
                         first.height() + captionHeight() + 12));
    }
    paintPanel(p, 0, m_candidate);
    paintPanel(p, 1, m_reference);
    if (n == 3)
        paintPanel(p, 2, extraImage());
}

void PairView::paintPanel(QPainter &p, int panel, const QImage &image) const
{
    const QRect area = panelRect(panel);
    if (image.isNull()) {
        p.fillRect(area, palette().color(QPalette::Mid));
    } else {
        // No SmoothPixmapTransform: each source pixel becomes an s x s block.
        p.setRenderHint(QPainter::SmoothPixmapTransform, false);
        p.drawImage(area, image);
    }
    p.setPen(palette().color(QPalette::Text));
    p.drawText(captionRect(panel), Qt::AlignHCenter | Qt::AlignTop, shownCaption(panel));
}

} // namespace tc::ui
