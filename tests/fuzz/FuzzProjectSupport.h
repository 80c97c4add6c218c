#pragma once

// A small template project for the importers' fuzz targets: two classes, three keywords and eight
// candidates, so fuzzed rows and paths can resolve. Each run starts from a fresh copy of the file,
// so decisions from earlier inputs neither grow the database nor change what later inputs see.
#include "FuzzSupport.h"
#include "core/project/Project.h"
#include "core/project/Statement.h"

#include <QFile>

namespace tc::fuzz {

inline QString templateProject()
{
    static const QString path = [] {
        const QString p = tempDir() + QStringLiteral("/template.tcproj");
        tc::core::Project project;
        tc::core::Catalog catalog{
            {QStringLiteral("airplane"), {{QStringLiteral("airbus"), 3}, {QStringLiteral("jet liner"), 1}}},
            {QStringLiteral("cat"), {{QStringLiteral("tabby"), 2}}}};
        if (!project.create(p) || !project.defineCatalog(catalog))
            abort();
        // keyword ids 1..3; two candidates per keyword at positions 0 and 1, Tiny indices 0..5.
        if (!project.database().exec(
                QStringLiteral("INSERT INTO candidates(keyword_id, tiny_index, keyword_pos, pixels) "
                               "SELECT k.id, (k.id - 1) * 2 + p.pos, p.pos, zeroblob(3072) FROM keywords k, "
                               "(SELECT 0 AS pos UNION ALL SELECT 1) p;")))
            abort();
        project.close();
        return p;
    }();
    return path;
}

// Opens a fresh copy of the template project.
inline bool openFreshProject(tc::core::Project &project)
{
    const QString work = tempDir() + QStringLiteral("/work.tcproj");
    for (const char *suffix : {"", "-wal", "-shm"})
        QFile::remove(work + QLatin1String(suffix));
    if (!QFile::copy(templateProject(), work) || !project.open(work))
        abort();
    return true;
}

} // namespace tc::fuzz
