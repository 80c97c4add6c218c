#pragma once

#include <QHash>
#include <QString>
#include <vector>

namespace tc::core {

class DedupStore;

// The number of flagged candidates for any pair of thresholds, answered from memory: per candidate
// the highest SSIM and the lowest L2 among its pairs not reviewed distinct. A candidate is flagged
// when either passes its threshold, exactly as DedupStore::flaggedCandidateCount counts in SQL.
//
// Why: the review pane's threshold slider asks on every step, and the SQL count scans every stored
// pair (about a second at 5 million pairs, on the GUI thread); this is one pass over candidates.
class FlaggedCandidates final {
public:
    // Reads every candidate's open extremes (one grouped query).
    bool load(DedupStore &store);
    // Re-reads one candidate after one of its pairs was reviewed or a review undone.
    bool update(DedupStore &store, qint64 candidateId);

    qint64 count(double ssimThreshold, double l2Threshold) const;
    qsizetype candidatesWithOpenPairs() const { return qsizetype(m_ids.size()) - m_removed; }
    QString errorString() const { return m_error; }

private:
    void set(qint64 candidateId, double maxSsim, double minL2);

    // Parallel arrays so that count() is a linear scan; a candidate left without open pairs keeps
    // its slot with values that never pass a threshold.
    std::vector<qint64> m_ids;
    std::vector<double> m_maxSsim;
    std::vector<double> m_minL2;
    QHash<qint64, qsizetype> m_slot;
    qsizetype m_removed = 0;
    QString m_error;
};

} // namespace tc::core
