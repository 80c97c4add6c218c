#include "core/project/ProjectLock.h"

#include <QFileInfo>
#include <QHash>
#include <QLockFile>
#include <QMutex>
#include <QMutexLocker>

namespace tc::core {

struct ProjectLock::Shared {
    explicit Shared(const QString &lockPath) : file(lockPath) {}
    QLockFile file;
};

namespace {

// Locks held by this process, by lock file path. Weak pointers: the last ProjectLock on a file
// releases it. Process-wide by nature, because QLockFile treats our own pid as a live holder.
QMutex &registryMutex()
{
    static QMutex mutex;
    return mutex;
}

QHash<QString, std::weak_ptr<ProjectLock::Shared>> &registry()
{
    static QHash<QString, std::weak_ptr<ProjectLock::Shared>> locks;
    return locks;
}

QString describeHolder(const QLockFile &file)
{
    qint64 pid = 0;
    QString host, app;
    if (!file.getLockInfo(&pid, &host, &app))
        return QStringLiteral("another instance");
    return QStringLiteral("%1 (pid %2 on %3)")
        .arg(app.isEmpty() ? QStringLiteral("another instance") : app)
        .arg(pid)
        .arg(host);
}

} // namespace

ProjectLock::ProjectLock(const QString &projectPath) : m_path(projectPath) {}

ProjectLock::~ProjectLock()
{
    unlock(); // under the registry mutex, so a concurrent tryLock never sees a half-released lock
}

QString ProjectLock::lockFilePath(const QString &projectPath)
{
    return QFileInfo(projectPath).absoluteFilePath() + QStringLiteral(".lock");
}

bool ProjectLock::tryLock()
{
    if (m_held)
        return true;
    m_error.clear();
    const QString lockPath = lockFilePath(m_path);
    QMutexLocker guard(&registryMutex());
    if (auto existing = registry().value(lockPath).lock()) {
        m_held = existing;
        return true;
    }
    auto shared = std::make_shared<Shared>(lockPath);
    shared->file.setStaleLockTime(0); // only a dead holder makes a lock stale, never its age
    if (!shared->file.tryLock(0)) {
        switch (shared->file.error()) {
        case QLockFile::LockFailedError:
            m_error = QStringLiteral("%1: in use by %2; close it there, or work on a copy and merge decisions "
                                     "with export-decisions / import-decisions")
                          .arg(m_path, describeHolder(shared->file));
            break;
        default: // PermissionError, or EPERM/EROFS reported as UnknownError
            m_error = QStringLiteral("%1: cannot create the lock file %2 (read-only folder or full disk?); copy the "
                                     "project to a writable folder with free space")
                          .arg(m_path, lockPath);
        }
        return false;
    }
    registry().insert(lockPath, shared);
    m_held = shared;
    return true;
}

void ProjectLock::unlock()
{
    QMutexLocker guard(&registryMutex());
    m_held.reset(); // the QLockFile unlocks when the last holder in this process lets go
}

} // namespace tc::core
