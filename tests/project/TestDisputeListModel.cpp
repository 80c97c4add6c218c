#include "ProjectFixture.h"
#include "core/project/DisputeListModel.h"
#include "core/project/Project.h"
#include "core/project/Statement.h"
#include "core/project/Transaction.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace tc::core;

// The Agreement dialog's list of conflicts: every disagreeing candidate once, with each
// annotator's verdict in their column, rows that stay put while a curator settles them, and the
// unsettled-only filter. Checked with QAbstractItemModelTester on 10,000 conflicts.
class TestDisputeListModel final : public QObject {
    Q_OBJECT
private slots:
    void listsEveryConflictAndSettlesInPlace()
    {
        QTemporaryDir dir;
        Project p;
        QVERIFY(tc::test::makeFixtureProject(p, dir.filePath(QStringLiteral("d.tcproj"))));
        {
            // 10,000 more candidates under tabby (keyword 1), inserted with plain SQL.
            Transaction tx(p.database());
            Statement insert(p.database(), QStringLiteral("INSERT INTO candidates(keyword_id, tiny_index, keyword_pos, "
                                                          "pixels) VALUES (1, ?1, ?2, zeroblob(3072))"));
            for (qint64 i = 0; i < 10000; ++i)
                QVERIFY(insert.bind(1, 100000 + i).bind(2, 100 + i).exec());
            QVERIFY(tx.commit());
        }
        QList<DecisionInput> alice, bob;
        for (qint64 id = 10; id < 10010; ++id) { // ids 10.. are the new ones
            alice.append({id, Verdict::Accept});
            bob.append({id, id % 2 ? Verdict::Reject : Verdict::Unsure});
        }
        alice.append({1, Verdict::Accept});
        bob.append({1, Verdict::Accept}); // agreement: not a conflict
        QVERIFY(p.recordDecisions(alice, QStringLiteral("alice")));
        QVERIFY(p.recordDecisions(bob, QStringLiteral("bob")));

        DisputeListModel model(&p);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 10000);
        QCOMPARE(model.annotatorColumns(), (QStringList{QStringLiteral("alice"), QStringLiteral("bob")}));
        QCOMPARE(model.columnCount(), DisputeListModel::FirstAnnotatorColumn + 4);
        QCOMPARE(model.rowOf(1), -1);
        const int row = model.rowOf(11);
        QVERIFY(row >= 0);
        QVERIFY(model.index(row, DisputeListModel::FirstAnnotatorColumn).data().toString().startsWith(u"accept"));
        QVERIFY(model.index(row, DisputeListModel::FirstAnnotatorColumn + 1).data().toString().startsWith(u"reject"));
        QCOMPARE(model.index(row, model.finalColumn()).data().toString(), QStringLiteral("reject")); // unanimous
        QCOMPARE(model.unsettledCount(), 10000);

        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QVERIFY(p.adjudicate(11, Verdict::Accept, QStringLiteral("curator")));
        QCOMPARE(changed.size(), 1);
        QCOMPARE(model.rowOf(11), row); // the row stays where the curator is
        QVERIFY(model.index(row, model.adjudicationColumn()).data().toString().startsWith(u"curator: accept"));
        QCOMPARE(model.index(row, model.finalColumn()).data().toString(), QStringLiteral("accept"));
        QCOMPARE(model.unsettledCount(), 9999);

        model.setUnsettledOnly(true);
        QCOMPARE(model.rowCount(), 9999);
        QCOMPARE(model.rowOf(11), -1);
        QVERIFY(p.undoAdjudication(QStringLiteral("curator")));
        model.refresh();
        QCOMPARE(model.rowCount(), 10000);
        // Under the adjudicated rule an unsettled conflict has no final verdict.
        QVERIFY(p.setAcceptRule(AcceptRule::Adjudicated));
        QCOMPARE(model.index(model.rowOf(11), model.finalColumn()).data().toString(), QStringLiteral("awaiting"));
    }
};

QTEST_GUILESS_MAIN(TestDisputeListModel)
#include "TestDisputeListModel.moc"
