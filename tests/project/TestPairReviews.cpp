// PairReviews: the append-only review log and the status it derives (near_pairs.status is the newest
// review of the pair that is neither an undo nor undone), checked against the raw tables; and the
// SQL literals (SqlLiterals.h) against what the schema stores.
#include "ProjectFixture.h"
#include "core/common/ImageSet.h"
#include "core/project/PairReviews.h"
#include "core/project/ReferenceSets.h"
#include "core/project/SqlLiterals.h"

#include <QTemporaryDir>
#include <QTest>

using namespace tc::core;

class TestPairReviews final : public QObject {
    Q_OBJECT
private slots:
    void init();
    void statusFollowsTheLatestEffectiveReview();
    void undoTakesBackOneAnnotatorsReviewsNewestFirst();
    void exactExcludeCopyNamesTheImage();
    void literalsAreWhatTheSchemaStores();

private:
    qint64 status(qint64 candidate, qint32 ref)
    {
        Statement q(m_project.database(), QStringLiteral("SELECT status FROM near_pairs WHERE candidate_id = ?1 AND "
                                                         "set_id = ?2 AND ref_index = ?3"));
        q.bind(1, candidate).bind(2, m_set).bind(3, qint64(ref));
        return q.next() ? q.int64(0) : -1;
    }
    bool review(qint64 candidate, qint32 ref, PairStatus s, const QString &who)
    {
        Transaction tx(m_project.database());
        PairReviews reviews(m_project.database());
        return reviews.record(candidate, m_set, ref, s, who) && tx.commit();
    }
    std::optional<NearPair> undo(const QString &who)
    {
        Transaction tx(m_project.database());
        PairReviews reviews(m_project.database());
        auto pair = reviews.undoLatest(who);
        tx.commit();
        return pair;
    }

    QTemporaryDir m_dir;
    Project m_project;
    qint64 m_set = 0;
};

void TestPairReviews::init()
{
    m_project.close();
    const QString path = m_dir.filePath(QStringLiteral("p%1.tcproj").arg(QDateTime::currentMSecsSinceEpoch()));
    QVERIFY(tc::test::makeFixtureProject(m_project, path));
    ImageSet refs;
    refs.pixels.resize(3 * kImageBytes);
    for (qsizetype i = 0; i < 3; ++i)
        std::memcpy(refs.image(i).data(), tc::test::fixturePixels(5000 + i).constData(), kImageBytes);
    ReferenceSets sets(m_project.database());
    m_set = sets.add(QStringLiteral("ref"), ReferenceRole::Exclude, QStringLiteral("ref.npy"), refs);
    QVERIFY2(m_set > 0, qPrintable(sets.errorString()));
    QVERIFY(m_project.database().exec(
        QStringLiteral(
            "INSERT INTO near_pairs(candidate_id, set_id, ref_index, ssim, l2, status) VALUES (1, %1, 0, 0.9, 10, 0), "
            "(1, %1, 1, 0.8, 20, 0), (2, %1, 2, 0.7, 30, 0)")
            .arg(m_set)));
}

void TestPairReviews::statusFollowsTheLatestEffectiveReview()
{
    PairReviews reviews(m_project.database());
    QVERIFY(reviews.pairExists(1, m_set, 0));
    QVERIFY(!reviews.pairExists(1, m_set, 2));
    QCOMPARE(status(1, 0), 0);
    QVERIFY(review(1, 0, PairStatus::Duplicate, QStringLiteral("ann")));
    QCOMPARE(status(1, 0), 1);
    QCOMPARE(status(1, 1), 0); // the other pair of the candidate is untouched
    QVERIFY(review(1, 0, PairStatus::Distinct, QStringLiteral("bob")));
    QCOMPARE(status(1, 0), 2);
    // bob's undo brings back ann's review, not "unreviewed".
    QCOMPARE(undo(QStringLiteral("bob"))->refIndex, 0);
    QCOMPARE(status(1, 0), 1);
    // The log only grows: two reviews and one undo entry.
    QCOMPARE(m_project.database().queryInt(QStringLiteral("SELECT count(*) FROM pair_reviews")), 3);
}

