#include "ui/ExactGroupsView.h"

#include <QHeaderView>
#include <QPainter>

namespace tc::ui {

namespace {
constexpr int kThumb = 64; // 2x nearest-neighbour: sharp, and big enough to see the content
}

ExactGroupsView::ExactGroupsView(QWidget *parent) : QTreeWidget(parent)
{
    setColumnCount(1);
    setHeaderHidden(true);
    setIconSize(QSize(kThumb + 4, kThumb + 4));
    setUniformRowHeights(false);
    setSelectionMode(QAbstractItemView::SingleSelection);
}

QIcon ExactGroupsView::thumbnail(const QImage &image, const QColor &frame)
{
    QPixmap pm(kThumb + 4, kThumb + 4);
    pm.fill(frame.isValid() ? frame : Qt::transparent);
    QPainter p(&pm);
    p.setRenderHint(QPainter::SmoothPixmapTransform, false);
    if (!image.isNull())
        p.drawImage(QRect(2, 2, kThumb, kThumb), image);
    return QIcon(pm);
}

void ExactGroupsView::setGroups(const QList<ExactGroup> &groups)
{
    clear();
    const QColor keptColor(40, 160, 60);
    const QColor removedColor(200, 50, 40);
    QFont bold = font();
    bold.setBold(true);
    for (const ExactGroup &g : groups) {
        auto *top = new QTreeWidgetItem(this);
        top->setText(0, tr("%n identical image(s): %1", "", int(g.members.size())).arg(g.verdict));
        top->setFont(0, bold);
        for (const ExactMember &m : g.members) {
            auto *child = new QTreeWidgetItem(top);
            const QColor frame = m.reference ? QColor() : (m.kept ? keptColor : removedColor);
            child->setIcon(0, thumbnail(m.image, frame));
            const QString state = m.reference ? tr("reference") : (m.kept ? tr("KEPT") : tr("removed"));
            child->setText(0, QStringLiteral("%1  [%2]").arg(m.text, state));
            if (m.kept)
                child->setForeground(0, keptColor.darker(120));
        }
        top->setExpanded(true);
    }
}

} // namespace tc::ui
