#include "core/dedup/DedupRunner.h"

#include "core/common/ImageSet.h"
#include "core/dedup/DedupStore.h"
#include "core/dedup/ExactDuplicates.h"
#include "core/dedup/ImageFeatures.h"
#include "core/dedup/SsimLaneKernel.h"
#include "core/project/Database.h"
#include "core/project/Statement.h"
#include "core/project/Transaction.h"

#include <QHash>
#include <algorithm>
#include <cmath>
#include <memory>

namespace tc::core {

struct DedupRunner::Candidates {
    std::vector<qint64> ids; // ascending
    std::vector<std::uint8_t> pixels;
};

bool DedupRunner::fail(const QString &message)
{
    m_error = message;
    return false;
}

bool DedupRunner::loadCandidates(Candidates &c)
{
    Statement q(m_db, QStringLiteral("SELECT id, pixels FROM candidates ORDER BY id"));
    while (q.next()) {
        const auto bytes = q.blobView(1);
        if (bytes.size() != size_t(kImageBytes))
            return fail(QStringLiteral("%1: candidate %2 has %3 pixel bytes, not 3072")
                            .arg(m_db.fileName())
                            .arg(q.int64(0))
                            .arg(bytes.size()));
        c.ids.push_back(q.int64(0));
        c.pixels.insert(c.pixels.end(), bytes.begin(), bytes.end());
    }
    return !q.hasError() || fail(q.errorString());
}

// Internal groups are recomputed over all candidates (hashing 500k images takes a second), so
// imports between runs can never leave a stale group.
bool DedupRunner::storeInternal(const Candidates &c, DedupRunStats *stats)
{
    const auto groups = findInternalDuplicates(c.pixels.data(), qsizetype(c.ids.size()));
    Transaction tx(m_db);
    if (!m_db.exec(QStringLiteral("DELETE FROM exact_matches WHERE set_id IS NULL")))
        return fail(m_db.errorString());
    Statement ins(m_db,
                  QStringLiteral("INSERT INTO exact_matches(candidate_id, set_id, ref_index) VALUES(?, NULL, ?)"));
    for (const auto &g : groups) {
        for (size_t i = 1; i < g.size(); ++i) {
            ins.reset();
            if (!ins.bind(1, c.ids[size_t(g[i])]).bind(2, c.ids[size_t(g[0])]).exec())
                return fail(ins.errorString());
        }
        stats->internalDuplicates += qint64(g.size()) - 1;
    }
    stats->internalGroups = qint64(groups.size());
    return tx.commit() || fail(m_db.errorString());
}

namespace {

// SSIM and L2 of one candidate against a few references (the other measure of each stored pair).
void measurePairs(const std::uint8_t *x, const std::uint8_t *refs, const std::vector<qint32> &indices,
                  SsimWindow window, std::vector<double> *ssim, std::vector<double> *l2)
{
    ssim->assign(indices.size(), 0);
    l2->assign(indices.size(), 0);
    withSsimKernel(window, [&]<typename Kernel>() {
        auto single = makeSsimBuffer<typename Kernel::Single>();
        auto block = makeSsimBuffer<typename Kernel::Block>();
        single->load(x);
        ssimAgainstList(*single, *block, refs, indices.data(), qsizetype(indices.size()),
                        [&](qsizetype i, float value) { (*ssim)[size_t(i)] = value; });
    });
    for (size_t i = 0; i < indices.size(); ++i)
        (*l2)[i] = std::sqrt(double(squaredDistance(x, refs + qsizetype(indices[i]) * kImageBytes)));
}

} // namespace

bool DedupRunner::adoptSearchMode(const DedupSettings &settings, DedupRunStats *stats)
{
    const QString mode = settings.searchMode();
    stats->searchMode = mode;
    Statement q(m_db, QStringLiteral("SELECT value FROM meta WHERE key = 'dedup_search_mode'"));
    const QString stored = q.next() ? q.text(0) : QString();
    if (stored == mode)
        return true;
    // Projects from before the mode was saved: their pairs came from the default mode at this top-k.
    DedupSettings legacy = settings;
    legacy.exhaustive = false;
    legacy.window = SsimWindow::Uniform7;
    const bool haveResults = m_db.queryInt(QStringLiteral("SELECT EXISTS(SELECT 1 FROM dedup_progress)")) != 0;
    Transaction tx(m_db);
    if (haveResults && !(stored.isEmpty() && legacy.searchMode() == mode)) {
        if (!m_db.exec(QStringLiteral("DELETE FROM near_pairs WHERE status = 0; DELETE FROM dedup_progress;")))
            return fail(m_db.errorString());
        stats->recomputed = true;
    }
    Statement set(m_db, QStringLiteral("INSERT OR REPLACE INTO meta(key, value) VALUES('dedup_search_mode', ?)"));
    if (!set.bind(1, mode).exec())
        return fail(set.errorString());
    return tx.commit() || fail(m_db.errorString());
}

bool DedupRunner::compareSet(const Candidates &c, qint64 setId, const DedupSettings &settings,
                             const DedupRunOptions &options, DedupRunStats *stats, const Progress &progress)
{
    DedupStore store(m_db);
    std::vector<std::uint8_t> refs;
    if (!store.referencePixels(setId, &refs))
        return fail(store.errorString());
    Statement done(m_db, QStringLiteral("SELECT max_candidate_id FROM dedup_progress WHERE set_id = ?"));
    done.bind(1, setId);
    const qint64 maxDone = done.next() ? done.int64(0) : 0;
    const size_t first = size_t(std::upper_bound(c.ids.begin(), c.ids.end(), maxDone) - c.ids.begin());
    const qsizetype n = qsizetype(c.ids.size() - first), m = qsizetype(refs.size() / kImageBytes);
    if (n == 0 || m == 0)
        return true;
    const std::uint8_t *cands = c.pixels.data() + first * kImageBytes;
    const auto exact = findExactMatches(cands, n, refs.data(), m, options.threads);
    NearDuplicateOptions nd;
    nd.topK = settings.topK;
    nd.exhaustive = settings.exhaustive;
    nd.window = settings.window;
    nd.threads = options.threads;
    NearDuplicateSearch search(refs.data(), m, nd);
    stats->openBlas = search.blas().summary();
    NearDuplicateResult result;
    if (!search.run(cands, n, &result, progress))
        return fail(QStringLiteral("cancelled"));

    Transaction tx(m_db);
    Statement ex(m_db, QStringLiteral("INSERT OR IGNORE INTO exact_matches(candidate_id, set_id, ref_index) "
                                      "VALUES(?, ?, ?)"));
    for (const ExactMatch &e : exact) {
        ex.reset();
        if (!ex.bind(1, c.ids[first + size_t(e.candidate)]).bind(2, setId).bind(3, qint64(e.reference)).exec())
            return fail(ex.errorString());
    }
    // Pairs already stored for these candidates (reviewed ones kept across a change of search mode)
    // are measured again, so every stored value comes from the same mode.
    QHash<qint64, std::vector<qint32>> stored;
    Statement old(m_db, QStringLiteral("SELECT candidate_id, ref_index FROM near_pairs WHERE set_id = ? AND "
                                       "candidate_id > ?"));
    old.bind(1, setId).bind(2, maxDone);
    while (old.next())
        stored[old.int64(0)].push_back(qint32(old.int64(1)));
    Statement ins(m_db, QStringLiteral("INSERT INTO near_pairs(candidate_id, set_id, ref_index, ssim, l2, status) "
                                       "VALUES(?, ?, ?, ?, ?, 0) ON CONFLICT(candidate_id, set_id, ref_index) DO "
                                       "UPDATE SET ssim = excluded.ssim, l2 = excluded.l2"));
    std::vector<double> ssim, l2;
    for (qsizetype i = 0; i < n; ++i) {
        std::vector<qint32> indices = stored.value(c.ids[first + size_t(i)]);
        const size_t known = indices.size();
        for (const Neighbor &nb : result.l2Of(i))
            indices.push_back(nb.index);
        for (const Neighbor &nb : result.ssimOf(i))
            indices.push_back(nb.index);
        std::sort(indices.begin(), indices.end());
        indices.erase(std::unique(indices.begin(), indices.end()), indices.end());
        indices.erase(std::remove(indices.begin(), indices.end(), -1), indices.end());
        measurePairs(cands + i * kImageBytes, refs.data(), indices, settings.window, &ssim, &l2);
        for (size_t s = 0; s < indices.size(); ++s) {
            ins.reset();
            ins.bind(1, c.ids[first + size_t(i)]).bind(2, setId).bind(3, qint64(indices[s]));
            if (!ins.bind(4, ssim[s]).bind(5, l2[s]).exec())
                return fail(ins.errorString());
        }
        stats->pairsStored += qint64(indices.size() - known);
    }
    Statement prog(m_db,
                   QStringLiteral("INSERT OR REPLACE INTO dedup_progress(set_id, max_candidate_id) VALUES(?, ?)"));
    if (!prog.bind(1, setId).bind(2, c.ids.back()).exec())
        return fail(prog.errorString());
    stats->referenceMatches += qint64(exact.size());
    stats->comparedCandidates += n;
    return tx.commit() || fail(m_db.errorString());
}

bool DedupRunner::run(const DedupRunOptions &options, DedupRunStats *stats, const Progress &progress)
{
    *stats = DedupRunStats{};
    Candidates c;
    if (!loadCandidates(c))
        return false;
    stats->candidates = qint64(c.ids.size());
    if (!c.ids.empty() && !storeInternal(c, stats))
        return false;
    DedupStore store(m_db);
    const DedupSettings settings = store.settings();
    if (!adoptSearchMode(settings, stats))
        return false;
    const auto sets = store.referenceSets();
    for (int s = 0; s < sets.size(); ++s) {
        // One progress range for the whole run: set s covers [s, s + 1) of sets.size().
        const Progress setProgress(
            [&progress, s, &sets](qint64 done, qint64 total) {
                progress.report(s * 1000 + (total ? done * 1000 / total : 1000), sets.size() * 1000);
            },
            [&progress] { return progress.isCancelled(); });
        if (!c.ids.empty() && !compareSet(c, sets[s].id, settings, options, stats, setProgress))
            return false;
    }
    stats->flaggedCandidates = store.flaggedCandidateCount(settings.ssimThreshold, settings.l2Threshold);
    return true;
}

} // namespace tc::core
