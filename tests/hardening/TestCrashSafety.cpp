// Kills the CLI with SIGKILL at seeded random moments during import (`new`), decisions (`decide`,
// one commit per process, a line printed after each commit), decision import (`import-decisions`),
// duplicate search (`dedup`) and export (`export`), 50 times in all, then checks that the project
// opens, passes PRAGMA integrity_check and holds every decision the CLI confirmed before the kill, and
// that the next command succeeds (whatever the killed one left at the lock path). A command missing
// from the CLI fails the test (it is never skipped).
//
// A kill moment counts from when the command has begun its work on the project (the child has a file
// of it open, seen in /proc/<pid>/fd), not from the process start: on a loaded machine the start alone
// can take longer than a short command's work, and a kill then would test nothing. A trial counts as
// killed only when SIGKILL really ended the process (not when it exited on its own just before), and
// every scenario asserts that it ran all its trials and that at least 2 in 3 of them were killed.
#include "HardeningSupport.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QMap>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <csignal>
#include <unistd.h>

using namespace tc::core;
using namespace tc::test;
using namespace tc::test::hardening;

namespace {

constexpr quint32 kSeed = 20261128; // fixed: a failure reproduces with the same kill moments

// Whether process pid has a file open whose name contains `name` (the project's file name: the
// project, its -wal or -journal, its lock file, or the temporary file `new` builds it in).
bool hasFileOpen(qint64 pid, const QString &name)
{
    const QString fdDir = QStringLiteral("/proc/%1/fd").arg(pid);
    const QByteArray needle = QFile::encodeName(name);
    for (const QString &fd : QDir(fdDir).entryList(QDir::NoDotAndDotDot | QDir::System | QDir::Files)) {
        char target[4096];
        const ssize_t n = ::readlink(QFile::encodeName(fdDir + u'/' + fd).constData(), target, sizeof target - 1);
        if (n > 0 && QByteArray(target, int(n)).contains(needle))
            return true;
    }
    return false;
}

struct KillResult {
    bool began = false;  // the child had begun its work on the project
    bool killed = false; // killed after it began and before it finished: mid-command
    qint64 workMs = -1;  // from beginning to exit, when it was not killed
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

// Starts the CLI, waits until it has begun work on projectName, kills it delayMs later (unless it
// finished; delayMs < 0: never), and collects what it printed.
KillResult runAndKill(const QStringList &args, const QString &projectName, int delayMs)
{
    QProcess cli;
    cli.start(cliPath(), args);
    KillResult r;
    if (!cli.waitForStarted(30000))
        return r;
    const qint64 pid = cli.processId();
    QElapsedTimer work;
    while (cli.state() == QProcess::Running && !hasFileOpen(pid, projectName)) {
        if (cli.waitForFinished(0))
            break;
        QThread::usleep(300);
    }
    r.began = cli.state() == QProcess::Running;
    work.start();
    if (r.began && delayMs >= 0 && !cli.waitForFinished(delayMs)) {
        ::kill(pid_t(pid), SIGKILL);
        cli.waitForFinished(30000);
        // Killed means the signal ended it: a command that exited between the wait and the kill was not.
        r.killed = cli.exitStatus() == QProcess::CrashExit;
        if (!r.killed)
            r.workMs = work.elapsed();
    } else {
        cli.waitForFinished(600000);
        r.workMs = work.elapsed();
    }
    r.exitCode = cli.exitStatus() == QProcess::NormalExit ? cli.exitCode() : -1;
    r.out = cli.readAllStandardOutput();
    r.err = cli.readAllStandardError();
    return r;
}

// How long the work of an uninterrupted run takes (ms, at least 1). Callers take the shorter of two
// runs and spread kill moments over it, so on a loaded machine most of them land before the end.
// -1 on a failure, with *err saying what happened.
qint64 workSpan(const QStringList &args, const QString &projectName, QByteArray *err)
{
    const KillResult r = runAndKill(args, projectName, -1);
    if (r.exitCode != 0) { // -1 is a crash, which prints nothing
        *err = "exit code " + QByteArray::number(r.exitCode) + ": " + r.err.right(2000);
        return -1;
    }
    return std::max<qint64>(1, r.workMs);
}

// Whether this CLI build has the command (commands land at different times): the top-level
// help lists every registered one.
bool cliHas(const QString &command)
{
    const auto r = runCli({QStringLiteral("--help")});
    return (r.out + r.err).contains(QStringLiteral("\n  %1 ").arg(command).toUtf8());
}

// The project survived: it opens (a kill before the file existed leaves nothing to check), and the
// next command, whatever the killed one left at the lock path, succeeds.
void verifyReopens(const QString &path)
{
    if (!QFile::exists(path))
        return;
    Project project;
    QVERIFY2(project.open(path), qPrintable(project.errorString()));
    project.close();
    QCOMPARE(integrityCheck(path), QStringLiteral("ok"));
    const auto next = runCli({QStringLiteral("stats"), path});
    QVERIFY2(next.exitCode == 0, next.err.constData());
}

} // namespace

class TestCrashSafety final : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QRandomGenerator m_random{kSeed};
    int m_trials = 0; // commands meant to be killed
    int m_kills = 0;  // of them, killed mid-command (must be most)
    int m_attempts = 0;
    QMap<QString, QPair<int, int>> m_byScenario; // kills, trials

