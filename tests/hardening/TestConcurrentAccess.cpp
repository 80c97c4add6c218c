// Readers beside a writer in another process, for real: while `tinycurator-cli decide --stdin` holds
// a project open for writing and commits decisions, the read-only commands (stats, pairs,
// export-decisions, export --dry-run, export) work and see every confirmed decision, a read-only
// Project follows the writer (ProjectWatcher) and refuses writes, a second writer is refused naming the
// holder; `backup` taken while the writer goes on holds every decision confirmed before it started and
// is one standalone file; a project in use is never replaced by a backup.
#include "HardeningSupport.h"
#include "core/project/ProjectLock.h"
#include "core/project/ProjectWatcher.h"
#include "core/project/Statement.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace tc::core;
using namespace tc::test;
using namespace tc::test::hardening;

namespace {

// A CLI process that records decisions read from stdin ("<tiny_index> <verdict>"), one commit each,
// and prints "recorded ... tiny <index>" after each commit: a live writer in another process.
class Writer final {
public:
    bool start(const QString &project)
    {
        m_process.start(cliPath(), {QStringLiteral("decide"), project, QStringLiteral("--stdin"),
                                    QStringLiteral("--annotator"), QStringLiteral("writer")});
        return m_process.waitForStarted(30000);
    }
    void send(const QByteArray &lines) { m_process.write(lines); }
    // Reads what the writer confirmed so far; waits until at least `count` confirmations in all.
    bool waitConfirmed(int count, int timeoutMs = 120000)
    {
        QElapsedTimer timer;
        timer.start();
        while (readConfirmed() < count) {
            if (timer.elapsed() > timeoutMs || m_process.state() != QProcess::Running)
                return false;
            m_process.waitForReadyRead(200);
        }
        return true;
    }
    int readConfirmed()
    {
        while (m_process.waitForReadyRead(1)) { // what the writer printed so far, not only what was polled
        }
        m_buffer += m_process.readAllStandardOutput();
        qsizetype newline;
        while ((newline = m_buffer.indexOf('\n')) >= 0) {
            const QByteArray line = m_buffer.left(newline);
            m_buffer.remove(0, newline + 1);
            const qsizetype at = line.lastIndexOf(" tiny ");
            if (line.startsWith("recorded ") && at > 0)
                m_confirmed.append(line.mid(at + 6).toLongLong());
        }
        return int(m_confirmed.size());
    }
    QList<qint64> confirmed() const { return m_confirmed; }
    qint64 pid() const { return m_process.processId(); }
    bool finish()
    {
        m_process.closeWriteChannel();
        const bool done = m_process.waitForFinished(300000);
        readConfirmed();
        return done && m_process.exitStatus() == QProcess::NormalExit && m_process.exitCode() == 0;
    }
    QByteArray errors() { return m_process.readAllStandardError(); }

private:
    QProcess m_process;
    QByteArray m_buffer;
    QList<qint64> m_confirmed;
};

QByteArray acceptLines(int from, int to)
{
    QByteArray lines;
    for (int i = from; i < to; ++i)
        lines += QByteArray::number(i) + " accept\n";
    return lines;
}

// Tiny indices with a verdict of `annotator` in the project at path (read-only).
QSet<qint64> decidedTinyIndices(const QString &path, const QString &annotator)
{
    QSet<qint64> indices;
    Project project;
    if (!project.openReadOnly(path))
        return {-1};
    Statement q(project.database(), QStringLiteral("SELECT c.tiny_index FROM candidate_state s JOIN candidates c "
                                                   "ON c.id = s.candidate_id WHERE s.annotator = ?1"));
    q.bind(1, annotator);
    while (q.next())
        indices.insert(q.int64(0));
    return indices;
}

} // namespace

class TestConcurrentAccess final : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

