#include "ui/VerifySession.h"

#include "core/project/Project.h"
#include "ui/CandidateImage.h"

#include <algorithm>

namespace tc::ui {

using core::Verdict;

VerifySession::VerifySession(core::Project *project, const QString &annotator, QObject *parent)
    : QObject(parent), m_project(project), m_annotator(annotator)
{
    // Quotas only change with imports and targets; caching them keeps the per-key work to a few indexed reads.
    connect(m_project, &core::Project::contentsChanged, this, [this] { m_quotas.clear(); });
    setFilter({});
}

QString VerifySession::verdictText(Verdict verdict)
{
    switch (verdict) {
    case Verdict::Accept:
        return tr("accept");
    case Verdict::Reject:
        return tr("reject");
    case Verdict::Unsure:
        return tr("unsure");
    case Verdict::None:
        break;
    }
    return {};
}

void VerifySession::setFilter(core::CandidateFilter filter)
{
    filter.annotator = m_annotator;
    m_filter = filter;
    m_pageAfter = 0;
    m_undonePage.clear();
    resetTrail(m_project->resumeCandidate(m_annotator, m_filter));
    emit currentChanged();
}

void VerifySession::resetTrail(std::optional<qint64> start)
{
    m_trail.clear();
    m_trailPos = -1;
    if (start) {
        m_trail.append(*start);
        m_trailPos = 0;
    }
}

std::optional<qint64> VerifySession::current() const
{
    if (m_trailPos < 0 || m_trailPos >= m_trail.size())
        return std::nullopt;
    return m_trail.at(m_trailPos);
}

std::optional<qint64> VerifySession::nextAfter(qint64 candidateId)
{
    const QList<qint64> ids = m_project->candidateIds(m_filter, candidateId, 1);
    if (ids.isEmpty())
        return std::nullopt;
    return ids.constFirst();
}

qint64 VerifySession::keywordQuota(qint64 keywordId)
{
    if (m_quotas.isEmpty())
        m_quotas = m_project->keywordQuotas();
    return m_quotas.value(keywordId);
}

qint64 VerifySession::keywordAccepted(qint64 keywordId)
{
    // Final verdicts: the quota is about the dataset, not about one annotator's share of it.
    return m_project->candidateCount({0, keywordId, core::VerdictFilter::Accepted, {}});
}

CandidateCard VerifySession::card(qint64 candidateId)
{
    CandidateCard card;
    const auto record = m_project->candidate(candidateId, m_annotator);
    if (!record)
        return card;
    card.candidateId = candidateId;
    card.image = candidateImage(m_project->pixels(candidateId));
    card.className = record->className;
    card.keyword = record->keyword;
    card.source = record->tinyIndex >= 0 ? tr("Tiny Images #%1 (%2, position %3 of its keyword)")
                                               .arg(record->tinyIndex)
                                               .arg(record->filename)
                                               .arg(record->keywordPos + 1)
                                         : record->source;
    card.verdict = verdictText(record->verdict);
    // Position and queue size are counts over the whole filter: VerifyPage fills them in after the annotator
    // pauses (positionOf()), so they never sit between a key press and the next image.
    card.keywordQuota = int(keywordQuota(record->keywordId));
    card.keywordAccepted = int(keywordAccepted(record->keywordId));
    return card;
}

std::pair<qint64, qint64> VerifySession::positionOf(qint64 candidateId)
{
    return {m_project->rowOf(m_filter, candidateId) + 1, m_project->candidateCount(m_filter)};
}

bool VerifySession::decide(Verdict verdict)
{
    const auto id = current();
    if (!id)
        return false;
    if (!m_project->recordDecision(*id, verdict, m_annotator, QStringLiteral("single"))) {
        m_error = m_project->errorString();
        return false;
    }
    emit decisionsCommitted();
    // After a step back, go forward along the trail; at its end, ask core for the next in filter order.
    if (m_trailPos + 1 < m_trail.size()) {
        ++m_trailPos;
    } else if (const auto next = nextAfter(*id)) {
        m_trail.append(*next);
        ++m_trailPos;
    } else {
        m_trailPos = m_trail.size(); // past the end: the filter is done
    }
    emit currentChanged();
    return true;
}

bool VerifySession::back()
{
    if (m_trailPos <= 0)
        return false;
    --m_trailPos;
    emit currentChanged();
    return true;
}

bool VerifySession::undo()
{
    const QList<qint64> undone = m_project->undo(m_annotator);
    if (undone.isEmpty()) {
        m_error = m_project->errorString();
        return false;
    }
    emit decisionsCommitted();
    // Single mode: the undone candidate is shown again (before the one that was current) to be decided anew.
    const qsizetype pos = std::clamp<qsizetype>(m_trailPos, 0, m_trail.size());
    m_trail.insert(pos, undone.constFirst());
    m_trailPos = pos;
    // Grid mode: the page that was undone comes back as the next page.
    m_undonePage = undone;
    emit currentChanged();
    return true;
}

QList<qint64> VerifySession::page(int size)
{
    if (!m_undonePage.isEmpty())
        return m_undonePage;
    if (m_pageAfter != 0)
        return m_project->candidateIds(m_filter, m_pageAfter, size);
    const auto start = m_project->resumeCandidate(m_annotator, m_filter);
    if (!start)
        return {};
    QList<qint64> ids{*start};
    ids += m_project->candidateIds(m_filter, *start, size - 1);
    return ids;
}

QList<QImage> VerifySession::images(const QList<qint64> &ids)
{
    QList<QImage> result;
    result.reserve(ids.size());
    for (qint64 id : ids)
        result.append(candidateImage(m_project->pixels(id)));
    return result;
}

bool VerifySession::commitPage(const QList<qint64> &ids, const QList<bool> &rejected)
{
    QList<core::DecisionInput> decisions;
    decisions.reserve(ids.size());
    for (qsizetype i = 0; i < ids.size(); ++i)
        decisions.append({ids[i], rejected.value(i) ? Verdict::Reject : Verdict::Accept});
    if (!m_project->recordDecisions(decisions, m_annotator, QStringLiteral("grid"))) {
        m_error = m_project->errorString();
        return false;
    }
    if (!ids.isEmpty())
        m_pageAfter = ids.constLast();
    m_undonePage.clear();
    emit decisionsCommitted();
    return true;
}

} // namespace tc::ui
