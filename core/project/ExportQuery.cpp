#include "core/project/ExportQuery.h"

#include "core/project/Database.h"
#include "core/project/SqlLiterals.h"
#include "core/project/Statement.h"
#include "core/project/Transaction.h"

namespace tc::core {

namespace {
// final_state rows that accept: the one definition of "accepted" (core/project/AcceptRule.h).
QString acceptedFinal(const QString &alias)
{
    return alias + QStringLiteral(".verdict = ") + sqlLiteral(Verdict::Accept);
}
} // namespace

ExportQuery::ExportQuery(Database &db) : m_db(db)
{
    m_mmapBefore = db.queryInt(QStringLiteral("PRAGMA mmap_size"));
    db.exec(QStringLiteral("PRAGMA mmap_size = 2147418112"));
    if (!db.inTransaction())
        m_snapshot = std::make_unique<Transaction>(db, Transaction::Mode::Deferred);
}

ExportQuery::~ExportQuery()
{
    // Read only: committing or rolling back a read transaction is the same; commit keeps no error.
    if (m_snapshot)
        m_snapshot->commit();
    m_snapshot.reset();
    m_db.exec(QStringLiteral("PRAGMA mmap_size = %1").arg(m_mmapBefore));
}

bool ExportQuery::fail(const QString &message)
{
    m_error = message;
    return false;
}

qint64 ExportQuery::candidateCount()
{
    return m_db.queryInt(QStringLiteral("SELECT COUNT(*) FROM candidates"));
}

void ExportQuery::thresholds(double *ssim, double *l2)
{
    Statement meta(m_db, QStringLiteral("SELECT key, value FROM meta WHERE key IN ('ssim_threshold', 'l2_threshold')"));
    while (meta.next())
        *(meta.text(0) == QLatin1String("ssim_threshold") ? ssim : l2) = meta.text(1).toDouble();
}

bool ExportQuery::inputPaths(QList<InputPath> *out)
{
    Statement meta(m_db, QStringLiteral("SELECT key, value FROM meta WHERE key IN ('tiny_dir', 'catalog_path', "
                                        "'folder_root') AND value != ''"));
    while (meta.next())
        out->append(InputPath{meta.text(0), meta.text(1)});
    return !meta.hasError() || fail(meta.errorString());
}

bool ExportQuery::forEachClass(const std::function<void(qint64, const QString &, int)> &visit)
{
    Statement c(m_db, QStringLiteral("SELECT id, name, label FROM classes ORDER BY label, id"));
    while (c.next())
        visit(c.int64(0), c.text(1), int(c.int64(2)));
    return !c.hasError() || fail(c.errorString());
}

bool ExportQuery::forEachKeyword(qint64 classId,
                                 const std::function<void(qint64, const QString &, qint64, bool)> &visit)
{
    Statement k(m_db, QStringLiteral("SELECT id, keyword, catalog_count, absent FROM keywords WHERE class_id = ?1 "
                                     "ORDER BY id"));
    k.bind(1, classId);
    while (k.next())
        visit(k.int64(0), k.text(1), k.int64(2), k.int64(3) != 0);
    return !k.hasError() || fail(k.errorString());
}

qint64 ExportQuery::acceptedCount()
{
    return m_db.queryInt(QStringLiteral("SELECT COUNT(*) FROM final_state f WHERE ") +
                         acceptedFinal(QStringLiteral("f")));
}

bool ExportQuery::forEachAcceptedVote(const std::function<void(const AcceptedVote &)> &visit)
{
    Statement q(m_db, QStringLiteral("SELECT f.candidate_id, s.annotator, d.created_at FROM final_state f "
                                     "JOIN candidate_state s ON s.candidate_id = f.candidate_id AND ") +
                          acceptedFinal(QStringLiteral("s")) +
                          QStringLiteral(" JOIN decisions d ON d.id = s.decision_id WHERE ") +
                          acceptedFinal(QStringLiteral("f")) +
                          QStringLiteral(" UNION ALL SELECT f.candidate_id, a.annotator, d.created_at FROM final_state "
                                         "f JOIN adjudication_state a ON a.candidate_id = f.candidate_id AND ") +
                          acceptedFinal(QStringLiteral("a")) +
                          QStringLiteral(" JOIN decisions d ON d.id = a.decision_id WHERE ") +
                          acceptedFinal(QStringLiteral("f")) + QStringLiteral(" ORDER BY 1, 3, 2"));
    AcceptedVote vote;
    while (q.next()) {
        vote.candidateId = q.int64(0);
        vote.annotatorUtf8 = q.blobView(1);
        vote.createdAtMs = q.int64(2);
        visit(vote);
    }
    return !q.hasError() || fail(q.errorString());
}

bool ExportQuery::forEachAcceptedCandidate(const std::function<bool(const AcceptedCandidate &)> &visit)
{
    // One ordered scan over everyone's accepted candidates: a lookup per id costs a B-tree descent
    // each, the scan reads pages in order.
    Statement q(m_db, QStringLiteral("SELECT id, keyword_id, tiny_index, source, filename, pixels FROM candidates "
                                     "WHERE id IN (SELECT candidate_id FROM final_state f WHERE ") +
                          acceptedFinal(QStringLiteral("f")) + QStringLiteral(") ORDER BY id"));
    AcceptedCandidate c;
    while (q.next()) {
        c.id = q.int64(0);
        c.keywordId = q.int64(1);
        c.tinyIndex = q.isNull(2) ? -1 : q.int64(2);
        c.source = q.text(3);
        c.filename = q.text(4);
        c.pixels = q.blobView(5);
        if (!visit(c))
            break;
    }
    return !q.hasError() || fail(q.errorString());
}

} // namespace tc::core
