#pragma once

#include <QWidget>

namespace tc::ui {

// "12 of 603 accepted for this keyword" as a flat bar. QProgressBar's style (Fusion) strokes its chunk line by
// line and repaints synchronously on setValue(); this bar is one fill and one line of text, and repaints only
// its own rectangle when the figures change, so it costs next to nothing per key press.
class QuotaBar final : public QWidget {
    Q_OBJECT
public:
    explicit QuotaBar(QWidget *parent = nullptr);

    void setFigures(qint64 accepted, qint64 quota, const QString &text);
    void clear();
    QString text() const { return m_text; }

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
