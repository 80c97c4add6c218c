#include "ui/ExactGroupsView.h"

#include "core/dedup/ExactGroupModel.h"
#include "core/dedup/RemovalRule.h"
#include "ui/CandidateImage.h"
#include "ui/PairDetails.h"

#include <QBrush>
#include <QCache>
#include <QIdentityProxyModel>
#include <QPainter>
#include <QPixmap>
#include <QStyledItemDelegate>

namespace tc::ui {

namespace {
constexpr int kThumb = 64; // 2x nearest-neighbour: sharp, and big enough to see the content
using M = core::ExactGroupModel;

QColor keptColor()
{
    return {40, 160, 60};
}
QColor removedColor()
{
    return {200, 50, 40};
}

// Core's model is QtCore only (and outside the translated sources): the words, the thumbnails and the
// colours of the tree are added here.
class ExactGroupsLook final : public QIdentityProxyModel {
public:
    using QIdentityProxyModel::QIdentityProxyModel;

    QVariant data(const QModelIndex &index, int role) const override
    {
        if (!index.isValid())
            return {};
        const bool group = !index.parent().isValid();
        switch (role) {
        case Qt::DisplayRole:
            return group ? groupText(index) : memberText(index);
        case Qt::ToolTipRole:
            return group ? groupText(index) : memberText(index) + QLatin1Char('\n') + memberState(index);
        case Qt::DecorationRole:
            return group ? QVariant() : QVariant(thumbnail(index));
        case Qt::ForegroundRole:
            if (!group && outcome(index) == core::Removal::None && isCandidate(index))
                return QBrush(keptColor().darker(120));
            return {};
        case Qt::FontRole:
            if (group) {
                QFont bold;
                bold.setBold(true);
                return bold;
            }
            return {};
        default:
            return QIdentityProxyModel::data(index, role);
        }
    }

private:
    static bool isCandidate(const QModelIndex &index)
    {
        return M::MemberKind(index.data(M::MemberKindRole).toInt()) == M::MemberKind::Candidate;
    }
    static core::Removal outcome(const QModelIndex &index)
    {
        const QVariant v = index.data(M::OutcomeRole);
        return v.isValid() ? core::Removal(v.toInt()) : core::Removal::None;
    }

    QString groupText(const QModelIndex &index) const
    {
        const qint64 candidates = index.data(M::CandidateCountRole).toLongLong();
        const QString name = index.data(M::NameRole).toString();
        switch (M::GroupKind(index.data(M::GroupKindRole).toInt())) {
        case M::GroupKind::ExcludeCopy:
            return tr("Copy of %1 (exclude): %n candidate(s), removed from export, not reviewed", "", int(candidates))
                .arg(name);
        case M::GroupKind::AvoidCopy:
            return tr("Copy of %1 (avoid): %n candidate(s), used last in export", "", int(candidates)).arg(name);
        case M::GroupKind::Identical:
            break;
        }
        // Which copy stays depends on the other rules (a copy may be removed for a pair of its own).
        QString kept;
        for (int row = 0; row < rowCount(index) && kept.isEmpty(); ++row) {
            const QModelIndex m = this->index(row, 0, index);
            if (isCandidate(m) && m.data(M::OutcomeRole).isValid() && outcome(m) == core::Removal::None)
                kept = m.data(M::NameRole).toString();
        }
        return kept.isEmpty() ? tr("%n identical candidate(s): all removed", "", int(candidates))
                              : tr("%n identical candidate(s): export keeps %1", "", int(candidates)).arg(kept);
    }

    QString memberText(const QModelIndex &index) const
    {
        const QString name = index.data(M::NameRole).toString();
        const QString cls = index.data(M::ClassRole).toString();
        if (!isCandidate(index))
            return tr("%1 (%2 reference) - %3")
                .arg(name, index.data(M::SetRoleRole).toString(), cls.isEmpty() ? tr("no label") : cls);
        return tr("%1 - %2 / %3 - %4").arg(name, cls, index.data(M::KeywordRole).toString(), shortState(index));
    }

    QString shortState(const QModelIndex &index) const
    {
        switch (outcome(index)) {
        case core::Removal::None:
            return tr("KEPT");
        case core::Removal::ExcludeExact:
            return tr("removed (copy of an exclude image)");
        case core::Removal::InternalCopy:
            return tr("removed (identical copy)");
        case core::Removal::MarkedDuplicate:
        case core::Removal::UnreviewedAbove:
            return tr("removed (near duplicate)");
        }
        return {};
    }

