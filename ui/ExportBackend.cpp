#include "ui/ExportBackend.h"

#include "core/dedup/DedupRunner.h"
#include "core/export/Exporter.h"
#include "core/project/Project.h"

#include <QCoreApplication>

namespace tc::ui {

namespace {
ExportBlock toBlock(core::Exporter::Problem p)
{
    switch (p) {
    case core::Exporter::Problem::None:
        return ExportBlock::None;
    case core::Exporter::Problem::EmptySplit:
        return ExportBlock::EmptySplit;
    case core::Exporter::Problem::StaleSearch:
        return ExportBlock::StaleSearch;
    case core::Exporter::Problem::Shortfall:
        return ExportBlock::Shortfall;
    case core::Exporter::Problem::Error:
        break;
    }
    return ExportBlock::Error;
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

ExportPreview dryRun(const QString &projectPath, const core::ExportSettings &settings)
{
    ExportPreview p;
    core::Exporter exporter;
    // The table needs no output folder; a folder problem is reported as a note, not as a failed preview.
    if (!exporter.dryRun(projectPath, settings, false)) {
        p.error = exporter.errorString();
        p.block = ExportBlock::Error;
        return p;
    }
    p.rows = exporter.selection().classes;
    p.note = removalNote(exporter.selection().removed);
    p.coarseLabelNames = exporter.input().coarseLabelNames;
    p.acceptRule = exporter.input().acceptRule;
    p.block = toBlock(exporter.problem());
    p.blockText = exporter.errorString();
    p.searchGaps = exporter.input().search.problems;
    p.shortfall = core::Exporter::shortfallText(exporter.selection(), exporter.settings().perClass);
    if (!settings.outputDir.isEmpty())
        p.outputProblem = exporter.outputProblem(settings);
    return p;
}

ExportResult run(const QString &projectPath, const core::ExportSettings &settings, const core::Progress &progress)
{
    ExportResult r;
    core::Exporter exporter;
    if (!exporter.run(projectPath, settings, progress)) {
        r.error = exporter.errorString();
        r.block = toBlock(exporter.problem());
        return r;
    }
    r.files = exporter.files();
    r.notes = exporter.notes();
    r.outputDir = exporter.outputDir();
    r.train = qint64(exporter.selection().train.size());
    r.test = qint64(exporter.selection().test.size());
    return r;
}

QString runSearch(const QString &projectPath, const core::Progress &progress)
{
    core::Project project; // a connection of this worker thread's own
    if (!project.open(projectPath))
        return project.errorString();
    core::DedupRunner runner(project.database());
    core::DedupRunStats stats;
    return runner.run({}, &stats, progress) ? QString() : runner.errorString();
}

ExportTarget projectTarget(const QString &projectPath)
{
    core::Project project;
    if (!project.open(projectPath))
        return {0, project.errorString()}; // names the file; the dialog shows it
    return {project.targetPerClass(), {}};
}
} // namespace

ExportBackend coreExportBackend(const QString &projectPath)
{
    ExportBackend b;
    b.dryRun = [projectPath](const core::ExportSettings &o) { return dryRun(projectPath, o); };
    b.run = [projectPath](const core::ExportSettings &o, const core::Progress &progress) {
        return run(projectPath, o, progress);
    };
    b.projectTarget = [projectPath] { return projectTarget(projectPath); };
    b.runSearch = [projectPath](const core::Progress &progress) { return runSearch(projectPath, progress); };
    return b;
}

} // namespace tc::ui
