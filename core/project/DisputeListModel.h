#pragma once

#include "core/project/ProjectTypes.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QStringList>

namespace tc::core {

class Project;

// The candidates whose annotators disagree (Project::disputes()), one row each, for the Agreement
// dialog: candidate, class, keyword, Tiny index, one column per annotator (verdict and time), the
// adjudication and the final verdict under the project's rule. 10,000 rows load in one query;
// the dialog adds thumbnails lazily, for the rows it paints.
//
// Rows stay put when decisions change (a curator settling one conflict after another must not see
// the list jump): the affected rows are re-read and reported with dataChanged(). refresh()
// re-applies the unsettled-only filter.
class DisputeListModel final : public QAbstractTableModel {
    Q_OBJECT
public:
    enum Role {
        IdRole = Qt::UserRole + 1, // qint64 candidate id (every column)
        SettledRole,               // bool: an adjudication stands
        FinalVerdictRole,          // int (Verdict)
    };
    enum Column { CandidateColumn, ClassColumn, KeywordColumn, TinyIndexColumn, FirstAnnotatorColumn };

    explicit DisputeListModel(Project *project, QObject *parent = nullptr);

    void setUnsettledOnly(bool unsettledOnly);
    bool unsettledOnly() const { return m_unsettledOnly; }
    void refresh();

    const QStringList &annotatorColumns() const { return m_annotators; }
    int adjudicationColumn() const { return FirstAnnotatorColumn + int(m_annotators.size()); }
    int finalColumn() const { return adjudicationColumn() + 1; }
    qint64 candidateId(int row) const;
    int rowOf(qint64 candidateId) const { return m_rowOf.value(candidateId, -1); }
    const Dispute *dispute(int row) const;
    qint64 unsettledCount() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    void updateCandidates(const QList<qint64> &candidateIds);

    Project *m_project;
    bool m_unsettledOnly = false;
    QList<Dispute> m_rows;
    QHash<qint64, int> m_rowOf;
    QStringList m_annotators;
};

} // namespace tc::core
