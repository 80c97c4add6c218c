// Schema version 5 (near_pairs.shift_x / shift_y / mirrored) on a file written at version 4: a
// read-only open reads its pairs as measured as they are (the read shim) and leaves the file at
// version 4; a writable open migrates it, keeping every pair; the stored transform round-trips
// through DedupStore and the columns refuse values outside the transforms that exist.
#include "core/dedup/DedupStore.h"
#include "core/project/Database.h"
#include "core/project/Project.h"
#include "core/project/ProjectSchema.h"

#include <QTemporaryDir>
#include <QTest>

using namespace tc::core;

class TestPairTransformSchema final : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_file = m_dir.filePath(QStringLiteral("v4.tcproj"));
        Database db;
        QVERIFY(db.open(m_file));
        ProjectSchema schema(db);
        QVERIFY2(schema.configure() && schema.migrate(4), qPrintable(schema.errorString()));
        QVERIFY(db.exec(QStringLiteral(
            "INSERT INTO meta(key, value) VALUES ('final_state_rule', 'unanimous');" // as version 4 left it
            "INSERT INTO classes(id, name, label, target) VALUES (1, 'cat', 3, 500);"
            "INSERT INTO keywords(id, class_id, keyword) VALUES (1, 1, 'tabby');"
            "INSERT INTO candidates(id, keyword_id, tiny_index, keyword_pos, pixels) VALUES (1, 1, 42, "
            "0, zeroblob(3072));"
            "INSERT INTO reference_sets(id, name, role, count) VALUES (1, 'cifar10-test', 'exclude', 1);"
            "INSERT INTO reference_images(set_id, idx, label, pixels) VALUES (1, 0, 3, zeroblob(3072));"
            "INSERT INTO near_pairs(candidate_id, set_id, ref_index, ssim, l2, status) VALUES (1, 1, 0, "
            "0.8, 900, 0);")));
    }

    void readOnlyOpenOfVersion4()
    {
        {
            Project p;
            QVERIFY2(p.openReadOnly(m_file), qPrintable(p.errorString()));
            DedupStore store(p.database());
            const auto pair = store.pair(1, 1, 0);
            QVERIFY2(pair, qPrintable(store.errorString()));
            QCOMPARE(pair->ssim, 0.8);
            QVERIFY(pair->transform.isIdentity());
            QCOMPARE(store.pairs().size(), 1);
        }
        Database db;
        QVERIFY(db.open(m_file));
        QCOMPARE(db.queryInt(QStringLiteral("PRAGMA user_version")), 4); // read-only never migrates
    }

    void writableOpenMigratesAndTransformsRoundTrip()
    {
        Project p;
        QVERIFY2(p.open(m_file), qPrintable(p.errorString()));
        QCOMPARE(p.schemaVersion(), 5);
        DedupStore store(p.database());
        auto pair = store.pair(1, 1, 0);
        QVERIFY(pair);
        QCOMPARE(pair->l2, 900.0);
        QVERIFY(pair->transform.isIdentity());
        QVERIFY(p.database().exec(
            QStringLiteral("UPDATE near_pairs SET shift_x = -2, shift_y = 1, mirrored = 1 WHERE candidate_id = 1")));
        pair = store.pair(1, 1, 0);
        QVERIFY(pair);
        QCOMPARE(pair->transform, (PairTransform{-2, 1, true}));
        for (const char *bad : {"shift_x = 3", "shift_y = -3", "mirrored = 2"})
            QVERIFY2(!p.database().exec(QStringLiteral("UPDATE near_pairs SET %1").arg(QLatin1String(bad))), bad);
    }

private:
    QTemporaryDir m_dir;
    QString m_file;
};

QTEST_GUILESS_MAIN(TestPairTransformSchema)
#include "TestPairTransformSchema.moc"
