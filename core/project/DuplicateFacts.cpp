#include "core/project/DuplicateFacts.h"

#include "core/project/Database.h"
#include "core/project/Statement.h"

#include <cmath>

namespace tc::core {

bool DuplicateFacts::fail(const QString &message)
{
    m_error = message;
    return false;
}

bool DuplicateFacts::forEachPair(qint64 candidateId, const std::function<void(const PairRow &)> &visit)
{
    const QString select = QStringLiteral("SELECT candidate_id, set_id, status, ssim, l2 FROM near_pairs");
    Statement q(m_db, candidateId >= 0 ? select + QStringLiteral(" WHERE candidate_id = ?") : select);
    if (candidateId >= 0)
        q.bind(1, candidateId);
    PairRow row;
    while (q.next()) {
        row.candidateId = q.int64(0);
        row.setId = q.int64(1);
        row.status = PairStatus(q.int64(2));
        row.ssim = q.isNull(3) ? std::nan("") : q.real(3);
        row.l2 = q.isNull(4) ? std::nan("") : q.real(4);
        visit(row);
    }
    return !q.hasError() || fail(q.errorString());
}

bool DuplicateFacts::exactMatches(std::vector<ExactRow> *rows, ExactKind kind)
{
    rows->clear();
    QString sql = QStringLiteral("SELECT candidate_id, COALESCE(set_id, 0), ref_index FROM exact_matches");
    if (kind == ExactKind::Internal)
        sql += QStringLiteral(" WHERE set_id IS NULL");
    else if (kind == ExactKind::Reference)
        sql += QStringLiteral(" WHERE set_id IS NOT NULL");
    Statement q(m_db, sql + QStringLiteral(" ORDER BY candidate_id"));
    while (q.next())
        rows->push_back(ExactRow{q.int64(0), q.int64(1), q.int64(2)});
    return !q.hasError() || fail(q.errorString());
}

bool DuplicateFacts::classMembership(ClassMembership *out)
{
    *out = ClassMembership{};
    Statement classes(m_db, QStringLiteral("SELECT id, name FROM classes ORDER BY label, id"));
    while (classes.next()) {
        out->classIds << classes.int64(0);
        out->classNames << classes.text(1);
    }
    // Served by a covering index: no pixel page is read.
    Statement q(m_db,
                QStringLiteral("SELECT c.id, k.class_id FROM candidates c JOIN keywords k ON k.id = c.keyword_id"));
    while (q.next())
        out->candidates.emplace_back(q.int64(0), q.int64(1));
    if (classes.hasError() || q.hasError())
        return fail(classes.hasError() ? classes.errorString() : q.errorString());
    return true;
}

DuplicateFacts::CandidateLabel DuplicateFacts::candidate(qint64 candidateId)
{
    Statement c(m_db,
                QStringLiteral("SELECT c.tiny_index, c.filename, k.keyword, cl.name FROM candidates c JOIN keywords "
                               "k ON k.id = c.keyword_id JOIN classes cl ON cl.id = k.class_id WHERE c.id = ?"));
    c.bind(1, candidateId);
    CandidateLabel label;
    if (c.next()) {
        label.found = true;
        label.tinyIndex = c.isNull(0) ? -1 : c.int64(0);
        label.filename = c.text(1);
        label.keyword = c.text(2);
        label.className = c.text(3);
    }
    return label;
}

} // namespace tc::core
