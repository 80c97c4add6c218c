#include "ProjectFixture.h"
#include "core/project/Project.h"
#include "core/project/ProjectSchema.h"
#include "core/project/Statement.h"
#include "tests/support/TestSupport.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>

using namespace tc::core;

class TestProject : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString path(const QString &name) const { return m_dir.filePath(name); }

    static QList<qint64> allIds(Project &p, const CandidateFilter &f) { return p.candidateIds(f, 0, 1000000); }

private slots:
    void schemaLatestVersionWithEveryTable()
    {
        Project p;
        QVERIFY2(p.create(path("schema.tcproj")), qPrintable(p.errorString()));
        QCOMPARE(p.schemaVersion(), 5);
        QCOMPARE(ProjectSchema::latestVersion(), 5);
        QCOMPARE(Project::kSchemaVersion, 5);
        for (const char *table : {"meta", "classes", "keywords", "candidates", "decisions", "candidate_state",
                                  "final_state", "adjudication_state", "disputes", "reference_sets", "reference_images",
                                  "near_pairs", "pair_reviews", "exact_matches", "dedup_progress"}) {
            Statement q(p.database(),
                        QStringLiteral("SELECT count(*) FROM sqlite_master WHERE type='table' AND name=?1"));
            q.bind(1, QString::fromLatin1(table));
            QVERIFY(q.next());
            QVERIFY2(q.int64(0) == 1, table);
        }
        Statement mode(p.database(), QStringLiteral("PRAGMA journal_mode"));
        QVERIFY(mode.next());
        QCOMPARE(mode.text(0), QStringLiteral("wal"));
        QCOMPARE(p.database().queryInt(QStringLiteral("PRAGMA synchronous")), 2); // FULL
        QCOMPARE(p.targetPerClass(), 6000);
    }

    void createRefusesExistingFile()
    {
        QFile f(path("existing.tcproj"));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("something");
        f.close();
        Project p;
        QVERIFY(!p.create(f.fileName()));
        QVERIFY(p.errorString().contains(f.fileName()));
    }

    void refusesAnEmptyVersionZeroDatabase()
    {
        // An SQLite file at user_version 0 with nothing in it (what sqlite3 makes) is no project: it
        // is refused, not filled with a project's tables (TestProjectOpen has the other cases).
        const QString file = path("v0.tcproj");
        {
            Database db;
            QVERIFY(db.open(file));
            QVERIFY(db.exec(QStringLiteral("PRAGMA user_version=0")));
        }
        Project p;
        QVERIFY(!p.open(file));
        QCOMPARE(p.openFailure(), Project::OpenFailure::NotAProject);
        QVERIFY2(p.errorString().contains(QLatin1String("empty SQLite database")), qPrintable(p.errorString()));
        Database check;
        QVERIFY(check.open(file, Database::OpenMode::ReadOnly));
        QCOMPARE(check.queryInt(QStringLiteral("SELECT count(*) FROM sqlite_master")), 0);
    }

    void migratesVersionOneFileKeepingItsData()
    {
        // A file exactly as a version-1 build left it: the real version-1 migration, then rows
        // written through version 1's columns (no superclass).
        const QString file = path("v1.tcproj");
        {
            Database db;
            QVERIFY(db.open(file));
            ProjectSchema schema(db);
            QVERIFY2(schema.configure() && schema.migrate(1), qPrintable(schema.errorString()));
            QCOMPARE(db.queryInt(QStringLiteral("PRAGMA user_version")), 1);
            QCOMPARE(db.queryInt(QStringLiteral("SELECT count(*) FROM pragma_table_info('classes') "
                                                "WHERE name = 'superclass'")),
                     0);
            QVERIFY(db.exec(QStringLiteral(
                "INSERT INTO classes(id, name, label, target) VALUES (1, 'apple', 0, 500), (2, 'bus', 1, 600);"
                "INSERT INTO keywords(id, class_id, keyword, catalog_count) VALUES (1, 1, 'crab_apple', 3);"
                "INSERT INTO candidates(id, keyword_id, tiny_index, keyword_pos, pixels) "
                "VALUES (1, 1, 42, 0, zeroblob(3072));"
                "INSERT INTO decisions(candidate_id, annotator, verdict, created_at, batch) "
                "VALUES (1, 'alice', 1, 1700000000000, 1);"
                "INSERT INTO candidate_state VALUES (1, 'alice', 1, 1); INSERT INTO final_state VALUES (1, 1, 'alice', "
                "1);")));
        }
        {
            Project p;
            QVERIFY2(p.open(file), qPrintable(p.errorString()));
            QCOMPARE(p.schemaVersion(), 5);
            const auto classes = p.classes();
            QCOMPARE(classes.size(), 2);
            QCOMPARE(classes[0].name, QStringLiteral("apple"));
            QCOMPARE(classes[0].target, 500);
            QCOMPARE(classes[1].label, 1);
            QVERIFY(classes[0].superclass.isEmpty() && classes[1].superclass.isEmpty());
            QVERIFY(p.superclassProblem().isEmpty());
            QCOMPARE(p.finalVerdict(1), Verdict::Accept);
            QCOMPARE(p.keywords().first().candidates, 1);
            QVERIFY2(p.setSuperclass(classes[0].id, QStringLiteral("fruit_and_vegetables")),
                     qPrintable(p.errorString()));
        }
        Project p; // the migration and the new column's value persist
        QVERIFY(p.open(file));
        QCOMPARE(p.schemaVersion(), 5);
        QCOMPARE(p.classes()[0].superclass, QStringLiteral("fruit_and_vegetables"));
        // The column's CHECK keeps "none" as NULL only.
        QVERIFY(!p.database().exec(QStringLiteral("UPDATE classes SET superclass = '' WHERE id = 2")));
    }

    // A schema-3 file where two annotators disagree: its final_state held the latest decision
    // (bob's accept). Opened now, the final verdicts are re-derived under the default rule
    // (unanimous: the export's rule before schema 4), the conflict is counted, and the rule can be
    // set back to latest to get schema 3's statistics.
    void schema3FileIsDerivedUnderTheDefaultRule()
    {
        const QString file = path("v3.tcproj");
        {
            Database db;
            QVERIFY(db.open(file));
            ProjectSchema schema(db);
            QVERIFY2(schema.configure() && schema.migrate(3), qPrintable(schema.errorString()));
            QVERIFY(db.exec(QStringLiteral(
                "INSERT INTO classes(id, name, label, target) VALUES (1, 'apple', 0, 500);"
                "INSERT INTO keywords(id, class_id, keyword, catalog_count) VALUES (1, 1, 'crab_apple', 3);"
                "INSERT INTO candidates(id, keyword_id, tiny_index, keyword_pos, pixels) VALUES "
                "(1, 1, 42, 0, zeroblob(3072)), (2, 1, 43, 1, zeroblob(3072));"
                "INSERT INTO decisions(candidate_id, annotator, verdict, created_at, batch) VALUES "
                "(1, 'alice', 2, 1700000000000, 1), (1, 'bob', 1, 1700000001000, 2), (2, 'alice', 1, 1700000002000, 3);"
                "INSERT INTO candidate_state VALUES (1, 'alice', 2, 1), (1, 'bob', 1, 2), (2, 'alice', 1, 3);"
                "INSERT INTO final_state VALUES (1, 1, 'bob', 2), (2, 1, 'alice', 3);")));
        }
        Project p;
        QVERIFY2(p.open(file), qPrintable(p.errorString()));
        QCOMPARE(p.schemaVersion(), 5);
        QCOMPARE(p.acceptRule(), AcceptRule::Unanimous);
        QCOMPARE(p.finalVerdict(1), Verdict::Reject);
        QCOMPARE(p.finalVerdict(2), Verdict::Accept);
        QCOMPARE(p.classStats()[0].accepted, 1);
        QCOMPARE(p.classStats()[0].conflicts, 1);
        QCOMPARE(p.disputes().size(), 1);
        FinalShift shift;
        QVERIFY(p.setAcceptRule(AcceptRule::Latest, &shift));
        QCOMPARE(shift.becameAccepted, 1);
        QCOMPARE(p.finalVerdict(1), Verdict::Accept);
        QCOMPARE(p.classStats()[0].accepted, 2);
    }

    void annotatorNames_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("problem"); // empty: accepted
        QTest::newRow("plain") << QStringLiteral("alice") << QString();
        QTest::newRow("accents and comma") << QStringLiteral("Jos\u00e9, Jr.") << QString();
        QTest::newRow("empty") << QString() << QStringLiteral("empty");
        QTest::newRow("spaces") << QStringLiteral(" bob") << QStringLiteral("leading or trailing");
        QTest::newRow("newline") << QStringLiteral("bob\nsmith") << QStringLiteral("control character (U+000A)");
        QTest::newRow("replacement char") << QStringLiteral("Jos\ufffd") << QStringLiteral("not valid UTF-8");
        QTest::newRow("too long") << QString(201, u'x') << QStringLiteral("longer than 200");
    }

    void annotatorNames()
    {
        QFETCH(QString, name);
        QFETCH(QString, problem);
        QCOMPARE(annotatorNameProblem(name).isEmpty(), problem.isEmpty());
        QVERIFY2(annotatorNameProblem(name).contains(problem), qPrintable(annotatorNameProblem(name)));
        Project p;
        QVERIFY(tc::test::makeFixtureProject(p, path(QStringLiteral("names-%1.tcproj").arg(QTest::currentDataTag()))));
        QCOMPARE(p.recordDecision(1, Verdict::Accept, name), problem.isEmpty());
        QCOMPARE(p.adjudicate(1, Verdict::Accept, name), problem.isEmpty());
    }

    void undoDecisionsTakesOneAtATime()
    {
        Project p;
        QVERIFY(tc::test::makeFixtureProject(p, path("undo-count.tcproj")));
        QVERIFY(p.recordDecisions({{1, Verdict::Accept}, {2, Verdict::Accept}, {3, Verdict::Reject}},
                                  QStringLiteral("a"))); // one grid page
        QVERIFY(p.adjudicate(4, Verdict::Accept, QStringLiteral("a")));
        const auto one = p.undoDecisions(QStringLiteral("a"), 1);
        QCOMPARE(one.size(), 1);
        QVERIFY(one.first().adjudication);
        QCOMPARE(p.finalVerdict(4), Verdict::None);
        const auto two = p.undoDecisions(QStringLiteral("a"), 2); // part of the page, newest first
        QCOMPARE(two.size(), 2);
        QCOMPARE(two[0].candidateId, 3);
        QCOMPARE(two[1].candidateId, 2);
        QCOMPARE(p.verdict(1, QStringLiteral("a")), Verdict::Accept);
        QCOMPARE(p.undoDecisions(QStringLiteral("a"), 5).size(), 1);
        QVERIFY(p.undoDecisions(QStringLiteral("a"), 5).isEmpty());
        QVERIFY(p.undoDecisions(QStringLiteral("a"), 0).isEmpty());
        QVERIFY(!p.errorString().isEmpty());
    }

    void superclassesSetClearAndCheck()
    {
        Project p;
        QVERIFY(tc::test::makeFixtureProject(p, path("super.tcproj")));
        const auto cat = p.classByName(QStringLiteral("cat")), dog = p.classByName(QStringLiteral("dog"));
        QVERIFY(cat && dog);
        QVERIFY(cat->superclass.isEmpty());
        QVERIFY(p.superclassProblem().isEmpty()); // none: a CIFAR-10 style project
        QSignalSpy changed(&p, &Project::contentsChanged);
        QVERIFY(p.setSuperclass(cat->id, QStringLiteral("mammal")));
        QCOMPARE(changed.count(), 1);
        QCOMPARE(p.classByName(QStringLiteral("cat"))->superclass, QStringLiteral("mammal"));
        QString problem = p.superclassProblem();
        QVERIFY2(problem.contains(QLatin1String("1 of 2")) && problem.contains(QLatin1String("dog")) &&
                     !problem.contains(QLatin1String("cat")),
                 qPrintable(problem));
        QVERIFY(p.setSuperclasses({{QStringLiteral("dog"), QStringLiteral("  canine ")}}));
        QCOMPARE(p.classByName(QStringLiteral("dog"))->superclass, QStringLiteral("canine")); // trimmed
        QVERIFY(p.superclassProblem().isEmpty());
        // All or nothing: an unknown class fails the whole map and names the class.
        QVERIFY(!p.setSuperclasses(
            {{QStringLiteral("dog"), QStringLiteral("x")}, {QStringLiteral("cow"), QStringLiteral("y")}}));
        QVERIFY2(p.errorString().contains(QLatin1String("'cow'")), qPrintable(p.errorString()));
        QCOMPARE(p.classByName(QStringLiteral("dog"))->superclass, QStringLiteral("canine"));
        QVERIFY(!p.setSuperclass(999, QStringLiteral("x")));
        // Whitespace-only clears, like empty.
        QVERIFY(p.setSuperclass(cat->id, QStringLiteral("   ")));
        QVERIFY(p.classByName(QStringLiteral("cat"))->superclass.isEmpty());
        problem = p.superclassProblem();
        QVERIFY2(problem.contains(QLatin1String("cat")) && !problem.contains(QLatin1String("dog")),
                 qPrintable(problem));
        QCOMPARE(p.database().queryInt(QStringLiteral("SELECT count(*) FROM classes WHERE superclass IS NULL")), 1);
        // A catalog naming a superclass sets it; one that names none leaves the existing one.
        CatalogClass cat2{QStringLiteral("cat"), {{QStringLiteral("tabby"), 3}}};
        cat2.superclass = QStringLiteral("feline");
        QVERIFY(p.defineCatalog({cat2, {QStringLiteral("dog"), {{QStringLiteral("puppy"), 2}}}}));
        QCOMPARE(p.classByName(QStringLiteral("cat"))->superclass, QStringLiteral("feline"));
        QCOMPARE(p.classByName(QStringLiteral("dog"))->superclass, QStringLiteral("canine"));
    }

    void refusesNewerAndForeignFiles()
    {
        const QString newer = path("newer.tcproj");
        {
            Project p;
            QVERIFY(p.create(newer));
            QVERIFY(p.database().exec(QStringLiteral("PRAGMA user_version=99")));
        }
        Project p;
        QVERIFY(!p.open(newer));
        QVERIFY2(p.errorString().contains(newer) && p.errorString().contains(QLatin1String("newer")),
                 qPrintable(p.errorString()));

        const QString garbage = path("garbage.tcproj");
        QFile f(garbage);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(8192, 'x'));
        f.close();
        QVERIFY(!p.open(garbage));
        QVERIFY2(p.errorString().contains(garbage), qPrintable(p.errorString()));

        const QString foreign = path("foreign.db");
        {
            Database db;
            QVERIFY(db.open(foreign));
            QVERIFY(db.exec(QStringLiteral("CREATE TABLE meta(x); PRAGMA user_version=0")));
        }
        QVERIFY(!p.open(foreign));
        QVERIFY2(p.errorString().contains(foreign), qPrintable(p.errorString()));
    }

    void catalogClassesKeywordsAndCounts()
    {
        Project p;
        QVERIFY(tc::test::makeFixtureProject(p, path("catalog.tcproj")));
        const auto classes = p.classes();
        QCOMPARE(classes.size(), 2);
        QCOMPARE(classes[0].name, QStringLiteral("cat"));
        QCOMPARE(classes[0].label, 0);
        QCOMPARE(classes[1].label, 1);
        const auto kws = p.keywords();
        QCOMPARE(kws.size(), 4);
        QCOMPARE(kws[0].keyword, QStringLiteral("tabby"));
        QCOMPARE(kws[0].candidates, 4);
        QCOMPARE(kws[3].keyword, QStringLiteral("hound"));
        QVERIFY(kws[3].absent);
        QCOMPARE(p.keywords(classes[1].id).size(), 2);
        // Re-defining keeps ids and updates counts.
        QVERIFY(p.defineCatalog({{QStringLiteral("cat"), {{QStringLiteral("tabby"), 5}}}}));
        QCOMPARE(p.keyword(kws[0].id)->catalogCount, 5);
        QCOMPARE(p.classes().size(), 2);
    }

    void decisionsAndUndoPersistAcrossReopen()
    {
        const QString file = path("decisions.tcproj");
        {
            Project p;
            QVERIFY(tc::test::makeFixtureProject(p, file));
            QSignalSpy spy(&p, &Project::decisionsChanged);
            QVERIFY(p.recordDecision(1, Verdict::Accept, QStringLiteral("alice")));
            QVERIFY(p.recordDecision(2, Verdict::Reject, QStringLiteral("alice")));
            QVERIFY(p.recordDecision(3, Verdict::Unsure, QStringLiteral("alice")));
            QVERIFY(p.recordDecision(1, Verdict::Reject, QStringLiteral("alice"))); // changed her mind
            QCOMPARE(spy.count(), 4);
            QVERIFY(!p.recordDecision(999, Verdict::Accept, QStringLiteral("alice")));
            QVERIFY(!p.recordDecision(1, Verdict::None, QStringLiteral("alice")));
            QVERIFY(!p.recordDecision(1, Verdict::Accept, QString()));
        }
        {
            Project p;
            QVERIFY(p.open(file));
            QCOMPARE(p.verdict(1, QStringLiteral("alice")), Verdict::Reject);
            QCOMPARE(p.verdict(3, QStringLiteral("alice")), Verdict::Unsure);
            QCOMPARE(p.undo(QStringLiteral("alice")), QList<qint64>{1});
            QCOMPARE(p.verdict(1, QStringLiteral("alice")), Verdict::Accept); // the earlier verdict is back
        }
        Project p;
        QVERIFY(p.open(file));
        QCOMPARE(p.verdict(1, QStringLiteral("alice")), Verdict::Accept);
        QCOMPARE(p.undo(QStringLiteral("alice")), QList<qint64>{3});
        QCOMPARE(p.undo(QStringLiteral("alice")), QList<qint64>{2});
        QCOMPARE(p.undo(QStringLiteral("alice")), QList<qint64>{1});
        QCOMPARE(p.verdict(1, QStringLiteral("alice")), Verdict::None);
        QVERIFY(p.undo(QStringLiteral("alice")).isEmpty());
        QVERIFY(p.errorString().isEmpty());
        // Nothing was deleted: 4 decisions + 4 undo entries.
        QCOMPARE(p.database().queryInt(QStringLiteral("SELECT count(*) FROM decisions")), 8);
        QCOMPARE(p.database().queryInt(QStringLiteral("SELECT count(*) FROM decisions WHERE verdict = 0")), 4);
        QCOMPARE(p.database().queryInt(QStringLiteral("SELECT count(*) FROM candidate_state")), 0);
    }

    void decisionLogIsAppendOnly()
    {
        Project p;
        QVERIFY(tc::test::makeFixtureProject(p, path("appendonly.tcproj")));
        QVERIFY(p.recordDecision(1, Verdict::Accept, QStringLiteral("alice")));
        QVERIFY(!p.database().exec(QStringLiteral("DELETE FROM decisions")));
        QVERIFY(p.database().errorString().contains(QLatin1String("append-only")));
        QVERIFY(!p.database().exec(QStringLiteral("UPDATE decisions SET verdict = 2")));
        QCOMPARE(p.verdict(1, QStringLiteral("alice")), Verdict::Accept);
    }

    void gridBatchIsOneTransactionAndOneUndo()
    {
        Project p;
        QVERIFY(tc::test::makeFixtureProject(p, path("batch.tcproj")));
        QVERIFY(p.recordDecision(9, Verdict::Accept, QStringLiteral("bob")));
        const QList<DecisionInput> page = {{1, Verdict::Accept}, {2, Verdict::Reject}, {3, Verdict::Accept}};
        QVERIFY(p.recordDecisions(page, QStringLiteral("bob"), QStringLiteral("grid")));
        // A bad entry rolls the whole page back.
        QVERIFY(!p.recordDecisions({{4, Verdict::Accept}, {12345, Verdict::Accept}}, QStringLiteral("bob")));
        QCOMPARE(p.verdict(4, QStringLiteral("bob")), Verdict::None);
        QCOMPARE(p.undo(QStringLiteral("bob")), (QList<qint64>{1, 2, 3}));
        QCOMPARE(p.verdict(2, QStringLiteral("bob")), Verdict::None);
        QCOMPARE(p.verdict(9, QStringLiteral("bob")), Verdict::Accept);
        QCOMPARE(p.history(QStringLiteral("bob"), 10).first().viewMode, QStringLiteral("undo"));
    }

    void finalVerdictIsTheLatestOfAnyAnnotator()
    {
        Project p;
        QVERIFY(tc::test::makeFixtureProject(p, path("final.tcproj")));
        QVERIFY(p.recordDecision(1, Verdict::Accept, QStringLiteral("alice")));
        QVERIFY(p.recordDecision(1, Verdict::Reject, QStringLiteral("bob")));
        QCOMPARE(p.finalVerdict(1), Verdict::Reject);
        QVERIFY(!p.undo(QStringLiteral("bob")).isEmpty());
        QCOMPARE(p.finalVerdict(1), Verdict::Accept);
        QCOMPARE(p.annotators(), (QStringList{QStringLiteral("alice"), QStringLiteral("bob")}));
    }

    void filters_data()
    {
        QTest::addColumn<qint64>("classId");
        QTest::addColumn<qint64>("keywordId");
        QTest::addColumn<int>("verdict");
        QTest::addColumn<QString>("annotator");
        QTest::addColumn<QList<qint64>>("expected");
        // Decisions made in filters(): alice accepts 1, 7; rejects 2; unsure 5. bob rejects 1.
        QTest::newRow("all") << qint64(0) << qint64(0) << int(VerdictFilter::Any) << QString()
                             << QList<qint64>{1, 2, 3, 4, 5, 6, 7, 8, 9};
        QTest::newRow("class dog") << qint64(2) << qint64(0) << int(VerdictFilter::Any) << QString()
                                   << QList<qint64>{7, 8, 9};
        QTest::newRow("keyword kitty") << qint64(0) << qint64(2) << int(VerdictFilter::Any) << QString()
                                       << QList<qint64>{5, 6};
        QTest::newRow("alice undecided") << qint64(0) << qint64(0) << int(VerdictFilter::Undecided)
                                         << QStringLiteral("alice") << QList<qint64>{3, 4, 6, 8, 9};
        QTest::newRow("alice accepted") << qint64(0) << qint64(0) << int(VerdictFilter::Accepted)
                                        << QStringLiteral("alice") << QList<qint64>{1, 7};
        QTest::newRow("alice accepted cat")
            << qint64(1) << qint64(0) << int(VerdictFilter::Accepted) << QStringLiteral("alice") << QList<qint64>{1};
        QTest::newRow("alice rejected") << qint64(0) << qint64(0) << int(VerdictFilter::Rejected)
                                        << QStringLiteral("alice") << QList<qint64>{2};
        QTest::newRow("alice unsure") << qint64(0) << qint64(0) << int(VerdictFilter::Unsure) << QStringLiteral("alice")
                                      << QList<qint64>{5};
        QTest::newRow("bob decided") << qint64(0) << qint64(0) << int(VerdictFilter::Decided) << QStringLiteral("bob")
                                     << QList<qint64>{1};
        QTest::newRow("final rejected") << qint64(0) << qint64(0) << int(VerdictFilter::Rejected) << QString()
                                        << QList<qint64>{1, 2};
        QTest::newRow("final undecided tabby")
            << qint64(0) << qint64(1) << int(VerdictFilter::Undecided) << QString() << QList<qint64>{3, 4};
    }

    void filters()
    {
        QFETCH(qint64, classId);
        QFETCH(qint64, keywordId);
        QFETCH(int, verdict);
        QFETCH(QString, annotator);
        QFETCH(QList<qint64>, expected);
        Project p;
        QVERIFY(
            tc::test::makeFixtureProject(p, path(QStringLiteral("filters-%1.tcproj").arg(QTest::currentDataTag()))));
        QVERIFY(
            p.recordDecisions({{1, Verdict::Accept}, {7, Verdict::Accept}, {2, Verdict::Reject}, {5, Verdict::Unsure}},
                              QStringLiteral("alice")));
        QVERIFY(p.recordDecision(1, Verdict::Reject, QStringLiteral("bob")));
        const CandidateFilter f{classId, keywordId, VerdictFilter(verdict), annotator};
        QCOMPARE(allIds(p, f), expected);
        QCOMPARE(p.candidateCount(f), qint64(expected.size()));
        // Keyset pages of 2 give the same sequence, and rowOf() agrees with it.
        QList<qint64> paged;
        for (auto page = p.candidateIds(f, 0, 2); !page.isEmpty(); page = p.candidateIds(f, page.last(), 2))
            paged += page;
        QCOMPARE(paged, expected);
        for (int i = 0; i < expected.size(); ++i)
            QCOMPARE(p.rowOf(f, expected[i]), qint64(i));
    }

    void resumeWhereTheAnnotatorStopped()
    {
        const QString file = path("resume.tcproj");
        {
            Project p;
            QVERIFY(tc::test::makeFixtureProject(p, file));
            QCOMPARE(p.resumeCandidate(QStringLiteral("alice")), std::optional<qint64>(1));
            QVERIFY(p.recordDecision(1, Verdict::Accept, QStringLiteral("alice")));
            QVERIFY(p.recordDecision(2, Verdict::Accept, QStringLiteral("alice")));
            QVERIFY(p.recordDecision(5, Verdict::Reject, QStringLiteral("alice"))); // jumped to kitty
        }
        Project p;
        QVERIFY(p.open(file));
        QCOMPARE(p.resumeCandidate(QStringLiteral("alice")), std::optional<qint64>(6));
        // In the tabby filter her last decision (5) is not there: the first undecided tabby.
        QCOMPARE(p.resumeCandidate(QStringLiteral("alice"), {0, 1, VerdictFilter::Any, {}}), std::optional<qint64>(3));
        QCOMPARE(p.resumeCandidate(QStringLiteral("bob")), std::optional<qint64>(1));
        QVERIFY(!p.undo(QStringLiteral("alice")).isEmpty());
        QCOMPARE(p.resumeCandidate(QStringLiteral("alice")), std::optional<qint64>(3));
        // Everything decided: stay on the last decided candidate.
        QVERIFY(p.recordDecisions({{3, Verdict::Accept},
                                   {4, Verdict::Accept},
                                   {5, Verdict::Accept},
                                   {6, Verdict::Accept},
                                   {7, Verdict::Accept},
                                   {8, Verdict::Accept},
                                   {9, Verdict::Reject}},
                                  QStringLiteral("alice")));
        QCOMPARE(p.resumeCandidate(QStringLiteral("alice")), std::optional<qint64>(9));
        QCOMPARE(p.resumeCandidate(QStringLiteral("alice"), {0, 0, VerdictFilter::Rejected, QStringLiteral("alice")}),
                 std::optional<qint64>(9));
    }

    void quotasSumToTargetAndSkipAbsentKeywords()
    {
        Project p;
        QVERIFY(tc::test::makeFixtureProject(p, path("quotas.tcproj")));
        QVERIFY(p.setTargetPerClass(10));
        const auto q = p.keywordQuotas();
        // cat: tabby 3, kitty 1 of 10 -> 7.5 / 2.5; tie on remainders goes to the larger count.
        QCOMPARE(q.value(1), 8);
        QCOMPARE(q.value(2), 2);
        // dog: hound is absent, so puppy takes the whole target.
        QCOMPARE(q.value(3), 10);
        QCOMPARE(q.value(4), 0);
        QVERIFY(p.setClassTarget(1, 7));
        const auto q7 = p.keywordQuotas();
        QCOMPARE(q7.value(1) + q7.value(2), 7);
        const auto classes = p.classStats();
        QCOMPARE(classes[0].quota, 7);
        QCOMPARE(classes[1].quota, 10);
    }

    void statsCountFinalOrPerAnnotator()
    {
        Project p;
        QVERIFY(tc::test::makeFixtureProject(p, path("stats.tcproj")));
        QVERIFY(
            p.recordDecisions({{1, Verdict::Accept}, {2, Verdict::Reject}, {3, Verdict::Unsure}}, QStringLiteral("a")));
        QVERIFY(p.recordDecision(2, Verdict::Accept, QStringLiteral("b")));
        // Candidate 2: a rejects, b accepts. Under the default rule (unanimous) it is rejected, a
        // conflict; under latest, b's accept counts.
        const auto finals = p.keywordStats();
        QCOMPARE(finals[0].candidates, 4);
        QCOMPARE(finals[0].decided, 3);
        QCOMPARE(finals[0].accepted, 1);
        QCOMPARE(finals[0].rejected, 1);
        QCOMPARE(finals[0].unsure, 1);
        QCOMPARE(finals[0].conflicts, 1);
        QCOMPARE(finals[0].awaiting, 0);
        QVERIFY(p.setAcceptRule(AcceptRule::Latest));
        QCOMPARE(p.keywordStats()[0].accepted, 2);
        QCOMPARE(p.keywordStats()[0].rejected, 0);
        QVERIFY(p.setAcceptRule(AcceptRule::Adjudicated));
        QCOMPARE(p.keywordStats()[0].decided, 2);
        QCOMPARE(p.keywordStats()[0].awaiting, 1);
        const auto mine = p.keywordStats(QStringLiteral("a"));
        QCOMPARE(mine[0].accepted, 1);
        QCOMPARE(mine[0].rejected, 1);
        QCOMPARE(p.classStats()[0].candidates, 6);
    }

    void suggestsTheKeywordFurthestBehindItsQuota()
    {
        Project p;
        QVERIFY(tc::test::makeFixtureProject(p, path("suggest.tcproj")));
        QVERIFY(p.setTargetPerClass(4));                               // cat: tabby 3, kitty 1; dog: puppy 4
        QCOMPARE(p.nextSuggestedKeyword(1), std::optional<qint64>(1)); // both at 0: larger quota first
        QVERIFY(p.recordDecision(1, Verdict::Accept, QStringLiteral("a")));
        QCOMPARE(p.nextSuggestedKeyword(1), std::optional<qint64>(2)); // tabby 1/3, kitty 0/1
        QVERIFY(p.recordDecision(5, Verdict::Accept, QStringLiteral("a")));
        QCOMPARE(p.nextSuggestedKeyword(1), std::optional<qint64>(1)); // kitty's quota is met
        QCOMPARE(p.nextSuggestedKeyword(0), std::optional<qint64>(3)); // puppy 0/4 overall
        // Rejections do not fill a quota, but a keyword with nothing left to decide is skipped.
        QVERIFY(
            p.recordDecisions({{7, Verdict::Reject}, {8, Verdict::Reject}, {9, Verdict::Reject}}, QStringLiteral("a")));
        QCOMPARE(p.nextSuggestedKeyword(2, QStringLiteral("a")), std::nullopt);
        QCOMPARE(p.nextSuggestedKeyword(2, QStringLiteral("b")), std::optional<qint64>(3));
    }

    void kappaAndConflictsOfTwoAnnotators()
    {
        Project p;
        QVERIFY(tc::test::makeFixtureProject(p, path("kappa.tcproj")));
        // 9 shared candidates. A\B       accept reject unsure
        //                    accept        3      1      0
        //                    reject        1      3      0
        //                    unsure        0      0      1
        const Verdict A = Verdict::Accept, R = Verdict::Reject, U = Verdict::Unsure;
        const QList<std::pair<Verdict, Verdict>> pairs = {{A, A}, {A, A}, {A, A}, {A, R}, {R, A},
                                                          {R, R}, {R, R}, {R, R}, {U, U}};
        QList<DecisionInput> a, b;
        for (int i = 0; i < pairs.size(); ++i) {
            a.append({qint64(i + 1), pairs[i].first});
            b.append({qint64(i + 1), pairs[i].second});
        }
        QVERIFY(p.recordDecisions(a, QStringLiteral("ann")));
        QVERIFY(p.recordDecisions(b, QStringLiteral("ben")));
        // Hand arithmetic: p_o = 7/9; marginals A (4,4,1), B (4,4,1):
        // p_e = (16 + 16 + 1) / 81 = 33/81; kappa = (63/81 - 33/81) / (48/81) = 30/48 = 0.625.
        const auto rows = p.agreement(QStringLiteral("ann"), QStringLiteral("ben"));
        const Agreement overall = rows.last();
        QCOMPARE(overall.classId, 0);
        QCOMPARE(overall.shared, 9);
        QCOMPARE(overall.agreed, 7);
        QVERIFY(std::abs(overall.kappa - 0.625) < 1e-12);
        // Keyword tabby (ids 1-4): pairs AA AA AA AR: p_o 3/4, A (4,0,0) B (3,1,0): p_e = 12/16 -> kappa 0.
        const auto tabby = std::find_if(rows.begin(), rows.end(), [](const Agreement &r) { return r.keywordId == 1; });
        QVERIFY(tabby != rows.end());
        QCOMPARE(tabby->shared, 4);
        QVERIFY(std::abs(tabby->kappa - 0.0) < 1e-12);
        // Keyword kitty (5, 6): RA RR -> p_o 1/2, A (0,2,0), B (1,1,0): p_e = 2/4 -> kappa 0.
        const auto conflicts = p.conflicts(QStringLiteral("ann"), QStringLiteral("ben"));
        QCOMPARE(conflicts.size(), 2);
        QCOMPARE(conflicts[0].candidateId, 4);
        QCOMPARE(conflicts[0].verdictA, Verdict::Accept);
        QCOMPARE(conflicts[0].verdictB, Verdict::Reject);
        QCOMPARE(conflicts[1].candidateId, 5);
        QCOMPARE(conflicts[1].tinyIndex, 1004);
    }

    void pixelsRoundTrip()
    {
        Project p;
        QVERIFY(tc::test::makeFixtureProject(p, path("pixels.tcproj")));
        QCOMPARE(p.pixels(7), tc::test::fixturePixels(1006));
        std::uint8_t buffer[3072];
        QVERIFY(p.pixels(7, buffer));
        QCOMPARE(QByteArray(reinterpret_cast<const char *>(buffer), 3072), tc::test::fixturePixels(1006));
        QVERIFY(p.pixels(4242).isEmpty());
        const auto c = p.candidate(7);
        QVERIFY(c);
        QCOMPARE(c->keyword, QStringLiteral("puppy"));
        QCOMPARE(c->className, QStringLiteral("dog"));
        QCOMPARE(c->tinyIndex, 1006);
        QCOMPARE(p.candidatesByTinyIndex(1006), QList<qint64>{7});
    }

    void settings()
    {
        const QString file = path("settings.tcproj");
        {
            Project p;
            QVERIFY(p.create(file));
            QVERIFY(p.setSetting(QStringLiteral("ssim_threshold"), QStringLiteral("0.9")));
            QVERIFY(!p.setTargetPerClass(0));
        }
        Project p;
        QVERIFY(p.open(file));
        QCOMPARE(p.setting(QStringLiteral("ssim_threshold")), QStringLiteral("0.9"));
        QCOMPARE(p.setting(QStringLiteral("nope"), QStringLiteral("dflt")), QStringLiteral("dflt"));
    }
};

QTEST_GUILESS_MAIN(TestProject)
#include "TestProject.moc"
