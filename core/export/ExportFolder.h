#pragma once

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

namespace tc::core {

// A path an export must never write into or replace, and what it is ("the project file").
struct ProtectedPath {
    QString path;
    QString what;
};

// The one owner of "what may an export write to and replace" (docs/RELIABILITY.md, "What export will
// never do"). An export never deletes a file it did not write:
//  - it never writes into, or replaces, a folder that is or contains the project file (or its -wal,
//    -shm, -journal or .lock file) or any input the project came from (protected paths), whether
//    reached by path or through symbolic links;
//  - an existing folder is replaced only with force, and only when it is a previous TinyCurator
//    export: its manifest.json header lists every file in it with its size, and nothing else (no
//    other file, no symbolic link, no changed size) is there;
//  - the previous export is removed file by file from that list, after the new one is complete.
// Staging folders of killed runs (".<name>.partial-XXXXXX", holding a stale lock file or a complete
// export) and moved-aside previous exports (".<name>.old-XXXXXX") are cleaned by the next run.
class ExportFolder final {
public:
    static inline const QString kManifest = QStringLiteral("manifest.json");
    // Inside a staging folder while an export writes it (QLockFile: pid, host, application).
    static inline const QString kLockFile = QStringLiteral(".tinycurator-export.lock");
    // manifest.json starts with this, then the header object, alone on the first line.
    static inline const QByteArray kHeaderPrefix = QByteArrayLiteral("{\"tinycurator_export\": ");
    static constexpr int kHeaderVersion = 1;

    // `dir` as the file system resolves it: every symbolic link in it and its parents followed (for a
    // path that does not exist yet, its nearest existing ancestor's). Empty for a broken link.
    static QString resolved(const QString &dir);

    // Empty when `dir` (already resolved) may receive an export, else why not, naming the file.
    // protectedPaths: the project file and every input it came from.
    static QString check(const QString &dir, bool force, const QList<ProtectedPath> &protectedPaths);

    // Whether dir holds a previous TinyCurator export and nothing else; *files then lists it (relative
    // paths), else errorString() says what is not (naming the first foreign, linked or changed file).
    bool recognise(const QString &dir, QStringList *files);

    // Deletes a recognised export: its listed files, then its folders once empty. False with
    // errorString() when dir is not one (then nothing is deleted) or a file could not be removed.
    bool removeExport(const QString &dir);

    QString errorString() const { return m_error; }

    // Cleans the leftovers of killed runs next to dir: restores a moved-aside previous export when dir
    // is missing, removes stale staging folders and obsolete previous exports. Returns what it did, one
    // line each (for the CLI and the dialog to show).
    static QStringList cleanLeftovers(const QString &dir);

    // The sibling names a run uses: ".<name>.partial-XXXXXX" and ".<name>.old-XXXXXX" templates.
    static QString stagingTemplate(const QString &dir);
    static QString asideTemplate(const QString &dir);

private:
    bool readHeader(const QString &dir, QHash<QString, qint64> *sizes);
    bool fail(const QString &message);

    QString m_error;
};

} // namespace tc::core
