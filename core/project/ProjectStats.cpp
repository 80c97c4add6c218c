// Project: quotas, statistics, the next keyword to verify, and inter-annotator agreement.
#include "core/project/CohenKappa.h"
#include "core/project/Project.h"
#include "core/project/Quotas.h"
#include "core/project/SqlLiterals.h"
#include "core/project/Statement.h"

#include <QHash>
#include <limits>
#include <map>

namespace tc::core {

namespace {
// keyword id -> value, from a "SELECT keyword_id, count" query.
QHash<qint64, qint64> countsByKeyword(Database &db, const QString &sql, const QString &annotator = {})
{
    QHash<qint64, qint64> counts;
    Statement q(db, sql);
    if (!annotator.isEmpty())
        q.bind(1, annotator);
    while (q.next())
        counts.insert(q.int64(0), q.int64(1));
    return counts;
}
} // namespace

QHash<qint64, qint64> Project::candidateCountsByKeyword()
{
    if (!m_candidateCountsValid) {
        m_candidateCounts =
            countsByKeyword(m_db, QStringLiteral("SELECT keyword_id, count(*) FROM candidates GROUP BY keyword_id"));
        m_candidateCountsValid = true;
    }
    return m_candidateCounts;
}

QHash<qint64, qint64> Project::keywordQuotas()
{
    QHash<qint64, qint64> quotas;
    for (const auto &cls : classes()) {
        std::vector<qint64> ids, weights;
        Statement q(m_db, QStringLiteral("SELECT id, CASE WHEN absent THEN 0 ELSE catalog_count END FROM keywords "
                                         "WHERE class_id = ?1 ORDER BY id"));
        q.bind(1, cls.id);
        while (q.next()) {
            ids.push_back(q.int64(0));
            weights.push_back(q.int64(1));
        }
        const auto shares = Quotas::apportion(weights, cls.target);
        for (std::size_t i = 0; i < ids.size(); ++i)
            quotas.insert(ids[i], shares[i]);
    }
    return quotas;
}

// Grouped counts per keyword rather than one big join: each query costs what its table holds
// (candidates via their index, states only as many as were decided), so stats stay fast at 500k.
QList<KeywordStats> Project::keywordStats(const QString &annotator)
{
    const QString state = annotator.isEmpty() ? QStringLiteral("final_state s") : QStringLiteral("candidate_state s");
    const QString where = annotator.isEmpty() ? QString() : QStringLiteral(" WHERE s.annotator = ?1");
    const auto perVerdict = [&](const QString &cond) {
        return countsByKeyword(m_db,
                               QStringLiteral("SELECT c.keyword_id, count(*) FROM ") + state +
                                   QStringLiteral(" JOIN candidates c ON c.id = s.candidate_id") + where +
                                   (where.isEmpty() ? QStringLiteral(" WHERE ") : QStringLiteral(" AND ")) + cond +
                                   QStringLiteral(" GROUP BY c.keyword_id"),
                               annotator);
    };
    const auto candidates = candidateCountsByKeyword();
    const auto accepted = perVerdict(QStringLiteral("s.verdict = ") + sqlLiteral(Verdict::Accept));
    const auto rejected = perVerdict(QStringLiteral("s.verdict = ") + sqlLiteral(Verdict::Reject));
    const auto unsure = perVerdict(QStringLiteral("s.verdict = ") + sqlLiteral(Verdict::Unsure));
    // Disputes belong to the final verdicts, not to one annotator's own counts.
    QHash<qint64, qint64> conflicts, awaiting;
    if (annotator.isEmpty()) {
        const QString unsettled = QStringLiteral("SELECT c.keyword_id, count(*) FROM disputes x JOIN candidates c ON "
                                                 "c.id = x.candidate_id WHERE x.settled = 0 ");
        conflicts = countsByKeyword(m_db, unsettled + QStringLiteral("GROUP BY c.keyword_id"));
        awaiting = countsByKeyword(m_db, unsettled + QStringLiteral("AND NOT EXISTS (SELECT 1 FROM final_state f "
                                                                    "WHERE f.candidate_id = x.candidate_id) "
                                                                    "GROUP BY c.keyword_id"));
    }
    const auto quotas = keywordQuotas();
    QList<KeywordStats> rows;
    for (const auto &k : keywords()) {
        KeywordStats s;
        s.classId = k.classId;
        s.keywordId = k.id;
        s.className = k.className;
        s.keyword = k.keyword;
        s.catalogCount = k.catalogCount;
        s.absent = k.absent;
        s.candidates = candidates.value(k.id);
        s.accepted = accepted.value(k.id);
        s.rejected = rejected.value(k.id);
        s.unsure = unsure.value(k.id);
        s.decided = s.accepted + s.rejected + s.unsure;
        s.quota = quotas.value(k.id);
        s.conflicts = conflicts.value(k.id);
        s.awaiting = awaiting.value(k.id);
        rows.append(s);
    }
    return rows;
}

QList<KeywordStats> Project::classStats(const QString &annotator)
{
    const auto perKeyword = keywordStats(annotator);
    QList<KeywordStats> rows;
    for (const auto &cls : classes()) {
        KeywordStats t;
        t.classId = cls.id;
        t.className = cls.name;
        t.quota = 0;
        for (const auto &k : perKeyword) {
            if (k.classId != cls.id)
                continue;
            t.catalogCount += k.catalogCount;
            t.candidates += k.candidates;
            t.decided += k.decided;
            t.accepted += k.accepted;
            t.rejected += k.rejected;
            t.unsure += k.unsure;
            t.quota += k.quota;
            t.conflicts += k.conflicts;
            t.awaiting += k.awaiting;
        }
        rows.append(t);
    }
    return rows;
}

std::optional<qint64> Project::nextSuggestedKeyword(qint64 classId, const QString &annotator, bool skipMetQuotas)
{
    const auto finals = keywordStats();
    const auto mine = annotator.isEmpty() ? finals : keywordStats(annotator);
    std::optional<qint64> best;
    double bestRatio = std::numeric_limits<double>::infinity();
    qint64 bestQuota = -1;
    for (int i = 0; i < finals.size(); ++i) {
        const auto &k = finals[i];
        if ((classId != 0 && k.classId != classId) || k.quota <= 0 || (skipMetQuotas && k.accepted >= k.quota))
            continue;
        if (mine[i].candidates - mine[i].decided <= 0)
            continue; // nothing left for this annotator to verify there
        // Fill ratio, so a keyword with quota 40 and 10 accepted comes before one with 4 and 2.
        const double ratio = double(k.accepted) / double(k.quota);
        if (ratio < bestRatio || (ratio == bestRatio && k.quota > bestQuota)) {
            best = k.keywordId;
            bestRatio = ratio;
            bestQuota = k.quota;
        }
    }
    return best;
}

QList<Agreement> Project::agreement(const QString &annotatorA, const QString &annotatorB)
{
    Statement q(m_db,
                QStringLiteral("SELECT c.keyword_id, a.verdict, b.verdict, count(*) FROM candidate_state a "
                               "JOIN candidate_state b ON b.candidate_id = a.candidate_id AND b.annotator = ?2 "
                               "JOIN candidates c ON c.id = a.candidate_id WHERE a.annotator = ?1 GROUP BY 1, 2, 3"));
    q.bind(1, annotatorA).bind(2, annotatorB);
    std::map<qint64, CohenKappa::Matrix> perKeyword;
    while (q.next()) {
        const int va = int(q.int64(1)) - 1, vb = int(q.int64(2)) - 1;
        if (va >= 0 && va < 3 && vb >= 0 && vb < 3)
            perKeyword[q.int64(0)][va][vb] += q.int64(3);
    }
    std::map<qint64, CohenKappa::Matrix> perClass;
    CohenKappa::Matrix overall{};
    QList<Agreement> rows;
    const auto add = [](CohenKappa::Matrix &sum, const CohenKappa::Matrix &m) {
        for (int i = 0; i < 3; ++i)
            for (int j = 0; j < 3; ++j)
                sum[i][j] += m[i][j];
    };
    const auto row = [](const CohenKappa::Matrix &m, qint64 classId, qint64 keywordId, const QString &cls,
                        const QString &kw) {
        return Agreement{
            classId, keywordId, cls, kw, CohenKappa::total(m), CohenKappa::agreed(m), CohenKappa::kappa(m)};
    };
    for (const auto &k : keywords()) {
        const auto it = perKeyword.find(k.id);
        if (it == perKeyword.end())
            continue;
        rows.append(row(it->second, k.classId, k.id, k.className, k.keyword));
        add(perClass[k.classId], it->second);
        add(overall, it->second);
    }
    for (const auto &cls : classes())
        if (perClass.count(cls.id))
            rows.append(row(perClass[cls.id], cls.id, 0, cls.name, QString()));
    rows.append(row(overall, 0, 0, QString(), QString()));
    return rows;
}

QList<Conflict> Project::conflicts(const QString &annotatorA, const QString &annotatorB)
{
    Statement q(m_db,
                QStringLiteral("SELECT c.id, c.keyword_id, k.class_id, k.keyword, cl.name, c.tiny_index, a.verdict, "
                               "b.verdict FROM candidate_state a "
                               "JOIN candidate_state b ON b.candidate_id = a.candidate_id AND b.annotator = ?2 "
                               "JOIN candidates c ON c.id = a.candidate_id JOIN keywords k ON k.id = c.keyword_id "
                               "JOIN classes cl ON cl.id = k.class_id "
                               "WHERE a.annotator = ?1 AND a.verdict <> b.verdict "
                               "ORDER BY c.keyword_id, c.keyword_pos, c.id"));
    q.bind(1, annotatorA).bind(2, annotatorB);
    QList<Conflict> list;
    while (q.next())
        list.append({q.int64(0), q.int64(1), q.int64(2), q.text(3), q.text(4), q.isNull(5) ? -1 : q.int64(5),
                     Verdict(q.int64(6)), Verdict(q.int64(7))});
    return list;
}

} // namespace tc::core
