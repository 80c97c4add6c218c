#include "core/dedup/DedupRunner.h"

#include "core/common/ImageSet.h"
#include "core/dedup/DedupStore.h"
#include "core/dedup/ExactDuplicates.h"
#include "core/dedup/ImageFeatures.h"
#include "core/dedup/SsimLaneKernel.h"
#include "core/dedup/TransformScorer.h"
#include "core/project/Database.h"
#include "core/project/Statement.h"
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
    Statement q(db, QStringLiteral("SELECT value FROM meta WHERE key = 'dedup_search_mode'"));
    const QString stored = q.next() ? q.text(0) : QString();
    const QString mode = settings.searchMode();
    if (stored == mode)
        return false;
    DedupSettings legacy = settings;
    legacy.exhaustive = false;
    legacy.window = SsimWindow::Uniform7;
    legacy.transforms = TransformSet::None;
    const bool haveResults = db.queryInt(QStringLiteral("SELECT EXISTS(SELECT 1 FROM dedup_progress)")) != 0;
    return haveResults && !(stored.isEmpty() && legacy.searchMode() == mode);
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

// The run's results collect in temporary tables of this connection: SQLite keeps them in its temp
// store, outside the project file, so a killed run leaves nothing in the project to undo.
bool DedupRunner::prepareStaging()
{
    const bool ok = m_db.exec(QStringLiteral(
        "CREATE TEMP TABLE IF NOT EXISTS dedup_staging_pairs(candidate_id INTEGER NOT NULL, set_id INTEGER NOT NULL, "
        "ref_index INTEGER NOT NULL, ssim REAL, l2 REAL, shift_x INTEGER NOT NULL, shift_y INTEGER NOT NULL, "
        "mirrored INTEGER NOT NULL, PRIMARY KEY(candidate_id, set_id, ref_index)) WITHOUT ROWID;"
        "CREATE TEMP TABLE IF NOT EXISTS dedup_staging_exact(candidate_id INTEGER NOT NULL, set_id INTEGER NOT NULL, "
        "ref_index INTEGER NOT NULL);"
        "CREATE TEMP TABLE IF NOT EXISTS dedup_staging_progress(set_id INTEGER PRIMARY KEY, "
        "max_candidate_id INTEGER NOT NULL);"
        "DELETE FROM temp.dedup_staging_pairs; DELETE FROM temp.dedup_staging_exact; "
        "DELETE FROM temp.dedup_staging_progress;"));
    return ok || fail(m_db.errorString());
}

void DedupRunner::dropStaging()
{
    m_db.exec(QStringLiteral("DROP TABLE IF EXISTS temp.dedup_staging_pairs; DROP TABLE IF EXISTS "
                             "temp.dedup_staging_exact; DROP TABLE IF EXISTS temp.dedup_staging_progress;"));
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
    Statement old(m_db, QStringLiteral("SELECT candidate_id, ref_index FROM near_pairs WHERE set_id = ?1 AND "
                                       "candidate_id BETWEEN ?2 AND ?3") +
                            (recompute ? QStringLiteral(" AND status != 0") : QString()));
    old.bind(1, setId).bind(2, c.ids[first]).bind(3, c.ids[first + size_t(count) - 1]);
    while (old.next())
        stored[old.int64(0)].push_back(qint32(old.int64(1)));
    if (old.hasError())
        return fail(old.errorString());
    Statement ins(m_db,
                  QStringLiteral("INSERT OR REPLACE INTO temp.dedup_staging_pairs(candidate_id, set_id, "
                                 "ref_index, ssim, l2, shift_x, shift_y, mirrored) VALUES(?, ?, ?, ?, ?, ?, ?, ?)"));
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
            ins.reset();
            ins.bind(1, id).bind(2, setId).bind(3, qint64(index)).bind(4, score.ssim).bind(5, score.l2);
            if (!ins.bind(6, qint64(score.transform.dx))
                     .bind(7, qint64(score.transform.dy))
                     .bind(8, qint64(score.transform.mirrored ? 1 : 0))
                     .exec())
                return fail(ins.errorString());
        }
        stats->pairsStored += qint64(indices.size() - known);
    }
    return tx.commit() || fail(m_db.errorString());
}

