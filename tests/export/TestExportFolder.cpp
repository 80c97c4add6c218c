// Export writes only what it owns (issue 11, item 1): every --out that is or holds the project, an
// input of the project or a file the export did not write is refused with a message naming it, by
// path and through symbolic links, and the whole tree is byte-identical afterwards; --force replaces
// a previous export only; what killed runs leave next to the folder is cleaned by the next run.
#include "tests/export/CliProject.h"

#include <QLockFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <csignal>

using namespace tc::test;

class TestExportFolder final : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void refusedAndUntouched_data();
    void refusedAndUntouched();
    void forceReplacesAPreviousExport();
    void emptyFolderIsUsedAndNothingLeftBeside();
    void staleStagingIsRemoved();
    void killedExportIsCleanedByTheNextRun();
    void movedAsideExportIsRestored();

private:
    QStringList exportArgs(const QString &out, const QStringList &extra = {}) const;
    QString path(const QString &relative) const { return m_root.filePath(relative); }

    QTemporaryDir m_root;
    QString m_project;
};

QStringList TestExportFolder::exportArgs(const QString &out, const QStringList &extra) const
{
    return QStringList{QStringLiteral("export"),      m_project,
                       QStringLiteral("--out"),       out,
                       QStringLiteral("--per-class"), QStringLiteral("5"),
                       QStringLiteral("--format"),    QStringLiteral("npz,cifar-python")} +
           extra;
}

void TestExportFolder::initTestCase()
{
    TC_REQUIRE_SHARED();
    QVERIFY(m_root.isValid());
    // Writable copies of every input: the shared fixtures are read-only, which would hide a deletion.
    const QString w = fixture(QStringLiteral("world-small"));
    QVERIFY(QDir().mkpath(path(QStringLiteral("tiny"))) && QDir().mkpath(path(QStringLiteral("catalog"))) &&
            QDir().mkpath(path(QStringLiteral("refs"))) && QDir().mkpath(path(QStringLiteral("d"))));
    for (const char *f : {"tiny_images.bin", "tiny_metadata.bin"})
        QVERIFY(QFile::copy(w + QStringLiteral("/tinyimages/") + QLatin1String(f),
                            path(QStringLiteral("tiny/")) + QLatin1String(f)));
    QVERIFY(
        QFile::copy(w + QStringLiteral("/keyword_counts.json"), path(QStringLiteral("catalog/keyword_counts.json"))));
    QVERIFY(
        QFile::copy(w + QStringLiteral("/cifar-10-batches-py/test_batch"), path(QStringLiteral("refs/test_batch"))));
    m_project = path(QStringLiteral("d/P.tcproj"));
    QString bad = makeCuratedProject(m_project, path(QStringLiteral("tiny")),
                                     path(QStringLiteral("catalog/keyword_counts.json")));
    QVERIFY2(bad.isEmpty(), qPrintable(bad));
    bad = cli({QStringLiteral("add-reference"), m_project, QStringLiteral("--name"), QStringLiteral("cifar10-test"),
               QStringLiteral("--role"), QStringLiteral("exclude"), path(QStringLiteral("refs/test_batch"))});
    QVERIFY2(bad.isEmpty(), qPrintable(bad));
    bad = cli({QStringLiteral("dedup"), m_project});
    QVERIFY2(bad.isEmpty(), qPrintable(bad));
    // Months of work beside the project, and a folder that merely holds someone's file.
    for (const QString &f : {QStringLiteral("d/notes.txt"), QStringLiteral("foreign/notes.txt")}) {
        QDir().mkpath(QFileInfo(path(f)).path());
        QFile note(path(f));
        QVERIFY(note.open(QIODevice::WriteOnly));
        note.write("annotation notes\n");
    }
    // Previous exports: one with a file someone added, one holding a link to the project.
    for (const QString &e : {QStringLiteral("exp-foreign"), QStringLiteral("exp-link")}) {
        bad = cli(exportArgs(path(e)));
        QVERIFY2(bad.isEmpty(), qPrintable(bad));
    }
    QVERIFY(QFile::copy(path(QStringLiteral("d/notes.txt")), path(QStringLiteral("exp-foreign/notes.txt"))));
    QVERIFY(QFile::link(m_project, path(QStringLiteral("exp-link/cifar-10-batches-py/evil"))));
    // Links to what must never be replaced.
    QVERIFY(QDir().mkpath(path(QStringLiteral("links"))));
    QVERIFY(QFile::link(path(QStringLiteral("d")), path(QStringLiteral("links/toProjectDir"))));
    QVERIFY(QFile::link(m_project, path(QStringLiteral("links/toProjectFile"))));
    QVERIFY(QFile::link(path(QStringLiteral("tiny")), path(QStringLiteral("links/toTiny"))));
    QVERIFY(QFile::link(m_root.path(), path(QStringLiteral("links/toRoot"))));
    QVERIFY(QFile::link(path(QStringLiteral("nothing-here")), path(QStringLiteral("links/dangling"))));
}

