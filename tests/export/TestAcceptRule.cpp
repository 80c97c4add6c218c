#include "core/export/ExportSettings.h"
#include "core/export/ExportSource.h"
#include "core/project/AcceptRule.h"
#include "core/project/Project.h"
#include "tests/project/ProjectFixture.h"

#include <QTemporaryDir>
#include <QTest>

using namespace tc::core;

// The project's accept rule (core/project/AcceptRule.h) is THE definition of "accepted": the
// export, the final verdicts, the statistics, the quotas' counts and the Verify filters must all
// give the same accepted set under each rule. Each row is a decision history on the fixture
// project's candidates 1..9, made through the Project API (so undo is the real undo), and the
// accepted set each rule must give, worked out by hand from AcceptRule.h's documentation:
//   latest:      the latest effective vote of any annotator is an accept;
//   unanimous:   every current vote is accept (the export's no-objection before schema 4);
//   majority:    more accepts than rejects + unsures, ties excluded;
//   adjudicated: every current vote is accept; a disagreement has no final verdict until settled;
// and under every rule a standing adjudication decides.
// An undo cancels the annotator's latest batch; the annotator's verdict is then the one before.
class TestAcceptRule final : public QObject {
    Q_OBJECT
private slots:
    void acceptedSets_data();
    void acceptedSets();
    void deriveFinalTable_data();
    void deriveFinalTable();
    void ruleNamesRoundTrip();
    void ruleIsStoredAndExportRefusesAnotherExpectedRule();
};

using Ids = QList<qint64>;
Q_DECLARE_METATYPE(Ids)

static QString idList(const Ids &ids)
{
    QStringList s;
    for (qint64 id : ids)
        s << QString::number(id);
    return s.join(QLatin1Char(','));
}

