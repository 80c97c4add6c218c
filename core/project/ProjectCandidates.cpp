// Project: candidate queries (filters, keyset paging, pixels).
#include "core/project/Project.h"
#include "core/project/SqlLiterals.h"
#include "core/project/Statement.h"

#include <cstring>

namespace tc::core {

namespace {

// The FROM/WHERE part of a filtered candidate query. Only fixed SQL fragments are concatenated;
// the filter's values are bound as ?1 (class), ?2 (keyword), ?3 (annotator).
QString filterSql(const CandidateFilter &filter)
{
    QString sql = QStringLiteral(" FROM candidates c ");
    if (filter.classId != 0)
        sql += QStringLiteral("JOIN keywords k ON k.id = c.keyword_id AND k.class_id = ?1 ");
    if (filter.verdict != VerdictFilter::Any) {
        sql += filter.annotator.isEmpty()
                   ? QStringLiteral("LEFT JOIN final_state s ON s.candidate_id = c.id ")
                   : QStringLiteral("LEFT JOIN candidate_state s ON s.candidate_id = c.id AND s.annotator = ?3 ");
    }
    sql += QStringLiteral("WHERE 1 ");
    if (filter.keywordId != 0)
        sql += QStringLiteral("AND c.keyword_id = ?2 ");
    switch (filter.verdict) {
    case VerdictFilter::Any:
        break;
    case VerdictFilter::Undecided:
        sql += QStringLiteral("AND s.verdict IS NULL ");
        break;
    case VerdictFilter::Decided:
        sql += QStringLiteral("AND s.verdict IS NOT NULL ");
        break;
    case VerdictFilter::Accepted:
        sql += QStringLiteral("AND s.verdict = ") + sqlLiteral(Verdict::Accept) + QLatin1Char(' ');
        break;
    case VerdictFilter::Rejected:
        sql += QStringLiteral("AND s.verdict = ") + sqlLiteral(Verdict::Reject) + QLatin1Char(' ');
        break;
    case VerdictFilter::Unsure:
        sql += QStringLiteral("AND s.verdict = ") + sqlLiteral(Verdict::Unsure) + QLatin1Char(' ');
        break;
    }
    return sql;
}

void bindFilter(Statement &q, const CandidateFilter &filter)
{
    if (filter.classId != 0)
        q.bind(1, filter.classId);
    if (filter.keywordId != 0)
        q.bind(2, filter.keywordId);
    if (filter.verdict != VerdictFilter::Any && !filter.annotator.isEmpty())
        q.bind(3, filter.annotator);
}

// Filter order is (keyword_id, keyword_pos, id): the candidates_order index, so a page costs
// the same at row 0 and at row 400,000.
const QString kOrder = QStringLiteral(" ORDER BY c.keyword_id, c.keyword_pos, c.id ");
const QString kAfter = QStringLiteral(" AND (c.keyword_id, c.keyword_pos, c.id) > "
                                      "(SELECT keyword_id, keyword_pos, id FROM candidates WHERE id = ?4) ");
const QString kBefore = QStringLiteral(" AND (c.keyword_id, c.keyword_pos, c.id) < "
                                       "(SELECT keyword_id, keyword_pos, id FROM candidates WHERE id = ?4) ");

} // namespace

qint64 Project::candidateCount(const CandidateFilter &filter)
{
    Statement q(m_db, QStringLiteral("SELECT count(*)") + filterSql(filter));
    bindFilter(q, filter);
    return q.next() ? q.int64(0) : 0;
}

QList<qint64> Project::candidateIds(const CandidateFilter &filter, qint64 afterId, int limit)
{
    QList<qint64> ids;
    Statement q(m_db, QStringLiteral("SELECT c.id") + filterSql(filter) + (afterId ? kAfter : QString()) + kOrder +
                          QStringLiteral(" LIMIT ?5"));
    bindFilter(q, filter);
    if (afterId)
        q.bind(4, afterId);
    q.bind(5, qint64(limit));
    ids.reserve(limit);
    while (q.next())
        ids.append(q.int64(0));
    if (q.hasError())
        failDb();
    return ids;
}

bool Project::inFilter(const CandidateFilter &filter, qint64 candidateId)
{
    Statement in(m_db, QStringLiteral("SELECT count(*)") + filterSql(filter) + QStringLiteral(" AND c.id = ?4"));
    bindFilter(in, filter);
    in.bind(4, candidateId);
    return in.next() && in.int64(0) > 0;
}

qint64 Project::rowOf(const CandidateFilter &filter, qint64 candidateId)
{
    if (!inFilter(filter, candidateId))
        return -1;
    Statement q(m_db, QStringLiteral("SELECT count(*)") + filterSql(filter) + kBefore);
    bindFilter(q, filter);
    q.bind(4, candidateId);
    return q.next() ? q.int64(0) : -1;
}

std::optional<CandidateRecord> Project::candidate(qint64 candidateId, const QString &annotator)
{
    Statement q(m_db, QStringLiteral(
                          "SELECT c.id, c.keyword_id, k.class_id, k.keyword, cl.name, c.tiny_index, c.keyword_pos, "
                          "c.source, c.filename, c.engine, c.source_url, c.resized, "
                          "CASE WHEN ?2 = '' THEN (SELECT verdict FROM final_state WHERE candidate_id = c.id) "
                          "ELSE (SELECT verdict FROM candidate_state WHERE candidate_id = c.id AND annotator = ?2) END "
                          "FROM candidates c JOIN keywords k ON k.id = c.keyword_id "
                          "JOIN classes cl ON cl.id = k.class_id WHERE c.id = ?1"));
    q.bind(1, candidateId).bind(2, annotator);
    if (!q.next())
        return std::nullopt;
    CandidateRecord r;
    r.id = q.int64(0);
    r.keywordId = q.int64(1);
    r.classId = q.int64(2);
    r.keyword = q.text(3);
    r.className = q.text(4);
    r.tinyIndex = q.isNull(5) ? -1 : q.int64(5);
    r.keywordPos = q.int64(6);
    r.source = q.text(7);
    r.filename = q.text(8);
    r.engine = q.text(9);
    r.sourceUrl = q.text(10);
    r.resized = q.int64(11) != 0;
    r.verdict = Verdict(q.int64(12));
    return r;
}

QList<qint64> Project::candidatesByTinyIndex(qint64 tinyIndex)
{
    QList<qint64> ids;
    Statement q(m_db, QStringLiteral("SELECT id FROM candidates WHERE tiny_index = ?1 ORDER BY id"));
    q.bind(1, tinyIndex);
    while (q.next())
        ids.append(q.int64(0));
    return ids;
}

QByteArray Project::pixels(qint64 candidateId)
{
    Statement q(m_db, QStringLiteral("SELECT pixels FROM candidates WHERE id = ?1"));
    q.bind(1, candidateId);
    return q.next() ? q.blob(0) : QByteArray();
}

bool Project::pixels(qint64 candidateId, std::uint8_t *out)
{
    Statement q(m_db, QStringLiteral("SELECT pixels FROM candidates WHERE id = ?1"));
    q.bind(1, candidateId);
    if (!q.next())
        return false;
    const auto view = q.blobView(0);
    if (view.size() != 3072)
        return fail(QStringLiteral("%1: candidate %2 has %3 pixel bytes, expected 3072")
                        .arg(fileName())
                        .arg(candidateId)
                        .arg(view.size()));
    std::memcpy(out, view.data(), view.size());
    return true;
}

} // namespace tc::core
