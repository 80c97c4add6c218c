// The one rule for what the duplicate search removes (core::RemovalRule), case by case as the lead wrote
// it down: exact copies always go, a pair marked duplicate removes, distinct never removes by itself,
// unreviewed pairs above the thresholds remove while the export setting says so, identical copies keep
// their first survivor.
#include "core/dedup/RemovalRule.h"

#include <QTest>

using namespace tc::core;

Q_DECLARE_METATYPE(tc::core::Removal)

class TestRemovalRule final : public QObject {
    Q_OBJECT
private slots:
    void oneCandidate_data();
    void oneCandidate();
    void identicalCopies_data();
    void identicalCopies();
};

void TestRemovalRule::oneCandidate_data()
{
    QTest::addColumn<bool>("exact");
    QTest::addColumn<bool>("marked");
    QTest::addColumn<bool>("unreviewed");
    QTest::addColumn<bool>("setting");
    QTest::addColumn<Removal>("expected");
    QTest::addColumn<bool>("reviewable");
    QTest::newRow("nothing") << false << false << false << true << Removal::None << true;
    // "Distinct" leaves no fact behind: a candidate whose only pairs are distinct has none.
    QTest::newRow("only distinct pairs") << false << false << false << false << Removal::None << true;
    QTest::newRow("exact copy") << true << false << false << true << Removal::ExcludeExact << false;
    QTest::newRow("exact copy, setting off") << true << false << false << false << Removal::ExcludeExact << false;
    QTest::newRow("exact copy beats marked") << true << true << true << true << Removal::ExcludeExact << false;
    QTest::newRow("marked duplicate") << false << true << false << true << Removal::MarkedDuplicate << true;
    QTest::newRow("marked duplicate, setting off")
        << false << true << false << false << Removal::MarkedDuplicate << true;
    QTest::newRow("marked beats unreviewed") << false << true << true << true << Removal::MarkedDuplicate << true;
    QTest::newRow("unreviewed above") << false << false << true << true << Removal::UnreviewedAbove << true;
    QTest::newRow("unreviewed above, setting off") << false << false << true << false << Removal::None << true;
}

void TestRemovalRule::oneCandidate()
{
    QFETCH(bool, exact);
    QFETCH(bool, marked);
    QFETCH(bool, unreviewed);
    QFETCH(bool, setting);
    QFETCH(Removal, expected);
    QFETCH(bool, reviewable);
    const ExcludeFacts facts{exact, marked, unreviewed};
    RemovalRule rule(setting);
    QCOMPARE(rule.removalOf(facts), expected);
    QCOMPARE(RemovalRule::reviewable(facts), reviewable);
    QCOMPARE(rule.next(facts), expected);
    QCOMPARE(rule.counts().total(), expected == Removal::None ? 0 : 1);
}

// Three byte-identical candidates (group 0) in id order, each with its own facts: the first one the
// other rules leave stays, the later ones go as identical copies.
void TestRemovalRule::identicalCopies_data()
{
    QTest::addColumn<QList<int>>("facts"); // per copy: 0 nothing, 1 marked duplicate, 2 exact copy
    QTest::addColumn<QList<int>>("expected");
    const int none = int(Removal::None), copy = int(Removal::InternalCopy), marked = int(Removal::MarkedDuplicate),
              exact = int(Removal::ExcludeExact);
    QTest::newRow("first stays") << QList<int>{0, 0, 0} << QList<int>{none, copy, copy};
    QTest::newRow("first marked: second stays") << QList<int>{1, 0, 0} << QList<int>{marked, none, copy};
    QTest::newRow("all marked") << QList<int>{1, 1, 1} << QList<int>{marked, marked, marked};
    QTest::newRow("exact copies all go") << QList<int>{2, 2, 2} << QList<int>{exact, exact, exact};
}

void TestRemovalRule::identicalCopies()
{
    QFETCH(QList<int>, facts);
    QFETCH(QList<int>, expected);
    RemovalRule rule(true, 2);
    ExcludeFacts other; // a candidate of another group between them changes nothing
    QCOMPARE(rule.next(other, 1), Removal::None);
    RemovalCounts counts;
    for (int i = 0; i < facts.size(); ++i) {
        const ExcludeFacts f{facts[i] == 2, facts[i] == 1, false};
        const Removal r = rule.next(f, 0);
        QCOMPARE(int(r), expected[i]);
        counts.add(r);
    }
    QCOMPARE(rule.counts(), counts);
    QCOMPARE(rule.next(other, 1), Removal::InternalCopy); // group 1's first member stayed
}

QTEST_APPLESS_MAIN(TestRemovalRule)
#include "TestRemovalRule.moc"
