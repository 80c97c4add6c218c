// Export says success only when it wrote what was asked (issue 11, items 3 and 7; issue 10's default):
// a missing or stale duplicate search stops it (exit 4) unless --no-dedup-check, which the manifest
// records; a class short of --per-class or empty stops it (exit 3) unless --allow-shortfall; an empty
// train or test split is refused; the printed file count is what is on disk; --per-class defaults to
// the project's target; manifest.json and README.txt record the search used.
#include "core/project/Database.h"
#include "core/project/Project.h"
#include "core/project/Statement.h"
#include "tests/export/CliProject.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace tc;
using namespace tc::test;

namespace {

QJsonObject manifestHeader(const QString &out)
{
    QFile f(out + QStringLiteral("/manifest.json"));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(f.readAll()).object().value(QStringLiteral("tinycurator_export")).toObject();
}

QString metaValue(const QString &project, const QString &key)
{
    core::Database db;
    if (!db.open(project, core::Database::OpenMode::ReadOnly))
        return {};
    core::Statement q(db, QStringLiteral("SELECT value FROM meta WHERE key = ?"));
    q.bind(1, key);
    return q.next() ? q.text(0) : QString();
}

} // namespace

class TestExportChecks final : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void missingSearchStopsTheExport();
    void candidatesAddedSinceTheSearchStopIt();
    void shortfallStopsBeforeWriting();
    void emptyClassesAreAShortfall();
    void emptySplitIsRefused_data();
    void emptySplitIsRefused();
    void printedCountIsWhatWasWritten();
    void perClassDefaultsToTheProjectTarget();

private:
    ProcessResult exportTo(const QString &out, const QStringList &extra = {}, const QString &project = {});
    QString world(const QString &relative) const { return fixture(QStringLiteral("world-small/") + relative); }

    QTemporaryDir m_dir;
    QString m_project;
};

ProcessResult TestExportChecks::exportTo(const QString &out, const QStringList &extra, const QString &project)
{
    return runCli(QStringList{QStringLiteral("export"), project.isEmpty() ? m_project : project,
                              QStringLiteral("--out"), m_dir.filePath(out)} +
                  extra);
}

void TestExportChecks::initTestCase()
{
    TC_REQUIRE_SHARED();
    QVERIFY(m_dir.isValid());
    m_project = m_dir.filePath(QStringLiteral("P.tcproj"));
    QString bad = makeCuratedProject(m_project, world(QStringLiteral("tinyimages")),
                                     world(QStringLiteral("keyword_counts.json")));
    QVERIFY2(bad.isEmpty(), qPrintable(bad));
    bad = cli({QStringLiteral("add-reference"), m_project, QStringLiteral("--name"), QStringLiteral("cifar10-test"),
               QStringLiteral("--role"), QStringLiteral("exclude"),
               world(QStringLiteral("cifar-10-batches-py/test_batch"))});
    QVERIFY2(bad.isEmpty(), qPrintable(bad));
}

