#include "core/export/Exporter.h"

#include "core/export/CoarseLabels.h"
#include "core/export/ExportSource.h"
#include "core/export/ExportWriter.h"
#include "core/project/Project.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>

namespace tc::core {

bool Exporter::fail(const QString &message)
{
    m_error = message;
    return false;
}

QString Exporter::checkOutput(const QString &dir, bool force)
{
    const QFileInfo info(dir);
    if (!info.exists())
        return {};
    if (!info.isDir())
        return QStringLiteral("%1: exists and is not a folder").arg(dir);
    if (!force && !QDir(dir).isEmpty(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System))
        return QStringLiteral("%1: exists and is not empty (use --force to replace it)").arg(dir);
    return {};
}

bool Exporter::load(const QString &projectPath, const ExportSettings &settings, const Progress &progress)
{
    if (const QString bad = settings.validate(false); !bad.isEmpty())
        return fail(bad);
    if (!QFileInfo::exists(projectPath))
        return fail(QStringLiteral("%1: no such project file").arg(projectPath));
    Project project;
    if (!project.openReadOnly(projectPath)) // a reader: works while the project is open elsewhere
        return fail(project.errorString());
    ExportSource source;
    if (!source.load(project.database(), settings, m_input, progress))
        return fail(source.errorString());
    if (QString error; !CoarseLabels::assign(project, m_input, &error))
        return fail(error);
    m_selection = SelectionPolicy::select(m_input, settings);
    return true;
}

bool Exporter::dryRun(const QString &projectPath, const ExportSettings &settings, bool checkOut)
{
    m_files.clear();
    if (checkOut) {
        if (const QString bad = checkOutput(settings.outputDir, settings.force); !bad.isEmpty())
            return fail(bad);
    }
    return load(projectPath, settings, {});
}

bool Exporter::run(const QString &projectPath, const ExportSettings &settings, const Progress &progress)
{
    m_files.clear();
    if (const QString bad = settings.validate(true); !bad.isEmpty())
        return fail(bad);
    m_outputDir = QFileInfo(settings.outputDir).absoluteFilePath();
    if (const QString bad = checkOutput(m_outputDir, settings.force); !bad.isEmpty())
        return fail(bad);
    // Loading is the first half of the progress range, writing the second.
    const Progress loading([&](qint64 d, qint64 t) { progress.report(t ? 50 * d / t : 0, 100); },
                           [&] { return progress.isCancelled(); });
    return load(projectPath, settings, loading) && writeAndSwap(settings, progress);
}

bool Exporter::writeAndSwap(const ExportSettings &settings, const Progress &progress)
{
    const QFileInfo out(m_outputDir);
    if (!QDir().mkpath(out.absolutePath()))
        return fail(QStringLiteral("%1: cannot create the parent folder").arg(out.absolutePath()));
    // A sibling, so the final rename stays on one file system and is atomic.
    QTemporaryDir staging(out.absolutePath() + QStringLiteral("/.") + out.fileName() +
                          QStringLiteral(".partial-XXXXXX"));
    if (!staging.isValid())
        return fail(
            QStringLiteral("%1: cannot create a temporary folder (%2)").arg(out.absolutePath(), staging.errorString()));
    ExportWriter writer;
    const Progress writing([&](qint64 d, qint64 t) { progress.report(50 + (t ? 50 * d / t : 0), 100); },
                           [&] { return progress.isCancelled(); });
    if (!writer.write(staging.path(), m_input, m_selection, settings, writing))
        return fail(writer.errorString());
    QString old;
    if (out.exists()) {
        QTemporaryDir trash(out.absolutePath() + QStringLiteral("/.") + out.fileName() + QStringLiteral(".old-XXXXXX"));
        old = trash.path();
        trash.setAutoRemove(false);
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
    if (!old.isEmpty())
        QDir(old).removeRecursively();
    m_files = writer.files();
    progress.report(100, 100);
    return true;
}

} // namespace tc::core
