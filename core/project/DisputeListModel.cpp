#include "core/project/DisputeListModel.h"

#include "core/project/Project.h"

#include <QDateTime>
#include <QSet>

namespace tc::core {

namespace {
QString shortTime(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}
QString fullTime(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}
QString voteText(const Vote &v)
{
    return verdictName(v.verdict) + QStringLiteral("  ") + shortTime(v.createdAtMs);
}
} // namespace

DisputeListModel::DisputeListModel(Project *project, QObject *parent) : QAbstractTableModel(parent), m_project(project)
{
    connect(project, &Project::decisionsChanged, this, &DisputeListModel::updateCandidates);
    connect(project, &Project::contentsChanged, this, &DisputeListModel::refresh);
    refresh();
}

void DisputeListModel::setUnsettledOnly(bool unsettledOnly)
{
    if (unsettledOnly == m_unsettledOnly)
        return;
    m_unsettledOnly = unsettledOnly;
    refresh();
}

void DisputeListModel::refresh()
{
    beginResetModel();
    m_rows = m_project->isOpen() ? m_project->disputes(m_unsettledOnly) : QList<Dispute>();
    m_rowOf.clear();
    m_annotators.clear();
    QSet<QString> voters;
    for (int r = 0; r < m_rows.size(); ++r) {
        m_rowOf.insert(m_rows[r].candidateId, r);
        for (const auto &v : m_rows[r].votes)
            voters.insert(v.annotator);
    }
    // Columns in the order annotators first decided (Project::annotators()).
    for (const QString &name : m_project->isOpen() ? m_project->annotators() : QStringList())
        if (voters.contains(name))
            m_annotators << name;
    endResetModel();
}

void DisputeListModel::updateCandidates(const QList<qint64> &candidateIds)
{
    for (qint64 id : candidateIds) {
        const int row = m_rowOf.value(id, -1);
        if (row < 0)
            continue; // a new dispute appears on refresh(), not under the curator's cursor
        if (const auto d = m_project->dispute(id)) {
            m_rows[row].votes = d->votes;
            m_rows[row].adjudication = d->adjudication;
            m_rows[row].finalVerdict = d->finalVerdict;
            emit dataChanged(index(row, 0), index(row, columnCount() - 1));
        }
    }
}

qint64 DisputeListModel::candidateId(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows[row].candidateId : 0;
}

const Dispute *DisputeListModel::dispute(int row) const
{
    return row >= 0 && row < m_rows.size() ? &m_rows[row] : nullptr;
}

qint64 DisputeListModel::unsettledCount() const
{
    qint64 n = 0;
    for (const auto &d : m_rows)
        n += !d.adjudication.has_value();
    return n;
}

int DisputeListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int DisputeListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : finalColumn() + 1;
}

QVariant DisputeListModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size() || index.column() >= columnCount())
        return {};
    const Dispute &d = m_rows[index.row()];
    if (role == IdRole)
        return d.candidateId;
    if (role == SettledRole)
        return d.adjudication.has_value();
    if (role == FinalVerdictRole)
        return int(d.finalVerdict);
    const int column = index.column();
    const int annotator = column - FirstAnnotatorColumn;
    if (role == Qt::DisplayRole) {
        switch (column) {
        case CandidateColumn:
            return d.candidateId;
        case ClassColumn:
            return d.className;
        case KeywordColumn:
            return d.keyword;
        case TinyIndexColumn:
            return d.tinyIndex >= 0 ? QVariant(d.tinyIndex) : QVariant(QString());
        default:
            break;
        }
        if (column == adjudicationColumn())
            return d.adjudication ? d.adjudication->annotator + QStringLiteral(": ") + voteText(*d.adjudication)
                                  : QString();
        if (column == finalColumn())
            return d.finalVerdict == Verdict::None ? QStringLiteral("awaiting") : verdictName(d.finalVerdict);
        for (const auto &v : d.votes)
            if (v.annotator == m_annotators.value(annotator))
                return voteText(v);
        return QString();
    }
    if (role == Qt::ToolTipRole && annotator >= 0) {
        const Vote *v = nullptr;
        if (column == adjudicationColumn() && d.adjudication)
            v = &*d.adjudication;
        for (const auto &vote : d.votes)
            if (annotator < m_annotators.size() && vote.annotator == m_annotators[annotator])
                v = &vote;
        if (v)
            return QStringLiteral("%1: %2 at %3 UTC (decision %4)")
                .arg(v->annotator, verdictName(v->verdict), fullTime(v->createdAtMs))
                .arg(v->decisionId);
    }
    return {};
}

QVariant DisputeListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case CandidateColumn:
        return tr("Candidate");
    case ClassColumn:
        return tr("Class");
    case KeywordColumn:
        return tr("Keyword");
    case TinyIndexColumn:
        return tr("Tiny index");
    default:
        break;
    }
    if (section == adjudicationColumn())
        return tr("Adjudication");
    if (section == finalColumn())
        return tr("Final");
    return m_annotators.value(section - FirstAnnotatorColumn);
}

} // namespace tc::core
