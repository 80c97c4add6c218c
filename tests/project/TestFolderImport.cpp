#include "core/project/FolderImport.h"
#include "core/project/Project.h"
#include "tests/support/TestSupport.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <sys/stat.h>

using namespace tc::core;

// <root>/<class>/<keyword>/<file> import of real CIFAR-10 JPEGs (decoded by PIL as the oracle), and
// the scriptable CLI commands around it (decide, undo, stats --json).
class TestFolderImport : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_root;

    void copyJpeg(const QString &from, const QString &to)
    {
        QDir().mkpath(QFileInfo(to).path());
        QVERIFY(QFile::copy(tc::test::sharedData(QStringLiteral("cifar10-jpg/") + from), to));
    }

private slots:
    void initTestCase()
    {
        TC_REQUIRE_SHARED();
        m_root = m_dir.filePath(QStringLiteral("images"));
        copyJpeg(QStringLiteral("train/cat/0000.jpg"), m_root + QStringLiteral("/cat/tabby/a.jpg"));
        copyJpeg(QStringLiteral("train/cat/0001.jpg"), m_root + QStringLiteral("/cat/tabby/b.jpg"));
        copyJpeg(QStringLiteral("train/dog/0000.jpg"), m_root + QStringLiteral("/dog/puppy/c.jpg"));
        QFile bad(m_root + QStringLiteral("/dog/puppy/broken.jpg"));
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write("not a jpeg");
    }

    void importsFoldersWithPixelsAndReportsBadFiles()
    {
        TC_REQUIRE_PYTHON("numpy", "PIL");
        Project p;
        QVERIFY(p.create(m_dir.filePath(QStringLiteral("folder.tcproj"))));
        FolderImport import(p);
        QVERIFY2(import.run(m_root), qPrintable(import.errorString()));
        QCOMPARE(import.report().inserted, 3);
        QCOMPARE(import.report().issues.size(), 1);
        QVERIFY(import.report().issues.first().file.endsWith(QLatin1String("broken.jpg")));
        QCOMPARE(p.classes().size(), 2);
        QCOMPARE(p.keywordByName(QStringLiteral("cat"), QStringLiteral("tabby"))->catalogCount, 2);
        const auto ids = p.candidateIds({}, 0, 10);
        QCOMPARE(ids.size(), 3);
        const auto first = p.candidate(ids.first());
        QCOMPARE(first->source, QStringLiteral("cat/tabby/a.jpg"));
        QCOMPARE(first->tinyIndex, -1);
        const auto py = tc::test::runPython(
            QStringLiteral("import numpy as np, sys\nfrom PIL import Image\n"
                           "sys.stdout.write(np.asarray(Image.open(sys.argv[1]).convert('RGB')).tobytes().hex())"),
            {m_root + QStringLiteral("/cat/tabby/a.jpg")});
        QCOMPARE(p.pixels(ids.first()).toHex(), py.out);
        // Re-running adds nothing.
        FolderImport again(p);
        QVERIFY(again.run(m_root));
        QCOMPARE(again.report().inserted, 0);
        QCOMPARE(again.report().existing, 3);
    }

    // Issue 12, items 6 and 7: a PNG header declaring 30000 x 30000 pixels is refused before decoding
    // (it cost 5.3 GB and was imported as a resized candidate), a FIFO named like an image is never
    // opened, and a folder whose name holds a newline does not become a class.
    void hostileFilesAndFolderNamesAreLeftOut()
    {
        QTemporaryDir dir;
        const QString root = dir.filePath(QStringLiteral("images"));
        QVERIFY(QDir().mkpath(root + QStringLiteral("/cat/tabby")));
        QVERIFY(QDir().mkpath(root + QStringLiteral("/cat/new\nline")));
        QVERIFY(QDir().mkpath(root + QStringLiteral("/tab\tclass/kw")));
        // IHDR of a 30000 x 30000 RGB PNG; no pixel data needed to be refused.
        QByteArray png("\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR", 16);
        for (quint32 v : {30000u, 30000u})
            for (int s = 24; s >= 0; s -= 8)
                png.append(char(v >> s));
        png.append("\x08\x02\0\0\0", 5);
        for (const QString &path :
             {root + QStringLiteral("/cat/tabby/huge.png"), root + QStringLiteral("/cat/new\nline/a.png"),
              root + QStringLiteral("/tab\tclass/kw/b.png")}) {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly) && f.write(png) == png.size());
        }
        QVERIFY(::mkfifo(QFile::encodeName(root + QStringLiteral("/cat/tabby/fifo.png")).constData(), 0600) == 0);
        Project p;
        QVERIFY(p.create(dir.filePath(QStringLiteral("p.tcproj"))));
        FolderImport import(p);
        // The wizard's preview of the tree leaves out the same folders the import will.
        const Catalog preview = import.folderCatalog(root);
        QCOMPARE(preview.size(), 1);
        QCOMPARE(preview.first().name, QStringLiteral("cat"));
        QCOMPARE(preview.first().keywords.size(), 1);
        QCOMPARE(preview.first().keywords.first().keyword, QStringLiteral("tabby"));
        QVERIFY2(import.run(root), qPrintable(import.errorString())); // returns: the FIFO is never opened
        QCOMPARE(import.report().inserted, 0);
        QStringList issues;
        for (const auto &issue : import.report().issues)
            issues << import.report().issueText(issue);
        issues.sort();
        QCOMPARE(issues.size(), 3);
        QVERIFY2(
            issues[0].endsWith(QLatin1String("cat/new\nline: folder left out: contains the control character U+000a")),
            qPrintable(issues[0]));
        QVERIFY2(issues[1].endsWith(QLatin1String("cat/tabby/huge.png: PNG of 30000 x 30000 pixels: images larger than "
                                                  "4096 x 4096 are refused before decoding")),
                 qPrintable(issues[1]));
        QVERIFY2(
            issues[2].endsWith(QLatin1String("tab\tclass: folder left out: contains the control character U+0009")),
            qPrintable(issues[2]));
        QCOMPARE(p.classes().size(), 1);
        QCOMPARE(p.classes().first().name, QStringLiteral("cat"));
        QVERIFY(!p.keywordByName(QStringLiteral("cat"), QStringLiteral("new\nline")).has_value());
    }

    void cliNewDecideUndoStats()
    {
        const QString file = m_dir.filePath(QStringLiteral("cli.tcproj"));
        auto r = tc::test::runCli({QStringLiteral("new"), file, QStringLiteral("--folder"), m_root,
                                   QStringLiteral("--target-per-class"), QStringLiteral("10")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        Project p;
        QVERIFY(p.open(file));
        const qint64 id = p.candidateIds({}, 0, 1).first();
        p.close();
        r = tc::test::runCli({QStringLiteral("decide"), file, QStringLiteral("--candidate"), QString::number(id),
                              QStringLiteral("--verdict"), QStringLiteral("accept"), QStringLiteral("--annotator"),
                              QStringLiteral("zoe")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        r = tc::test::runCli({QStringLiteral("decide"), file, QStringLiteral("--tiny-index"), QStringLiteral("5"),
                              QStringLiteral("--verdict"), QStringLiteral("accept"), QStringLiteral("--annotator"),
                              QStringLiteral("zoe")});
        QCOMPARE(r.exitCode, 1); // folder candidates have no Tiny index
        r = tc::test::runCli({QStringLiteral("stats"), file, QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject stats = QJsonDocument::fromJson(r.out).object();
        const QJsonObject cat = stats.value(QStringLiteral("classes")).toArray().at(0).toObject();
        QCOMPARE(cat.value(QStringLiteral("class")).toString(), QStringLiteral("cat"));
        QCOMPARE(cat.value(QStringLiteral("candidates")).toInt(), 2);
        QCOMPARE(cat.value(QStringLiteral("accepted")).toInt(), 1);
        QCOMPARE(cat.value(QStringLiteral("quota")).toInt(), 10);
        QCOMPARE(stats.value(QStringLiteral("keywords")).toArray().size(), 2);
        r = tc::test::runCli({QStringLiteral("undo"), file, QStringLiteral("--annotator"), QStringLiteral("zoe")});
        QVERIFY2(r.exitCode == 0 && r.out.contains("undone 1"), r.out.constData());
        QVERIFY(p.open(file));
        QCOMPARE(p.verdict(id, QStringLiteral("zoe")), Verdict::None);
        QCOMPARE(p.database().queryInt(QStringLiteral("SELECT count(*) FROM decisions")), 2);
    }

    void superclassFolders()
    {
        TC_REQUIRE_SHARED();
        // <superclass>/<class>/<keyword>/<file>: CIFAR-100's grouping, one level deeper.
        const QString root = m_dir.filePath(QStringLiteral("grouped"));
        copyJpeg(QStringLiteral("train/truck/0000.jpg"), root + QStringLiteral("/vehicle/truck/lorry/a.jpg"));
        copyJpeg(QStringLiteral("train/airplane/0000.jpg"), root + QStringLiteral("/vehicle/airplane/jet/b.jpg"));
        copyJpeg(QStringLiteral("train/cat/0000.jpg"), root + QStringLiteral("/animal/cat/tabby/c.jpg"));
        const QString file = m_dir.filePath(QStringLiteral("grouped.tcproj"));
        auto r = tc::test::runCli(
            {QStringLiteral("new"), file, QStringLiteral("--folder"), root, QStringLiteral("--superclass-folders")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        {
            Project p;
            QVERIFY(p.open(file));
            const auto classes = p.classes();
            QCOMPARE(classes.size(), 3);
            // Labels by class name across superclasses; each class has its folder's superclass.
            QCOMPARE(classes[0].name, QStringLiteral("airplane"));
            QCOMPARE(classes[0].superclass, QStringLiteral("vehicle"));
            QCOMPARE(classes[1].name, QStringLiteral("cat"));
            QCOMPARE(classes[1].superclass, QStringLiteral("animal"));
            QCOMPARE(classes[2].name, QStringLiteral("truck"));
            QCOMPARE(classes[2].superclass, QStringLiteral("vehicle"));
            QVERIFY(p.superclassProblem().isEmpty());
            const auto truck = p.keywordByName(QStringLiteral("truck"), QStringLiteral("lorry"));
            QVERIFY(truck && truck->candidates == 1);
            CandidateFilter lorry;
            lorry.keywordId = truck->id;
            const auto id = p.candidateIds(lorry, 0, 1).first();
            QCOMPARE(p.candidate(id)->source, QStringLiteral("vehicle/truck/lorry/a.jpg"));
        }
        // Re-running adds nothing.
        r = tc::test::runCli(
            {QStringLiteral("new"), file, QStringLiteral("--folder"), root, QStringLiteral("--superclass-folders")});
        QVERIFY2(r.exitCode == 0 && r.out.contains("candidates added: 0, already present: 3"), r.out.constData());
        // A class in two superclasses is refused, before anything is imported.
        copyJpeg(QStringLiteral("train/cat/0001.jpg"), root + QStringLiteral("/vehicle/cat/kitty/d.jpg"));
        Project p;
        QVERIFY(p.create(m_dir.filePath(QStringLiteral("twice.tcproj"))));
        FolderImport import(p);
        import.setSuperclassFolders(true);
        QVERIFY(!import.run(root));
        QVERIFY2(import.errorString().contains(QLatin1String("'cat'")) &&
                     import.errorString().contains(QLatin1String("'animal'")) &&
                     import.errorString().contains(QLatin1String("'vehicle'")),
                 qPrintable(import.errorString()));
        QVERIFY(p.classes().isEmpty());
    }

    // keyword_pos (the order an annotator sees) follows natural name order: numbered files come in
    // number order, as a person numbered them, not _0, _1, _10, _11, _2.
    void filesComeInNaturalOrder_data()
    {
        QTest::addColumn<QStringList>("names"); // in the expected order
        QTest::newRow("numbered") << QStringList{QStringLiteral("bird_0.ppm"),  QStringLiteral("bird_1.ppm"),
                                                 QStringLiteral("bird_2.ppm"),  QStringLiteral("bird_9.ppm"),
                                                 QStringLiteral("bird_10.ppm"), QStringLiteral("bird_11.ppm")};
        QTest::newRow("leading zeros and text")
            << QStringList{QStringLiteral("a1b2.ppm"), QStringLiteral("a1b10.ppm"), QStringLiteral("a2.ppm"),
                           QStringLiteral("a007.ppm"), QStringLiteral("a12.ppm"),   QStringLiteral("b.ppm")};
        QTest::newRow("long numbers") << QStringList{QStringLiteral("x99999999999999999998.ppm"),
                                                     QStringLiteral("x99999999999999999999.ppm"),
                                                     QStringLiteral("x100000000000000000000.ppm")};
    }

    void filesComeInNaturalOrder()
    {
        QFETCH(QStringList, names);
        QTemporaryDir dir;
        const QString kw = dir.filePath(QStringLiteral("images/bird/cassowary"));
        QVERIFY(QDir().mkpath(kw));
        for (int i = 0; i < names.size(); ++i) {
            // A binary PPM written by hand, red channel = the expected position (core links no image writer).
            QFile f(kw + QLatin1Char('/') + names[i]);
            QVERIFY(f.open(QIODevice::WriteOnly));
            QByteArray pixels(3072, 0);
            for (int p = 0; p < 3072; p += 3)
                pixels[p] = char(i);
            f.write("P6\n32 32\n255\n" + pixels);
        }
        Project p;
        QVERIFY(p.create(dir.filePath(QStringLiteral("n.tcproj"))));
        FolderImport import(p);
        QVERIFY2(import.run(dir.filePath(QStringLiteral("images"))), qPrintable(import.errorString()));
        const auto ids = p.candidateIds({}, 0, 100);
        QCOMPARE(ids.size(), names.size());
        for (int i = 0; i < ids.size(); ++i) {
            const auto record = p.candidate(ids[i]);
            QCOMPARE(record->filename, names[i]);
            QCOMPARE(record->keywordPos, i);
            QCOMPARE(int(uchar(p.pixels(ids[i]).at(0))), i);
        }
    }
};

QTEST_GUILESS_MAIN(TestFolderImport)
#include "TestFolderImport.moc"
