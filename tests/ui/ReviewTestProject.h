#pragma once

// Builds a small real project for the review and export UI tests: world-small's Tiny Images candidates
// imported through core, plus a reference set and near-duplicate pairs with known values.
#include "core/dedup/DedupStore.h"
#include "core/project/CatalogJson.h"
#include "core/project/Project.h"
#include "core/project/Statement.h"
#include "core/project/TinyImport.h"
#include "tests/support/TestSupport.h"

#include <QList>
#include <QString>

namespace tc::test {

struct SeededPair {
    qint64 candidateId;
    qint64 refIndex;
    double ssim;
    double l2;
};

// Imports world-small into a new project at path. False (with *error) on failure.
inline bool importWorldSmall(core::Project &project, const QString &path, QString *error)
{
    if (!project.create(path)) {
        *error = project.errorString();
        return false;
    }
    core::CatalogJson json;
    const core::Catalog catalog = json.load(fixture(QStringLiteral("world-small/keyword_counts.json")));
    core::TinyImport import(project);
    import.setMaxPerKeyword(4);
    if (catalog.isEmpty() || !import.run(fixture(QStringLiteral("world-small/tinyimages")), catalog)) {
        *error = json.errorString() + import.errorString();
        return false;
    }
    return true;
}

// A reference set "refs" (role exclude, added through core) whose image i is candidate ids[i] with every byte
// raised by i + 1 (a near copy), and one stored pair per candidate with the given SSIM and L2 = 300 (i + 1).
// The pair rows go straight into the documented near_pairs table: their values are the test's inputs,
// which the UI must list, count and mark.
inline QList<SeededPair> seedPairs(core::Project &project, const QList<qint64> &ids, const QList<double> &ssims)
{
    core::ImageSet refs;
    refs.labelNames =
        QStringList{"airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"};
    for (int i = 0; i < ids.size(); ++i) {
        const QByteArray px = project.pixels(ids[i]);
        for (char b : px)
            refs.pixels.push_back(std::uint8_t(std::min(255, int(uchar(b)) + i + 1)));
        refs.labels.push_back(i % 10);
    }
    core::DedupStore store(project.database());
    const qint64 setId =
        store.addReferenceSet(QStringLiteral("refs"), core::ReferenceRole::Exclude, QStringLiteral("seeded"), refs);
    QList<SeededPair> pairs;
    core::Statement pair(project.database(), QStringLiteral("INSERT INTO near_pairs(candidate_id, set_id, ref_index, "
                                                            "ssim, l2, status) VALUES(?1, ?2, ?3, ?4, ?5, 0)"));
    for (int i = 0; i < ids.size(); ++i) {
        const SeededPair p{ids[i], i, ssims[i], 300.0 * (i + 1)};
        pair.bind(1, p.candidateId).bind(2, setId).bind(3, p.refIndex).bind(4, p.ssim).bind(5, p.l2);
        pair.exec();
        pairs << p;
    }
    return pairs;
}

// The review status core stored for a pair (near_pairs.status), -1 when the pair is unknown.
inline int storedStatus(core::Project &project, qint64 candidateId, qint64 refIndex)
{
    core::Statement q(
        project.database(),
        QStringLiteral("SELECT status FROM near_pairs WHERE candidate_id = ?1 AND set_id = 1 AND ref_index = ?2"));
    q.bind(1, candidateId).bind(2, refIndex);
    return q.next() ? int(q.int64(0)) : -1;
}

} // namespace tc::test
