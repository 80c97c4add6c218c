// Project: the append-only decision log, undo, adjudication, the accept rule's derived state and
// resume. Writes go through DecisionLog, which re-derives the state in the same transaction.
#include "core/project/DecisionLog.h"
#include "core/project/Project.h"
#include "core/project/SqlLiterals.h"
#include "core/project/Statement.h"
#include "core/project/Transaction.h"

#include <QHash>
#include <QSet>

namespace tc::core {

namespace {
bool isRealVerdict(Verdict v)
{
    return v == Verdict::Accept || v == Verdict::Reject || v == Verdict::Unsure;
}

DecisionRecord decisionFromRow(const Statement &q)
{
    return {
        q.int64(0), q.int64(1),     q.text(2), Verdict(q.int64(3)), q.text(4), q.int64(5), q.isNull(6) ? 0 : q.int64(6),
        q.int64(7), q.int64(8) != 0};
}

const QString kDecisionColumns = QStringLiteral(
    "SELECT id, candidate_id, annotator, verdict, view_mode, created_at, undoes, batch, adjudication FROM decisions ");
// A decision is effective when it is not an undo entry and no undo entry cancels it.
const QString kEffective = sqlEffectiveDecision();
} // namespace

AcceptRule Project::acceptRule()
{
    return DecisionLog::storedRule(m_db);
}

bool Project::setAcceptRule(AcceptRule rule, FinalShift *shift)
{
    m_error.clear();
    Transaction tx(m_db);
    if (!tx.isActive())
        return failDb();
    DecisionLog log(m_db);
    log.setRule(rule);
    if (!setSetting(QStringLiteral("accept_rule"), acceptRuleName(rule)) ||
        !setSetting(QStringLiteral("final_state_rule"), acceptRuleName(rule)))
        return false;
    if (!log.rederiveAll())
        return fail(log.errorString());
    const FinalShift moved = log.shift();
    if (!tx.commit())
        return failDb();
    if (shift)
        *shift = moved;
    emit acceptRuleChanged(rule);
    emit contentsChanged();
    return true;
}

bool Project::finalStateIsCurrent()
{
    return setting(QStringLiteral("final_state_rule")) == acceptRuleName(acceptRule());
}

bool Project::ensureFinalState()
{
    const QString rule = acceptRuleName(acceptRule());
    if (finalStateIsCurrent())
        return true;
    // Schema 3 files (or a rule stored by hand): derive final_state under the stored rule once.
    Transaction tx(m_db);
    if (!tx.isActive())
        return failDb();
    DecisionLog log(m_db);
    if (!log.rederiveAll())
        return fail(log.errorString());
    if (!setSetting(QStringLiteral("final_state_rule"), rule))
        return false;
    return tx.commit() || failDb();
}

bool Project::recordDecision(qint64 candidateId, Verdict verdict, const QString &annotator, const QString &viewMode)
{
    return recordDecisions({DecisionInput{candidateId, verdict}}, annotator, viewMode);
}

bool Project::recordDecisions(const QList<DecisionInput> &decisions, const QString &annotator, const QString &viewMode)
{
    m_error.clear();
    if (const QString problem = annotatorNameProblem(annotator); !problem.isEmpty())
        return fail(QStringLiteral("%1: %2").arg(fileName(), problem));
    if (decisions.isEmpty())
        return true;
    Transaction tx(m_db);
    if (!tx.isActive())
        return failDb();
    DecisionLog log(m_db);
    const qint64 batch = log.nextBatch();
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
        if (!log.append(d.candidateId, annotator, d.verdict, false, 0, 0, batch, viewMode))
            return fail(log.errorString());
        ids.append(d.candidateId);
    }
    if (!tx.commit()) // synchronous=FULL: on return the decisions are on disk
        return failDb();
    emit decisionsChanged(ids);
    return true;
}

