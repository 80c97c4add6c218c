// The review pane's counts (core::DuplicateOutcomes) against what an export removes (Exporter's dry run
// over the same project, every candidate accepted), on world-small's real pairs: at several thresholds,
// with the "unreviewed above thresholds count as duplicates" setting on and off, after reviews. And
// issue 11 item 4: exact copies of an exclude set (truth.csv's `exact` rows) are removed, never in the
// review queue, cannot be marked distinct, and a distinct mark left in an old project changes no count.
#include "core/dedup/DedupStore.h"
#include "core/dedup/DuplicateOutcomes.h"
#include "core/dedup/PairListModel.h"
#include "core/export/Exporter.h"
#include "core/project/Project.h"
#include "core/project/Statement.h"
#include "tests/support/TestSupport.h"

#include <QTemporaryDir>

using namespace tc::core;

class TestDuplicateOutcomes final : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void countsEqualWhatExportRemoves_data();
    void countsEqualWhatExportRemoves();
    void exactCopiesAreRemovedNotReviewed();
    void aDistinctMarkOnAnExactCopyChangesNothing();
    void updatesFollowReviewsAndUndos();

private:
    // Candidate ids of truth.csv's exact copies of `set` (its ref_set name).
    QList<qint64> exactCopiesOf(const QString &set);
    // What an export of every candidate removes (Exporter::dryRun, the export's own code path).
    RemovalCounts exportRemoves(bool unreviewedIsDuplicate);
    // Marks a few pairs: the 1st, 4th, 7th... open exclude pair duplicate, the 2nd, 5th... distinct.
    void reviewSome(int count);

    QTemporaryDir m_dir;
    QString m_base;
    QString m_path;
    std::unique_ptr<Project> m_project;
};

