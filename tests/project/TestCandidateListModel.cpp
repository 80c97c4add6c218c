#include "ProjectFixture.h"
#include "core/project/CandidateListModel.h"
#include "core/project/Project.h"
#include "core/project/Statement.h"
#include "core/project/Transaction.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace tc::core;

class TestCandidateListModel : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    // The fixture plus `extra` candidates of puppy, so paging has several pages.
    static bool addPuppies(Project &p, int extra)
    {
        Transaction tx(p.database());
        Statement insert(p.database(), QStringLiteral("INSERT INTO candidates(keyword_id, tiny_index, keyword_pos, "
                                                      "pixels) VALUES (3, ?1, ?2, ?3)"));
        for (int i = 0; i < extra; ++i)
            if (!insert.bind(1, qint64(50000 + i))
                     .bind(2, qint64(100 + i))
                     .bindBlob(3, tc::test::fixturePixels(i))
                     .exec())
                return false;
        if (!tx.commit())
            return false;
        emit p.contentsChanged();
        return true;
    }

private slots:
    void passesTheModelTesterWhilePagingAndDeciding()
    {
        Project p;
        QVERIFY(tc::test::makeFixtureProject(p, m_dir.filePath(QStringLiteral("model.tcproj"))));
        CandidateListModel model(&p);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 9);
        QVERIFY(!model.canFetchMore({}));
        QVERIFY(addPuppies(p, 5000));
        QVERIFY(model.rowCount() >= CandidateListModel::kPageSize); // the tester may have fetched more
        QCOMPARE(model.totalCount(), 5009);
        while (model.canFetchMore({}))
            model.fetchMore({});
        QCOMPARE(model.rowCount(), 5009);
        // Filter order: tabby, kitty, puppy (ids 7-9 first, then the extra ones by position).
        QCOMPARE(model.candidateId(0), 1);
        QCOMPARE(model.candidateId(6), 7);
        QCOMPARE(model.candidateId(9), 10);
        QCOMPARE(model.data(model.index(6), CandidateListModel::KeywordRole).toString(), QStringLiteral("puppy"));
        QCOMPARE(model.data(model.index(6), CandidateListModel::ClassRole).toString(), QStringLiteral("dog"));
        QCOMPARE(model.data(model.index(6), CandidateListModel::TinyIndexRole).toLongLong(), 1006);
        QCOMPARE(model.data(model.index(6), CandidateListModel::PixelsRole).toByteArray(),
                 tc::test::fixturePixels(1006));

        model.setAnnotator(QStringLiteral("alice"));
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QVERIFY(p.recordDecision(7, Verdict::Reject, QStringLiteral("alice")));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.first().first().value<QModelIndex>().row(), 6);
        QCOMPARE(model.data(model.index(6), CandidateListModel::VerdictRole).toInt(), int(Verdict::Reject));
        QVERIFY(!p.undo(QStringLiteral("alice")).isEmpty());
        QCOMPARE(model.data(model.index(6), CandidateListModel::VerdictRole).toInt(), int(Verdict::None));
    }

    void filterAndEnsureRow()
    {
        Project p;
        QVERIFY(tc::test::makeFixtureProject(p, m_dir.filePath(QStringLiteral("filter.tcproj"))));
        QVERIFY(addPuppies(p, 3000));
        CandidateListModel model(&p);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(p.recordDecisions({{1, Verdict::Accept}, {2, Verdict::Accept}}, QStringLiteral("alice")));
        model.setFilter({0, 0, VerdictFilter::Undecided, QStringLiteral("alice")});
        QCOMPARE(model.totalCount(), 3009 - 2);
        QCOMPARE(model.candidateId(0), 3);
        // A candidate deep in the filter: pages are fetched up to it.
        const int row = model.ensureRow(3009);
        QCOMPARE(row, 3006);
        QCOMPARE(model.candidateId(row), 3009);
        QCOMPARE(model.ensureRow(1), -1); // decided: not in the filter
        // Decisions do not remove rows until refresh().
        QVERIFY(p.recordDecision(3, Verdict::Reject, QStringLiteral("alice")));
        QCOMPARE(model.candidateId(0), 3);
        model.refresh();
        QCOMPARE(model.candidateId(0), 4);
        model.setFilter({2, 0, VerdictFilter::Any, {}});
        QCOMPARE(model.candidateId(0), 7);
    }

    void loadsWhenTheProjectOpensLater()
    {
        const QString file = m_dir.filePath(QStringLiteral("later.tcproj"));
        {
            Project p;
            QVERIFY(tc::test::makeFixtureProject(p, file));
        }
        Project p;
        CandidateListModel model(&p);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(p.open(file));
        QCOMPARE(model.rowCount(), 9);
        p.close();
        QCOMPARE(model.rowCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestCandidateListModel)
#include "TestCandidateListModel.moc"
