// VerifySession, grid mode: pages of one keyword of one class, what a page starts with, and its commit.
#include "core/project/Project.h"
#include "ui/CandidateImage.h"
#include "ui/VerifySession.h"

namespace tc::ui {

using core::Verdict;

bool VerifySession::keywordSkipped(qint64 keywordId)
{
    if (m_filter.keywordId != 0 || !skipMetQuotas())
        return false; // a keyword the annotator chose is always shown (its quota state says if it is met)
    // A quota of 0 (a class target smaller than its keyword count leaves some keywords none) is met from the start.
    return keywordAccepted(keywordId) >= keywordQuota(keywordId);
}

std::optional<qint64> VerifySession::pageStart(qint64 after)
{
    std::optional<qint64> start;
    if (after != 0) {
        const QList<qint64> next = m_project->candidateIds(m_filter, after, 1);
        if (!next.isEmpty())
            start = next.constFirst();
    } else {
        start = m_project->resumeCandidate(m_annotator, m_filter);
    }
    // Keywords whose quota is met are passed over whole: one query per keyword, never one per candidate.
    QList<core::KeywordInfo> keywords;
    while (start) {
        const Known *k = known(*start);
        if (!k || !keywordSkipped(k->record.keywordId))
            return start;
        if (keywords.isEmpty())
            keywords = m_project->keywords(m_filter.classId);
        start.reset();
        bool later = false;
        for (const auto &kw : keywords) {
            if (!later) {
                later = kw.id == k->record.keywordId;
                continue;
            }
            core::CandidateFilter one = m_filter;
            one.keywordId = kw.id;
            const QList<qint64> first = m_project->candidateIds(one, 0, 1);
            if (!first.isEmpty()) {
                start = first.constFirst();
                break;
            }
        }
    }
    return std::nullopt;
}

VerifySession::GridPage VerifySession::readPage(const QList<qint64> &ids)
{
    GridPage page;
    for (qint64 id : ids) {
        const Known *k = known(id);
        if (!k)
            continue;
        if (page.ids.isEmpty()) {
            page.classId = k->record.classId;
            page.keywordId = k->record.keywordId;
            page.className = k->record.className;
            page.keyword = k->record.keyword;
        }
        page.ids.append(id);
        page.recorded.append(k->record.verdict);
        // Undecided tiles start as the page default, accept; decided ones as they were decided.
        page.marks.append(k->record.verdict == Verdict::None ? Verdict::Accept : k->record.verdict);
    }
    return page;
}

VerifySession::GridPage VerifySession::page(int size)
{
    if (m_undonePage)
        return *m_undonePage;
    const auto start = pageStart(m_pageAfter);
    if (!start)
        return {};
    const Known *k = known(*start);
    if (!k)
        return {};
    // One keyword of one class per page: the page asks one question, and ends where its keyword ends.
    core::CandidateFilter one = m_filter;
    one.keywordId = k->record.keywordId;
    QList<qint64> ids{*start};
    if (size > 1)
        ids += m_project->candidateIds(one, *start, size - 1);
    return readPage(ids);
}

QList<QImage> VerifySession::images(const QList<qint64> &ids)
{
    QList<QImage> result;
    result.reserve(ids.size());
    for (qint64 id : ids)
        result.append(candidateImage(m_project->pixels(id)));
    return result;
}

bool VerifySession::commitPage(const GridPage &page, const QList<Verdict> &marks)
{
    QList<core::DecisionInput> decisions;
    for (qsizetype i = 0; i < page.ids.size() && i < marks.size(); ++i) {
        const Verdict mark = marks[i];
        if (mark == Verdict::None)
            continue;
        if (page.recorded.value(i) == Verdict::None || page.recorded.value(i) != mark)
            decisions.append({page.ids[i], mark});
    }
    m_lastCommitCount = 0;
    if (!decisions.isEmpty()) {
        m_ownChange = true;
        const bool ok = m_project->recordDecisions(decisions, m_annotator, QStringLiteral("grid"));
        m_ownChange = false;
        if (!ok) {
            m_error = m_project->errorString();
            return false;
        }
        m_lastCommitCount = int(decisions.size());
        m_committedPages.append(page.ids);
        forget(); // many verdicts at once: single mode counts afresh when it is shown again
    }
    // The next page starts after this one, also when it came back through undo (its ids keep their order).
    if (!page.ids.isEmpty())
        m_pageAfter = page.ids.constLast();
    m_undonePage.reset();
    if (!decisions.isEmpty())
        emit decisionsCommitted();
    return true;
}

} // namespace tc::ui