bool Project::adjudicate(qint64 candidateId, Verdict verdict, const QString &annotator, const QString &viewMode)
{
    m_error.clear();
    if (const QString problem = annotatorNameProblem(annotator); !problem.isEmpty())
        return fail(QStringLiteral("%1: %2").arg(fileName(), problem));
    if (!isRealVerdict(verdict))
        return fail(QStringLiteral("%1: invalid verdict %2").arg(fileName()).arg(int(verdict)));
    Transaction tx(m_db);
    if (!tx.isActive())
        return failDb();
    Statement exists(m_db, QStringLiteral("SELECT 1 FROM candidates WHERE id = ?1"));
    if (!exists.bind(1, candidateId).next())
        return fail(QStringLiteral("%1: no candidate with id %2").arg(fileName()).arg(candidateId));
    DecisionLog log(m_db);
    if (!log.append(candidateId, annotator, verdict, true, 0, 0, log.nextBatch(), viewMode))
        return fail(log.errorString());
    if (!tx.commit())
        return failDb();
    emit decisionsChanged({candidateId});
    return true;
}

bool Project::appendLog(const QList<LogEntry> &entries, FinalShift *shift, const Progress &progress)
{
    m_error.clear();
    if (entries.isEmpty()) {
        if (shift)
            *shift = {};
        return true;
    }
    Transaction tx(m_db);
    if (!tx.isActive())
        return failDb();
    DecisionLog log(m_db);
    Statement exists(m_db, QStringLiteral("SELECT 1 FROM candidates WHERE id = ?1"));
    Statement target(m_db, QStringLiteral("SELECT annotator, adjudication, candidate_id, verdict, EXISTS (SELECT 1 "
                                          "FROM decisions u WHERE u.undoes = d.id) FROM decisions d WHERE id = ?1"));
    QHash<qint64, qint64> batches; // batch key -> new batch
    QList<qint64> ids, candidates;
    QSet<qint64> undone;
    const auto bad = [&](qsizetype i, const QString &what) {
        return fail(
            QStringLiteral("%1: decision %2 of %3: %4").arg(fileName()).arg(i + 1).arg(entries.size()).arg(what));
    };
    const auto cancelled = [&] {
        return fail(QStringLiteral("%1: cancelled after %2 of %3 decisions; nothing was recorded")
                        .arg(fileName())
                        .arg(ids.size())
                        .arg(entries.size()));
    };
    for (qsizetype i = 0; i < entries.size(); ++i) {
        // Every 1024 entries: often enough to stop within a blink, rarely enough to cost nothing.
        if (i % 1024 == 0) {
            if (progress.isCancelled())
                return cancelled(); // tx rolls back
            progress.report(i, entries.size());
        }
        const LogEntry &e = entries[i];
        if (const QString problem = annotatorNameProblem(e.annotator); !problem.isEmpty())
            return bad(i, problem);
        exists.reset();
        if (!exists.bind(1, e.candidateId).next())
            return bad(i, QStringLiteral("no candidate with id %1").arg(e.candidateId));
        qint64 undoes = 0;
        if (e.verdict == Verdict::None) {
            // An undo entry must cancel an effective decision of the same annotator, kind and candidate.
            QString who;
            bool adjudication = false, wasUndone = false;
            qint64 candidate = 0;
            if (e.undoes < 0 && -e.undoes - 1 < i) {
                const qsizetype k = -e.undoes - 1;
                undoes = ids.value(k);
                who = entries[k].annotator;
                adjudication = entries[k].adjudication;
                candidate = entries[k].candidateId;
                wasUndone = entries[k].verdict == Verdict::None || undone.contains(undoes);
            } else if (e.undoes > 0) {
                target.reset();
                if (!target.bind(1, e.undoes).next())
                    return bad(i, QStringLiteral("undoes decision %1, which does not exist").arg(e.undoes));
                undoes = e.undoes;
                who = target.text(0);
                adjudication = target.int64(1) != 0;
                candidate = target.int64(2);
                wasUndone = target.int64(3) == 0 || target.int64(4) != 0 || undone.contains(undoes);
            } else {
                return bad(i, QStringLiteral("an undo entry must name an earlier decision it undoes"));
            }
            if (who != e.annotator || adjudication != e.adjudication || candidate != e.candidateId || wasUndone)
                return bad(i, QStringLiteral("undoes a decision that is not an effective %1 of %2 on the same "
                                             "candidate")
                                  .arg(e.adjudication ? QStringLiteral("adjudication") : QStringLiteral("decision"),
                                       e.annotator));
            undone.insert(undoes);
        } else if (!isRealVerdict(e.verdict)) {
            return bad(i, QStringLiteral("invalid verdict %1").arg(int(e.verdict)));
        }
        qint64 batch = 0;
        if (e.batchKey != 0) {
            batch = batches.value(e.batchKey);
            if (batch == 0)
                batches.insert(e.batchKey, batch = log.nextBatch());
        } else {
            batch = log.nextBatch();
        }
        const qint64 id =
            log.append(e.candidateId, e.annotator, e.verdict, e.adjudication, e.createdAtMs, undoes, batch, e.viewMode);
        if (id == 0)
            return fail(log.errorString());
        ids.append(id);
        candidates.append(e.candidateId);
    }
    const FinalShift moved = log.shift();
    if (progress.isCancelled()) // the last moment a cancel can still keep the project as it was
        return cancelled();
    if (!tx.commit())
        return failDb();
    if (shift)
        *shift = moved;
    emit decisionsChanged(candidates);
    return true;
}

