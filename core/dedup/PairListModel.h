#pragma once

#include "core/dedup/DedupStore.h"

#include <QAbstractTableModel>
#include <QList>
#include <optional>

namespace tc::core {

class Project;

// The stored near-duplicate pairs of a PairFilter as a table, for the review pane and any list of
// pairs. Lazy for 500k-candidate projects: rows arrive in pages through canFetchMore()/fetchMore()
// (keyset paging in DedupStore, so a page costs the same at any depth), the loaded rows always being
// the first rows of the filter's order.
//
// Reviews go through the model (review(), undoReview()) or are reported to it (refreshPair()): the
// changed pair's row updates in place, leaves when it no longer matches the filter, or is inserted
// where it belongs, so the other rows and a view's selection stay. setFilter() and sort() re-read.
//
//   PairListModel model(&project);
//   PairFilter f;                                  // flagged by the project's thresholds, not distinct
//   f.statuses = pairStatusBit(PairStatus::Unreviewed);
//   model.setFilter(f);
//   model.review(0, PairStatus::Duplicate, "alice"); // row 0 leaves the list: the next pair is row 0
//
// The model holds no words: the status column shows pairStatusName() (the CLI's name) and the headers are
// the default ones; the review pane (ui/ReviewSession) adds the translated headers and status words.
class PairListModel final : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Column {
        CandidateCol,
        KeywordCol,
        ClassCol,
        ReferenceSetCol,
        ReferenceIndexCol,
        SsimCol,
        L2Col,
        StatusCol,
        ColumnCount
    };
    enum Role {
        CandidateIdRole = Qt::UserRole + 1, // qint64
        TinyIndexRole,                      // qint64, -1 for folder imports
        KeywordRole,                        // QString
        ClassRole,                          // QString, the candidate's class
        SetIdRole,                          // qint64
        SetNameRole,                        // QString
        SetRoleRole,                        // QString "exclude" or "avoid"
        ReferenceIndexRole,                 // int, index in the reference set
        ReferenceLabelRole,                 // int, -1 when the set has no labels
        ReferenceClassRole,                 // QString, empty when unknown
        SsimRole,                           // double
        L2Role,                             // double, on 0-255 pixels
        StatusRole,                         // int (PairStatus)
        CandidatePixelsRole,                // QByteArray, 3072 bytes 32x32 RGB HWC (read on demand)
        ReferencePixelsRole,                // QByteArray, same layout
        NameRole,                           // QString, candidateName(): "Tiny #123" or the file name
    };
    static constexpr int kPageSize = 512;

    explicit PairListModel(Project *project, QObject *parent = nullptr);

    // Rows per page (tests use small pages); re-reads.
    void setPageSize(int rows);
    int pageSize() const { return m_pageSize; }

    QString errorString() const { return m_error; }

    // The filter's sortKey/descending follow sort(); its limit is ignored (pages are the model's).
    void setFilter(const PairFilter &filter);
    PairFilter filter() const { return m_filter; }
    void setStatuses(unsigned statuses);
    void setThresholds(double ssim, double l2); // flags by these instead of the project's settings
    void setReferenceSet(qint64 setId);         // 0: every set
    // Re-reads the filter from the project (rows that no longer match disappear).
    void refresh();

    // Pairs in the whole filter (a COUNT query; rowCount() is what is loaded so far).
    qint64 totalCount() const;
    NearPair pair(int row) const;
    // Row of a loaded pair; -1 when not loaded (fetchMore() may bring it) or not in the filter.
    int rowOf(qint64 candidateId, qint64 setId, qint32 refIndex) const;
    // Row of a pair, fetching pages up to it when needed; -1 when not in the filter.
    int ensureRow(qint64 candidateId, qint64 setId, qint32 refIndex);

    // Records a review of row's pair (append-only, DedupStore::review) and updates the list.
    bool review(int row, PairStatus status, const QString &annotator);
    // Undoes annotator's latest review; the pair it concerned, nullopt when there was none or on error.
    std::optional<NearPair> undoReview(const QString &annotator);
    // Re-reads one pair changed elsewhere and moves, updates, removes or inserts its row.
    void refreshPair(qint64 candidateId, qint64 setId, qint32 refIndex);

    static Column columnOf(PairSortKey key);
    static PairSortKey sortKeyOf(int column);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

private:
    QVariant display(const NearPair &p, int column) const;
    void updatePair(qint64 candidateId, qint64 setId, qint32 refIndex);
    void removeRow(int row);
    void insertSorted(const NearPair &p);

    Project *m_project;
    DedupStore m_store;
    PairFilter m_filter;
    QList<NearPair> m_rows;
    int m_pageSize = kPageSize;
    bool m_complete = false;
    bool m_fetching = false;
    mutable qint64 m_total = -1;
    QString m_error;
};

} // namespace tc::core
