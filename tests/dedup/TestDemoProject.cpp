// The bundled demo project as README's first command builds it (scripts/demo-project.sh, run here the same
// way): a newcomer's Duplicates tab has pairs to review on first open (the near copies planted among the
// candidates, resources/README.md), the exact copies of the reference set are in the exact group and never
// in the queue, and an export of every candidate removes them: checked by Python over the written .npz
// against the reference JPEGs (decoded by PIL, an independent decoder), and in the manifest.
#include "core/common/Csv.h"
#include "core/dedup/DedupStore.h"
#include "core/dedup/DuplicateOutcomes.h"
#include "core/dedup/ExactGroupModel.h"
#include "core/dedup/PairListModel.h"
#include "core/export/Exporter.h"
#include "core/project/Project.h"
#include "tests/support/TestSupport.h"

#include <QTemporaryDir>

using namespace tc::core;

class TestDemoProject final : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void scriptRefusesToOverwrite();
    void nearCopiesAreInTheQueue();
    void exactCopiesAreTheExactGroup();
    void exportRemovesTheCopies();

private:
    QString resources(const QString &relative) const { return QStringLiteral(TC_SOURCE_DIR "/resources/") + relative; }
    // The reference set's index of demo_reference/<class>/<nnnn>.jpg: folders in class order, four files each.
    qint32 refIndex(const QString &cls, int file) const;
    qint64 candidate(const QString &file) const; // by file name

    QTemporaryDir m_dir;
    QString m_path;
    std::unique_ptr<Project> m_project;
    // resources/README.md's planted copies: candidate file -> (class, reference file number).
    const QList<std::tuple<QString, QString, int>> m_exact = {{"airbus_12.jpg", "airplane", 0},
                                                              {"coupe_12.jpg", "automobile", 1},
                                                              {"tabby_12.jpg", "cat", 2},
                                                              {"tabby_cat_12.jpg", "cat", 2},
                                                              {"cargo_ship_12.jpg", "ship", 0}};
    const QList<std::tuple<QString, QString, int>> m_near = {{"wagtail_12.jpg", "bird", 1},
                                                             {"puppy_12.jpg", "dog", 0},
                                                             {"arabian_12.jpg", "horse", 3},
                                                             {"dump_truck_12.jpg", "truck", 2},
                                                             {"elk_12.jpg", "deer", 0}};
};

void TestDemoProject::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_path = m_dir.filePath(QStringLiteral("demo.tcproj"));
    const tc::test::ProcessResult demo = tc::test::buildDemoProject(m_path);
    QVERIFY2(demo.exitCode == 0, demo.err.constData());
}

void TestDemoProject::init()
{
    m_project = std::make_unique<Project>();
    QVERIFY2(m_project->open(m_path), qPrintable(m_project->errorString()));
}

void TestDemoProject::cleanup()
{
    m_project.reset();
}

qint32 TestDemoProject::refIndex(const QString &cls, int file) const
{
    const QStringList classes =
        QDir(resources("demo_reference")).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    return qint32(classes.indexOf(cls) * 4 + file);
}

qint64 TestDemoProject::candidate(const QString &file) const
{
    for (qint64 id : m_project->candidateIds({}, 0, 100000))
        if (m_project->candidate(id)->filename == file)
            return id;
    return 0;
}

