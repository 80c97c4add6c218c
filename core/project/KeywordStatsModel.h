#pragma once

#include "core/project/ProjectTypes.h"

#include <QAbstractItemModel>
#include <QList>
#include <QTimer>

namespace tc::core {

class Project;

// Statistics as a tree: class rows (totals) with their keywords as children, for the statistics
// tab, the keyword picker and quota displays. Columns: Name, Candidates, Decided, Accepted,
// Rejected, Unsure, Quota, Catalog. DisplayRole gives numbers (sortable through a proxy);
// StatsRole-family roles give the raw values for charts.
//
// Counts are final verdicts, or annotator()'s own when set. After decisions the numbers refresh
// through dataChanged() (coalesced: at most one recount per refreshDelay, default 200 ms, so a
// fast annotator never waits for statistics); imports rebuild the tree.
class KeywordStatsModel final : public QAbstractItemModel {
    Q_OBJECT
public:
    enum Column {
        NameColumn,
        CandidatesColumn,
        DecidedColumn,
        AcceptedColumn,
        RejectedColumn,
        UnsureColumn,
        QuotaColumn,
        CatalogColumn,
        ColumnCount
    };
    enum Role {
        ClassIdRole = Qt::UserRole + 1, // qint64
        KeywordIdRole,                  // qint64, 0 on class rows
        AbsentRole,                     // bool: catalog keyword missing from the source
        ValueRole,                      // qint64 of the column (Name column: candidates)
        FillRole,                       // double accepted / quota (0 when quota is 0)
    };

    explicit KeywordStatsModel(Project *project, QObject *parent = nullptr);

    void setAnnotator(const QString &annotator);
    QString annotator() const { return m_annotator; }
    void setRefreshDelay(int ms) { m_timer.setInterval(ms); }
    // Rebuilds the tree now (structure and numbers).
    void reload();
    // Recounts now and emits dataChanged (structure unchanged).
    void recount();

    // The index of a class row / keyword row (column 0), invalid when unknown.
    QModelIndex classIndex(qint64 classId) const;
    QModelIndex keywordIndex(qint64 keywordId) const;
    KeywordStats stats(const QModelIndex &index) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct ClassNode {
        KeywordStats total;
        QList<KeywordStats> keywords;
    };
    QList<ClassNode> load() const;
    const KeywordStats *node(const QModelIndex &index) const;

    Project *m_project;
    QString m_annotator;
    QList<ClassNode> m_classes;
    QTimer m_timer;
};

} // namespace tc::core
