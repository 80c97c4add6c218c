// The statistics charts as drawn: every class and keyword name must be on screen (Qt Charts silently hides
// axis labels that do not fit), in catalog order, and the bars must carry the counts plain SQL reads from
// the project file. Class and keyword names come from the fixture's catalog JSON, not from the project.
#include "core/project/AcceptRule.h"
#include "tests/ui/VerifyTestProject.h"
#include "ui/StatisticsPage.h"

#include <QAbstractBarSeries>
#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QComboBox>
#include <QGraphicsScene>
#include <QGraphicsTextItem>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

using namespace tc;

namespace {

// Class names in catalog order, each with its keywords in catalog order, straight from the JSON: the
// published catalogs (and so core's reader) put classes in name order (CIFAR-10's label order) and
// keywords by descending count, then name.
QList<std::pair<QString, QStringList>> catalogFromJson()
{
    QFile f(test::fixture(QStringLiteral("world-small/keyword_counts.json")));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const QJsonObject root = QJsonDocument::fromJson(f.readAll()).object();
    QList<std::pair<QString, QStringList>> classes;
    for (const QString &name : root.keys()) { // QJsonObject keys are sorted
        const QJsonObject counts = root.value(name).toObject();
        QStringList keywords = counts.keys();
        std::stable_sort(keywords.begin(), keywords.end(), [&counts](const QString &a, const QString &b) {
            return counts.value(a).toInt() > counts.value(b).toInt();
        });
        classes.append({name, keywords});
    }
    return classes;
}

// The axis labels Qt Charts actually shows: visible text items inside the chart's plot-and-margins area,
// top to bottom.
QStringList visibleLabels(QChart *chart)
{
    QList<QGraphicsTextItem *> items;
    const QRectF area = chart->mapRectToScene(chart->boundingRect());
    for (QGraphicsItem *item : chart->scene()->items()) {
        auto *text = dynamic_cast<QGraphicsTextItem *>(item);
        if (text && text->isVisible() && area.contains(text->sceneBoundingRect()))
            items.append(text);
    }
    std::sort(items.begin(), items.end(), [](QGraphicsTextItem *a, QGraphicsTextItem *b) {
        return a->sceneBoundingRect().center().y() < b->sceneBoundingRect().center().y();
    });
    QStringList labels;
    for (QGraphicsTextItem *item : items)
        labels << item->toPlainText();
    return labels;
}

// The names in `expected` that are missing from `shown`, or out of order there.
QString orderProblem(const QStringList &shown, const QStringList &expected)
{
    qsizetype last = -1;
    for (const QString &name : expected) {
        const qsizetype at = shown.indexOf(name);
        if (at < 0)
            return QStringLiteral("'%1' not shown; shown: %2").arg(name, shown.join(u','));
        if (at <= last)
            return QStringLiteral("'%1' out of catalog order; shown: %2").arg(name, shown.join(u','));
        last = at;
    }
    return {};
}

// The bar value of set `setName` at category `category`.
double barValue(QChart *chart, const QString &setName, const QString &category)
{
    auto *series = qobject_cast<QAbstractBarSeries *>(chart->series().value(0));
    auto *axis = qobject_cast<QBarCategoryAxis *>(chart->axes(Qt::Vertical).value(0));
    if (!series || !axis)
        return -1;
    const qsizetype index = axis->categories().indexOf(category);
    for (QBarSet *set : series->barSets())
        if (set->label() == setName && index >= 0)
            return set->at(index);
    return -1;
}

qint64 sqlCount(const QString &path, const QString &sql, const QString &name)
{
    core::Database db;
    if (!db.open(path, core::Database::OpenMode::ReadOnly))
        return -2;
    core::Statement q(db, sql);
    q.bind(1, name);
    return q.next() ? q.int64(0) : -2;
}

} // namespace

class TestStatisticsPage final : public QObject {
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void everyClassNameIsShownInCatalogOrder_data();
    void everyClassNameIsShownInCatalogOrder();
    void everyKeywordNameOfEachClassIsShown();
    void barsCarryTheCountsInTheFile();
    void acceptRuleIsShownAndChangesTheCounts();
    void acceptRuleSpeaksGerman();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
    std::unique_ptr<core::Project> m_project;
    std::unique_ptr<ui::StatisticsPage> m_page;
    QList<std::pair<QString, QStringList>> m_catalog;
};

