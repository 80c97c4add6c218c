#include "core/export/ExportSettings.h"
#include "core/export/ExportSource.h"
#include "core/project/Project.h"
#include "tests/project/ProjectFixture.h"

#include <QTemporaryDir>
#include <QTest>

using namespace tc::core;

// How several annotators' verdicts combine into "accepted for export" (AcceptRule, applied by
// ExportSource). Each row is a decision history on the fixture project's candidates 1..9, made
// through the Project API (so undo is the real undo), and the accepted set each rule must give.
// The expected sets were worked out by hand from ExportSettings.h's documentation:
//   no-objection: at least one accept and no reject or unsure from anyone (current verdicts);
//   majority:     more accepts than rejects + unsures, ties excluded;
//   latest:       the latest effective decision of any annotator is an accept.
// An undo cancels the annotator's latest batch; the annotator's verdict is then the one before.
class TestAcceptRule final : public QObject {
    Q_OBJECT
private slots:
    void acceptedSets_data();
    void acceptedSets();
    void ruleNamesRoundTrip();
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
    // grid page when several ids); "NAME undo" undoes NAME's latest batch.
    QTest::addColumn<QString>("history");
    QTest::addColumn<Ids>("noObjection");
    QTest::addColumn<Ids>("majority");
    QTest::addColumn<Ids>("latest");

    QTest::newRow("nothing decided") << "" << Ids{} << Ids{} << Ids{};
    QTest::newRow("one accept") << "a accept 1" << Ids{1} << Ids{1} << Ids{1};
    QTest::newRow("one reject") << "a reject 1" << Ids{} << Ids{} << Ids{};
    QTest::newRow("one unsure") << "a unsure 1" << Ids{} << Ids{} << Ids{};
    QTest::newRow("changed own mind to reject") << "a accept 1; a reject 1" << Ids{} << Ids{} << Ids{};
    QTest::newRow("changed own mind to accept") << "a reject 1; a accept 1" << Ids{1} << Ids{1} << Ids{1};
    // 1 accept vs 1 reject: a tie for majority; the reject is the latest.
    QTest::newRow("accept then other rejects") << "a accept 1; b reject 1" << Ids{} << Ids{} << Ids{};
    // Same votes, but the accept is the latest decision.
    QTest::newRow("reject then other accepts") << "a reject 1; b accept 1" << Ids{} << Ids{} << Ids{1};
    // An unsure is an objection for both counting rules; it is also the latest.
    QTest::newRow("two accepts then unsure") << "a accept 1; b accept 1; c unsure 1" << Ids{} << Ids{1} << Ids{};
    QTest::newRow("reject then two accepts") << "c reject 1; a accept 1; b accept 1" << Ids{} << Ids{1} << Ids{1};
    QTest::newRow("2 accepts vs reject + unsure")
        << "a accept 1; b accept 1; c reject 1; d unsure 1" << Ids{} << Ids{} << Ids{};
    QTest::newRow("3 accepts vs reject + unsure")
        << "a accept 1; b accept 1; c accept 1; d reject 1; e unsure 1" << Ids{} << Ids{1} << Ids{};
    // b's reject undone: only a's accept remains, and it is the latest effective decision.
    QTest::newRow("objection undone") << "a accept 1; b reject 1; b undo" << Ids{1} << Ids{1} << Ids{1};
    QTest::newRow("only accept undone") << "a accept 1; a undo" << Ids{} << Ids{} << Ids{};
    // Undo restores a's earlier reject rather than leaving 1 undecided.
    QTest::newRow("undo restores earlier reject") << "a reject 1; a accept 1; a undo" << Ids{} << Ids{} << Ids{};
    // a's undo cancels a's accept only; b's reject stays.
    QTest::newRow("undo cancels only own decision") << "a accept 1; b reject 1; a undo" << Ids{} << Ids{} << Ids{};
    // b: reject, later unsure, unsure undone -> b's reject (decision 1) is current again, older
    // than a's accept (decision 2), so a's accept is the latest effective decision.
    QTest::newRow("undo makes other annotator latest")
        << "b reject 1; a accept 1; b unsure 1; b undo" << Ids{} << Ids{} << Ids{1};
    // b changes mind to accept, then undoes that: back to b's reject, which is newer than a's accept.
    QTest::newRow("undone change of mind") << "a accept 1; b reject 1; b accept 1; b undo" << Ids{} << Ids{} << Ids{};
    // A grid page is undone as one step, the earlier page stays.
    QTest::newRow("grid page undone") << "a accept 1,2; a accept 3,4; a undo" << Ids{1, 2} << Ids{1, 2} << Ids{1, 2};
    QTest::newRow("two undos") << "a accept 1,2; a accept 3; a reject 2; a undo; a undo" << Ids{1, 2} << Ids{1, 2}
                               << Ids{1, 2};
    // Several candidates at once: 2 and 3 are 1:1 ties with an objection as the latest; 4 was
    // accepted by both; 5 only rejected; 6 accepted by a, then b's objection undone.
    QTest::newRow("mixed candidates")
        << "a accept 1,2,3,4,6; b reject 2; c unsure 3; b accept 4; b reject 5; b unsure 6; b undo" << Ids{1, 4, 6}
        << Ids{1, 4, 6} << Ids{1, 4, 6};
    // Across classes (candidates 7-9 are dog/puppy): rules apply per candidate.
    QTest::newRow("other class") << "a accept 7,8,9; b reject 8; b accept 9; c unsure 9; c accept 9" << Ids{7, 9}
                                 << Ids{7, 9} << Ids{7, 9};
    // The same accept-heavy history under majority but a late lone reject under latest.
    QTest::newRow("majority vs latest")
        << "a accept 5; b accept 5; c accept 5; d reject 5; a accept 6; b reject 6; c reject 6; d accept 6" << Ids{}
        << Ids{5} << Ids{6};
}

