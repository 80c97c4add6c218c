#include "core/project/CatalogJson.h"
#include "core/project/Project.h"
#include "core/project/Statement.h"
#include "core/project/TinyImport.h"
#include "tests/support/TestSupport.h"

#include <QCryptographicHash>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace tc::core;

// Import of world-small through the CLI `new` and through TinyImport, against truth.csv (which
// records per Tiny index the catalog class of its keyword) and a numpy reading of the raw file.
class TestTinyImport : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString tinyDir() const { return tc::test::fixture(QStringLiteral("world-small/tinyimages")); }
    QString catalogPath() const { return tc::test::fixture(QStringLiteral("world-small/keyword_counts.json")); }

    // (class, keyword) pairs of the catalog, read straight from the JSON.
    QSet<QString> catalogPairs() const
    {
        QFile f(catalogPath());
        if (!f.open(QIODevice::ReadOnly))
            return {};
        QSet<QString> pairs;
        const QJsonObject root = QJsonDocument::fromJson(f.readAll()).object();
        for (auto c = root.begin(); c != root.end(); ++c)
            for (const QString &kw : c.value().toObject().keys())
                pairs.insert(c.key() + QLatin1Char('/') + kw);
        return pairs;
    }

    static QSet<QString> candidatePairs(Project &p)
    {
        QSet<QString> pairs;
        Statement q(p.database(), QStringLiteral("SELECT c.tiny_index, cl.name FROM candidates c JOIN keywords k ON "
                                                 "k.id = c.keyword_id JOIN classes cl ON cl.id = k.class_id"));
        while (q.next())
            pairs.insert(QString::number(q.int64(0)) + QLatin1Char('/') + q.text(1));
        return pairs;
    }

