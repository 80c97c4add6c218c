// The in-memory flagged count behind the review pane's threshold slider, against the SQL count
// (DedupStore::flaggedCandidateCount) on world-small's real pairs, across thresholds and after
// reviews and undos.
#include "core/dedup/DedupStore.h"
#include "core/dedup/FlaggedCandidates.h"
#include "core/project/Project.h"
#include "tests/support/TestSupport.h"

#include <QTemporaryDir>

using namespace tc::core;

class TestFlaggedCandidates final : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        TC_REQUIRE_SHARED();
        QVERIFY(m_dir.isValid());
        const QString path = m_dir.filePath("flagged.tcproj");
        const QString world = tc::test::fixture("world-small");
        auto r = tc::test::runCli(
            {"new", path, "--tiny", world + "/tinyimages", "--catalog", world + "/keyword_counts.json"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        r = tc::test::runCli(
            {"add-reference", path, "--name", "test", "--role", "exclude", world + "/cifar-10-batches-py/test_batch"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        r = tc::test::runCli({"dedup", path});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(m_project.open(path));
    }

    void countsEqualSqlAtEveryThreshold()
    {
        DedupStore store(m_project.database());
        FlaggedCandidates flagged;
        QVERIFY2(flagged.load(store), qPrintable(flagged.errorString()));
        QVERIFY(flagged.candidatesWithOpenPairs() > 100);
        QVERIFY(compareGrid(store, flagged));
        // The grid is not degenerate: the counts differ between thresholds.
        QVERIFY(flagged.count(0.75, 1000) < flagged.count(0.3, 1000));
        QVERIFY(flagged.count(0.75, 1000) > 0);
    }

    // Marking a candidate's strongest pairs distinct can unflag it; undo flags it again.
    void reviewsAndUndosKeepTheCountExact()
    {
        DedupStore store(m_project.database());
        FlaggedCandidates flagged;
        QVERIFY(flagged.load(store));
        PairFilter f;
        f.flaggedOnly = true;
        f.statuses = kAllPairStatuses;
        f.limit = 40;
        const QList<NearPair> top = store.pairs(f);
        QCOMPARE(top.size(), 40);
        const qint64 before = flagged.count(0.75, 1000);
        int reviews = 0;
        for (const NearPair &p : top) {
            ++reviews;
            QVERIFY(store.review(p.candidateId, p.setId, p.refIndex, PairStatus::Distinct, "t"));
            QVERIFY(flagged.update(store, p.candidateId));
        }
        QVERIFY(compareGrid(store, flagged));
        QVERIFY2(flagged.count(0.75, 1000) < before, "distinct reviews unflag nothing: the test proves nothing");
        // Every pair of one candidate distinct: it has no open pair left.
        const qint64 id = top.first().candidateId;
        PairFilter all;
        all.flaggedOnly = false;
        all.statuses = kAllPairStatuses;
        all.candidateId = id;
        for (const NearPair &p : store.pairs(all)) {
            ++reviews;
            QVERIFY(store.review(p.candidateId, p.setId, p.refIndex, PairStatus::Distinct, "t"));
        }
        QVERIFY(flagged.update(store, id));
        QVERIFY(compareGrid(store, flagged));
        for (int i = 0; i < reviews; ++i) {
            const auto undone = store.undoReview("t");
            QVERIFY(undone);
            QVERIFY(flagged.update(store, undone->candidateId));
        }
        QVERIFY(compareGrid(store, flagged));
        QCOMPARE(flagged.count(0.75, 1000), before);
    }

private:
    bool compareGrid(DedupStore &store, const FlaggedCandidates &flagged)
    {
        for (double ssim : {-1.0, 0.0, 0.3, 0.5, 0.75, 0.9, 0.999, 1.0, 2.0})
            for (double l2 : {-1.0, 0.0, 500.0, 1000.0, 2000.0, 4000.0, 1e9}) {
                const qint64 sql = store.flaggedCandidateCount(ssim, l2);
                if (flagged.count(ssim, l2) != sql) {
                    qWarning("ssim %g l2 %g: %lld in memory, %lld in SQL", ssim, l2,
                             static_cast<long long>(flagged.count(ssim, l2)), static_cast<long long>(sql));
                    return false;
                }
            }
        return true;
    }

    QTemporaryDir m_dir;
    Project m_project;
};

QTEST_GUILESS_MAIN(TestFlaggedCandidates)
#include "TestFlaggedCandidates.moc"
