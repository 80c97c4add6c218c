#include "ProjectFixture.h"
#include "core/project/KeywordStatsModel.h"
#include "core/project/Project.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace tc::core;

class TestKeywordStatsModel : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    static qint64 value(const KeywordStatsModel &m, const QModelIndex &row, int column)
    {
        return m.data(row.siblingAtColumn(column), KeywordStatsModel::ValueRole).toLongLong();
    }

private slots:
    void treeOfClassesAndKeywords()
    {
        Project p;
        QVERIFY(tc::test::makeFixtureProject(p, m_dir.filePath(QStringLiteral("stats.tcproj"))));
        QVERIFY(p.setTargetPerClass(10));
        KeywordStatsModel model(&p);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 2);
        const QModelIndex cat = model.index(0, 0);
        QCOMPARE(model.data(cat).toString(), QStringLiteral("cat"));
        QCOMPARE(model.rowCount(cat), 2);
        const QModelIndex tabby = model.index(0, 0, cat);
        QCOMPARE(model.data(tabby).toString(), QStringLiteral("tabby"));
        QCOMPARE(tabby.parent(), cat);
        QCOMPARE(value(model, tabby, KeywordStatsModel::CandidatesColumn), 4);
        QCOMPARE(value(model, tabby, KeywordStatsModel::QuotaColumn), 8);
        QCOMPARE(value(model, cat, KeywordStatsModel::CandidatesColumn), 6);
        QCOMPARE(value(model, cat, KeywordStatsModel::QuotaColumn), 10);
        const QModelIndex hound = model.keywordIndex(4);
        QVERIFY(hound.isValid());
        QVERIFY(model.data(hound, KeywordStatsModel::AbsentRole).toBool());
        QCOMPARE(model.classIndex(2).row(), 1);
        QCOMPARE(model.headerData(KeywordStatsModel::AcceptedColumn, Qt::Horizontal).toString(),
                 QStringLiteral("Accepted"));
    }

    void decisionsRecountWithoutReset()
    {
        Project p;
        QVERIFY(tc::test::makeFixtureProject(p, m_dir.filePath(QStringLiteral("recount.tcproj"))));
        KeywordStatsModel model(&p);
        model.setRefreshDelay(10);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QVERIFY(p.recordDecisions({{1, Verdict::Accept}, {2, Verdict::Reject}, {5, Verdict::Unsure}},
                                  QStringLiteral("alice")));
        QTRY_VERIFY(changed.count() > 0);
        QCOMPARE(reset.count(), 0);
        const QModelIndex tabby = model.keywordIndex(1);
        QCOMPARE(value(model, tabby, KeywordStatsModel::DecidedColumn), 2);
        QCOMPARE(value(model, tabby, KeywordStatsModel::AcceptedColumn), 1);
        QCOMPARE(value(model, tabby, KeywordStatsModel::RejectedColumn), 1);
        QCOMPARE(value(model, model.classIndex(1), KeywordStatsModel::UnsureColumn), 1);
        model.setAnnotator(QStringLiteral("bob"));
        QCOMPARE(value(model, model.keywordIndex(1), KeywordStatsModel::DecidedColumn), 0);
    }
};

QTEST_GUILESS_MAIN(TestKeywordStatsModel)
#include "TestKeywordStatsModel.moc"
