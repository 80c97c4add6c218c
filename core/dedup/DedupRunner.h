#pragma once

#include "core/common/Progress.h"
#include "core/dedup/DedupStore.h"
#include "core/dedup/NearDuplicateSearch.h"
#include "core/project/DedupRunStore.h"

#include <QString>
#include <optional>

namespace tc::core {

class Database;

// How pairs are searched (top-k, exhaustive, SSIM window) is a project setting (DedupSettings), so
// every run of a project, from the GUI or the CLI, measures pairs the same way.
struct DedupRunOptions {
    int threads = 0; // 0: every core
    // The settings of this run, saved in the project together with its results (and only then);
    // unset: the project's stored settings.
    std::optional<DedupSettings> settings;
};

struct DedupRunStats {
    qint64 candidates = 0;
    qint64 comparedCandidates = 0; // candidate x set comparisons that were new in this run (sum over sets)
    qint64 internalGroups = 0;     // exact duplicate groups among the candidates
    qint64 internalDuplicates = 0; // candidates that are non-kept copies
    qint64 referenceMatches = 0;   // exact (candidate, reference) matches found by this run, all sets
    qint64 pairsStored = 0;        // near_pairs rows added
    qint64 flaggedCandidates = 0;  // over the thresholds, not marked distinct
    bool recomputed = false;       // the search mode changed: every pair was measured again
    int requestedTopK = 0;         // top-k asked for; settings.topK is it capped at the largest set
    DedupSettings settings;        // what the run used and saved
    QString searchMode;            // DedupSettings::searchMode() of this run
    QString completedAt;           // ISO 8601 UTC, saved as meta dedup_completed_at
    QString openBlas;              // which GEMM kernel ran
};

// Computes what the dedup tables hold: exact duplicates among the candidates, exact copies of
// reference images, and per candidate and set the union of its L2 top-k and SSIM top-k with both
// measures (near_pairs). Each set remembers the highest candidate id compared with it
// (dedup_progress), so a re-run compares only new candidates or new sets, as long as the search
// mode is the one the stored pairs were computed with (meta key dedup_search_mode). When the mode
// changed, unreviewed pairs are replaced and every set is compared again; reviewed pairs stay (they
// are decisions) and are measured again in the new mode.
//
// A run is one transaction as far as the project is concerned: everything is computed into
// temporary tables of this connection (SQLite's temp store, never the project file), and only a
// completed run replaces the stored results, the dedup_progress rows and the settings and mode
// (meta) in one transaction at the end. A failed, cancelled or killed run leaves the previous
// results, their reviews and the settings exactly as they were, and the next run works. Options are
// validated before anything is read; memory is bounded by batches (see run()).
// Meant for a worker thread with its own Database connection (GUI: QtConcurrent::run + Progress).
class DedupRunner final {
public:
    explicit DedupRunner(Database &db) : m_db(db), m_store(db) {}
    QString errorString() const { return m_error; }

    // False on error or when cancelled (errorString() says which); nothing is stored then.
    bool run(const DedupRunOptions &options, DedupRunStats *stats, const Progress &progress = {});

private:
    struct Candidates;
    bool compareSet(const Candidates &c, const ReferenceSetInfo &set, bool recompute, const DedupSettings &settings,
                    const DedupRunOptions &options, DedupRunStats *stats, const Progress &progress);
    bool stageBatch(const Candidates &c, size_t first, qsizetype count, qint64 setId, bool recompute,
                    const std::vector<std::uint8_t> &refs, const NearDuplicateResult &result, SsimWindow window,
                    DedupRunStats *stats);
    bool commit(const Candidates &c, bool recompute, const std::vector<std::vector<qint32>> &groups,
                DedupRunStats *stats);
    bool fail(const QString &message);

    Database &m_db;
    DedupRunStore m_store; // every read and write of the run's tables (no SQL in this library)
    QString m_error;
};

} // namespace tc::core
