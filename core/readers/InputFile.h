#pragma once

#include <QByteArray>
#include <QString>

class QFile;

namespace tc::core {

// The one gate every reader and importer passes before it opens an input: only a regular file (or
// a symbolic link to one) is opened. Opening a FIFO for reading blocks until a writer appears and a
// character device never ends, so "read the whole file" on either would hang or grow without limit;
// they are refused by type, before open(), never read.
//
//     InputFile input;
//     if (!input.open(file, path))
//         return fail(input.errorString());
class InputFile final {
public:
    // Empty when path names a regular file; else the problem in words ("no such file", "a FIFO
    // (named pipe), not a regular file", "a folder, not a file", ...), without the path.
    static QString problem(const QString &path);

    // Opens path read-only when it is a regular file. False with errorString() = "<path>: <problem>".
    bool open(QFile &file, const QString &path);

    // The whole file, refused before any allocation when it is larger than maxBytes (what the
    // caller's format can plausibly need). False with errorString() = "<path>: <problem>".
    bool readAll(const QString &path, qint64 maxBytes, QByteArray *out, const QString &what = QStringLiteral("file"));

    QString errorString() const { return m_error; }

private:
    QString m_error;
};

} // namespace tc::core
