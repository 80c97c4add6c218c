#include "ui/StaticTextLine.h"

#include <QClipboard>
#include <QContextMenuEvent>
#include <QGuiApplication>
#include <QMenu>
#include <QPainter>
#include <QTextLayout>
#include <QTextOption>

namespace tc::ui {

StaticTextLine::StaticTextLine(QWidget *parent, int lines) : QWidget(parent), m_lines(std::max(1, lines))
{
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
}

void StaticTextLine::setText(const QString &text)
{
    if (text == m_text)
        return;
    m_text = text;
    setToolTip(text);
    update(); // never updateGeometry(): the size does not depend on the text
}

void StaticTextLine::setColors(const QColor &background, const QColor &foreground)
{
    if (background == m_background && foreground == m_foreground)
        return;
    m_background = background;
    m_foreground = foreground;
    update();
}

QSize StaticTextLine::sizeHint() const
{
    const QFontMetrics fm(font());
    return {fm.averageCharWidth() * 24, fm.lineSpacing() * m_lines + 2};
}

QSize StaticTextLine::minimumSizeHint() const
{
    const QFontMetrics fm(font());
    return {fm.averageCharWidth() * 6, fm.lineSpacing() * m_lines + 2};
}

void StaticTextLine::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setPen(palette().color(isEnabled() ? QPalette::Active : QPalette::Disabled, QPalette::WindowText));
    const QFontMetrics fm(font());
    if (m_lines == 1) {
        QRect area = rect();
        if (m_background.isValid() && !m_text.isEmpty()) {
            painter.fillRect(rect(), m_background);
            painter.setPen(m_foreground);
            area.adjust(6, 0, -6, 0);
        }
        painter.drawText(area, Qt::AlignLeft | Qt::AlignVCenter, fm.elidedText(m_text, Qt::ElideRight, area.width()));
        return;
    }
    // Word-wrap into at most m_lines lines; the last one shown is elided when text remains.
    QTextLayout layout(m_text, font());
    QTextOption option;
    option.setWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    layout.setTextOption(option);
    layout.beginLayout();
    int y = 1;
    for (int line = 0; line < m_lines; ++line) {
        QTextLine textLine = layout.createLine();
        if (!textLine.isValid())
            break;
        textLine.setLineWidth(width());
        const QString rest = m_text.mid(textLine.textStart());
        if (line == m_lines - 1 && textLine.textStart() + textLine.textLength() < m_text.size()) {
            painter.drawText(QPoint(0, y + fm.ascent()), fm.elidedText(rest, Qt::ElideRight, width()));
            break;
        }
        painter.drawText(QPoint(0, y + fm.ascent()), rest.left(textLine.textLength()));
        y += fm.lineSpacing();
    }
    layout.endLayout();
}

void StaticTextLine::contextMenuEvent(QContextMenuEvent *event)
{
    if (m_text.isEmpty())
        return;
    QMenu menu(this);
    menu.addAction(tr("Copy"), this, [this] { QGuiApplication::clipboard()->setText(m_text); });
    menu.exec(event->globalPos());
}

} // namespace tc::ui