void TestAcceptRule::acceptedSets_data()
{
    // History: steps separated by ';'. "NAME accept|reject|unsure ID[,ID...]" records one batch (a
    // grid page when several ids); "NAME undo" undoes NAME's latest batch; "NAME settle accept|reject
    // ID" adjudicates; "NAME unsettle" undoes NAME's latest adjudication.
    QTest::addColumn<QString>("history");
    QTest::addColumn<Ids>("latest");
    QTest::addColumn<Ids>("unanimous");
    QTest::addColumn<Ids>("majority");
    QTest::addColumn<Ids>("adjudicated");

    QTest::newRow("nothing decided") << "" << Ids{} << Ids{} << Ids{} << Ids{};
    QTest::newRow("one accept") << "a accept 1" << Ids{1} << Ids{1} << Ids{1} << Ids{1};
    QTest::newRow("one reject") << "a reject 1" << Ids{} << Ids{} << Ids{} << Ids{};
    QTest::newRow("one unsure") << "a unsure 1" << Ids{} << Ids{} << Ids{} << Ids{};
    QTest::newRow("changed own mind to reject") << "a accept 1; a reject 1" << Ids{} << Ids{} << Ids{} << Ids{};
    QTest::newRow("changed own mind to accept") << "a reject 1; a accept 1" << Ids{1} << Ids{1} << Ids{1} << Ids{1};
    // 1 accept vs 1 reject: a tie for majority; the reject is the latest.
    QTest::newRow("accept then other rejects") << "a accept 1; b reject 1" << Ids{} << Ids{} << Ids{} << Ids{};
    // Same votes, but the accept is the latest decision.
    QTest::newRow("reject then other accepts") << "a reject 1; b accept 1" << Ids{1} << Ids{} << Ids{} << Ids{};
    QTest::newRow("two accepts then unsure")
        << "a accept 1; b accept 1; c unsure 1" << Ids{} << Ids{} << Ids{1} << Ids{};
    QTest::newRow("reject then two accepts")
        << "c reject 1; a accept 1; b accept 1" << Ids{1} << Ids{} << Ids{1} << Ids{};
    QTest::newRow("2 accepts vs reject + unsure")
        << "a accept 1; b accept 1; c reject 1; d unsure 1" << Ids{} << Ids{} << Ids{} << Ids{};
    QTest::newRow("3 accepts vs reject + unsure")
        << "a accept 1; b accept 1; c accept 1; d reject 1; e unsure 1" << Ids{} << Ids{} << Ids{1} << Ids{};
    QTest::newRow("objection undone") << "a accept 1; b reject 1; b undo" << Ids{1} << Ids{1} << Ids{1} << Ids{1};
    QTest::newRow("only accept undone") << "a accept 1; a undo" << Ids{} << Ids{} << Ids{} << Ids{};
    QTest::newRow("undo restores earlier reject")
        << "a reject 1; a accept 1; a undo" << Ids{} << Ids{} << Ids{} << Ids{};
    QTest::newRow("undo cancels only own decision")
        << "a accept 1; b reject 1; a undo" << Ids{} << Ids{} << Ids{} << Ids{};
    // b's reject is current again after the undo, older than a's accept: a's accept is the latest.
    QTest::newRow("undo makes other annotator latest")
        << "b reject 1; a accept 1; b unsure 1; b undo" << Ids{1} << Ids{} << Ids{} << Ids{};
    QTest::newRow("undone change of mind")
        << "a accept 1; b reject 1; b accept 1; b undo" << Ids{} << Ids{} << Ids{} << Ids{};
    QTest::newRow("grid page undone") << "a accept 1,2; a accept 3,4; a undo" << Ids{1, 2} << Ids{1, 2} << Ids{1, 2}
                                      << Ids{1, 2};
    QTest::newRow("two undos") << "a accept 1,2; a accept 3; a reject 2; a undo; a undo" << Ids{1, 2} << Ids{1, 2}
                               << Ids{1, 2} << Ids{1, 2};
    QTest::newRow("mixed candidates")
        << "a accept 1,2,3,4,6; b reject 2; c unsure 3; b accept 4; b reject 5; b unsure 6; b undo" << Ids{1, 4, 6}
        << Ids{1, 4, 6} << Ids{1, 4, 6} << Ids{1, 4, 6};
    // Across classes (candidates 7-9 are dog/puppy): rules apply per candidate. 9: c's unsure was
    // replaced by c's accept, so all three accept.
    QTest::newRow("other class") << "a accept 7,8,9; b reject 8; b accept 9; c unsure 9; c accept 9" << Ids{7, 9}
                                 << Ids{7, 9} << Ids{7, 9} << Ids{7, 9};
    QTest::newRow("majority vs latest")
        << "a accept 5; b accept 5; c accept 5; d reject 5; a accept 6; b reject 6; c reject 6; d accept 6" << Ids{6}
        << Ids{} << Ids{5} << Ids{};
    // Adjudications decide under every rule while they stand.
    QTest::newRow("settled accept") << "a accept 1; b reject 1; z settle accept 1" << Ids{1} << Ids{1} << Ids{1}
                                    << Ids{1};
    QTest::newRow("settled reject of an agreed accept")
        << "a accept 1; b accept 1; z settle reject 1" << Ids{} << Ids{} << Ids{} << Ids{};
    // A later vote does not override a standing adjudication, not even under latest.
    QTest::newRow("vote after settlement")
        << "a accept 1; b reject 1; z settle accept 1; b reject 1" << Ids{1} << Ids{1} << Ids{1} << Ids{1};
    QTest::newRow("settlement undone") << "a reject 1; b accept 1; z settle reject 1; z unsettle" << Ids{1} << Ids{}
                                       << Ids{} << Ids{};
    // Two curators: the later adjudication stands; undoing it brings back the earlier one.
    QTest::newRow("second curator") << "a accept 1; b reject 1; y settle reject 1; z settle accept 1" << Ids{1}
                                    << Ids{1} << Ids{1} << Ids{1};
    QTest::newRow("second curator undone") << "a accept 1; b reject 1; y settle reject 1; z settle accept 1; z unsettle"
                                           << Ids{} << Ids{} << Ids{} << Ids{};
}

