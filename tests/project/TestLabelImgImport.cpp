#include "core/project/CatalogJson.h"
#include "core/project/LabelImgImport.h"
#include "core/project/Project.h"
#include "core/project/Statement.h"
#include "core/project/TinyImport.h"
#include "tests/support/TestSupport.h"

#include <QDir>
#include <QFile>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <sys/stat.h>

using namespace tc::core;

class TestLabelImgImport : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_project;

    static QString labelimgDir() { return tc::test::fixture(QStringLiteral("world-small/labelimg")); }

    // "tiny_index/class" of every candidate the annotator accepted.
    static QSet<QString> accepted(Project &p, const QString &annotator)
    {
        QSet<QString> set;
        Statement q(p.database(),
                    QStringLiteral("SELECT c.tiny_index, cl.name FROM candidate_state s JOIN candidates c "
                                   "ON c.id = s.candidate_id JOIN keywords k ON k.id = c.keyword_id "
                                   "JOIN classes cl ON cl.id = k.class_id "
                                   "WHERE s.annotator = ?1 AND s.verdict = 1"));
        q.bind(1, annotator);
        while (q.next())
            set.insert(QString::number(q.int64(0)) + QLatin1Char('/') + q.text(1));
        return set;
    }

    static void writeFile(const QString &path, const QByteArray &text)
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(text);
    }

    static QByteArray voc(const QString &path)
    {
        return "<annotation>\n\t<folder>x</folder>\n\t<path>" + path.toUtf8() + "</path>\n</annotation>\n";
    }

