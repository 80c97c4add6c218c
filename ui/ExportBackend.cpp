#include "ui/ExportBackend.h"

#include "core/export/Exporter.h"

#include <QCoreApplication>

namespace tc::ui {

namespace {
core::ExportSettings toSettings(const ExportOptions &o)
{
    core::ExportSettings s;
    s.perClass = o.perClass;
    s.testFraction = o.testFraction;
    s.seed = o.seed;
    s.formats = o.formats;
    s.outputDir = o.outputDir;
    s.force = o.force;
    s.unreviewedAboveThresholdIsDuplicate = o.unreviewedAboveThresholdIsDuplicate;
    return s;
}

ExportPreviewRow toRow(const core::ClassReport &c)
{
    return {c.name, c.available, c.availableInAvoid, c.selected,    c.train,
            c.test, c.shortfall, c.maxDeviation,     c.worstKeyword};
}

QString removalNote(const core::RemovalCounts &r)
{
    return QCoreApplication::translate(
               "tc::ui::ExportBackend",
               "Removed before selection: %1 internal exact copies, %2 copies of exclude sets, %3 marked "
               "duplicate, %4 unreviewed above the thresholds.")
        .arg(r.internalExact)
        .arg(r.excludeExact)
        .arg(r.markedDuplicate)
        .arg(r.unreviewedAbove);
}

ExportPreview dryRun(const QString &projectPath, const ExportOptions &options)
{
    ExportPreview p;
    const core::ExportSettings settings = toSettings(options);
    core::Exporter exporter;
    // The table needs no output folder; a folder problem is reported as a note, not as a failed preview.
    if (!exporter.dryRun(projectPath, settings, false)) {
        p.error = exporter.errorString();
        return p;
    }
    for (const core::ClassReport &c : exporter.selection().classes)
        p.rows << toRow(c);
    p.note = removalNote(exporter.selection().removed);
    p.coarseLabelNames = exporter.input().coarseLabelNames;
    p.acceptRule = exporter.input().acceptRule;
    if (!options.outputDir.isEmpty()) {
        const QString problem = core::Exporter::checkOutput(options.outputDir, options.force);
        if (!problem.isEmpty())
            p.note += QLatin1Char(' ') + problem;
    }
    return p;
}

ExportResult run(const QString &projectPath, const ExportOptions &options, const core::Progress &progress)
{
    ExportResult r;
    core::Exporter exporter;
    if (!exporter.run(projectPath, toSettings(options), progress)) {
        r.error = exporter.errorString();
        return r;
    }
    r.files = exporter.files();
    r.outputDir = exporter.outputDir();
    r.train = qint64(exporter.selection().train.size());
    r.test = qint64(exporter.selection().test.size());
    return r;
}
} // namespace

ExportBackend coreExportBackend(const QString &projectPath)
{
    ExportBackend b;
    b.dryRun = [projectPath](const ExportOptions &o) { return dryRun(projectPath, o); };
    b.run = [projectPath](const ExportOptions &o, const core::Progress &progress) {
        return run(projectPath, o, progress);
    };
    return b;
}

} // namespace tc::ui
