#include "core/project/PairReviews.h"

#include "core/project/Database.h"
#include "core/project/SqlLiterals.h"
#include "core/project/Statement.h"

#include <QDateTime>

namespace tc::core {

bool PairReviews::fail(const QString &message)
{
    m_error = message;
    return false;
}

bool PairReviews::pairExists(qint64 candidateId, qint64 setId, qint32 refIndex)
{
    Statement q(m_db, QStringLiteral("SELECT 1 FROM near_pairs WHERE candidate_id = ? AND set_id = ? AND "
                                     "ref_index = ?"));
    q.bind(1, candidateId).bind(2, setId).bind(3, qint64(refIndex));
    return q.next();
}

std::optional<PairReviews::ExcludeCopy> PairReviews::exactExcludeCopy(qint64 candidateId)
{
    Statement q(m_db, QStringLiteral("SELECT rs.name, e.ref_index FROM exact_matches e JOIN reference_sets rs ON "
                                     "rs.id = e.set_id WHERE e.candidate_id = ? AND rs.role = ") +
                          sqlLiteral(ReferenceRole::Exclude) + QStringLiteral(" LIMIT 1"));
    q.bind(1, candidateId);
    if (!q.next())
        return std::nullopt;
    return ExcludeCopy{q.text(0), q.int64(1)};
}

bool PairReviews::refreshStatus(qint64 candidateId, qint64 setId, qint32 refIndex)
{
    // The effective status is the newest review of the pair that is neither an undo nor undone.
    Statement q(m_db, QStringLiteral("UPDATE near_pairs SET status = COALESCE((SELECT r.status FROM pair_reviews r "
                                     "WHERE r.candidate_id = ?1 AND r.set_id = ?2 AND r.ref_index = ?3 AND r.undoes "
                                     "IS NULL AND NOT EXISTS (SELECT 1 FROM pair_reviews u WHERE u.undoes = r.id) "
                                     "ORDER BY r.id DESC LIMIT 1), ") +
                          sqlLiteral(PairStatus::Unreviewed) +
                          QStringLiteral(") WHERE candidate_id = ?1 AND set_id = ?2 AND ref_index = ?3"));
    q.bind(1, candidateId).bind(2, setId).bind(3, qint64(refIndex));
    return q.exec() || fail(q.errorString());
}

bool PairReviews::record(qint64 candidateId, qint64 setId, qint32 refIndex, PairStatus status, const QString &annotator)
{
    Statement ins(m_db, QStringLiteral("INSERT INTO pair_reviews(candidate_id, set_id, ref_index, status, annotator, "
                                       "created_at) VALUES(?, ?, ?, ?, ?, ?)"));
    ins.bind(1, candidateId).bind(2, setId).bind(3, qint64(refIndex)).bind(4, int(status)).bind(5, annotator);
    ins.bind(6, QDateTime::currentMSecsSinceEpoch());
    if (!ins.exec())
        return fail(ins.errorString());
    return refreshStatus(candidateId, setId, refIndex);
}

std::optional<NearPair> PairReviews::undoLatest(const QString &annotator)
{
    m_error.clear();
    Statement q(m_db, QStringLiteral("SELECT r.id, r.candidate_id, r.set_id, r.ref_index FROM pair_reviews r WHERE "
                                     "r.annotator = ? AND r.undoes IS NULL AND NOT EXISTS (SELECT 1 FROM pair_reviews "
                                     "u WHERE u.undoes = r.id) ORDER BY r.id DESC LIMIT 1"));
    q.bind(1, annotator);
    if (!q.next()) {
        if (q.hasError())
            fail(q.errorString());
        return std::nullopt;
    }
    NearPair pair;
    const qint64 reviewId = q.int64(0);
    pair.candidateId = q.int64(1);
    pair.setId = q.int64(2);
    pair.refIndex = qint32(q.int64(3));
    Statement ins(m_db, QStringLiteral("INSERT INTO pair_reviews(candidate_id, set_id, ref_index, status, annotator, "
                                       "created_at, undoes) VALUES(?, ?, ?, ") +
                            sqlLiteral(PairStatus::Unreviewed) + QStringLiteral(", ?, ?, ?)"));
    ins.bind(1, pair.candidateId).bind(2, pair.setId).bind(3, qint64(pair.refIndex)).bind(4, annotator);
    ins.bind(5, QDateTime::currentMSecsSinceEpoch()).bind(6, reviewId);
    if (!ins.exec()) {
        fail(ins.errorString());
        return std::nullopt;
    }
    if (!refreshStatus(pair.candidateId, pair.setId, pair.refIndex))
        return std::nullopt;
    return pair;
}

} // namespace tc::core
