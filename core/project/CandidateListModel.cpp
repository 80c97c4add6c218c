#include "core/project/CandidateListModel.h"

#include "core/project/Project.h"

namespace tc::core {

CandidateListModel::CandidateListModel(Project *project, QObject *parent)
    : QAbstractListModel(parent), m_project(project)
{
    connect(project, &Project::decisionsChanged, this, &CandidateListModel::onDecisionsChanged);
    connect(project, &Project::contentsChanged, this, &CandidateListModel::refresh);
    refresh();
}

void CandidateListModel::setFilter(const CandidateFilter &filter)
{
    m_filter = filter;
    refresh();
}

void CandidateListModel::setAnnotator(const QString &annotator)
{
    if (annotator == m_annotator)
        return;
    m_annotator = annotator;
    m_records.clear();
    if (!m_ids.isEmpty())
        emit dataChanged(index(0), index(int(m_ids.size()) - 1), {VerdictRole});
}

void CandidateListModel::refresh()
{
    beginResetModel();
    m_ids.clear();
    m_rows.clear();
    m_records.clear();
    m_pixels.clear();
    m_total = -1;
    m_complete = !m_project->isOpen();
    // The first page is part of the reset, and no fetchMore() may run while views react to it.
    m_fetching = true;
    if (!m_complete)
        appendPage(m_project->candidateIds(m_filter, 0, kPageSize));
    endResetModel();
    m_fetching = false;
}

void CandidateListModel::appendPage(const QList<qint64> &page)
{
    m_complete = page.size() < kPageSize;
    for (qint64 id : page) {
        m_rows.insert(id, int(m_ids.size()));
        m_ids.append(id);
    }
}

qint64 CandidateListModel::totalCount() const
{
    if (m_total < 0)
        m_total = m_complete ? m_ids.size() : m_project->candidateCount(m_filter);
    return m_total;
}

qint64 CandidateListModel::candidateId(int row) const
{
    return row >= 0 && row < m_ids.size() ? m_ids.at(row) : 0;
}

int CandidateListModel::ensureRow(qint64 candidateId)
{
    if (const auto it = m_rows.constFind(candidateId); it != m_rows.constEnd())
        return *it;
    if (m_complete || m_project->rowOf(m_filter, candidateId) < 0)
        return -1;
    while (!m_complete && !m_rows.contains(candidateId))
        fetchMore({});
    return m_rows.value(candidateId, -1);
}

int CandidateListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_ids.size());
}

bool CandidateListModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_complete;
}

void CandidateListModel::fetchMore(const QModelIndex &parent)
{
    // Views (and QAbstractItemModelTester) may call back into fetchMore() from rowsAboutToBeInserted.
    if (parent.isValid() || m_complete || m_fetching || m_ids.isEmpty())
        return;
    m_fetching = true;
    const QList<qint64> page = m_project->candidateIds(m_filter, m_ids.last(), kPageSize);
    if (page.isEmpty()) {
        m_complete = true;
    } else {
        const int first = int(m_ids.size());
        beginInsertRows({}, first, first + int(page.size()) - 1);
        appendPage(page);
        endInsertRows();
    }
    m_fetching = false;
}

const CandidateRecord *CandidateListModel::record(qint64 id) const
{
    if (CandidateRecord *cached = m_records.object(id))
        return cached;
    auto r = m_project->candidate(id, m_annotator);
    if (!r)
        return nullptr;
    auto *owned = new CandidateRecord(std::move(*r));
    m_records.insert(id, owned);
    return owned;
}

QVariant CandidateListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const qint64 id = m_ids.at(index.row());
    if (role == IdRole)
        return id;
    if (role == PixelsRole) {
        if (QByteArray *cached = m_pixels.object(id))
            return *cached;
        const QByteArray px = m_project->pixels(id);
        m_pixels.insert(id, new QByteArray(px));
        return px;
    }
    const CandidateRecord *r = record(id);
    if (!r)
        return {};
    switch (role) {
    case Qt::DisplayRole:
        return QStringLiteral("%1 #%2").arg(r->keyword).arg(r->keywordPos);
    case Qt::ToolTipRole:
        return r->tinyIndex >= 0
                   ? QStringLiteral("%1 / %2, Tiny index %3").arg(r->className, r->keyword).arg(r->tinyIndex)
                   : QStringLiteral("%1 / %2, %3").arg(r->className, r->keyword, r->source);
    case TinyIndexRole:
        return r->tinyIndex;
    case KeywordRole:
        return r->keyword;
    case KeywordIdRole:
        return r->keywordId;
    case ClassRole:
        return r->className;
    case ClassIdRole:
        return r->classId;
    case KeywordPosRole:
        return r->keywordPos;
    case VerdictRole:
        return int(r->verdict);
    case SourceRole:
        return r->source.isEmpty() ? r->filename : r->source;
    default:
        return {};
    }
}

QHash<int, QByteArray> CandidateListModel::roleNames() const
{
    auto names = QAbstractListModel::roleNames();
    names.insert({{IdRole, "candidateId"},
                  {TinyIndexRole, "tinyIndex"},
                  {KeywordRole, "keyword"},
                  {KeywordIdRole, "keywordId"},
                  {ClassRole, "className"},
                  {ClassIdRole, "classId"},
                  {KeywordPosRole, "keywordPos"},
                  {VerdictRole, "verdict"},
                  {PixelsRole, "pixels"},
                  {SourceRole, "source"}});
    return names;
}

void CandidateListModel::onDecisionsChanged(const QList<qint64> &candidateIds)
{
    for (qint64 id : candidateIds) {
        m_records.remove(id);
        const auto it = m_rows.constFind(id);
        if (it != m_rows.constEnd())
            emit dataChanged(index(*it), index(*it), {VerdictRole});
    }
}

} // namespace tc::core