    QStringList newArgs(const QString &project) const
    {
        const QString world = fixture(QStringLiteral("world-small"));
        return {QStringLiteral("new"),       project,
                QStringLiteral("--tiny"),    world + QStringLiteral("/tinyimages"),
                QStringLiteral("--catalog"), world + QStringLiteral("/keyword_counts.json")};
    }
    QStringList decideArgs(const QString &project, qint64 candidate, const char *verdict) const
    {
        return {QStringLiteral("decide"),      project,
                QStringLiteral("--candidate"), QString::number(candidate),
                QStringLiteral("--verdict"),   QLatin1String(verdict),
                QStringLiteral("--annotator"), QStringLiteral("ann")};
    }
    // One trial: run(attempt, moment) starts the command and kills it `moment` ms after it began, then
    // check(result) verifies what it left. An attempt that finished before its moment (the machine got
    // faster since the span was measured) shortens the span to the work it took, and the trial is tried
    // again, at most 3 attempts, so on a machine whose load comes and goes the kills still land in the
    // work. The trial counts as killed mid-command when one of its attempts was.
    template <typename Run, typename Check> void trial(qint64 &span, Run run, Check check)
    {
        bool killed = false;
        for (int attempt = 0; attempt < 3 && !killed; ++attempt) {
            const KillResult r = run(attempt, int(m_random.bounded(span)));
            ++m_attempts;
            killed = r.killed;
            if (!r.killed && r.began && r.workMs >= 0)
                span = std::max<qint64>(1, std::min(span, r.workMs));
            check(r);
            if (QTest::currentTestFailed())
                return;
        }
        ++m_trials;
        m_kills += killed;
        auto &scenario = m_byScenario[QString::fromLatin1(QTest::currentTestFunction())];
        scenario.first += killed;
        ++scenario.second;
    }
    // The end of a scenario: all `planned` trials ran, and at least 2 in 3 of them were killed mid-command
    // (otherwise the kills mostly missed the command and the scenario proved little).
    void expectKills(int planned)
    {
        const auto scenario = m_byScenario.value(QString::fromLatin1(QTest::currentTestFunction()));
        QCOMPARE(scenario.second, planned);
        QVERIFY2(
            scenario.first * 3 >= scenario.second * 2,
            qPrintable(
                QStringLiteral("only %1 of %2 trials killed mid-command").arg(scenario.first).arg(scenario.second)));
    }
    // A scenario's command must exist: a missing one fails, it is never skipped.
    static bool requireCommand(const QString &command)
    {
        if (cliHas(command))
            return true;
        QTest::qFail(qPrintable(QStringLiteral("tinycurator-cli has no %1 command").arg(command)), __FILE__, __LINE__);
        return false;
    }

private slots:
    void killDuringImport();
    void killDuringDecisions();
    void killDuringDecisionImport();
    void killDuringExport();
    void killDuringDedup();
    void cleanupTestCase()
    {
        for (auto it = m_byScenario.cbegin(); it != m_byScenario.cend(); ++it)
            qInfo("%s: %d of %d killed mid-command", qPrintable(it.key()), it->first, it->second);
        qInfo("%d of %d trials were killed mid-command (%d attempts)", m_kills, m_trials, m_attempts);
        // Each scenario asserted its own count (expectKills); this is the figure over all of them.
        QVERIFY2(m_kills * 3 >= m_trials * 2,
                 qPrintable(QStringLiteral("only %1 of %2 trials killed mid-command").arg(m_kills).arg(m_trials)));
    }
};