void TestExportChecks::missingSearchStopsTheExport()
{
    // The reference set was added, the search never ran: the export stops and says what is missing.
    for (const QStringList &extra :
         {QStringList{QStringLiteral("--per-class"), QStringLiteral("20")},
          QStringList{QStringLiteral("--per-class"), QStringLiteral("20"), QStringLiteral("--dry-run")}}) {
        const ProcessResult r = exportTo(QStringLiteral("stale"), extra);
        QCOMPARE(r.exitCode, 4);
        QVERIFY2(r.err.contains("reference set \"cifar10-test\" was never searched") && r.err.contains("dedup"),
                 r.err.constData());
        QVERIFY(!QFileInfo::exists(m_dir.filePath(QStringLiteral("stale"))));
    }
    // --no-dedup-check exports anyway and says so where the dataset goes.
    ProcessResult r = exportTo(QStringLiteral("unchecked"), {QStringLiteral("--per-class"), QStringLiteral("20"),
                                                             QStringLiteral("--no-dedup-check")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QJsonObject search = manifestHeader(m_dir.filePath(QStringLiteral("unchecked")))
                             .value(QStringLiteral("duplicate_search"))
                             .toObject();
    QCOMPARE(search.value(QStringLiteral("checked")).toBool(true), false);
    QCOMPARE(search.value(QStringLiteral("current")).toBool(true), false);
    QFile readme(m_dir.filePath(QStringLiteral("unchecked/README.txt")));
    QVERIFY(readme.open(QIODevice::ReadOnly));
    QVERIFY(readme.readAll().contains("NOT CHECKED"));
    // After the search, the export runs and records the search it relied on.
    QString bad = cli({QStringLiteral("dedup"), m_project});
    QVERIFY2(bad.isEmpty(), qPrintable(bad));
    r = exportTo(QStringLiteral("checked"), {QStringLiteral("--per-class"), QStringLiteral("20")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    search =
        manifestHeader(m_dir.filePath(QStringLiteral("checked"))).value(QStringLiteral("duplicate_search")).toObject();
    QCOMPARE(search.value(QStringLiteral("checked")).toBool(), true);
    QCOMPARE(search.value(QStringLiteral("current")).toBool(), true);
    const QString mode = metaValue(m_project, QStringLiteral("dedup_search_mode"));
    const QString completed = metaValue(m_project, QStringLiteral("dedup_completed_at"));
    QVERIFY(!mode.isEmpty() && !completed.isEmpty());
    QCOMPARE(search.value(QStringLiteral("mode")).toString(), mode);
    QCOMPARE(search.value(QStringLiteral("completed_at")).toString(), completed);
    QCOMPARE(search.value(QStringLiteral("ssim_threshold")).toDouble(), 0.75);
    QCOMPARE(search.value(QStringLiteral("l2_threshold")).toDouble(), 1000.0);
    QFile readme2(m_dir.filePath(QStringLiteral("checked/README.txt")));
    QVERIFY(readme2.open(QIODevice::ReadOnly));
    const QByteArray text = readme2.readAll();
    QVERIFY2(text.contains("mode: " + mode.toUtf8()) && text.contains("completed: " + completed.toUtf8()) &&
                 text.contains("SSIM >= 0.75 or L2 <= 1000"),
             text.constData());
    // A reference set added since: stale again, naming it.
    bad = cli({QStringLiteral("add-reference"), m_project, QStringLiteral("--name"), QStringLiteral("cifar10.1"),
               QStringLiteral("--role"), QStringLiteral("exclude"),
               world(QStringLiteral("cifar10.1/cifar10.1_v6_data.npy"))});
    QVERIFY2(bad.isEmpty(), qPrintable(bad));
    r = exportTo(QStringLiteral("stale2"), {QStringLiteral("--per-class"), QStringLiteral("20")});
    QCOMPARE(r.exitCode, 4);
    QVERIFY2(r.err.contains("\"cifar10.1\" was never searched"), r.err.constData());
    bad = cli({QStringLiteral("dedup"), m_project});
    QVERIFY2(bad.isEmpty(), qPrintable(bad));
}

void TestExportChecks::candidatesAddedSinceTheSearchStopIt()
{
    const QString project = m_dir.filePath(QStringLiteral("grown.tcproj"));
    QString bad = cli({QStringLiteral("new"), project, QStringLiteral("--tiny"), world(QStringLiteral("tinyimages")),
                       QStringLiteral("--catalog"), world(QStringLiteral("keyword_counts.json")),
                       QStringLiteral("--max-per-keyword"), QStringLiteral("2")});
    QVERIFY2(bad.isEmpty(), qPrintable(bad));
    bad = cli({QStringLiteral("add-reference"), project, QStringLiteral("--name"), QStringLiteral("cifar10-test"),
               QStringLiteral("--role"), QStringLiteral("exclude"),
               world(QStringLiteral("cifar-10-batches-py/test_batch"))});
    QVERIFY2(bad.isEmpty(), qPrintable(bad));
    bad = cli({QStringLiteral("dedup"), project});
    QVERIFY2(bad.isEmpty(), qPrintable(bad));
    // The rest of every keyword is imported after the search.
    bad = cli({QStringLiteral("new"), project, QStringLiteral("--tiny"), world(QStringLiteral("tinyimages")),
               QStringLiteral("--catalog"), world(QStringLiteral("keyword_counts.json"))});
    QVERIFY2(bad.isEmpty(), qPrintable(bad));
    ProcessResult r =
        exportTo(QStringLiteral("grown"),
                 {QStringLiteral("--dry-run"), QStringLiteral("--per-class"), QStringLiteral("5")}, project);
    QCOMPARE(r.exitCode, 4);
    QVERIFY2(r.err.contains("candidate(s) were added since reference set \"cifar10-test\" was searched"),
             r.err.constData());
    bad = cli({QStringLiteral("dedup"), project});
    QVERIFY2(bad.isEmpty(), qPrintable(bad));
    r = exportTo(QStringLiteral("grown"),
                 {QStringLiteral("--dry-run"), QStringLiteral("--per-class"), QStringLiteral("5")}, project);
    QVERIFY2(r.exitCode != 4, r.err.constData()); // nothing is accepted here: the empty split is what remains
}

void TestExportChecks::shortfallStopsBeforeWriting()
{
    ProcessResult r = exportTo(QStringLiteral("short"), {QStringLiteral("--per-class"), QStringLiteral("400")});
    QCOMPARE(r.exitCode, 3);
    QVERIFY(!QFileInfo::exists(m_dir.filePath(QStringLiteral("short"))));
    QVERIFY2(r.out.contains("airplane") && r.out.contains("shortfall"), r.out.constData());
    QVERIFY2(r.err.contains("of 400") && r.err.contains("--allow-shortfall"), r.err.constData());
    r = exportTo(QStringLiteral("short"),
                 {QStringLiteral("--per-class"), QStringLiteral("400"), QStringLiteral("--allow-shortfall")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY(QFileInfo::exists(m_dir.filePath(QStringLiteral("short/manifest.json"))));
}

void TestExportChecks::emptyClassesAreAShortfall()
{
    // Only four of the ten classes have accepted images: six classes would be written empty.
    const QString project = m_dir.filePath(QStringLiteral("four.tcproj"));
    QString bad = cli({QStringLiteral("new"), project, QStringLiteral("--tiny"), world(QStringLiteral("tinyimages")),
                       QStringLiteral("--catalog"), world(QStringLiteral("keyword_counts.json"))});
    QVERIFY2(bad.isEmpty(), qPrintable(bad));
    QFile csv(m_dir.filePath(QStringLiteral("four.csv")));
    QVERIFY(csv.open(QIODevice::WriteOnly));
    csv.write("tiny_index,verdict,annotator,class\n");
    const QStringList four{QStringLiteral("airplane"), QStringLiteral("automobile"), QStringLiteral("bird"),
                           QStringLiteral("cat")};
    for (const auto &row : readTruthCsv())
        if (four.contains(row.value(QStringLiteral("keyword_class"))) && row.value(QStringLiteral("correct")) == "1")
            csv.write(QStringLiteral("%1,accept,ann,%2\n")
                          .arg(row.value(QStringLiteral("tiny_index")), row.value(QStringLiteral("keyword_class")))
                          .toUtf8());
    csv.close();
    bad = cli({QStringLiteral("import-decisions"), project, QStringLiteral("--csv"), csv.fileName()});
    QVERIFY2(bad.isEmpty(), qPrintable(bad));
    const ProcessResult r =
        exportTo(QStringLiteral("four"), {QStringLiteral("--per-class"), QStringLiteral("10")}, project);
    QCOMPARE(r.exitCode, 3);
    QCOMPARE(r.err.count("0 of 10 (empty)"), 6);
    QVERIFY(!QFileInfo::exists(m_dir.filePath(QStringLiteral("four"))));
}

void TestExportChecks::emptySplitIsRefused_data()
{
    QTest::addColumn<QStringList>("options");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");
    QTest::newRow("test fraction 1") << QStringList{"--test-fraction", "1"} << 2 << "test fraction";
    QTest::newRow("test fraction 0") << QStringList{"--test-fraction", "0"} << 2 << "test fraction";
    QTest::newRow("one per class rounds the test split to 0")
        << QStringList{"--per-class", "1"} << 1 << "test split would be empty";
    QTest::newRow("even with --allow-shortfall")
        << QStringList{"--per-class", "1", "--allow-shortfall"} << 1 << "test split would be empty";
}

void TestExportChecks::emptySplitIsRefused()
{
    QFETCH(QStringList, options);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    const ProcessResult r = exportTo(QStringLiteral("empty"), options);
    QCOMPARE(r.exitCode, exitCode);
    QVERIFY2(QString::fromUtf8(r.err).contains(message), r.err.constData());
    QVERIFY(!QFileInfo::exists(m_dir.filePath(QStringLiteral("empty"))));
}

void TestExportChecks::printedCountIsWhatWasWritten()
{
    const ProcessResult r = exportTo(QStringLiteral("count"), {QStringLiteral("--per-class"), QStringLiteral("20")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QString out = m_dir.filePath(QStringLiteral("count"));
    const int onDisk = fileCount(out);
    QCOMPARE(onDisk, 23); // 7 + 7 CIFAR batch files, 2 npz, 4 npy, manifest.csv/.json, README.txt
    QVERIFY2(r.out.contains(QStringLiteral("wrote %1 files").arg(onDisk).toUtf8()), r.out.constData());
    // The manifest lists every other file with its size.
    int listed = 0;
    for (const QJsonValue &v : manifestHeader(out).value(QStringLiteral("files")).toArray()) {
        const QFileInfo f(out + QLatin1Char('/') + v.toObject().value(QStringLiteral("path")).toString());
        QVERIFY2(f.isFile() && f.size() == qint64(v.toObject().value(QStringLiteral("bytes")).toDouble()),
                 qPrintable(f.filePath()));
        ++listed;
    }
    QCOMPARE(listed, onDisk - 1);
}

void TestExportChecks::perClassDefaultsToTheProjectTarget()
{
    const QString project = m_dir.filePath(QStringLiteral("target.tcproj"));
    QVERIFY(QFile::copy(m_project, project));
    {
        core::Project p;
        QVERIFY(p.open(project));
        QVERIFY(p.setTargetPerClass(12));
    }
    const ProcessResult r = exportTo(QStringLiteral("target"), {}, project);
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QVERIFY2(r.out.contains("per class: 12,"), r.out.constData());
    const QJsonObject header = manifestHeader(m_dir.filePath(QStringLiteral("target")));
    QCOMPARE(header.value(QStringLiteral("per_class")).toInt(), 12);
    QCOMPARE(header.value(QStringLiteral("train_images")).toInt() + header.value(QStringLiteral("test_images")).toInt(),
             120);
}

QTEST_GUILESS_MAIN(TestExportChecks)
#include "TestExportChecks.moc"
