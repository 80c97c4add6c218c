#include "core/project/DecisionLog.h"

#include "core/project/Database.h"
#include "core/project/SqlLiterals.h"

#include <QDateTime>
#include <map>

namespace tc::core {

namespace {
// A decision is effective when it is not an undo entry and no undo entry cancels it.
const QString kLogEffective = sqlEffectiveDecision();
} // namespace

AcceptRule DecisionLog::storedRule(Database &db)
{
    Statement q(db, QStringLiteral("SELECT value FROM meta WHERE key = 'accept_rule'"));
    if (!q.next())
        return kDefaultAcceptRule;
    return acceptRuleFromName(q.text(0)).value_or(kDefaultAcceptRule);
}

DecisionLog::DecisionLog(Database &db)
    : m_db(db), m_rule(storedRule(db)),
      m_insert(db, QStringLiteral("INSERT INTO decisions(candidate_id, annotator, verdict, view_mode, created_at, "
                                  "undoes, batch, adjudication) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")),
      m_newest(db, QStringLiteral("SELECT max(created_at) FROM decisions WHERE candidate_id = ?1")),
      m_dropVote(db, QStringLiteral("DELETE FROM candidate_state WHERE candidate_id = ?1 AND annotator = ?2")),
      // An annotator's current verdict is their newest effective vote in log order: what they did last.
      m_addVote(db, QStringLiteral("INSERT INTO candidate_state(candidate_id, annotator, verdict, decision_id) "
                                   "SELECT candidate_id, annotator, verdict, id FROM decisions WHERE "
                                   "candidate_id = ?1 AND annotator = ?2 AND adjudication = 0 AND") +
                        kLogEffective + QStringLiteral("ORDER BY id DESC LIMIT 1")),
      m_dropAdj(db, QStringLiteral("DELETE FROM adjudication_state WHERE candidate_id = ?1")),
      // Adjudications by several curators: the latest in time stands (the same order as "latest").
      m_addAdj(db, QStringLiteral("INSERT INTO adjudication_state(candidate_id, verdict, annotator, decision_id) "
                                  "SELECT candidate_id, verdict, annotator, id FROM decisions WHERE "
                                  "candidate_id = ?1 AND adjudication = 1 AND") +
                       kLogEffective + QStringLiteral("ORDER BY created_at DESC, id DESC LIMIT 1")),
      m_votes(db, QStringLiteral("SELECT s.annotator, s.verdict, s.decision_id, d.created_at FROM candidate_state s "
                                 "JOIN decisions d ON d.id = s.decision_id WHERE s.candidate_id = ?1")),
      m_adjudication(db, QStringLiteral("SELECT a.annotator, a.verdict, a.decision_id, d.created_at FROM "
                                        "adjudication_state a JOIN decisions d ON d.id = a.decision_id "
                                        "WHERE a.candidate_id = ?1")),
      m_final(db, QStringLiteral("SELECT verdict FROM final_state WHERE candidate_id = ?1")),
      m_dropFinal(db, QStringLiteral("DELETE FROM final_state WHERE candidate_id = ?1")),
      m_addFinal(db, QStringLiteral("INSERT INTO final_state(candidate_id, verdict, annotator, decision_id) "
                                    "VALUES (?1, ?2, ?3, ?4)")),
      m_dropDispute(db, QStringLiteral("DELETE FROM disputes WHERE candidate_id = ?1")),
      m_addDispute(db, QStringLiteral("INSERT INTO disputes(candidate_id, settled) VALUES (?1, ?2)"))
{}

bool DecisionLog::fail(const Statement &q)
{
    m_error = q.hasError() ? q.errorString() : m_db.errorString();
    return false;
}

qint64 DecisionLog::nextBatch()
{
    if (m_batch == 0)
        m_batch = m_db.queryInt(QStringLiteral("SELECT coalesce(max(batch), 0) FROM decisions"));
    return ++m_batch;
}

qint64 DecisionLog::append(qint64 candidateId, const QString &annotator, Verdict verdict, bool adjudication,
                           qint64 createdAtMs, qint64 undoes, qint64 batch, const QString &viewMode)
{
    if (createdAtMs <= 0) {
        m_newest.reset();
        m_newest.bind(1, candidateId);
        const qint64 newest = m_newest.next() && !m_newest.isNull(0) ? m_newest.int64(0) : 0;
        createdAtMs = std::max(QDateTime::currentMSecsSinceEpoch(), newest);
    }
    if (!remember(candidateId))
        return 0;
    m_insert.reset();
    m_insert.bind(1, candidateId).bind(2, annotator).bind(3, int(verdict)).bind(4, viewMode);
    m_insert.bind(5, createdAtMs).bind(7, batch).bind(8, int(adjudication));
    if (undoes)
        m_insert.bind(6, undoes);
    if (!m_insert.exec())
        return fail(m_insert), 0;
    const qint64 id = m_db.lastInsertRowId();
    return refresh(candidateId, annotator, adjudication) ? id : 0;
}

bool DecisionLog::remember(qint64 candidateId)
{
    if (m_before.contains(candidateId))
        return true;
    m_final.reset();
    m_final.bind(1, candidateId);
    const Verdict before = m_final.next() ? Verdict(m_final.int64(0)) : Verdict::None;
    if (m_final.hasError())
        return fail(m_final);
    m_before.insert(candidateId, before);
    return true;
}

bool DecisionLog::refresh(qint64 candidateId, const QString &annotator, bool adjudication)
{
    if (adjudication) {
        m_dropAdj.bind(1, candidateId);
        m_addAdj.bind(1, candidateId);
        if (!m_dropAdj.exec() || !m_addAdj.exec())
            return fail(m_dropAdj.hasError() ? m_dropAdj : m_addAdj);
    } else {
        m_dropVote.bind(1, candidateId).bind(2, annotator);
        m_addVote.bind(1, candidateId).bind(2, annotator);
        if (!m_dropVote.exec() || !m_addVote.exec())
            return fail(m_dropVote.hasError() ? m_dropVote : m_addVote);
    }
    return derive(candidateId);
}

bool DecisionLog::derive(qint64 candidateId)
{
    QList<Vote> votes;
    m_votes.reset();
    m_votes.bind(1, candidateId);
    while (m_votes.next())
        votes.append({m_votes.text(0), Verdict(m_votes.int64(1)), m_votes.int64(2), m_votes.int64(3)});
    std::optional<Vote> adjudication;
    m_adjudication.reset();
    m_adjudication.bind(1, candidateId);
    if (m_adjudication.next())
        adjudication = Vote{m_adjudication.text(0), Verdict(m_adjudication.int64(1)), m_adjudication.int64(2),
                            m_adjudication.int64(3)};
    if (m_votes.hasError() || m_adjudication.hasError())
        return fail(m_votes.hasError() ? m_votes : m_adjudication);
    const FinalOutcome out = deriveFinal(m_rule, votes, adjudication);
    m_dropFinal.bind(1, candidateId);
    m_dropDispute.bind(1, candidateId);
    if (!m_dropFinal.exec() || !m_dropDispute.exec())
        return fail(m_dropFinal.hasError() ? m_dropFinal : m_dropDispute);
    if (out.verdict != Verdict::None) {
        m_addFinal.bind(1, candidateId).bind(2, int(out.verdict)).bind(3, out.annotator).bind(4, out.decisionId);
        if (!m_addFinal.exec())
            return fail(m_addFinal);
    }
    if (out.disputed) {
        m_addDispute.bind(1, candidateId).bind(2, int(out.settled));
        if (!m_addDispute.exec())
            return fail(m_addDispute);
    }
    return true;
}

bool DecisionLog::rederiveAll()
{
    QList<qint64> ids;
    Statement q(m_db, QStringLiteral("SELECT candidate_id FROM candidate_state UNION SELECT candidate_id FROM "
                                     "adjudication_state UNION SELECT candidate_id FROM final_state "
                                     "UNION SELECT candidate_id FROM disputes ORDER BY 1"));
    while (q.next())
        ids.append(q.int64(0));
    if (q.hasError())
        return fail(q);
    for (qint64 id : ids)
        if (!remember(id) || !derive(id))
            return false;
    return true;
}

FinalShift DecisionLog::shift()
{
    FinalShift s;
    Statement cls(m_db, QStringLiteral("SELECT cl.label, cl.name FROM candidates c JOIN keywords k ON k.id = "
                                       "c.keyword_id JOIN classes cl ON cl.id = k.class_id WHERE c.id = ?1"));
    std::map<std::pair<qint64, QString>, qint64> perClass; // (label, name): catalog order
    for (auto it = m_before.cbegin(); it != m_before.cend(); ++it) {
        m_final.reset();
        m_final.bind(1, it.key());
        const Verdict after = m_final.next() ? Verdict(m_final.int64(0)) : Verdict::None;
        if (after == it.value())
            continue;
        const int delta = int(after == Verdict::Accept) - int(it.value() == Verdict::Accept);
        if (delta == 0) {
            ++s.otherChanges;
            continue;
        }
        (delta > 0 ? s.becameAccepted : s.lostAccepted) += 1;
        cls.reset();
        cls.bind(1, it.key());
        if (cls.next())
            perClass[{cls.int64(0), cls.text(1)}] += delta;
    }
    for (const auto &[key, delta] : perClass)
        if (delta != 0)
            s.perClassDelta.append({key.second, delta});
    return s;
}

} // namespace tc::core
