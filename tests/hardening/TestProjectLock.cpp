// One writer per project file: a second process refuses with a message naming the holder, a lock
// left by a killed process is taken over, and threads of one process share the lock.
#include "HardeningSupport.h"
#include "core/project/ProjectLock.h"

#include <QCoreApplication>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QtConcurrent>
#include <csignal>
#include <cstdio>

using namespace tc::core;
using namespace tc::test::hardening;

namespace {

// Child mode: open the project, say so, and keep it open until stdin closes (or we are killed).
int holdProject(const char *path)
{
    Project project;
    if (!project.open(QString::fromLocal8Bit(path))) {
        std::fprintf(stderr, "%s\n", qPrintable(project.errorString()));
        return 1;
    }
    std::printf("locked\n");
    std::fflush(stdout);
    char line[64];
    while (std::fgets(line, sizeof line, stdin)) {
    }
    return 0;
}

} // namespace

class TestProjectLock final : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_path;

    // Starts this executable in child mode holding m_path; waits until it holds the lock.
    bool startHolder(QProcess &holder)
    {
        holder.start(QCoreApplication::applicationFilePath(), {QStringLiteral("--hold"), m_path});
        return holder.waitForStarted() && holder.waitForReadyRead(60000) && holder.readLine().trimmed() == "locked";
    }

private slots:
    void init()
    {
        m_path = m_dir.filePath(QStringLiteral("p%1.tcproj").arg(QTest::currentTestFunction()));
        QVERIFY(makeSmallProject(m_path));
    }

    void secondProcessRefusesWithHolder()
    {
        QProcess holder;
        QVERIFY(startHolder(holder));
        Project second;
        QVERIFY(!second.open(m_path));
        QVERIFY2(second.errorString().contains(QStringLiteral("in use by")), qPrintable(second.errorString()));
        QVERIFY2(second.errorString().contains(QString::number(holder.processId())), qPrintable(second.errorString()));
        holder.closeWriteChannel();
        QVERIFY(holder.waitForFinished(30000));
        QCOMPARE(holder.exitCode(), 0);
        QVERIFY2(second.open(m_path), qPrintable(second.errorString())); // released on a clean exit
    }

    void cliRefusesWhileHeld()
    {
        QProcess holder;
        QVERIFY(startHolder(holder));
        const auto r = tc::test::runCli({QStringLiteral("decide"), m_path, QStringLiteral("--candidate"),
                                         QStringLiteral("1"), QStringLiteral("--verdict"), QStringLiteral("accept"),
                                         QStringLiteral("--annotator"), QStringLiteral("ann")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("in use by"), r.err.constData());
        holder.closeWriteChannel();
        QVERIFY(holder.waitForFinished(30000));
        Project check;
        QVERIFY(check.open(m_path));
        QCOMPARE(check.verdict(1, QStringLiteral("ann")), Verdict::None); // the refused write left no trace
    }

    void staleLockOfKilledProcessIsTakenOver()
    {
        QProcess holder;
        QVERIFY(startHolder(holder));
        ::kill(pid_t(holder.processId()), SIGKILL);
        QVERIFY(holder.waitForFinished(30000));
        QVERIFY(QFile::exists(ProjectLock::lockFilePath(m_path))); // the killed process could not clean up
        Project after;
        QVERIFY2(after.open(m_path), qPrintable(after.errorString()));
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
        QVERIFY(!QFile::exists(ProjectLock::lockFilePath(m_path))); // the last one out released it
    }

    void lockFileIsRemovedOnClose()
    {
        {
            Project p;
            QVERIFY(p.open(m_path));
            QVERIFY(QFile::exists(ProjectLock::lockFilePath(m_path)));
        }
        QVERIFY(!QFile::exists(ProjectLock::lockFilePath(m_path)));
    }
};

int main(int argc, char **argv)
{
    if (argc == 3 && qstrcmp(argv[1], "--hold") == 0) {
        QCoreApplication app(argc, argv);
        return holdProject(argv[2]);
    }
    QCoreApplication app(argc, argv);
    TestProjectLock test;
    return QTest::qExec(&test, argc, argv);
}

#include "TestProjectLock.moc"
