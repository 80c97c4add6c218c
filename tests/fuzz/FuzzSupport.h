#pragma once

// Helpers shared by the fuzz targets. Some parsers only take a path, so the input goes through a
// file in a per-process temporary folder (tmpfs-speed on this machine; one write per run).
#include <QByteArray>
#include <QCoreApplication>
#include <QFile>
#include <QString>
#include <QTemporaryDir>
#include <cstddef>
#include <cstdint>

namespace tc::fuzz {

// Qt classes that look at QCoreApplication (paths, codecs) want one alive.
inline void ensureApp()
{
    static int argc = 1;
    static char name[] = "fuzz";
    static char *argv[] = {name, nullptr};
    static QCoreApplication *app = QCoreApplication::instance() ? nullptr : new QCoreApplication(argc, argv);
    (void)app;
}

inline QString tempDir()
{
    static QTemporaryDir dir; // removed at exit
    return dir.path();
}

// Writes data to <tempDir>/<name> (replacing it) and returns the path.
inline QString writeTemp(const QString &name, const std::uint8_t *data, std::size_t size)
{
    const QString path = tempDir() + QLatin1Char('/') + name;
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        abort(); // the harness is broken, not the parser
    f.write(reinterpret_cast<const char *>(data), qint64(size));
    return path;
}

inline QByteArray bytes(const std::uint8_t *data, std::size_t size)
{
    return QByteArray(reinterpret_cast<const char *>(data), qsizetype(size));
}

} // namespace tc::fuzz
