#pragma once

#include "core/project/DedupTypes.h"

#include <QList>
#include <QString>
#include <optional>

namespace tc::core {

class Database;

// Reads the stored duplicate search (near_pairs with their candidates and reference sets,
// exact_matches): the review pane's pair list (filtered, sorted, keyset-paged), the CLI's `pairs`,
// the histograms and the exact groups. Read only; works on a Database it does not own.
class PairQuery final {
public:
    explicit PairQuery(Database &db) : m_db(db) {}
    QString errorString() const { return m_error; }

    // In the filter's order (by default SSIM descending, then L2 ascending). With `after`, only the
    // pairs that come after it in that order (keyset paging: cost does not grow with the page).
    QList<NearPair> pairs(const PairFilter &filter = {}, const NearPair *after = nullptr);
    // One stored pair, whatever its status or values; nullopt when not stored.
    std::optional<NearPair> pair(qint64 candidateId, qint64 setId, qint32 refIndex);
    qint64 count();
    qint64 count(const PairFilter &filter);
    // True when a comes before b in the filter's order: the same order pairs() sorts by (SQLite's
    // binary collation for text), so a list can place one changed pair without a query.
    static bool pairBefore(const PairFilter &filter, const NearPair &a, const NearPair &b);
    // Per candidate and set (setId 0: every set): the best SSIM and the smallest L2.
    QList<CandidateExtremes> candidateExtremes(qint64 setId = 0);
    QList<ExactGroup> exactGroups();
    QList<ExactReferenceMatch> exactReferenceMatches();

private:
    bool fail(const QString &message);

    Database &m_db;
    QString m_error;
};

} // namespace tc::core
