#include "core/dedup/DedupStore.h"

#include "core/dedup/DuplicateOutcomes.h"
#include "core/dedup/RemovalRule.h"
#include "core/project/Database.h"
#include "core/project/Statement.h"
#include "core/project/Transaction.h"
#include "core/readers/ImageSetLoader.h"

#include <QDateTime>
#include <limits>
#include <variant>

namespace tc::core {

QString roleName(ReferenceRole role)
{
    return role == ReferenceRole::Avoid ? QStringLiteral("avoid") : QStringLiteral("exclude");
}

std::optional<ReferenceRole> roleFromName(const QString &name)
{
    if (name == QLatin1String("exclude"))
        return ReferenceRole::Exclude;
    if (name == QLatin1String("avoid"))
        return ReferenceRole::Avoid;
    return std::nullopt;
}

QString pairStatusName(PairStatus status)
{
    switch (status) {
    case PairStatus::Duplicate:
        return QStringLiteral("duplicate");
    case PairStatus::Distinct:
        return QStringLiteral("distinct");
    case PairStatus::Unreviewed:
        break;
    }
    return QStringLiteral("unreviewed");
}

std::optional<PairStatus> pairStatusFromName(const QString &name)
{
    for (PairStatus s : {PairStatus::Unreviewed, PairStatus::Duplicate, PairStatus::Distinct})
        if (pairStatusName(s) == name)
            return s;
    return std::nullopt;
}

QString ssimWindowName(SsimWindow window)
{
    return window == SsimWindow::Gaussian11 ? QStringLiteral("gaussian") : QStringLiteral("uniform");
}

std::optional<SsimWindow> ssimWindowFromName(const QString &name)
{
    if (name == QLatin1String("uniform"))
        return SsimWindow::Uniform7;
    if (name == QLatin1String("gaussian"))
        return SsimWindow::Gaussian11;
    return std::nullopt;
}

bool DedupStore::fail(const QString &message)
{
    m_error = message;
    return false;
}

bool DedupStore::failDb()
{
    return fail(QStringLiteral("%1: %2").arg(m_db.fileName(), m_db.errorString()));
}

qint64 DedupStore::addReferenceSet(const QString &name, ReferenceRole role, const QString &path,
                                   const Progress &progress)
{
    ImageSet images;
    ImageSetLoader loader;
    if (!loader.load(path, images, progress)) {
        fail(loader.errorString());
        return 0;
    }
    return addReferenceSet(name, role, path, images);
}

qint64 DedupStore::addReferenceSet(const QString &name, ReferenceRole role, const QString &sourcePath,
                                   const ImageSet &images)
{
    if (name.trimmed().isEmpty())
        return fail(QStringLiteral("reference set name is empty")), 0;
    if (referenceSet(name))
        return fail(QStringLiteral("%1: a reference set named \"%2\" exists already").arg(m_db.fileName(), name)), 0;
    Transaction tx(m_db);
    Statement set(m_db, QStringLiteral("INSERT INTO reference_sets(name, role, source_path, count, label_names) "
                                       "VALUES(?, ?, ?, ?, ?)"));
    set.bind(1, name).bind(2, roleName(role)).bind(3, sourcePath).bind(4, qint64(images.count()));
    set.bind(5, images.labelNames.join(QLatin1Char('\n')));
    if (!set.exec())
        return fail(set.errorString()), 0;
    const qint64 id = m_db.lastInsertRowId();
    Statement img(m_db, QStringLiteral("INSERT INTO reference_images(set_id, idx, label, pixels) VALUES(?, ?, ?, ?)"));
    for (qsizetype i = 0; i < images.count(); ++i) {
        img.reset();
        img.bind(1, id).bind(2, qint64(i));
        if (size_t(i) < images.labels.size())
            img.bind(3, qint64(images.labels[size_t(i)]));
        else
            img.bindNull(3);
        img.bindBlob(4, std::span<const std::uint8_t>(images.image(i).data(), kImageBytes));
        if (!img.exec())
            return fail(img.errorString()), 0;
    }
    if (!tx.commit())
        return failDb(), 0;
    return id;
}

QList<ReferenceSetInfo> DedupStore::referenceSets()
{
    QList<ReferenceSetInfo> sets;
    Statement q(m_db, QStringLiteral("SELECT id, name, role, source_path, count, label_names FROM reference_sets "
                                     "ORDER BY id"));
    while (q.next()) {
        ReferenceSetInfo s;
        s.id = q.int64(0);
        s.name = q.text(1);
        s.role = roleFromName(q.text(2)).value_or(ReferenceRole::Exclude);
        s.sourcePath = q.text(3);
        s.count = q.int64(4);
        s.labelNames = q.text(5).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        sets.append(s);
    }
    return sets;
}

std::optional<ReferenceSetInfo> DedupStore::referenceSet(const QString &name)
{
    for (const auto &s : referenceSets())
        if (s.name == name)
            return s;
    return std::nullopt;
}

bool DedupStore::referencePixels(qint64 setId, std::vector<std::uint8_t> *pixels)
{
    pixels->clear();
    Statement q(m_db, QStringLiteral("SELECT pixels FROM reference_images WHERE set_id = ? ORDER BY idx"));
    q.bind(1, setId);
    while (q.next()) {
        const auto bytes = q.blobView(0);
        if (bytes.size() != size_t(kImageBytes))
            return fail(
                QStringLiteral("%1: reference image of set %2 is not 3072 bytes").arg(m_db.fileName()).arg(setId));
        pixels->insert(pixels->end(), bytes.begin(), bytes.end());
    }
    return !q.hasError() || fail(q.errorString());
}

QByteArray DedupStore::referenceImage(qint64 setId, qint32 refIndex)
{
    Statement q(m_db, QStringLiteral("SELECT pixels FROM reference_images WHERE set_id = ? AND idx = ?"));
    q.bind(1, setId).bind(2, qint64(refIndex));
    return q.next() ? q.blob(0) : QByteArray();
}

bool DedupStore::refreshStatus(qint64 candidateId, qint64 setId, qint32 refIndex)
{
    // The effective status is the newest review of the pair that is neither an undo nor undone.
    Statement q(m_db, QStringLiteral(
                          "UPDATE near_pairs SET status = COALESCE((SELECT r.status FROM pair_reviews r WHERE "
                          "r.candidate_id = ?1 AND r.set_id = ?2 AND r.ref_index = ?3 AND r.undoes IS NULL AND NOT "
                          "EXISTS (SELECT 1 FROM pair_reviews u WHERE u.undoes = r.id) ORDER BY r.id DESC LIMIT 1), 0) "
                          "WHERE candidate_id = ?1 AND set_id = ?2 AND ref_index = ?3"));
    q.bind(1, candidateId).bind(2, setId).bind(3, qint64(refIndex));
    return q.exec() || fail(q.errorString());
}

bool DedupStore::review(qint64 candidateId, qint64 setId, qint32 refIndex, PairStatus status, const QString &annotator)
{
    Transaction tx(m_db);
    Statement exists(m_db, QStringLiteral("SELECT 1 FROM near_pairs WHERE candidate_id = ? AND set_id = ? AND "
                                          "ref_index = ?"));
    exists.bind(1, candidateId).bind(2, setId).bind(3, qint64(refIndex));
    if (!exists.next())
        return fail(QStringLiteral("%1: no stored pair candidate %2, set %3, reference %4")
                        .arg(m_db.fileName())
                        .arg(candidateId)
                        .arg(setId)
                        .arg(refIndex));
    Statement copy(m_db, QStringLiteral("SELECT rs.name, e.ref_index FROM exact_matches e JOIN reference_sets rs ON "
                                        "rs.id = e.set_id WHERE e.candidate_id = ? AND rs.role = 'exclude' LIMIT 1"));
    copy.bind(1, candidateId);
    if (!RemovalRule::reviewable(ExcludeFacts{copy.next(), false, false}))
        return fail(QStringLiteral("%1: candidate %2 is an exact copy of %3 #%4, an exclude set: export always removes "
                                   "it, so its pairs are not reviewed")
                        .arg(m_db.fileName())
                        .arg(candidateId)
                        .arg(copy.text(0))
                        .arg(copy.int64(1)));
    Statement ins(m_db, QStringLiteral("INSERT INTO pair_reviews(candidate_id, set_id, ref_index, status, annotator, "
                                       "created_at) VALUES(?, ?, ?, ?, ?, ?)"));
    ins.bind(1, candidateId).bind(2, setId).bind(3, qint64(refIndex)).bind(4, int(status)).bind(5, annotator);
    ins.bind(6, QDateTime::currentMSecsSinceEpoch());
    if (!ins.exec() || !refreshStatus(candidateId, setId, refIndex))
        return fail(ins.hasError() ? ins.errorString() : m_error);
    return tx.commit() || failDb();
}

std::optional<NearPair> DedupStore::undoReview(const QString &annotator)
{
    Transaction tx(m_db);
    Statement q(m_db, QStringLiteral("SELECT r.id, r.candidate_id, r.set_id, r.ref_index FROM pair_reviews r WHERE "
                                     "r.annotator = ? AND r.undoes IS NULL AND NOT EXISTS (SELECT 1 FROM pair_reviews "
                                     "u WHERE u.undoes = r.id) ORDER BY r.id DESC LIMIT 1"));
    q.bind(1, annotator);
    if (!q.next())
        return std::nullopt;
    NearPair pair;
    const qint64 reviewId = q.int64(0);
    pair.candidateId = q.int64(1);
    pair.setId = q.int64(2);
    pair.refIndex = qint32(q.int64(3));
    Statement ins(m_db, QStringLiteral("INSERT INTO pair_reviews(candidate_id, set_id, ref_index, status, annotator, "
                                       "created_at, undoes) VALUES(?, ?, ?, 0, ?, ?, ?)"));
    ins.bind(1, pair.candidateId).bind(2, pair.setId).bind(3, qint64(pair.refIndex)).bind(4, annotator);
    ins.bind(5, QDateTime::currentMSecsSinceEpoch()).bind(6, reviewId);
    if (!ins.exec() || !refreshStatus(pair.candidateId, pair.setId, pair.refIndex) || !tx.commit()) {
        fail(ins.hasError() ? ins.errorString() : m_error);
        return std::nullopt;
    }
    return this->pair(pair.candidateId, pair.setId, pair.refIndex).value_or(pair);
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
            statuses << QString::number(int(st));
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
                             "e.set_id WHERE e.candidate_id = p.candidate_id AND ers.role = 'exclude')"));
}

} // namespace

