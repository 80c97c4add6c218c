#pragma once

#include <QIODevice>
#include <QString>
#include <QStringList>
#include <cmath>
#include <vector>

namespace tc::core {

// Similarity of one exported image to one reference set, from the duplicate search.
// NaN means "not compared" (the set was not searched, or no pair was stored).
struct ReferenceMetric final {
    double maxSsim = std::nan("");
    double minL2 = std::nan("");
};

// One exported image's provenance: where it went, what it is, where it came from, who accepted it.
struct ManifestRow final {
    QString split;    // "train" or "test"
    qint64 index = 0; // position within its split, in file order
    int label = 0;
    QString className;
    QString keyword;
    qint64 tinyIndex = -1;       // Tiny Images record, -1 when the image came from elsewhere
    QString source;              // path for folder imports
    qint64 candidateId = 0;      // row in the project's candidates table
    QStringList annotators;      // who accepted it
    QList<qint64> decisionTimes; // their accept times, Unix seconds UTC, aligned with annotators
    bool inAvoidSet = false;
    std::vector<ReferenceMetric> metrics; // aligned with the writer's reference set names
};

// Writes the manifest as CSV (RFC 4180 quoting; lists joined by ';'; one ssim_max_<set> and
// l2_min_<set> column pair per reference set) and as JSON (an array of objects). Both are written
// by hand so the bytes depend on nothing but the rows (deterministic exports).
class ManifestWriter final {
public:
    explicit ManifestWriter(QStringList referenceSets) : m_sets(std::move(referenceSets)) {}
    bool writeCsv(QIODevice *device, const std::vector<ManifestRow> &rows);
    bool writeJson(QIODevice *device, const std::vector<ManifestRow> &rows);
    QString errorString() const { return m_error; }

    static QStringList csvHeader(const QStringList &referenceSets);

private:
    QStringList m_sets;
    QString m_error;
};

} // namespace tc::core
