#include "core/project/ProjectBackup.h"

#include "core/project/Database.h"
#include "core/project/Project.h"
#include "core/project/ProjectFiles.h"
#include "core/project/ProjectLock.h"
#include "core/project/ProjectSchema.h"
#include "core/project/Transaction.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QIODevice>
#include <QTemporaryFile>
#include <memory>
#include <sqlite3.h>

namespace tc::core {

namespace {
constexpr int kPagesPerStep = 1024; // 4 MB at the default page size: progress a few times a second
}

bool ProjectBackup::fail(const QString &message)
{
    m_error = message;
    return false;
}

bool ProjectBackup::snapshot(const QString &source, const QString &tempPath, const QString &destName,
                             const Progress &progress)
{
    Project project;
    if (!project.openReadOnly(source)) // no lock: a copy is taken while the app or a script writes
        return fail(project.errorString());
    Database &src = project.database();
    // One read transaction across the check and every step: one snapshot, whatever writers commit
    // meanwhile (WAL lets them go on; they do not restart the copy).
    Transaction snapshot(src, Transaction::Mode::Deferred);
    if (!snapshot.isActive() || src.queryInt(QStringLiteral("SELECT count(*) FROM sqlite_master"), -1) < 0)
        return fail(src.errorString());
    // A page-for-page copy of a damaged file is a damaged copy: check the snapshot first.
    if (const QString problems = ProjectSchema::quickCheck(src); !problems.isEmpty())
        return fail(QStringLiteral("%1: the project file is damaged (%2); no copy was made: restore it from an older "
                                   "backup")
                        .arg(source, problems));
    Database dst;
    if (!dst.open(tempPath, Database::OpenMode::ReadWrite))
        return fail(dst.errorString().replace(tempPath, destName));
    sqlite3_backup *backup = sqlite3_backup_init(dst.handle(), "main", src.handle(), "main");
    if (!backup)
        return fail(dst.describeError(QStringLiteral("cannot copy")).replace(tempPath, destName));
    int rc = SQLITE_OK;
    while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
        rc = sqlite3_backup_step(backup, kPagesPerStep);
        const int total = sqlite3_backup_pagecount(backup);
        progress.report(total - sqlite3_backup_remaining(backup), total);
        if (progress.isCancelled()) {
            sqlite3_backup_finish(backup);
            return fail(QStringLiteral("%1: cancelled").arg(destName));
        }
        if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
            sqlite3_sleep(20);
    }
    sqlite3_backup_finish(backup);
    snapshot.commit();
    if (rc != SQLITE_DONE)
        return fail(
            QStringLiteral("%1: cannot write the copy (%2)").arg(destName, QString::fromUtf8(sqlite3_errstr(rc))));
    // Standalone: a rollback journal header, so the copy needs no -wal (and no -shm to be read).
    if (!dst.exec(QStringLiteral("PRAGMA journal_mode=DELETE")))
        return fail(dst.errorString().replace(tempPath, destName));
    if (ProjectSchema::identify(dst).kind != ProjectSchema::Identity::Kind::Project)
        return fail(QStringLiteral("%1: the copy does not read back as a project").arg(destName));
    m_decisions = dst.queryInt(QStringLiteral("SELECT count(*) FROM decisions"));
    m_candidates = dst.queryInt(QStringLiteral("SELECT count(*) FROM candidates"));
    return true;
}

bool ProjectBackup::copy(const QString &source, const QString &dest, bool replace, const Progress &progress)
{
    m_error.clear();
    m_bytes = m_decisions = m_candidates = 0;
    const QFileInfo in(source), out(dest);
    if (out.isDir())
        return fail(QStringLiteral("%1: a folder; give the copy's file name").arg(dest));
    const bool exists = out.exists() || out.isSymLink();
    if (exists && in.exists() && out.canonicalFilePath() == in.canonicalFilePath())
        return fail(QStringLiteral("%1: that is the project itself; choose another name for the copy").arg(dest));
    if (exists && !replace)
        return fail(QStringLiteral("%1: already exists; not replaced").arg(dest));
    // Replacing a project (restoring a damaged one): only while nobody has it open for writing.
    std::unique_ptr<ProjectLock> destLock;
    if (exists) {
        destLock = std::make_unique<ProjectLock>(dest);
        if (!destLock->tryLock())
            return fail(destLock->errorString());
    }
    if (!QDir().mkpath(out.absolutePath()))
        return fail(QStringLiteral("%1: cannot create its folder").arg(dest));
    QTemporaryFile temp(out.absolutePath() + QStringLiteral("/.") + out.fileName() + QStringLiteral(".backup-XXXXXX"));
    if (!temp.open())
        return fail(QStringLiteral("%1: cannot create (%2)").arg(dest, temp.errorString()));
    temp.close();
    if (!snapshot(source, temp.fileName(), dest, progress)) {
        ProjectFiles::removeCompanions(temp.fileName());
        return false;
    }
    QFile::setPermissions(temp.fileName(), QFile(source).permissions()); // not QTemporaryFile's 0600
    // The replaced file's -wal would be replayed into the copy: its companions go first.
    ProjectFiles::removeCompanions(dest);
    ProjectFiles files;
    if (!files.moveIntoPlace(temp.fileName(), dest, exists))
        return fail(files.errorString());
    temp.setAutoRemove(false);
    m_bytes = QFileInfo(dest).size();
    return true;
}

bool ProjectBackup::copyTo(const QString &source, QIODevice *device, const Progress &progress)
{
    m_error.clear();
    m_bytes = m_decisions = m_candidates = 0;
    QTemporaryFile temp(QDir::tempPath() + QStringLiteral("/tinycurator-backup-XXXXXX.tcproj"));
    if (!temp.open())
        return fail(QStringLiteral("cannot create a temporary file (%1)").arg(temp.errorString()));
    temp.close();
    const bool ok = snapshot(source, temp.fileName(), QStringLiteral("the copy"), progress);
    ProjectFiles::removeCompanions(temp.fileName());
    if (!ok)
        return false;
    QFile file(temp.fileName());
    if (!file.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("cannot read the temporary copy (%1)").arg(file.errorString()));
    QByteArray chunk;
    while (!(chunk = file.read(1 << 20)).isEmpty()) {
        if (device->write(chunk) != chunk.size())
            return fail(QStringLiteral("cannot write the copy (%1)").arg(device->errorString()));
        m_bytes += chunk.size();
    }
    return true;
}

} // namespace tc::core
