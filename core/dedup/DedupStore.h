#pragma once

#include "core/common/ImageSet.h"
#include "core/common/Progress.h"
#include "core/dedup/Ssim.h"
#include "core/project/DedupTypes.h"

#include <QList>
#include <QString>
#include <cstdint>
#include <optional>
#include <vector>

namespace tc::core {

class Database;

// The dedup tables of a project (docs/ARCHITECTURE.md) as the review pane, the CLI and export use
// them: one entry point over the classes in core/project that hold the SQL (ReferenceSets,
// DedupSettingsStore, PairReviews, PairQuery) plus what needs RemovalRule (reviews refused for exact
// copies of exclude images, the flagged and excluded candidates). Works on a Database it does not
// own (Project::database()); not thread-safe, like the Database.
class DedupStore final {
public:
    explicit DedupStore(Database &db) : m_db(db) {}
    QString errorString() const { return m_error; }

    // ---- reference sets ----
    // Loads path with ImageSetLoader (a CIFAR batch or a whole cifar-10-batches-* folder, npy/npz,
    // an image folder) and stores it as set `name`. Returns the set id, 0 on error.
    qint64 addReferenceSet(const QString &name, ReferenceRole role, const QString &path, const Progress &progress = {});
    qint64 addReferenceSet(const QString &name, ReferenceRole role, const QString &sourcePath, const ImageSet &images);
    QList<ReferenceSetInfo> referenceSets();
    std::optional<ReferenceSetInfo> referenceSet(const QString &name);
    // All pixels of a set, idx order (count x 3072 bytes).
    bool referencePixels(qint64 setId, std::vector<std::uint8_t> *pixels);
    QByteArray referenceImage(qint64 setId, qint32 refIndex);

    // ---- settings ----
    DedupSettings settings();
    // Refuses settings that fail DedupSettings::validate(), writing nothing.
    bool setSettings(const DedupSettings &settings);
    DedupSearchState searchState();

    // ---- reviews (append-only; near_pairs.status is derived in the same transaction) ----
    // Refused for a candidate that is an exact copy of an exclude-set image (RemovalRule::reviewable).
    bool review(qint64 candidateId, qint64 setId, qint32 refIndex, PairStatus status, const QString &annotator);
    // Cancels annotator's latest review that is not undone; returns the pair, nullopt if none.
    std::optional<NearPair> undoReview(const QString &annotator);

    // ---- queries ----
    // In the filter's order (by default SSIM descending, then L2 ascending). With `after`, only the
    // pairs that come after it in that order (keyset paging: cost does not grow with the page).
    QList<NearPair> pairs(const PairFilter &filter = {}, const NearPair *after = nullptr);
    // One stored pair, whatever its status or values; nullopt when not stored.
    std::optional<NearPair> pair(qint64 candidateId, qint64 setId, qint32 refIndex);
    qint64 pairCount();
    qint64 pairCount(const PairFilter &filter);
    // True when a comes before b in the filter's order: the same order pairs() sorts by (SQLite's
    // binary collation for text), so a list can place one changed pair without a query.
    static bool pairBefore(const PairFilter &filter, const NearPair &a, const NearPair &b);
    // DuplicateTally::flagged (RemovalRule): candidates with an unreviewed pair over the thresholds
    // to review, or removed by an exclude set (exact copy, pair marked duplicate, unreviewed pair above).
    qint64 flaggedCandidateCount(double ssimThreshold, double l2Threshold);
    QList<CandidateExtremes> candidateExtremes(qint64 setId = 0);
    QList<ExactGroup> exactGroups();
    QList<ExactReferenceMatch> exactReferenceMatches();
    // Candidate ids the export must leave out whatever the thresholds (RemovalRule with unreviewed pairs
    // not counted): exact copies of an `exclude` set, pairs with an `exclude` set reviewed as duplicate,
    // and copies of a candidate that stays.
    QList<qint64> excludedCandidates();

private:
    bool fail(const QString &message);

    Database &m_db;
    QString m_error;
};

} // namespace tc::core
