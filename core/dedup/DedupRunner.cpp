#include "core/dedup/DedupRunner.h"

#include "core/common/ImageSet.h"
#include "core/dedup/DedupStore.h"
#include "core/dedup/ExactDuplicates.h"
#include "core/dedup/ImageFeatures.h"
#include "core/dedup/SsimLaneKernel.h"
#include "core/dedup/TransformScorer.h"
#include "core/project/Database.h"
#include "core/project/DedupSettingsStore.h"
#include "core/project/ReferenceSets.h"
#include "core/project/Transaction.h"

#include <QDateTime>
#include <QHash>
#include <algorithm>
#include <cmath>

namespace tc::core {

namespace {

// Result rows held per batch of candidates (2 x k neighbours each): a batch's share of memory does
// not grow with the number of candidates, whatever top-k is.
constexpr qint64 kBatchResultBytes = qint64(64) << 20;

// SSIM and L2 of one candidate against a few references (the other measure of each stored pair);
// with transforms, the best over them and where the SSIM was found (TransformScorer).
void measurePairs(const std::uint8_t *x, const std::uint8_t *refs, const std::vector<qint32> &indices,
                  const DedupSettings &settings, std::vector<PairScore> *scores)
{
    scores->assign(indices.size(), PairScore{});
    if (settings.transforms != TransformSet::None) {
        TransformScorer scorer(settings.window, settings.transforms);
        scorer.setCandidate(x);
        for (size_t i = 0; i < indices.size(); ++i)
            (*scores)[i] = scorer.score(refs + qsizetype(indices[i]) * kImageBytes);
        return;
    }
    withSsimKernel(settings.window, [&]<typename Kernel>() {
        auto single = makeSsimBuffer<typename Kernel::Single>();
        auto block = makeSsimBuffer<typename Kernel::Block>();
        single->load(x);
        ssimAgainstList(*single, *block, refs, indices.data(), qsizetype(indices.size()),
                        [&](qsizetype i, float value) { (*scores)[size_t(i)].ssim = value; });
    });
    for (size_t i = 0; i < indices.size(); ++i)
        (*scores)[i].l2 = std::sqrt(double(squaredDistance(x, refs + qsizetype(indices[i]) * kImageBytes)));
}

// Whether a run in `mode` must measure every stored pair again: the stored pairs came from another
// mode. Projects from before the mode was saved had their pairs from the default mode at this top-k.
bool modeChanged(Database &db, const DedupSettings &settings)
{
    DedupSettingsStore store(db);
    const QString stored = store.storedSearchMode();
    const QString mode = settings.searchMode();
    if (settings.isServedBy(stored))
        return false;
    DedupSettings legacy = settings;
    legacy.exhaustive = false;
    legacy.window = SsimWindow::Uniform7;
    legacy.transforms = TransformSet::None;
    return store.anySetSearched() && !(stored.isEmpty() && legacy.searchMode() == mode);
}

} // namespace

struct DedupRunner::Candidates {
    std::vector<qint64> ids; // ascending
    std::vector<std::uint8_t> pixels;
};

bool DedupRunner::fail(const QString &message)
{
    m_error = message;
    return false;
}

bool DedupRunner::stageBatch(const Candidates &c, size_t first, qsizetype count, qint64 setId, bool recompute,
                             const std::vector<std::uint8_t> &refs, const NearDuplicateResult &result,
                             const DedupSettings &settings, DedupRunStats *stats)
{
    // A deferred transaction that writes only temp tables never takes the project's write lock.
    Transaction tx(m_db, Transaction::Mode::Deferred);
    // Pairs already stored for these candidates (after a change of mode: the reviewed ones, which
    // stay) are measured again, so every stored value comes from the same mode.
    QHash<qint64, std::vector<qint32>> stored;
    if (!m_store.storedPairs(setId, c.ids[first], c.ids[first + size_t(count) - 1], recompute, &stored))
        return fail(m_store.errorString());
    const std::uint8_t *cands = c.pixels.data() + first * kImageBytes;
    std::vector<PairScore> scores;
    std::vector<qint32> indices, unscored;
    for (qsizetype i = 0; i < count; ++i) {
        const qint64 id = c.ids[first + size_t(i)];
        // With transforms the search scored its neighbours already; only the other stored pairs are scored here.
        QHash<qint32, PairScore> found;
        const auto l2Scores = result.l2ScoresOf(i), ssimScores = result.ssimScoresOf(i);
        for (int s = 0; s < int(l2Scores.size()); ++s) {
            found.insert(result.l2Of(i)[size_t(s)].index, l2Scores[size_t(s)]);
            found.insert(result.ssimOf(i)[size_t(s)].index, ssimScores[size_t(s)]);
        }
        indices = stored.value(id);
        const size_t known = indices.size();
        for (const Neighbor &nb : result.l2Of(i))
            indices.push_back(nb.index);
        for (const Neighbor &nb : result.ssimOf(i))
            indices.push_back(nb.index);
        std::sort(indices.begin(), indices.end());
        indices.erase(std::unique(indices.begin(), indices.end()), indices.end());
        indices.erase(std::remove(indices.begin(), indices.end(), -1), indices.end());
        unscored.clear();
        for (qint32 index : indices)
            if (!found.contains(index))
                unscored.push_back(index);
        measurePairs(cands + i * kImageBytes, refs.data(), unscored, settings, &scores);
        for (size_t s = 0; s < unscored.size(); ++s)
            found.insert(unscored[s], scores[s]);
        for (qint32 index : indices) {
            const PairScore &score = found[index];
            if (!m_store.stagePair(id, setId, index, score.ssim, score.l2, score.transform))
                return fail(m_store.errorString());
        }
        stats->pairsStored += qint64(indices.size() - known);
    }
    return tx.commit() || fail(m_db.errorString());
}

bool DedupRunner::compareSet(const Candidates &c, const ReferenceSetInfo &set, bool recompute,
                             const DedupSettings &settings, const DedupRunOptions &options, DedupRunStats *stats,
                             const Progress &progress)
{
    ReferenceSets sets(m_db);
    std::vector<std::uint8_t> refs;
    if (!sets.pixels(set.id, &refs))
        return fail(sets.errorString());
    const qint64 maxDone = recompute ? 0 : m_store.searchedUpTo(set.id);
    const size_t first = size_t(std::upper_bound(c.ids.begin(), c.ids.end(), maxDone) - c.ids.begin());
    const qsizetype n = qsizetype(c.ids.size() - first), m = qsizetype(refs.size() / kImageBytes);
    if (n == 0)
        return true;
    // An empty set is compared as soon as it is looked at: there is nothing to find in it.
    if (m > 0) {
        const std::uint8_t *cands = c.pixels.data() + first * kImageBytes;
        const auto exact = findExactMatches(cands, n, refs.data(), m, options.threads);
        for (const ExactMatch &e : exact)
            if (!m_store.stageExactMatch(c.ids[first + size_t(e.candidate)], set.id, qint32(e.reference)))
                return fail(m_store.errorString());
        stats->referenceMatches += qint64(exact.size());
        NearDuplicateOptions nd;
        nd.topK = settings.topK; // capped at this set's size by the search
        nd.exhaustive = settings.exhaustive;
        nd.window = settings.window;
        nd.transforms = settings.transforms;
        nd.transformL2Guarantee = settings.transformL2Guarantee();
        nd.threads = options.threads;
        NearDuplicateSearch search(refs.data(), m, nd);
        if (!search.isValid())
            return fail(search.errorString());
        stats->intKernel = search.intKernels().summary();
        const qint64 perCandidate = 2 * qint64(search.options().topK) * qint64(sizeof(Neighbor));
        const qsizetype batch = qsizetype(std::max<qint64>(1024, kBatchResultBytes / perCandidate));
        NearDuplicateResult result;
        for (qsizetype b = 0; b < n; b += batch) {
            const qsizetype count = std::min(batch, n - b);
            const Progress batchProgress(
                [&progress, b, count, n](qint64 done, qint64 total) {
                    progress.report(b * 1000 + (total ? done * 1000 / total : 1000) * count, n * 1000);
                },
                [&progress] { return progress.isCancelled(); });
            if (!search.run(cands + b * kImageBytes, count, &result, batchProgress))
                return fail(QStringLiteral("cancelled"));
            if (!stageBatch(c, first + size_t(b), count, set.id, recompute, refs, result, settings, stats))
                return false;
        }
    }
    if (!m_store.stageProgress(set.id, c.ids.back()))
        return fail(m_store.errorString());
    stats->comparedCandidates += n;
    return true;
}

bool DedupRunner::commit(const Candidates &c, bool recompute, const std::vector<std::vector<qint32>> &groups,
                         DedupRunStats *stats)
{
    // Each copy with the first (lowest id) candidate of its group, which is kept.
    std::vector<std::pair<qint64, qint64>> copies;
    for (const auto &g : groups)
        for (size_t i = 1; i < g.size(); ++i)
            copies.emplace_back(c.ids[size_t(g[i])], c.ids[size_t(g[0])]);
    return m_store.commitRun(copies, recompute, stats->settings, stats->searchMode, stats->completedAt) ||
           fail(m_store.errorString());
}

bool DedupRunner::run(const DedupRunOptions &options, DedupRunStats *stats, const Progress &progress)
{
    *stats = DedupRunStats{};
    DedupStore store(m_db);
    DedupSettings settings = options.settings.value_or(DedupSettingsStore(m_db).settings());
    if (const QString bad = settings.validate(); !bad.isEmpty())
        return fail(bad);
    const auto sets = store.referenceSets();
    // More neighbours than the largest set holds cannot exist; the saved mode says what was measured.
    qint64 largest = 0;
    for (const ReferenceSetInfo &s : sets)
        largest = std::max(largest, s.count);
    stats->requestedTopK = settings.topK;
    if (largest > 0 && settings.topK > largest)
        settings.topK = int(largest);
    stats->settings = settings;
    stats->searchMode = settings.searchMode();
    Candidates c;
    if (!m_store.loadCandidates(&c.ids, &c.pixels))
        return fail(m_store.errorString());
    stats->candidates = qint64(c.ids.size());
    const auto groups = findInternalDuplicates(c.pixels.data(), qsizetype(c.ids.size()));
    stats->internalGroups = qint64(groups.size());
    for (const auto &g : groups)
        stats->internalDuplicates += qint64(g.size()) - 1;
    stats->recomputed = modeChanged(m_db, settings);
    if (!m_store.prepareStaging())
        return fail(m_store.errorString());
    struct DropStaging {
        DedupRunStore &store;
        ~DropStaging() { store.dropStaging(); }
    } const dropStaging{m_store};
    for (int s = 0; s < sets.size(); ++s) {
        // One progress range for the whole run: set s covers [s, s + 1) of sets.size().
        const Progress setProgress(
            [&progress, s, &sets](qint64 done, qint64 total) {
                progress.report(s * 1000 + (total ? done * 1000 / total : 1000), sets.size() * 1000);
            },
            [&progress] { return progress.isCancelled(); });
        if (progress.isCancelled())
            return fail(QStringLiteral("cancelled"));
        if (!c.ids.empty() && !compareSet(c, sets[s], stats->recomputed, settings, options, stats, setProgress))
            return false;
    }
    if (progress.isCancelled())
        return fail(QStringLiteral("cancelled"));
    stats->completedAt = QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
    if (!commit(c, stats->recomputed, groups, stats))
        return false;
    stats->flaggedCandidates = store.flaggedCandidateCount(settings.ssimThreshold, settings.l2Threshold);
    return true;
}

} // namespace tc::core
