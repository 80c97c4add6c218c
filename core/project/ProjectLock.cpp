#include "core/project/ProjectLock.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QMutex>
#include <QMutexLocker>
#include <QSysInfo>
#include <QThread>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace tc::core {

namespace {

enum class Attempt { Locked, Busy, Failed };

// What we write into a lock file we hold: "pid\nhost\nprogram\nsince (ISO 8601, UTC)\n".
QByteArray holderText()
{
    QString program = QStringLiteral("TinyCurator");
    if (const auto *app = QCoreApplication::instance()) {
        program = QCoreApplication::applicationName();
        // The CLI's command ("decide", "dedup") says more than the program name; a path says nothing.
        const QString first = app->arguments().value(1);
        if (!first.isEmpty() && !first.startsWith(u'-') && !first.contains(u'/') && !first.contains(u'.'))
            program += u' ' + first;
    }
    return QByteArray::number(qint64(::getpid())) + '\n' + QSysInfo::machineHostName().toUtf8() + '\n' +
           program.toUtf8() + '\n' + QDateTime::currentDateTimeUtc().toString(Qt::ISODate).toUtf8() + '\n';
}

// A lock file's text as words for a message. The file may hold anything (it is only a hint), so
// every field is bounded and stripped of control characters before it reaches a terminal.
QString describeHolder(const QByteArray &text)
{
    const auto clean = [](const QByteArray &field) {
        QString s = QString::fromUtf8(field.left(120));
        s.removeIf([](QChar c) { return !c.isPrint(); });
        return s.trimmed();
    };
    const QList<QByteArray> lines = text.left(1024).split('\n');
    bool ok = false;
    const qint64 pid = lines.value(0).trimmed().toLongLong(&ok);
    if (!ok || pid <= 0)
        return QStringLiteral("another process (its lock file does not say which)");
    const QString host = clean(lines.value(1));
    const QString program = clean(lines.value(2));
    const QDateTime since = QDateTime::fromString(clean(lines.value(3)), Qt::ISODate);
    QString who =
        QStringLiteral("%1 (pid %2").arg(program.isEmpty() ? QStringLiteral("another process") : program).arg(pid);
    if (!host.isEmpty())
        who += QStringLiteral(" on %1").arg(host);
    if (since.isValid())
        who += QStringLiteral(", since %1").arg(since.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")));
    return who + u')';
}

QByteArray readText(int fd)
{
    char buffer[1024];
    const ssize_t n = ::pread(fd, buffer, sizeof buffer, 0);
    return n > 0 ? QByteArray(buffer, int(n)) : QByteArray();
}

QString createError(const QString &lockPath, int error)
{
    return QStringLiteral("cannot create the lock file %1 (%2: read-only folder or full disk?); copy the project to "
                          "a writable folder with free space")
        .arg(lockPath, QString::fromLocal8Bit(std::strerror(error)));
}

// One attempt to take the lock file: Failed with errorString() (without the project's name).
class LockFileAttempt final {
public:
    Attempt run(const QString &lockPath, int *fdOut, QByteArray *holder);
    QString errorString() const { return m_error; }

private:
    bool clearNonLock(const QByteArray &path, const struct stat &st);
    Attempt fail(const QString &message)
    {
        m_error = message;
        return Attempt::Failed;
    }

    QString m_error;
};

// Whatever is at the lock path that cannot be a lock file of ours: a live holder's lock file is always
// a regular file with one link, so nobody's lock is lost here. Never follows a link, never deletes
// what someone put into a folder (it is moved aside).
bool LockFileAttempt::clearNonLock(const QByteArray &path, const struct stat &st)
{
    if (S_ISDIR(st.st_mode)) {
        if (::rmdir(path.constData()) == 0 || errno == ENOENT)
            return true;
        for (int i = 1; i < 1000; ++i) {
            const QByteArray aside = path + ".folder-" + QByteArray::number(i);
            struct stat existing;
            if (::lstat(aside.constData(), &existing) == 0)
                continue;
            if (::rename(path.constData(), aside.constData()) == 0 || errno == ENOENT)
                return true;
            break;
        }
    } else if (::unlink(path.constData()) == 0 || errno == ENOENT) {
        return true; // a symlink, FIFO, socket, device node or a hard link: only this name goes
    }
    m_error = QStringLiteral("%1 is not a lock file and cannot be moved away (%2); remove it")
                  .arg(QFile::decodeName(path), QString::fromLocal8Bit(std::strerror(errno)));
    return false;
}

Attempt LockFileAttempt::run(const QString &lockPath, int *fdOut, QByteArray *holder)
{
    const QByteArray path = QFile::encodeName(lockPath);
    // A few rounds: each one that finds the path changed under it (a racing process, a hostile one)
    // starts over from what is there now.
    for (int round = 0; round < 16; ++round) {
        struct stat st;
        if (::lstat(path.constData(), &st) == 0 && !(S_ISREG(st.st_mode) && st.st_nlink == 1)) {
            if (!clearNonLock(path, st))
                return Attempt::Failed;
            continue;
        }
        constexpr int kFlags = O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY;
        bool writable = true;
        int fd = ::open(path.constData(), O_RDWR | O_CREAT | kFlags, 0644);
        if (fd < 0 && errno == EACCES) { // someone else's lock file: locking needs no write access
            writable = false;
            fd = ::open(path.constData(), O_RDONLY | kFlags);
            if (fd < 0 && errno == ENOENT)
                errno = EACCES;
        }
        if (fd < 0) {
            if (errno == ELOOP || errno == EISDIR || errno == ENXIO || errno == EWOULDBLOCK)
                continue; // replaced since lstat: look again
            return fail(createError(lockPath, errno));
        }
        struct stat opened;
        if (::fstat(fd, &opened) != 0 || !S_ISREG(opened.st_mode) || opened.st_nlink != 1) {
            ::close(fd);
            continue;
        }
        if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
            const int e = errno;
            *holder = readText(fd);
            ::close(fd);
            if (e == EWOULDBLOCK || e == EINTR)
                return Attempt::Busy;
            return fail(QStringLiteral("cannot lock %1 (%2)").arg(lockPath, QString::fromLocal8Bit(std::strerror(e))));
        }
        // Ours, if it is still the file at the path: a holder removes its file on release, so one
        // opened just before that release is not the lock any more.
        struct stat now;
        if (::lstat(path.constData(), &now) != 0 || now.st_dev != opened.st_dev || now.st_ino != opened.st_ino) {
            ::close(fd);
            continue;
        }
        if (writable && ::ftruncate(fd, 0) == 0) {
            const QByteArray text = holderText();
            // Best effort: the text is only for other processes' messages.
            const ssize_t written = ::pwrite(fd, text.constData(), std::size_t(text.size()), 0);
            (void)written;
        }
        *fdOut = fd;
        return Attempt::Locked;
    }
    return fail(QStringLiteral("%1 keeps changing while it is being locked; remove it").arg(lockPath));
}

} // namespace

