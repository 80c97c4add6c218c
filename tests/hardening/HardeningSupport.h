#pragma once

// Helpers for the hardening tests: small projects made through the real CLI, SQLite checks from a
// fresh connection, and child processes that are killed on purpose.
#include "core/project/Database.h"
#include "core/project/Project.h"
#include "tests/support/TestSupport.h"

#include <QDirIterator>
#include <QFileInfo>
#include <QProcess>
#include <QString>

namespace tc::test::hardening {

// "ok" when PRAGMA integrity_check finds nothing wrong, else its first message.
inline QString integrityCheck(const QString &projectPath)
{
    core::Database db;
    // Read-write, like the app: the first connection after a crash replays the WAL.
    if (!db.open(projectPath, core::Database::OpenMode::ReadWrite))
        return db.errorString();
    return db.queryInt(QStringLiteral("SELECT count(*) FROM pragma_integrity_check WHERE integrity_check <> 'ok'"),
                       -1) == 0
               ? QStringLiteral("ok")
               : QStringLiteral("integrity_check reported problems");
}

// A two-class project (airplane: airbus, jetliner; cat: tabby) with candidatesPerKeyword distinct
// random images per keyword, Tiny indices 0.., created in-process (no CLI or ../shared needed).
inline bool makeSmallProject(const QString &path, int candidatesPerKeyword = 4)
{
    core::Project project;
    const core::Catalog catalog{
        {QStringLiteral("airplane"), {{QStringLiteral("airbus"), 3}, {QStringLiteral("jetliner"), 1}}},
        {QStringLiteral("cat"), {{QStringLiteral("tabby"), 2}}}};
    if (!project.create(path) || !project.defineCatalog(catalog))
        return false;
    return project.database().exec(
        QStringLiteral("WITH RECURSIVE pos(p) AS (SELECT 0 UNION ALL SELECT p + 1 FROM pos WHERE p + 1 < %1) "
                       "INSERT INTO candidates(keyword_id, tiny_index, keyword_pos, pixels) "
                       "SELECT k.id, (k.id - 1) * %1 + pos.p, pos.p, randomblob(3072) FROM keywords k, pos;")
            .arg(candidatesPerKeyword));
}

// Every file under root with its size ("rel/path 1234"), sorted: two exports with the same seed
// must list the same.
inline QStringList fileSizesUnder(const QString &root)
{
    QStringList files;
    QDirIterator it(root, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        files << QStringLiteral("%1 %2").arg(QDir(root).relativeFilePath(path)).arg(QFileInfo(path).size());
    }
    files.sort();
    return files;
}

} // namespace tc::test::hardening
