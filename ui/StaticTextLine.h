#pragma once

#include <QColor>
#include <QWidget>

namespace tc::ui {

// A label for text that changes on every key press (class, keyword, verdict, position, source). QLabel asks
// its layout for a new geometry on every setText(), which re-lays out the whole window (word-wrapped rich
// text included) each time; this widget has a size that depends on its font and line count only, so setting
// text repaints its own rectangle and nothing else. Text that does not fit is elided; the tooltip and the
// context menu's Copy give the whole text.
class StaticTextLine final : public QWidget {
    Q_OBJECT
public:
    explicit StaticTextLine(QWidget *parent = nullptr, int lines = 1);

    void setText(const QString &text);
    QString text() const { return m_text; }
    void clear() { setText({}); }
    // A banner: the line filled with background, its text in foreground (invalid colours: plain text).
    void setColors(const QColor &background, const QColor &foreground);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;
    void contextMenuEvent(QContextMenuEvent *event) override;

private:
    QString m_text;
    QColor m_background, m_foreground;
    int m_lines = 1;
};

} // namespace tc::ui