void TestExportFolder::refusedAndUntouched_data()
{
    QTest::addColumn<QString>("out"); // {R}: the test's root folder
    QTest::addColumn<bool>("force");
    QTest::addColumn<QString>("named"); // what the message must name
    QTest::newRow("project folder, --force") << "{R}/d" << true << "{R}/d/P.tcproj";
    QTest::newRow("project folder") << "{R}/d" << false << "{R}/d/P.tcproj";
    QTest::newRow("project folder as '.'") << "{R}/d/." << true << "{R}/d/P.tcproj";
    QTest::newRow("the project file") << "{R}/d/P.tcproj" << true << "the project file";
    QTest::newRow("an ancestor of the project") << "{R}" << true << "{R}/d/P.tcproj";
    QTest::newRow("the root folder") << "/" << true << "{R}/d/P.tcproj";
    QTest::newRow("the Tiny Images folder") << "{R}/tiny" << true << "{R}/tiny";
    QTest::newRow("the catalog's folder") << "{R}/catalog" << true << "{R}/catalog/keyword_counts.json";
    QTest::newRow("a reference set's folder") << "{R}/refs" << true << "{R}/refs/test_batch";
    QTest::newRow("a folder with a foreign file") << "{R}/foreign" << true << "{R}/foreign/notes.txt";
    QTest::newRow("a previous export plus a foreign file") << "{R}/exp-foreign" << true << "{R}/exp-foreign/notes.txt";
    QTest::newRow("link to the project folder") << "{R}/links/toProjectDir" << true << "{R}/d/P.tcproj";
    QTest::newRow("link to the project file") << "{R}/links/toProjectFile" << true << "the project file";
    QTest::newRow("link to the Tiny Images folder") << "{R}/links/toTiny" << true << "{R}/tiny";
    QTest::newRow("path through a linked parent") << "{R}/links/toRoot/d" << true << "{R}/d/P.tcproj";
    QTest::newRow("a previous export holding a link to the project")
        << "{R}/exp-link" << true << "{R}/exp-link/cifar-10-batches-py/evil";
    QTest::newRow("a link to nothing") << "{R}/links/dangling" << true << "{R}/links/dangling";
}

void TestExportFolder::refusedAndUntouched()
{
    QFETCH(QString, out);
    QFETCH(bool, force);
    QFETCH(QString, named);
    out.replace(QStringLiteral("{R}"), m_root.path());
    // Named as recorded or as resolved: the root may itself be reached through a link (/tmp).
    QString resolvedName = named;
    named.replace(QStringLiteral("{R}"), m_root.path());
    resolvedName.replace(QStringLiteral("{R}"), QFileInfo(m_root.path()).canonicalFilePath());
    const auto before = treeSnapshot(m_root.path());
    QVERIFY(before.contains(QStringLiteral("d/P.tcproj")) && before.contains(QStringLiteral("tiny/tiny_images.bin")));
    const ProcessResult r = runCli(exportArgs(out, force ? QStringList{QStringLiteral("--force")} : QStringList{}));
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(QString::fromUtf8(r.err).contains(named) || QString::fromUtf8(r.err).contains(resolvedName),
             r.err.constData());
    const auto after = treeSnapshot(m_root.path());
    QVERIFY2(after == before, qPrintable(snapshotDiff(before, after)));
}

