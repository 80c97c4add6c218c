#include "core/project/ProjectFiles.h"

#include <QFile>
#include <QFileInfo>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace tc::core {

void ProjectFiles::removeCompanions(const QString &path)
{
    for (const char *suffix : {"-wal", "-shm", "-journal"})
        QFile::remove(path + QLatin1String(suffix));
}

void ProjectFiles::remove(const QString &path)
{
    QFile::remove(path);
    removeCompanions(path);
}

bool ProjectFiles::moveIntoPlace(const QString &from, const QString &to, bool replace)
{
    m_error.clear();
    m_targetExisted = false;
    const QByteArray source = QFile::encodeName(from), target = QFile::encodeName(QFileInfo(to).absoluteFilePath());
    const auto failed = [&](int code) {
        m_error = QStringLiteral("%1: cannot create (%2)").arg(to, QString::fromLocal8Bit(std::strerror(code)));
        return false;
    };
    if (replace) {
        if (::rename(source.constData(), target.constData()) != 0)
            return failed(errno);
    } else if (::link(source.constData(), target.constData()) == 0) {
        ::unlink(source.constData());
    } else if (errno == EEXIST) {
        m_targetExisted = true;
        m_error = QStringLiteral("%1: already exists").arg(to);
        return false;
    } else { // no hard links here (FAT, some network shares): rename, after checking once more
        if (QFileInfo::exists(to) || QFileInfo(to).isSymLink()) {
            m_targetExisted = true;
            m_error = QStringLiteral("%1: already exists").arg(to);
            return false;
        }
        if (::rename(source.constData(), target.constData()) != 0)
            return failed(errno);
    }
    syncFolder(QFileInfo(to).absolutePath());
    return true;
}

void ProjectFiles::syncFolder(const QString &dir)
{
    const int fd = ::open(QFile::encodeName(dir).constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        ::fsync(fd);
        ::close(fd);
    }
}

} // namespace tc::core
