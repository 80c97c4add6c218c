#pragma once
// Shared by the verify-view tests and the benchmark: a project imported from the world-small fixture with
// core's own importer, plus an independent reader of the raw Tiny Images record (numpy's order='F' layout)
// to check that the view shows the pixels of the candidate it claims.

#include "core/project/CatalogJson.h"
#include "core/project/Database.h"
#include "core/project/Project.h"
#include "core/project/Statement.h"
#include "core/project/TinyImport.h"
#include "tests/support/TestSupport.h"

#include <QFile>
#include <QImage>

namespace tc::test {

// Imports world-small's catalog keywords into path; empty string on success, else the error.
inline QString makeWorldSmallProject(const QString &path)
{
    core::CatalogJson json;
    const core::Catalog catalog = json.load(fixture(QStringLiteral("world-small/keyword_counts.json")));
    if (catalog.isEmpty())
        return json.errorString();
    core::Project project;
    if (!project.create(path))
        return project.errorString();
    core::TinyImport import(project);
    if (!import.run(fixture(QStringLiteral("world-small/tinyimages")), catalog))
        return import.errorString();
    return {};
}

// Record i of tiny_images.bin decoded by hand: three 1024-byte planes, each stored column by column.
inline QImage tinyRecord(qint64 index)
{
    QFile f(fixture(QStringLiteral("world-small/tinyimages/tiny_images.bin")));
    if (!f.open(QIODevice::ReadOnly) || !f.seek(index * 3072))
        return {};
    const QByteArray rec = f.read(3072);
    if (rec.size() != 3072)
        return {};
    QImage image(32, 32, QImage::Format_RGB888);
    for (int row = 0; row < 32; ++row)
        for (int col = 0; col < 32; ++col)
            image.setPixelColor(col, row,
                                QColor(quint8(rec[row + 32 * col]), quint8(rec[row + 32 * col + 1024]),
                                       quint8(rec[row + 32 * col + 2048])));
    return image;
}

// One row of the decision log as SQLite holds it, read with plain SQL (not through Project's queries).
struct LoggedDecision {
    qint64 candidateId = 0;
    int verdict = -1;
    QString annotator, viewMode;
    qint64 undoes = 0;
};

inline QList<LoggedDecision> decisionLog(const QString &path)
{
    QList<LoggedDecision> rows;
    core::Database db;
    if (!db.open(path, core::Database::OpenMode::ReadOnly))
        return rows;
    core::Statement q(db, QStringLiteral("SELECT candidate_id, verdict, annotator, view_mode, coalesce(undoes, 0) "
                                         "FROM decisions ORDER BY id"));
    while (q.next())
        rows.append({q.int64(0), int(q.int64(1)), q.text(2), q.text(3), q.int64(4)});
    return rows;
}

inline qint64 tinyIndexOf(const QString &path, qint64 candidateId)
{
    core::Database db;
    if (!db.open(path, core::Database::OpenMode::ReadOnly))
        return -2;
    core::Statement q(db, QStringLiteral("SELECT tiny_index FROM candidates WHERE id = ?1"));
    q.bind(1, candidateId);
    return q.next() ? q.int64(0) : -2;
}

} // namespace tc::test
