// A duplicate search is one transaction (issue 11, item 2): options are checked before anything is
// written, an absurd top-k is capped at the reference count and stays within bounded memory, and a
// run that fails, is cancelled or is killed with SIGKILL leaves the stored pairs, their reviews,
// the progress and the settings exactly as they were, after which the next run works.
#include "core/dedup/DedupRunner.h"
#include "core/project/Database.h"
#include "core/project/Project.h"
#include "core/project/Statement.h"
#include "core/readers/NpyReader.h"
#include "core/writers/NpyWriter.h"
#include "tests/export/CliProject.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <atomic>

using namespace tc;
using namespace tc::test;

namespace {

// Everything a duplicate search stores, as text, read through the documented schema.
QByteArray dedupState(const QString &project)
{
    core::Database db;
    if (!db.open(project, core::Database::OpenMode::ReadOnly))
        return "cannot open: " + db.errorString().toUtf8();
    QByteArray out;
    for (const char *sql :
         {"SELECT candidate_id, set_id, ref_index, ssim, l2, status FROM near_pairs ORDER BY 1, 2, 3",
          "SELECT id, candidate_id, set_id, ref_index, status, annotator, created_at, undoes FROM pair_reviews "
          "ORDER BY id",
          "SELECT candidate_id, set_id, ref_index FROM exact_matches ORDER BY 1, 2, 3",
          "SELECT set_id, max_candidate_id FROM dedup_progress ORDER BY 1",
          "SELECT key, value FROM meta WHERE key IN ('ssim_threshold', 'l2_threshold', 'top_k', 'ssim_exhaustive', "
          "'ssim_window', 'dedup_search_mode', 'dedup_completed_at') ORDER BY key"}) {
        core::Statement q(db, QString::fromLatin1(sql));
        out += sql;
        out += '\n';
        while (q.next()) {
            for (int c = 0; c < q.columnCount(); ++c)
                out += (q.isNull(c) ? QStringLiteral("NULL") : q.text(c)).toUtf8() + '|';
            out += '\n';
        }
    }
    return out;
}

qint64 count(const QString &project, const QString &sql)
{
    core::Database db;
    return db.open(project, core::Database::OpenMode::ReadOnly) ? db.queryInt(sql, -1) : -1;
}

// The CLI under an address-space limit, so a run that allocates without bound fails here instead of
// taking the machine's memory (skipped under AddressSanitizer, which reserves terabytes up front).
#if defined(__SANITIZE_ADDRESS__)
#define TC_ADDRESS_SANITIZER 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define TC_ADDRESS_SANITIZER 1
#endif
#endif

ProcessResult runCliLimited(const QStringList &args, qint64 kilobytes)
{
#ifdef TC_ADDRESS_SANITIZER
    Q_UNUSED(kilobytes);
    return runCli(args);
#else
    QProcess p;
    p.start(QStringLiteral("/bin/sh"),
            QStringList{QStringLiteral("-c"), QStringLiteral("ulimit -v %1; exec \"$@\"").arg(kilobytes),
                        QStringLiteral("sh"), cliPath()} +
                args);
    ProcessResult r;
    r.started = p.waitForStarted(30000);
    p.waitForFinished(600000);
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
#endif
}

} // namespace

class TestDedupTransaction final : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void optionsCheckedBeforeAnythingIsWritten_data();
    void optionsCheckedBeforeAnythingIsWritten();
    void absurdTopKIsCappedAndBounded();
    void cancelledRunChangesNothing();
    void killedRunChangesNothingAndTheNextRunWorks();

private:
    QString copyOfProject(const QString &name);
    QTemporaryDir m_dir;
    QString m_project;
};

