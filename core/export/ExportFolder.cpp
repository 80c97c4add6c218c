#include "core/export/ExportFolder.h"

#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLockFile>
#include <QSet>
#include <algorithm>

namespace tc::core {

namespace {

// The header line is small (a few hundred file names); anything longer is not ours.
constexpr qint64 kMaxHeaderLine = qint64(4) << 20;

bool inside(const QString &folder, const QString &path)
{
    if (folder.isEmpty() || path.isEmpty())
        return false;
    if (folder == path)
        return true;
    const QString prefix = folder.endsWith(QLatin1Char('/')) ? folder : folder + QLatin1Char('/');
    return path.startsWith(prefix);
}

// Both spellings of a protected path: as recorded (a link there is itself protected) and resolved.
QStringList spellings(const QString &path)
{
    QStringList out{QDir::cleanPath(QFileInfo(path).absoluteFilePath())};
    const QString r = ExportFolder::resolved(path);
    if (!r.isEmpty() && r != out.first())
        out << r;
    return out;
}

bool isStaleLock(const QString &path)
{
    if (!QFileInfo(path).isFile() || QFileInfo(path).isSymLink())
        return false;
    QLockFile lock(path);
    lock.setStaleLockTime(0); // stale only when its process is gone, never by age
    if (!lock.tryLock(0))
        return false;
    lock.unlock(); // removes it
    return true;
}

} // namespace

bool ExportFolder::fail(const QString &message)
{
    m_error = message;
    return false;
}

// The relative paths listed by dir's manifest header with their sizes; false with errorString() when
// there is no such header.
bool ExportFolder::readHeader(const QString &dir, QHash<QString, qint64> *sizes)
{
    QFile f(QDir(dir).filePath(ExportFolder::kManifest));
    const QFileInfo info(f.fileName());
    if (!info.exists() || info.isSymLink() || !info.isFile())
        return fail(QStringLiteral("%1 has no %2").arg(dir, ExportFolder::kManifest));
    if (!f.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("%1: cannot read (%2)").arg(f.fileName(), f.errorString()));
    const QByteArray line = f.readLine(kMaxHeaderLine).trimmed();
    const auto notOurs = [&] {
        return fail(QStringLiteral("%1 is not the manifest of a TinyCurator export").arg(f.fileName()));
    };
    if (!line.startsWith(ExportFolder::kHeaderPrefix) || !line.endsWith(','))
        return notOurs();
    const QByteArray object =
        line.mid(ExportFolder::kHeaderPrefix.size(), line.size() - ExportFolder::kHeaderPrefix.size() - 1);
    const QJsonDocument doc = QJsonDocument::fromJson(object);
    const QJsonObject header = doc.object();
    if (!doc.isObject() || header.value(QStringLiteral("version")).toInt() != ExportFolder::kHeaderVersion ||
        !header.value(QStringLiteral("files")).isArray())
        return notOurs();
    for (const QJsonValue &v : header.value(QStringLiteral("files")).toArray()) {
        const QString path = v.toObject().value(QStringLiteral("path")).toString();
        const QJsonValue bytes = v.toObject().value(QStringLiteral("bytes"));
        // Only plain relative paths below the folder: a listing cannot name anything outside it.
        if (path.isEmpty() || QDir::isAbsolutePath(path) || QDir::cleanPath(path) != path ||
            path.startsWith(QLatin1String("..")) || path.contains(QLatin1String("/../")) || !bytes.isDouble())
            return notOurs();
        sizes->insert(path, qint64(bytes.toDouble()));
    }
    return true;
}

QString ExportFolder::stagingTemplate(const QString &dir)
{
    const QFileInfo out(dir);
    return out.absolutePath() + QStringLiteral("/.") + out.fileName() + QStringLiteral(".partial-XXXXXX");
}

QString ExportFolder::asideTemplate(const QString &dir)
{
    const QFileInfo out(dir);
    return out.absolutePath() + QStringLiteral("/.") + out.fileName() + QStringLiteral(".old-XXXXXX");
}

QString ExportFolder::resolved(const QString &dir)
{
    const QString absolute = QDir::cleanPath(QFileInfo(dir).absoluteFilePath());
    const QFileInfo info(absolute);
    if (info.exists())
        return info.canonicalFilePath();
    if (info.isSymLink())
        return {}; // a link to nothing
    // Not there yet: its nearest existing ancestor, resolved, plus the rest as written.
    QStringList rest;
    QString current = absolute;
    while (!QFileInfo::exists(current)) {
        if (QFileInfo(current).isSymLink())
            return {};
        const QString parent = QFileInfo(current).path();
        if (parent == current)
            return absolute;
        rest.prepend(QFileInfo(current).fileName());
        current = parent;
    }
    return QDir::cleanPath(QFileInfo(current).canonicalFilePath() + QLatin1Char('/') + rest.join(QLatin1Char('/')));
}

QString ExportFolder::check(const QString &dir, bool force, const QList<ProtectedPath> &protectedPaths)
{
    if (dir.isEmpty())
        return QStringLiteral("no output folder given");
    for (const ProtectedPath &p : protectedPaths)
        for (const QString &spelling : spellings(p.path)) {
            if (spelling == dir)
                return QStringLiteral("%1: is %2 (%3); an export never writes there, choose a new folder")
                    .arg(dir, p.what, p.path);
            if (inside(dir, spelling))
                return QStringLiteral("%1: contains %2 (%3); an export never writes into or replaces such a folder, "
                                      "choose a new one")
                    .arg(dir, p.what, p.path);
        }
    const QFileInfo info(dir);
    if (!info.exists())
        return {};
    if (!info.isDir())
        return QStringLiteral("%1: exists and is not a folder").arg(dir);
    QDirIterator first(dir, QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System);
    if (!first.hasNext())
        return {};
    const QString example = QFileInfo(first.next()).fileName();
    if (!force)
        return QStringLiteral("%1: exists and is not empty (it holds %2); --force (\"Overwrite\") replaces only a "
                              "previous TinyCurator export")
            .arg(dir, example);
    ExportFolder folder;
    QStringList files;
    if (folder.recognise(dir, &files))
        return {};
    if (!QFileInfo::exists(QDir(dir).filePath(kManifest)))
        return QStringLiteral("%1: not replaced: it holds %2 and no %3, so it is not a previous TinyCurator export")
            .arg(dir, QDir(dir).filePath(example), kManifest);
    return QStringLiteral("%1: not replaced, because it is not only a previous TinyCurator export: %2")
        .arg(dir, folder.errorString());
}

bool ExportFolder::recognise(const QString &dir, QStringList *files)
{
    m_error.clear();
    QHash<QString, qint64> sizes;
    if (!readHeader(dir, &sizes))
        return false;
    QSet<QString> folders; // every parent folder of a listed file
    for (auto it = sizes.cbegin(); it != sizes.cend(); ++it)
        for (QString p = QFileInfo(it.key()).path(); p != QLatin1String("."); p = QFileInfo(p).path())
            folders.insert(p);
    const QDir root(dir);
    files->clear();
    QDirIterator it(dir, QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System,
                    QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QFileInfo entry = it.fileInfo();
        const QString rel = root.relativeFilePath(path);
        if (entry.isSymLink())
            return fail(QStringLiteral("%1 is a symbolic link, which an export never writes").arg(path));
        if (entry.isDir()) {
            if (!folders.contains(rel))
                return fail(QStringLiteral("%1 was not written by the export").arg(path));
            continue;
        }
        if (rel == kManifest)
            continue;
        if (rel == kLockFile && isStaleLock(path))
            continue; // left by a run killed just after renaming its folder into place
        if (!entry.isFile() || !sizes.contains(rel))
            return fail(QStringLiteral("%1 was not written by the export").arg(path));
        if (entry.size() != sizes.value(rel))
            return fail(QStringLiteral("%1 changed since the export wrote it (%2 bytes, the manifest says %3)")
                            .arg(path)
                            .arg(entry.size())
                            .arg(sizes.value(rel)));
        *files << rel;
    }
    files->sort();
    return true;
}

bool ExportFolder::removeExport(const QString &dir)
{
    QStringList files;
    if (!recognise(dir, &files))
        return false;
    const QDir root(dir);
    bool ok = true;
    for (const QString &f : std::as_const(files) + QStringList{kManifest, kLockFile})
        if (QFileInfo::exists(root.filePath(f)) && !QFile::remove(root.filePath(f)))
            ok = false;
    // Folders deepest first; rmdir removes only empty ones, so anything that appeared meanwhile stays.
    QStringList folders;
    for (const QString &f : std::as_const(files))
        for (QString p = QFileInfo(f).path(); p != QLatin1String("."); p = QFileInfo(p).path())
            if (!folders.contains(p))
                folders << p;
    std::sort(folders.begin(), folders.end(),
              [](const QString &a, const QString &b) { return a.count(QLatin1Char('/')) > b.count(QLatin1Char('/')); });
    for (const QString &f : std::as_const(folders))
        root.rmdir(f);
    if (!QDir().rmdir(dir) || !ok)
        return fail(QStringLiteral("%1: could not remove every file of the previous export").arg(dir));
    return true;
}

QStringList ExportFolder::cleanLeftovers(const QString &dir)
{
    QStringList done;
    const QFileInfo out(dir);
    const QDir parent(out.absolutePath());
    if (!parent.exists())
        return done;
    const QString name = out.fileName();
    const auto matching = [&](const QString &kind) {
        QStringList found;
        const QString prefix = QLatin1Char('.') + name + kind;
        for (const QFileInfo &e : parent.entryInfoList({prefix + QLatin1Char('*')},
                                                       QDir::Dirs | QDir::Hidden | QDir::NoDotAndDotDot, QDir::Time))
            if (!e.isSymLink() && e.fileName().size() == prefix.size() + 6) // the XXXXXX of QTemporaryDir
                found << e.absoluteFilePath();
        return found; // newest first
    };
    ExportFolder folder;
    QStringList files;
    // Staging folders: a killed run's (its lock is stale), one killed before its lock was written (empty,
    // or holding only an empty lock file), or a complete one a kill kept from its rename.
    const auto killedEarly = [](const QString &partial) {
        const QStringList entries =
            QDir(partial).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System);
        const QFileInfo lock(QDir(partial).filePath(kLockFile));
        return entries.isEmpty() ||
               (entries == QStringList{kLockFile} && lock.isFile() && !lock.isSymLink() && lock.size() == 0);
    };
    for (const QString &partial : matching(QStringLiteral(".partial-"))) {
        if (killedEarly(partial) || isStaleLock(QDir(partial).filePath(kLockFile)) ||
            folder.recognise(partial, &files)) {
            if (QDir(partial).removeRecursively())
                done << QStringLiteral("removed %1, left by an export that did not finish").arg(partial);
        }
    }
    // Previous exports moved aside: put back the newest when the folder is gone (a kill between the two
    // renames), drop the rest (a completed run replaced them).
    for (const QString &aside : matching(QStringLiteral(".old-"))) {
        if (!folder.recognise(aside, &files))
            continue;
        if (!QFileInfo::exists(dir) && !QFileInfo(dir).isSymLink() && QDir().rename(aside, dir))
            done << QStringLiteral("restored %1 from %2, moved aside by an export that did not finish").arg(dir, aside);
        else if (folder.removeExport(aside))
            done << QStringLiteral("removed %1, a previous export already replaced").arg(aside);
    }
    return done;
}

} // namespace tc::core
