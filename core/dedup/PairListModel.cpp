#include "core/dedup/PairListModel.h"

#include "core/dedup/CandidateName.h"
#include "core/project/Project.h"

#include <QHash>
#include <algorithm>
#include <utility>

namespace tc::core {

PairListModel::PairListModel(Project *project, QObject *parent)
    : QAbstractTableModel(parent), m_project(project), m_store(project->database())
{
    refresh();
}

void PairListModel::setFilter(const PairFilter &filter)
{
    PairFilter f = filter;
    f.limit = -1;
    if (f == m_filter)
        return;
    m_filter = f;
    refresh();
}

void PairListModel::setPageSize(int rows)
{
    m_pageSize = std::max(1, rows);
    refresh();
}

void PairListModel::setStatuses(unsigned statuses)
{
    PairFilter f = m_filter;
    f.statuses = statuses;
    setFilter(f);
}

void PairListModel::setThresholds(double ssim, double l2)
{
    PairFilter f = m_filter;
    f.ssimThreshold = ssim;
    f.l2Threshold = l2;
    setFilter(f);
}

void PairListModel::setReferenceSet(qint64 setId)
{
    PairFilter f = m_filter;
    f.setId = setId;
    setFilter(f);
}

void PairListModel::refresh()
{
    beginResetModel();
    m_total = -1;
    m_complete = !m_project->isOpen();
    m_rows.clear();
    // The first page is part of the reset, and no fetchMore() may run while views react to it.
    m_fetching = true;
    if (!m_complete) {
        PairFilter page = m_filter;
        page.limit = m_pageSize;
        m_rows = m_store.pairs(page);
        m_complete = m_rows.size() < m_pageSize;
    }
    endResetModel();
    m_fetching = false;
}

bool PairListModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && !m_complete;
}

void PairListModel::fetchMore(const QModelIndex &parent)
{
    // Views (and QAbstractItemModelTester) may call back into fetchMore() from rowsAboutToBeInserted.
    if (parent.isValid() || m_complete || m_fetching)
        return;
    m_fetching = true;
    PairFilter page = m_filter;
    page.limit = m_pageSize;
    // With every loaded row reviewed away, the filter's first page is what comes next.
    const std::optional<NearPair> last = m_rows.isEmpty() ? std::nullopt : std::optional(m_rows.last());
    const QList<NearPair> more = m_store.pairs(page, last ? &*last : nullptr);
    m_complete = more.size() < m_pageSize;
    if (!more.isEmpty()) {
        const int first = int(m_rows.size());
        beginInsertRows({}, first, first + int(more.size()) - 1);
        m_rows.append(more);
        endInsertRows();
    }
    m_fetching = false;
}

qint64 PairListModel::totalCount() const
{
    if (m_total < 0)
        m_total = m_complete ? m_rows.size() : const_cast<DedupStore &>(m_store).pairCount(m_filter);
    return m_total;
}

NearPair PairListModel::pair(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row) : NearPair{};
}

int PairListModel::rowOf(qint64 candidateId, qint64 setId, qint32 refIndex) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        const NearPair &p = m_rows.at(i);
        if (p.candidateId == candidateId && p.setId == setId && p.refIndex == refIndex)
            return i;
    }
    return -1;
}

int PairListModel::ensureRow(qint64 candidateId, qint64 setId, qint32 refIndex)
{
    int row = rowOf(candidateId, setId, refIndex);
    if (row >= 0 || m_complete)
        return row;
    const std::optional<NearPair> p = m_store.pair(candidateId, setId, refIndex);
    PairFilter one = m_filter;
    one.candidateId = candidateId;
    one.setId = setId;
    one.refIndex = refIndex;
    if (!p || m_store.pairs(one).isEmpty())
        return -1;
    while (row < 0 && !m_complete) {
        fetchMore({});
        // The loaded rows are a prefix of the order: once past the pair, it is not coming.
        if (!m_rows.isEmpty() && DedupStore::pairBefore(m_filter, *p, m_rows.last()))
            return rowOf(candidateId, setId, refIndex);
        row = rowOf(candidateId, setId, refIndex);
    }
    return row;
}

bool PairListModel::review(int row, PairStatus status, const QString &annotator)
{
    if (row < 0 || row >= m_rows.size()) {
        m_error = tr("no pair at row %1").arg(row);
        return false;
    }
    const NearPair p = m_rows.at(row);
    if (!m_store.review(p.candidateId, p.setId, p.refIndex, status, annotator)) {
        m_error = m_store.errorString();
        return false;
    }
    refreshPair(p.candidateId, p.setId, p.refIndex);
    return true;
}