void TestDedupTransaction::initTestCase()
{
    TC_REQUIRE_SHARED();
    QVERIFY(m_dir.isValid());
    m_project = m_dir.filePath(QStringLiteral("P.tcproj"));
    const QString w = fixture(QStringLiteral("world-small"));
    QString bad =
        makeCuratedProject(m_project, w + QStringLiteral("/tinyimages"), w + QStringLiteral("/keyword_counts.json"));
    QVERIFY2(bad.isEmpty(), qPrintable(bad));
    for (const QStringList &ref :
         {QStringList{QStringLiteral("cifar10-test"), w + QStringLiteral("/cifar-10-batches-py/test_batch")},
          QStringList{QStringLiteral("cifar10.1"), w + QStringLiteral("/cifar10.1/cifar10.1_v6_data.npy")}}) {
        bad = cli({QStringLiteral("add-reference"), m_project, QStringLiteral("--name"), ref[0],
                   QStringLiteral("--role"), QStringLiteral("exclude"), ref[1]});
        QVERIFY2(bad.isEmpty(), qPrintable(bad));
    }
    bad = cli({QStringLiteral("dedup"), m_project});
    QVERIFY2(bad.isEmpty(), qPrintable(bad));
    // Two reviews: decisions the search must never lose.
    const ProcessResult pairs =
        runCli({QStringLiteral("pairs"), m_project, QStringLiteral("--csv"), QStringLiteral("-")});
    QVERIFY2(pairs.exitCode == 0, pairs.err.constData());
    int reviewed = 0;
    for (const QByteArray &line : pairs.out.split('\n').mid(1)) {
        const QList<QByteArray> f = line.split(',');
        // Exact copies of an exclude image (L2 0) are removed, never reviewed: skip them.
        if (f.size() < 7 || reviewed == 2 || f[5].toDouble() == 0.0)
            continue;
        bad = cli({QStringLiteral("review"), m_project, QStringLiteral("--candidate-id"), QString::fromUtf8(f[0]),
                   QStringLiteral("--set"), QString::fromUtf8(f[2]), QStringLiteral("--ref-index"),
                   QString::fromUtf8(f[3]), QStringLiteral("--status"),
                   reviewed == 0 ? QStringLiteral("duplicate") : QStringLiteral("distinct"),
                   QStringLiteral("--annotator"), QStringLiteral("curator")});
        QVERIFY2(bad.isEmpty(), qPrintable(bad));
        ++reviewed;
    }
    QCOMPARE(reviewed, 2);
    QVERIFY(count(m_project, QStringLiteral("SELECT COUNT(*) FROM near_pairs")) > 1000);
}

QString TestDedupTransaction::copyOfProject(const QString &name)
{
    const QString copy = m_dir.filePath(name);
    QFile::remove(copy);
    return QFile::copy(m_project, copy) ? copy : QString();
}

void TestDedupTransaction::optionsCheckedBeforeAnythingIsWritten_data()
{
    QTest::addColumn<QStringList>("options");
    QTest::addColumn<QString>("message");
    QTest::newRow("SSIM above 1") << QStringList{"--ssim-threshold", "2"} << "[-1, 1]";
    QTest::newRow("SSIM below -1") << QStringList{"--ssim-threshold", "-1.5"} << "[-1, 1]";
    QTest::newRow("SSIM nan") << QStringList{"--ssim-threshold", "nan"} << "[-1, 1]";
    QTest::newRow("negative L2") << QStringList{"--l2-threshold", "-5"} << ">= 0";
    QTest::newRow("infinite L2") << QStringList{"--l2-threshold", "inf"} << ">= 0";
    QTest::newRow("top-k 0") << QStringList{"--top-k", "0"} << ">= 1";
    QTest::newRow("negative top-k") << QStringList{"--top-k", "-3"} << ">= 1";
    QTest::newRow("fractional top-k") << QStringList{"--top-k", "3.5"} << "whole number";
    QTest::newRow("top-k beyond int") << QStringList{"--top-k", "99999999999"} << "whole number";
}

void TestDedupTransaction::optionsCheckedBeforeAnythingIsWritten()
{
    QFETCH(QStringList, options);
    QFETCH(QString, message);
    const auto before = treeSnapshot(m_dir.path());
    const ProcessResult r = runCli(QStringList{QStringLiteral("dedup"), m_project} + options);
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(QString::fromUtf8(r.err).contains(message), r.err.constData());
    const auto after = treeSnapshot(m_dir.path());
    QVERIFY2(after == before, qPrintable(snapshotDiff(before, after)));
}

