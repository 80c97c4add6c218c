#include "ui/VerifySession.h"

#include "core/project/Project.h"
#include "ui/CandidateImage.h"

#include <QDateTime>
#include <QDebug>
#include <algorithm>
#include <tuple>

namespace tc::ui {

using core::Verdict;

namespace {

// Ids read per keyset query: one query per this many key presses instead of one per key.
constexpr int kAheadPage = 64;
// Candidates whose record and pixels prefetch() reads ahead of the annotator.
constexpr int kCardsAhead = 3;

// Filter order (core::Project: keyword_id, keyword_pos, id).
std::tuple<qint64, qint64, qint64> orderKey(const core::CandidateRecord &r)
{
    return {r.keywordId, r.keywordPos, r.id};
}

} // namespace

VerifySession::VerifySession(core::Project *project, const QString &annotator, QObject *parent)
    : QObject(parent), m_project(project), m_annotator(annotator)
{
    // Quotas and candidates change only with imports and targets.
    connect(m_project, &core::Project::contentsChanged, this, [this] {
        m_quotas.clear();
        m_classTargets.clear();
        forget();
    });
    // Decisions made elsewhere (another view, an import of decisions) invalidate the bookkeeping; ours keep it.
    connect(m_project, &core::Project::decisionsChanged, this, [this] {
        if (!m_ownChange)
            forget();
    });
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
    m_undonePage.reset();
    forget(); // membership and rows depend on the filter
    resetTrail(m_project->resumeCandidate(m_annotator, m_filter));
    if (current())
        refreshPosition();
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

void VerifySession::forget()
{
    m_known.clear();
    m_images.clear();
    m_before.clear();
    m_size = -1;
    m_accepted.clear();
    m_classAccepted.clear();
    m_ahead.clear();
    m_aheadAfter = 0;
}

std::optional<qint64> VerifySession::current() const
{
    if (m_trailPos < 0 || m_trailPos >= m_trail.size())
        return std::nullopt;
    return m_trail.at(m_trailPos);
}

const VerifySession::Known *VerifySession::known(qint64 candidateId)
{
    if (const auto it = m_known.constFind(candidateId); it != m_known.constEnd())
        return &*it;
    const auto record = m_project->candidate(candidateId, m_annotator);
    if (!record)
        return nullptr;
    return &*m_known.insert(
        candidateId, {*record, m_project->finalVerdict(candidateId), m_project->inFilter(m_filter, candidateId)});
}

bool VerifySession::inFilter(const Known &k) const
{
    return k.inFilter;
}

void VerifySession::shiftAfter(qint64 candidateId, int delta)
{
    if (delta == 0)
        return;
    if (m_size >= 0)
        m_size += delta;
    const auto self = m_known.constFind(candidateId);
    for (auto it = m_before.begin(); it != m_before.end();) {
        const auto other = m_known.constFind(it.key());
        // A row we cannot place relative to the change is dropped, never guessed.
        if (self == m_known.constEnd() || other == m_known.constEnd()) {
            it = m_before.erase(it);
            continue;
        }
        if (orderKey(self->record) < orderKey(other->record))
            it.value() += delta;
        ++it;
    }
}

int VerifySession::applyVerdictChange(qint64 candidateId, const Known &before)
{
    const Known after = m_known.value(candidateId);
    const int delta = int(inFilter(after)) - int(inFilter(before));
    shiftAfter(candidateId, delta);
    const qint64 keywordId = after.record.keywordId;
    const int accepted = int(after.finalVerdict == Verdict::Accept) - int(before.finalVerdict == Verdict::Accept);
    if (const auto it = m_accepted.find(keywordId); it != m_accepted.end())
        *it += accepted;
    if (const auto it = m_classAccepted.find(after.record.classId); it != m_classAccepted.end())
        *it += accepted;
    return delta;
}

VerifySession::Position VerifySession::position() const
{
    const auto id = current();
    if (!id || m_size < 0)
        return {};
    const auto k = m_known.constFind(*id);
    if (k == m_known.constEnd())
        return {};
    if (!inFilter(*k))
        return {0, m_size, true};
    const qint64 before = m_before.value(*id, -1);
    if (before < 0)
        return {};
    return {before + 1, m_size, true};
}

VerifySession::Position VerifySession::refreshPosition()
{
    const auto id = current();
    if (!id)
        return {};
    const qint64 size = m_project->candidateCount(m_filter);
    const qint64 row = m_project->rowOf(m_filter, *id);
    qint64 before = row;
    if (row < 0) {
        // Outside the filter: the rows before it are those before the next member (or all of them).
        const QList<qint64> next = m_project->candidateIds(m_filter, *id, 1);
        before = next.isEmpty() ? size : m_project->rowOf(m_filter, next.constFirst());
    }
    const Position kept = position();
    const Position counted{row >= 0 ? row + 1 : 0, size, true};
    if (kept.known && (kept.row != counted.row || kept.size != counted.size)) {
        ++m_corrections;
        qWarning("VerifySession: position bookkeeping said %lld of %lld, counting says %lld of %lld", kept.row,
                 kept.size, counted.row, counted.size);
        forget();
    }
    m_size = size;
    const Known *k = known(*id);
    if (k && inFilter(*k) != (row >= 0)) {
        m_known.remove(*id); // its cached verdict disagrees with SQL: read it afresh
        k = known(*id);
    }
    if (k)
        m_before.insert(*id, before);
    return position();
}

std::pair<qint64, qint64> VerifySession::positionOf(qint64 candidateId)
{
    return {m_project->rowOf(m_filter, candidateId) + 1, m_project->candidateCount(m_filter)};
}

std::optional<qint64> VerifySession::takeNext()
{
    if (m_trail.isEmpty())
        return std::nullopt;
    // m_ahead continues the filter after m_aheadAfter; it is only valid as the continuation of the trail's end.
    const qint64 last = m_trail.constLast();
    if (m_aheadAfter != last) {
        m_ahead.clear();
        m_aheadAfter = last;
    }
    if (m_ahead.isEmpty())
        m_ahead = m_project->candidateIds(m_filter, last, kAheadPage);
    if (m_ahead.isEmpty())
        return std::nullopt;
    m_aheadAfter = m_ahead.takeFirst();
    return m_aheadAfter;
}

void VerifySession::prefetch()
{
    if (m_trail.isEmpty())
        return;
    const qint64 last = m_trail.constLast();
    if (m_aheadAfter != last) {
        m_ahead.clear();
        m_aheadAfter = last;
    }
    if (m_ahead.size() < kCardsAhead)
        m_ahead += m_project->candidateIds(m_filter, m_ahead.isEmpty() ? last : m_ahead.constLast(), kAheadPage);
    // What the next key can show: the next of the trail (after "back"), else the next ids of the filter.
    QList<qint64> next;
    if (m_trailPos + 1 < m_trail.size())
        next << m_trail.at(m_trailPos + 1);
    next += m_ahead.mid(0, kCardsAhead);
    if (m_images.size() > 4 * kCardsAhead)
        m_images.clear(); // read ahead for a path not taken
    for (qint64 id : next) {
        if (!known(id))
            continue;
        if (!m_images.contains(id))
            m_images.insert(id, candidateImage(m_project->pixels(id)));
        keywordAccepted(m_known.value(id).record.keywordId);
    }
}

qint64 VerifySession::keywordQuota(qint64 keywordId)
{
    if (m_quotas.isEmpty())
        m_quotas = m_project->keywordQuotas();
    return m_quotas.value(keywordId);
}

qint64 VerifySession::keywordAccepted(qint64 keywordId)
{
    if (const auto it = m_accepted.constFind(keywordId); it != m_accepted.constEnd())
        return *it;
    // Final verdicts (core's accept rule): the quota is about the dataset, not about one annotator's share of
    // it. Counted once per keyword, then kept up to date by applyVerdictChange().
    const qint64 count = m_project->candidateCount({0, keywordId, core::VerdictFilter::Accepted, {}});
    m_accepted.insert(keywordId, count);
    return count;
}

qint64 VerifySession::classTarget(qint64 classId)
{
    if (m_classTargets.isEmpty())
        for (const auto &c : m_project->classes())
            m_classTargets.insert(c.id, c.target);
    return m_classTargets.value(classId);
}

qint64 VerifySession::classAccepted(qint64 classId)
{
    if (const auto it = m_classAccepted.constFind(classId); it != m_classAccepted.constEnd())
        return *it;
    const qint64 count = m_project->candidateCount({classId, 0, core::VerdictFilter::Accepted, {}});
    m_classAccepted.insert(classId, count);
    return count;
}

bool VerifySession::skipMetQuotas()
{
    // A project setting, not a user preference: it decides which candidates of this dataset get verified, so
    // every annotator working on the project (or a copy of it) follows the curator's choice.
    return m_project->setting(QStringLiteral("skip_met_quotas"), QStringLiteral("1")) != QLatin1String("0");
}

bool VerifySession::setSkipMetQuotas(bool on)
{
    if (!m_project->setSetting(QStringLiteral("skip_met_quotas"), on ? QStringLiteral("1") : QStringLiteral("0"))) {
        m_error = m_project->errorString();
        return false;
    }
    m_undonePage.reset();
    emit currentChanged();
    return true;
}

CandidateCard VerifySession::card(qint64 candidateId)
{
    CandidateCard card;
    const Known *k = known(candidateId);
    if (!k)
        return card;
    const core::CandidateRecord record = k->record;
    card.candidateId = candidateId;
    const auto image = m_images.constFind(candidateId);
    card.image = image != m_images.constEnd() ? *image : candidateImage(m_project->pixels(candidateId));
    m_images.remove(candidateId);
    card.className = record.className;
    card.keyword = record.keyword;
    card.source = record.tinyIndex >= 0 ? tr("Tiny Images #%1 (%2, position %3 of its keyword)")
                                              .arg(record.tinyIndex)
                                              .arg(record.filename)
                                              .arg(record.keywordPos + 1)
                                        : record.source;
    card.verdict = record.verdict;
    if (record.verdict != Verdict::None) {
        // Who decided and when: the annotator stepping back (or filtering decided candidates) must see that this
        // one is decided before any key changes it.
        if (const auto decision = m_project->currentDecision(candidateId, m_annotator)) {
            card.decidedBy = decision->annotator;
            card.decidedAt = QDateTime::fromMSecsSinceEpoch(decision->createdAtMs);
            card.decidedIn = decision->viewMode;
        }
    }
    card.finalVerdict = k->finalVerdict;
    card.keywordQuota = keywordQuota(record.keywordId);
    card.keywordAccepted = keywordAccepted(record.keywordId);
    card.classTarget = classTarget(record.classId);
    card.classAccepted = classAccepted(record.classId);
    if (current() == candidateId) {
        const Position p = position();
        card.position = p.known ? p.row : -1;
        card.queueSize = p.size;
    }
    return card;
}

bool VerifySession::decide(Verdict verdict)
{
    const auto id = current();
    if (!id)
        return false;
    const Known *k = known(*id);
    const std::optional<Known> before = k ? std::optional<Known>(*k) : std::nullopt;
    m_ownChange = true;
    const bool ok = m_project->recordDecision(*id, verdict, m_annotator, QStringLiteral("single"));
    m_ownChange = false;
    if (!ok) {
        m_error = m_project->errorString();
        return false;
    }
    if (before) {
        Known &now = m_known[*id];
        now.record.verdict = verdict;
        now.finalVerdict = m_project->finalVerdict(*id);   // under the project's accept rule: core decides
        now.inFilter = m_project->inFilter(m_filter, *id); // and core's filter definition
        // A candidate decided off the trail's end (after "back", or brought back by undo) can lie anywhere in
        // filter order, also among the ids read ahead: they are read again when it left or joined the filter.
        if (applyVerdictChange(*id, *before) != 0 && *id != m_trail.constLast()) {
            m_ahead.clear();
            m_aheadAfter = 0;
        }
    } else {
        forget();
    }
    emit decisionsCommitted();
    advance(true);
    emit currentChanged();
    return true;
}

bool VerifySession::advance(bool pastEnd)
{
    const auto id = current();
    if (!id)
        return false;
    // After a step back, go forward along the trail; at its end, take the next in filter order.
    if (m_trailPos + 1 < m_trail.size()) {
        ++m_trailPos;
    } else if (const auto next = takeNext()) {
        // The next member after this one: its row follows this one's (plus one if this one is a member).
        const qint64 rowsBefore = m_before.value(*id, -1);
        const bool member = m_known.contains(*id) && inFilter(m_known.value(*id));
        m_trail.append(*next);
        ++m_trailPos;
        if (rowsBefore >= 0 && known(*next))
            m_before.insert(*next, rowsBefore + (member ? 1 : 0));
    } else if (pastEnd) {
        m_trailPos = m_trail.size(); // past the end: the filter is done
    } else {
        return false;
    }
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

bool VerifySession::forward()
{
    // Moving on from the last candidate of the filter would leave nothing on screen: navigation stays put.
    if (!advance(false))
        return false;
    emit currentChanged();
    return true;
}

bool VerifySession::undo()
{
    // Remember the verdicts of the candidates about to be undone, so the bookkeeping can follow the change, and
    // the verdicts the batch recorded, so a grid page comes back with exactly the marks it was committed with.
    const QList<core::DecisionRecord> batch = m_project->lastBatch(m_annotator);
    if (batch.size() == 1)
        known(batch.constFirst().candidateId);
    m_ownChange = true;
    const QList<qint64> undone = m_project->undo(m_annotator);
    m_ownChange = false;
    if (undone.isEmpty()) {
        m_error = m_project->errorString();
        return false;
    }
    if (undone.size() == 1 && m_known.contains(undone.constFirst())) {
        const qint64 id = undone.constFirst();
        const Known before = m_known.value(id);
        Known &now = m_known[id];
        now.record.verdict = m_project->verdict(id, m_annotator);
        now.finalVerdict = m_project->finalVerdict(id);
        now.inFilter = m_project->inFilter(m_filter, id);
        applyVerdictChange(id, before);
    } else {
        forget(); // a grid page: single mode counts afresh when it is shown again
    }
    // The undone candidate may lie anywhere in filter order: read ahead afresh.
    m_ahead.clear();
    m_aheadAfter = 0;
    emit decisionsCommitted();
    // Single mode: the undone candidate is shown again (before the one that was current) to be decided anew.
    const qsizetype pos = std::clamp<qsizetype>(m_trailPos, 0, m_trail.size());
    m_trail.insert(pos, undone.constFirst());
    m_trailPos = pos;
    // Grid mode: the page that was undone comes back as the next page, whole (also the tiles it left alone),
    // each tile marked as it was committed.
    QList<qint64> ids = undone;
    if (!m_committedPages.isEmpty()) {
        const QList<qint64> last = m_committedPages.constLast();
        if (std::all_of(undone.begin(), undone.end(), [&](qint64 id) { return last.contains(id); })) {
            ids = last;
            m_committedPages.removeLast();
        }
    }
    QHash<qint64, Verdict> committed;
    for (const auto &d : batch)
        committed.insert(d.candidateId, d.verdict);
    GridPage page = readPage(ids);
    for (qsizetype i = 0; i < page.ids.size(); ++i)
        page.marks[i] = committed.value(page.ids[i], page.marks[i]);
    m_undonePage = page;
    emit currentChanged();
    return true;
}

} // namespace tc::ui
