// One writer per project file, decided by a kernel lock (flock) on "<project>.lock" alone: whatever a
// killed or hostile process left at that path (an empty file, garbage, a dead or reused pid, a folder,
// a symlink, a hard link, a FIFO) never blocks the next command and is never followed to overwrite
// another file; a live holder is named with its lock file and the way out; a second writer waits for a
// short one; threads of one process share the lock.
#include "HardeningSupport.h"
#include "core/project/ProjectLock.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QtConcurrent>
#include <csignal>
#include <cstdio>
#include <sys/stat.h>
#include <unistd.h>

using namespace tc::core;
using namespace tc::test::hardening;

namespace {

// Child mode: open the project for writing, say so, and keep it open until stdin closes, holdMs
// passed (when > 0), or we are killed.
int holdProject(const char *path, int holdMs)
{
    Project project;
    if (!project.open(QString::fromLocal8Bit(path))) {
        std::fprintf(stderr, "%s\n", qPrintable(project.errorString()));
        return 1;
    }
    std::printf("locked\n");
    std::fflush(stdout);
    if (holdMs > 0) {
        QThread::msleep(holdMs);
        return 0;
    }
    char line[64];
    while (std::fgets(line, sizeof line, stdin)) {
    }
    return 0;
}

QByteArray fileBytes(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<unreadable>");
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

// A pid that certainly belongs to no process: one that just exited and was reaped.
qint64 deadPid()
{
    QProcess p;
    p.start(QStringLiteral("/bin/true"));
    p.waitForFinished();
    return p.processId() > 0 ? p.processId() : 999999;
}

tc::test::ProcessResult decide(const QString &path, qint64 candidate, int timeoutMs = 60000)
{
    return tc::test::runCli({QStringLiteral("decide"), path, QStringLiteral("--candidate"), QString::number(candidate),
                             QStringLiteral("--verdict"), QStringLiteral("accept"), QStringLiteral("--annotator"),
                             QStringLiteral("ann")},
                            timeoutMs);
}

} // namespace

class TestProjectLock final : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_path;

    // Starts this executable in child mode holding m_path; waits until it holds the lock.
    bool startHolder(QProcess &holder, int holdMs = 0)
    {
        holder.start(QCoreApplication::applicationFilePath(),
                     {QStringLiteral("--hold"), m_path, QString::number(holdMs)});
        return holder.waitForStarted() && holder.waitForReadyRead(60000) && holder.readLine().trimmed() == "locked";
    }
    QString lockPath() const { return ProjectLock::lockFilePath(m_path); }

private slots:
    void init()
    {
        m_path = m_dir.filePath(QStringLiteral("p%1.tcproj").arg(QTest::currentTestFunction()));
        if (QTest::currentDataTag() && *QTest::currentDataTag())
            m_path = m_dir.filePath(
                QStringLiteral("p%1.tcproj")
                    .arg(QString::fromLatin1(
                        QCryptographicHash::hash(QTest::currentDataTag(), QCryptographicHash::Md5).toHex().left(8))));
        QVERIFY(makeSmallProject(m_path));
        qunsetenv("TC_LOCK_WAIT");
    }