void TestExportFolder::forceReplacesAPreviousExport()
{
    const QString out = path(QStringLiteral("replaced"));
    QString bad = cli(exportArgs(out));
    QVERIFY2(bad.isEmpty(), qPrintable(bad));
    const auto first = treeSnapshot(out);
    bad = cli(exportArgs(out, {QStringLiteral("--seed"), QStringLiteral("9")}), 1); // no --force: refused
    QVERIFY2(bad.isEmpty(), qPrintable(bad));
    QCOMPARE(treeSnapshot(out), first);
    const ProcessResult r =
        runCli(exportArgs(out, {QStringLiteral("--seed"), QStringLiteral("9"), QStringLiteral("--force")}));
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const auto second = treeSnapshot(out);
    QCOMPARE(second.keys(), first.keys());
    QVERIFY(second.value(QStringLiteral("train.npz")) != first.value(QStringLiteral("train.npz")));
    // Nothing moved aside or staged is left next to it, and the count printed is the files written.
    QCOMPARE(QDir(m_root.path()).entryList({QStringLiteral(".replaced.*")}, QDir::AllEntries | QDir::Hidden),
             QStringList());
    QVERIFY2(r.out.contains(QStringLiteral("wrote %1 files").arg(fileCount(out)).toUtf8()), r.out.constData());
}

void TestExportFolder::emptyFolderIsUsedAndNothingLeftBeside()
{
    const QString out = path(QStringLiteral("empty"));
    QVERIFY(QDir().mkpath(out));
    const ProcessResult r = runCli(exportArgs(out));
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY(QFileInfo::exists(out + QStringLiteral("/manifest.json")));
    QCOMPARE(QDir(m_root.path()).entryList({QStringLiteral(".empty.*")}, QDir::AllEntries | QDir::Hidden),
             QStringList());
}

namespace {
// A lock file as QLockFile writes it, but naming a process that has exited: what SIGKILL leaves.
bool writeDeadLock(const QString &lockPath)
{
    QProcess sh;
    sh.start(QStringLiteral("/bin/sh"), {QStringLiteral("-c"), QStringLiteral("echo $$")});
    if (!sh.waitForFinished(30000))
        return false;
    const QByteArray deadPid = sh.readAllStandardOutput().trimmed();
    QByteArray content;
    {
        QLockFile lock(lockPath);
        if (!lock.tryLock(0))
            return false;
        QFile f(lockPath);
        if (!f.open(QIODevice::ReadOnly))
            return false;
        content = f.readAll();
    }
    content = deadPid + content.mid(content.indexOf('\n'));
    QFile f(lockPath);
    return f.open(QIODevice::WriteOnly) && f.write(content) == content.size();
}
} // namespace

