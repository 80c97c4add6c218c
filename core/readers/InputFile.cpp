#include "core/readers/InputFile.h"

#include "core/readers/ReadError.h"

#include <QFile>
#include <cerrno>
#include <cstring>
#include <sys/stat.h>

namespace tc::core {

QString InputFile::problem(const QString &path)
{
    if (path.isEmpty())
        return QStringLiteral("empty path");
    struct stat st {};
    // stat() follows symbolic links: a link to a regular file is fine, a link to a FIFO is not.
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return errno == ENOENT ? QStringLiteral("no such file") : QString::fromLocal8Bit(strerror(errno));
    if (S_ISREG(st.st_mode))
        return {};
    if (S_ISDIR(st.st_mode))
        return QStringLiteral("a folder, not a file");
    if (S_ISFIFO(st.st_mode))
        return QStringLiteral("a FIFO (named pipe), not a regular file; it is never read");
    if (S_ISSOCK(st.st_mode))
        return QStringLiteral("a socket, not a regular file; it is never read");
    if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode))
        return QStringLiteral("a device, not a regular file; it is never read");
    return QStringLiteral("not a regular file; it is never read");
}

bool InputFile::open(QFile &file, const QString &path)
{
    m_error.clear();
    if (const QString why = problem(path); !why.isEmpty()) {
        // A missing or unreadable path "cannot be opened"; a FIFO or a device is refused by type.
        const bool byType = why.contains(QLatin1String("never read")) || why.startsWith(QLatin1String("a folder"));
        m_error = fileError(path, byType ? why : QStringLiteral("cannot open (%1)").arg(why));
        return false;
    }
    file.setFileName(path);
    if (!file.open(QIODevice::ReadOnly)) {
        m_error = fileError(path, QStringLiteral("cannot open (%1)").arg(file.errorString()));
        return false;
    }
    return true;
}

bool InputFile::readAll(const QString &path, qint64 maxBytes, QByteArray *out, const QString &what)
{
    QFile file;
    if (!open(file, path))
        return false;
    const qint64 size = file.size();
    if (size > maxBytes) {
        m_error = fileError(
            path,
            QStringLiteral("%1 bytes is too large for a %2 (the limit is %3 bytes)").arg(size).arg(what).arg(maxBytes));
        return false;
    }
    *out = file.read(size);
    if (out->size() != size) {
        m_error = fileError(path, QStringLiteral("read error (%1)").arg(file.errorString()));
        return false;
    }
    return true;
}

} // namespace tc::core
