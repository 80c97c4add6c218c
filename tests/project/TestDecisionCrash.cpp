#include "ProjectFixture.h"
#include "core/project/Project.h"
#include "tests/support/TestSupport.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace tc::core;

// "A crash or power cut loses nothing the annotator saw confirmed": a child process (the CLI's
// `decide --stdin`, which confirms each decision on stdout after its commit) is killed with SIGKILL
// after N confirmations; every confirmed decision must be in the file.
class TestDecisionCrash : public QObject {
    Q_OBJECT

private slots:
    void sigkillAfterConfirmedDecisionsLosesNone_data()
    {
        QTest::addColumn<int>("confirmations");
        QTest::newRow("after 1") << 1;
        QTest::newRow("after 5") << 5;
        QTest::newRow("after 8") << 8;
    }

    void sigkillAfterConfirmedDecisionsLosesNone()
    {
        QFETCH(int, confirmations);
        if (tc::test::cliPath().isEmpty())
            QSKIP("TC_CLI is not set (run through ctest)");
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("crash.tcproj"));
        {
            Project p;
            QVERIFY(tc::test::makeFixtureProject(p, file));
        }
        QProcess child;
        child.start(tc::test::cliPath(), {QStringLiteral("decide"), file, QStringLiteral("--annotator"),
                                          QStringLiteral("eve"), QStringLiteral("--stdin")});
        QVERIFY(child.waitForStarted());
        // More lines than we wait for, so the kill lands while the child is still deciding.
        QByteArray input;
        for (int i = 0; i < 9; ++i)
            input += QByteArray::number(1000 + i) + (i % 2 ? " reject\n" : " accept\n");
        child.write(input);
        QList<qint64> confirmed;
        QByteArray buffer;
        while (confirmed.size() < confirmations && child.waitForReadyRead(60000)) {
            buffer += child.readAllStandardOutput();
            while (buffer.contains('\n')) {
                const QByteArray line = buffer.left(buffer.indexOf('\n'));
                buffer.remove(0, line.size() + 1);
                if (line.startsWith("recorded"))
                    confirmed.append(line.split(' ').value(3).toLongLong());
            }
        }
        child.kill(); // SIGKILL: no destructors, no SQLite close
        child.waitForFinished();
        QVERIFY2(confirmed.size() >= confirmations, child.readAllStandardError().constData());

        Project p;
        QVERIFY2(p.open(file), qPrintable(p.errorString()));
        for (int i = 0; i < confirmed.size(); ++i) {
            const Verdict expected = (confirmed[i] - 1) % 2 ? Verdict::Reject : Verdict::Accept;
            QCOMPARE(p.verdict(confirmed[i], QStringLiteral("eve")), expected);
        }
        QVERIFY(p.candidateCount({0, 0, VerdictFilter::Decided, QStringLiteral("eve")}) >= confirmed.size());
    }
};

QTEST_GUILESS_MAIN(TestDecisionCrash)
#include "TestDecisionCrash.moc"