void TestAcceptRule::acceptedSets()
{
    QFETCH(QString, history);
    QFETCH(Ids, latest);
    QFETCH(Ids, unanimous);
    QFETCH(Ids, majority);
    QFETCH(Ids, adjudicated);

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    Project project;
    QVERIFY2(tc::test::makeFixtureProject(project, dir.filePath(QStringLiteral("rules.tcproj"))),
             qPrintable(project.errorString()));
    for (const QString &step : history.split(QLatin1Char(';'), Qt::SkipEmptyParts)) {
        const QStringList words = step.simplified().split(QLatin1Char(' '));
        QVERIFY2(words.size() >= 2, qPrintable(step));
        if (words[1] == QLatin1String("undo")) {
            QVERIFY2(!project.undo(words[0]).isEmpty(), qPrintable(step + QStringLiteral(": nothing undone")));
            continue;
        }
        if (words[1] == QLatin1String("unsettle")) {
            QVERIFY2(project.undoAdjudication(words[0]), qPrintable(step + QStringLiteral(": nothing undone")));
            continue;
        }
        if (words[1] == QLatin1String("settle")) {
            QCOMPARE(words.size(), 4);
            QVERIFY2(project.adjudicate(words[3].toLongLong(), *verdictFromName(words[2]), words[0]),
                     qPrintable(project.errorString()));
            continue;
        }
        QCOMPARE(words.size(), 3);
        const auto verdict = verdictFromName(words[1]);
        QVERIFY2(verdict, qPrintable(step));
        QList<DecisionInput> batch;
        for (const QString &id : words[2].split(QLatin1Char(',')))
            batch.append({id.toLongLong(), *verdict});
        QVERIFY2(project.recordDecisions(batch, words[0]), qPrintable(project.errorString()));
    }

    for (const auto &[rule, expected] :
         {std::pair{AcceptRule::Latest, latest}, std::pair{AcceptRule::Unanimous, unanimous},
          std::pair{AcceptRule::Majority, majority}, std::pair{AcceptRule::Adjudicated, adjudicated}}) {
        QVERIFY2(project.setAcceptRule(rule), qPrintable(project.errorString()));
        const QString what = acceptRuleName(rule);
        // The export.
        ExportInput input;
        ExportSource source;
        QVERIFY2(source.load(project.database(), ExportSettings{}, input), qPrintable(source.errorString()));
        QCOMPARE(input.acceptRule, what);
        Ids got;
        for (const ExportCandidate &c : input.accepted) {
            got.append(c.id);
            QVERIFY(!c.annotators.isEmpty()); // someone accepted it: a vote or an adjudication
        }
        QVERIFY2(
            got == expected,
            qPrintable(QStringLiteral("%1: exported [%2], expected [%3]").arg(what, idList(got), idList(expected))));
        // The final verdicts, the Verify filter without annotator, and the statistics.
        Ids finals;
        for (qint64 id = 1; id <= 9; ++id)
            if (project.finalVerdict(id) == Verdict::Accept)
                finals.append(id);
        QVERIFY2(finals == expected, qPrintable(what + QStringLiteral(": final verdicts [%1]").arg(idList(finals))));
        QCOMPARE(project.candidateIds({0, 0, VerdictFilter::Accepted, {}}, 0, 100), expected);
        qint64 statsAccepted = 0;
        for (const auto &c : project.classStats())
            statsAccepted += c.accepted;
        QCOMPARE(statsAccepted, qint64(expected.size()));
    }
}

void TestAcceptRule::deriveFinalTable_data()
{
    // votes: "annotator:verdict@time" separated by spaces (decision ids follow the order written);
    // adjudication: the same form or empty. Expected letters per rule: A accept, R reject,
    // U unsure, - none. disputed: the votes disagree.
    QTest::addColumn<QString>("votes");
    QTest::addColumn<QString>("adjudication");
    QTest::addColumn<QString>("latest");
    QTest::addColumn<QString>("unanimous");
    QTest::addColumn<QString>("majority");
    QTest::addColumn<QString>("adjudicated");
    QTest::addColumn<bool>("disputed");

    QTest::newRow("none") << ""
                          << ""
                          << "-"
                          << "-"
                          << "-"
                          << "-" << false;
    QTest::newRow("one accept") << "a:accept@1"
                                << ""
                                << "A"
                                << "A"
                                << "A"
                                << "A" << false;
    QTest::newRow("all unsure") << "a:unsure@1 b:unsure@2"
                                << ""
                                << "U"
                                << "U"
                                << "U"
                                << "U" << false;
    QTest::newRow("accept vs reject, reject later") << "a:accept@1 b:reject@2"
                                                    << ""
                                                    << "R"
                                                    << "R"
                                                    << "U"
                                                    << "-" << true;
    // Time decides latest, not the order the votes were recorded in (an import of older decisions).
    QTest::newRow("reject recorded first but later in time") << "b:reject@9 a:accept@1"
                                                             << ""
                                                             << "R"
                                                             << "R"
                                                             << "U"
                                                             << "-" << true;
    QTest::newRow("equal times: log order") << "a:reject@5 b:accept@5"
                                            << ""
                                            << "A"
                                            << "R"
                                            << "U"
                                            << "-" << true;
    QTest::newRow("accept and unsure") << "a:accept@1 b:unsure@2"
                                       << ""
                                       << "U"
                                       << "U"
                                       << "U"
                                       << "-" << true;
    QTest::newRow("two rejects one accept") << "a:reject@1 b:reject@2 c:accept@3"
                                            << ""
                                            << "A"
                                            << "R"
                                            << "R"
                                            << "-" << true;
    QTest::newRow("adjudication wins") << "a:accept@1 b:reject@2"
                                       << "z:accept@0"
                                       << "A"
                                       << "A"
                                       << "A"
                                       << "A" << true;
    QTest::newRow("adjudication without votes") << ""
                                                << "z:reject@3"
                                                << "R"
                                                << "R"
                                                << "R"
                                                << "R" << false;
}

