#pragma once

#include "core/common/Progress.h"
#include "ui/ExportPreviewTable.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <functional>

namespace tc::ui {

// What the export dialog asks for, in the CLI's terms (`tinycurator-cli export`).
struct ExportOptions {
    int perClass = 1000;
    double testFraction = 0.2;
    quint32 seed = 0;
    QStringList formats{QStringLiteral("cifar-python"), QStringLiteral("cifar-binary"), QStringLiteral("npz"),
                        QStringLiteral("npy")};
    QString outputDir;
    bool force = false;
    bool unreviewedAboveThresholdIsDuplicate = true;
};

struct ExportPreview {
    QList<ExportPreviewRow> rows;
    QString error;                // empty on success
    QString note;                 // e.g. how many pairs above the threshold are still unreviewed
    QStringList coarseLabelNames; // the superclasses: CIFAR-100 style when set, CIFAR-10 style when empty
    QString acceptRule;           // the project's accept rule (core::acceptRuleName()), which selects
};

struct ExportResult {
    QString error; // empty on success
    QStringList files;
    qint64 train = 0;
    qint64 test = 0;
    QString outputDir;
};

// The two calls the export dialog makes, as plain functions so the dialog never includes core/export and
// its tests can run it against core (coreExportBackend) exactly as the GUI does.
struct ExportBackend {
    // Fast, on the GUI thread: nothing is written.
    std::function<ExportPreview(const ExportOptions &)> dryRun;
    // Slow, on a pool thread: must open its own project connection.
    std::function<ExportResult(const ExportOptions &, const core::Progress &)> run;
};

// The backend over the project file at projectPath (core::Project + core::Exporter).
ExportBackend coreExportBackend(const QString &projectPath);

} // namespace tc::ui
