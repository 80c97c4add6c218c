#pragma once

#include "core/common/Progress.h"
#include "core/export/ExportInput.h"
#include "core/export/ExportSettings.h"
#include "core/export/SelectionPolicy.h"

#include <QString>
#include <QStringList>

namespace tc::core {

// One-click export of a project (a *.tcproj path) to a folder:
//   Exporter e;
//   if (!e.dryRun(path, settings)) fail(e.errorString());    // per class: available/selected/shortfall
//   if (!e.run(path, settings, progress)) fail(e.errorString(), e.problem());
//   e.files(), e.selection().classes ...
// run() refuses before writing anything when the duplicate search is missing or stale, when a split
// would be empty or a class is short of the target (unless the settings allow it), and when the output
// folder is not one an export may write (ExportFolder: never the project's or an input's folder, an
// existing one only with force and only when it is a previous export). It writes everything into a
// hidden staging sibling folder and renames it into place only when complete, so a failed, cancelled
// or killed export leaves no half-written output (and the next run removes what a kill left). Safe to
// call on a worker thread: it opens its own connection to the project file.
class Exporter final {
public:
    // Why an export did not happen (run) or would not (dryRun); the CLI maps each to an exit code, the
    // dialog to a question or a message.
    enum class Problem {
        None,
        Error,       // bad settings, unreadable project, refused output folder, failed write
        EmptySplit,  // the train or the test split would hold no image
        StaleSearch, // the duplicate search is missing or stale (unless settings.skipDedupCheck)
        Shortfall,   // a class is short of settings.perClass (unless settings.allowShortfall)
    };

    // Loads and selects; writes nothing. False only on an Error; the other problems are reported by
    // problem() + errorString() with the selection still available (with checkOutput, an output folder
    // that run() would refuse is an Error, so a dry run warns before the real run).
    bool dryRun(const QString &projectPath, const ExportSettings &settings, bool checkOutput = false);
    bool run(const QString &projectPath, const ExportSettings &settings, const Progress &progress = {});

    Problem problem() const { return m_problem; }
    // The settings the last call used: perClass 0 ("the project's target") resolved.
    const ExportSettings &settings() const { return m_settings; }
    const Selection &selection() const { return m_selection; }
    const ExportInput &input() const { return m_input; }
    QStringList files() const { return m_files; } // every file written, relative to the output folder
    QString outputDir() const { return m_outputDir; }
    QString errorString() const { return m_error; }
    // What the run cleaned up first (leftovers of killed runs), one line each.
    QStringList notes() const { return m_notes; }

    // After a dry run: empty when run() could write to settings.outputDir, else why not.
    QString outputProblem(const ExportSettings &settings) const;
    // "cat 389 of 400, dog 0 of 400 (empty)": the classes short of the target.
    static QString shortfallText(const Selection &selection, int perClass);

private:
    bool load(const QString &projectPath, const ExportSettings &settings, const Progress &progress);
    void assess(const ExportSettings &settings);
    bool writeAndSwap(const ExportSettings &settings, const Progress &progress);
    bool fail(const QString &message, Problem problem = Problem::Error);

    ExportSettings m_settings;
    ExportInput m_input;
    Selection m_selection;
    QStringList m_files;
    QStringList m_notes;
    QString m_outputDir;
    QString m_error;
    Problem m_problem = Problem::None;
};

} // namespace tc::core