void TestAcceptRule::deriveFinalTable()
{
    QFETCH(QString, votes);
    QFETCH(QString, adjudication);
    QFETCH(QString, latest);
    QFETCH(QString, unanimous);
    QFETCH(QString, majority);
    QFETCH(QString, adjudicated);
    QFETCH(bool, disputed);
    qint64 nextId = 1;
    const auto parse = [&nextId](const QString &text) {
        const QStringList who = text.split(QLatin1Char(':'));
        const QStringList when = who.value(1).split(QLatin1Char('@'));
        return Vote{who.value(0), *verdictFromName(when.value(0)), nextId++, when.value(1).toLongLong()};
    };
    QList<Vote> list;
    for (const QString &v : votes.split(QLatin1Char(' '), Qt::SkipEmptyParts))
        list.append(parse(v));
    const std::optional<Vote> adj = adjudication.isEmpty() ? std::nullopt : std::optional<Vote>(parse(adjudication));
    const auto letter = [](Verdict v) {
        return v == Verdict::Accept   ? QStringLiteral("A")
               : v == Verdict::Reject ? QStringLiteral("R")
               : v == Verdict::Unsure ? QStringLiteral("U")
                                      : QStringLiteral("-");
    };
    for (const auto &[rule, expected] :
         {std::pair{AcceptRule::Latest, latest}, std::pair{AcceptRule::Unanimous, unanimous},
          std::pair{AcceptRule::Majority, majority}, std::pair{AcceptRule::Adjudicated, adjudicated}}) {
        const FinalOutcome out = deriveFinal(rule, list, adj);
        QVERIFY2(letter(out.verdict) == expected,
                 qPrintable(acceptRuleName(rule) + QStringLiteral(": got ") + letter(out.verdict)));
        QCOMPARE(out.disputed, disputed);
        QCOMPARE(out.settled, adj.has_value());
        QCOMPARE(out.decisionId == 0, out.verdict == Verdict::None);
    }
}

void TestAcceptRule::ruleNamesRoundTrip()
{
    for (const auto &[rule, name] :
         {std::pair{AcceptRule::Latest, "latest"}, std::pair{AcceptRule::Unanimous, "unanimous"},
          std::pair{AcceptRule::Majority, "majority"}, std::pair{AcceptRule::Adjudicated, "adjudicated"}}) {
        QCOMPARE(acceptRuleName(rule), QString::fromLatin1(name));
        QCOMPARE(acceptRuleFromName(QString::fromLatin1(name)), std::optional<AcceptRule>(rule));
    }
    // The export's spelling before schema 4 keeps its meaning.
    QCOMPARE(acceptRuleFromName(QStringLiteral("no-objection")), std::optional<AcceptRule>(AcceptRule::Unanimous));
    QVERIFY(!acceptRuleFromName(QStringLiteral("unanimously")));
}

void TestAcceptRule::ruleIsStoredAndExportRefusesAnotherExpectedRule()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("stored.tcproj"));
    {
        Project project;
        QVERIFY(tc::test::makeFixtureProject(project, path));
        QCOMPARE(project.acceptRule(), kDefaultAcceptRule);
        QVERIFY(project.setAcceptRule(AcceptRule::Majority));
    }
    Project project;
    QVERIFY(project.open(path));
    QCOMPARE(project.acceptRule(), AcceptRule::Majority);
    ExportSettings settings;
    settings.expectedAcceptRule = QStringLiteral("majority");
    ExportInput input;
    ExportSource source;
    QVERIFY2(source.load(project.database(), settings, input), qPrintable(source.errorString()));
    settings.expectedAcceptRule = QStringLiteral("no-objection");
    QVERIFY(!source.load(project.database(), settings, input));
    QVERIFY2(source.errorString().contains(QStringLiteral("accept rule is 'majority', not 'unanimous'")),
             qPrintable(source.errorString()));
}

QTEST_GUILESS_MAIN(TestAcceptRule)
#include "TestAcceptRule.moc"
