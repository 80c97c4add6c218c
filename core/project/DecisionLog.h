#pragma once

#include "core/project/AcceptRule.h"
#include "core/project/ProjectTypes.h"
#include "core/project/Statement.h"

#include <QHash>
#include <memory>

namespace tc::core {

class Database;

// Project's writer of the decision log, for the duration of one transaction: appends decisions
// and re-derives what depends on them (candidate_state, adjudication_state, disputes,
// final_state) with statements prepared once, so an import of 10,000 decisions compiles its SQL
// once. It also remembers each touched candidate's final verdict before the first change, so the
// caller can say how many final verdicts the transaction moved (FinalShift).
class DecisionLog final {
public:
    explicit DecisionLog(Database &db);

    // The project's rule as stored (meta accept_rule), kDefaultAcceptRule when unset or unknown.
    static AcceptRule storedRule(Database &db);

    AcceptRule rule() const { return m_rule; }
    void setRule(AcceptRule rule) { m_rule = rule; }

    qint64 nextBatch();
    // Appends one decision and re-derives the candidate's state. createdAtMs 0: now, but never
    // before the candidate's newest decision (a clock stepped back must not make a new decision
    // older than the one it replaces). Returns the new id, 0 on error.
    qint64 append(qint64 candidateId, const QString &annotator, Verdict verdict, bool adjudication, qint64 createdAtMs,
                  qint64 undoes, qint64 batch, const QString &viewMode);
    // Final verdict of every candidate with a vote or an adjudication, re-derived under rule().
    bool rederiveAll();
    FinalShift shift();
    QString errorString() const { return m_error; }

private:
    bool refresh(qint64 candidateId, const QString &annotator, bool adjudication);
    bool derive(qint64 candidateId);
    bool remember(qint64 candidateId);
    bool fail(const Statement &q);

    Database &m_db;
    AcceptRule m_rule;
    QString m_error;
    qint64 m_batch = 0;
    QHash<qint64, Verdict> m_before; // final verdict before this transaction touched the candidate
    Statement m_insert, m_newest, m_dropVote, m_addVote, m_dropAdj, m_addAdj, m_votes, m_adjudication, m_final,
        m_dropFinal, m_addFinal, m_dropDispute, m_addDispute;
};

} // namespace tc::core
