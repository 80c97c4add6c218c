#pragma once

#include "core/dedup/RemovalRule.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>
#include <vector>

namespace tc::core {

class Database;

// What the duplicate search does to the candidates at one pair of thresholds, by RemovalRule.
struct DuplicateTally final {
    RemovalCounts removed; // what an export of every candidate would remove, by reason
    qint64 toReview = 0;   // candidates with an unreviewed pair above the thresholds that can be reviewed
    qint64 flagged = 0;    // to review, or removed by an exclude set (exact copy, marked, unreviewed above)
    qint64 candidates = 0; // all candidates (of the class, for tallyByClass)
    qint64 kept() const { return candidates - removed.total(); }
    bool operator==(const DuplicateTally &) const = default;
};

// RemovalRule applied to a whole project, from memory: per candidate the facts of its pairs and exact
// matches (read once with a few grouped queries), so the review pane's threshold slider can show on every
// step what an export would remove and what is left to review, without scanning every stored pair.
// Counted over every candidate, as if all were accepted (the export applies the same rule to the accepted
// ones, so with every candidate accepted its removal counts are tally()'s).
//
//   DuplicateOutcomes outcomes;
//   outcomes.load(project.database());
//   const DuplicateTally t = outcomes.tally(0.75, 1000); // t.removed.total() of t.candidates
//   store.review(...);                                   // after a review or an undo of one pair:
//   outcomes.update(project.database(), candidateId);
class DuplicateOutcomes final {
public:
    // Reads the facts of every candidate with a pair or an exact match. False + errorString() on error.
    bool load(Database &db);
    // Re-reads one candidate's pairs (after one of them was reviewed or a review undone).
    bool update(Database &db, qint64 candidateId);
    QString errorString() const { return m_error; }

    DuplicateTally tally(double ssimThreshold, double l2Threshold, bool unreviewedAboveIsDuplicate = true) const;
    // One tally per class, in class label order (classNames()).
    QList<DuplicateTally> tallyByClass(double ssimThreshold, double l2Threshold,
                                       bool unreviewedAboveIsDuplicate = true) const;
    QStringList classNames() const { return m_classNames; }
    qint64 candidateCount() const { return m_candidates; }

    // The outcome of one candidate (None: the export keeps it).
    Removal outcome(qint64 candidateId, double ssimThreshold, double l2Threshold,
                    bool unreviewedAboveIsDuplicate = true) const;
    // Whether the candidate's pairs can be reviewed (false for an exact copy of an exclude image).
    bool reviewable(qint64 candidateId) const;
    // Per candidate with a pair, over all its pairs whatever their status (the review pane's histograms).
    std::vector<double> maxSsimPerCandidate() const;
    std::vector<double> minL2PerCandidate() const;
    // Ids the rule removes, ascending.
    QList<qint64> removedIds(double ssimThreshold, double l2Threshold, bool unreviewedAboveIsDuplicate = true) const;

private:
    struct Entry {
        // Kept small (72 bytes): a slider step reads every candidate's entry.
        qint64 id = 0;
        qint32 group = -1;      // identical-image group (index into m_groups), -1: none
        qint32 classIndex = -1; // into m_classNames, -1: none
        bool exactExclude = false;
        bool markedExclude = false;
        // Over unreviewed pairs: with exclude sets (removal) and with any set (the review queue);
        // -inf / +inf when there is none, so no threshold is passed.
        double excludeMaxSsim, excludeMinL2, anyMaxSsim, anyMinL2;
        double maxSsim, minL2; // over every pair, reviewed or not (histograms)
        Entry();
        void clearPairs();
    };
    bool fail(const QString &message);
    bool readPairs(Database &db, qint64 candidateId);
    bool readExactMatches(Database &db);
    bool readClasses(Database &db);
    qsizetype slotOf(qint64 candidateId) const;
    ExcludeFacts factsOf(const Entry &e, double ssim, double l2) const;
    static bool toReview(const Entry &e, double ssim, double l2);
    template <typename Visit> void pass(double ssim, double l2, bool unreviewedAboveIsDuplicate, Visit visit) const;

    std::vector<Entry> m_entries;              // ascending id, so that a tally is one linear pass in the rule's order
    QHash<qint64, bool> m_excludeSets;         // set id -> role is exclude
    std::vector<std::vector<qint64>> m_groups; // candidate ids of each identical group, ascending
    QStringList m_classNames;
    std::vector<qint64> m_classCandidates; // per class index
    qint64 m_candidates = 0;
    QString m_error;
};

} // namespace tc::core