private slots:
    void initTestCase() { TC_REQUIRE_SHARED(); }

    void cliNewImportsExactlyTheCatalogRecords()
    {
        const QString file = m_dir.filePath(QStringLiteral("cli.tcproj"));
        const auto r = tc::test::runCli({QStringLiteral("new"), file, QStringLiteral("--tiny"), tinyDir(),
                                         QStringLiteral("--catalog"), catalogPath()});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(r.out.contains("airplane/hangar_queen"));
        QVERIFY(r.out.contains("automobile/funny_wagon"));
        QVERIFY(r.err.contains("importing")); // progress on stderr

        Project p;
        QVERIFY(p.open(file));
        QSet<qint64> expected;
        QSet<QString> expectedPairs, truthKeywords;
        for (const auto &row : tc::test::readTruthCsv()) {
            truthKeywords.insert(row.value(QStringLiteral("keyword")));
            if (row.value(QStringLiteral("keyword_class")).isEmpty())
                continue;
            expected.insert(row.value(QStringLiteral("tiny_index")).toLongLong());
            expectedPairs.insert(row.value(QStringLiteral("tiny_index")) + QLatin1Char('/') +
                                 row.value(QStringLiteral("keyword_class")));
        }
        QVERIFY(expected.size() > 1000);
        QSet<qint64> imported;
        Statement q(p.database(), QStringLiteral("SELECT DISTINCT tiny_index FROM candidates"));
        while (q.next())
            imported.insert(q.int64(0));
        QCOMPARE(imported, expected);
        // Every truth row is a candidate of its class; extra (index, class) pairs exist only for keywords
        // that the catalog lists under two classes (they are verified once per class).
        const QSet<QString> pairs = candidatePairs(p);
        QVERIFY((expectedPairs - pairs).isEmpty());
        for (const QString &extra : pairs - expectedPairs) {
            const auto id = p.candidatesByTinyIndex(extra.section(QLatin1Char('/'), 0, 0).toLongLong());
            QCOMPARE(id.size(), 2);
        }
        // Absent keywords: exactly the catalog keywords without a record in the file.
        QSet<QString> expectedAbsent, absent;
        for (const QString &pair : catalogPairs())
            if (!truthKeywords.contains(pair.section(QLatin1Char('/'), 1)))
                expectedAbsent.insert(pair);
        for (const auto &k : p.keywords())
            if (k.absent)
                absent.insert(k.className + QLatin1Char('/') + k.keyword);
        QCOMPARE(absent, expectedAbsent);
        QVERIFY(absent.contains(QStringLiteral("airplane/hangar_queen")));
        QVERIFY(absent.contains(QStringLiteral("automobile/funny_wagon")));

        // Re-running is idempotent.
        const qint64 before = p.candidateCount();
        p.close();
        const auto again = tc::test::runCli({QStringLiteral("new"), file, QStringLiteral("--tiny"), tinyDir(),
                                             QStringLiteral("--catalog"), catalogPath()});
        QVERIFY2(again.exitCode == 0, again.err.constData());
        QVERIFY(again.out.contains("candidates added: 0,"));
        QVERIFY(p.open(file));
        QCOMPARE(p.candidateCount(), before);
    }

    void storedPixelsEqualTheRawRecords()
    {
        TC_REQUIRE_PYTHON("numpy");
        Project p;
        QVERIFY(p.create(m_dir.filePath(QStringLiteral("pixels.tcproj"))));
        TinyImport import(p);
        QVERIFY2(import.run(tinyDir(), CatalogJson().load(catalogPath())), qPrintable(import.errorString()));
        // numpy reads the file as users do: column-major planes -> HWC.
        const auto py = tc::test::runPython(
            QStringLiteral("import numpy as np, hashlib, sys\n"
                           "a = np.fromfile(sys.argv[1], dtype=np.uint8).reshape(-1, 3072)\n"
                           "for i, rec in enumerate(a):\n"
                           "    img = rec.reshape(32, 32, 3, order='F')\n"
                           "    print(i, hashlib.md5(np.ascontiguousarray(img).tobytes()).hexdigest())\n"),
            {tinyDir() + QStringLiteral("/tiny_images.bin")});
        QVERIFY2(py.exitCode == 0, py.err.constData());
        QHash<qint64, QByteArray> oracle;
        for (const QByteArray &line : py.out.split('\n'))
            if (!line.isEmpty())
                oracle.insert(line.split(' ')[0].toLongLong(), line.split(' ')[1]);
        Statement q(p.database(), QStringLiteral("SELECT tiny_index, pixels FROM candidates"));
        int checked = 0;
        while (q.next()) {
            const QByteArray md5 = QCryptographicHash::hash(q.blob(1), QCryptographicHash::Md5).toHex();
            QCOMPARE(md5, oracle.value(q.int64(0)));
            ++checked;
        }
        QCOMPARE(qint64(checked), p.candidateCount());
    }

    void maxPerKeywordThenTheRest()
    {
        Project p;
        QVERIFY(p.create(m_dir.filePath(QStringLiteral("max.tcproj"))));
        const Catalog catalog = CatalogJson().load(catalogPath());
        TinyImport limited(p);
        limited.setMaxPerKeyword(2);
        QVERIFY(limited.run(tinyDir(), catalog));
        for (const auto &k : p.keywords())
            QVERIFY(k.candidates <= 2);
        QCOMPARE(p.database().queryInt(QStringLiteral("SELECT max(keyword_pos) FROM candidates")), 1);
        const qint64 firstCount = p.candidateCount();
        TinyImport all(p);
        all.setBatchSize(100); // several commits inside one keyword and across keywords
        QVERIFY(all.run(tinyDir(), catalog));
        QCOMPARE(all.report().existing, firstCount);
        QCOMPARE(all.report().inserted + firstCount, p.candidateCount());
        QCOMPARE(all.report().absentKeywords.size(), limited.report().absentKeywords.size());
        // keyword_pos is the record's position within its keyword in file order.
        QCOMPARE(p.database().queryInt(QStringLiteral(
                     "SELECT count(*) FROM candidates c WHERE keyword_pos <> tiny_index - (SELECT min(tiny_index) "
                     "FROM candidates d WHERE d.keyword_id = c.keyword_id)")),
                 0);
    }

    void cancelKeepsCommittedBatchesAndRerunCompletes()
    {
        Project p;
        QVERIFY(p.create(m_dir.filePath(QStringLiteral("cancel.tcproj"))));
        const Catalog catalog = CatalogJson().load(catalogPath());
        TinyImport import(p);
        import.setBatchSize(50);
        int calls = 0;
        QVERIFY(!import.run(tinyDir(), catalog, Progress({}, [&calls] { return ++calls > 5; })));
        QVERIFY(import.errorString().contains(QLatin1String("cancelled")));
        const qint64 partial = p.candidateCount();
        TinyImport rest(p);
        QVERIFY(rest.run(tinyDir(), catalog));
        QVERIFY(partial < p.candidateCount());
        QCOMPARE(rest.report().existing, partial);
    }

    void errorsNameTheFile()
    {
        Project p;
        QVERIFY(p.create(m_dir.filePath(QStringLiteral("err.tcproj"))));
        TinyImport import(p);
        QVERIFY(!import.run(m_dir.filePath(QStringLiteral("no-such-dir")), {{QStringLiteral("cat"), {}}}));
        QVERIFY2(import.errorString().contains(QLatin1String("no-such-dir")), qPrintable(import.errorString()));
        const auto r = tc::test::runCli({QStringLiteral("new"), m_dir.filePath(QStringLiteral("x.tcproj")),
                                         QStringLiteral("--tiny"), tinyDir(), QStringLiteral("--catalog"),
                                         m_dir.filePath(QStringLiteral("missing.json"))});
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.err.contains("missing.json"));
        QCOMPARE(tc::test::runCli({QStringLiteral("new"), m_dir.filePath(QStringLiteral("y.tcproj"))}).exitCode, 2);
    }
};

QTEST_GUILESS_MAIN(TestTinyImport)
#include "TestTinyImport.moc"