std::optional<NearPair> PairListModel::undoReview(const QString &annotator)
{
    const std::optional<NearPair> p = m_store.undoReview(annotator);
    if (!p) {
        m_error = m_store.errorString();
        return std::nullopt;
    }
    refreshPair(p->candidateId, p->setId, p->refIndex);
    return p;
}

void PairListModel::refreshPair(qint64 candidateId, qint64 setId, qint32 refIndex)
{
    // Slots of the signals below (QAbstractItemModelTester's) may call fetchMore(): not in mid-change.
    const bool wasFetching = std::exchange(m_fetching, true);
    updatePair(candidateId, setId, refIndex);
    m_fetching = wasFetching;
}

void PairListModel::updatePair(qint64 candidateId, qint64 setId, qint32 refIndex)
{
    PairFilter one = m_filter;
    one.candidateId = candidateId;
    one.setId = setId;
    one.refIndex = refIndex;
    const QList<NearPair> found = m_project->isOpen() ? m_store.pairs(one) : QList<NearPair>{};
    const int row = rowOf(candidateId, setId, refIndex);
    if (row >= 0 && !found.isEmpty()) {
        // Still listed: in place unless the order depends on what changed (sorted by status).
        const NearPair &p = found.first();
        const bool stays = (row == 0 || !DedupStore::pairBefore(m_filter, p, m_rows.at(row - 1))) &&
                           (row + 1 == m_rows.size() || !DedupStore::pairBefore(m_filter, m_rows.at(row + 1), p));
        if (stays) {
            m_rows[row] = p;
            emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
            return;
        }
    }
    if (row >= 0)
        removeRow(row);
    if (!found.isEmpty())
        insertSorted(found.first());
}

void PairListModel::removeRow(int row)
{
    beginRemoveRows({}, row, row);
    m_rows.removeAt(row);
    endRemoveRows();
    if (m_total > 0)
        --m_total;
}

void PairListModel::insertSorted(const NearPair &p)
{
    const auto it = std::upper_bound(m_rows.begin(), m_rows.end(), p, [this](const NearPair &a, const NearPair &b) {
        return DedupStore::pairBefore(m_filter, a, b);
    });
    // Past the last loaded row it is not inserted: the next page, which starts after that row, brings it.
    if (it == m_rows.end() && !m_complete) {
        if (m_total >= 0)
            ++m_total;
        return;
    }
    const int row = int(it - m_rows.begin());
    beginInsertRows({}, row, row);
    m_rows.insert(row, p);
    endInsertRows();
    if (m_total >= 0)
        ++m_total;
}

int PairListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int PairListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PairListModel::display(const NearPair &p, int column) const
{
    switch (column) {
    case CandidateCol:
        return candidateName(p.tinyIndex, p.filename, p.candidateId);
    case KeywordCol:
        return p.keyword;
    case ClassCol:
        return p.className;
    case ReferenceSetCol:
        return p.setName;
    case ReferenceIndexCol:
        return QString::number(p.refIndex);
    case SsimCol:
        return QString::number(p.ssim, 'f', 4);
    case L2Col:
        return QString::number(p.l2, 'f', 1);
    case StatusCol:
        return pairStatusName(p.status); // the machine name, as the CLI prints it; the ui shows its own words
    default:
        return {};
    }
}

QVariant PairListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const NearPair &p = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return display(p, index.column());
    case Qt::TextAlignmentRole: {
        const int c = index.column();
        const bool number = c == CandidateCol || c == ReferenceIndexCol || c == SsimCol || c == L2Col;
        return int((number ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignVCenter);
    }
    case Qt::ToolTipRole:
        return tr("%1 (%2 / %3) and %4 #%5 (%6)")
            .arg(candidateName(p.tinyIndex, p.filename, p.candidateId), p.className, p.keyword, p.setName)
            .arg(p.refIndex)
            .arg(p.refClassName.isEmpty() ? roleName(p.role) : p.refClassName);
    case CandidateIdRole:
        return p.candidateId;
    case TinyIndexRole:
        return p.tinyIndex;
    case NameRole:
        return candidateName(p.tinyIndex, p.filename, p.candidateId);
    case KeywordRole:
        return p.keyword;
    case ClassRole:
        return p.className;
    case SetIdRole:
        return p.setId;
    case SetNameRole:
        return p.setName;
    case SetRoleRole:
        return roleName(p.role);
    case ReferenceIndexRole:
        return p.refIndex;
    case ReferenceLabelRole:
        return p.refLabel;
    case ReferenceClassRole:
        return p.refClassName;
    case SsimRole:
        return p.ssim;
    case L2Role:
        return p.l2;
    case StatusRole:
        return int(p.status);
    case CandidatePixelsRole:
        return m_project->pixels(p.candidateId);
    case ReferencePixelsRole:
        return const_cast<DedupStore &>(m_store).referenceImage(p.setId, p.refIndex);
    default:
        return {};
    }
}

