#include "ui/QuotaBar.h"

#include <QPainter>
#include <algorithm>

namespace tc::ui {

QuotaBar::QuotaBar(QWidget *parent) : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
}

void QuotaBar::setFigures(qint64 accepted, qint64 quota, const QString &text)
{
    if (accepted == m_accepted && quota == m_quota && text == m_text)
        return;
    m_accepted = accepted;
    m_quota = quota;
    m_text = text;
    setToolTip(text);
    update();
}

void QuotaBar::clear()
{
    setFigures(0, 0, {});
}

QuotaBar::State QuotaBar::stateOf(qint64 accepted, qint64 quota)
{
    if (quota <= 0)
        return State::None;
    return accepted < quota ? State::Below : accepted == quota ? State::Met : State::Over;
}

QColor QuotaBar::overColor()
{
    return {214, 84, 20};
}

QString QuotaBar::describe(qint64 accepted, qint64 quota, const QString &scope, qint64 pending)
{
    const qint64 total = accepted + pending;
    if (quota <= 0)
        return tr("%1 accepted for %2 (no quota)").arg(total).arg(scope);
    QString figures = tr("%1 of %2 accepted for %3").arg(accepted).arg(quota).arg(scope);
    if (pending > 0)
        figures += tr(", %n more on this page", nullptr, int(pending));
    else if (pending < 0)
        figures += tr(", %n fewer on this page", nullptr, int(-pending));
    // The state comes first: where the bar is too narrow, the figures are elided, never the words.
    switch (stateOf(total, quota)) {
    case State::Met:
        return pending != 0 ? tr("Quota met if committed: %1").arg(figures) : tr("Quota met: %1").arg(figures);
    case State::Over:
        return pending != 0 ? tr("OVER QUOTA by %1 if committed: %2").arg(total - quota).arg(figures)
                            : tr("OVER QUOTA by %1: %2").arg(total - quota).arg(figures);
    case State::None:
    case State::Below:
        break;
    }
    return figures;
}

QSize QuotaBar::sizeHint() const
{
    const QFontMetrics fm(font());
    return {fm.averageCharWidth() * 36, fm.height() + 8};
}

QSize QuotaBar::minimumSizeHint() const
{
    const QFontMetrics fm(font());
    return {fm.averageCharWidth() * 8, fm.height() + 8};
}

void QuotaBar::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    const QRect frame = rect().adjusted(0, 0, -1, -1);
    painter.fillRect(rect(), palette().base());
    const State state = this->state();
    QColor fill = palette().highlight().color();
    QColor text = palette().text().color();
    if (state == State::Met)
        fill = QColor(46, 160, 67);
    if (state == State::Over) {
        fill = overColor();
        text = Qt::white;
    }
    if (m_quota > 0 && m_accepted > 0) {
        const double share = std::min(1.0, double(m_accepted) / double(m_quota));
        QRect done = rect();
        done.setWidth(int(share * width()));
        painter.fillRect(done, fill);
        if (state != State::Below)
            text = Qt::white; // on the full bar
    }
    painter.setPen(state == State::Over ? QPen(fill.darker(150), 2) : QPen(palette().mid().color()));
    painter.drawRect(frame);
    QFont font = painter.font();
    font.setBold(state == State::Over);
    painter.setFont(font);
    painter.setPen(text);
    const QFontMetrics fm(font);
    painter.drawText(rect().adjusted(4, 0, -4, 0), Qt::AlignCenter, fm.elidedText(m_text, Qt::ElideRight, width() - 8));
}

} // namespace tc::ui
