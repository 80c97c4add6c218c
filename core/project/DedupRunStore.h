#pragma once

#include "core/project/DedupTypes.h"

#include <QHash>
#include <QString>
#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

namespace tc::core {

class Database;
class Statement;

// What a DedupRunner run reads from and writes to a project. The run's results collect in temporary
// tables of this connection (SQLite keeps them in its temp store, outside the project file), so a
// killed run leaves nothing in the project to undo; commitRun() moves them into near_pairs,
// exact_matches and dedup_progress in one transaction with the settings and the search mode.
class DedupRunStore final {
public:
    explicit DedupRunStore(Database &db);
    ~DedupRunStore();
    DedupRunStore(const DedupRunStore &) = delete;
    DedupRunStore &operator=(const DedupRunStore &) = delete;
    QString errorString() const { return m_error; }

    // Every candidate's id (ascending) and pixels (3072 bytes each, same order).
    bool loadCandidates(std::vector<qint64> *ids, std::vector<std::uint8_t> *pixels);
    // Candidates up to this id were compared with the set (0: none).
    qint64 searchedUpTo(qint64 setId);
    // Reference indices of the pairs stored for candidates firstId..lastId with the set, per candidate
    // (reviewedOnly: only the reviewed pairs, which survive a change of search mode).
    bool storedPairs(qint64 setId, qint64 firstId, qint64 lastId, bool reviewedOnly,
                     QHash<qint64, std::vector<qint32>> *out);

    // ---- staging (temp tables; written in deferred transactions that never take the write lock) ----
    bool prepareStaging();
    void dropStaging();
    bool stagePair(qint64 candidateId, qint64 setId, qint32 refIndex, double ssim, double l2);
    bool stageExactMatch(qint64 candidateId, qint64 setId, qint32 refIndex);
    bool stageProgress(qint64 setId, qint64 maxCandidateId);

    // One transaction: the internal copy groups (copy, kept) replace the stored ones; with
    // `recompute` (a new search mode) every unreviewed pair and the progress go; the staged rows are
    // merged (reviewed pairs keep their status and take the new values); settings and mode are saved.
    bool commitRun(const std::vector<std::pair<qint64, qint64>> &internalCopies, bool recompute,
                   const DedupSettings &settings, const QString &searchMode, const QString &completedAt);

private:
    bool fail(const QString &message);

    Database &m_db;
    std::unique_ptr<Statement> m_stagePair, m_stageExact, m_stageProgress;
    QString m_error;
};

} // namespace tc::core
