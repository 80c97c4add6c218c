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
//   if (!e.run(path, settings, progress)) fail(e.errorString());
//   e.files(), e.selection().classes ...
// run() writes everything into a hidden temporary sibling folder and renames it into place only
// when complete, so a failed or cancelled export leaves no half-written output. An existing,
// non-empty output folder is replaced only with settings.force. Safe to call on a worker thread:
// it opens its own connection to the project file.
class Exporter final {
public:
    // Loads and selects; writes nothing. Fails on bad settings or an unreadable project (and, with
    // checkOutput, when the output exists without force, so a dry run warns before the real run).
    bool dryRun(const QString &projectPath, const ExportSettings &settings, bool checkOutput = false);
    bool run(const QString &projectPath, const ExportSettings &settings, const Progress &progress = {});

    const Selection &selection() const { return m_selection; }
    const ExportInput &input() const { return m_input; }
    QStringList files() const { return m_files; } // relative to the output folder
    QString outputDir() const { return m_outputDir; }
    QString errorString() const { return m_error; }

    // Empty when dir may be written under settings, else the reason.
    static QString checkOutput(const QString &dir, bool force);

private:
    bool load(const QString &projectPath, const ExportSettings &settings, const Progress &progress);
    bool writeAndSwap(const ExportSettings &settings, const Progress &progress);
    bool fail(const QString &message);

    ExportInput m_input;
    Selection m_selection;
    QStringList m_files;
    QString m_outputDir;
    QString m_error;
};

} // namespace tc::core
