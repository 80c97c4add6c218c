#include "core/dedup/DedupStore.h"

#include "core/dedup/DuplicateOutcomes.h"
#include "core/dedup/RemovalRule.h"
#include "core/project/Database.h"
#include "core/project/DedupSettingsStore.h"
#include "core/project/PairQuery.h"
#include "core/project/PairReviews.h"
#include "core/project/ReferenceSets.h"
#include "core/project/Transaction.h"

#include <limits>

namespace tc::core {

bool DedupStore::fail(const QString &message)
{
    m_error = message;
    return false;
}

// ---- reference sets (ReferenceSets) ----

qint64 DedupStore::addReferenceSet(const QString &name, ReferenceRole role, const QString &path,
                                   const Progress &progress)
{
    ReferenceSets sets(m_db);
    const qint64 id = sets.add(name, role, path, progress);
    if (id == 0)
        fail(sets.errorString());
    return id;
}

qint64 DedupStore::addReferenceSet(const QString &name, ReferenceRole role, const QString &sourcePath,
                                   const ImageSet &images)
{
    ReferenceSets sets(m_db);
    const qint64 id = sets.add(name, role, sourcePath, images);
    if (id == 0)
        fail(sets.errorString());
    return id;
}

QList<ReferenceSetInfo> DedupStore::referenceSets()
{
    return ReferenceSets(m_db).list();
}

std::optional<ReferenceSetInfo> DedupStore::referenceSet(const QString &name)
{
    return ReferenceSets(m_db).find(name);
}

bool DedupStore::referencePixels(qint64 setId, std::vector<std::uint8_t> *pixels)
{
    ReferenceSets sets(m_db);
    return sets.pixels(setId, pixels) || fail(sets.errorString());
}

QByteArray DedupStore::referenceImage(qint64 setId, qint32 refIndex)
{
    return ReferenceSets(m_db).image(setId, refIndex);
}

// ---- settings (DedupSettingsStore) ----

DedupSettings DedupStore::settings()
{
    return DedupSettingsStore(m_db).settings();
}

bool DedupStore::setSettings(const DedupSettings &settings)
{
    DedupSettingsStore store(m_db);
    return store.setSettings(settings) || fail(store.errorString());
}

DedupSearchState DedupStore::searchState()
{
    return DedupSettingsStore(m_db).searchState();
}

// ---- reviews (PairReviews; the rule is RemovalRule's) ----

bool DedupStore::review(qint64 candidateId, qint64 setId, qint32 refIndex, PairStatus status, const QString &annotator)
{
    // One transaction: the checks see what the review is appended to.
    Transaction tx(m_db);
    PairReviews reviews(m_db);
    if (!reviews.pairExists(candidateId, setId, refIndex))
        return fail(QStringLiteral("%1: no stored pair candidate %2, set %3, reference %4")
                        .arg(m_db.fileName())
                        .arg(candidateId)
                        .arg(setId)
                        .arg(refIndex));
    const auto copy = reviews.exactExcludeCopy(candidateId);
    if (!RemovalRule::reviewable(ExcludeFacts{copy.has_value(), false, false}))
        return fail(QStringLiteral("%1: candidate %2 is an exact copy of %3 #%4, an exclude set: export always removes "
                                   "it, so its pairs are not reviewed")
                        .arg(m_db.fileName())
                        .arg(candidateId)
                        .arg(copy->setName)
                        .arg(copy->refIndex));
    if (!reviews.record(candidateId, setId, refIndex, status, annotator))
        return fail(reviews.errorString());
    return tx.commit() || fail(QStringLiteral("%1: %2").arg(m_db.fileName(), m_db.errorString()));
}

std::optional<NearPair> DedupStore::undoReview(const QString &annotator)
{
    Transaction tx(m_db);
    PairReviews reviews(m_db);
    const auto undone = reviews.undoLatest(annotator);
    if (!undone) {
        if (!reviews.errorString().isEmpty())
            fail(reviews.errorString());
        return std::nullopt;
    }
    if (!tx.commit()) {
        fail(QStringLiteral("%1: %2").arg(m_db.fileName(), m_db.errorString()));
        return std::nullopt;
    }
    return pair(undone->candidateId, undone->setId, undone->refIndex).value_or(*undone);
}

// ---- queries (PairQuery) ----

QList<NearPair> DedupStore::pairs(const PairFilter &filter, const NearPair *after)
{
    PairQuery query(m_db);
    const QList<NearPair> out = query.pairs(filter, after);
    if (!query.errorString().isEmpty())
        fail(query.errorString());
    return out;
}

std::optional<NearPair> DedupStore::pair(qint64 candidateId, qint64 setId, qint32 refIndex)
{
    return PairQuery(m_db).pair(candidateId, setId, refIndex);
}

qint64 DedupStore::pairCount()
{
    return PairQuery(m_db).count();
}

qint64 DedupStore::pairCount(const PairFilter &filter)
{
    return PairQuery(m_db).count(filter);
}

bool DedupStore::pairBefore(const PairFilter &filter, const NearPair &a, const NearPair &b)
{
    return PairQuery::pairBefore(filter, a, b);
}

qint64 DedupStore::flaggedCandidateCount(double ssimThreshold, double l2Threshold)
{
    DuplicateOutcomes outcomes;
    if (!outcomes.load(m_db))
        return fail(outcomes.errorString()), 0;
    return outcomes.tally(ssimThreshold, l2Threshold).flagged;
}

QList<CandidateExtremes> DedupStore::candidateExtremes(qint64 setId)
{
    return PairQuery(m_db).candidateExtremes(setId);
}

QList<ExactGroup> DedupStore::exactGroups()
{
    return PairQuery(m_db).exactGroups();
}

QList<ExactReferenceMatch> DedupStore::exactReferenceMatches()
{
    return PairQuery(m_db).exactReferenceMatches();
}

QList<qint64> DedupStore::excludedCandidates()
{
    DuplicateOutcomes outcomes;
    if (!outcomes.load(m_db))
        return fail(outcomes.errorString()), QList<qint64>{};
    // No pair passes these thresholds, and unreviewed pairs do not count: what stays removed whatever they are.
    constexpr double kNever = std::numeric_limits<double>::infinity();
    return outcomes.removedIds(kNever, -kNever, false);
}

} // namespace tc::core