void TestDuplicateOutcomes::initTestCase()
{
    TC_REQUIRE_SHARED();
    QVERIFY(m_dir.isValid());
    m_base = m_dir.filePath("base.tcproj");
    const QString world = tc::test::fixture("world-small");
    auto r =
        tc::test::runCli({"new", m_base, "--tiny", world + "/tinyimages", "--catalog", world + "/keyword_counts.json"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QList<QStringList> refs = {{"cifar10-test", "exclude", world + "/cifar-10-batches-py/test_batch"},
                                     {"cifar10.1", "exclude", world + "/cifar10.1/cifar10.1_v6_data.npy"},
                                     {"cifar10-train", "avoid", world + "/cifar-10-batches-py/data_batch_1"}};
    for (const auto &ref : refs) {
        r = tc::test::runCli({"add-reference", m_base, "--name", ref[0], "--role", ref[1], ref[2]});
        QVERIFY2(r.exitCode == 0, r.err.constData());
    }
    r = tc::test::runCli({"dedup", m_base});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    // Every candidate accepted, so the export's removals are over the same candidates as the pane's counts.
    Project p;
    QVERIFY(p.open(m_base));
    QList<DecisionInput> all;
    for (qint64 id : p.candidateIds({}, 0, 100000))
        all.append(DecisionInput{id, Verdict::Accept});
    QVERIFY(all.size() > 1000);
    QVERIFY2(p.recordDecisions(all, "curator"), qPrintable(p.errorString()));
}

void TestDuplicateOutcomes::init()
{
    static int serial = 0;
    m_path = m_dir.filePath(QStringLiteral("p%1.tcproj").arg(++serial));
    QVERIFY(QFile::copy(m_base, m_path));
    m_project = std::make_unique<Project>();
    QVERIFY2(m_project->open(m_path), qPrintable(m_project->errorString()));
}

void TestDuplicateOutcomes::cleanup()
{
    m_project.reset();
}

QList<qint64> TestDuplicateOutcomes::exactCopiesOf(const QString &set)
{
    QList<qint64> ids;
    for (const auto &row : tc::test::readTruthCsv())
        if (row.value("kind") == "exact" && row.value("ref_set") == set && !row.value("keyword_class").isEmpty())
            ids += m_project->candidatesByTinyIndex(row.value("tiny_index").toLongLong());
    return ids;
}

RemovalCounts TestDuplicateOutcomes::exportRemoves(bool unreviewedIsDuplicate)
{
    ExportSettings s;
    s.perClass = 10;
    s.unreviewedAboveThresholdIsDuplicate = unreviewedIsDuplicate;
    Exporter e;
    if (!e.dryRun(m_path, s)) {
        qWarning("%s", qPrintable(e.errorString()));
        return {};
    }
    [&] { QCOMPARE(e.selection().accepted, m_project->candidateCount()); }();
    return e.selection().removed;
}

void TestDuplicateOutcomes::reviewSome(int count)
{
    DedupStore store(m_project->database());
    PairFilter f;
    f.reviewableOnly = true;
    f.statuses = pairStatusBit(PairStatus::Unreviewed);
    f.ssimThreshold = 0.5;
    f.l2Threshold = 1500;
    const QList<NearPair> open = store.pairs(f);
    QVERIFY(open.size() > count);
    for (int i = 0; i < count; ++i) {
        const NearPair &p = open[i * open.size() / count];
        QVERIFY2(store.review(p.candidateId, p.setId, p.refIndex,
                              i % 3 == 1 ? PairStatus::Distinct : PairStatus::Duplicate, "curator"),
                 qPrintable(store.errorString()));
    }
}

void TestDuplicateOutcomes::countsEqualWhatExportRemoves_data()
{
    QTest::addColumn<double>("ssim");
    QTest::addColumn<double>("l2");
    QTest::addColumn<bool>("unreviewedIsDuplicate");
    QTest::addColumn<int>("reviews");
    QTest::newRow("defaults") << 0.75 << 1000.0 << true << 0;
    QTest::newRow("defaults, reviewed") << 0.75 << 1000.0 << true << 30;
    QTest::newRow("defaults, reviewed, unreviewed kept") << 0.75 << 1000.0 << false << 30;
    QTest::newRow("strict") << 0.95 << 200.0 << true << 30;
    QTest::newRow("loose") << 0.5 << 2000.0 << true << 30;
}

void TestDuplicateOutcomes::countsEqualWhatExportRemoves()
{
    QFETCH(double, ssim);
    QFETCH(double, l2);
    QFETCH(bool, unreviewedIsDuplicate);
    QFETCH(int, reviews);
    DedupStore store(m_project->database());
    DedupSettings settings = store.settings();
    settings.ssimThreshold = ssim;
    settings.l2Threshold = l2;
    QVERIFY(store.setSettings(settings));
    if (reviews > 0)
        reviewSome(reviews);
    DuplicateOutcomes outcomes;
    QVERIFY2(outcomes.load(m_project->database()), qPrintable(outcomes.errorString()));
    const DuplicateTally t = outcomes.tally(ssim, l2, unreviewedIsDuplicate);
    const RemovalCounts exported = exportRemoves(unreviewedIsDuplicate);
    qInfo("pane: %lld to review, removed %lld (exact %lld, marked %lld, unreviewed %lld, identical %lld)",
          static_cast<long long>(t.toReview), static_cast<long long>(t.removed.total()),
          static_cast<long long>(t.removed.excludeExact), static_cast<long long>(t.removed.markedDuplicate),
          static_cast<long long>(t.removed.unreviewedAbove), static_cast<long long>(t.removed.internalExact));
    QCOMPARE(t.removed.excludeExact, exported.excludeExact);
    QCOMPARE(t.removed.markedDuplicate, exported.markedDuplicate);
    QCOMPARE(t.removed.unreviewedAbove, exported.unreviewedAbove);
    QCOMPARE(t.removed.internalExact, exported.internalExact);
    QCOMPARE(t.candidates, m_project->candidateCount());
    // Not a degenerate comparison: every reason occurs (marked ones once reviewed).
    QCOMPARE(t.removed.excludeExact, qint64(exactCopiesOf("cifar10-test").size() + exactCopiesOf("cifar10.1").size()));
    QVERIFY(t.removed.internalExact > 0);
    QCOMPARE(t.removed.markedDuplicate > 0, reviews > 0);
    QCOMPARE(t.removed.unreviewedAbove > 0, unreviewedIsDuplicate);
    // Per class, the counts add up to the whole.
    qint64 sum = 0;
    for (const DuplicateTally &c : outcomes.tallyByClass(ssim, l2, unreviewedIsDuplicate))
        sum += c.removed.total();
    QCOMPARE(sum, t.removed.total());
}

void TestDuplicateOutcomes::exactCopiesAreRemovedNotReviewed()
{
    const QList<qint64> copies = exactCopiesOf("cifar10-test") + exactCopiesOf("cifar10.1");
    QCOMPARE(copies.size(), 45);
    // The search stored near pairs for them (SSIM 1 to the image they copy)...
    DedupStore store(m_project->database());
    PairFilter all;
    all.flaggedOnly = false;
    all.statuses = kAllPairStatuses;
    QSet<qint64> withPairs;
    for (const NearPair &p : store.pairs(all))
        withPairs.insert(p.candidateId);
    for (qint64 id : copies)
        QVERIFY(withPairs.contains(id));
    // ...but the review queue, reviewed pairs shown or not, lists none of them.
    for (unsigned statuses : {pairStatusBit(PairStatus::Unreviewed), kAllPairStatuses}) {
        PairListModel queue(m_project.get());
        PairFilter f;
        f.reviewableOnly = true;
        f.statuses = statuses;
        f.flaggedOnly = false;
        queue.setFilter(f);
        while (queue.canFetchMore({}))
            queue.fetchMore({});
        QVERIFY(queue.rowCount() > 500);
        QCOMPARE(queue.totalCount(), qint64(queue.rowCount()));
        for (int row = 0; row < queue.rowCount(); ++row)
            QVERIFY2(!copies.contains(queue.pair(row).candidateId), qPrintable(QString::number(row)));
    }
    // Reviewing one is refused (the CLI's review goes through the same call), naming the image it copies.
    PairFilter one = all;
    one.candidateId = copies.first();
    const QList<NearPair> pairs = store.pairs(one);
    QVERIFY(!pairs.isEmpty());
    QVERIFY(!store.review(pairs.first().candidateId, pairs.first().setId, pairs.first().refIndex, PairStatus::Distinct,
                          "curator"));
    QVERIFY2(store.errorString().contains("exact copy of cifar10"), qPrintable(store.errorString()));
    const auto r = tc::test::runCli({"review", m_path, "--candidate-id", QString::number(pairs.first().candidateId),
                                     "--set", pairs.first().setName, "--ref-index",
                                     QString::number(pairs.first().refIndex), "--status", "distinct"});
    QVERIFY(r.exitCode != 0);
    Statement n(m_project->database(), "SELECT COUNT(*) FROM pair_reviews");
    QVERIFY(n.next());
    QCOMPARE(n.int64(0), 0);
    DuplicateOutcomes outcomes;
    QVERIFY(outcomes.load(m_project->database()));
    for (qint64 id : copies) {
        QCOMPARE(outcomes.outcome(id, 0.75, 1000), Removal::ExcludeExact);
        QVERIFY(!outcomes.reviewable(id));
    }
}

// Today's bug: an exact copy marked distinct (as an older build allowed) lowered the flagged count although
// export still removed it. A distinct status stored on every pair of every exact copy changes no count.
void TestDuplicateOutcomes::aDistinctMarkOnAnExactCopyChangesNothing()
{
    DuplicateOutcomes before;
    QVERIFY(before.load(m_project->database()));
    const QList<qint64> copies = exactCopiesOf("cifar10-test");
    Statement mark(m_project->database(), "UPDATE near_pairs SET status = 2 WHERE candidate_id = ?");
    for (qint64 id : copies) {
        mark.reset();
        QVERIFY(mark.bind(1, id).exec());
    }
    DuplicateOutcomes after;
    QVERIFY(after.load(m_project->database()));
    for (double ssim : {0.5, 0.75, 0.95})
        QCOMPARE(after.tally(ssim, 1000).removed, before.tally(ssim, 1000).removed);
    QCOMPARE(after.tally(0.75, 1000).flagged, before.tally(0.75, 1000).flagged);
    QCOMPARE(DedupStore(m_project->database()).flaggedCandidateCount(0.75, 1000), before.tally(0.75, 1000).flagged);
    QCOMPARE(exportRemoves(true).excludeExact, before.tally(0.75, 1000).removed.excludeExact);
}

// The incremental update after each review or undo gives what a fresh load gives, at every threshold.
void TestDuplicateOutcomes::updatesFollowReviewsAndUndos()
{
    DuplicateOutcomes live;
    QVERIFY(live.load(m_project->database()));
    const auto sameAsFresh = [&] {
        DuplicateOutcomes fresh;
        if (!fresh.load(m_project->database()))
            return false;
        for (double ssim : {-1.0, 0.3, 0.5, 0.75, 0.9, 1.0, 2.0})
            for (double l2 : {-1.0, 0.0, 500.0, 1000.0, 4000.0, 1e9})
                for (bool setting : {true, false})
                    if (!(live.tally(ssim, l2, setting) == fresh.tally(ssim, l2, setting)) ||
                        live.tallyByClass(ssim, l2, setting) != fresh.tallyByClass(ssim, l2, setting)) {
                        qWarning("ssim %g l2 %g setting %d differ", ssim, l2, int(setting));
                        return false;
                    }
        return true;
    };
    DedupStore store(m_project->database());
    PairFilter f;
    f.reviewableOnly = true;
    f.statuses = pairStatusBit(PairStatus::Unreviewed);
    f.limit = 40;
    const QList<NearPair> top = store.pairs(f);
    QCOMPARE(top.size(), 40);
    const qint64 before = live.tally(0.75, 1000).toReview;
    for (int i = 0; i < top.size(); ++i) {
        const NearPair &p = top[i];
        QVERIFY(store.review(p.candidateId, p.setId, p.refIndex, i % 2 ? PairStatus::Distinct : PairStatus::Duplicate,
                             "t"));
        QVERIFY(live.update(m_project->database(), p.candidateId));
    }
    QVERIFY(sameAsFresh());
    QVERIFY2(live.tally(0.75, 1000).toReview < before, "reviews left the queue as it was: the test proves nothing");
    for (int i = 0; i < top.size(); ++i) {
        const auto undone = store.undoReview("t");
        QVERIFY(undone);
        QVERIFY(live.update(m_project->database(), undone->candidateId));
    }
    QVERIFY(sameAsFresh());
    QCOMPARE(live.tally(0.75, 1000).toReview, before);
}

QTEST_GUILESS_MAIN(TestDuplicateOutcomes)
#include "TestDuplicateOutcomes.moc"
