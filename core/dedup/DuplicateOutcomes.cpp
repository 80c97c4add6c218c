#include "core/dedup/DuplicateOutcomes.h"

#include "core/project/Database.h"
#include "core/project/DuplicateFacts.h"
#include "core/project/ReferenceSets.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace tc::core {

namespace {
constexpr double kNoValue = std::numeric_limits<double>::infinity();
} // namespace

DuplicateOutcomes::Entry::Entry()
{
    clearPairs();
}

void DuplicateOutcomes::Entry::clearPairs()
{
    markedExclude = false;
    maxSsim = -kNoValue;
    minL2 = kNoValue;
    excludeMaxSsim = anyMaxSsim = -kNoValue;
    excludeMinL2 = anyMinL2 = kNoValue;
}

bool DuplicateOutcomes::fail(const QString &message)
{
    m_error = message;
    return false;
}

bool DuplicateOutcomes::load(Database &db)
{
    m_entries.clear();
    m_excludeSets.clear();
    m_groups.clear();
    m_classNames.clear();
    m_classCandidates.clear();
    m_candidates = 0;
    m_error.clear();
    ReferenceSets sets(db);
    for (const ReferenceSetInfo &set : sets.list())
        m_excludeSets.insert(set.id, set.role == ReferenceRole::Exclude);
    if (!sets.errorString().isEmpty())
        return fail(sets.errorString());
    // Every candidate first (their classes, one index scan), then every pair in one table scan.
    return readClasses(db) && readPairs(db, -1) && readExactMatches(db);
}

bool DuplicateOutcomes::update(Database &db, qint64 candidateId)
{
    return readPairs(db, candidateId);
}

qsizetype DuplicateOutcomes::slotOf(qint64 candidateId) const
{
    const auto it = std::lower_bound(m_entries.begin(), m_entries.end(), candidateId,
                                     [](const Entry &e, qint64 id) { return e.id < id; });
    return it != m_entries.end() && it->id == candidateId ? qsizetype(it - m_entries.begin()) : -1;
}

bool DuplicateOutcomes::readPairs(Database &db, qint64 candidateId)
{
    // Row by row rather than GROUP BY candidate: a plain scan of the table reads it in storage order
    // (5 million pairs in about a second), grouping along the primary key jumps from the index to the
    // table for every row (several times slower). What counts per candidate: whether a pair with an
    // exclude set is marked duplicate (it removes the candidate whatever its values; distinct removes
    // nothing), the extremes of the unreviewed pairs, and of all pairs for the histograms.
    if (candidateId >= 0) {
        if (slotOf(candidateId) < 0) { // added by another process since load()
            const auto at = std::lower_bound(m_entries.begin(), m_entries.end(), candidateId,
                                             [](const Entry &x, qint64 id) { return x.id < id; });
            m_entries.insert(at, Entry())->id = candidateId;
        }
        m_entries[size_t(slotOf(candidateId))].clearPairs();
    }
    qsizetype slot = -1;
    DuplicateFacts facts(db);
    const bool ok = facts.forEachPair(candidateId, [&](const DuplicateFacts::PairRow &row) {
        if (slot < 0 || m_entries[size_t(slot)].id != row.candidateId)
            slot = slotOf(row.candidateId);
        if (slot < 0)
            return; // a pair of a candidate that is gone (cannot happen: foreign key)
        Entry &e = m_entries[size_t(slot)];
        const double ssim = std::isnan(row.ssim) ? -kNoValue : row.ssim;
        const double l2 = std::isnan(row.l2) ? kNoValue : row.l2;
        e.maxSsim = std::max(e.maxSsim, ssim);
        e.minL2 = std::min(e.minL2, l2);
        const bool exclude = m_excludeSets.value(row.setId, false);
        if (row.status == PairStatus::Duplicate) {
            e.markedExclude = e.markedExclude || exclude;
        } else if (row.status == PairStatus::Unreviewed) {
            e.anyMaxSsim = std::max(e.anyMaxSsim, ssim);
            e.anyMinL2 = std::min(e.anyMinL2, l2);
            if (exclude) {
                e.excludeMaxSsim = std::max(e.excludeMaxSsim, ssim);
                e.excludeMinL2 = std::min(e.excludeMinL2, l2);
            }
        }
    });
    return ok || fail(facts.errorString());
}

bool DuplicateOutcomes::readExactMatches(Database &db)
{
    std::vector<DuplicateFacts::ExactRow> rows;
    DuplicateFacts facts(db);
    if (!facts.exactMatches(&rows))
        return fail(facts.errorString());
    // Candidates with an exact match but no pair (an internal copy in a project without reference sets).
    std::vector<qint64> missing;
    for (const auto &r : rows) {
        if (slotOf(r.candidateId) < 0)
            missing.push_back(r.candidateId);
        if (r.internal() && slotOf(r.refIndex) < 0)
            missing.push_back(r.refIndex);
    }
    if (!missing.empty()) {
        std::sort(missing.begin(), missing.end());
        missing.erase(std::unique(missing.begin(), missing.end()), missing.end());
        for (qint64 id : missing)
            m_entries.emplace_back().id = id;
        std::sort(m_entries.begin(), m_entries.end(), [](const Entry &a, const Entry &b) { return a.id < b.id; });
    }
    // Internal copies: candidate_id is a copy of ref_index, the lowest id of its group.
    QHash<qint64, qsizetype> groupOfKept;
    for (const auto &r : rows) {
        Entry &member = m_entries[size_t(slotOf(r.candidateId))];
        if (!r.internal()) {
            member.exactExclude = member.exactExclude || m_excludeSets.value(r.setId, false);
            continue;
        }
        auto g = groupOfKept.constFind(r.refIndex);
        if (g == groupOfKept.cend()) {
            g = groupOfKept.insert(r.refIndex, qsizetype(m_groups.size()));
            m_groups.push_back({r.refIndex});
            m_entries[size_t(slotOf(r.refIndex))].group = qint32(*g);
        }
        m_groups[size_t(*g)].push_back(r.candidateId);
        member.group = qint32(*g);
    }
    for (auto &g : m_groups)
        std::sort(g.begin(), g.end());
    return true;
}