void TestCrashSafety::killDuringImport()
{
    TC_REQUIRE_SHARED();
    const QString reference = m_dir.filePath(QStringLiteral("reference.tcproj"));
    QByteArray err;
    const qint64 spanA = workSpan(newArgs(reference), QStringLiteral("reference.tcproj"), &err);
    QVERIFY2(spanA > 0, err.constData());
    const qint64 spanB = workSpan(newArgs(m_dir.filePath(QStringLiteral("reference2.tcproj"))),
                                  QStringLiteral("reference2.tcproj"), &err);
    QVERIFY2(spanB > 0, err.constData());
    Project ref;
    QVERIFY(ref.openReadOnly(reference));
    const qint64 expected = ref.candidateCount();
    ref.close();
    qint64 span = std::min(spanA, spanB);
    for (int i = 0; i < 12; ++i) {
        QString path;
        trial(
            span,
            [&](int attempt, int moment) {
                const QString name = QStringLiteral("import%1-%2.tcproj").arg(i).arg(attempt);
                path = m_dir.filePath(name);
                return runAndKill(newArgs(path), name, moment);
            },
            // The project appears complete or not at all, never as a file that is not a project.
            [&](const KillResult &) { verifyReopens(path); });
        if (QTest::currentTestFailed())
            return;
        if (i % 3 == 0) { // re-running the import completes what the kill interrupted
            const auto again = runCli(newArgs(path));
            QVERIFY2(again.exitCode == 0, again.err.constData());
            Project project;
            QVERIFY2(project.openReadOnly(path), qPrintable(project.errorString()));
            QCOMPARE(project.candidateCount(), expected);
        }
    }
    if (!QTest::currentTestFailed())
        expectKills(12);
}

void TestCrashSafety::killDuringDecisions()
{
    const QString path = m_dir.filePath(QStringLiteral("decide.tcproj"));
    const QString name = QStringLiteral("decide.tcproj");
    QVERIFY(makeSmallProject(path, 40)); // 120 candidates
    QByteArray err;
    qint64 span = std::min(workSpan(decideArgs(path, 120, "reject"), name, &err),
                           workSpan(decideArgs(path, 119, "reject"), name, &err));
    QVERIFY2(span > 0, err.constData());
    QHash<qint64, Verdict> confirmed{{120, Verdict::Reject}, {119, Verdict::Reject}};
    qint64 next = 1;
    const auto decide = [&](int moment) {
        const char *verdict = next % 3 ? "accept" : "unsure";
        const KillResult r = runAndKill(decideArgs(path, next, verdict), name, moment);
        if (r.out.contains("recorded")) // printed only after the commit
            confirmed.insert(next, next % 3 ? Verdict::Accept : Verdict::Unsure);
        ++next;
        return r;
    };
    for (int i = 0; i < 12; ++i) {
        // A few decisions run to completion (the first after the previous trial's kill: the next
        // command succeeds), then one is killed at a random moment of its work.
        for (int runs = int(m_random.bounded(3)); runs > 0; --runs) {
            const KillResult r = decide(-1);
            QVERIFY2(r.exitCode == 0, r.err.constData());
        }
        trial(
            span, [&](int, int moment) { return decide(moment); }, [&](const KillResult &) { verifyReopens(path); });
        QVERIFY(next < 119);
        Project project;
        QVERIFY(project.openReadOnly(path));
        for (auto it = confirmed.cbegin(); it != confirmed.cend(); ++it)
            QVERIFY2(project.verdict(it.key(), QStringLiteral("ann")) == it.value(),
                     qPrintable(QStringLiteral("confirmed decision on candidate %1 lost").arg(it.key())));
    }
    if (!QTest::currentTestFailed())
        expectKills(12);
}