QList<NearPair> DedupStore::pairs(const PairFilter &filter, const NearPair *after)
{
    SqlBuilder b;
    b.add(QStringLiteral("SELECT p.candidate_id, c.tiny_index, k.keyword, cl.name, p.set_id, rs.name, rs.role, "
                         "p.ref_index, (SELECT ri.label FROM reference_images ri WHERE ri.set_id = p.set_id AND "
                         "ri.idx = p.ref_index), rs.label_names, p.ssim, p.l2, p.status, c.filename") +
          QLatin1String(kPairJoins));
    addPairFilter(b, filter, settings());
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

std::optional<NearPair> DedupStore::pair(qint64 candidateId, qint64 setId, qint32 refIndex)
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

qint64 DedupStore::pairCount()
{
    return m_db.queryInt(QStringLiteral("SELECT COUNT(*) FROM near_pairs"));
}

qint64 DedupStore::pairCount(const PairFilter &filter)
{
    // No joins: every pair's candidate and set exist, and a count over millions of pairs should not
    // look each one up.
    SqlBuilder b;
    b.add(QStringLiteral("SELECT COUNT(*) FROM near_pairs p"));
    addPairFilter(b, filter, settings());
    Statement q(m_db, b.sql);
    b.bindTo(q);
    return q.next() ? q.int64(0) : 0;
}

bool DedupStore::pairBefore(const PairFilter &filter, const NearPair &a, const NearPair &b)
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

qint64 DedupStore::flaggedCandidateCount(double ssimThreshold, double l2Threshold)
{
    DuplicateOutcomes outcomes;
    if (!outcomes.load(m_db))
        return fail(outcomes.errorString()), 0;
    return outcomes.tally(ssimThreshold, l2Threshold).flagged;
}

QList<CandidateExtremes> DedupStore::candidateExtremes(qint64 setId)
{
    Statement q(m_db, QStringLiteral("SELECT candidate_id, set_id, MAX(ssim), MIN(l2) FROM near_pairs WHERE ?1 = 0 OR "
                                     "set_id = ?1 GROUP BY candidate_id, set_id ORDER BY candidate_id, set_id"));
    q.bind(1, setId);
    QList<CandidateExtremes> out;
    while (q.next())
        out.append(CandidateExtremes{q.int64(0), q.int64(1), q.real(2), q.real(3)});
    return out;
}

QList<ExactGroup> DedupStore::exactGroups()
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

QList<ExactReferenceMatch> DedupStore::exactReferenceMatches()
{
    Statement q(m_db, QStringLiteral("SELECT candidate_id, set_id, ref_index FROM exact_matches WHERE set_id IS NOT "
                                     "NULL ORDER BY candidate_id, set_id, ref_index"));
    QList<ExactReferenceMatch> out;
    while (q.next())
        out.append(ExactReferenceMatch{q.int64(0), q.int64(1), qint32(q.int64(2))});
    return out;
}

QList<qint64> DedupStore::excludedCandidates()
{
    DuplicateOutcomes outcomes;
    if (!outcomes.load(m_db))
        return fail(outcomes.errorString()), QList<qint64>{};
    // No pair passes these thresholds, and unreviewed pairs do not count: what stays removed whatever they are.
    constexpr double kNever = std::numeric_limits<double>::infinity();
    return outcomes.removedIds(kNever, -kNever, false);
}

} // namespace tc::core