bool DedupRunner::compareSet(const Candidates &c, const ReferenceSetInfo &set, bool recompute,
                             const DedupSettings &settings, const DedupRunOptions &options, DedupRunStats *stats,
                             const Progress &progress)
{
    DedupStore store(m_db);
    std::vector<std::uint8_t> refs;
    if (!store.referencePixels(set.id, &refs))
        return fail(store.errorString());
    qint64 maxDone = 0;
    if (!recompute) {
        Statement done(m_db, QStringLiteral("SELECT max_candidate_id FROM dedup_progress WHERE set_id = ?"));
        done.bind(1, set.id);
        maxDone = done.next() ? done.int64(0) : 0;
    }
    const size_t first = size_t(std::upper_bound(c.ids.begin(), c.ids.end(), maxDone) - c.ids.begin());
    const qsizetype n = qsizetype(c.ids.size() - first), m = qsizetype(refs.size() / kImageBytes);
    if (n == 0)
        return true;
    Statement prog(m_db, QStringLiteral("INSERT OR REPLACE INTO temp.dedup_staging_progress(set_id, "
                                        "max_candidate_id) VALUES(?, ?)"));
    // An empty set is compared as soon as it is looked at: there is nothing to find in it.
    if (m > 0) {
        const std::uint8_t *cands = c.pixels.data() + first * kImageBytes;
        const auto exact = findExactMatches(cands, n, refs.data(), m, options.threads);
        Statement ex(m_db, QStringLiteral("INSERT INTO temp.dedup_staging_exact(candidate_id, set_id, ref_index) "
                                          "VALUES(?, ?, ?)"));
        for (const ExactMatch &e : exact) {
            ex.reset();
            if (!ex.bind(1, c.ids[first + size_t(e.candidate)]).bind(2, set.id).bind(3, qint64(e.reference)).exec())
                return fail(ex.errorString());
        }
        stats->referenceMatches += qint64(exact.size());
        NearDuplicateOptions nd;
        nd.topK = settings.topK; // capped at this set's size by the search
        nd.exhaustive = settings.exhaustive;
        nd.window = settings.window;
        nd.transforms = settings.transforms;
        nd.threads = options.threads;
        NearDuplicateSearch search(refs.data(), m, nd);
        if (!search.isValid())
            return fail(search.errorString());
        stats->openBlas = search.blas().summary();
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
    if (!prog.bind(1, set.id).bind(2, c.ids.back()).exec())
        return fail(prog.errorString());
    stats->comparedCandidates += n;
    return true;
}

bool DedupRunner::commit(const Candidates &c, bool recompute, const std::vector<std::vector<qint32>> &groups,
                         DedupRunStats *stats)
{
    Transaction tx(m_db);
    if (!tx.isActive())
        return fail(m_db.errorString());
    // Internal groups are recomputed over all candidates (hashing 500k images takes a second), so
    // imports between runs can never leave a stale group.
    if (!m_db.exec(QStringLiteral("DELETE FROM exact_matches WHERE set_id IS NULL")))
        return fail(m_db.errorString());
    Statement ins(m_db,
                  QStringLiteral("INSERT INTO exact_matches(candidate_id, set_id, ref_index) VALUES(?, NULL, ?)"));
    for (const auto &g : groups)
        for (size_t i = 1; i < g.size(); ++i) {
            ins.reset();
            if (!ins.bind(1, c.ids[size_t(g[i])]).bind(2, c.ids[size_t(g[0])]).exec())
                return fail(ins.errorString());
        }
    // A new mode replaces every unreviewed pair; reviewed ones stay and take their new values below.
    if (recompute && !m_db.exec(QStringLiteral("DELETE FROM near_pairs WHERE status = 0; DELETE FROM dedup_progress;")))
        return fail(m_db.errorString());
    if (!m_db.exec(QStringLiteral(
            "INSERT INTO near_pairs(candidate_id, set_id, ref_index, ssim, l2, status, shift_x, shift_y, mirrored) "
            "SELECT candidate_id, set_id, ref_index, ssim, l2, 0, shift_x, shift_y, mirrored FROM "
            "temp.dedup_staging_pairs WHERE true ON CONFLICT(candidate_id, set_id, ref_index) DO UPDATE SET ssim = "
            "excluded.ssim, l2 = excluded.l2, shift_x = excluded.shift_x, shift_y = excluded.shift_y, mirrored = "
            "excluded.mirrored;"
            "INSERT OR IGNORE INTO exact_matches(candidate_id, set_id, ref_index) SELECT candidate_id, set_id, "
            "ref_index FROM temp.dedup_staging_exact;"
            "INSERT OR REPLACE INTO dedup_progress(set_id, max_candidate_id) SELECT set_id, max_candidate_id FROM "
            "temp.dedup_staging_progress;")))
        return fail(m_db.errorString());
    DedupStore store(m_db);
    if (!store.setSettings(stats->settings))
        return fail(store.errorString());
    Statement meta(m_db, QStringLiteral("INSERT OR REPLACE INTO meta(key, value) VALUES(?, ?)"));
    for (const auto &[key, value] : {std::pair{QStringLiteral("dedup_search_mode"), stats->searchMode},
                                     std::pair{QStringLiteral("dedup_completed_at"), stats->completedAt}}) {
        meta.reset();
        if (!meta.bind(1, key).bind(2, value).exec())
            return fail(meta.errorString());
    }
    return tx.commit() || fail(m_db.errorString());
}

bool DedupRunner::run(const DedupRunOptions &options, DedupRunStats *stats, const Progress &progress)
{
    *stats = DedupRunStats{};
    DedupStore store(m_db);
    DedupSettings settings = options.settings.value_or(store.settings());
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
    if (!loadCandidates(c))
        return false;
    stats->candidates = qint64(c.ids.size());
    const auto groups = findInternalDuplicates(c.pixels.data(), qsizetype(c.ids.size()));
    stats->internalGroups = qint64(groups.size());
    for (const auto &g : groups)
        stats->internalDuplicates += qint64(g.size()) - 1;
    stats->recomputed = modeChanged(m_db, settings);
    if (!prepareStaging())
        return false;
    struct DropStaging {
        DedupRunner *runner;
        ~DropStaging() { runner->dropStaging(); }
    } const dropStaging{this};
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