void TestCrashSafety::killDuringDecisionImport()
{
    if (!requireCommand(QStringLiteral("import-decisions")))
        return;
    const QString path = m_dir.filePath(QStringLiteral("csv.tcproj"));
    QVERIFY(makeSmallProject(path, 200)); // 600 candidates
    const QString csv = m_dir.filePath(QStringLiteral("decisions.csv"));
    QFile file(csv);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("tiny_index,verdict,annotator\n");
    for (int i = 0; i < 600; ++i)
        file.write(QStringLiteral("%1,%2,ann%3\n").arg(i).arg(i % 2 ? "accept" : "reject").arg(i % 3).toUtf8());
    file.close();
    const auto importArgs = [&](const QString &project) {
        return QStringList{QStringLiteral("import-decisions"), project, QStringLiteral("--csv"), csv};
    };
    qint64 span = -1;
    QByteArray err;
    for (const char *copyName : {"csv-clean1.tcproj", "csv-clean2.tcproj"}) {
        const QString copy = m_dir.filePath(QLatin1String(copyName));
        QVERIFY(QFile::copy(path, copy));
        const qint64 s = workSpan(importArgs(copy), QLatin1String(copyName), &err);
        QVERIFY2(s > 0, err.constData());
        span = span < 0 ? s : std::min(span, s);
    }
    for (int i = 0; i < 8; ++i) {
        QString target;
        trial(
            span,
            [&](int attempt, int moment) {
                // A fresh copy each time: once an import completed, a re-run only finds its rows present.
                const QString name = QStringLiteral("csv%1-%2.tcproj").arg(i).arg(attempt);
                target = m_dir.filePath(name);
                QFile::copy(path, target);
                return runAndKill(importArgs(target), name, moment);
            },
            [&](const KillResult &) {
                verifyReopens(target);
                // One transaction per annotator: each has all 200 of its decisions or none of them.
                Project project;
                QVERIFY(project.openReadOnly(target));
                for (int a = 0; a < 3; ++a) {
                    const qint64 n = project.database().queryInt(
                        QStringLiteral("SELECT count(*) FROM candidate_state WHERE annotator='ann%1'").arg(a));
                    QVERIFY2(n == 0 || n == 200,
                             qPrintable(QStringLiteral("annotator ann%1 has %2 of 200").arg(a).arg(n)));
                }
            });
        if (QTest::currentTestFailed())
            return;
    }
    if (!QTest::currentTestFailed())
        expectKills(8);
}

