#pragma once

#include <QWidget>

namespace tc::ui {

// "12 of 603 accepted for this keyword" as a flat bar. QProgressBar's style (Fusion) strokes its chunk line by
// line and repaints synchronously on setValue(); this bar is one fill and one line of text, and repaints only
// its own rectangle when the figures change, so it costs next to nothing per key press.
//
// Quotas act: a met quota is drawn green, a quota passed in its own colour (orange-red, full bar, bold text), and
// the words say so (describe()), so "12 of 11 accepted" never looks like any other state. Text that does not fit
// is elided; the tooltip holds all of it.
class QuotaBar final : public QWidget {
    Q_OBJECT
public:
    enum class State { None, Below, Met, Over };

    explicit QuotaBar(QWidget *parent = nullptr);

    // accepted: what core counts (final verdicts) plus, in grid mode, what the page would add (pending).
    void setFigures(qint64 accepted, qint64 quota, const QString &text);
    void clear();
    QString text() const { return m_text; }
    State state() const { return stateOf(m_accepted, m_quota); }

    static State stateOf(qint64 accepted, qint64 quota);
    // The words for every state, in one place for single and grid mode. scope: "this keyword", "class bird"
    // (translated by the caller); pending: accepts the grid page would add (0 in single mode).
    static QString describe(qint64 accepted, qint64 quota, const QString &scope, qint64 pending = 0);
    static QColor overColor();

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    qint64 m_accepted = 0;
    qint64 m_quota = 0;
    QString m_text;
};

} // namespace tc::ui