void TestStatisticsPage::init()
{
    TC_REQUIRE_SHARED();
    m_catalog = catalogFromJson();
    QCOMPARE(m_catalog.size(), 10);
    QCOMPARE(m_catalog.constFirst().first, QStringLiteral("airplane")); // the name rotated labels lost
    m_dir = std::make_unique<QTemporaryDir>();
    m_path = m_dir->filePath(QStringLiteral("world.tcproj"));
    const QString error = test::makeWorldSmallProject(m_path);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    m_project = std::make_unique<core::Project>();
    QVERIFY2(m_project->open(m_path), qPrintable(m_project->errorString()));
    m_page = std::make_unique<ui::StatisticsPage>();
    m_page->setProject(m_project.get());
}

void TestStatisticsPage::cleanup()
{
    m_page.reset();
    m_project.reset();
    m_dir.reset();
}

void TestStatisticsPage::everyClassNameIsShownInCatalogOrder_data()
{
    QTest::addColumn<QSize>("size");
    QTest::newRow("main window") << QSize(1400, 820);
    QTest::newRow("small window") << QSize(900, 560);
}

void TestStatisticsPage::everyClassNameIsShownInCatalogOrder()
{
    QFETCH(QSize, size);
    m_page->resize(size);
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
    QStringList classes;
    for (const auto &c : m_catalog)
        classes << c.first;
    // Layout settles over a few event-loop passes; the labels must all be there once it has.
    QTRY_COMPARE(orderProblem(visibleLabels(m_page->classChart()), classes), QString());
}

void TestStatisticsPage::everyKeywordNameOfEachClassIsShown()
{
    m_page->resize(1400, 820);
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
    QComboBox *pick = m_page->keywordClass();
    QCOMPARE(pick->count(), m_catalog.size());
    for (int i = 0; i < pick->count(); ++i) {
        pick->setCurrentIndex(i);
        QCOMPARE(pick->currentText(), m_catalog[i].first);
        QTRY_COMPARE(orderProblem(visibleLabels(m_page->keywordChart()), m_catalog[i].second), QString());
    }
}

void TestStatisticsPage::barsCarryTheCountsInTheFile()
{
    // A few final verdicts in two classes, then the counts plain SQL gives for each class.
    const QList<qint64> ids = m_project->candidateIds({}, 0, 30);
    for (int i = 0; i < ids.size(); ++i)
        QVERIFY(m_project->recordDecision(ids[i], i % 3 == 1 ? core::Verdict::Reject : core::Verdict::Accept,
                                          QStringLiteral("alice")));
    // ... and bob's accept of the filter's last candidate, in the last class.
    const QList<qint64> later = m_project->candidateIds({}, ids.constLast(), 1 << 20);
    QVERIFY(!later.isEmpty());
    QVERIFY(m_project->recordDecision(later.constLast(), core::Verdict::Accept, QStringLiteral("bob")));
    m_page->refresh();
    const QString candidates =
        QStringLiteral("SELECT count(*) FROM candidates c JOIN keywords k ON k.id = c.keyword_id "
                       "JOIN classes cl ON cl.id = k.class_id WHERE cl.name = ?1");
    const QString accepted = candidates + QStringLiteral(" AND c.id IN (SELECT candidate_id FROM final_state "
                                                         "WHERE verdict = 1)");
    qint64 acceptedTotal = 0;
    for (const auto &c : m_catalog) {
        const qint64 n = sqlCount(m_path, candidates, c.first);
        QVERIFY(n > 0);
        QCOMPARE(barValue(m_page->classChart(), QStringLiteral("Candidates"), c.first), double(n));
        const qint64 a = sqlCount(m_path, accepted, c.first);
        QCOMPARE(barValue(m_page->classChart(), QStringLiteral("Accepted"), c.first), double(a));
        acceptedTotal += a;
    }
    QCOMPARE(acceptedTotal, 21); // 20 of alice's 30 (every third rejected) and bob's one
}

