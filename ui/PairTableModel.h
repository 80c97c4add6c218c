#pragma once

#include "core/dedup/DedupStore.h"

#include <QAbstractTableModel>
#include <QList>

namespace tc::ui {

// The review pane's pair list: core's near pairs in the order given (most similar first), read-only.
class PairTableModel final : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { RankCol, SsimCol, L2Col, ReferenceCol, ClassCol, StatusCol, ColumnCount };

    explicit PairTableModel(QObject *parent = nullptr);

    void setPairs(QList<core::NearPair> pairs);
    const QList<core::NearPair> &pairs() const { return m_pairs; }
    const core::NearPair &pair(int row) const { return m_pairs[row]; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    static QString statusText(core::PairStatus status);

private:
    QVariant display(const core::NearPair &p, int row, int column) const;

    QList<core::NearPair> m_pairs;
};

} // namespace tc::ui
