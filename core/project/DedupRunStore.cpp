#include "core/project/DedupRunStore.h"

#include "core/common/ImageSet.h"
#include "core/project/Database.h"
#include "core/project/DedupSettingsStore.h"
#include "core/project/SqlLiterals.h"
#include "core/project/Statement.h"
#include "core/project/Transaction.h"

namespace tc::core {

DedupRunStore::DedupRunStore(Database &db) : m_db(db) {}

DedupRunStore::~DedupRunStore() = default;

bool DedupRunStore::fail(const QString &message)
{
    m_error = message;
    return false;
}

bool DedupRunStore::loadCandidates(std::vector<qint64> *ids, std::vector<std::uint8_t> *pixels)
{
    Statement q(m_db, QStringLiteral("SELECT id, pixels FROM candidates ORDER BY id"));
    while (q.next()) {
        const auto bytes = q.blobView(1);
        if (bytes.size() != size_t(kImageBytes))
            return fail(QStringLiteral("%1: candidate %2 has %3 pixel bytes, not 3072")
                            .arg(m_db.fileName())
                            .arg(q.int64(0))
                            .arg(bytes.size()));
        ids->push_back(q.int64(0));
        pixels->insert(pixels->end(), bytes.begin(), bytes.end());
    }
    return !q.hasError() || fail(q.errorString());
}

qint64 DedupRunStore::searchedUpTo(qint64 setId)
{
    Statement done(m_db, QStringLiteral("SELECT max_candidate_id FROM dedup_progress WHERE set_id = ?"));
    done.bind(1, setId);
    return done.next() ? done.int64(0) : 0;
}

bool DedupRunStore::storedPairs(qint64 setId, qint64 firstId, qint64 lastId, bool reviewedOnly,
                                QHash<qint64, std::vector<qint32>> *out)
{
    Statement old(
        m_db, QStringLiteral("SELECT candidate_id, ref_index FROM near_pairs WHERE set_id = ?1 AND "
                             "candidate_id BETWEEN ?2 AND ?3") +
                  (reviewedOnly ? QStringLiteral(" AND status != ") + sqlLiteral(PairStatus::Unreviewed) : QString()));
    old.bind(1, setId).bind(2, firstId).bind(3, lastId);
    while (old.next())
        (*out)[old.int64(0)].push_back(qint32(old.int64(1)));
    return !old.hasError() || fail(old.errorString());
}

bool DedupRunStore::prepareStaging()
{
    m_stagePair.reset();
    m_stageExact.reset();
    m_stageProgress.reset();
    const bool ok = m_db.exec(QStringLiteral(
        "CREATE TEMP TABLE IF NOT EXISTS dedup_staging_pairs(candidate_id INTEGER NOT NULL, set_id INTEGER NOT NULL, "
        "ref_index INTEGER NOT NULL, ssim REAL, l2 REAL, PRIMARY KEY(candidate_id, set_id, ref_index)) WITHOUT ROWID;"
        "CREATE TEMP TABLE IF NOT EXISTS dedup_staging_exact(candidate_id INTEGER NOT NULL, set_id INTEGER NOT NULL, "
        "ref_index INTEGER NOT NULL);"
        "CREATE TEMP TABLE IF NOT EXISTS dedup_staging_progress(set_id INTEGER PRIMARY KEY, "
        "max_candidate_id INTEGER NOT NULL);"
        "DELETE FROM temp.dedup_staging_pairs; DELETE FROM temp.dedup_staging_exact; "
        "DELETE FROM temp.dedup_staging_progress;"));
    if (!ok)
        return fail(m_db.errorString());
    // Prepared once for the whole run: the speed of staging millions of pairs depends on it.
    m_stagePair = std::make_unique<Statement>(
        m_db, QStringLiteral("INSERT OR REPLACE INTO temp.dedup_staging_pairs(candidate_id, set_id, ref_index, ssim, "
                             "l2) VALUES(?, ?, ?, ?, ?)"));
    m_stageExact = std::make_unique<Statement>(
        m_db, QStringLiteral("INSERT INTO temp.dedup_staging_exact(candidate_id, set_id, ref_index) VALUES(?, ?, ?)"));
    m_stageProgress = std::make_unique<Statement>(
        m_db, QStringLiteral("INSERT OR REPLACE INTO temp.dedup_staging_progress(set_id, max_candidate_id) "
                             "VALUES(?, ?)"));
    return true;
}

void DedupRunStore::dropStaging()
{
    m_stagePair.reset(); // a prepared statement on a table would keep DROP from succeeding
    m_stageExact.reset();
    m_stageProgress.reset();
    m_db.exec(QStringLiteral("DROP TABLE IF EXISTS temp.dedup_staging_pairs; DROP TABLE IF EXISTS "
                             "temp.dedup_staging_exact; DROP TABLE IF EXISTS temp.dedup_staging_progress;"));
}

bool DedupRunStore::stagePair(qint64 candidateId, qint64 setId, qint32 refIndex, double ssim, double l2)
{
    Statement &ins = *m_stagePair;
    ins.reset();
    ins.bind(1, candidateId).bind(2, setId).bind(3, qint64(refIndex));
    return ins.bind(4, ssim).bind(5, l2).exec() || fail(ins.errorString());
}

bool DedupRunStore::stageExactMatch(qint64 candidateId, qint64 setId, qint32 refIndex)
{
    Statement &ins = *m_stageExact;
    ins.reset();
    return ins.bind(1, candidateId).bind(2, setId).bind(3, qint64(refIndex)).exec() || fail(ins.errorString());
}

bool DedupRunStore::stageProgress(qint64 setId, qint64 maxCandidateId)
{
    Statement &ins = *m_stageProgress;
    ins.reset();
    return ins.bind(1, setId).bind(2, maxCandidateId).exec() || fail(ins.errorString());
}

bool DedupRunStore::commitRun(const std::vector<std::pair<qint64, qint64>> &internalCopies, bool recompute,
                              const DedupSettings &settings, const QString &searchMode, const QString &completedAt)
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
    for (const auto &[copy, kept] : internalCopies) {
        ins.reset();
        if (!ins.bind(1, copy).bind(2, kept).exec())
            return fail(ins.errorString());
    }
    // A new mode replaces every unreviewed pair; reviewed ones stay and take their new values below.
    if (recompute && !m_db.exec(QStringLiteral("DELETE FROM near_pairs WHERE status = ") +
                                sqlLiteral(PairStatus::Unreviewed) + QStringLiteral("; DELETE FROM dedup_progress;")))
        return fail(m_db.errorString());
    if (!m_db.exec(QStringLiteral("INSERT INTO near_pairs(candidate_id, set_id, ref_index, ssim, l2, status) SELECT "
                                  "candidate_id, set_id, ref_index, ssim, l2, ") +
                   sqlLiteral(PairStatus::Unreviewed) +
                   QStringLiteral(" FROM temp.dedup_staging_pairs WHERE true ON CONFLICT(candidate_id, set_id, "
                                  "ref_index) DO UPDATE SET ssim = excluded.ssim, l2 = excluded.l2;"
                                  "INSERT OR IGNORE INTO exact_matches(candidate_id, set_id, ref_index) SELECT "
                                  "candidate_id, set_id, ref_index FROM temp.dedup_staging_exact;"
                                  "INSERT OR REPLACE INTO dedup_progress(set_id, max_candidate_id) SELECT set_id, "
                                  "max_candidate_id FROM temp.dedup_staging_progress;")))
        return fail(m_db.errorString());
    DedupSettingsStore store(m_db);
    if (!store.setSettings(settings) || !store.setSearchCompleted(searchMode, completedAt))
        return fail(store.errorString());
    return tx.commit() || fail(m_db.errorString());
}

} // namespace tc::core