void TestAcceptRule::acceptedSets()
{
    QFETCH(QString, history);
    QFETCH(Ids, noObjection);
    QFETCH(Ids, majority);
    QFETCH(Ids, latest);

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
        QCOMPARE(words.size(), 3);
        const auto verdict = verdictFromName(words[1]);
        QVERIFY2(verdict, qPrintable(step));
        QList<DecisionInput> batch;
        for (const QString &id : words[2].split(QLatin1Char(',')))
            batch.append({id.toLongLong(), *verdict});
        QVERIFY2(project.recordDecisions(batch, words[0]), qPrintable(project.errorString()));
    }

    for (const auto &[rule, expected] :
         {std::pair{AcceptRule::NoObjection, noObjection}, std::pair{AcceptRule::Majority, majority},
          std::pair{AcceptRule::Latest, latest}}) {
        ExportSettings settings;
        settings.acceptRule = rule;
        ExportInput input;
        ExportSource source;
        QVERIFY2(source.load(project.database(), settings, input), qPrintable(source.errorString()));
        Ids got;
        for (const ExportCandidate &c : input.accepted) {
            got.append(c.id);
            // Whoever it lists as accepting must currently accept it.
            for (const QString &who : c.annotators)
                QCOMPARE(project.verdict(c.id, who), Verdict::Accept);
        }
        QVERIFY2(got == expected, qPrintable(QStringLiteral("%1: accepted [%2], expected [%3]")
                                                 .arg(acceptRuleName(rule), idList(got), idList(expected))));
        // Latest is by definition the project's final verdict, which the quotas count too.
        if (rule == AcceptRule::Latest)
            for (qint64 id = 1; id <= 9; ++id)
                QCOMPARE(project.finalVerdict(id) == Verdict::Accept, expected.contains(id));
    }
}

void TestAcceptRule::ruleNamesRoundTrip()
{
    for (const auto &[rule, name] :
         {std::pair{AcceptRule::NoObjection, "no-objection"}, std::pair{AcceptRule::Majority, "majority"},
          std::pair{AcceptRule::Latest, "latest"}}) {
        QCOMPARE(acceptRuleName(rule), QString::fromLatin1(name));
        AcceptRule parsed = AcceptRule::Latest == rule ? AcceptRule::NoObjection : AcceptRule::Latest;
        QVERIFY(acceptRuleFromName(QString::fromLatin1(name), &parsed));
        QCOMPARE(parsed, rule);
    }
    AcceptRule r = AcceptRule::Majority;
    QVERIFY(!acceptRuleFromName(QStringLiteral("unanimous"), &r));
}

QTEST_GUILESS_MAIN(TestAcceptRule)
#include "TestAcceptRule.moc"
