#pragma once

#include "core/project/ProjectTypes.h"

#include <QImage>
#include <QList>
#include <QWidget>
#include <utility>

namespace tc::ui {

// One page of candidates painted by a single widget (not one QLabel per tile: 64 child widgets would cost
// 64 paint events and layouts per page). Each tile carries a mark (accept, reject, unsure) and the verdict
// recorded for it before the page opened: a decided tile starts with its own verdict and is framed in that
// verdict's colour, an undecided one starts as accept. A click, or the arrow keys plus Space, toggles a tile
// between accept and reject; Y, N, U set the tile under the cursor; Enter asks for the page to be committed.
// The widget only records the marks: committing them is the caller's business.
//
// Tiles use the space: the columns re-flow to whatever count gives the largest tiles for the widget's shape,
// and a tile is the largest integer multiple of 32 px that fits (smaller only when not even 32 px fits).
class CandidateGridWidget final : public QWidget {
    Q_OBJECT
public:
    explicit CandidateGridWidget(QWidget *parent = nullptr);

    // recorded[i]: the verdict on record (None: undecided); marks[i]: what the tile starts with (empty: the
    // recorded verdict, undecided ones accept).
    void setImages(const QList<QImage> &images, const QList<core::Verdict> &recorded = {},
                   const QList<core::Verdict> &marks = {});
    int count() const { return int(m_images.size()); }
    void setSmooth(bool smooth);

    core::Verdict mark(int index) const { return m_marks.value(index); }
    core::Verdict recorded(int index) const { return m_recorded.value(index); }
    QList<core::Verdict> marks() const { return m_marks; }
    QList<core::Verdict> recordedVerdicts() const { return m_recorded; }
    bool isRejected(int index) const { return mark(index) == core::Verdict::Reject; }
    // Tiles that Enter would record: undecided ones, and decided ones whose mark was changed on this page.
    bool isPending(int index) const;
    void toggle(int index);
    void setMark(int index, core::Verdict verdict);
    int cursor() const { return m_cursor; }
    // The page has been painted whole since it was set: only then does Enter commit it.
    bool isOnScreen() const { return m_painted; }
    void setCursor(int index);
    int tileAt(const QPoint &pos) const;
    QRect tileRect(int index) const;
    int columns() const;
    int tileSide() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

    static QColor verdictColor(core::Verdict verdict);

signals:
    void marksChanged();
    void commitRequested();

protected:
    void paintEvent(QPaintEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;

private:
    struct Layout {
        int columns = 1;
        int side = 8;
    };
    const Layout &tileLayout() const;
    Layout computeLayout() const;
    void moveCursor(int dRow, int dCol);
    void paintTile(QPainter &painter, int index) const;
    void updateTile(int index);

    QList<QImage> m_images;
    QList<core::Verdict> m_recorded;
    QList<core::Verdict> m_marks;
    mutable Layout m_layout;
    mutable std::pair<QSize, int> m_layoutFor{QSize(-1, -1), -1};
    int m_cursor = 0;
    bool m_smooth = false;
    bool m_painted = false;
};

} // namespace tc::ui