    void leftoversAtTheLockPathNeverBlock_data()
    {
        QTest::addColumn<QString>("kind");
        QTest::newRow("empty file (killed between creating and writing it)") << "empty";
        QTest::newRow("garbage") << "garbage";
        QTest::newRow("dead pid") << "dead";
        QTest::newRow("pid 0") << "pid0";
        QTest::newRow("pid -1") << "pid-1";
        QTest::newRow("pid of a live unrelated process") << "reused";
        QTest::newRow("empty folder") << "dir";
        QTest::newRow("folder with a file in it") << "dir-full";
        QTest::newRow("dangling symlink") << "dangling";
        QTest::newRow("symlink to another file") << "symlink";
        QTest::newRow("hard link to another file") << "hardlink";
        QTest::newRow("FIFO") << "fifo";
    }
    void leftoversAtTheLockPathNeverBlock()
    {
        QFETCH(QString, kind);
        const QString lock = lockPath();
        const QString victim = m_dir.filePath(QStringLiteral("victim-%1.txt").arg(kind));
        const QString dangling = m_dir.filePath(QStringLiteral("dangling-target-%1").arg(kind));
        const QByteArray victimBytes = "precious data that must stay byte-identical\n";
        QVERIFY(writeFile(victim, victimBytes));
        if (kind == QLatin1String("empty"))
            QVERIFY(writeFile(lock, {}));
        else if (kind == QLatin1String("garbage"))
            QVERIFY(writeFile(lock, QByteArray("\x01\xff\x1b[31mnot a lock\x00\x7f", 18).repeated(50)));
        else if (kind == QLatin1String("dead"))
            QVERIFY(writeFile(lock, QByteArray::number(deadPid()) + "\ntinycurator-cli\nsomehost\n"));
        else if (kind == QLatin1String("pid0"))
            QVERIFY(writeFile(lock, "0\ntinycurator-cli\nsomehost\n"));
        else if (kind == QLatin1String("pid-1"))
            QVERIFY(writeFile(lock, "-1\ntinycurator-cli\nsomehost\n"));
        else if (kind == QLatin1String("reused")) // pid 1 is alive and is not TinyCurator
            QVERIFY(writeFile(lock, "1\ntinycurator-cli\n" + QSysInfo::machineHostName().toUtf8() + "\n"));
        else if (kind == QLatin1String("dir"))
            QVERIFY(QDir().mkdir(lock));
        else if (kind == QLatin1String("dir-full")) {
            QVERIFY(QDir().mkdir(lock));
            QVERIFY(writeFile(lock + QStringLiteral("/keep.txt"), victimBytes));
        } else if (kind == QLatin1String("dangling"))
            QVERIFY(::symlink(QFile::encodeName(dangling).constData(), QFile::encodeName(lock).constData()) == 0);
        else if (kind == QLatin1String("symlink"))
            QVERIFY(::symlink(QFile::encodeName(victim).constData(), QFile::encodeName(lock).constData()) == 0);
        else if (kind == QLatin1String("hardlink"))
            QVERIFY(::link(QFile::encodeName(victim).constData(), QFile::encodeName(lock).constData()) == 0);
        else if (kind == QLatin1String("fifo"))
            QVERIFY(::mkfifo(QFile::encodeName(lock).constData(), 0644) == 0);

        const auto r = decide(m_path, 1, 30000);
        QVERIFY2(r.exitCode == 0 && r.out.contains("recorded"), (r.out + r.err).constData());
        const auto stats = tc::test::runCli({QStringLiteral("stats"), m_path}, 30000);
        QVERIFY2(stats.exitCode == 0, stats.err.constData());
        Project project;
        QVERIFY2(project.open(m_path), qPrintable(project.errorString()));
        QCOMPARE(project.verdict(1, QStringLiteral("ann")), Verdict::Accept);
        project.close();
        // Nothing outside the lock path was written through it.
        QCOMPARE(fileBytes(victim), victimBytes);
        QVERIFY(!QFileInfo::exists(dangling));
        if (kind == QLatin1String("dir-full")) // moved aside, never deleted
            QVERIFY(
                !QDir(m_dir.path())
                     .entryList({QFileInfo(lock).fileName() + QStringLiteral("*")}, QDir::Dirs | QDir::NoDotAndDotDot)
                     .isEmpty());
        QVERIFY2(!QFileInfo::exists(lock) && !QFileInfo(lock).isSymLink(), "a clean close removes the lock file");
    }

    void liveHolderIsNamedWithTheLockFileAndTheWayOut()
    {
        QProcess holder;
        QVERIFY(startHolder(holder));
        Project second;
        QVERIFY(!second.open(m_path));
        const QString error = second.errorString();
        QVERIFY2(error.contains(QStringLiteral("in use by")), qPrintable(error));
        QVERIFY2(error.contains(QString::number(holder.processId())), qPrintable(error));
        QVERIFY2(error.contains(lockPath()), qPrintable(error));
        QVERIFY2(!error.contains(QStringLiteral("work on a copy")), qPrintable(error)); // a cp misses the -wal
        QCOMPARE(second.openFailure(), Project::OpenFailure::InUse);
        QVERIFY(!second.lockHolder().isEmpty());

        qputenv("TC_LOCK_WAIT", "1"); // seconds a CLI writer waits for the holder
        QElapsedTimer timer;
        timer.start();
        const auto r = decide(m_path, 1);
        QCOMPARE(r.exitCode, 1);
        QVERIFY(timer.elapsed() >= 900); // it waited before giving up
        QVERIFY2(r.err.contains("waiting for") && r.err.contains(QByteArray::number(holder.processId())),
                 r.err.constData());
        QVERIFY2(r.err.contains("in use by") && r.err.contains(lockPath().toUtf8()) && r.err.contains("backup"),
                 r.err.constData());
        holder.closeWriteChannel();
        QVERIFY(holder.waitForFinished(30000));
        QCOMPARE(holder.exitCode(), 0);
        Project check;
        QVERIFY2(check.open(m_path), qPrintable(check.errorString()));    // released on a clean exit
        QCOMPARE(check.verdict(1, QStringLiteral("ann")), Verdict::None); // the refused write left no trace
    }