void TestExportFolder::staleStagingIsRemoved()
{
    const QString out = path(QStringLiteral("stale"));
    // A killed run's staging folder (stale lock), a live run's (lock held here) and a look-alike that
    // is not ours (no lock, not an export): only the first may go.
    const QString killed = path(QStringLiteral(".stale.partial-Ab12Cd"));
    // Killed between creating the folder and writing its lock: an empty folder, or an empty lock file.
    const QString bare = path(QStringLiteral(".stale.partial-Bare00"));
    const QString emptyLock = path(QStringLiteral(".stale.partial-EmptyL"));
    QVERIFY(QDir().mkpath(bare) && QDir().mkpath(emptyLock));
    QFile empty(emptyLock + QStringLiteral("/.tinycurator-export.lock"));
    QVERIFY(empty.open(QIODevice::WriteOnly));
    empty.close();
    const QString live = path(QStringLiteral(".stale.partial-Li5eXy"));
    const QString foreign = path(QStringLiteral(".stale.partial-N0tOur"));
    for (const QString &dir : {killed, live, foreign}) {
        QVERIFY(QDir().mkpath(dir + QStringLiteral("/cifar-10-batches-py")));
        QFile f(dir + QStringLiteral("/cifar-10-batches-py/data_batch_1"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("half a batch");
    }
    QVERIFY(writeDeadLock(killed + QStringLiteral("/.tinycurator-export.lock")));
    QLockFile liveLock(live + QStringLiteral("/.tinycurator-export.lock"));
    QVERIFY(liveLock.tryLock(0));
    const auto liveBefore = treeSnapshot(live), foreignBefore = treeSnapshot(foreign);
    const ProcessResult r = runCli(exportArgs(out));
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY2(!QFileInfo::exists(killed) && !QFileInfo::exists(bare) && !QFileInfo::exists(emptyLock),
             r.out.constData());
    QVERIFY2(r.out.contains("left by an export that did not finish"), r.out.constData());
    QCOMPARE(treeSnapshot(live), liveBefore);
    QCOMPARE(treeSnapshot(foreign), foreignBefore);
    QVERIFY(QFileInfo::exists(out + QStringLiteral("/manifest.json")));
}

void TestExportFolder::killedExportIsCleanedByTheNextRun()
{
    // Real kills: SIGKILL as soon as the staging folder appears. Whatever moment the kill hits, the
    // next run must leave exactly one complete export and nothing beside it.
    const QString out = path(QStringLiteral("killed"));
    const QDir root(m_root.path());
    int caught = 0;
    for (int attempt = 0; attempt < 8 && caught < 2; ++attempt) {
        QDir(out).removeRecursively();
        QProcess p;
        p.start(cliPath(), exportArgs(out));
        QVERIFY(p.waitForStarted(30000));
        bool seen = false;
        while (p.state() == QProcess::Running && !seen) {
            seen = !root.entryList({QStringLiteral(".killed.partial-*")}, QDir::Dirs | QDir::Hidden).isEmpty();
            if (!seen)
                QThread::usleep(200);
        }
        if (seen) {
            ::kill(pid_t(p.processId()), SIGKILL);
            ++caught;
        }
        p.waitForFinished(60000);
        const ProcessResult again = runCli(exportArgs(out, {QStringLiteral("--force")}));
        QVERIFY2(again.exitCode == 0, again.err.constData());
        QCOMPARE(root.entryList({QStringLiteral(".killed.*")}, QDir::AllEntries | QDir::Hidden), QStringList());
        QVERIFY(QFileInfo::exists(out + QStringLiteral("/manifest.json")));
    }
    if (caught == 0)
        qWarning("no run was killed while its staging folder existed (each export finished first)");
}

void TestExportFolder::movedAsideExportIsRestored()
{
    // A kill between "move the previous export aside" and "rename the new one into place" leaves the
    // folder missing: the next run puts the previous export back rather than lose it.
    const QString out = path(QStringLiteral("aside"));
    QString bad = cli(exportArgs(out));
    QVERIFY2(bad.isEmpty(), qPrintable(bad));
    const auto original = treeSnapshot(out);
    QVERIFY(QDir().rename(out, path(QStringLiteral(".aside.old-Qw3rTy"))));
    const ProcessResult r = runCli(exportArgs(out, {QStringLiteral("--seed"), QStringLiteral("4")}));
    QCOMPARE(r.exitCode, 1); // back in place, and not replaced without --force
    QVERIFY2(r.err.contains("exists and is not empty"), r.err.constData());
    QCOMPARE(treeSnapshot(out), original);
    QVERIFY(!QFileInfo::exists(path(QStringLiteral(".aside.old-Qw3rTy"))));
}

QTEST_GUILESS_MAIN(TestExportFolder)
#include "TestExportFolder.moc"