private slots:
    void init() { qputenv("TC_LOCK_WAIT", "1"); }

    void readersWorkBesideAWriterProcess()
    {
        const QString path = m_dir.filePath(QStringLiteral("readers.tcproj"));
        QVERIFY(makeSmallProject(path, 40)); // tiny 0..119; 0..39 airbus, 40..79 jetliner (airplane), 80.. cat
        Writer writer;
        QVERIFY(writer.start(path));
        writer.send(acceptLines(0, 10) + acceptLines(80, 90));
        QVERIFY2(writer.waitConfirmed(20), writer.errors().constData());

        // The read-only commands, while the writer holds the project open.
        const auto stats = runCli({QStringLiteral("stats"), path, QStringLiteral("--json")});
        QVERIFY2(stats.exitCode == 0, stats.err.constData());
        qint64 accepted = 0;
        for (const auto &c : QJsonDocument::fromJson(stats.out).object().value(QStringLiteral("classes")).toArray())
            accepted += c.toObject().value(QStringLiteral("accepted")).toInteger();
        QCOMPARE(accepted, 20); // every confirmed decision, though it may still be in the -wal only
        const auto pairs = runCli({QStringLiteral("pairs"), path, QStringLiteral("--csv"), QStringLiteral("-")});
        QVERIFY2(pairs.exitCode == 0, pairs.err.constData());
        const QString csv = m_dir.filePath(QStringLiteral("decisions.csv"));
        const auto decisions = runCli({QStringLiteral("export-decisions"), path, QStringLiteral("--csv"), csv});
        QVERIFY2(decisions.exitCode == 0, decisions.err.constData());
        QFile csvFile(csv);
        QVERIFY(csvFile.open(QIODevice::ReadOnly));
        QCOMPARE(csvFile.readAll().count('\n'), 21); // header + 20
        const QStringList exportArgs{QStringLiteral("export"),      path,
                                     QStringLiteral("--out"),       m_dir.filePath(QStringLiteral("dataset")),
                                     QStringLiteral("--per-class"), QStringLiteral("4")};
        const auto dry = runCli(exportArgs + QStringList{QStringLiteral("--dry-run")});
        QVERIFY2(dry.exitCode == 0, dry.err.constData());
        const auto exported = runCli(exportArgs);
        QVERIFY2(exported.exitCode == 0, exported.err.constData());

        // A read-only Project beside it: reads, follows the writer, refuses writes in words.
        Project reader;
        QVERIFY2(reader.openReadOnly(path), qPrintable(reader.errorString()));
        QCOMPARE(reader.finalVerdict(1), Verdict::Accept);
        QVERIFY(!reader.recordDecision(2, Verdict::Reject, QStringLiteral("reader")));
        QVERIFY2(reader.errorString().contains(QStringLiteral("read-only")), qPrintable(reader.errorString()));
        ProjectWatcher watcher(&reader);
        QVERIFY(!watcher.poll());
        QSignalSpy changed(&reader, &Project::decisionsChanged);
        writer.send("50 reject\n");
        QVERIFY(writer.waitConfirmed(21));
        QVERIFY(watcher.poll()); // the other process's commit is seen at the next look
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.first().at(0).value<QList<qint64>>(), reader.candidatesByTinyIndex(50));
        QCOMPARE(reader.verdict(reader.candidatesByTinyIndex(50).value(0), QStringLiteral("writer")), Verdict::Reject);

        // A second writer is refused after waiting, naming the holder and the lock file.
        Project second;
        QVERIFY(!second.open(path));
        QCOMPARE(second.openFailure(), Project::OpenFailure::InUse);
        QVERIFY2(second.errorString().contains(QString::number(writer.pid())) &&
                     second.errorString().contains(ProjectLock::lockFilePath(path)),
                 qPrintable(second.errorString()));
        const auto refused =
            runCli({QStringLiteral("undo"), path, QStringLiteral("--annotator"), QStringLiteral("writer")});
        QVERIFY2(refused.exitCode == 1 && refused.err.contains("in use by") && refused.err.contains("backup"),
                 refused.err.constData());
        QVERIFY(writer.finish());
        QCOMPARE(decidedTinyIndices(path, QStringLiteral("writer")).size(), 21); // the undo was refused
    }

    void backupDuringWritesHoldsEveryConfirmedDecision()
    {
        const QString path = m_dir.filePath(QStringLiteral("busy.tcproj"));
        constexpr int kCandidates = 3000;
        QVERIFY(makeSmallProject(path, kCandidates / 3));
        Writer writer;
        QVERIFY(writer.start(path));
        writer.send(acceptLines(0, 40));
        QVERIFY2(writer.waitConfirmed(40), writer.errors().constData());
        const QList<qint64> before = writer.confirmed(); // confirmed before the backup starts
        const QString copy = m_dir.filePath(QStringLiteral("copies/busy-copy.tcproj"));
        QProcess backup;
        backup.start(cliPath(), {QStringLiteral("backup"), path, QStringLiteral("--out"), copy});
        QVERIFY(backup.waitForStarted(30000));
        // A decision every 2 ms for as long as the backup runs, however fast or slow the machine: the
        // writer commits (each with its fsync) while the copy is taken.
        int sent = 40;
        QElapsedTimer timer;
        timer.start();
        int confirmedDuring = int(before.size());
        while (!backup.waitForFinished(2) && timer.elapsed() < 300000 && sent < kCandidates) {
            writer.send(acceptLines(sent, sent + 1));
            ++sent;
            if (backup.state() == QProcess::Running)
                confirmedDuring = writer.readConfirmed();
        }
        QVERIFY(backup.state() == QProcess::NotRunning || backup.waitForFinished(300000));
        QVERIFY2(backup.exitStatus() == QProcess::NormalExit && backup.exitCode() == 0,
                 backup.readAllStandardError().constData());
        const int confirmedAfter = writer.readConfirmed();
        QVERIFY2(confirmedDuring > before.size(), "the writer committed nothing while the backup ran");
        QVERIFY(writer.finish());
        qInfo("writer confirmed %lld decisions before the backup, %d when it returned, %lld in all", before.size(),
              confirmedAfter, writer.confirmed().size());

        const QSet<qint64> inCopy = decidedTinyIndices(copy, QStringLiteral("writer"));
        for (qint64 tiny : before)
            QVERIFY2(inCopy.contains(tiny), qPrintable(QStringLiteral("confirmed decision %1 missing").arg(tiny)));
        QVERIFY(inCopy.size() <= writer.confirmed().size());
        // One standalone file: no -wal beside it, a rollback-journal header, sound, and a copy of the
        // file alone (as a mail attachment or a USB stick would carry it) holds the same.
        QVERIFY(!QFileInfo::exists(copy + QStringLiteral("-wal")));
        QFile file(copy);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray header = file.read(100);
        QCOMPARE(int(header.at(18)), 1);
        file.close();
        QCOMPARE(integrityCheck(copy), QStringLiteral("ok"));
        const QString carried = m_dir.filePath(QStringLiteral("carried.tcproj"));
        QVERIFY(QFile::copy(copy, carried));
        QCOMPARE(decidedTinyIndices(carried, QStringLiteral("writer")), inCopy);
    }

    void backupNeverReplacesAProjectInUse()
    {
        const QString good = m_dir.filePath(QStringLiteral("good.tcproj"));
        const QString target = m_dir.filePath(QStringLiteral("target.tcproj"));
        QVERIFY(makeSmallProject(good, 2));
        QVERIFY(makeSmallProject(target, 5));
        const auto exists = runCli({QStringLiteral("backup"), good, QStringLiteral("--out"), target});
        QVERIFY2(exists.exitCode == 1 && exists.err.contains("--force"), exists.err.constData());
        Writer writer;
        QVERIFY(writer.start(target));
        writer.send("0 accept\n");
        QVERIFY(writer.waitConfirmed(1));
        const auto inUse =
            runCli({QStringLiteral("backup"), good, QStringLiteral("--out"), target, QStringLiteral("--force")});
        QVERIFY2(inUse.exitCode == 1 && inUse.err.contains("in use by"), inUse.err.constData());
        QVERIFY(writer.finish());
        const auto restored =
            runCli({QStringLiteral("backup"), good, QStringLiteral("--out"), target, QStringLiteral("--force")});
        QVERIFY2(restored.exitCode == 0, restored.err.constData());
        Project p;
        QVERIFY(p.openReadOnly(target));
        QCOMPARE(p.candidateCount(), 6); // good's, not target's 15
        QCOMPARE(p.verdict(1, QStringLiteral("writer")), Verdict::None);
        const auto itself =
            runCli({QStringLiteral("backup"), good, QStringLiteral("--out"), good, QStringLiteral("--force")});
        QVERIFY2(itself.exitCode == 1, itself.err.constData());
        QCOMPARE(integrityCheck(good), QStringLiteral("ok"));
    }
};

QTEST_GUILESS_MAIN(TestConcurrentAccess)
#include "TestConcurrentAccess.moc"