void TestDedupTransaction::absurdTopKIsCappedAndBounded()
{
    // A project of its own with one small reference set (CIFAR-10.1's 200 images), so "every
    // reference" stays a few hundred thousand pairs.
    const QString w = fixture(QStringLiteral("world-small"));
    const QString project = m_dir.filePath(QStringLiteral("topk.tcproj"));
    QString bad = cli({QStringLiteral("new"), project, QStringLiteral("--tiny"), w + QStringLiteral("/tinyimages"),
                       QStringLiteral("--catalog"), w + QStringLiteral("/keyword_counts.json")});
    QVERIFY2(bad.isEmpty(), qPrintable(bad));
    bad = cli({QStringLiteral("add-reference"), project, QStringLiteral("--name"), QStringLiteral("cifar10.1"),
               QStringLiteral("--role"), QStringLiteral("exclude"),
               w + QStringLiteral("/cifar10.1/cifar10.1_v6_data.npy")});
    QVERIFY2(bad.isEmpty(), qPrintable(bad));
    // 1,722 candidates x 10^8 neighbours would be terabytes; capped at the set's 200 images the run
    // needs little.
    ProcessResult r = runCliLimited(
        {QStringLiteral("dedup"), project, QStringLiteral("--top-k"), QStringLiteral("100000000")}, 2 * 1024 * 1024);
    QVERIFY2(r.exitCode == 0, (r.out + r.err).constData());
    QVERIFY2(r.out.contains("top-k 100000000 capped at 200"), r.out.constData());
    QVERIFY2(r.out.contains("top_k=200"), r.out.constData());
    // No (candidate, set) holds more pairs than the set has images.
    QCOMPARE(count(project, QStringLiteral("SELECT COUNT(*) FROM (SELECT 1 FROM near_pairs p JOIN reference_sets s ON "
                                           "s.id = p.set_id GROUP BY p.candidate_id, p.set_id HAVING COUNT(*) > "
                                           "MAX(s.count))")),
             0);
    // The next plain run uses the saved (capped) mode and has nothing left to do.
    r = runCli({QStringLiteral("dedup"), project});
    QVERIFY2(r.exitCode == 0, (r.out + r.err).constData());
    QVERIFY2(r.out.contains("(0 new candidate x set)"), r.out.constData());
    // The stateless search the same way: 5 candidates, 200 references, k far beyond them.
    core::ImageSet c101;
    core::NpyReader reader;
    QVERIFY2(reader.read(w + QStringLiteral("/cifar10.1/cifar10.1_v6_data.npy"), c101),
             qPrintable(reader.errorString()));
    QCOMPARE(c101.count(), 200);
    QFile five(m_dir.filePath(QStringLiteral("five.npy")));
    QVERIFY(five.open(QIODevice::WriteOnly));
    core::NpyWriter writer;
    QVERIFY(writer.write(&five, core::NpyArray::images(core::ImageRows(c101, {0, 1, 2, 3, 4}))));
    five.close();
    r = runCliLimited({QStringLiteral("near-dups"), QStringLiteral("--candidates"), five.fileName(),
                       QStringLiteral("--references"), w + QStringLiteral("/cifar10.1/cifar10.1_v6_data.npy"),
                       QStringLiteral("--top-k"), QStringLiteral("100000000"), QStringLiteral("--csv"),
                       m_dir.filePath(QStringLiteral("nd.csv"))},
                      2 * 1024 * 1024);
    QVERIFY2(r.exitCode == 0, (r.out + r.err).constData());
    QFile csv(m_dir.filePath(QStringLiteral("nd.csv")));
    QVERIFY(csv.open(QIODevice::ReadOnly));
    QCOMPARE(csv.readAll().count('\n'), 1 + 5 * 200 * 2); // header + every reference by both measures
}

