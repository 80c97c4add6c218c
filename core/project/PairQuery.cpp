#include "core/project/PairQuery.h"

#include "core/project/Database.h"
#include "core/project/DedupSettingsStore.h"
#include "core/project/SqlLiterals.h"
#include "core/project/Statement.h"

#include <variant>

namespace tc::core {

bool PairQuery::fail(const QString &message)
{
    m_error = message;
    return false;
}

namespace {

using SqlValue = std::variant<qint64, double, QString>;

// Collects positional parameters next to the SQL that uses them.
struct SqlBuilder {
    QString sql;
    std::vector<SqlValue> values;

    SqlBuilder &add(const QString &text, std::initializer_list<SqlValue> params = {})
    {
        sql += text;
        values.insert(values.end(), params);
        return *this;
    }
    void bindTo(Statement &q) const
    {
        for (size_t i = 0; i < values.size(); ++i)
            std::visit([&q, i](const auto &v) { q.bind(int(i + 1), v); }, values[i]);
    }
};

struct SortKey {
    QString expr;
    bool descending;
    SqlValue (*value)(const NearPair &);
};

// The filter's total order as SQL expressions with the matching NearPair values (for keyset paging).
std::vector<SortKey> sortKeys(const PairFilter &f)
{
    const bool d = f.descending;
    const SortKey ssim{QStringLiteral("p.ssim"), true, [](const NearPair &p) { return SqlValue(p.ssim); }};
    const SortKey l2{QStringLiteral("p.l2"), false, [](const NearPair &p) { return SqlValue(p.l2); }};
    const SortKey candidate{QStringLiteral("p.candidate_id"), false,
                            [](const NearPair &p) { return SqlValue(p.candidateId); }};
    const SortKey set{QStringLiteral("p.set_id"), false, [](const NearPair &p) { return SqlValue(p.setId); }};
    const SortKey ref{QStringLiteral("p.ref_index"), false,
                      [](const NearPair &p) { return SqlValue(qint64(p.refIndex)); }};
    std::vector<SortKey> keys;
    switch (f.sortKey) {
    case PairSortKey::Ssim:
        return {{ssim.expr, d, ssim.value}, l2, candidate, set, ref}; // index near_pairs_rank for the default
    case PairSortKey::L2:
        return {{l2.expr, d, l2.value}, ssim, candidate, set, ref};
    case PairSortKey::Candidate:
        keys = {
            {QStringLiteral("COALESCE(c.tiny_index, -1)"), d, [](const NearPair &p) { return SqlValue(p.tinyIndex); }},
            {candidate.expr, d, candidate.value}};
        break;
    case PairSortKey::Keyword:
        keys = {{QStringLiteral("k.keyword"), d, [](const NearPair &p) { return SqlValue(p.keyword); }}};
        break;
    case PairSortKey::Class:
        keys = {{QStringLiteral("cl.name"), d, [](const NearPair &p) { return SqlValue(p.className); }}};
        break;
    case PairSortKey::ReferenceSet:
        keys = {{QStringLiteral("rs.name"), d, [](const NearPair &p) { return SqlValue(p.setName); }}};
        break;
    case PairSortKey::ReferenceIndex:
        keys = {{ref.expr, d, ref.value}};
        break;
    case PairSortKey::Status:
        keys = {{QStringLiteral("p.status"), d, [](const NearPair &p) { return SqlValue(qint64(p.status)); }}};
        break;
    }
    keys.insert(keys.end(), {ssim, l2, candidate, set, ref});
    return keys;
}

// "Comes after `p` in this order": k1 > v1 OR (k1 = v1 AND (k2 > v2 OR ...)) (< for descending keys),
// which SQLite's row values cannot express for mixed directions; the leading k1 >= v1 lets an index seek.
void addKeysetAfter(SqlBuilder &b, const std::vector<SortKey> &keys, const NearPair &p)
{
    auto beyond = [](const SortKey &k) { return k.descending ? QStringLiteral(" < ?") : QStringLiteral(" > ?"); };
    const SortKey &first = keys.front();
    b.add(QStringLiteral(" AND ") + first.expr + (first.descending ? QStringLiteral(" <= ?") : QStringLiteral(" >= ?")),
          {first.value(p)});
    b.add(QStringLiteral(" AND ("));
    for (size_t i = 0; i < keys.size(); ++i) {
        if (i > 0)
            b.add(QStringLiteral(" OR (") + keys[i - 1].expr + QStringLiteral(" = ? AND ("), {keys[i - 1].value(p)});
        b.add(keys[i].expr + beyond(keys[i]), {keys[i].value(p)});
    }
    for (size_t i = 1; i < keys.size(); ++i)
        b.add(QStringLiteral("))"));
    b.add(QStringLiteral(")"));
}

const char *kPairJoins = " FROM near_pairs p CROSS JOIN candidates c ON c.id = p.candidate_id CROSS JOIN keywords k ON "
                         "k.id = c.keyword_id CROSS JOIN classes cl ON cl.id = k.class_id CROSS JOIN reference_sets "
                         "rs ON rs.id = p.set_id";

// The WHERE clause shared by pairs(), pairCount() and pairPosition().
void addPairFilter(SqlBuilder &b, const PairFilter &f, const DedupSettings &s)
{
    b.add(QStringLiteral(" WHERE p.status IN ("));
    QStringList statuses;
    for (PairStatus st : {PairStatus::Unreviewed, PairStatus::Duplicate, PairStatus::Distinct})
        if (f.statuses & pairStatusBit(st))
            statuses << sqlLiteral(st);
    b.add((statuses.isEmpty() ? QStringLiteral("-1") : statuses.join(QLatin1Char(','))) + QStringLiteral(")"));
    if (f.flaggedOnly)
        b.add(QStringLiteral(" AND (p.ssim >= ? OR p.l2 <= ?)"),
              {f.ssimThreshold.value_or(s.ssimThreshold), f.l2Threshold.value_or(s.l2Threshold)});
    if (f.setId)
        b.add(QStringLiteral(" AND p.set_id = ?"), {f.setId});
    if (f.candidateId)
        b.add(QStringLiteral(" AND p.candidate_id = ?"), {f.candidateId});
    if (f.refIndex >= 0)
        b.add(QStringLiteral(" AND p.ref_index = ?"), {qint64(f.refIndex)});
    if (f.reviewableOnly)
        b.add(QStringLiteral(" AND NOT EXISTS (SELECT 1 FROM exact_matches e JOIN reference_sets ers ON ers.id = "
                             "e.set_id WHERE e.candidate_id = p.candidate_id AND ers.role = ") +
              sqlLiteral(ReferenceRole::Exclude) + QStringLiteral(")"));
}

} // namespace

QList<NearPair> PairQuery::pairs(const PairFilter &filter, const NearPair *after)
{
    SqlBuilder b;
    b.add(QStringLiteral("SELECT p.candidate_id, c.tiny_index, k.keyword, cl.name, p.set_id, rs.name, rs.role, "
                         "p.ref_index, (SELECT ri.label FROM reference_images ri WHERE ri.set_id = p.set_id AND "
                         "ri.idx = p.ref_index), rs.label_names, p.ssim, p.l2, p.status, c.filename") +
          QLatin1String(kPairJoins));
    addPairFilter(b, filter, DedupSettingsStore(m_db).settings());
    const std::vector<SortKey> keys = sortKeys(filter);
    if (after)
        addKeysetAfter(b, keys, *after);
    QStringList order;
    for (const SortKey &k : keys)
        order << k.expr + (k.descending ? QStringLiteral(" DESC") : QString());
    b.add(QStringLiteral(" ORDER BY ") + order.join(QStringLiteral(", ")));
    if (filter.limit >= 0)
        b.add(QStringLiteral(" LIMIT ?"), {qint64(filter.limit)});
    Statement q(m_db, b.sql);
    b.bindTo(q);
    QList<NearPair> out;
    while (q.next()) {
        NearPair p;
        p.candidateId = q.int64(0);
        p.tinyIndex = q.isNull(1) ? -1 : q.int64(1);
        p.keyword = q.text(2);
        p.className = q.text(3);
        p.setId = q.int64(4);
        p.setName = q.text(5);
        p.role = roleFromName(q.text(6)).value_or(ReferenceRole::Exclude);
        p.refIndex = qint32(q.int64(7));
        p.refLabel = q.isNull(8) ? -1 : int(q.int64(8));
        const QStringList labelNames = q.text(9).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        if (p.refLabel >= 0 && p.refLabel < labelNames.size())
            p.refClassName = labelNames[p.refLabel];
        p.ssim = q.real(10);
        p.l2 = q.real(11);
        p.status = PairStatus(q.int64(12));
        p.filename = q.text(13);
        out.append(p);
    }
    if (q.hasError())
        fail(q.errorString());
    return out;
}

std::optional<NearPair> PairQuery::pair(qint64 candidateId, qint64 setId, qint32 refIndex)
{
    PairFilter f;
    f.flaggedOnly = false;
    f.statuses = kAllPairStatuses;
    f.candidateId = candidateId;
    f.setId = setId;
    f.refIndex = refIndex;
    const QList<NearPair> found = pairs(f);
    if (found.isEmpty())
        return std::nullopt;
    return found.first();
}

qint64 PairQuery::count()
{
    return m_db.queryInt(QStringLiteral("SELECT COUNT(*) FROM near_pairs"));
}

qint64 PairQuery::count(const PairFilter &filter)
{
    // No joins: every pair's candidate and set exist, and a count over millions of pairs should not
    // look each one up.
    SqlBuilder b;
    b.add(QStringLiteral("SELECT COUNT(*) FROM near_pairs p"));
    addPairFilter(b, filter, DedupSettingsStore(m_db).settings());
    Statement q(m_db, b.sql);
    b.bindTo(q);
    return q.next() ? q.int64(0) : 0;
}

bool PairQuery::pairBefore(const PairFilter &filter, const NearPair &a, const NearPair &b)
{
    for (const SortKey &k : sortKeys(filter)) {
        SqlValue va = k.value(a), vb = k.value(b);
        if (const auto *text = std::get_if<QString>(&va)) {
            // SQLite compares TEXT as UTF-8 bytes, which orders supplementary characters unlike UTF-16.
            const int c = text->toUtf8().compare(std::get<QString>(vb).toUtf8());
            if (c != 0)
                return k.descending ? c > 0 : c < 0;
        } else if (va != vb) {
            return k.descending ? va > vb : va < vb;
        }
    }
    return false;
}

QList<CandidateExtremes> PairQuery::candidateExtremes(qint64 setId)
{
    Statement q(m_db, QStringLiteral("SELECT candidate_id, set_id, MAX(ssim), MIN(l2) FROM near_pairs WHERE ?1 = 0 OR "
                                     "set_id = ?1 GROUP BY candidate_id, set_id ORDER BY candidate_id, set_id"));
    q.bind(1, setId);
    QList<CandidateExtremes> out;
    while (q.next())
        out.append(CandidateExtremes{q.int64(0), q.int64(1), q.real(2), q.real(3)});
    return out;
}

QList<ExactGroup> PairQuery::exactGroups()
{
    Statement q(m_db, QStringLiteral("SELECT ref_index, candidate_id FROM exact_matches WHERE set_id IS NULL "
                                     "ORDER BY ref_index, candidate_id"));
    QList<ExactGroup> groups;
    while (q.next()) {
        if (groups.isEmpty() || groups.last().keptId != q.int64(0))
            groups.append(ExactGroup{q.int64(0), {}});
        groups.last().duplicateIds.append(q.int64(1));
    }
    return groups;
}

QList<ExactReferenceMatch> PairQuery::exactReferenceMatches()
{
    Statement q(m_db, QStringLiteral("SELECT candidate_id, set_id, ref_index FROM exact_matches WHERE set_id IS NOT "
                                     "NULL ORDER BY candidate_id, set_id, ref_index"));
    QList<ExactReferenceMatch> out;
    while (q.next())
        out.append(ExactReferenceMatch{q.int64(0), q.int64(1), qint32(q.int64(2))});
    return out;
}

} // namespace tc::core
