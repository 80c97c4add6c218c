#include "ui/PairTableModel.h"

#include <QBrush>
#include <QColor>

namespace tc::ui {

PairTableModel::PairTableModel(QObject *parent) : QAbstractTableModel(parent) {}

void PairTableModel::setPairs(QList<core::NearPair> pairs)
{
    beginResetModel();
    m_pairs = std::move(pairs);
    endResetModel();
}

int PairTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_pairs.size());
}
int PairTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString PairTableModel::statusText(core::PairStatus status)
{
    switch (status) {
    case core::PairStatus::Duplicate:
        return tr("duplicate");
    case core::PairStatus::Distinct:
        return tr("distinct");
    default:
        return tr("to review");
    }
}

QVariant PairTableModel::display(const core::NearPair &r, int row, int column) const
{
    switch (column) {
    case RankCol:
        return row + 1;
    case SsimCol:
        return QString::number(r.ssim, 'f', 4);
    case L2Col:
        return QString::number(r.l2, 'f', 0);
    case ReferenceCol:
        return QStringLiteral("%1 #%2").arg(r.setName).arg(r.refIndex);
    case ClassCol:
        return r.className;
    case StatusCol:
        return statusText(r.status);
    default:
        return {};
    }
}

QVariant PairTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const core::NearPair &r = m_pairs[index.row()];
    if (role == Qt::DisplayRole)
        return display(r, index.row(), index.column());
    if (role == Qt::TextAlignmentRole && index.column() <= L2Col)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ForegroundRole && index.column() == StatusCol && r.status != core::PairStatus::Unreviewed)
        return QBrush(r.status == core::PairStatus::Duplicate ? QColor(180, 40, 30) : QColor(30, 130, 50));
    if (role == Qt::ToolTipRole)
        return tr("candidate %1 (%2)").arg(r.candidateId).arg(r.keyword);
    return {};
}

QVariant PairTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case RankCol:
        return tr("#");
    case SsimCol:
        return tr("SSIM");
    case L2Col:
        return tr("L2");
    case ReferenceCol:
        return tr("Reference");
    case ClassCol:
        return tr("Class");
    case StatusCol:
        return tr("Status");
    default:
        return {};
    }
}

} // namespace tc::ui