// The exporter writes into a staging folder and renames it when complete: after a kill the output
// folder either does not exist or is exactly what an uninterrupted export writes.
void TestCrashSafety::killDuringExport()
{
    if (!requireCommand(QStringLiteral("export")))
        return;
    const QString path = m_dir.filePath(QStringLiteral("export.tcproj"));
    const QString name = QStringLiteral("export.tcproj");
    QVERIFY(makeSmallProject(path, 120));
    {
        Project project;
        QVERIFY(project.open(path));
        QList<DecisionInput> accepts;
        for (qint64 id = 1; id <= 360; ++id)
            accepts.append({id, Verdict::Accept});
        QVERIFY(project.recordDecisions(accepts, QStringLiteral("ann")));
    }
    const auto exportArgs = [&](const QString &out) {
        return QStringList{QStringLiteral("export"),      path,
                           QStringLiteral("--out"),       out,
                           QStringLiteral("--per-class"), QStringLiteral("100"),
                           QStringLiteral("--seed"),      QStringLiteral("7")};
    };
    QByteArray err;
    qint64 span = std::min(workSpan(exportArgs(m_dir.filePath(QStringLiteral("export-ref"))), name, &err),
                           workSpan(exportArgs(m_dir.filePath(QStringLiteral("export-ref2"))), name, &err));
    QVERIFY2(span > 0, err.constData());
    const QStringList reference = fileSizesUnder(m_dir.filePath(QStringLiteral("export-ref")));
    QVERIFY(!reference.isEmpty());
    for (int i = 0; i < 9; ++i) {
        QString out;
        trial(
            span,
            [&](int attempt, int moment) {
                out = m_dir.filePath(QStringLiteral("export%1-%2").arg(i).arg(attempt));
                return runAndKill(exportArgs(out), name, moment);
            },
            [&](const KillResult &) {
                verifyReopens(path);
                if (QFileInfo::exists(out)) // complete, or absent: never half written under the final name
                    QCOMPARE(fileSizesUnder(out), reference);
                const auto next = runCli(exportArgs(out) + QStringList{QStringLiteral("--dry-run")});
                QVERIFY2(next.exitCode == 0, next.err.constData());
            });
        if (QTest::currentTestFailed())
            return;
    }
    if (!QTest::currentTestFailed())
        expectKills(9);
}

// Duplicate search commits per reference set and records its progress: after a kill the project
// is sound and re-running dedup ends with exactly the pairs of an uninterrupted run.
void TestCrashSafety::killDuringDedup()
{
    TC_REQUIRE_SHARED();
    if (!requireCommand(QStringLiteral("dedup")) || !requireCommand(QStringLiteral("add-reference")))
        return;
    const QString base = m_dir.filePath(QStringLiteral("dedup-base.tcproj"));
    QVERIFY(makeSmallProject(base, 100));
    const auto r =
        runCli({QStringLiteral("add-reference"), base,
                fixture(QStringLiteral("world-small/cifar-10-batches-py/test_batch")), QStringLiteral("--name"),
                QStringLiteral("cifar10-test"), QStringLiteral("--role"), QStringLiteral("exclude")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const auto pairs = [](const QString &path) {
        Project project;
        return project.openReadOnly(path)
                   ? project.database().queryInt(QStringLiteral("SELECT count(*) FROM near_pairs")) * 1000000 +
                         project.database().queryInt(QStringLiteral("SELECT count(*) FROM exact_matches"))
                   : -1;
    };
    qint64 span = -1;
    QByteArray err;
    for (const char *refName : {"dedup-ref1.tcproj", "dedup-ref2.tcproj"}) {
        const QString ref = m_dir.filePath(QLatin1String(refName));
        QVERIFY(QFile::copy(base, ref));
        const qint64 s = workSpan({QStringLiteral("dedup"), ref}, QLatin1String(refName), &err);
        QVERIFY2(s > 0, err.constData());
        span = span < 0 ? s : std::min(span, s);
    }
    const qint64 expected = pairs(m_dir.filePath(QStringLiteral("dedup-ref1.tcproj")));
    for (int i = 0; i < 9; ++i) {
        QString path;
        trial(
            span,
            [&](int attempt, int moment) {
                const QString name = QStringLiteral("dedup%1-%2.tcproj").arg(i).arg(attempt);
                path = m_dir.filePath(name);
                QFile::copy(base, path);
                return runAndKill({QStringLiteral("dedup"), path}, name, moment);
            },
            [&](const KillResult &) {
                verifyReopens(path);
                const auto again = runCli({QStringLiteral("dedup"), path});
                QVERIFY2(again.exitCode == 0, again.err.constData());
                QCOMPARE(pairs(path), expected);
            });
        if (QTest::currentTestFailed())
            return;
    }
    if (!QTest::currentTestFailed())
        expectKills(9);
}

QTEST_GUILESS_MAIN(TestCrashSafety)
#include "TestCrashSafety.moc"
