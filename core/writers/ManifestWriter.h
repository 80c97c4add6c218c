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
    QString superclass{}; // CIFAR-100 style exports: the class's superclass
    int coarseLabel = -1; // and its coarse label
    QString keyword;
    qint64 tinyIndex = -1;       // Tiny Images record, -1 when the image came from elsewhere
    QString source;              // path for folder imports
    qint64 candidateId = 0;      // row in the project's candidates table
    QStringList annotators;      // who accepted it
    QList<qint64> decisionTimes; // their accept times, Unix seconds UTC, aligned with annotators
    bool inAvoidSet = false;
    std::vector<ReferenceMetric> metrics; // aligned with the writer's reference set names
};

// Writes the manifest as CSV (core/common/Csv.h's RFC 4180 quoting; lists joined by ';'; one ssim_max_<set> and
// l2_min_<set> column pair per reference set) and as JSON (an array of objects). Both are written
// by hand so the bytes depend on nothing but the rows (deterministic exports). With superclasses
// (a CIFAR-100 style export) a coarse_label and a superclass column follow the class column;
// without, the columns are not written at all, so CIFAR-10 style manifests keep their layout.
class ManifestWriter final {
public:
    explicit ManifestWriter(QStringList referenceSets, bool superclasses = false)
        : m_sets(std::move(referenceSets)), m_superclasses(superclasses)
    {}
    bool writeCsv(QIODevice *device, const std::vector<ManifestRow> &rows);
    bool writeJson(QIODevice *device, const std::vector<ManifestRow> &rows);
    QString errorString() const { return m_error; }

    static QStringList csvHeader(const QStringList &referenceSets, bool superclasses = false);

private:
    QStringList m_sets;
    bool m_superclasses = false;
    QString m_error;
};

} // namespace tc::core
