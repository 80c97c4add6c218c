#pragma once

#include <QAbstractTableModel>
#include <QList>
#include <QString>

namespace tc::ui {

// One listed near-duplicate pair (no pixels: those are read when the pair is shown).
struct PairRow {
    qint64 candidateId = 0;
    qint64 setId = 0;
    qint64 refIndex = 0;
    double ssim = 0.0;
    double l2 = 0.0;
    int status = 0; // near_pairs.status: 0 unreviewed, 1 duplicate, 2 distinct
    QString setName;
    QString className;
    QString keyword;
};

// The review pane's pair list: rows in the order given (most similar first), read-only.
class PairTableModel final : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column { RankCol, SsimCol, L2Col, ReferenceCol, ClassCol, StatusCol, ColumnCount };

    explicit PairTableModel(QObject *parent = nullptr);

    void setRows(QList<PairRow> rows);
    const QList<PairRow> &rows() const { return m_rows; }
    const PairRow &row(int r) const { return m_rows[r]; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    static QString statusText(int status);

private:
    QVariant display(const PairRow &r, int row, int column) const;

    QList<PairRow> m_rows;
};

} // namespace tc::ui