struct ProjectLock::Shared {
    Shared(const QString &lockPath, int fd) : path(lockPath), fd(fd) {}
    ~Shared()
    {
        // Removed while still held (a racer that opened it meanwhile notices and starts over), and
        // only when the path is still our file.
        const QByteArray name = QFile::encodeName(path);
        struct stat mine, there;
        if (::fstat(fd, &mine) == 0 && ::lstat(name.constData(), &there) == 0 && mine.st_dev == there.st_dev &&
            mine.st_ino == there.st_ino)
            ::unlink(name.constData());
        ::close(fd); // releases the flock
    }
    Shared(const Shared &) = delete;
    Shared &operator=(const Shared &) = delete;
    QString path;
    int fd;
};

namespace {

// Locks held by this process, by lock file path. Weak pointers: the last ProjectLock on a file
// releases it. Process-wide by nature: a second flock() from this process on a new open file
// description would conflict with our own.
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

} // namespace

ProjectLock::ProjectLock(const QString &projectPath) : m_path(projectPath) {}

ProjectLock::~ProjectLock()
{
    unlock(); // under the registry mutex, so a concurrent tryLock never sees a half-released lock
}

QString ProjectLock::lockFilePath(const QString &projectPath)
{
    // The real file's real folder, so every path to one project (a symlink to it or to its folder,
    // "./p" and "p") names one lock file, before and after create() makes the project.
    const QFileInfo info(projectPath);
    if (const QString canonical = info.canonicalFilePath(); !canonical.isEmpty())
        return canonical + QStringLiteral(".lock");
    const QString folder = QFileInfo(info.absolutePath()).canonicalFilePath();
    return (folder.isEmpty() ? info.absolutePath() : folder) + u'/' + info.fileName() + QStringLiteral(".lock");
}

bool ProjectLock::tryLock()
{
    if (m_held)
        return true;
    m_error.clear();
    m_holder.clear();
    m_busy = false;
    const QString lockPath = lockFilePath(m_path);
    QMutexLocker guard(&registryMutex());
    if (auto existing = registry().value(lockPath).lock()) {
        m_held = existing;
        return true;
    }
    int fd = -1;
    QByteArray text;
    LockFileAttempt attempt;
    switch (attempt.run(lockPath, &fd, &text)) {
    case Attempt::Locked:
        m_held = std::make_shared<Shared>(lockPath, fd);
        registry().insert(lockPath, m_held);
        return true;
    case Attempt::Busy:
        m_busy = true;
        m_holder = describeHolder(text);
        m_error = QStringLiteral("%1: in use by %2; lock file %3").arg(m_path, m_holder, lockPath);
        return false;
    case Attempt::Failed:
        break;
    }
    m_error = QStringLiteral("%1: %2").arg(m_path, attempt.errorString());
    return false;
}

bool ProjectLock::lock(int waitMs, const std::function<void(const QString &)> &onWait)
{
    QElapsedTimer timer;
    timer.start();
    bool told = false;
    while (!tryLock()) {
        if (!m_busy || timer.elapsed() >= waitMs)
            return false;
        if (!told && onWait) {
            onWait(m_holder);
            told = true;
        }
        QThread::msleep(50);
    }
    return true;
}

void ProjectLock::unlock()
{
    QMutexLocker guard(&registryMutex());
    m_held.reset(); // the flock is released when the last holder in this process lets go
}

bool ProjectLock::isHeldElsewhere(const QString &projectPath, QString *holder)
{
    ProjectLock probe(projectPath);
    if (probe.tryLock())
        return false;
    if (holder)
        *holder = probe.holder();
    return probe.isBusy();
}

} // namespace tc::core
