#pragma once

#include "core/common/ImageSet.h"
#include "core/dedup/DedupStore.h"
#include "core/export/ExportFolder.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <cmath>
#include <vector>

namespace tc::core {

struct ExportKeyword final {
    qint64 id = 0;
    QString keyword;
    qint64 catalogCount = 0;
    bool absent = false;
};

struct ExportClass final {
    qint64 id = 0;
    QString name;
    int label = 0;
    std::vector<ExportKeyword> keywords; // catalog order
    QString superclass{};                // CIFAR-100 style exports only (CoarseLabels)
    int coarseLabel = -1;                // index into ExportInput::coarseLabelNames, -1: none
};

struct ExportReferenceSet final {
    qint64 id = 0;
    QString name;
    QString role; // "exclude" or "avoid"
    qint64 count = 0;
    bool isExclude() const { return role == QLatin1String("exclude"); }
    bool isAvoid() const { return role == QLatin1String("avoid"); }
};

// What the duplicate search knows about one candidate and one reference set.
struct ReferenceFacts final {
    bool exact = false;           // byte-identical to an image of the set
    bool markedDuplicate = false; // a reviewer marked a near pair duplicate
    bool unreviewedAbove = false; // an unreviewed near pair above the project's thresholds
    double maxSsim = std::nan("");
    double minL2 = std::nan("");
};

// One accepted candidate, with its provenance and the facts the selection decides on.
struct ExportCandidate final {
    qint64 id = 0;
    int classIndex = 0;   // into ExportInput::classes
    int keywordIndex = 0; // into that class's keywords
    qint64 tinyIndex = -1;
    QString source;
    QString filename;
    QStringList annotators; // who accepted
    QList<qint64> acceptTimesMs;
    std::vector<ReferenceFacts> references; // aligned with ExportInput::referenceSets
    qsizetype pixelIndex = 0;               // image in ExportInput::pixels
};

// A snapshot of everything the export needs from a project, read once (ExportSource), so the
// selection is a pure function of it and the database is not held during writing.
struct ExportInput final {
    std::vector<ExportClass> classes; // label order
    std::vector<ExportReferenceSet> referenceSets;
    std::vector<ExportCandidate> accepted; // candidate id order
    ImageSet pixels;                       // pixels of `accepted`, pixelIndex-addressed
    QStringList coarseLabelNames;          // superclasses (sorted); empty: a CIFAR-10 style export
    double ssimThreshold = 0.75;
    double l2Threshold = 1000.0;
    qint64 candidates = 0; // all candidates in the project
    QString acceptRule;    // the project's accept rule that selected `accepted` (acceptRuleName())
    QString projectPath;
    // The project file and every input it came from (meta tiny_dir, catalog_path, folder_root and the
    // reference sets' source paths): an export never writes into or replaces a folder holding one.
    QList<ProtectedPath> protectedPaths;
    DedupSearchState search;   // the stored duplicate search, as export checks and records it
    bool searchChecked = true; // false: exported with skipDedupCheck (recorded in the manifest)

    const std::uint8_t *imageOf(const ExportCandidate &c) const { return pixels.image(c.pixelIndex).data(); }
};

} // namespace tc::core
