#include "ProjectFixture.h"
#include "core/project/DecisionCsv.h"
#include "core/project/Project.h"
#include "core/project/Statement.h"
#include "tests/support/TestSupport.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace tc::core;

class TestDecisionCsv : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    static QStringList states(Project &p)
    {
        QStringList list;
        Statement q(p.database(), QStringLiteral("SELECT candidate_id, annotator, verdict FROM candidate_state "
                                                 "ORDER BY candidate_id, annotator"));
        while (q.next())
            list.append(QStringLiteral("%1 %2 %3").arg(q.int64(0)).arg(q.text(1)).arg(q.int64(2)));
        return list;
    }

    QString writeCsv(const QString &name, const QByteArray &text)
    {
        const QString path = m_dir.filePath(name);
        QFile f(path);
        f.open(QIODevice::WriteOnly);
        f.write(text);
        return path;
    }

private slots:
    void roundTripRestoresTheSameState()
    {
        Project a;
        QVERIFY(tc::test::makeFixtureProject(a, m_dir.filePath(QStringLiteral("a.tcproj"))));
        QVERIFY(a.recordDecisions({{1, Verdict::Accept}, {2, Verdict::Reject}, {7, Verdict::Unsure}},
                                  QStringLiteral("alice")));
        QVERIFY(a.recordDecisions({{1, Verdict::Reject}, {9, Verdict::Accept}}, QStringLiteral("Bob, Jr.")));
        const QString csv = m_dir.filePath(QStringLiteral("a.csv"));
        DecisionCsv out(a);
        QVERIFY2(out.exportFile(csv), qPrintable(out.errorString()));

        QFile f(csv);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = f.readAll().split('\n');
        QCOMPARE(lines[0], QByteArray("tiny_index,verdict,annotator,class,keyword,source"));
        QVERIFY(lines.contains("1000,accept,alice,cat,tabby,"));
        QVERIFY(lines.contains("1000,reject,\"Bob, Jr.\",cat,tabby,"));

        Project b;
        QVERIFY(tc::test::makeFixtureProject(b, m_dir.filePath(QStringLiteral("b.tcproj"))));
        DecisionCsv in(b);
        QVERIFY2(in.importFile(csv), qPrintable(in.errorString()));
        QVERIFY(in.report().issues.isEmpty());
        QCOMPARE(in.report().inserted, 5);
        QCOMPARE(states(b), states(a));
        // Importing again changes nothing.
        DecisionCsv again(b);
        QVERIFY(again.importFile(csv));
        QCOMPARE(again.report().inserted, 0);
        QCOMPARE(again.report().existing, 5);
    }

    void badRowsAreReportedWithLineNumbers()
    {
        Project p;
        QVERIFY(tc::test::makeFixtureProject(p, m_dir.filePath(QStringLiteral("bad.tcproj"))));
        // A second candidate for Tiny index 1000 in another class makes that index ambiguous.
        Statement dup(p.database(),
                      QStringLiteral("INSERT INTO candidates(keyword_id, tiny_index, keyword_pos, pixels) "
                                     "VALUES (3, 1000, 99, zeroblob(3072))"));
        QVERIFY(dup.exec());
        const QString csv = writeCsv(QStringLiteral("bad.csv"), "annotator,tiny_index,verdict\n" // any column order
                                                                "carol,1001,accept\n"            // 2 ok
                                                                "carol,1002,maybe\n"             // 3 verdict
                                                                "carol,77,reject\n"              // 4 unknown index
                                                                ",1003,reject\n"                 // 5 annotator
                                                                "carol,abc,reject\n"             // 6 index
                                                                "\n"                             // 7 blank: skipped
                                                                "carol,1000,accept\n"            // 8 ambiguous
                                                                "carol,1004,U\n");               // 9 ok
        DecisionCsv in(p);
        QVERIFY(in.importFile(csv));
        QList<int> lines;
        for (const auto &issue : in.report().issues) {
            lines.append(issue.line);
            QCOMPARE(issue.file, csv);
        }
        QCOMPARE(lines, (QList<int>{3, 4, 5, 6, 8}));
        QVERIFY(in.report().issueText(in.report().issues[0]).contains(QLatin1String(":3: verdict 'maybe'")));
        QCOMPARE(in.report().inserted, 2);
        QCOMPARE(p.verdict(2, QStringLiteral("carol")), Verdict::Accept);
        QCOMPARE(p.verdict(5, QStringLiteral("carol")), Verdict::Unsure);

        // With a class column the ambiguous index resolves.
        const QString withClass = writeCsv(QStringLiteral("class.csv"), "tiny_index,verdict,annotator,class\n"
                                                                        "1000,reject,carol,dog\n");
        DecisionCsv in2(p);
        QVERIFY(in2.importFile(withClass));
        QVERIFY(in2.report().issues.isEmpty());
        QCOMPARE(p.verdict(10, QStringLiteral("carol")), Verdict::Reject);

        const QString noHeader = writeCsv(QStringLiteral("nohdr.csv"), "1000,accept,carol\n");
        DecisionCsv in3(p);
        QVERIFY(!in3.importFile(noHeader));
        QVERIFY(in3.errorString().contains(noHeader + QStringLiteral(":1:")));
    }

    void cliImportAndExport()
    {
        const QString file = m_dir.filePath(QStringLiteral("cli.tcproj"));
        {
            Project p;
            QVERIFY(tc::test::makeFixtureProject(p, file));
        }
        const QString csv = writeCsv(QStringLiteral("cli.csv"), "tiny_index,verdict,annotator\n1005,reject,dan\n"
                                                                "1006,nope,dan\n");
        const auto r = tc::test::runCli({QStringLiteral("import-decisions"), file, QStringLiteral("--csv"), csv});
        QCOMPARE(r.exitCode, 1); // a bad row fails the command, the good one is applied
        QVERIFY(r.err.contains("cli.csv:3:"));
        const QString out = m_dir.filePath(QStringLiteral("out.csv"));
        const auto e = tc::test::runCli({QStringLiteral("export-decisions"), file, QStringLiteral("--csv"), out});
        QVERIFY2(e.exitCode == 0, e.err.constData());
        QFile f(out);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(f.readAll().contains("1005,reject,dan,cat,kitty,"));
    }

    void splitsQuotedCells()
    {
        QCOMPARE(DecisionCsv::splitLine(QStringLiteral("a,\"b,c\",\"d \"\"e\"\"\",")),
                 (QStringList{QStringLiteral("a"), QStringLiteral("b,c"), QStringLiteral("d \"e\""), QString()}));
    }
};

QTEST_GUILESS_MAIN(TestDecisionCsv)
#include "TestDecisionCsv.moc"