void TestDemoProject::scriptRefusesToOverwrite()
{
    const QByteArray before = [&] {
        QFile f(m_path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }();
    m_project.reset();
    const tc::test::ProcessResult again = tc::test::buildDemoProject(m_path, 60000);
    QVERIFY(again.started && again.exitCode != 0);
    QVERIFY(again.err.contains("exists already"));
    QFile f(m_path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    QCOMPARE(f.readAll(), before);
}

void TestDemoProject::nearCopiesAreInTheQueue()
{
    const auto sets = DedupStore(m_project->database()).referenceSets();
    QCOMPARE(sets.size(), 1);
    QCOMPARE(sets.first().role, ReferenceRole::Exclude);
    QCOMPARE(sets.first().count, 40);
    // The review queue as the pane lists it on first open: unreviewed, flagged at the defaults.
    PairListModel queue(m_project.get());
    PairFilter f;
    f.reviewableOnly = true;
    f.statuses = pairStatusBit(PairStatus::Unreviewed);
    queue.setFilter(f);
    while (queue.canFetchMore({}))
        queue.fetchMore({});
    QCOMPARE(queue.rowCount(), m_near.size());
    for (const auto &[file, cls, ref] : m_near) {
        const int row = queue.rowOf(candidate(file), sets.first().id, refIndex(cls, ref));
        QVERIFY2(row >= 0, qPrintable(file));
        QCOMPARE(queue.pair(row).className, cls);
        QCOMPARE(queue.index(row, 0).data(PairListModel::NameRole).toString(), file);
    }
    // The frog's crop stays under the defaults, for the slider to find.
    PairFilter loose = f;
    loose.ssimThreshold = 0.55;
    queue.setFilter(loose);
    QVERIFY(queue.ensureRow(candidate("leopard_frog_12.jpg"), sets.first().id, refIndex("frog", 1)) >= 0);
}

void TestDemoProject::exactCopiesAreTheExactGroup()
{
    ExactGroupModel groups(m_project.get());
    while (groups.canFetchMore({}))
        groups.fetchMore({});
    QHash<QString, QString> copyOf; // candidate file -> the reference it is in a group with
    QSet<QString> excludeCopies;
    for (int row = 0; row < groups.rowCount(); ++row) {
        const QModelIndex g = groups.index(row, 0);
        QString reference;
        QStringList files;
        for (int m = 0; m < groups.rowCount(g); ++m) {
            const QModelIndex member = groups.index(m, 0, g);
            if (ExactGroupModel::MemberKind(member.data(ExactGroupModel::MemberKindRole).toInt()) ==
                ExactGroupModel::MemberKind::Reference)
                reference = member.data(ExactGroupModel::NameRole).toString();
            else
                files << member.data(ExactGroupModel::NameRole).toString();
        }
        if (ExactGroupModel::GroupKind(g.data(ExactGroupModel::GroupKindRole).toInt()) ==
            ExactGroupModel::GroupKind::ExcludeCopy)
            for (const QString &file : files) {
                excludeCopies.insert(file);
                copyOf.insert(file, reference);
            }
    }
    QCOMPARE(excludeCopies.size(), m_exact.size());
    for (const auto &[file, cls, ref] : m_exact)
        QCOMPARE(copyOf.value(file), QStringLiteral("cifar10-test-sample #%1").arg(refIndex(cls, ref)));
    // None of them is in the review queue, whatever its status filter.
    PairListModel queue(m_project.get());
    PairFilter f;
    f.reviewableOnly = true;
    f.flaggedOnly = false;
    f.statuses = kAllPairStatuses;
    queue.setFilter(f);
    while (queue.canFetchMore({}))
        queue.fetchMore({});
    for (int row = 0; row < queue.rowCount(); ++row)
        QVERIFY(!excludeCopies.contains(queue.pair(row).filename));
}

void TestDemoProject::exportRemovesTheCopies()
{
    TC_REQUIRE_PYTHON("numpy", "PIL");
    QList<DecisionInput> all;
    for (qint64 id : m_project->candidateIds({}, 0, 100000))
        all.append(DecisionInput{id, Verdict::Accept});
    QVERIFY(m_project->recordDecisions(all, QStringLiteral("newcomer")));
    DuplicateOutcomes outcomes;
    QVERIFY(outcomes.load(m_project->database()));
    const DuplicateTally pane = outcomes.tally(0.75, 1000);
    m_project.reset();
    QTemporaryDir out;
    ExportSettings s;
    s.perClass = 25;
    s.formats = {QStringLiteral("npz")};
    s.outputDir = out.filePath(QStringLiteral("demo-export"));
    Exporter e;
    QVERIFY2(e.run(m_path, s), qPrintable(e.errorString()));
    // What the export says it removed is what the pane counted, and the copies are among it.
    QCOMPARE(e.selection().removed, pane.removed);
    QCOMPARE(e.selection().removed.excludeExact, m_exact.size());
    QCOMPARE(e.selection().removed.unreviewedAbove, m_near.size());
    // The manifest lists no planted copy.
    QFile manifest(s.outputDir + QStringLiteral("/manifest.csv"));
    QVERIFY(manifest.open(QIODevice::ReadOnly));
    QList<QStringList> rows;
    CsvReader reader(&manifest, manifest.fileName());
    QVERIFY2(reader.readAll(&rows), qPrintable(reader.errorString()));
    const int source = rows.first().indexOf(QStringLiteral("source"));
    QVERIFY(source >= 0);
    QCOMPARE(rows.size() - 1, 10 * s.perClass);
    for (const QStringList &row : rows.mid(1))
        for (const auto &[file, cls, ref] : m_exact + m_near)
            QVERIFY2(!row[source].endsWith(QLatin1Char('/') + file), qPrintable(row[source]));
    // Python: no exported image is byte-identical to a reference image as PIL decodes the JPEGs.
    const auto r = tc::test::runPython(
        QStringLiteral(
            "import sys, glob, numpy as np\n"
            "from PIL import Image\n"
            "refs = [np.asarray(Image.open(p).convert('RGB')) for p in sorted(glob.glob(sys.argv[2] + '/*/*.jpg'))]\n"
            "images = []\n"
            "for p in glob.glob(sys.argv[1] + '/**/*.npz', recursive=True):\n"
            "    with np.load(p, allow_pickle=False) as z:\n"
            "        images += [a for k in z.files for a in [z[k]] if a.dtype == np.uint8 and a.shape[1:] == (32, 32, "
            "3)]\n"
            "images = np.concatenate(images)\n"
            "print(len(refs), len(images), sum(int((images == r).all(axis=(1, 2, 3)).sum()) for r in refs))\n"),
        {s.outputDir, resources(QStringLiteral("demo_reference"))});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(r.out.trimmed(), QByteArray("40 250 0"));
}

QTEST_GUILESS_MAIN(TestDemoProject)
#include "TestDemoProject.moc"
