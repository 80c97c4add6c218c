// ProjectWatcher makes a Project follow what other connections commit: decisions by others arrive as
// decisionsChanged(the candidates concerned), other changes as contentsChanged(), the project's own
// writes are not reported again, and the core model attached to it stay consistent
// (QAbstractItemModelTester) while they refresh. The cross-process case is in
// tests/hardening/TestConcurrentAccess.
#include "ProjectFixture.h"
#include "core/project/DisputeListModel.h"
#include "core/project/Project.h"
#include "core/project/ProjectWatcher.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace tc::core;

class TestProjectWatcher final : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_path;
    int m_count = 0;

private slots:
    void init()
    {
        m_path = m_dir.filePath(QStringLiteral("p%1.tcproj").arg(++m_count));
        Project p;
        QVERIFY(tc::test::makeFixtureProject(p, m_path));
    }

    void reportsWhatOthersCommitAndNothingElse_data()
    {
        QTest::addColumn<bool>("readOnly");
        QTest::newRow("watched project open for writing") << false;
        QTest::newRow("watched project open read-only (a second window)") << true;
    }
    void reportsWhatOthersCommitAndNothingElse()
    {
        QFETCH(bool, readOnly);
        Project watched;
        QVERIFY(readOnly ? watched.openReadOnly(m_path) : watched.open(m_path));
        DisputeListModel disputes(&watched); // the core model the Agreement dialog shows, refreshed by both signals
        QAbstractItemModelTester disputesTester(&disputes, QAbstractItemModelTester::FailureReportingMode::QtTest);
        ProjectWatcher watcher(&watched);
        QSignalSpy decisions(&watched, &Project::decisionsChanged);
        QSignalSpy contents(&watched, &Project::contentsChanged);
        QSignalSpy elsewhere(&watcher, &ProjectWatcher::changedElsewhere);
        QVERIFY(!watcher.poll()); // the first look only remembers
        QVERIFY(!watcher.poll());

        Project other; // another connection: in this process it shares the lock, like a worker thread
        QVERIFY(other.open(m_path));
        QVERIFY(other.recordDecision(3, Verdict::Accept, QStringLiteral("bob")));
        QVERIFY(other.recordDecisions({{5, Verdict::Reject}, {6, Verdict::Accept}}, QStringLiteral("bob")));
        QVERIFY(watcher.poll());
        QCOMPARE(decisions.count(), 1);
        QCOMPARE(decisions.takeFirst().at(0).value<QList<qint64>>(), (QList<qint64>{3, 5, 6}));
        QCOMPARE(contents.count(), 0);
        QCOMPARE(elsewhere.count(), 1);
        QCOMPARE(watched.finalVerdict(5), Verdict::Reject); // and the connection reads it
        QVERIFY(!watcher.poll());

        if (!readOnly) { // the project's own decisions were signalled by Project, not again by the watcher
            QVERIFY(watched.recordDecision(7, Verdict::Unsure, QStringLiteral("ann")));
            QCOMPARE(decisions.count(), 1);
            decisions.clear();
            QVERIFY(!watcher.poll());
            QCOMPARE(decisions.count(), 0);
        }

        QVERIFY(other.setTargetPerClass(120)); // not a decision: the whole project reloads
        QVERIFY(watcher.poll());
        QCOMPARE(contents.count(), 1);
        QCOMPARE(watched.targetPerClass(), 120);
        QVERIFY(other.undo(QStringLiteral("bob")).size() == 2); // an undo is a decision too
        QVERIFY(watcher.poll());
        QCOMPARE(decisions.takeLast().at(0).value<QList<qint64>>(), (QList<qint64>{5, 6}));
        QCOMPARE(elsewhere.count(), 3);
    }

    void timerDrivesTheLooks()
    {
        Project watched;
        QVERIFY(watched.openReadOnly(m_path));
        ProjectWatcher watcher(&watched);
        QSignalSpy decisions(&watched, &Project::decisionsChanged);
        watcher.start(20);
        QVERIFY(watcher.isActive());
        Project other;
        QVERIFY(other.open(m_path));
        QVERIFY(other.recordDecision(2, Verdict::Accept, QStringLiteral("bob")));
        QTRY_COMPARE_WITH_TIMEOUT(decisions.count(), 1, 30000);
        watcher.stop();
        QVERIFY(!watcher.isActive());
    }

    void followsAProjectOpenedAgain()
    {
        Project watched;
        QVERIFY(watched.open(m_path));
        ProjectWatcher watcher(&watched);
        QVERIFY(!watcher.poll());
        watched.close();
        QVERIFY(!watcher.poll()); // closed: nothing to look at
        const QString second = m_dir.filePath(QStringLiteral("second.tcproj"));
        {
            Project p;
            QVERIFY(tc::test::makeFixtureProject(p, second));
            QVERIFY(p.recordDecision(1, Verdict::Accept, QStringLiteral("x")));
        }
        QVERIFY(watched.openReadOnly(second));
        QVERIFY(!watcher.poll()); // a new file is looked at afresh, its history is not news
        QVERIFY(!watcher.poll());
    }
};

QTEST_GUILESS_MAIN(TestProjectWatcher)
#include "TestProjectWatcher.moc"