private slots:
    void initTestCase()
    {
        TC_REQUIRE_SHARED();
        m_project = m_dir.filePath(QStringLiteral("base.tcproj"));
        Project p;
        QVERIFY(p.create(m_project));
        TinyImport import(p);
        QVERIFY(import.run(tc::test::fixture(QStringLiteral("world-small/tinyimages")),
                           CatalogJson().load(tc::test::fixture(QStringLiteral("world-small/keyword_counts.json")))));
    }

    void parsesWindowsAndPosixPaths_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<bool>("ok");
        QTest::addColumn<QString>("cls");
        QTest::addColumn<QString>("keyword");
        QTest::addColumn<qint64>("pos");
        QTest::newRow("posix") << "/home/a/ImagesCIFAR/bird/accentor/accentor_0.jpg" << true << "bird"
                               << "accentor" << qint64(0);
        QTest::newRow("windows") << "C:\\Users\\a\\ImagesCIFAR\\ship\\cabin_cruiser\\cabin_cruiser_12.jpg" << true
                                 << "ship"
                                 << "cabin_cruiser" << qint64(12);
        QTest::newRow("mixed") << "C:\\x/cat\\tabby/tabby_3.JPG" << true << "cat"
                               << "tabby" << qint64(3);
        QTest::newRow("keyword mismatch") << "/r/cat/tabby/kitty_3.jpg" << false << ""
                                          << "" << qint64(0);
        QTest::newRow("no number") << "/r/cat/tabby/tabby.jpg" << false << ""
                                   << "" << qint64(0);
        QTest::newRow("too short") << "tabby_3.jpg" << false << ""
                                   << "" << qint64(0);
    }

    void parsesWindowsAndPosixPaths()
    {
        QFETCH(QString, path);
        QFETCH(bool, ok);
        QFETCH(QString, cls);
        QFETCH(QString, keyword);
        QFETCH(qint64, pos);
        QString gotClass, gotKeyword;
        qint64 gotPos = -1;
        QCOMPARE(LabelImgImport::parsePath(path, &gotClass, &gotKeyword, &gotPos), ok);
        if (ok) {
            QCOMPARE(gotClass, cls);
            QCOMPARE(gotKeyword, keyword);
            QCOMPARE(gotPos, pos);
        }
    }

    void cliAcceptsExactlyTheTruthRecords()
    {
        const QString file = m_dir.filePath(QStringLiteral("cli.tcproj"));
        QVERIFY(QFile::copy(m_project, file));
        const auto r = tc::test::runCli({QStringLiteral("import-labelimg"), file, QStringLiteral("--dir"),
                                         labelimgDir(), QStringLiteral("--annotator"), QStringLiteral("old-team")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.out.contains("not imported: 0"), r.out.constData());
        QSet<QString> expected;
        bool sawWindowsPath = false;
        for (const auto &row : tc::test::readTruthCsv()) {
            const QString xml = row.value(QStringLiteral("labelimg_xml"));
            if (xml.isEmpty())
                continue;
            expected.insert(row.value(QStringLiteral("tiny_index")) + QLatin1Char('/') +
                            row.value(QStringLiteral("keyword_class")));
            QFile f(QDir(tc::test::fixture(QStringLiteral("world-small"))).filePath(xml));
            if (!f.exists())
                f.setFileName(QDir(labelimgDir()).filePath(QFileInfo(xml).fileName()));
            QVERIFY2(f.open(QIODevice::ReadOnly), qPrintable(xml));
            sawWindowsPath |= f.readAll().contains('\\');
        }
        QVERIFY(sawWindowsPath); // the fixture exercises both separators
        Project p;
        QVERIFY(p.open(file));
        QCOMPARE(accepted(p, QStringLiteral("old-team")), expected);
        QCOMPARE(p.history(QStringLiteral("old-team"), 1).first().viewMode, QStringLiteral("labelimg"));

        // Re-running adds nothing.
        p.close();
        const auto again = tc::test::runCli({QStringLiteral("import-labelimg"), file, QStringLiteral("--dir"),
                                             labelimgDir(), QStringLiteral("--annotator"), QStringLiteral("old-team")});
        QVERIFY(again.out.contains("accepted: 0,"));
    }

    void reportsFilesThatDoNotParseOrMap()
    {
        QTemporaryDir xmlDir;
        const QStringList good =
            QDir(labelimgDir()).entryList({QStringLiteral("*.xml")}, QDir::Files, QDir::Name).mid(0, 3);
        for (const QString &name : good)
            QVERIFY(QFile::copy(QDir(labelimgDir()).filePath(name), xmlDir.filePath(name)));
        writeFile(xmlDir.filePath(QStringLiteral("broken.xml")), "<annotation><path>/a/b/c</path>"); // truncated
        writeFile(xmlDir.filePath(QStringLiteral("unknown_keyword.xml")), voc("/r/cat/no_such_kw/no_such_kw_0.jpg"));
        writeFile(xmlDir.filePath(QStringLiteral("beyond.xml")), voc("C:\\r\\bird\\accentor\\accentor_9999.jpg"));
        writeFile(xmlDir.filePath(QStringLiteral("shape.xml")), voc("just_a_name.jpg"));
        writeFile(xmlDir.filePath(QStringLiteral("nopath.xml")), "<annotation><folder>x</folder></annotation>");

        QVERIFY(::mkfifo(QFile::encodeName(xmlDir.filePath(QStringLiteral("fifo.xml"))).constData(), 0600) == 0);

        // All or nothing (the import rule): every bad file is listed and nothing is recorded.
        Project p;
        const QString file = m_dir.filePath(QStringLiteral("bad.tcproj"));
        QVERIFY(QFile::copy(m_project, file));
        QVERIFY(p.open(file));
        LabelImgImport import(p);
        QVERIFY(!import.run(xmlDir.path()));
        QVERIFY2(import.errorString().contains(QLatin1String("6 of 9 LabelImg files cannot be imported; nothing was "
                                                             "recorded")),
                 qPrintable(import.errorString()));
        QCOMPARE(import.report().inserted, 0);
        QSet<QString> reported;
        for (const auto &issue : import.report().issues)
            reported.insert(QFileInfo(issue.file).fileName());
        QCOMPARE(reported, (QSet<QString>{QStringLiteral("broken.xml"), QStringLiteral("unknown_keyword.xml"),
                                          QStringLiteral("beyond.xml"), QStringLiteral("shape.xml"),
                                          QStringLiteral("nopath.xml"), QStringLiteral("fifo.xml")}));
        QCOMPARE(accepted(p, QStringLiteral("labelimg")).size(), 0);
        p.close();

        const auto r = tc::test::runCli({QStringLiteral("import-labelimg"), file, QStringLiteral("--dir"),
                                         xmlDir.path(), QStringLiteral("--annotator"), QStringLiteral("second")});
        QCOMPARE(r.exitCode, 1);
        for (const char *name : {"broken.xml", "beyond.xml", "unknown_keyword.xml", "shape.xml", "nopath.xml"})
            QVERIFY2(r.err.contains(QByteArray("not imported: ") + xmlDir.filePath(QLatin1String(name)).toUtf8()),
                     r.err.constData());
        QVERIFY2(r.err.contains("fifo.xml: a FIFO (named pipe)"), r.err.constData());
        QVERIFY(r.err.contains("nothing was recorded"));
        QVERIFY(p.open(file));
        QVERIFY(accepted(p, QStringLiteral("second")).isEmpty());
        p.close();

        // The bad files removed, the same folder imports completely.
        for (const char *name :
             {"broken.xml", "beyond.xml", "unknown_keyword.xml", "shape.xml", "nopath.xml", "fifo.xml"})
            QVERIFY(QFile::remove(xmlDir.filePath(QLatin1String(name))));
        const auto again = tc::test::runCli({QStringLiteral("import-labelimg"), file, QStringLiteral("--dir"),
                                             xmlDir.path(), QStringLiteral("--annotator"), QStringLiteral("second")});
        QCOMPARE(again.exitCode, 0);
        QVERIFY2(again.out.contains("accepted: 3, already accepted: 0, not imported: 0"), again.out.constData());
    }

    // More bad files than the CLI lists: the first 50, then a count.
    void cliListsFiftyThenCounts()
    {
        QTemporaryDir xmlDir;
        for (int i = 0; i < 57; ++i)
            writeFile(xmlDir.filePath(QStringLiteral("bad%1.xml").arg(i, 2, 10, QLatin1Char('0'))), "<annotation>");
        const QString file = m_dir.filePath(QStringLiteral("many.tcproj"));
        QVERIFY(QFile::copy(m_project, file));
        const auto r =
            tc::test::runCli({QStringLiteral("import-labelimg"), file, QStringLiteral("--dir"), xmlDir.path()});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.err.count("not imported: " + xmlDir.path().toUtf8()), 50);
        QVERIFY2(r.err.contains("not imported: ... and 7 more files"), r.err.constData());
        QVERIFY(r.out.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestLabelImgImport)
#include "TestLabelImgImport.moc"