QList<qint64> Project::undoEntries(const QList<DecisionRecord> &toUndo)
{
    DecisionLog log(m_db);
    const qint64 batch = log.nextBatch();
    QList<qint64> ids;
    for (const auto &d : toUndo) {
        if (!log.append(d.candidateId, d.annotator, Verdict::None, d.adjudication, 0, d.id, batch,
                        QStringLiteral("undo")))
            return fail(log.errorString()), QList<qint64>();
        ids.append(d.candidateId);
    }
    return ids;
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
    Statement members(m_db, kDecisionColumns + QStringLiteral("WHERE batch = ?1 AND annotator = ?2 AND") + kEffective +
                                QStringLiteral("ORDER BY id"));
    members.bind(1, last.int64(0)).bind(2, annotator);
    QList<DecisionRecord> toUndo;
    while (members.next())
        toUndo.append(decisionFromRow(members));
    const QList<qint64> ids = undoEntries(toUndo);
    if (ids.isEmpty() || !tx.commit())
        return (ids.isEmpty() ? false : failDb()), QList<qint64>();
    emit decisionsChanged(ids);
    return ids;
}

QList<DecisionRecord> Project::undoDecisions(const QString &annotator, int count)
{
    m_error.clear();
    if (count < 1)
        return fail(QStringLiteral("%1: undo needs a count of at least 1, got %2").arg(fileName()).arg(count)),
               QList<DecisionRecord>();
    Transaction tx(m_db);
    if (!tx.isActive())
        return failDb(), QList<DecisionRecord>();
    Statement q(m_db, kDecisionColumns + QStringLiteral("WHERE annotator = ?1 AND") + kEffective +
                          QStringLiteral("ORDER BY id DESC LIMIT ?2"));
    q.bind(1, annotator).bind(2, qint64(count));
    QList<DecisionRecord> toUndo;
    while (q.next())
        toUndo.append(decisionFromRow(q));
    if (toUndo.isEmpty())
        return {};
    const QList<qint64> ids = undoEntries(toUndo);
    if (ids.isEmpty() || !tx.commit())
        return (ids.isEmpty() ? false : failDb()), QList<DecisionRecord>();
    emit decisionsChanged(ids);
    return toUndo;
}

