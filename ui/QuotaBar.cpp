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
    update();
}

void QuotaBar::clear()
{
    setFigures(0, 0, {});
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
    if (m_quota > 0 && m_accepted > 0) {
        const double share = std::min(1.0, double(m_accepted) / double(m_quota));
        QRect done = rect();
        done.setWidth(int(share * width()));
        painter.fillRect(done, palette().highlight());
    }
    painter.setPen(palette().mid().color());
    painter.drawRect(frame);
    painter.setPen(palette().text().color());
    painter.drawText(rect(), Qt::AlignCenter, m_text);
}

} // namespace tc::ui