bool DuplicateOutcomes::readClasses(Database &db)
{
    DuplicateFacts facts(db);
    DuplicateFacts::ClassMembership membership;
    if (!facts.classMembership(&membership))
        return fail(facts.errorString());
    m_classNames = membership.classNames;
    QHash<qint64, int> indexOfClass;
    for (int i = 0; i < membership.classIds.size(); ++i)
        indexOfClass.insert(membership.classIds[i], i);
    m_classCandidates.assign(size_t(m_classNames.size()), 0);
    m_entries.reserve(membership.candidates.size());
    for (const auto &[candidate, classId] : membership.candidates) {
        const int cls = indexOfClass.value(classId, -1);
        if (cls >= 0)
            ++m_classCandidates[size_t(cls)];
        Entry &e = m_entries.emplace_back();
        e.id = candidate;
        e.classIndex = cls;
    }
    m_candidates = qint64(m_entries.size());
    std::sort(m_entries.begin(), m_entries.end(), [](const Entry &a, const Entry &b) { return a.id < b.id; });
    return true;
}

ExcludeFacts DuplicateOutcomes::factsOf(const Entry &e, double ssim, double l2) const
{
    return ExcludeFacts{e.exactExclude, e.markedExclude, e.excludeMaxSsim >= ssim || e.excludeMinL2 <= l2};
}

bool DuplicateOutcomes::toReview(const Entry &e, double ssim, double l2)
{
    return !e.exactExclude && (e.anyMaxSsim >= ssim || e.anyMinL2 <= l2);
}

template <typename Visit>
void DuplicateOutcomes::pass(double ssim, double l2, bool unreviewedAboveIsDuplicate, Visit visit) const
{
    RemovalRule rule(unreviewedAboveIsDuplicate, qsizetype(m_groups.size()));
    for (const Entry &e : m_entries)
        visit(e, rule.next(factsOf(e, ssim, l2), e.group));
}

namespace {
void addToTally(DuplicateTally &t, Removal r, bool review)
{
    t.removed.add(r);
    t.toReview += review;
    t.flagged += review || (r != Removal::None && r != Removal::InternalCopy);
}
} // namespace

DuplicateTally DuplicateOutcomes::tally(double ssim, double l2, bool unreviewedAboveIsDuplicate) const
{
    DuplicateTally t;
    t.candidates = m_candidates;
    pass(ssim, l2, unreviewedAboveIsDuplicate,
         [&](const Entry &e, Removal r) { addToTally(t, r, toReview(e, ssim, l2)); });
    return t;
}

QList<DuplicateTally> DuplicateOutcomes::tallyByClass(double ssim, double l2, bool unreviewedAboveIsDuplicate) const
{
    QList<DuplicateTally> out(m_classNames.size());
    for (int c = 0; c < out.size(); ++c)
        out[c].candidates = m_classCandidates[size_t(c)];
    pass(ssim, l2, unreviewedAboveIsDuplicate, [&](const Entry &e, Removal r) {
        if (e.classIndex >= 0)
            addToTally(out[e.classIndex], r, toReview(e, ssim, l2));
    });
    return out;
}

Removal DuplicateOutcomes::outcome(qint64 candidateId, double ssim, double l2, bool unreviewedAboveIsDuplicate) const
{
    const qsizetype slot = slotOf(candidateId);
    if (slot < 0)
        return Removal::None;
    const Entry &e = m_entries[size_t(slot)];
    // The rule's pass over this candidate's group only: the copies before it decide whether it is the one kept.
    RemovalRule rule(unreviewedAboveIsDuplicate, 1);
    if (e.group < 0)
        return rule.next(factsOf(e, ssim, l2));
    for (qint64 id : m_groups[size_t(e.group)]) {
        const Removal r = rule.next(factsOf(m_entries[size_t(slotOf(id))], ssim, l2), 0);
        if (id == candidateId)
            return r;
    }
    return Removal::None;
}

bool DuplicateOutcomes::reviewable(qint64 candidateId) const
{
    const qsizetype slot = slotOf(candidateId);
    return slot < 0 || RemovalRule::reviewable(ExcludeFacts{m_entries[size_t(slot)].exactExclude, false, false});
}

std::vector<double> DuplicateOutcomes::maxSsimPerCandidate() const
{
    std::vector<double> out;
    out.reserve(m_entries.size());
    for (const Entry &e : m_entries)
        if (e.maxSsim > -kNoValue)
            out.push_back(e.maxSsim);
    return out;
}

std::vector<double> DuplicateOutcomes::minL2PerCandidate() const
{
    std::vector<double> out;
    out.reserve(m_entries.size());
    for (const Entry &e : m_entries)
        if (e.minL2 < kNoValue)
            out.push_back(e.minL2);
    return out;
}

QList<qint64> DuplicateOutcomes::removedIds(double ssim, double l2, bool unreviewedAboveIsDuplicate) const
{
    QList<qint64> ids;
    pass(ssim, l2, unreviewedAboveIsDuplicate, [&](const Entry &e, Removal r) {
        if (r != Removal::None)
            ids << e.id;
    });
    return ids;
}

} // namespace tc::core
