// Only TinyCurator projects are opened, and opening for reading writes nothing: another program's
// SQLite database, an empty database, a 0-byte or a text file are refused before anything is written
// (the file and its folder stay byte-identical, through the API and through the CLI); a failed `new`
// leaves nothing behind; a read-only open takes no lock, migrates nothing and refuses writes in
// words; an older project is read without being upgraded; a damaged one is reported as damage,
// never as an empty answer; messages never show SQL.
#include "ProjectFixture.h"
#include "core/project/Project.h"
#include "core/project/ProjectLock.h"
#include "core/project/ProjectSchema.h"
#include "tests/support/TestSupport.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QtEndian>

using namespace tc::core;

namespace {

// Every file of dir with a hash of its bytes: "nothing changed" means this list is equal.
QStringList folderState(const QString &dir)
{
    QStringList state;
    for (const QFileInfo &info :
         QDir(dir).entryInfoList(QDir::AllEntries | QDir::Hidden | QDir::System | QDir::NoDotAndDotDot, QDir::Name)) {
        QFile f(info.filePath());
        const QByteArray hash =
            f.open(QIODevice::ReadOnly) ? QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha1).toHex() : "-";
        state << info.fileName() + u' ' + QString::fromLatin1(hash);
    }
    return state;
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

// What a message shown to a user must never contain.
bool showsSql(const QString &message)
{
    for (const char *word : {"SELECT", "PRAGMA", "INSERT", "CREATE", "UPDATE ", "(in:"})
        if (message.contains(QLatin1String(word)))
            return true;
    return false;
}

QByteArray fileBytes(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestProjectOpen final : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString path(const QString &name) const { return m_dir.filePath(name); }

private slots:
    void newProjectsCarryTheApplicationId()
    {
        Project p;
        QVERIFY(p.create(path("tagged.tcproj")));
        QCOMPARE(p.database().queryInt(QStringLiteral("PRAGMA application_id")), ProjectSchema::kApplicationId);
        p.close();
        // In the file's header itself, not only in a -wal: the mark is there the moment the name is.
        const QByteArray header = fileBytes(path("tagged.tcproj")).left(100);
        QCOMPARE(qFromBigEndian<quint32>(header.constData() + 68), quint32(ProjectSchema::kApplicationId));
    }

    void foreignFilesAreLeftByteIdentical_data()
    {
        QTest::addColumn<QString>("python"); // makes the file with Python's sqlite3, '' = raw bytes below
        QTest::addColumn<QByteArray>("bytes");
        const char *make = "import sqlite3, sys\nc = sqlite3.connect(sys.argv[1])\n";
        QTest::newRow("another program's database")
            << QString::fromLatin1(make) + QStringLiteral("c.executescript('CREATE TABLE t(x); INSERT INTO t VALUES "
                                                          "(1); CREATE TABLE meta(key, value)')\nc.commit()")
            << QByteArray();
        QTest::newRow("another program's WAL database")
            << QString::fromLatin1(make) +
                   QStringLiteral("c.execute('PRAGMA journal_mode=WAL')\nc.executescript('CREATE TABLE t(x); INSERT "
                                  "INTO t VALUES (1)')\n"
                                  "c.commit()")
            << QByteArray();
        QTest::newRow("another program's application id")
            << QString::fromLatin1(make) + QStringLiteral("c.executescript('PRAGMA application_id=1234; PRAGMA "
                                                          "user_version=3; CREATE TABLE meta(k)')\nc.commit()")
            << QByteArray();
        QTest::newRow("empty SQLite database")
            << QString::fromLatin1(make) + QStringLiteral("c.execute('VACUUM')") << QByteArray();
        QTest::newRow("0-byte file") << QString() << QByteArray();
        QTest::newRow("text file") << QString() << QByteArray("not a database\n").repeated(100);
        QTest::newRow("SQLite magic, then garbage")
            << QString() << QByteArray("SQLite format 3\0", 16) + QByteArray(8000, '\xee');
    }
    void foreignFilesAreLeftByteIdentical()
    {
        QFETCH(QString, python);
        QFETCH(QByteArray, bytes);
        const QString dir = path(QStringLiteral("foreign-%1").arg(QTest::currentDataTag()).replace(u' ', u'_'));
        QVERIFY(QDir().mkpath(dir));
        const QString file = dir + QStringLiteral("/other.tcproj");
        if (!python.isEmpty()) {
            TC_REQUIRE_PYTHON("sqlite3");
            const auto made = tc::test::runPython(python, {file});
            QVERIFY2(made.exitCode == 0, made.err.constData());
        } else {
            QVERIFY(writeFile(file, bytes));
        }
        const QStringList before = folderState(dir);

        Project p;
        QVERIFY(!p.open(file));
        QVERIFY2(p.openFailure() == Project::OpenFailure::NotAProject ||
                     p.openFailure() == Project::OpenFailure::Damaged,
                 qPrintable(p.errorString()));
        QVERIFY2(p.errorString().startsWith(file + QStringLiteral(": ")) && !showsSql(p.errorString()),
                 qPrintable(p.errorString()));
        QVERIFY(!p.openReadOnly(file));
        if (!python.isEmpty() || !bytes.isEmpty())
            QVERIFY(!p.create(file)); // an existing non-empty file is never made into a project
        for (const QStringList &args :
             {QStringList{QStringLiteral("stats"), file}, QStringList{QStringLiteral("pairs"), file, "--csv", "-"},
              QStringList{QStringLiteral("decide"), file, "--candidate", "1", "--verdict", "accept", "--annotator",
                          "a"},
              QStringList{QStringLiteral("export-decisions"), file, "--csv", "-"},
              QStringList{QStringLiteral("backup"), file, "--out", dir + QStringLiteral("/../copy-of-foreign")}}) {
            const auto r = tc::test::runCli(args);
            QVERIFY2(r.exitCode == 1, qPrintable(args.join(u' ') + QStringLiteral(" exited ") +
                                                 QString::number(r.exitCode) + QStringLiteral(": ") + r.err));
            QVERIFY2(r.err.contains(QFile::encodeName(file)) && !showsSql(QString::fromUtf8(r.err)), r.err.constData());
        }
        QCOMPARE(folderState(dir), before); // not a byte changed, no -wal, -shm or lock file appeared
        QVERIFY(!QFileInfo::exists(dir + QStringLiteral("/../copy-of-foreign")));
    }

    void missingFileIsNotCreated()
    {
        Project p;
        const QString missing = path("missing.tcproj");
        QVERIFY(!p.open(missing));
        QCOMPARE(p.openFailure(), Project::OpenFailure::Missing);
        QVERIFY(!p.openReadOnly(missing));
        QVERIFY(!QFileInfo::exists(missing));
        QVERIFY(!QFileInfo::exists(ProjectLock::lockFilePath(missing)));
    }

    void failedNewLeavesNothingBehind()
    {
        const QString dir = path("failed-new");
        QVERIFY(QDir().mkpath(dir));
        const QString catalog = path("catalog.json");
        QVERIFY(writeFile(catalog, R"({"cat": {"tabby": 3}, "dog": {"puppy": 2}})"));
        const QString project = dir + QStringLiteral("/p.tcproj");
        const auto tiny = tc::test::runCli({QStringLiteral("new"), project, QStringLiteral("--tiny"),
                                            path("no-such-tiny-dir"), QStringLiteral("--catalog"), catalog});
        QVERIFY2(tiny.exitCode == 1, tiny.err.constData());
        QCOMPARE(QDir(dir).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot), QStringList());
        const auto folder =
            tc::test::runCli({QStringLiteral("new"), project, QStringLiteral("--folder"), path("no-such-folder")});
        QVERIFY2(folder.exitCode == 1, folder.err.constData());
        QCOMPARE(QDir(dir).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot), QStringList());
        // What a `new` killed while it built the file left under a temporary name goes with the next one.
        QVERIFY(writeFile(dir + QStringLiteral("/.p.tcproj.new-AbC123"), "half a database"));
        QVERIFY(writeFile(dir + QStringLiteral("/.p.tcproj.new-AbC123-journal"), "its journal"));
        Project made;
        QVERIFY(made.create(project));
        made.close();
        QCOMPARE(QDir(dir).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot),
                 QStringList{QStringLiteral("p.tcproj")});
        QVERIFY(QFile::remove(project));
        // A project that existed before a failing re-run stays.
        Project p;
        QVERIFY(tc::test::makeFixtureProject(p, project));
        p.close();
        const auto again = tc::test::runCli({QStringLiteral("new"), project, QStringLiteral("--tiny"),
                                             path("no-such-tiny-dir"), QStringLiteral("--catalog"), catalog});
        QCOMPARE(again.exitCode, 1);
        QVERIFY(p.openReadOnly(project));
        QCOMPARE(p.candidateCount(), 9);
    }

    void readOnlyOpenWritesNothing()
    {
        const QString file = path("readonly.tcproj");
        {
            Project p;
            QVERIFY(tc::test::makeFixtureProject(p, file));
            QVERIFY(p.recordDecision(1, Verdict::Accept, QStringLiteral("alice")));
        }
        QVERIFY(!QFileInfo::exists(file + QStringLiteral("-wal"))); // checkpointed by the last writer
        const QByteArray before = fileBytes(file);
        Project p;
        QVERIFY2(p.openReadOnly(file), qPrintable(p.errorString()));
        QVERIFY(p.isReadOnly());
        QVERIFY(!QFileInfo::exists(ProjectLock::lockFilePath(file))); // readers take no lock
        QCOMPARE(p.verdict(1, QStringLiteral("alice")), Verdict::Accept);
        QCOMPARE(p.candidateCount(), 9);
        QVERIFY(!p.recordDecision(2, Verdict::Reject, QStringLiteral("alice")));
        QVERIFY2(p.errorString().contains(QStringLiteral("read-only")) && !showsSql(p.errorString()),
                 qPrintable(p.errorString()));
        QVERIFY(!p.setSetting(QStringLiteral("x"), QStringLiteral("y")));
        QVERIFY(!p.database().exec(QStringLiteral("CREATE TABLE intruder(x)")));
        QVERIFY(p.undo(QStringLiteral("alice")).isEmpty());
        p.close();
        QCOMPARE(fileBytes(file), before);
        Project writer; // and nothing of it was recorded
        QVERIFY(writer.open(file));
        QCOMPARE(writer.verdict(2, QStringLiteral("alice")), Verdict::None);
        QCOMPARE(writer.verdict(1, QStringLiteral("alice")), Verdict::Accept);
    }

    void olderProjectIsReadWithoutUpgradeAndUpgradedByAWriter()
    {
        const QString file = path("v1.tcproj");
        {
            Database db;
            QVERIFY(db.open(file));
            ProjectSchema schema(db);
            QVERIFY2(schema.configure() && schema.migrate(1), qPrintable(schema.errorString()));
            QVERIFY(db.exec(QStringLiteral(
                "INSERT INTO classes(id, name, label, target) VALUES (1, 'apple', 0, 500);"
                "INSERT INTO keywords(id, class_id, keyword, catalog_count) VALUES (1, 1, 'crab_apple', 3);"
                "INSERT INTO candidates(id, keyword_id, tiny_index, keyword_pos, pixels) "
                "VALUES (1, 1, 42, 0, zeroblob(3072));")));
        }
        const QByteArray before = fileBytes(file);
        {
            Project reader;
            QVERIFY2(reader.openReadOnly(file), qPrintable(reader.errorString()));
            QCOMPARE(reader.schemaVersion(), 1);
            const auto classes = reader.classes(); // version 2's column, read through the connection's view
            QCOMPARE(classes.size(), 1);
            QCOMPARE(classes[0].name, QStringLiteral("apple"));
            QVERIFY(classes[0].superclass.isEmpty());
            QCOMPARE(reader.keywords().first().candidates, 1);
        }
        QCOMPARE(fileBytes(file), before);
        Project writer;
        QVERIFY(writer.open(file));
        QCOMPARE(writer.schemaVersion(), ProjectSchema::latestVersion());
        // Before application_id existed: a project by its tables, marked when first written.
        QCOMPARE(writer.database().queryInt(QStringLiteral("PRAGMA application_id")), ProjectSchema::kApplicationId);
    }

    void interruptedWriteIsUndoneByAWriterAndExplainedToAReader_data()
    {
        QTest::addColumn<bool>("tagged");
        QTest::newRow("project") << true;
        QTest::newRow("project from before the application id") << false; // looked at read-only first
    }
    void interruptedWriteIsUndoneByAWriterAndExplainedToAReader()
    {
        // What a kill during a bulk import (rollback journal) leaves: a hot -journal and half-written pages.
        TC_REQUIRE_PYTHON("sqlite3");
        QFETCH(bool, tagged);
        const QString file = path(tagged ? "interrupted.tcproj" : "interrupted-untagged.tcproj");
        {
            Project p;
            QVERIFY(tc::test::makeFixtureProject(p, file));
        }
        const auto killed = tc::test::runPython(
            QStringLiteral("import sqlite3, os, sys\n"
                           "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
                           "c.execute('PRAGMA journal_mode=DELETE')\n"
                           "if sys.argv[2] == '0': c.execute('PRAGMA application_id=0')\n"
                           "c.execute('PRAGMA cache_size=1')\n" // spill pages into the file mid-transaction
                           "c.execute('BEGIN')\n"
                           "for i in range(200):\n"
                           "    c.execute('INSERT INTO candidates(keyword_id, keyword_pos, pixels) "
                           "VALUES (1, 1000 + ?, zeroblob(3072))', (i,))\n"
                           "os._exit(0)\n"),
            {file, tagged ? QStringLiteral("1") : QStringLiteral("0")});
        QVERIFY2(killed.exitCode == 0, killed.err.constData());
        QVERIFY(QFileInfo(file + QStringLiteral("-journal")).size() > 0);
        const QByteArray before = fileBytes(file);
        Project reader;
        QVERIFY(!reader.openReadOnly(file));
        QVERIFY2(reader.errorString().contains(QStringLiteral("interrupted")) && !showsSql(reader.errorString()),
                 qPrintable(reader.errorString()));
        QCOMPARE(fileBytes(file), before); // a reader never writes, not even to undo a crash
        const auto stats = tc::test::runCli({QStringLiteral("stats"), file});
        QVERIFY2(stats.exitCode == 1 && stats.err.contains("interrupted"), stats.err.constData());
        Project writer; // opening for writing undoes it, as SQLite does
        QVERIFY2(writer.open(file), qPrintable(writer.errorString()));
        QCOMPARE(writer.candidateCount(), 9);
        writer.close();
        QVERIFY(reader.openReadOnly(file));
        QCOMPARE(reader.candidateCount(), 9);
    }

    void damagedProjectIsReportedAsDamage()
    {
        const QString file = path("damaged.tcproj");
        {
            Project p;
            QVERIFY(tc::test::makeFixtureProject(p, file));
            // Enough candidates for the indexes to have pages of their own.
            QVERIFY(p.database().exec(
                QStringLiteral("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000) "
                               "INSERT INTO candidates(keyword_id, tiny_index, keyword_pos, pixels) "
                               "SELECT 1 + i % 3, 100000 + i, 10 + i, randomblob(64) FROM n")));
        }
        qint64 pageSize = 0;
        QList<qint64> roots;
        {
            Database db;
            QVERIFY(db.open(file, Database::OpenMode::ReadOnly));
            pageSize = db.queryInt(QStringLiteral("PRAGMA page_size"));
            Statement q(db, QStringLiteral("SELECT rootpage FROM sqlite_master WHERE type = 'index' AND "
                                           "tbl_name = 'candidates'"));
            while (q.next())
                roots << q.int64(0);
        }
        QVERIFY(pageSize > 0 && roots.size() >= 3 && !roots.contains(1));
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadWrite));
        for (qint64 root : roots) { // the candidates' indexes' root pages become garbage
            QVERIFY(f.seek((root - 1) * pageSize));
            f.write(QByteArray(int(pageSize), '\xa5'));
        }
        f.close();

        const auto stats = tc::test::runCli({QStringLiteral("stats"), file});
        QVERIFY2(stats.exitCode == 1 && stats.err.contains("damaged") && stats.err.contains("backup"),
                 (stats.out + stats.err).constData());
        const auto decide =
            tc::test::runCli({QStringLiteral("decide"), file, QStringLiteral("--tiny-index"), QStringLiteral("100007"),
                              QStringLiteral("--verdict"), QStringLiteral("accept"), QStringLiteral("--annotator"),
                              QStringLiteral("a")});
        QVERIFY2(decide.exitCode == 1 && decide.err.contains("damaged"), decide.err.constData());
        QVERIFY2(!showsSql(QString::fromUtf8(stats.err + decide.err)), (stats.err + decide.err).constData());
        const auto backup =
            tc::test::runCli({QStringLiteral("backup"), file, QStringLiteral("--out"), path("copy-of-damaged.tcproj")});
        QVERIFY2(backup.exitCode == 1 && backup.err.contains("damaged"), backup.err.constData());
        QVERIFY(!QFileInfo::exists(path("copy-of-damaged.tcproj"))); // no copy that carries the damage
    }
};

QTEST_GUILESS_MAIN(TestProjectOpen)
#include "TestProjectOpen.moc"
