// Kills the CLI with SIGKILL at seeded random moments during import (`new`), decisions (`decide`,
// one commit per process, a line printed after each commit) and decision import
// (`import-decisions`), duplicate search (`dedup`) and export (`export`), 50 times in all, then reopens the project: it
// must open, pass PRAGMA integrity_check, and hold every decision the CLI confirmed before the kill. Commands not built
// yet are skipped with a message (the kill budget moves to the others).
#include "HardeningSupport.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>
#include <csignal>

using namespace tc::core;
using namespace tc::test;
using namespace tc::test::hardening;

namespace {

constexpr quint32 kSeed = 20261128; // fixed: a failure reproduces with the same kill moments

struct KillResult {
    bool killed = false; // false when the command finished before its kill moment
    int exitCode = -1;
    QByteArray out;
};

// Starts the CLI, kills it after delayMs (unless it finished), and collects what it printed.
KillResult runAndKill(const QStringList &args, int delayMs)
{
    QProcess cli;
    cli.start(cliPath(), args);
    KillResult r;
    if (!cli.waitForStarted(30000))
        return r;
    if (!cli.waitForFinished(delayMs)) {
        ::kill(pid_t(cli.processId()), SIGKILL);
        cli.waitForFinished(30000);
        r.killed = true;
    }
    r.exitCode = cli.exitCode();
    r.out = cli.readAllStandardOutput();
    return r;
}

// How long an uninterrupted run takes (ms): kills are spread over this span.
qint64 timedRun(const QStringList &args, QByteArray *err = nullptr)
{
    QElapsedTimer t;
    t.start();
    const auto r = runCli(args);
    if (err) // the exit code too: -1 is a crash, which prints nothing
        *err = "exit code " + QByteArray::number(r.exitCode) + ": " + r.err.right(2000);
    return r.exitCode == 0 ? t.elapsed() : -1;
}

// Whether this CLI build has the command (commands land at different times): the top-level
// help lists every registered one.
bool cliHas(const QString &command)
{
    const auto r = runCli({QStringLiteral("--help")});
    return (r.out + r.err).contains(QStringLiteral("\n  %1 ").arg(command).toUtf8());
}

// The project survived: it opens (a kill before the file existed leaves nothing to check).
void verifyReopens(const QString &path)
{
    if (!QFile::exists(path))
        return;
    Project project;
    QVERIFY2(project.open(path), qPrintable(project.errorString()));
    project.close();
    QCOMPARE(integrityCheck(path), QStringLiteral("ok"));
}

} // namespace

class TestCrashSafety final : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QRandomGenerator m_random{kSeed};
    int m_kills = 0; // commands actually killed mid-run (reported, and must be most of the trials)

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

private slots:
    void killDuringImport();
    void killDuringDecisions();
    void killDuringDecisionImport();
    void killDuringExport();
    void killDuringDedup();
    void cleanupTestCase() { qInfo("%d of the runs were killed mid-command", m_kills); }
};

void TestCrashSafety::killDuringImport()
{
    TC_REQUIRE_SHARED();
    const QString reference = m_dir.filePath(QStringLiteral("reference.tcproj"));
    QByteArray err;
    const qint64 fullMs = timedRun(newArgs(reference), &err);
    QVERIFY2(fullMs > 0, err.constData());
    Project ref;
    QVERIFY(ref.open(reference));
    const qint64 expected = ref.candidateCount();
    ref.close();
    for (int trial = 0; trial < 12; ++trial) {
        const QString path = m_dir.filePath(QStringLiteral("import%1.tcproj").arg(trial));
        const int delay = int(m_random.bounded(qint64(fullMs)));
        const KillResult r = runAndKill(newArgs(path), delay);
        m_kills += r.killed;
        verifyReopens(path);
        if (trial % 4 == 0) { // re-running the import completes what the kill interrupted
            QVERIFY(timedRun(newArgs(path), &err) > 0 || !QFile::exists(path));
            Project again;
            QVERIFY2(again.open(path), qPrintable(again.errorString()));
            QCOMPARE(again.candidateCount(), expected);
        }
    }
}

void TestCrashSafety::killDuringDecisions()
{
    const QString path = m_dir.filePath(QStringLiteral("decide.tcproj"));
    QVERIFY(makeSmallProject(path, 40)); // 120 candidates
    const qint64 oneMs = timedRun(decideArgs(path, 120, "reject"));
    QVERIFY(oneMs > 0);
    QHash<qint64, Verdict> confirmed{{120, Verdict::Reject}};
    qint64 next = 1;
    for (int trial = 0; trial < 12; ++trial) {
        // A few decisions run to completion, then one is killed at a random moment of its run.
        const int runs = 1 + int(m_random.bounded(3));
        for (int i = 0; i < runs && next < 120; ++i, ++next) {
            const bool last = i == runs - 1;
            const char *verdict = next % 3 ? "accept" : "unsure";
            const KillResult r = runAndKill(decideArgs(path, next, verdict),
                                            last ? int(m_random.bounded(qint64(oneMs * 3 / 2))) : 600000);
            m_kills += r.killed;
            if (r.out.contains("recorded")) // printed only after the commit
                confirmed.insert(next, next % 3 ? Verdict::Accept : Verdict::Unsure);
        }
        verifyReopens(path);
        Project project;
        QVERIFY(project.open(path));
        for (auto it = confirmed.cbegin(); it != confirmed.cend(); ++it)
            QVERIFY2(project.verdict(it.key(), QStringLiteral("ann")) == it.value(),
                     qPrintable(QStringLiteral("confirmed decision on candidate %1 lost").arg(it.key())));
    }
}

