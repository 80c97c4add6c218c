#pragma once

#include <QtGlobal>
#include <vector>

namespace tc::core {

// What the duplicate search knows about one candidate, over every reference set of role exclude.
struct ExcludeFacts final {
    bool exactCopy = false;       // byte-identical to an image of an exclude set
    bool markedDuplicate = false; // a near pair with an exclude set reviewed duplicate
    bool unreviewedAbove = false; // a near pair with an exclude set not reviewed, above the thresholds
};

// Why a candidate leaves an export (None: it stays).
enum class Removal { None, ExcludeExact, MarkedDuplicate, UnreviewedAbove, InternalCopy };

// Counts of removed candidates by reason.
struct RemovalCounts final {
    qint64 internalExact = 0;   // byte-identical to another candidate that is kept
    qint64 excludeExact = 0;    // byte-identical to an exclude-set image
    qint64 markedDuplicate = 0; // a near pair to an exclude set marked duplicate
    qint64 unreviewedAbove = 0; // unreviewed pair above the thresholds (while the setting says so)
    qint64 total() const { return internalExact + excludeExact + markedDuplicate + unreviewedAbove; }
    void add(Removal removal);
    bool operator==(const RemovalCounts &) const = default;
};

// The one rule for what the duplicate search removes from an export. SelectionPolicy applies it to the
// accepted candidates; the review pane (DuplicateOutcomes) counts with it, so "flagged", "kept" and
// "removed" mean there what an export does:
//  - a copy of an exclude-set image is always removed: its pairs are not reviewable, and marking one
//    distinct cannot keep it (reviewable() says so; DedupStore refuses such reviews);
//  - a pair with an exclude set marked duplicate removes its candidate;
//  - a pair marked distinct never removes its candidate by itself (another pair still may);
//  - an unreviewed pair above the thresholds removes it while unreviewedAboveIsDuplicate (the export
//    setting, on by default);
//  - of byte-identical candidates that the rules above leave, the first in candidate id order stays and
//    the others are removed.
// Avoid sets never remove anything (export uses their matches last). Precedence when several apply:
// exact copy, marked duplicate, unreviewed above, identical copy.
class RemovalRule final {
public:
    // groupCount: identical-image groups are numbered 0..groupCount-1 (next()).
    explicit RemovalRule(bool unreviewedAboveIsDuplicate = true, qsizetype groupCount = 0);

    // The reason the exclude sets remove a candidate, before identical copies are considered.
    Removal removalOf(const ExcludeFacts &facts) const;
    // Whether a curator can review the candidate's pairs at all (an exact copy of an exclude image cannot).
    static bool reviewable(const ExcludeFacts &facts) { return !facts.exactCopy; }

    // One candidate of a pass in ascending candidate id order: its final outcome, also added to counts().
    // group: the identical-image group it belongs to (-1: no other candidate has its bytes).
    Removal next(const ExcludeFacts &facts, qsizetype group = -1);
    const RemovalCounts &counts() const { return m_counts; }

private:
    bool m_unreviewedAboveIsDuplicate;
    std::vector<bool> m_groupKept;
    RemovalCounts m_counts;
};

} // namespace tc::core
