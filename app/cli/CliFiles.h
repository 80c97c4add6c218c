#pragma once

#include <QFile>
#include <QIODevice>
#include <QSaveFile>
#include <QString>
#include <memory>

namespace tc::cli {

// The CLI's one rule for file arguments: "-" means standard output for an output and standard
// input for an input, everywhere; any other path is a file. Outputs are written atomically (the
// file appears complete or not at all); inputs must be regular files, so a FIFO or a device never
// makes a command hang.
class CliOutput final {
public:
    // False with errorString() naming the path when it cannot be created.
    bool open(const QString &path);
    QIODevice *device() { return m_device; }
    bool isStdout() const { return m_stdout != nullptr; }
    // Makes a file output permanent (stdout: flushes). False with errorString() on a write error.
    bool commit();
    QString errorString() const { return m_error; }
    QString path() const { return m_path; }

private:
    QString m_path;
    QString m_error;
    std::unique_ptr<QSaveFile> m_file;
    std::unique_ptr<QFile> m_stdout;
    QIODevice *m_device = nullptr;
};

// An argument that names a folder or a file whose format is recognised by content (an image set,
// a Tiny Images folder): it cannot be standard input, so '-' is refused rather than taken for a
// file named "-". check() is false with errorString() naming the argument.
class PathArgument final {
public:
    bool check(const QString &path, const QString &argument);
    QString errorString() const { return m_error; }

private:
    QString m_error;
};

class CliInput final {
public:
    // False with errorString() naming the path when it is missing, not a regular file or unreadable.
    bool open(const QString &path);
    QIODevice *device() { return &m_file; }
    QString errorString() const { return m_error; }
    // What messages call the input: the path, or "standard input".
    QString name() const { return m_name; }

private:
    QFile m_file;
    QString m_name;
    QString m_error;
};

} // namespace tc::cli
