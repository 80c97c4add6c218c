#pragma once

// World-small projects made through the CLI as a curator makes them, and the tree snapshots the
// export and dedup safety tests compare before and after a refused or killed command.
#include "tests/support/TestSupport.h"

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QMap>

namespace tc::test {

// Empty when `tinycurator-cli args` exits with `expected`, else what it printed.
inline QString cli(const QStringList &args, int expected = 0)
{
    const ProcessResult r = runCli(args);
    if (r.exitCode == expected)
        return {};
    return QStringLiteral("%1 exited %2 (expected %3): %4 %5")
        .arg(args.join(u' '))
        .arg(r.exitCode)
        .arg(expected)
        .arg(QString::fromUtf8(r.out), QString::fromUtf8(r.err));
}

// `new` from tinyDir + catalog, then the decisions of truth.csv through import-decisions: `correct`
// candidates accepted, the other catalog ones rejected. Empty on success, else what failed.
inline QString makeCuratedProject(const QString &project, const QString &tinyDir, const QString &catalog)
{
    if (const QString bad = cli(
            {QStringLiteral("new"), project, QStringLiteral("--tiny"), tinyDir, QStringLiteral("--catalog"), catalog});
        !bad.isEmpty())
        return bad;
    const QString csvPath = QFileInfo(project).absolutePath() + QStringLiteral("/decisions.csv");
    QFile csv(csvPath);
    if (!csv.open(QIODevice::WriteOnly))
        return csvPath + QStringLiteral(": cannot write");
    csv.write("tiny_index,verdict,annotator,class\n");
    for (const auto &row : readTruthCsv())
        if (!row.value(QStringLiteral("keyword_class")).isEmpty())
            csv.write(QStringLiteral("%1,%2,ann,%3\n")
                          .arg(row.value(QStringLiteral("tiny_index")),
                               row.value(QStringLiteral("correct")) == QLatin1String("1") ? QStringLiteral("accept")
                                                                                          : QStringLiteral("reject"),
                               row.value(QStringLiteral("keyword_class")))
                          .toUtf8());
    csv.close();
    const QString bad = cli({QStringLiteral("import-decisions"), project, QStringLiteral("--csv"), csvPath});
    QFile::remove(csvPath);
    return bad;
}

// Every entry under root (links not followed): relative path -> SHA-256 of a file's bytes,
// "link:<target>" for a symbolic link, "dir" for a folder.
inline QMap<QString, QByteArray> treeSnapshot(const QString &root)
{
    QMap<QString, QByteArray> out;
    QDirIterator it(root, QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System,
                    QDirIterator::Subdirectories);
    const QDir base(root);
    while (it.hasNext()) {
        const QString path = it.next();
        const QFileInfo info = it.fileInfo();
        const QString rel = base.relativeFilePath(path);
        if (info.isSymLink()) {
            out.insert(rel, "link:" + info.symLinkTarget().toUtf8());
        } else if (info.isDir()) {
            out.insert(rel, "dir");
        } else {
            QFile f(path);
            QCryptographicHash h(QCryptographicHash::Sha256);
            if (f.open(QIODevice::ReadOnly))
                h.addData(&f);
            out.insert(rel, h.result().toHex());
        }
    }
    return out;
}

// What differs between two snapshots, for a failure message.
inline QString snapshotDiff(const QMap<QString, QByteArray> &before, const QMap<QString, QByteArray> &after)
{
    QStringList d;
    for (auto it = before.cbegin(); it != before.cend(); ++it)
        if (!after.contains(it.key()))
            d << QStringLiteral("gone: ") + it.key();
        else if (after.value(it.key()) != it.value())
            d << QStringLiteral("changed: ") + it.key();
    for (auto it = after.cbegin(); it != after.cend(); ++it)
        if (!before.contains(it.key()))
            d << QStringLiteral("new: ") + it.key();
    return d.join(QStringLiteral(", "));
}

// Files (not folders) under root, recursively.
inline int fileCount(const QString &root)
{
    int n = 0;
    QDirIterator it(root, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        ++n;
    }
    return n;
}

} // namespace tc::test
