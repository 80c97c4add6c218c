#include "core/dedup/ExactGroupModel.h"

#include "core/dedup/CandidateName.h"
#include "core/dedup/DedupStore.h"
#include "core/dedup/DuplicateOutcomes.h"
#include "core/project/DuplicateFacts.h"
#include "core/project/Project.h"
#include "core/project/ReferenceSets.h"

#include <QSet>
#include <algorithm>

namespace tc::core {

ExactGroupModel::ExactGroupModel(Project *project, QObject *parent) : QAbstractItemModel(parent), m_project(project)
{
    refresh();
}

ExactGroupModel::~ExactGroupModel() = default;

void ExactGroupModel::refresh()
{
    // No fetchMore() from a view's (or QAbstractItemModelTester's) slot while the reset is under way.
    m_fetching = true;
    beginResetModel();
    m_groups.clear();
    m_sets.clear();
    m_fetched = 0;
    m_error.clear();
    if (m_project && m_project->isOpen()) {
        Database &db = m_project->database();
        ReferenceSets sets(db);
        for (const ReferenceSetInfo &set : sets.list())
            m_sets.insert(set.id, SetInfo{set.name, set.role == ReferenceRole::Exclude, set.labelNames});
        // An internal row says "candidate_id has the bytes of ref_index" (the lowest id of its group); a
        // set row "candidate_id has the bytes of that reference image". A group is keyed by its lowest
        // candidate id.
        std::vector<DuplicateFacts::ExactRow> rows;
        DuplicateFacts facts(db);
        if (!sets.errorString().isEmpty())
            m_error = sets.errorString();
        else if (!facts.exactMatches(&rows))
            m_error = facts.errorString();
        QHash<qint64, qint64> keyOf;
        for (const auto &r : rows)
            if (r.setId == 0) {
                keyOf.insert(r.candidateId, r.refIndex);
                keyOf.insert(r.refIndex, r.refIndex);
            }
        QHash<qint64, qsizetype> groupOf; // key -> index in m_groups
        QSet<qint64> placed;              // candidates already in a group
        QSet<QPair<qint64, qint64>> placedRefs;
        const auto group = [&](qint64 key) -> Group & {
            auto it = groupOf.constFind(key);
            if (it == groupOf.cend()) {
                it = groupOf.insert(key, qsizetype(m_groups.size()));
                m_groups.emplace_back();
            }
            return m_groups[size_t(*it)];
        };
        const auto addCandidate = [&](Group &g, qint64 id) {
            if (!placed.contains(id)) {
                placed.insert(id);
                g.members.push_back(Member{MemberKind::Candidate, id, 0, -1, {}, {}, {}});
            }
        };
        for (const auto &r : rows) {
            const qint64 key = keyOf.value(r.candidateId, r.candidateId);
            Group &g = group(key);
            addCandidate(g, key);
            addCandidate(g, r.candidateId);
            if (r.setId != 0 && !placedRefs.contains({r.setId, r.refIndex})) {
                placedRefs.insert({r.setId, r.refIndex});
                g.members.push_back(Member{MemberKind::Reference, r.setId, qint32(r.refIndex), -1, {}, {}, {}});
                const bool exclude = m_sets.value(r.setId).exclude;
                g.kind = exclude || g.kind == GroupKind::ExcludeCopy ? GroupKind::ExcludeCopy : GroupKind::AvoidCopy;
            }
        }
        for (Group &g : m_groups) {
            // References (by set, index) before candidates (by id).
            std::sort(g.members.begin(), g.members.end(), [](const Member &a, const Member &b) {
                if (a.kind != b.kind)
                    return a.kind == MemberKind::Reference;
                return a.id != b.id ? a.id < b.id : a.refIndex < b.refIndex;
            });
            g.references = std::count_if(g.members.begin(), g.members.end(),
                                         [](const Member &m) { return m.kind == MemberKind::Reference; });
        }
        // Copies of exclude images first, then avoid copies, then identical candidates; inside a kind by
        // the first member (reference set and index, or the lowest candidate id).
        std::sort(m_groups.begin(), m_groups.end(), [](const Group &a, const Group &b) {
            if (a.kind != b.kind)
                return a.kind < b.kind;
            const Member &x = a.members.front(), &y = b.members.front();
            return x.id != y.id ? x.id < y.id : x.refIndex < y.refIndex;
        });
        m_fetched = int(std::min<size_t>(size_t(m_pageSize), m_groups.size()));
    }
    endResetModel();
    m_fetching = false;
}

void ExactGroupModel::setPageSize(int groups)
{
    m_pageSize = std::max(1, groups);
    refresh();
}

void ExactGroupModel::setOutcomes(const DuplicateOutcomes *outcomes, double ssimThreshold, double l2Threshold)
{
    m_outcomes = outcomes;
    m_ssim = ssimThreshold;
    m_l2 = l2Threshold;
    if (m_fetched == 0)
        return;
    emit dataChanged(index(0, 0), index(m_fetched - 1, 0));
    for (int row = 0; row < m_fetched; ++row) {
        const QModelIndex parent = index(row, 0);
        if (const int n = rowCount(parent); n > 0)
            emit dataChanged(index(0, 0, parent), index(n - 1, 0, parent));
    }
}

qsizetype ExactGroupModel::groupCount(GroupKind kind) const
{
    return std::count_if(m_groups.begin(), m_groups.end(), [kind](const Group &g) { return g.kind == kind; });
}

qint64 ExactGroupModel::candidateCount(GroupKind kind) const
{
    qint64 n = 0;
    for (const Group &g : m_groups)
        if (g.kind == kind)
            n += qint64(g.members.size()) - g.references;
    return n;
}

QModelIndex ExactGroupModel::index(int row, int column, const QModelIndex &parent) const
{
    if (column != 0 || row < 0)
        return {};
    if (!parent.isValid())
        return row < m_fetched ? createIndex(row, 0, quintptr(0)) : QModelIndex();
    if (parent.internalId() != 0 || parent.row() >= m_fetched)
        return {};
    const Group &g = m_groups[size_t(parent.row())];
    return row < int(g.members.size()) ? createIndex(row, 0, quintptr(parent.row() + 1)) : QModelIndex();
}

QModelIndex ExactGroupModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == 0)
        return {};
    return createIndex(int(child.internalId() - 1), 0, quintptr(0));
}

int ExactGroupModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return m_fetched;
    if (parent.column() != 0 || parent.internalId() != 0)
        return 0;
    return int(m_groups[size_t(parent.row())].members.size());
}

int ExactGroupModel::columnCount(const QModelIndex &) const
{
    return 1;
}

bool ExactGroupModel::hasChildren(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return !m_groups.empty();
    return rowCount(parent) > 0;
}

bool ExactGroupModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_fetched < int(m_groups.size());
}

void ExactGroupModel::fetchMore(const QModelIndex &parent)
{
    // Views (and QAbstractItemModelTester) may call back into fetchMore() from rowsAboutToBeInserted.
    if (!canFetchMore(parent) || m_fetching)
        return;
    m_fetching = true;
    const int more = int(std::min<size_t>(size_t(m_pageSize), m_groups.size() - size_t(m_fetched)));
    beginInsertRows({}, m_fetched, m_fetched + more - 1);
    m_fetched += more;
    endInsertRows();
    m_fetching = false;
}

const ExactGroupModel::Group &ExactGroupModel::detailed(int row) const
{
    Group &g = m_groups[size_t(row)];
    if (g.detailed)
        return g;
    g.detailed = true;
    Database &db = m_project->database();
    DuplicateFacts facts(db);
    ReferenceSets sets(db);
    for (Member &m : g.members) {
        if (m.kind == MemberKind::Candidate) {
            if (const DuplicateFacts::CandidateLabel c = facts.candidate(m.id); c.found) {
                m.tinyIndex = c.tinyIndex;
                m.name = candidateName(m.tinyIndex, c.filename, m.id);
                m.keyword = c.keyword;
                m.className = c.className;
            } else {
                m.name = candidateName(-1, {}, m.id);
            }
        } else {
            const SetInfo set = m_sets.value(m.id);
            m.name = QStringLiteral("%1 #%2").arg(set.name).arg(m.refIndex);
            if (const int label = sets.label(m.id, m.refIndex); label >= 0 && label < set.labelNames.size())
                m.className = set.labelNames[label];
        }
    }
    return g;
}

QVariant ExactGroupModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    if (index.internalId() == 0)
        return groupData(detailed(index.row()), role);
    const Group &g = detailed(int(index.internalId() - 1));
    return memberData(g.members[size_t(index.row())], role);
}

QVariant ExactGroupModel::groupData(const Group &g, int role) const
{
    switch (role) {
    case Qt::DisplayRole:
    case NameRole:
        return g.members.front().name;
    case GroupKindRole:
        return int(g.kind);
    case CandidateCountRole:
        return qint64(g.members.size()) - g.references;
    case ReferenceCountRole:
        return qint64(g.references);
    default:
        return {};
    }
}

QVariant ExactGroupModel::memberData(const Member &m, int role) const
{
    const bool candidate = m.kind == MemberKind::Candidate;
    switch (role) {
    case Qt::DisplayRole:
    case NameRole:
        return m.name;
    case MemberKindRole:
        return int(m.kind);
    case ClassRole:
        return m.className;
    case CandidateIdRole:
        return candidate ? QVariant(m.id) : QVariant();
    case TinyIndexRole:
        return candidate ? QVariant(m.tinyIndex) : QVariant();
    case KeywordRole:
        return candidate ? QVariant(m.keyword) : QVariant();
    case SetNameRole:
        return candidate ? QVariant() : QVariant(m_sets.value(m.id).name);
    case SetRoleRole:
        return candidate ? QVariant()
                         : QVariant(m_sets.value(m.id).exclude ? QStringLiteral("exclude") : QStringLiteral("avoid"));
    case ReferenceIndexRole:
        return candidate ? QVariant() : QVariant(m.refIndex);
    case OutcomeRole:
        return candidate && m_outcomes ? QVariant(int(m_outcomes->outcome(m.id, m_ssim, m_l2))) : QVariant();
    case PixelsRole:
        if (candidate)
            return m_project->pixels(m.id);
        return DedupStore(m_project->database()).referenceImage(m.id, m.refIndex);
    default:
        return {};
    }
}

QHash<int, QByteArray> ExactGroupModel::roleNames() const
{
    auto names = QAbstractItemModel::roleNames();
    names.insert({{GroupKindRole, "groupKind"},
                  {CandidateCountRole, "candidateCount"},
                  {ReferenceCountRole, "referenceCount"},
                  {MemberKindRole, "memberKind"},
                  {CandidateIdRole, "candidateId"},
                  {TinyIndexRole, "tinyIndex"},
                  {NameRole, "name"},
                  {ClassRole, "className"},
                  {KeywordRole, "keyword"},
                  {SetNameRole, "setName"},
                  {SetRoleRole, "setRole"},
                  {ReferenceIndexRole, "referenceIndex"},
                  {OutcomeRole, "outcome"},
                  {PixelsRole, "pixels"}});
    return names;
}

} // namespace tc::core