// The page shows the project's accept rule with its totals, and choosing another rule in the combo
// re-derives the project's final verdicts (stored in the file) and redraws the bars.
void TestStatisticsPage::acceptRuleIsShownAndChangesTheCounts()
{
    const QList<qint64> ids = m_project->candidateIds({}, 0, 4);
    QVERIFY(m_project->recordDecisions({{ids[0], core::Verdict::Accept}, {ids[1], core::Verdict::Accept}},
                                       QStringLiteral("alice")));
    QVERIFY(m_project->recordDecision(ids[1], core::Verdict::Reject, QStringLiteral("bob"))); // a conflict
    m_page->refresh();
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
    const QString cls = m_project->candidate(ids[0])->className;
    QCOMPARE(m_page->acceptRule()->currentText(), QStringLiteral("unanimous"));
    QVERIFY2(
        m_page->ruleSummary()->text().contains(QStringLiteral("Accepted: <b>1</b>, unsettled conflicts: <b>1</b>")),
        qPrintable(m_page->ruleSummary()->text()));
    QCOMPARE(barValue(m_page->classChart(), QStringLiteral("Accepted"), cls), 1.0);
    // From the keyboard: adjudicated leaves the conflict awaiting; a curator's accept settles it.
    m_page->acceptRule()->setFocus();
    QTest::keyClick(m_page->acceptRule(), Qt::Key_End); // the last rule: adjudicated
    QCOMPARE(m_project->acceptRule(), core::AcceptRule::Adjudicated);
    QVERIFY2(m_page->ruleSummary()->text().contains(QStringLiteral("awaiting adjudication: <b>1</b>")),
             qPrintable(m_page->ruleSummary()->text()));
    QVERIFY(m_project->adjudicate(ids[1], core::Verdict::Accept, QStringLiteral("curator")));
    m_page->refresh();
    QCOMPARE(barValue(m_page->classChart(), QStringLiteral("Accepted"), cls), 2.0);
    QTest::keyClick(m_page->acceptRule(), Qt::Key_Home); // latest
    QCOMPARE(m_project->acceptRule(), core::AcceptRule::Latest);
    // The rule is the project's, stored in the file.
    QCOMPARE(sqlCount(m_path, QStringLiteral("SELECT count(*) FROM meta WHERE key = 'accept_rule' AND value = ?1"),
                      QStringLiteral("latest")),
             1);
}

// The rule's sentence and the change summary are worded in core; in German they read German (they were
// English inside the German sentence), while the CLI and an export's README keep the English wording.
void TestStatisticsPage::acceptRuleSpeaksGerman()
{
    test::GermanCatalogue german;
    if (!german.install())
        QSKIP("no German catalogue built (build/app/tinycurator_de.qm)");
    const QList<qint64> ids = m_project->candidateIds({}, 0, 4);
    QVERIFY(m_project->recordDecisions({{ids[0], core::Verdict::Accept}, {ids[1], core::Verdict::Accept}},
                                       QStringLiteral("alice")));
    QVERIFY(m_project->recordDecision(ids[1], core::Verdict::Reject, QStringLiteral("bob")));
    m_page->refresh();
    m_page->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
    QString text = m_page->ruleSummary()->text();
    QVERIFY2(text.contains(QStringLiteral("nur angenommen, wenn alle Annotatoren annehmen")), qPrintable(text));
    QVERIFY2(!text.contains(QLatin1String("accept")), qPrintable(text));
    m_page->acceptRule()->setFocus();
    QTest::keyClick(m_page->acceptRule(), Qt::Key_Home); // latest: bob's reject stands, alice's first accept too
    QCOMPARE(m_project->acceptRule(), core::AcceptRule::Latest);
    text = m_page->ruleSummary()->text();
    QVERIFY2(text.contains(QStringLiteral("es zählt die letzte Entscheidung")), qPrintable(text));
    QVERIFY2(!text.contains(QLatin1String("accepted")), qPrintable(text));
    // The English wording stays the files' and the CLI's.
    QCOMPARE(core::acceptRuleDescription(core::AcceptRule::Latest),
             QStringLiteral("the latest decision of any annotator counts"));
}

QTEST_MAIN(TestStatisticsPage)
#include "TestStatisticsPage.moc"
