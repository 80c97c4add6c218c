#include "core/dedup/FlaggedCandidates.h"

#include "core/dedup/DedupStore.h"

#include <limits>

namespace tc::core {

namespace {
constexpr double kNever = std::numeric_limits<double>::infinity();
} // namespace

bool FlaggedCandidates::load(DedupStore &store)
{
    m_ids.clear();
    m_maxSsim.clear();
    m_minL2.clear();
    m_slot.clear();
    m_removed = 0;
    bool ok = true;
    const QList<CandidateExtremes> open = store.openExtremes(&ok);
    if (!ok) {
        m_error = store.errorString();
        return false;
    }
    m_ids.reserve(size_t(open.size()));
    m_maxSsim.reserve(size_t(open.size()));
    m_minL2.reserve(size_t(open.size()));
    for (const CandidateExtremes &e : open)
        set(e.candidateId, e.maxSsim, e.minL2);
    return true;
}

bool FlaggedCandidates::update(DedupStore &store, qint64 candidateId)
{
    bool ok = true;
    const QList<CandidateExtremes> open = store.openExtremes(&ok, candidateId);
    if (!ok) {
        m_error = store.errorString();
        return false;
    }
    if (open.isEmpty())
        set(candidateId, -kNever, kNever);
    else
        set(candidateId, open.first().maxSsim, open.first().minL2);
    return true;
}

void FlaggedCandidates::set(qint64 candidateId, double maxSsim, double minL2)
{
    const bool open = maxSsim > -kNever || minL2 < kNever;
    const auto it = m_slot.constFind(candidateId);
    if (it == m_slot.cend()) {
        if (!open)
            return;
        m_slot.insert(candidateId, qsizetype(m_ids.size()));
        m_ids.push_back(candidateId);
        m_maxSsim.push_back(maxSsim);
        m_minL2.push_back(minL2);
        return;
    }
    const size_t slot = size_t(*it);
    const bool wasOpen = m_maxSsim[slot] > -kNever || m_minL2[slot] < kNever;
    m_removed += (wasOpen && !open) - (!wasOpen && open);
    m_maxSsim[slot] = maxSsim;
    m_minL2[slot] = minL2;
}

qint64 FlaggedCandidates::count(double ssimThreshold, double l2Threshold) const
{
    qint64 n = 0;
    for (size_t i = 0; i < m_ids.size(); ++i)
        n += m_maxSsim[i] >= ssimThreshold || m_minL2[i] <= l2Threshold;
    return n;
}

} // namespace tc::core
