// Project: the append-only decision log, undo, derived state and resume.
#include "core/project/Project.h"
#include "core/project/Statement.h"
#include "core/project/Transaction.h"

#include <QDateTime>

namespace tc::core {

namespace {
bool isRealVerdict(Verdict v)
{
    return v == Verdict::Accept || v == Verdict::Reject || v == Verdict::Unsure;
}

DecisionRecord decisionFromRow(const Statement &q)
{
    return {q.int64(0), q.int64(1), q.text(2), Verdict(q.int64(3)), q.text(4), q.int64(5), q.isNull(6) ? 0 : q.int64(6),
            q.int64(7)};
}

const QString kDecisionColumns =
    QStringLiteral("SELECT id, candidate_id, annotator, verdict, view_mode, created_at, undoes, batch FROM decisions ");
// A decision is effective when it is not an undo entry and no undo entry cancels it.
const QString kEffective =
    QStringLiteral(" verdict <> 0 AND NOT EXISTS (SELECT 1 FROM decisions u WHERE u.undoes = decisions.id) ");
} // namespace

qint64 Project::nextBatch()
{
    return m_db.queryInt(QStringLiteral("SELECT coalesce(max(batch), 0) + 1 FROM decisions"));
}

bool Project::appendDecision(qint64 candidateId, Verdict verdict, const QString &annotator, const QString &viewMode,
                             qint64 batch, qint64 undoes)
{
    Statement q(m_db, QStringLiteral("INSERT INTO decisions(candidate_id, annotator, verdict, view_mode, created_at, "
                                     "undoes, batch) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"));
    q.bind(1, candidateId).bind(2, annotator).bind(3, int(verdict)).bind(4, viewMode);
    q.bind(5, QDateTime::currentMSecsSinceEpoch()).bind(7, batch);
    if (undoes)
        q.bind(6, undoes);
    return q.exec() && refreshState(candidateId, annotator);
}

// Re-derives candidate_state (this annotator) and final_state (anyone) of one candidate from the
// log, so undo restores an earlier verdict exactly instead of guessing it.
bool Project::refreshState(qint64 candidateId, const QString &annotator)
{
    Statement drop(m_db, QStringLiteral("DELETE FROM candidate_state WHERE candidate_id = ?1 AND annotator = ?2"));
    Statement add(m_db, QStringLiteral("INSERT INTO candidate_state(candidate_id, annotator, verdict, decision_id) "
                                       "SELECT candidate_id, annotator, verdict, id FROM decisions WHERE "
                                       "candidate_id = ?1 AND annotator = ?2 AND") +
                            kEffective + QStringLiteral("ORDER BY id DESC LIMIT 1"));
    Statement dropFinal(m_db, QStringLiteral("DELETE FROM final_state WHERE candidate_id = ?1"));
    Statement addFinal(m_db, QStringLiteral("INSERT INTO final_state(candidate_id, verdict, annotator, decision_id) "
                                            "SELECT candidate_id, verdict, annotator, decision_id FROM candidate_state "
                                            "WHERE candidate_id = ?1 ORDER BY decision_id DESC LIMIT 1"));
    drop.bind(1, candidateId).bind(2, annotator);
    add.bind(1, candidateId).bind(2, annotator);
    dropFinal.bind(1, candidateId);
    addFinal.bind(1, candidateId);
    return drop.exec() && add.exec() && dropFinal.exec() && addFinal.exec();
}

bool Project::recordDecision(qint64 candidateId, Verdict verdict, const QString &annotator, const QString &viewMode)
{
    return recordDecisions({DecisionInput{candidateId, verdict}}, annotator, viewMode);
}

bool Project::recordDecisions(const QList<DecisionInput> &decisions, const QString &annotator, const QString &viewMode)
{
    if (annotator.trimmed().isEmpty())
        return fail(QStringLiteral("%1: a decision needs an annotator name").arg(fileName()));
    if (decisions.isEmpty())
        return true;
    Transaction tx(m_db);
    if (!tx.isActive())
        return failDb();
    const qint64 batch = nextBatch();
    Statement exists(m_db, QStringLiteral("SELECT 1 FROM candidates WHERE id = ?1"));
    QList<qint64> ids;
    for (const auto &d : decisions) {
        if (!isRealVerdict(d.verdict))
            return fail(QStringLiteral("%1: invalid verdict %2 for candidate %3")
                            .arg(fileName())
                            .arg(int(d.verdict))
                            .arg(d.candidateId));
        exists.reset();
        if (!exists.bind(1, d.candidateId).next())
            return fail(QStringLiteral("%1: no candidate with id %2").arg(fileName()).arg(d.candidateId));
        if (!appendDecision(d.candidateId, d.verdict, annotator, viewMode, batch, 0))
            return failDb();
        ids.append(d.candidateId);
    }
    if (!tx.commit()) // synchronous=FULL: on return the decisions are on disk
        return failDb();
    emit decisionsChanged(ids);
    return true;
}

QList<qint64> Project::undo(const QString &annotator)
{
    m_error.clear();
    Transaction tx(m_db);
    if (!tx.isActive())
        return failDb(), QList<qint64>();
    Statement last(m_db, QStringLiteral("SELECT batch FROM decisions WHERE annotator = ?1 AND") + kEffective +
                             QStringLiteral("ORDER BY id DESC LIMIT 1"));
    last.bind(1, annotator);
    if (!last.next())
        return {};
    const qint64 undoneBatch = last.int64(0);
    Statement members(m_db, QStringLiteral("SELECT id, candidate_id FROM decisions WHERE batch = ?1 AND "
                                           "annotator = ?2 AND") +
                                kEffective + QStringLiteral("ORDER BY id"));
    members.bind(1, undoneBatch).bind(2, annotator);
    QList<std::pair<qint64, qint64>> toUndo;
    while (members.next())
        toUndo.append({members.int64(0), members.int64(1)});
    const qint64 batch = nextBatch();
    QList<qint64> ids;
    for (const auto &[decisionId, candidateId] : toUndo) {
        if (!appendDecision(candidateId, Verdict::None, annotator, QStringLiteral("undo"), batch, decisionId))
            return failDb(), QList<qint64>();
        ids.append(candidateId);
    }
    if (!tx.commit())
        return failDb(), QList<qint64>();
    emit decisionsChanged(ids);
    return ids;
}

Verdict Project::verdict(qint64 candidateId, const QString &annotator)
{
    Statement q(m_db, QStringLiteral("SELECT verdict FROM candidate_state WHERE candidate_id = ?1 AND annotator = ?2"));
    q.bind(1, candidateId).bind(2, annotator);
    return q.next() ? Verdict(q.int64(0)) : Verdict::None;
}

Verdict Project::finalVerdict(qint64 candidateId)
{
    Statement q(m_db, QStringLiteral("SELECT verdict FROM final_state WHERE candidate_id = ?1"));
    q.bind(1, candidateId);
    return q.next() ? Verdict(q.int64(0)) : Verdict::None;
}

QStringList Project::annotators()
{
    QStringList list;
    Statement q(m_db, QStringLiteral("SELECT annotator FROM decisions GROUP BY annotator ORDER BY min(id)"));
    while (q.next())
        list.append(q.text(0));
    return list;
}

std::optional<DecisionRecord> Project::lastDecision(const QString &annotator)
{
    Statement q(m_db, kDecisionColumns + QStringLiteral("WHERE annotator = ?1 AND") + kEffective +
                          QStringLiteral("ORDER BY id DESC LIMIT 1"));
    q.bind(1, annotator);
    if (!q.next())
        return std::nullopt;
    return decisionFromRow(q);
}

std::optional<DecisionRecord> Project::currentDecision(qint64 candidateId, const QString &annotator)
{
    Statement q(m_db, kDecisionColumns + QStringLiteral("WHERE id = (SELECT decision_id FROM candidate_state WHERE "
                                                        "candidate_id = ?1 AND annotator = ?2)"));
    q.bind(1, candidateId).bind(2, annotator);
    if (!q.next())
        return std::nullopt;
    return decisionFromRow(q);
}

QList<DecisionRecord> Project::lastBatch(const QString &annotator)
{
    QList<DecisionRecord> list;
    const auto last = lastDecision(annotator);
    if (!last)
        return list;
    Statement q(m_db, kDecisionColumns + QStringLiteral("WHERE batch = ?1 AND annotator = ?2 AND") + kEffective +
                          QStringLiteral("ORDER BY id"));
    q.bind(1, last->batch).bind(2, annotator);
    while (q.next())
        list.append(decisionFromRow(q));
    return list;
}

QList<DecisionRecord> Project::history(const QString &annotator, int limit)
{
    QList<DecisionRecord> list;
    Statement q(m_db, kDecisionColumns + QStringLiteral("WHERE ?1 = '' OR annotator = ?1 ORDER BY id DESC LIMIT ?2"));
    q.bind(1, annotator).bind(2, qint64(limit));
    while (q.next())
        list.append(decisionFromRow(q));
    return list;
}

std::optional<qint64> Project::resumeCandidate(const QString &annotator, const CandidateFilter &filter)
{
    const auto last = lastDecision(annotator);
    CandidateFilter undecided = filter;
    if (filter.verdict == VerdictFilter::Any || filter.verdict == VerdictFilter::Undecided) {
        undecided.verdict = VerdictFilter::Undecided;
        undecided.annotator = annotator;
        if (last && rowOf(filter, last->candidateId) >= 0) {
            const auto after = candidateIds(undecided, last->candidateId, 1);
            if (!after.isEmpty())
                return after.first();
        }
        const auto first = candidateIds(undecided, 0, 1);
        if (!first.isEmpty())
            return first.first();
    }
    if (last && rowOf(filter, last->candidateId) >= 0)
        return last->candidateId;
    const auto first = candidateIds(filter, 0, 1);
    return first.isEmpty() ? std::nullopt : std::optional<qint64>(first.first());
}

} // namespace tc::core
