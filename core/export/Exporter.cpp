#include "core/export/Exporter.h"

#include "core/export/CoarseLabels.h"
#include "core/export/ExportFolder.h"
#include "core/export/ExportSource.h"
#include "core/export/ExportWriter.h"
#include "core/project/Project.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLockFile>
#include <QTemporaryDir>

namespace tc::core {

bool Exporter::fail(const QString &message, Problem problem)
{
    m_error = message;
    m_problem = problem;
    return false;
}

QString Exporter::shortfallText(const Selection &selection, int perClass)
{
    QStringList shortClasses;
    for (const ClassReport &c : selection.classes)
        if (c.shortfall > 0)
            shortClasses << QStringLiteral("%1 %2 of %3%4")
                                .arg(c.name)
                                .arg(c.selected)
                                .arg(perClass)
                                .arg(c.selected == 0 ? QStringLiteral(" (empty)") : QString());
    return shortClasses.join(QStringLiteral(", "));
}

bool Exporter::load(const QString &projectPath, const ExportSettings &requested, const Progress &progress)
{
    m_settings = requested;
    const bool projectTarget = requested.perClass == ExportSettings::kProjectTarget;
    if (const QString bad = m_settings.validate(false); !bad.isEmpty())
        return fail(bad);
    if (!QFileInfo::exists(projectPath))
        return fail(QStringLiteral("%1: no such project file").arg(projectPath));
    Project project;
    if (!project.openReadOnly(projectPath)) // a reader: works while the project is open elsewhere
        return fail(project.errorString());
    if (projectTarget) {
        m_settings.perClass = project.targetPerClass();
        if (const QString bad = m_settings.validate(false); !bad.isEmpty())
            return fail(QStringLiteral("%1: the project's target per class: %2").arg(projectPath, bad));
    }
    const ExportSettings &settings = m_settings;
    ExportSource source;
    if (!source.load(project.database(), settings, m_input, progress))
        return fail(source.errorString());
    if (CoarseLabels coarse; !coarse.assign(project, m_input))
        return fail(coarse.errorString());
    m_input.searchChecked = !settings.skipDedupCheck;
    m_selection = SelectionPolicy::select(m_input, settings);
    return true;
}

// The first reason, if any, why this selection must not be written as asked: a contaminated set is
// worse than an empty split, which is worse than a short one.
void Exporter::assess(const ExportSettings &settings)
{
    m_problem = Problem::None;
    m_error.clear();
    if (!settings.skipDedupCheck && !m_input.search.current) {
        fail(QStringLiteral("%1: the duplicate search is not current, so the export could hold copies of reference "
                            "images: %2")
                 .arg(m_input.projectPath, m_input.search.problems.join(QStringLiteral("; "))),
             Problem::StaleSearch);
        return;
    }
    qint64 train = 0, test = 0;
    for (const ClassReport &c : m_selection.classes)
        train += c.train, test += c.test;
    if (train == 0 || test == 0) {
        // Translated where worded: the export dialog shows it in the user's language, the CLI in English.
        fail((train == 0 ? QCoreApplication::translate("tc::core::Exporter",
                                                       "the train split would be empty (%1 train and %2 test images "
                                                       "selected); an export needs both")
                         : QCoreApplication::translate("tc::core::Exporter",
                                                       "the test split would be empty (%1 train and %2 test images "
                                                       "selected); an export needs both"))
                 .arg(train)
                 .arg(test),
             Problem::EmptySplit);
        return;
    }
    if (!settings.allowShortfall && m_selection.shortfall() > 0)
        fail(QStringLiteral("%1 image(s) short of %2 per class: %3")
                 .arg(m_selection.shortfall())
                 .arg(settings.perClass)
                 .arg(shortfallText(m_selection, settings.perClass)),
             Problem::Shortfall);
}

QString Exporter::outputProblem(const ExportSettings &settings) const
{
    const QString dir = ExportFolder::resolved(settings.outputDir);
    if (dir.isEmpty())
        return QStringLiteral("%1: is a symbolic link to nothing").arg(settings.outputDir);
    return ExportFolder::check(dir, settings.force, m_input.protectedPaths);
}

bool Exporter::dryRun(const QString &projectPath, const ExportSettings &settings, bool checkOut)
{
    m_files.clear();
    m_notes.clear();
    m_problem = Problem::None;
    if (!load(projectPath, settings, {}))
        return false;
    if (checkOut)
        if (const QString bad = outputProblem(settings); !bad.isEmpty())
            return fail(bad);
    assess(m_settings);
    return true;
}

bool Exporter::run(const QString &projectPath, const ExportSettings &settings, const Progress &progress)
{
    m_files.clear();
    m_notes.clear();
    m_problem = Problem::None;
    if (settings.outputDir.trimmed().isEmpty())
        return fail(QStringLiteral("no output folder given"));
    // Loading is the first half of the progress range, writing the second.
    const Progress loading([&](qint64 d, qint64 t) { progress.report(t ? 50 * d / t : 0, 100); },
                           [&] { return progress.isCancelled(); });
    if (!load(projectPath, settings, loading))
        return false;
    assess(m_settings);
    if (m_problem != Problem::None)
        return false;
    m_outputDir = ExportFolder::resolved(settings.outputDir);
    if (const QString bad = outputProblem(settings); !bad.isEmpty())
        return fail(bad);
    m_notes = ExportFolder::cleanLeftovers(m_outputDir);
    if (const QString bad = outputProblem(settings); !bad.isEmpty()) // a previous export may be back
        return fail(bad);
    return writeAndSwap(m_settings, progress);
}

bool Exporter::writeAndSwap(const ExportSettings &settings, const Progress &progress)
{
    const QFileInfo out(m_outputDir);
    if (!QDir().mkpath(out.absolutePath()))
        return fail(QStringLiteral("%1: cannot create the parent folder").arg(out.absolutePath()));
    // A sibling, so the final rename stays on one file system and is atomic.
    QTemporaryDir staging(ExportFolder::stagingTemplate(m_outputDir));
    if (!staging.isValid())
        return fail(
            QStringLiteral("%1: cannot create a temporary folder (%2)").arg(out.absolutePath(), staging.errorString()));
    // The lock marks the staging folder as a live export's: a later run removes it only once this
    // process is gone (ExportFolder::cleanLeftovers).
    QLockFile lock(QDir(staging.path()).filePath(ExportFolder::kLockFile));
    lock.setStaleLockTime(0);
    if (!lock.tryLock(0))
        return fail(QStringLiteral("%1: cannot create %2").arg(staging.path(), ExportFolder::kLockFile));
    ExportWriter writer;
    const Progress writing([&](qint64 d, qint64 t) { progress.report(50 + (t ? 50 * d / t : 0), 100); },
                           [&] { return progress.isCancelled(); });
    if (!writer.write(staging.path(), m_input, m_selection, settings, writing))
        return fail(writer.errorString());
    lock.unlock();
    // The folder may have changed while the export was written: check again just before replacing it.
    if (const QString bad = outputProblem(settings); !bad.isEmpty())
        return fail(bad);
    QString old;
    // An empty folder holds nothing to keep: it goes, rather than being moved aside as a leftover.
    if (QFileInfo::exists(m_outputDir) &&
        QDir(m_outputDir).isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System))
        QDir().rmdir(m_outputDir);
    if (QFileInfo::exists(m_outputDir)) {
        QTemporaryDir aside(ExportFolder::asideTemplate(m_outputDir));
        old = aside.path();
        aside.setAutoRemove(false);
        if (!QDir().rmdir(old) || !QDir().rename(m_outputDir, old))
            return fail(QStringLiteral("%1: cannot move the existing output aside").arg(m_outputDir));
    }
    if (!QDir().rename(staging.path(), m_outputDir)) {
        if (!old.isEmpty())
            QDir().rename(old, m_outputDir);
        return fail(QStringLiteral("%1: cannot rename the finished export into place").arg(m_outputDir));
    }
    staging.setAutoRemove(false);
    // QTemporaryDir creates 0700; the dataset is meant to be shared like any folder.
    QFile::setPermissions(m_outputDir, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner | QFile::ReadGroup |
                                           QFile::ExeGroup | QFile::ReadOther | QFile::ExeOther);
    // The previous export goes file by file from its own list: nothing it did not write is deleted.
    if (ExportFolder previous; !old.isEmpty() && !previous.removeExport(old))
        m_notes << QStringLiteral("kept %1: %2").arg(old, previous.errorString());
    m_files = writer.files();
    progress.report(100, 100);
    return true;
}

} // namespace tc::core
