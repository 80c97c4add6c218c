#pragma once

#include "core/common/Progress.h"
#include "core/dedup/DedupStore.h"
#include "core/dedup/NearDuplicateSearch.h"

#include <QString>

namespace tc::core {

class Database;

// How pairs are searched (top-k, exhaustive, SSIM window) is a project setting (DedupSettings), so
// every run of a project, from the GUI or the CLI, measures pairs the same way.
struct DedupRunOptions {
    int threads = 0; // 0: every core
};

struct DedupRunStats {
    qint64 candidates = 0;
    qint64 comparedCandidates = 0; // candidate x set comparisons that were new in this run (sum over sets)
    qint64 internalGroups = 0;     // exact duplicate groups among the candidates
    qint64 internalDuplicates = 0; // candidates that are non-kept copies
    qint64 referenceMatches = 0;   // exact (candidate, reference) matches, all sets
    qint64 pairsStored = 0;        // near_pairs rows added
    qint64 flaggedCandidates = 0;  // over the thresholds, not marked distinct
    bool recomputed = false;       // the search mode changed: every pair was measured again
    QString searchMode;            // DedupSettings::searchMode() of this run
    QString openBlas;              // which GEMM kernel ran
};

// Computes what the dedup tables hold: exact duplicates among the candidates, exact copies of
// reference images, and per candidate and set the union of its L2 top-k and SSIM top-k with both
// measures (near_pairs). Each set remembers the highest candidate id compared with it
// (dedup_progress), so a re-run compares only new candidates or new sets, as long as the search
// mode is the one the stored pairs were computed with (meta key dedup_search_mode). When the mode
// changed, unreviewed pairs are dropped and every set is compared again; reviewed pairs stay (they
// are decisions) and are measured again in the new mode. Meant for a worker
// thread with its own Database connection (GUI: QtConcurrent::run + Progress::fromPromise).
class DedupRunner final {
public:
    explicit DedupRunner(Database &db) : m_db(db) {}
    QString errorString() const { return m_error; }

    // False on error or when cancelled (errorString() says which); committed sets stay stored.
    bool run(const DedupRunOptions &options, DedupRunStats *stats, const Progress &progress = {});

private:
    struct Candidates;
    bool loadCandidates(Candidates &c);
    bool storeInternal(const Candidates &c, DedupRunStats *stats);
    bool adoptSearchMode(const DedupSettings &settings, DedupRunStats *stats);
    bool compareSet(const Candidates &c, qint64 setId, const DedupSettings &settings, const DedupRunOptions &options,
                    DedupRunStats *stats, const Progress &progress);
    bool fail(const QString &message);

    Database &m_db;
    QString m_error;
};

} // namespace tc::core