    QString memberState(const QModelIndex &index) const
    {
        return isCandidate(index) ? PairDetails::outcomeText(outcome(index)) : tr("a reference image");
    }

    QPixmap thumbnail(const QModelIndex &index) const
    {
        // Painting asks for every visible row's icon on each repaint; the pixels are a query each.
        const QString key = QStringLiteral("%1/%2/%3/%4")
                                .arg(index.data(M::CandidateIdRole).toLongLong())
                                .arg(index.data(M::SetNameRole).toString())
                                .arg(index.data(M::ReferenceIndexRole).toInt())
                                .arg(int(outcome(index)));
        if (const QPixmap *cached = m_thumbnails.object(key))
            return *cached;
        const QByteArray px = index.data(M::PixelsRole).toByteArray();
        const QImage image = candidateImage(px);
        const QColor frame = !isCandidate(index)                     ? QColor(150, 150, 150)
                             : outcome(index) == core::Removal::None ? keptColor()
                                                                     : removedColor();
        QPixmap pm(kThumb + 4, kThumb + 4);
        pm.fill(frame);
        QPainter p(&pm);
        p.setRenderHint(QPainter::SmoothPixmapTransform, false);
        if (!image.isNull())
            p.drawImage(QRect(2, 2, kThumb, kThumb), image);
        p.end();
        m_thumbnails.insert(key, new QPixmap(pm));
        return pm;
    }

    mutable QCache<QString, QPixmap> m_thumbnails{512};
};

// Rows as tall as their text wrapped to the width the view gives it (QTreeView sizes rows for one line).
class WrappingDelegate final : public QStyledItemDelegate {
public:
    explicit WrappingDelegate(QTreeView *view) : QStyledItemDelegate(view), m_view(view) {}

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        QStyleOptionViewItem opt = option;
        initStyleOption(&opt, index);
        const int depth = index.parent().isValid() ? 2 : 1;
        const int icon = opt.features & QStyleOptionViewItem::HasDecoration ? opt.decorationSize.width() + 8 : 0;
        const int width = std::max(80, m_view->viewport()->width() - depth * m_view->indentation() - icon - 12);
        const QRect text =
            QFontMetrics(opt.font).boundingRect(QRect(0, 0, width, 100000), Qt::TextWordWrap | Qt::AlignLeft, opt.text);
        const QSize hint = QStyledItemDelegate::sizeHint(option, index);
        return {hint.width(), std::max(hint.height(), text.height() + 6)};
    }

private:
    QTreeView *m_view;
};
} // namespace

ExactGroupsView::ExactGroupsView(QWidget *parent) : QTreeView(parent), m_look(std::make_unique<ExactGroupsLook>())
{
    setHeaderHidden(true);
    setIconSize(QSize(kThumb + 4, kThumb + 4));
    setUniformRowHeights(false);
    setSelectionMode(QAbstractItemView::SingleSelection);
    // Long sentences wrap in a narrow panel instead of being cut.
    setWordWrap(true);
    setTextElideMode(Qt::ElideNone);
    setItemDelegate(new WrappingDelegate(this));
    setModel(m_look.get());
    connect(m_look.get(), &QAbstractItemModel::modelReset, this, &ExactGroupsView::expandFirstGroups);
}

void ExactGroupsView::resizeEvent(QResizeEvent *event)
{
    QTreeView::resizeEvent(event);
    // Wrapped rows change height with the width.
    scheduleDelayedItemsLayout();
}

ExactGroupsView::~ExactGroupsView()
{
    setModel(nullptr);
}

void ExactGroupsView::setGroups(core::ExactGroupModel *groups)
{
    m_groups = groups;
    m_look->setSourceModel(groups);
    expandFirstGroups();
}

int ExactGroupsView::groupCount() const
{
    return m_groups ? int(m_groups->groupCount()) : 0;
}

void ExactGroupsView::expandFirstGroups()
{
    // A first look without a click; the rest open on demand (a group may hold thousands of copies).
    constexpr int kExpanded = 20;
    for (int row = 0; row < std::min(kExpanded, m_look->rowCount()); ++row)
        if (m_look->rowCount(m_look->index(row, 0)) <= 12)
            expand(m_look->index(row, 0));
}

} // namespace tc::ui
