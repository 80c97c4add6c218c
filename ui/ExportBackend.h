#pragma once

#include "core/common/Progress.h"
#include "core/export/ExportSettings.h"
#include "ui/ExportPreviewTable.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <functional>

namespace tc::ui {

// What stops an export as asked (core::Exporter::Problem, in the dialog's terms).
enum class ExportBlock {
    None,
    Error,       // see error
    EmptySplit,  // the train or test split would be empty: never written
    StaleSearch, // the duplicate search is missing or stale: the dialog offers to run it
    Shortfall,   // classes short of the target: the dialog asks before writing
};

struct ExportPreview {
    std::vector<core::ClassReport> rows; // core's report per class, as the table shows it
    QString error;                       // empty on success
    QString note;                        // e.g. how many pairs above the threshold are still unreviewed
    QStringList coarseLabelNames;        // the superclasses: CIFAR-100 style when set, CIFAR-10 style when empty
    QString acceptRule;                  // the project's accept rule (core::acceptRuleName()), which selects
    ExportBlock block = ExportBlock::None;
    QString blockText;      // core's words for the block
    QStringList searchGaps; // what the duplicate search is missing, one line each
    QString shortfall;      // "cat 389 of 400, dog 0 of 400 (empty)"
    QString outputProblem;  // why the chosen folder would be refused, empty when it is fine
};

// The project's target per class, the dialog's default; error (naming the file) when it cannot be read.
struct ExportTarget {
    int perClass = 0;
    QString error; // empty on success
};

struct ExportResult {
    QString error; // empty on success
    ExportBlock block = ExportBlock::None;
    QStringList files; // every file written (what the summary counts)
    QStringList notes; // leftovers of killed runs the export removed first
    qint64 train = 0;
    qint64 test = 0;
    QString outputDir;
};

// The two calls the export dialog makes, as plain functions so the dialog never includes the exporter and
// its tests can run it against core (coreExportBackend) exactly as the GUI does. The dialog asks in core's
// own terms (core::ExportSettings, as the CLI fills it): there is no second settings struct to drift.
struct ExportBackend {
    // Fast, on the GUI thread: nothing is written.
    std::function<ExportPreview(const core::ExportSettings &)> dryRun;
    // Slow, on a pool thread: must open its own project connection.
    std::function<ExportResult(const core::ExportSettings &, const core::Progress &)> run;
    // The project's target per class (the dialog's default); unset or <= 0: 1000.
    std::function<ExportTarget()> projectTarget;
    // Runs the duplicate search with the project's settings (slow, on a pool thread, own connection);
    // returns an error, empty on success. Unset: the dialog cannot offer it.
    std::function<QString(const core::Progress &)> runSearch;
};

// The backend over the project file at projectPath (core::Project + core::Exporter).
ExportBackend coreExportBackend(const QString &projectPath);

} // namespace tc::ui
