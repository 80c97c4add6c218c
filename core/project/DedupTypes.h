#pragma once

#include "core/common/PairTransform.h"
#include "core/common/SsimWindow.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

// The value types of the duplicate search's tables (docs/ARCHITECTURE.md: reference_sets, near_pairs,
// pair_reviews, exact_matches, dedup_progress and the dedup meta keys), shared by the classes in
// core/project that read and write them (ReferenceSets, PairQuery, PairReviews, DedupSettingsStore,
// DuplicateFacts, DedupRunStore) and by core/dedup, which asks them.
namespace tc::core {

enum class ReferenceRole { Exclude, Avoid }; // exclude: matches leave the dataset; avoid: used last
enum class PairStatus { Unreviewed = 0, Duplicate = 1, Distinct = 2 };

QString roleName(ReferenceRole role);
std::optional<ReferenceRole> roleFromName(const QString &name);
QString pairStatusName(PairStatus status);
std::optional<PairStatus> pairStatusFromName(const QString &name);
QString ssimWindowName(SsimWindow window); // "uniform" or "gaussian"
std::optional<SsimWindow> ssimWindowFromName(const QString &name);

struct ReferenceSetInfo {
    qint64 id = 0;
    QString name;
    ReferenceRole role = ReferenceRole::Exclude;
    QString sourcePath;
    qint64 count = 0;
    QStringList labelNames;
};

// Saved in the project's meta table, so the GUI, the CLI and a later run agree on how pairs are found.
struct DedupSettings {
    // CIFAR-10.1's L2 criterion, the default threshold, and the least L2 up to which the shift/flip
    // search proves it finds every pair (transformL2Guarantee()).
    static constexpr double kProtocolL2 = 1000;

    double ssimThreshold = 0.75;      // a pair with SSIM >= this is flagged for review
    double l2Threshold = kProtocolL2; // ... or with L2 <= this (CIFAR-10.1's criterion)
    int topK = 5;
    bool exhaustive = false; // exact SSIM against every reference, not a shortlist (NearDuplicateOptions)
    SsimWindow window = SsimWindow::Uniform7;
    // Shift- and flip-aware scores (core/dedup/TransformScorer.h) by default; None: the plain protocol.
    TransformSet transforms = TransformSet::ShiftFlip;

    // Up to which transform-aware L2 the shift/flip search scores every pair, proven, whatever its
    // descriptor ranks (NearDuplicateOptions::transformL2Guarantee): the L2 threshold, but never less
    // than kProtocolL2, so lowering the threshold and raising it back keeps the stored pairs current.
    // Pairs above it that only L2 would flag may be missing. 0 without transforms.
    double transformL2Guarantee() const;
    // What the stored pairs depend on (the thresholds only filter them, except that an L2 threshold
    // above kProtocolL2 raises the transform search's guarantee, which `l2_guarantee` records).
    // DedupRunner recomputes the pairs when this differs from the mode they were computed with.
    QString searchMode() const;
    // The transform-aware L2 up to which a search in `mode` (searchMode()) proved it found every
    // pair: kProtocolL2 unless the mode records more; 0 for a mode without transforms.
    static double transformL2GuaranteeOf(const QString &mode);
    // Whether `mode` is these settings' search mode but for its L2 guarantee (transformL2GuaranteeOf).
    bool differsOnlyInGuarantee(const QString &mode) const;
    // Whether pairs stored by a search in `mode` serve these settings: the same mode, or one that
    // differs only by a larger L2 guarantee (a threshold lowered after the search).
    bool isServedBy(const QString &mode) const;
    // Empty when usable, else what is wrong, naming the option as the CLI spells it. The one check
    // the CLI, the GUI's search options and DedupSettingsStore::setSettings share: SSIM threshold in
    // [-1, 1], L2 threshold >= 0 (both finite), top-k >= 1. A top-k above a reference set's size
    // is not an error: the search caps it at that size (NearDuplicateSearch).
    QString validate() const;
};

// Whether the stored duplicate search is current: every candidate compared with every reference
// set in the stored search mode (dedup_progress, meta dedup_search_mode) and nothing added since.
// The one test export runs (CLI and dialog) before it trusts the stored pairs.
struct DedupSearchState {
    bool current = true;
    QStringList problems;   // what is missing or stale, one sentence each, naming the set
    QString mode;           // dedup_search_mode the stored pairs were measured in; empty: never run
    QString completedAt;    // ISO 8601 UTC end of the last completed search; empty: unknown
    DedupSettings settings; // the project's thresholds and search options
    int referenceSets = 0;
    qint64 candidates = 0;
};

// One stored near pair with what the review pane shows about both sides.
struct NearPair {
    qint64 candidateId = 0;
    qint64 tinyIndex = -1; // -1 for folder imports
    QString filename;      // the candidate's file name (folder imports: the image file)
    QString keyword;
    QString className;
    qint64 setId = 0;
    QString setName;
    ReferenceRole role = ReferenceRole::Exclude;
    qint32 refIndex = 0;
    int refLabel = -1;
    QString refClassName;
    double ssim = 0;
    double l2 = 0;
    PairStatus status = PairStatus::Unreviewed;
    PairTransform transform; // how the candidate lines up with the reference (identity: as it is)
};

constexpr unsigned pairStatusBit(PairStatus status)
{
    return 1u << unsigned(status);
}
constexpr unsigned kAllPairStatuses =
    pairStatusBit(PairStatus::Unreviewed) | pairStatusBit(PairStatus::Duplicate) | pairStatusBit(PairStatus::Distinct);

// What a pair list can be sorted by; ties are broken by similarity (SSIM descending, L2 ascending)
// and then by (candidate, set, reference index), so every order is total and pages never overlap.
enum class PairSortKey { Candidate, Keyword, Class, ReferenceSet, ReferenceIndex, Ssim, L2, Status };

struct PairFilter {
    bool flaggedOnly = true; // only pairs over a threshold
    // flaggedOnly's thresholds; unset: the project's settings.
    std::optional<double> ssimThreshold;
    std::optional<double> l2Threshold;
    // Bits of pairStatusBit(); pairs marked distinct are hidden unless asked.
    unsigned statuses = pairStatusBit(PairStatus::Unreviewed) | pairStatusBit(PairStatus::Duplicate);
    qint64 setId = 0;       // 0: every set
    qint64 candidateId = 0; // 0: every candidate
    qint32 refIndex = -1;   // -1: every reference
    // Leave out the pairs of candidates that are exact copies of an exclude-set image: RemovalRule always
    // removes those, so they are not reviewed (the review queue).
    bool reviewableOnly = false;
    PairSortKey sortKey = PairSortKey::Ssim;
    bool descending = true; // with Ssim: most similar first (the default order has an index)
    int limit = -1;

    bool operator==(const PairFilter &) const = default;
};

// Per candidate and set: the best SSIM and smallest L2 found (histograms, export manifest).
struct CandidateExtremes {
    qint64 candidateId = 0;
    qint64 setId = 0;
    double maxSsim = 0;
    double minL2 = 0;
};

// Byte-identical candidates: the kept copy is the lowest id.
struct ExactGroup {
    qint64 keptId = 0;
    QList<qint64> duplicateIds;
};

struct ExactReferenceMatch {
    qint64 candidateId = 0;
    qint64 setId = 0;
    qint32 refIndex = 0;
};

} // namespace tc::core