QHash<int, QByteArray> PairListModel::roleNames() const
{
    auto names = QAbstractTableModel::roleNames();
    names.insert({{CandidateIdRole, "candidateId"},
                  {TinyIndexRole, "tinyIndex"},
                  {NameRole, "name"},
                  {KeywordRole, "keyword"},
                  {ClassRole, "className"},
                  {SetIdRole, "setId"},
                  {SetNameRole, "setName"},
                  {SetRoleRole, "setRole"},
                  {ReferenceIndexRole, "referenceIndex"},
                  {ReferenceLabelRole, "referenceLabel"},
                  {ReferenceClassRole, "referenceClass"},
                  {SsimRole, "ssim"},
                  {L2Role, "l2"},
                  {StatusRole, "status"},
                  {CandidatePixelsRole, "candidatePixels"},
                  {ReferencePixelsRole, "referencePixels"}});
    return names;
}

PairListModel::Column PairListModel::columnOf(PairSortKey key)
{
    switch (key) {
    case PairSortKey::Candidate:
        return CandidateCol;
    case PairSortKey::Keyword:
        return KeywordCol;
    case PairSortKey::Class:
        return ClassCol;
    case PairSortKey::ReferenceSet:
        return ReferenceSetCol;
    case PairSortKey::ReferenceIndex:
        return ReferenceIndexCol;
    case PairSortKey::L2:
        return L2Col;
    case PairSortKey::Status:
        return StatusCol;
    case PairSortKey::Ssim:
        break;
    }
    return SsimCol;
}

PairSortKey PairListModel::sortKeyOf(int column)
{
    static constexpr PairSortKey keys[ColumnCount] = {
        PairSortKey::Candidate,      PairSortKey::Keyword, PairSortKey::Class, PairSortKey::ReferenceSet,
        PairSortKey::ReferenceIndex, PairSortKey::Ssim,    PairSortKey::L2,    PairSortKey::Status};
    return column >= 0 && column < ColumnCount ? keys[column] : PairSortKey::Ssim;
}

void PairListModel::sort(int column, Qt::SortOrder order)
{
    if (column < 0 || column >= ColumnCount)
        return;
    PairFilter f = m_filter;
    f.sortKey = sortKeyOf(column);
    f.descending = order == Qt::DescendingOrder;
    if (f == m_filter)
        return;
    m_filter = f;
    m_total = -1;
    if (m_rows.isEmpty()) {
        refresh();
        return;
    }
    // The same number of rows in the new order, so a view scrolled down stays filled and its
    // selection (persistent indexes) follows the pairs instead of being reset.
    PairFilter page = m_filter;
    page.limit = m_pageSize;
    const qsizetype count = m_rows.size();
    QList<NearPair> rows = m_store.pairs(page);
    bool complete = rows.size() < m_pageSize;
    while (!complete && rows.size() < count) {
        const NearPair last = rows.last();
        const QList<NearPair> more = m_store.pairs(page, &last);
        complete = more.size() < m_pageSize;
        rows.append(more);
    }
    if (rows.size() < count) { // the pairs changed underneath (another process): start over
        refresh();
        return;
    }
    if (rows.size() > count) {
        rows.resize(count);
        complete = false;
    }
    // No fetchMore() from a slot (QAbstractItemModelTester's) while the layout is changing.
    m_fetching = true;
    emit layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
    const QModelIndexList before = persistentIndexList();
    auto key = [](const NearPair &p) { return std::pair(p.candidateId, (p.setId << 32) | quint32(p.refIndex)); };
    QHash<std::pair<qint64, qint64>, int> rowOfPair;
    for (int r = 0; r < rows.size(); ++r)
        rowOfPair.insert(key(rows[r]), r);
    QModelIndexList after;
    for (const QModelIndex &i : before) {
        const NearPair &p = m_rows.at(i.row());
        const int to = rowOfPair.value(key(p), -1);
        after << (to >= 0 ? createIndex(to, i.column()) : QModelIndex());
    }
    m_rows = std::move(rows);
    m_complete = complete;
    changePersistentIndexList(before, after);
    emit layoutChanged({}, QAbstractItemModel::VerticalSortHint);
    m_fetching = false;
}

} // namespace tc::core
