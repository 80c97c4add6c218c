#pragma once

#include <QImage>
#include <QList>
#include <QWidget>

namespace tc::ui {

// One page of candidates painted by a single widget (not one QLabel per tile: 64 child widgets would cost
// 64 paint events and layouts per page). Every tile starts as "accept"; a click, or the arrow keys plus
// Space, toggles a tile to "reject"; Enter asks for the page to be committed. The widget only records the
// marks: committing them is the caller's business.
class CandidateGridWidget final : public QWidget {
    Q_OBJECT
public:
    explicit CandidateGridWidget(QWidget *parent = nullptr);

    void setColumns(int columns);
    int columns() const { return m_columns; }
    void setImages(const QList<QImage> &images);
    int count() const { return int(m_images.size()); }
    void setSmooth(bool smooth);

    bool isRejected(int index) const { return m_rejected.value(index); }
    QList<bool> rejectedMarks() const { return m_rejected; }
    void toggle(int index);
    int cursor() const { return m_cursor; }
    void setCursor(int index);
    int tileAt(const QPoint &pos) const;
    QRect tileRect(int index) const;

    QSize sizeHint() const override;

signals:
    void marksChanged();
    void commitRequested();

protected:
    void paintEvent(QPaintEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;

private:
    int tileSide() const;
    void moveCursor(int dRow, int dCol);
    void paintTile(QPainter &painter, int index) const;

    QList<QImage> m_images;
    QList<bool> m_rejected;
    int m_columns = 8;
    int m_cursor = 0;
    bool m_smooth = false;
};

} // namespace tc::ui
