#pragma once

#include "core/project/ProjectTypes.h"

#include <QAbstractListModel>
#include <QCache>
#include <QHash>
#include <QList>

namespace tc::core {

class Project;

// The candidates of a filter, in filter order, for the verify views (single and grid mode) and any
// list of candidates. Lazy for 500k rows: ids arrive in pages through canFetchMore()/fetchMore()
// (keyset paging in Project), row details and pixels are read on demand and cached.
//
// Rows stay put when decisions change (the verify view must not jump while the annotator works);
// their VerdictRole updates through dataChanged(). refresh() re-applies the filter.
//
//   CandidateListModel model(&project);
//   model.setAnnotator("alice");                                // whose verdicts VerdictRole shows
//   model.setFilter({classId, 0, VerdictFilter::Undecided, "alice"});
//   int row = model.ensureRow(*project.resumeCandidate("alice", model.filter()));
//   QByteArray px = model.data(model.index(row), CandidateListModel::PixelsRole).toByteArray();
class CandidateListModel final : public QAbstractListModel {
    Q_OBJECT
public:
    enum Role {
        IdRole = Qt::UserRole + 1, // qint64 candidate id
        TinyIndexRole,             // qint64, -1 for folder imports
        KeywordRole,               // QString
        KeywordIdRole,             // qint64
        ClassRole,                 // QString class name
        ClassIdRole,               // qint64
        KeywordPosRole,            // qint64 position among the keyword's records
        VerdictRole,               // int (Verdict) of annotator(); 0 undecided
        PixelsRole,                // QByteArray, 3072 bytes 32x32 RGB HWC
        SourceRole,                // QString file path (folder imports) or Tiny filename
    };
    static constexpr int kPageSize = 2048;

    explicit CandidateListModel(Project *project, QObject *parent = nullptr);

    void setFilter(const CandidateFilter &filter);
    CandidateFilter filter() const { return m_filter; }
    // Whose verdict VerdictRole shows (empty: the final verdict).
    void setAnnotator(const QString &annotator);
    QString annotator() const { return m_annotator; }
    // Re-reads the filter from the project (rows that no longer match disappear).
    void refresh();

    // Rows in the whole filter (a COUNT query; rowCount() is what is loaded so far).
    qint64 totalCount() const;
    qint64 candidateId(int row) const;
    // Row of a candidate, fetching pages up to it when needed; -1 when not in the filter.
    int ensureRow(qint64 candidateId);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

private:
    void onDecisionsChanged(const QList<qint64> &candidateIds);
    void appendPage(const QList<qint64> &page);
    const CandidateRecord *record(qint64 id) const;

    Project *m_project;
    CandidateFilter m_filter;
    QString m_annotator;
    QList<qint64> m_ids;
    QHash<qint64, int> m_rows;
    bool m_complete = false;
    bool m_fetching = false;
    mutable qint64 m_total = -1;
    mutable QCache<qint64, CandidateRecord> m_records{8192};
    mutable QCache<qint64, QByteArray> m_pixels{2048}; // ~6 MB: several grid pages
};

} // namespace tc::core
