#pragma once

// Small synthetic projects for the project tests: two classes, four keywords, candidates with
// deterministic pixels, inserted through plain SQL (not through the importers under test).
#include "core/project/Project.h"
#include "core/project/Statement.h"
#include "core/project/Transaction.h"

#include <QByteArray>
#include <QTemporaryDir>

namespace tc::test {

inline QByteArray fixturePixels(qint64 seed)
{
    QByteArray px(3072, Qt::Uninitialized);
    for (int i = 0; i < px.size(); ++i)
        px[i] = char((seed * 131 + i * 7) & 0xff);
    return px;
}

// cat: tabby (catalog 3, 4 candidates), kitty (1, 2); dog: puppy (2, 3), hound (2, 0: absent).
// Candidate ids follow insertion order: tabby 1-4, kitty 5-6, puppy 7-9.
inline bool makeFixtureProject(core::Project &project, const QString &path)
{
    if (!project.create(path))
        return false;
    const core::Catalog catalog = {
        {QStringLiteral("cat"), {{QStringLiteral("tabby"), 3}, {QStringLiteral("kitty"), 1}}},
        {QStringLiteral("dog"), {{QStringLiteral("puppy"), 2}, {QStringLiteral("hound"), 2}}}};
    if (!project.defineCatalog(catalog))
        return false;
    core::Database &db = project.database();
    core::Transaction tx(db);
    core::Statement insert(db, QStringLiteral("INSERT INTO candidates(keyword_id, tiny_index, keyword_pos, pixels) "
                                              "VALUES (?1, ?2, ?3, ?4)"));
    const int perKeyword[] = {4, 2, 3, 0};
    qint64 tiny = 1000;
    for (int k = 0; k < 4; ++k)
        for (int pos = 0; pos < perKeyword[k]; ++pos, ++tiny)
            if (!insert.bind(1, qint64(k + 1))
                     .bind(2, tiny)
                     .bind(3, qint64(pos))
                     .bindBlob(4, fixturePixels(tiny))
                     .exec())
                return false;
    if (!tx.commit())
        return false;
    const auto hound = project.keywordByName(QStringLiteral("dog"), QStringLiteral("hound"));
    return hound && project.setKeywordAbsent(hound->id, true);
}

} // namespace tc::test
