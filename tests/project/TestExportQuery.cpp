// ExportQuery: an export's read snapshot of a project. While it lives every query sees one state
// (a decision another connection commits meanwhile is not half in, half out), and when it goes the
// connection is as before (no transaction left open, the caller's own transaction untouched, the
// memory map size restored). Rows against the fixture's known contents.
#include "ProjectFixture.h"
#include "core/project/ExportQuery.h"

#include <QTemporaryDir>
#include <QTest>

using namespace tc::core;

class TestExportQuery final : public QObject {
    Q_OBJECT
private slots:
    void init();
    void readsTheAcceptedCandidatesAndWhoAcceptedThem();
    void oneSnapshotWhileItLives();
    void leavesTheConnectionAsItWas();

private:
    QTemporaryDir m_dir;
    QString m_path;
    Project m_project;
};

void TestExportQuery::init()
{
    m_project.close();
    m_path = m_dir.filePath(QStringLiteral("p%1.tcproj").arg(QDateTime::currentMSecsSinceEpoch()));
    QVERIFY(tc::test::makeFixtureProject(m_project, m_path));
    QVERIFY(m_project.recordDecision(2, Verdict::Accept, QStringLiteral("ann")));
    QVERIFY(m_project.recordDecision(7, Verdict::Accept, QStringLiteral("ann")));
    QVERIFY(m_project.recordDecision(7, Verdict::Accept, QStringLiteral("bob")));
    QVERIFY(m_project.recordDecision(8, Verdict::Reject, QStringLiteral("ann")));
}

void TestExportQuery::readsTheAcceptedCandidatesAndWhoAcceptedThem()
{
    ExportQuery query(m_project.database());
    QCOMPARE(query.candidateCount(), 9);
    QCOMPARE(query.acceptedCount(), 2);
    QList<QPair<qint64, QString>> votes;
    QVERIFY(query.forEachAcceptedVote([&](const ExportQuery::AcceptedVote &v) {
        votes.append({v.candidateId, QString::fromUtf8(reinterpret_cast<const char *>(v.annotatorUtf8.data()),
                                                       qsizetype(v.annotatorUtf8.size()))});
    }));
    const QList<QPair<qint64, QString>> expected = {
        {2, QStringLiteral("ann")}, {7, QStringLiteral("ann")}, {7, QStringLiteral("bob")}};
    QCOMPARE(votes, expected);
    QList<qint64> ids;
    QVERIFY(query.forEachAcceptedCandidate([&](const ExportQuery::AcceptedCandidate &c) {
        ids << c.id;
        // The fixture's pixels and Tiny Images index (1000 + id - 1).
        if (c.tinyIndex != 999 + c.id ||
            QByteArrayView(c.pixels) != QByteArrayView(tc::test::fixturePixels(999 + c.id)))
            ids << -1;
        return true;
    }));
    QCOMPARE(ids, (QList<qint64>{2, 7}));
    int classes = 0;
    QVERIFY(query.forEachClass([&](qint64, const QString &, int) { ++classes; }));
    QCOMPARE(classes, 2);
}

void TestExportQuery::oneSnapshotWhileItLives()
{
    ExportQuery query(m_project.database());
    QCOMPARE(query.acceptedCount(), 2);
    Project other; // another connection (a second window, a script) accepts one more meanwhile
    QVERIFY(other.open(m_path));
    QVERIFY(other.recordDecision(3, Verdict::Accept, QStringLiteral("bob")));
    qint64 rows = 0;
    QVERIFY(query.forEachAcceptedCandidate([&](const ExportQuery::AcceptedCandidate &) { return ++rows, true; }));
    QCOMPARE(rows, 2);
    QCOMPARE(query.acceptedCount(), 2);
}

void TestExportQuery::leavesTheConnectionAsItWas()
{
    Database &db = m_project.database();
    const qint64 mmapBefore = db.queryInt(QStringLiteral("PRAGMA mmap_size"));
    {
        ExportQuery query(db);
        QVERIFY(db.inTransaction());
        QVERIFY(db.queryInt(QStringLiteral("PRAGMA mmap_size")) > mmapBefore);
    }
    QVERIFY(!db.inTransaction());
    QCOMPARE(db.queryInt(QStringLiteral("PRAGMA mmap_size")), mmapBefore);
    // Inside the caller's transaction: the caller's stays open and keeps its writes.
    {
        Transaction tx(db);
        QVERIFY(db.exec(QStringLiteral("INSERT INTO meta(key, value) VALUES('probe', '1')")));
        {
            ExportQuery query(db);
            QCOMPARE(query.candidateCount(), 9);
        }
        QVERIFY(db.inTransaction());
        QVERIFY(tx.commit());
    }
    QCOMPARE(m_project.setting(QStringLiteral("probe")), QStringLiteral("1"));
}

QTEST_GUILESS_MAIN(TestExportQuery)
#include "TestExportQuery.moc"
