#pragma once

#include "core/dedup/RemovalRule.h"
#include "core/export/ExportInput.h"
#include "core/export/ExportSettings.h"

#include <QString>
#include <vector>

namespace tc::core {

struct KeywordReport final {
    QString keyword;
    double catalogShare = 0.0; // catalog_count / class total over present keywords
    qint64 quota = 0;          // Quotas::apportion's share of the class target (what Statistics shows)
    qint64 available = 0;
    qint64 selected = 0;
    double deviation = 0.0; // selected share - catalog share, in percentage points
};

struct ClassReport final {
    QString name;
    int label = 0;
    qint64 available = 0;        // accepted and not removed
    qint64 availableInAvoid = 0; // of those, found in an avoid set (used last)
    qint64 selected = 0;
    qint64 selectedInAvoid = 0;
    qint64 train = 0;
    qint64 test = 0;
    qint64 shortfall = 0; // target - selected when the class cannot be filled
    std::vector<KeywordReport> keywords;
    double maxDeviation = 0.0; // largest |deviation| over the keywords, percentage points
    QString worstKeyword;
};

// The outcome of the policy: per class what is available and chosen, the removals, and the
// final train/test order (indices into ExportInput::accepted).
struct Selection final {
    std::vector<ClassReport> classes;
    RemovalCounts removed; // why accepted candidates did not reach the selection
    std::vector<qsizetype> train;
    std::vector<qsizetype> test;
    qint64 accepted = 0;
    qint64 shortfall() const;
};

// The export's selection policy, a pure function of the project snapshot and the settings:
//  1. remove what the duplicate search removes, by core/dedup's RemovalRule (the one rule the review
//     pane counts with): exact copies of exclude-set images, candidates in a near pair to an exclude
//     set marked duplicate and, while the setting is on, those with an unreviewed pair above the
//     thresholds; then of byte-identical accepted candidates the first remaining by id stays;
//  2. per class pick settings.perClass by the CIFAR-10.2 "minimum overlap" policy: candidates not
//     found in an avoid set first (exact copy or a pair marked duplicate), avoid-set ones only to
//     fill; inside each tier keywords take turns so that each keyword's count follows its quota
//     (Quotas::apportion, the split the annotators see), and when a keyword runs out its share goes
//     to the keywords furthest below their quota;
//  3. split each class into test (round(selected * testFraction)) and train with a seeded
//     Fisher-Yates shuffle, then shuffle each split across classes so batches mix classes.
// Every random step uses its own seeded stream, so the result depends only on input + settings.
class SelectionPolicy final {
public:
    static Selection select(const ExportInput &input, const ExportSettings &settings);
};

// Whether candidate c counts as found in an avoid set.
bool inAvoidSet(const ExportInput &input, const ExportCandidate &c);

} // namespace tc::core