void TestDedupTransaction::cancelledRunChangesNothing()
{
    const QString project = copyOfProject(QStringLiteral("cancel.tcproj"));
    QVERIFY(!project.isEmpty());
    const QByteArray before = dedupState(project);
    {
        core::Project p;
        QVERIFY(p.open(project));
        core::DedupRunOptions options;
        core::DedupSettings changed = core::DedupStore(p.database()).settings();
        changed.window = core::SsimWindow::Gaussian11; // a new mode: every pair would be measured again
        changed.ssimThreshold = 0.5;
        options.settings = changed;
        std::atomic<int> reports{0};
        const core::Progress progress([&](qint64, qint64) { ++reports; }, [&] { return reports > 3; });
        core::DedupRunner runner(p.database());
        core::DedupRunStats stats;
        QVERIFY(!runner.run(options, &stats, progress));
        QCOMPARE(runner.errorString(), QStringLiteral("cancelled"));
        // Invalid settings are refused before anything is read.
        changed.l2Threshold = -1;
        options.settings = changed;
        QVERIFY(!runner.run(options, &stats));
        QVERIFY(runner.errorString().contains(QStringLiteral(">= 0")));
    }
    QCOMPARE(dedupState(project), before);
}

void TestDedupTransaction::killedRunChangesNothingAndTheNextRunWorks()
{
    const QString project = copyOfProject(QStringLiteral("kill.tcproj"));
    QVERIFY(!project.isEmpty());
    const QByteArray before = dedupState(project);
    const auto removedLine = [&] {
        const ProcessResult r = runCli({QStringLiteral("export"), project, QStringLiteral("--dry-run"),
                                        QStringLiteral("--per-class"), QStringLiteral("5")});
        for (const QByteArray &line : r.out.split('\n'))
            if (line.startsWith("accepted "))
                return line;
        return QByteArray("no report: ") + r.err;
    };
    const QByteArray removedBefore = removedLine();
    QVERIFY2(removedBefore.contains("unreviewed above thresholds"), removedBefore.constData());
    // A change of mode, killed as soon as it reports progress (its computation has started).
    QProcess p;
    p.start(cliPath(), {QStringLiteral("dedup"), project, QStringLiteral("--gaussian"), QStringLiteral("--exhaustive"),
                        QStringLiteral("--top-k"), QStringLiteral("7")});
    QVERIFY(p.waitForStarted(30000));
    QVERIFY2(killWhenStderrShows(p, "dedup: "), "the run ended before it could be killed");
    QVERIFY(p.waitForFinished(30000));
    QCOMPARE(p.exitStatus(), QProcess::CrashExit);
    QCOMPARE(count(project, QStringLiteral("SELECT COUNT(*) FROM pragma_integrity_check WHERE integrity_check != "
                                           "'ok'")),
             0);
    QVERIFY(dedupState(project) == before);
    QCOMPARE(removedLine(), removedBefore); // the export still removes what it removed
    // The next plain run keeps the stored mode and has nothing to do; so does export.
    ProcessResult r = runCli({QStringLiteral("dedup"), project});
    QVERIFY2(r.exitCode == 0, (r.out + r.err).constData());
    QVERIFY2(
        r.out.contains("search mode: window=uniform;exhaustive=0;top_k=5;transforms=shift-flip;transform_search=2\n") &&
            r.out.contains("(0 new candidate x set)"),
        r.out.constData());
    QString bad = cli({QStringLiteral("export"), project, QStringLiteral("--out"),
                       m_dir.filePath(QStringLiteral("out")), QStringLiteral("--per-class"), QStringLiteral("5")});
    QVERIFY2(bad.isEmpty(), qPrintable(bad));
    // Run to completion, the new mode replaces the pairs and keeps both reviews.
    r = runCli({QStringLiteral("dedup"), project, QStringLiteral("--gaussian")});
    QVERIFY2(r.exitCode == 0, (r.out + r.err).constData());
    QVERIFY2(r.out.contains("window=gaussian;exhaustive=0;top_k=5;transforms=shift-flip;transform_search=2 (changed"),
             r.out.constData());
    QCOMPARE(count(project, QStringLiteral("SELECT COUNT(*) FROM near_pairs WHERE status != 0")), 2);
    QCOMPARE(count(project, QStringLiteral("SELECT COUNT(*) FROM pair_reviews")), 2);
}

QTEST_GUILESS_MAIN(TestDedupTransaction)
#include "TestDedupTransaction.moc"