void TestPairReviews::undoTakesBackOneAnnotatorsReviewsNewestFirst()
{
    QVERIFY(review(1, 0, PairStatus::Duplicate, QStringLiteral("ann")));
    QVERIFY(review(2, 2, PairStatus::Distinct, QStringLiteral("ann")));
    QVERIFY(review(1, 1, PairStatus::Duplicate, QStringLiteral("bob")));
    auto undone = undo(QStringLiteral("ann"));
    QVERIFY(undone);
    QCOMPARE(undone->candidateId, 2);
    QCOMPARE(undone->setId, m_set);
    QCOMPARE(undone->refIndex, 2);
    QCOMPARE(status(2, 2), 0);
    QCOMPARE(undo(QStringLiteral("ann"))->refIndex, 0);
    QCOMPARE(status(1, 0), 0);
    QCOMPARE(status(1, 1), 1); // bob's review stands
    PairReviews reviews(m_project.database());
    QVERIFY(!reviews.undoLatest(QStringLiteral("ann"))); // an undo is never undone by undo
    QVERIFY(reviews.errorString().isEmpty());
}

void TestPairReviews::exactExcludeCopyNamesTheImage()
{
    PairReviews reviews(m_project.database());
    QVERIFY(!reviews.exactExcludeCopy(1));
    QVERIFY(m_project.database().exec(
        QStringLiteral("INSERT INTO exact_matches(candidate_id, set_id, ref_index) VALUES (1, %1, 2)").arg(m_set)));
    const auto copy = reviews.exactExcludeCopy(1);
    QVERIFY(copy);
    QCOMPARE(copy->setName, QStringLiteral("ref"));
    QCOMPARE(copy->refIndex, 2);
    // An avoid set's copy is no exclude copy.
    QVERIFY(m_project.database().exec(QStringLiteral("UPDATE reference_sets SET role = 'avoid'")));
    QVERIFY(!reviews.exactExcludeCopy(1));
}

void TestPairReviews::literalsAreWhatTheSchemaStores()
{
    // Verdicts as Project records them (docs/ARCHITECTURE.md: 1 accept, 2 reject, 3 unsure, 0 undo).
    QVERIFY(m_project.recordDecision(1, Verdict::Accept, QStringLiteral("ann")));
    QVERIFY(m_project.recordDecision(2, Verdict::Reject, QStringLiteral("ann")));
    QVERIFY(m_project.recordDecision(3, Verdict::Unsure, QStringLiteral("ann")));
    QVERIFY(!m_project.undo(QStringLiteral("ann")).isEmpty());
    Database &db = m_project.database();
    for (const auto &[verdict, candidate] : {std::pair{Verdict::Accept, 1}, std::pair{Verdict::Reject, 2}}) {
        const qint64 stored = db.queryInt(
            QStringLiteral("SELECT verdict FROM decisions WHERE candidate_id = %1 ORDER BY id LIMIT 1").arg(candidate),
            -1);
        QCOMPARE(QString::number(stored), sqlLiteral(verdict));
    }
    QCOMPARE(QString::number(db.queryInt(QStringLiteral("SELECT verdict FROM decisions WHERE undoes IS NOT NULL"))),
             sqlLiteral(Verdict::None));
    // Effective decisions: accept and reject; the unsure is undone and the undo entry is none.
    QCOMPARE(db.queryInt(QStringLiteral("SELECT count(*) FROM decisions WHERE") + sqlEffectiveDecision()), 2);
    QCOMPARE(sqlLiteral(ReferenceRole::Exclude), QLatin1Char('\'') + QStringLiteral("exclude") + QLatin1Char('\''));
    QCOMPARE(db.queryInt(QStringLiteral("SELECT count(*) FROM reference_sets WHERE role = ") +
                         sqlLiteral(ReferenceRole::Exclude)),
             1);
    QVERIFY(review(1, 0, PairStatus::Duplicate, QStringLiteral("ann")));
    QCOMPARE(db.queryInt(QStringLiteral("SELECT count(*) FROM near_pairs WHERE status = ") +
                         sqlLiteral(PairStatus::Duplicate)),
             1);
}

QTEST_GUILESS_MAIN(TestPairReviews)
#include "TestPairReviews.moc"