    void secondWriterWaitsForAShortHolder()
    {
        QProcess holder;
        QVERIFY(startHolder(holder, 1500));
        const auto r = decide(m_path, 2);
        QVERIFY2(r.exitCode == 0 && r.out.contains("recorded"), (r.out + r.err).constData());
        QVERIFY2(r.err.contains("waiting for"), r.err.constData());
        QVERIFY(holder.waitForFinished(30000));
    }

    void twoDecideLoopsNeverRefuse()
    {
        // Each loop runs one short `decide` after the other on the same project, as two scripts would.
        const auto loop = [this](int first) {
            QString script = QStringLiteral("fail=0; for i in $(seq %1 %2); do \"$0\" decide \"$1\" --candidate $i "
                                            "--verdict reject --annotator loop%1 >/dev/null 2>&1 || fail=$((fail+1)); "
                                            "done; echo $fail")
                                 .arg(first)
                                 .arg(first + 5);
            auto *p = new QProcess;
            p->start(QStringLiteral("/bin/sh"), {QStringLiteral("-c"), script, tc::test::cliPath(), m_path});
            return p;
        };
        QList<QProcess *> loops;
        for (int first : {1, 7, 1, 7}) // 4 concurrent loops of 6 calls: two pairs hit the same candidates
            loops.append(loop(first));
        int failures = 0;
        for (QProcess *p : loops) {
            QVERIFY(p->waitForFinished(300000));
            failures += p->readAllStandardOutput().trimmed().toInt();
            delete p;
        }
        QCOMPARE(failures, 0);
        Project project;
        QVERIFY(project.open(m_path));
        QCOMPARE(project.database().queryInt(QStringLiteral("SELECT count(*) FROM decisions")), 24);
    }

    void killedHolderNeverBlocks()
    {
        QProcess holder;
        QVERIFY(startHolder(holder));
        ::kill(pid_t(holder.processId()), SIGKILL);
        QVERIFY(holder.waitForFinished(30000));
        QVERIFY(QFile::exists(lockPath())); // the killed process could not clean up
        const auto r = decide(m_path, 3);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(integrityCheck(m_path), QStringLiteral("ok"));
    }

    void threadsOfOneProcessShareTheLock()
    {
        Project gui;
        QVERIFY(gui.open(m_path));
        // A worker thread opens its own connection, as dedup and export do.
        const bool workerOpened = QtConcurrent::run([this] {
                                      Project worker;
                                      return worker.open(m_path) && worker.candidateCount() == 12;
                                  }).result();
        QVERIFY(workerOpened);
        QVERIFY(gui.recordDecision(1, Verdict::Accept, QStringLiteral("ann")));
        gui.close();
        QVERIFY(!QFile::exists(lockPath())); // the last one out released it
    }

    void lockFileIsRemovedOnClose()
    {
        {
            Project p;
            QVERIFY(p.open(m_path));
            QVERIFY(QFile::exists(lockPath()));
        }
        QVERIFY(!QFile::exists(lockPath()));
    }
};

int main(int argc, char **argv)
{
    if (argc == 4 && qstrcmp(argv[1], "--hold") == 0) {
        QCoreApplication app(argc, argv);
        return holdProject(argv[2], std::atoi(argv[3]));
    }
    QCoreApplication app(argc, argv);
    TestProjectLock test;
    return QTest::qExec(&test, argc, argv);
}

#include "TestProjectLock.moc"