std::optional<DecisionRecord> Project::undoAdjudication(const QString &annotator)
{
    m_error.clear();
    Transaction tx(m_db);
    if (!tx.isActive())
        return failDb(), std::nullopt;
    Statement q(m_db, kDecisionColumns + QStringLiteral("WHERE annotator = ?1 AND adjudication = 1 AND") + kEffective +
                          QStringLiteral("ORDER BY id DESC LIMIT 1"));
    q.bind(1, annotator);
    if (!q.next())
        return std::nullopt;
    const DecisionRecord record = decisionFromRow(q);
    const QList<qint64> ids = undoEntries({record});
    if (ids.isEmpty() || !tx.commit())
        return (ids.isEmpty() ? false : failDb()), std::nullopt;
    emit decisionsChanged(ids);
    return record;
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

QList<Dispute> Project::disputes(bool unsettledOnly)
{
    QList<Dispute> list;
    QHash<qint64, qsizetype> row;
    Statement q(m_db,
                QStringLiteral("SELECT c.id, c.keyword_id, k.class_id, k.keyword, cl.name, c.tiny_index, "
                               "coalesce(f.verdict, 0) FROM disputes x JOIN candidates c ON c.id = x.candidate_id "
                               "JOIN keywords k ON k.id = c.keyword_id JOIN classes cl ON cl.id = k.class_id "
                               "LEFT JOIN final_state f ON f.candidate_id = c.id WHERE ?1 = 0 OR x.settled = 0 "
                               "ORDER BY cl.label, c.keyword_id, c.keyword_pos, c.id"));
    q.bind(1, qint64(unsettledOnly));
    while (q.next()) {
        row.insert(q.int64(0), list.size());
        list.append({q.int64(0),
                     q.int64(1),
                     q.int64(2),
                     q.text(3),
                     q.text(4),
                     q.isNull(5) ? -1 : q.int64(5),
                     {},
                     std::nullopt,
                     Verdict(q.int64(6))});
    }
    // Votes and adjudications of all of them in two ordered scans, not one query per row.
    Statement v(m_db, QStringLiteral("SELECT s.candidate_id, s.annotator, s.verdict, s.decision_id, d.created_at, 0 "
                                     "FROM disputes x JOIN candidate_state s ON s.candidate_id = x.candidate_id "
                                     "JOIN decisions d ON d.id = s.decision_id "
                                     "UNION ALL SELECT a.candidate_id, a.annotator, a.verdict, a.decision_id, "
                                     "d.created_at, 1 FROM disputes x JOIN adjudication_state a ON a.candidate_id = "
                                     "x.candidate_id JOIN decisions d ON d.id = a.decision_id ORDER BY 1, 5, 4"));
    while (v.next()) {
        const auto it = row.constFind(v.int64(0));
        if (it == row.constEnd())
            continue;
        const Vote vote{v.text(1), Verdict(v.int64(2)), v.int64(3), v.int64(4)};
        if (v.int64(5))
            list[*it].adjudication = vote;
        else
            list[*it].votes.append(vote);
    }
    return list;
}

std::optional<Dispute> Project::dispute(qint64 candidateId)
{
    const auto c = candidate(candidateId);
    if (!c)
        return std::nullopt;
    Dispute d{c->id,      c->keywordId, c->classId,
              c->keyword, c->className, c->tinyIndex,
              {},         std::nullopt, finalVerdict(candidateId)};
    Statement v(m_db, QStringLiteral("SELECT s.annotator, s.verdict, s.decision_id, d.created_at, 0 FROM "
                                     "candidate_state s JOIN decisions d ON d.id = s.decision_id WHERE "
                                     "s.candidate_id = ?1 UNION ALL SELECT a.annotator, a.verdict, a.decision_id, "
                                     "d.created_at, 1 FROM adjudication_state a JOIN decisions d ON d.id = "
                                     "a.decision_id WHERE a.candidate_id = ?1 ORDER BY 4, 3"));
    v.bind(1, candidateId);
    while (v.next()) {
        const Vote vote{v.text(0), Verdict(v.int64(1)), v.int64(2), v.int64(3)};
        if (v.int64(4))
            d.adjudication = vote;
        else
            d.votes.append(vote);
    }
    return d;
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
