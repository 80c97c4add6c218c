#pragma once

#include <QString>
#include <QStringList>
#include <optional>

namespace tc::core {

// Everything an export depends on. Same project + same settings (including seed) = byte-identical
// output folder.
struct ExportSettings final {
    static constexpr int kMaxPerClass = 6000;
    static constexpr int kProjectTarget = 0; // perClass: the project's target per class (Exporter resolves it)
    static inline const QStringList kAllFormats{QStringLiteral("cifar-python"), QStringLiteral("cifar-binary"),
                                                QStringLiteral("npz"), QStringLiteral("npy")};

    int perClass = kProjectTarget; // images per class, train + test; by default the project's target
    double testFraction = 0.2;     // per class: 1000 -> 800 train / 200 test; within (0, 1): no split may be empty
    // Any 64-bit value: the CLI's --seed and the Export dialog's field both read it with parseSeed(), so a
    // seed one accepts gives the same export in the other.
    quint64 seed = 0;
    QStringList formats = kAllFormats;
    QString outputDir;
    bool force = false; // replace an existing output folder, only when it is a previous export (ExportFolder)
    // Write even when a class is short of perClass (an empty class included); without it such an
    // export stops before writing (Exporter::Problem::Shortfall).
    bool allowShortfall = false;
    // Export although the duplicate search is missing or stale (DedupStore::searchState); the manifest
    // and README.txt say so. Without it such an export stops (Exporter::Problem::StaleSearch).
    bool skipDedupCheck = false;
    // Near pairs not yet reviewed but above the project's thresholds (ssim >= ssim_threshold or
    // l2 <= l2_threshold) count as duplicates until someone marks them distinct.
    bool unreviewedAboveThresholdIsDuplicate = true;
    // Which candidates are accepted is the project's accept rule (core/project/AcceptRule.h), not an
    // export setting. Non-empty: the rule the caller expects (the CLI's --accept-rule, kept for
    // one release); the export refuses when the project's rule is another.
    QString expectedAcceptRule;
    int trainBatches = 5; // data_batch_1..5, as CIFAR-10

    // Empty when usable, else what is wrong ("--per-class must be 1..6000, got 0").
    QString validate(bool needOutput = true) const;
    bool wants(const QString &format) const { return formats.contains(format); }
    int testCount(int selected) const; // round(selected * testFraction)
    // A seed as typed: decimal digits (surrounding spaces allowed), 0..18446744073709551615; nullopt otherwise
    // (signs, hex, fractions, a value past 64 bits: never wrapped or truncated into another seed).
    static std::optional<quint64> parseSeed(QStringView text);
};

} // namespace tc::core