void TestCrashSafety::killDuringDecisionImport()
{
    if (!cliHas(QStringLiteral("import-decisions")))
        QSKIP("tinycurator-cli has no import-decisions command yet");
    const QString path = m_dir.filePath(QStringLiteral("csv.tcproj"));
    QVERIFY(makeSmallProject(path, 200)); // 600 candidates
    const QString csv = m_dir.filePath(QStringLiteral("decisions.csv"));
    QFile file(csv);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("tiny_index,verdict,annotator\n");
    for (int i = 0; i < 600; ++i)
        file.write(QStringLiteral("%1,%2,ann%3\n").arg(i).arg(i % 2 ? "accept" : "reject").arg(i % 3).toUtf8());
    file.close();
    const QStringList args{QStringLiteral("import-decisions"), path, QStringLiteral("--csv"), csv};
    const QString copy = m_dir.filePath(QStringLiteral("csv-clean.tcproj"));
    QVERIFY(QFile::copy(path, copy));
    QByteArray err;
    const qint64 fullMs = timedRun({QStringLiteral("import-decisions"), copy, QStringLiteral("--csv"), csv}, &err);
    QVERIFY2(fullMs > 0, err.constData());
    for (int trial = 0; trial < 8; ++trial) {
        const KillResult r = runAndKill(args, int(m_random.bounded(qint64(fullMs))));
        m_kills += r.killed;
        verifyReopens(path);
        // One transaction per annotator: each has all 200 of its decisions or none of them.
        Database db;
        QVERIFY(db.open(path, Database::OpenMode::ReadWrite));
        for (int a = 0; a < 3; ++a) {
            const qint64 n =
                db.queryInt(QStringLiteral("SELECT count(*) FROM candidate_state WHERE annotator='ann%1'").arg(a));
            QVERIFY2(n == 0 || n == 200, qPrintable(QStringLiteral("annotator ann%1 has %2 of 200").arg(a).arg(n)));
        }
    }
}

// The exporter writes into a staging folder and renames it when complete: after a kill the output
// folder either does not exist or is exactly what an uninterrupted export writes.
void TestCrashSafety::killDuringExport()
{
    if (!cliHas(QStringLiteral("export")))
        QSKIP("tinycurator-cli has no export command yet");
    const QString path = m_dir.filePath(QStringLiteral("export.tcproj"));
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
    const qint64 fullMs = timedRun(exportArgs(m_dir.filePath(QStringLiteral("export-ref"))), &err);
    QVERIFY2(fullMs > 0, err.constData());
    const QStringList reference = fileSizesUnder(m_dir.filePath(QStringLiteral("export-ref")));
    QVERIFY(!reference.isEmpty());
    for (int trial = 0; trial < 9; ++trial) {
        const QString out = m_dir.filePath(QStringLiteral("export%1").arg(trial));
        const KillResult r = runAndKill(exportArgs(out), int(m_random.bounded(qint64(fullMs))));
        m_kills += r.killed;
        verifyReopens(path);
        if (QFileInfo::exists(out)) // complete, or absent: never half written under the final name
            QCOMPARE(fileSizesUnder(out), reference);
    }
}

// Duplicate search commits per reference set and records its progress: after a kill the project
// is sound and re-running dedup ends with exactly the pairs of an uninterrupted run.
void TestCrashSafety::killDuringDedup()
{
    TC_REQUIRE_SHARED();
    if (!cliHas(QStringLiteral("dedup")) || !cliHas(QStringLiteral("add-reference")))
        QSKIP("tinycurator-cli has no dedup / add-reference command yet");
    const QString base = m_dir.filePath(QStringLiteral("dedup-base.tcproj"));
    QVERIFY(makeSmallProject(base, 100));
    const auto r =
        runCli({QStringLiteral("add-reference"), base,
                fixture(QStringLiteral("world-small/cifar-10-batches-py/test_batch")), QStringLiteral("--name"),
                QStringLiteral("cifar10-test"), QStringLiteral("--role"), QStringLiteral("exclude")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const auto pairs = [](const QString &path) {
        Database db;
        return db.open(path, Database::OpenMode::ReadWrite)
                   ? db.queryInt(QStringLiteral("SELECT count(*) FROM near_pairs")) * 1000000 +
                         db.queryInt(QStringLiteral("SELECT count(*) FROM exact_matches"))
                   : -1;
    };
    const QString ref = m_dir.filePath(QStringLiteral("dedup-ref.tcproj"));
    QVERIFY(QFile::copy(base, ref));
    QByteArray err;
    const qint64 fullMs = timedRun({QStringLiteral("dedup"), ref}, &err);
    QVERIFY2(fullMs > 0, err.constData());
    const qint64 expected = pairs(ref);
    for (int trial = 0; trial < 9; ++trial) {
        const QString path = m_dir.filePath(QStringLiteral("dedup%1.tcproj").arg(trial));
        QVERIFY(QFile::copy(base, path));
        const KillResult k = runAndKill({QStringLiteral("dedup"), path}, int(m_random.bounded(qint64(fullMs))));
        m_kills += k.killed;
        verifyReopens(path);
        QVERIFY2(timedRun({QStringLiteral("dedup"), path}, &err) > 0, err.constData());
        QCOMPARE(pairs(path), expected);
    }
}

QTEST_GUILESS_MAIN(TestCrashSafety)
#include "TestCrashSafety.moc"
