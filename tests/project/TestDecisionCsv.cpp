#include "ProjectFixture.h"
#include "core/project/DecisionCsv.h"
#include "core/project/Project.h"
#include "core/project/Statement.h"
#include "tests/support/TestSupport.h"

#include <QBuffer>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
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

    // rows old-format decisions over the fixture's nine candidates, each new (an annotator per nine
    // rows); a column the import ignores makes the file span several of the reader's chunks.
    QString noteCsv(const QString &name, int rows)
    {
        QByteArray csv = "tiny_index,verdict,annotator,note\n";
        const QByteArray note(100, 'x');
        for (int i = 0; i < rows; ++i)
            csv += QByteArray::number(1000 + i % 9) + (i % 2 ? ",accept,a" : ",reject,a") + QByteArray::number(i / 9) +
                   ',' + note + '\n';
        return writeCsv(name, csv);
    }

private slots:
    void roundTripGivesTheSameBytesAndState()
    {
        Project a;
        QVERIFY(tc::test::makeFixtureProject(a, m_dir.filePath(QStringLiteral("a.tcproj"))));
        QVERIFY(a.recordDecisions({{1, Verdict::Accept}, {2, Verdict::Reject}, {7, Verdict::Unsure}},
                                  QStringLiteral("alice"))); // a grid page: one batch
        QVERIFY(a.recordDecisions({{1, Verdict::Reject}, {9, Verdict::Accept}}, QStringLiteral("Bob, Jr.")));
        QVERIFY(a.recordDecision(2, Verdict::Accept, QStringLiteral("Bob, Jr.")));
        QVERIFY(!a.undo(QStringLiteral("Bob, Jr.")).isEmpty());
        QVERIFY(a.adjudicate(1, Verdict::Accept, QStringLiteral("curator")));
        QByteArray first;
        {
            QBuffer out(&first);
            out.open(QIODevice::WriteOnly);
            DecisionCsv csv(a);
            QVERIFY2(csv.write(&out, QStringLiteral("a.csv")), qPrintable(csv.errorString()));
        }
        const QList<QByteArray> lines = first.split('\n');
        QCOMPARE(lines[0], QByteArray("seq,time,annotator,kind,verdict,undoes,batch,view_mode,tiny_index,class,"
                                      "keyword,source"));
        QCOMPARE(lines.size(), 10); // header, 8 decisions, the empty piece after the last LF
        QVERIFY(lines[4].startsWith("4,") &&
                lines[4].contains(",\"Bob, Jr.\",decision,reject,,2,grid,1000,cat,tabby,"));
        QVERIFY(lines[7].startsWith("7,") && lines[7].contains(",\"Bob, Jr.\",decision,undo,6,4,undo,1001,cat,tabby,"));
        QVERIFY(lines[8].contains(",curator,adjudication,accept,,5,adjudication,1000,cat,tabby,"));

        Project b;
        QVERIFY(tc::test::makeFixtureProject(b, m_dir.filePath(QStringLiteral("b.tcproj"))));
        QBuffer in(&first);
        in.open(QIODevice::ReadOnly);
        DecisionCsv imported(b);
        QVERIFY2(imported.read(&in, QStringLiteral("a.csv")), qPrintable(imported.errorString()));
        QCOMPARE(imported.report().inserted, 8);
        QCOMPARE(states(b), states(a));
        QByteArray second;
        QBuffer out2(&second);
        out2.open(QIODevice::WriteOnly);
        DecisionCsv again(b);
        QVERIFY(again.write(&out2, QStringLiteral("b.csv")));
        QCOMPARE(second, first);
        for (qint64 id = 1; id <= 9; ++id)
            QCOMPARE(b.finalVerdict(id), a.finalVerdict(id));
        // Importing the same file again changes nothing.
        in.seek(0);
        DecisionCsv twice(b);
        QVERIFY(twice.read(&in, QStringLiteral("a.csv")));
        QCOMPARE(twice.report().inserted, 0);
        QCOMPARE(twice.report().existing, 8);
    }

    void badRowsRecordNothing()
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
        QVERIFY(!in.importFile(csv)); // all or nothing
        QList<int> lines;
        for (const auto &issue : in.report().issues) {
            lines.append(issue.line);
            QCOMPARE(issue.file, csv);
        }
        QCOMPARE(lines, (QList<int>{3, 4, 5, 6, 8}));
        QVERIFY(in.report().issueText(in.report().issues[0]).contains(QLatin1String(":3: verdict 'maybe'")));
        QCOMPARE(in.report().inserted, 0);
        QCOMPARE(p.database().queryInt(QStringLiteral("SELECT count(*) FROM decisions")), 0);

        // With a class column the ambiguous index resolves.
        const QString withClass = writeCsv(QStringLiteral("class.csv"), "tiny_index,verdict,annotator,class\n"
                                                                        "1000,reject,carol,dog\n1001,accept,carol,\n");
        DecisionCsv in2(p);
        QVERIFY2(in2.importFile(withClass), qPrintable(in2.errorString()));
        QCOMPARE(p.verdict(10, QStringLiteral("carol")), Verdict::Reject);
        // Old-format rows are decisions of their own: undo takes back one, not the whole import.
        QCOMPARE(p.undo(QStringLiteral("carol")).size(), 1);

        const QString noHeader = writeCsv(QStringLiteral("nohdr.csv"), "1000,accept,carol\n");
        DecisionCsv in3(p);
        QVERIFY(!in3.importFile(noHeader));
        QVERIFY(in3.errorString().contains(noHeader + QStringLiteral(": line 1:")));
    }

    // The Agreement dialog's import runs on a worker with progress and cancel. A cancel that arrives
    // with any progress report (while the rows are read, while they are recorded, after the last
    // report before the commit) stops the import at the next check and records nothing at all.
    void cancelAtAnyMomentRecordsNothing()
    {
        const QString path = noteCsv(QStringLiteral("cancel.csv"), 3000);
        const qint64 size = QFileInfo(path).size();
        int reports = 0;
        {
            Project dry; // how many reports an import that runs to the end makes
            QVERIFY(tc::test::makeFixtureProject(dry, m_dir.filePath(QStringLiteral("cancel-dry.tcproj"))));
            DecisionCsv importer(dry);
            QVERIFY(importer.importFile(path, Progress([&](qint64, qint64) { ++reports; }, {})));
        }
        QVERIFY2(reports >= 6, "several reports while reading and while recording");
        Project p;
        QVERIFY(tc::test::makeFixtureProject(p, m_dir.filePath(QStringLiteral("cancel.tcproj"))));
        QVERIFY(p.recordDecisions({{1, Verdict::Accept}, {2, Verdict::Reject}}, QStringLiteral("alice")));
        const QStringList before = states(p);
        const qint64 decisionsBefore = p.database().queryInt(QStringLiteral("SELECT count(*) FROM decisions"));
        // The last report comes after the commit: a cancel with it is too late by design.
        for (int k = 1; k < reports; ++k) {
            const QByteArray at = "cancel with report " + QByteArray::number(k);
            int seen = 0, afterCancel = 0;
            bool cancel = false;
            const Progress progress(
                [&](qint64, qint64 total) {
                    afterCancel += cancel;
                    QCOMPARE(total, 2 * size);
                    cancel = cancel || ++seen == k;
                },
                [&] { return cancel; });
            DecisionCsv importer(p);
            QVERIFY2(!importer.importFile(path, progress), at.constData());
            QVERIFY2(importer.errorString() == path + QStringLiteral(": import cancelled; nothing was recorded"),
                     qPrintable(importer.errorString()));
            QVERIFY2(afterCancel == 0, at.constData()); // it stopped at the next check, not at the end
            QCOMPARE(importer.report().inserted, 0);
            QVERIFY2(p.database().queryInt(QStringLiteral("SELECT count(*) FROM decisions")) == decisionsBefore,
                     at.constData());
            QCOMPARE(states(p), before);
        }
        QCOMPARE(p.annotators(), QStringList{QStringLiteral("alice")});
        // Not cancelled, the same file imports completely: the cancels left nothing half-done behind.
        DecisionCsv again(p);
        QVERIFY2(again.importFile(path), qPrintable(again.errorString()));
        QCOMPARE(again.report().inserted, 3000);
    }

    void progressReachesItsTotal()
    {
        Project p;
        QVERIFY(tc::test::makeFixtureProject(p, m_dir.filePath(QStringLiteral("progress.tcproj"))));
        const QString path = noteCsv(QStringLiteral("progress.csv"), 3000);
        const qint64 size = QFileInfo(path).size();
        QList<QPair<qint64, qint64>> seen;
        const Progress progress([&](qint64 done, qint64 total) { seen.append({done, total}); }, [] { return false; });
        DecisionCsv importer(p);
        QVERIFY2(importer.importFile(path, progress), qPrintable(importer.errorString()));
        QCOMPARE(importer.report().inserted, 3000);
        QVERIFY(!seen.isEmpty());
        QCOMPARE(seen.constLast(), qMakePair(2 * size, 2 * size));
        bool reading = false, recording = false;
        for (qsizetype i = 0; i < seen.size(); ++i) {
            QCOMPARE(seen[i].second, 2 * size);
            QVERIFY(seen[i].first >= 0 && seen[i].first <= seen[i].second);
            if (i > 0)
                QVERIFY2(seen[i].first >= seen[i - 1].first, "progress went back");
            reading = reading || (seen[i].first > 0 && seen[i].first < size);
            recording = recording || (seen[i].first > size && seen[i].first < 2 * size);
        }
        QVERIFY2(reading && recording, "both phases report");
        // Importing it again records nothing new; the bar still ends full.
        seen.clear();
        DecisionCsv again(p);
        QVERIFY(again.importFile(path, progress));
        QCOMPARE(again.report().existing, 3000);
        QCOMPARE(seen.constLast(), qMakePair(2 * size, 2 * size));
    }

    void annotatorNamesAreChecked_data()
    {
        QTest::addColumn<QByteArray>("csv");
        QTest::addColumn<QString>("problem");
        // The newline no longer splits the row (one CSV reader): the name itself is refused.
        QTest::newRow("newline in name") << QByteArray("tiny_index,verdict,annotator\n1000,accept,\"bob\nsmith\"\n")
                                         << "control character";
        QTest::newRow("tab in name") << QByteArray("tiny_index,verdict,annotator\n1000,accept,bo\tb\n")
                                     << "control character";
        QTest::newRow("latin-1 name") << QByteArray("tiny_index,verdict,annotator\n1000,accept,Jos\xe9\n") << "UTF-8";
        QTest::newRow("bad time") << QByteArray(
                                         "seq,time,annotator,verdict,tiny_index\n1,2026-01-01 10:00,a,accept,1000\n")
                                  << "ISO 8601";
        QTest::newRow("undo of nothing") << QByteArray("seq,time,annotator,verdict,undoes,tiny_index\n"
                                                       "1,2026-01-01T10:00:00.000Z,a,undo,7,1000\n")
                                         << "not the seq of an earlier row";
        QTest::newRow("undo of another's") << QByteArray("seq,time,annotator,verdict,undoes,tiny_index\n"
                                                         "1,2026-01-01T10:00:00.000Z,a,accept,,1000\n"
                                                         "2,2026-01-01T10:00:01.000Z,b,undo,1,1000\n")
                                           << "not a decision of b";
    }

    void annotatorNamesAreChecked()
    {
        QFETCH(QByteArray, csv);
        QFETCH(QString, problem);
        Project p;
        QVERIFY(tc::test::makeFixtureProject(
            p, m_dir.filePath(QStringLiteral("names-%1.tcproj").arg(QTest::currentDataTag()))));
        QBuffer in(&csv);
        in.open(QIODevice::ReadOnly);
        DecisionCsv importer(p);
        QVERIFY(!importer.read(&in, QStringLiteral("names.csv")));
        // A row problem is listed with its line; bytes that are not UTF-8 fail the reader itself.
        const QString said =
            importer.report().issues.isEmpty() ? importer.errorString() : importer.report().issues.first().problem;
        QVERIFY2(said.contains(problem), qPrintable(said));
        QVERIFY(p.annotators().isEmpty());
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
        QCOMPARE(r.exitCode, 1); // a bad row fails the command and nothing is recorded
        QVERIFY(r.err.contains("cli.csv:3:"));
        const auto e = tc::test::runCli({QStringLiteral("export-decisions"), file, QStringLiteral("--csv"), "-"});
        QVERIFY2(e.exitCode == 0, e.err.constData());
        QCOMPARE(e.out.count('\n'), 1); // the header only
        const QString good = writeCsv(QStringLiteral("good.csv"), "tiny_index,verdict,annotator\n1005,reject,dan\n");
        QVERIFY(tc::test::runCli({QStringLiteral("import-decisions"), file, QStringLiteral("--csv"), good}).exitCode ==
                0);
        const auto e2 = tc::test::runCli({QStringLiteral("export-decisions"), file, QStringLiteral("--csv"), "-"});
        QVERIFY(e2.out.contains(",dan,decision,reject,,1,csv,1005,cat,kitty,"));
    }

    // Issue 12, item 9: a Latin-1 name on the command line was stored as U+FFFD; undo after an
    // import undid all of it at once.
    void cliRefusesNonUtf8NamesAndUndoesOneDecision()
    {
        const QString file = m_dir.filePath(QStringLiteral("undo.tcproj"));
        {
            Project p;
            QVERIFY(tc::test::makeFixtureProject(p, file));
        }
        QProcess sh;
        sh.start(QStringLiteral("/bin/sh"),
                 {QStringLiteral("-c"),
                  QStringLiteral(
                      "exec \"$0\" decide \"$1\" --candidate 1 --verdict accept --annotator \"$(printf 'Jos\\351')\""),
                  tc::test::cliPath(), file});
        QVERIFY(sh.waitForFinished(60000));
        QCOMPARE(sh.exitCode(), 2);
        QVERIFY2(sh.readAllStandardError().contains("not valid UTF-8"), "no UTF-8 complaint");
        {
            Project p;
            QVERIFY(p.open(file));
            QVERIFY(p.annotators().isEmpty());
        }
        const QString csv = writeCsv(QStringLiteral("nine.csv"), "tiny_index,verdict,annotator\n1000,accept,eve\n"
                                                                 "1001,accept,eve\n1002,reject,eve\n1003,accept,eve\n");
        QCOMPARE(tc::test::runCli({QStringLiteral("import-decisions"), file, QStringLiteral("--csv"), csv}).exitCode,
                 0);
        const auto one =
            tc::test::runCli({QStringLiteral("undo"), file, QStringLiteral("--annotator"), QStringLiteral("eve")});
        QCOMPARE(one.exitCode, 0);
        QVERIFY2(one.out.contains("undone 1 decision(s) of eve") && one.out.contains("tiny 1003"), one.out.constData());
        const auto two = tc::test::runCli({QStringLiteral("undo"), file, QStringLiteral("--annotator"),
                                           QStringLiteral("eve"), QStringLiteral("--count"), QStringLiteral("2")});
        QVERIFY2(two.out.contains("undone 2 decision(s)") && two.out.contains("tiny 1002") &&
                     two.out.contains("tiny 1001"),
                 two.out.constData());
        Project p;
        QVERIFY(p.open(file));
        QCOMPARE(p.verdict(1, QStringLiteral("eve")), Verdict::Accept);
        QCOMPARE(p.verdict(2, QStringLiteral("eve")), Verdict::None);
        const auto bad = tc::test::runCli({QStringLiteral("undo"), file, QStringLiteral("--annotator"),
                                           QStringLiteral("eve"), QStringLiteral("--count"), QStringLiteral("0")});
        QCOMPARE(bad.exitCode, 2);
    }

    // Issue 11, items 5 and 6, on world-small: alice decides by truth.csv, bob with every 4th verdict
    // flipped. Importing bob reports how the final verdicts moved (and the report agrees with stats);
    // export -> import into a fresh project -> export gives the same bytes and the same stats under
    // every rule.
    void worldSmallRoundTripUnderEveryRule()
    {
        TC_REQUIRE_SHARED();
        const auto truth = tc::test::readTruthCsv();
        QByteArray alice = "tiny_index,verdict,annotator,class\n", bob = alice;
        int row = 0;
        for (const auto &t : truth) {
            const QString cls = t.value(QStringLiteral("keyword_class"));
            if (cls.isEmpty())
                continue;
            const bool correct = t.value(QStringLiteral("correct")) == QLatin1String("1");
            const QByteArray index = t.value(QStringLiteral("tiny_index")).toUtf8();
            alice += index + (correct ? ",accept,alice," : ",reject,alice,") + cls.toUtf8() + '\n';
            const bool bobAccepts = (row++ % 4 == 3) ? !correct : correct;
            bob += index + (bobAccepts ? ",accept,bob," : ",reject,bob,") + cls.toUtf8() + '\n';
        }
        const QString aliceCsv = writeCsv(QStringLiteral("alice.csv"), alice);
        const QString bobCsv = writeCsv(QStringLiteral("bob.csv"), bob);
        const QString world = tc::test::fixture(QStringLiteral("world-small"));
        const auto newProject = [&](const QString &name) {
            const QString path = m_dir.filePath(name);
            const auto r = tc::test::runCli({QStringLiteral("new"), path, QStringLiteral("--tiny"),
                                             world + QStringLiteral("/tinyimages"), QStringLiteral("--catalog"),
                                             world + QStringLiteral("/keyword_counts.json")});
            return r.exitCode == 0 ? path : QString();
        };
        const auto cli = [](const QStringList &args) {
            const auto r = tc::test::runCli(args);
            if (r.exitCode != 0)
                qWarning() << args << r.err;
            return r;
        };
        const auto accepted = [&](const QString &project, const QString &cls) {
            const auto json =
                QJsonDocument::fromJson(cli({QStringLiteral("stats"), project, QStringLiteral("--json")}).out);
            for (const auto &c : json.object().value(QStringLiteral("classes")).toArray())
                if (c.toObject().value(QStringLiteral("class")).toString() == cls)
                    return c.toObject().value(QStringLiteral("accepted")).toInteger();
            return qint64(-1);
        };
        const QString p = newProject(QStringLiteral("world-p.tcproj"));
        QVERIFY(!p.isEmpty());
        QCOMPARE(cli({QStringLiteral("import-decisions"), p, QStringLiteral("--csv"), aliceCsv}).exitCode, 0);
        const qint64 airplanesBefore = accepted(p, QStringLiteral("airplane"));
        const auto bobImport = cli({QStringLiteral("import-decisions"), p, QStringLiteral("--csv"), bobCsv});
        QCOMPARE(bobImport.exitCode, 0);
        const qint64 airplanesAfter = accepted(p, QStringLiteral("airplane"));
        QVERIFY(airplanesAfter < airplanesBefore);
        // "... 0 became accepted, N no longer accepted (airplane -K, ...)" under the default rule.
        QVERIFY2(bobImport.out.contains("under the accept rule 'unanimous'"), bobImport.out.constData());
        QVERIFY2(bobImport.out.contains(QStringLiteral("airplane %1").arg(airplanesAfter - airplanesBefore).toUtf8()),
                 bobImport.out.constData());

        const QString a = m_dir.filePath(QStringLiteral("world-a.csv")),
                      b = m_dir.filePath(QStringLiteral("world-b.csv"));
        QCOMPARE(cli({QStringLiteral("export-decisions"), p, QStringLiteral("--csv"), a}).exitCode, 0);
        const QString q = newProject(QStringLiteral("world-q.tcproj"));
        QCOMPARE(cli({QStringLiteral("import-decisions"), q, QStringLiteral("--csv"), a}).exitCode, 0);
        QCOMPARE(cli({QStringLiteral("export-decisions"), q, QStringLiteral("--csv"), b}).exitCode, 0);
        QFile fa(a), fb(b);
        QVERIFY(fa.open(QIODevice::ReadOnly) && fb.open(QIODevice::ReadOnly));
        const QByteArray bytesA = fa.readAll();
        QCOMPARE(bytesA.count('\n'), 2 * (alice.count('\n') - 1) + 1);
        QVERIFY(bytesA == fb.readAll());
        for (const char *rule : {"latest", "unanimous", "majority", "adjudicated"}) {
            for (const QString &project : {p, q})
                QCOMPARE(cli({QStringLiteral("accept-rule"), project, QStringLiteral("--set"), QLatin1String(rule)})
                             .exitCode,
                         0);
            const QByteArray statsP = cli({QStringLiteral("stats"), p, QStringLiteral("--json")}).out;
            QVERIFY2(statsP.contains(QByteArray("\"accept_rule\": \"") + rule), statsP.left(200).constData());
            QVERIFY2(statsP == cli({QStringLiteral("stats"), q, QStringLiteral("--json")}).out, rule);
        }
    }
};

QTEST_GUILESS_MAIN(TestDecisionCsv)
#include "TestDecisionCsv.moc"
