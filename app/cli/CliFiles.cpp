#include "CliFiles.h"

#include <QFileInfo>
#include <cstdio>

namespace tc::cli {

bool CliOutput::open(const QString &path)
{
    m_path = path;
    if (path == QLatin1String("-")) {
        m_stdout = std::make_unique<QFile>();
        if (!m_stdout->open(stdout, QIODevice::WriteOnly)) {
            m_error = QStringLiteral("standard output: cannot write (%1)").arg(m_stdout->errorString());
            return false;
        }
        m_device = m_stdout.get();
        return true;
    }
    if (QFileInfo(path).isDir()) {
        m_error = QStringLiteral("%1: is a folder, not a file").arg(path);
        return false;
    }
    m_file = std::make_unique<QSaveFile>(path);
    if (!m_file->open(QIODevice::WriteOnly)) {
        m_error = QStringLiteral("%1: cannot create (%2)").arg(path, m_file->errorString());
        return false;
    }
    m_device = m_file.get();
    return true;
}

bool CliOutput::commit()
{
    if (m_stdout) {
        if (!m_stdout->flush()) {
            m_error = QStringLiteral("standard output: cannot write (%1)").arg(m_stdout->errorString());
            return false;
        }
        return true;
    }
    if (!m_file || !m_file->commit()) {
        m_error = QStringLiteral("%1: cannot write (%2)")
                      .arg(m_path, m_file ? m_file->errorString() : QStringLiteral("not open"));
        return false;
    }
    return true;
}

bool PathArgument::check(const QString &path, const QString &argument)
{
    m_error.clear();
    if (path != QLatin1String("-"))
        return true;
    m_error = QStringLiteral("%1: '-' (standard input) cannot be a folder or an image set; give a path").arg(argument);
    return false;
}

bool CliInput::open(const QString &path)
{
    if (path == QLatin1String("-")) {
        m_name = QStringLiteral("standard input");
        if (!m_file.open(stdin, QIODevice::ReadOnly)) {
            m_error = QStringLiteral("standard input: cannot read (%1)").arg(m_file.errorString());
            return false;
        }
        return true;
    }
    m_name = path;
    const QFileInfo info(path);
    if (!info.exists()) {
        m_error = QStringLiteral("%1: no such file").arg(path);
        return false;
    }
    if (!info.isFile()) { // a FIFO, socket, device or folder: reading it could block forever
        m_error = QStringLiteral("%1: not a regular file").arg(path);
        return false;
    }
    m_file.setFileName(path);
    if (!m_file.open(QIODevice::ReadOnly)) {
        m_error = QStringLiteral("%1: cannot read (%2)").arg(path, m_file.errorString());
        return false;
    }
    return true;
}

} // namespace tc::cli
