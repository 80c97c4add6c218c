// The Duplicates tab in the assembled window on the bundled demo project (built by scripts/demo-project.sh,
// the script README's first command runs): at 1280x800 and 1024x700 nothing is cut off. No chart label,
// axis title or legend is elided ("0... 0...", "99..."), every table column holds its widest value and
// all columns are in view, the captions under the images are whole, the overview's tabs all show, the
// toolbar hides nothing behind its extension button. With TC_SCREENSHOT_DIR set it also saves
// review.png (the pairs and the SSIM histogram) and review-exact.png (the exact copies) there.
#include "core/dedup/PairListModel.h"
#include "tests/support/TestSupport.h"
#include "ui/ClassShareChart.h"
#include "ui/ExactGroupsView.h"
#include "ui/MainWindow.h"
#include "ui/PairView.h"
#include "ui/ReviewStatsPanel.h"
#include "ui/ReviewView.h"
#include "ui/ThresholdBar.h"

#include <QChartView>
#include <QComboBox>
#include <QGraphicsSimpleTextItem>
#include <QGraphicsTextItem>
#include <QHeaderView>
#include <QProgressBar>
#include <QScrollBar>
#include <QSlider>
#include <QStandardPaths>
#include <QStyledItemDelegate>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolBar>
#include <QToolButton>

using namespace tc;

class TestReviewLayout final : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void nothingIsCutOff_data();
    void nothingIsCutOff();
    void narrowTableKeepsSimilarityInSight();
    void runningSearchShowsItsProgress_data();
    void runningSearchShowsItsProgress();

private:
    // The assembled window on the demo at `size`, on its Duplicates tab (the caller checks QTest::currentTestFailed()).
    void showDuplicatesTab(ui::MainWindow &window, QSize size, int settleMs);
    // Texts the charts of the view elide, with where; empty when none.
    static QStringList elidedChartTexts(QWidget *root);
    static QStringList cutTableCells(QTableView *table);

    QTemporaryDir m_dir;
    QString m_demo;
};

void TestReviewLayout::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    m_demo = m_dir.filePath(QStringLiteral("demo.tcproj"));
    const test::ProcessResult demo = test::buildDemoProject(m_demo);
    QVERIFY2(demo.exitCode == 0, demo.err.constData());
}

QStringList TestReviewLayout::elidedChartTexts(QWidget *root)
{
    QStringList cut;
    for (QChartView *view : root->findChildren<QChartView *>()) {
        if (!view->isVisible())
            continue;
        for (QGraphicsItem *item : view->scene()->items()) {
            QString text;
            if (auto *t = dynamic_cast<QGraphicsTextItem *>(item))
                text = t->toPlainText();
            else if (auto *s = dynamic_cast<QGraphicsSimpleTextItem *>(item))
                text = s->text();
            if (item->isVisible() && (text.contains(QStringLiteral("...")) || text.contains(QChar(0x2026))))
                cut << QStringLiteral("%1: \"%2\"").arg(view->parentWidget()->objectName(), text);
        }
    }
    return cut;
}

QStringList TestReviewLayout::cutTableCells(QTableView *table)
{
    QStringList cut;
    QHeaderView *header = table->horizontalHeader();
    QAbstractItemModel *m = table->model();
    for (int c = 0; c < m->columnCount(); ++c) {
        if (header->sectionSize(c) < header->sectionSizeHint(c))
            cut << QStringLiteral("header %1").arg(m->headerData(c, Qt::Horizontal).toString());
        for (int r = 0; r < m->rowCount(); ++r) {
            QStyleOptionViewItem option;
            option.initFrom(table);
            option.font = table->font();
            const QModelIndex i = m->index(r, c);
            if (table->itemDelegate()->sizeHint(option, i).width() > header->sectionSize(c))
                cut << QStringLiteral("row %1 \"%2\"").arg(r).arg(i.data().toString());
        }
    }
    return cut;
}

// Below the supported 1024 x 700 the pair table scrolls sideways. It opened scrolled to its right end (the
// selected row was scrolled to by the model's column 0, the candidate, while the tab was still hidden and
// narrow), with SSIM and L2 out of sight; rows chosen by keys and a re-sort must not scroll it either.
void TestReviewLayout::narrowTableKeepsSimilarityInSight()
{
    ui::MainWindow window;
    showDuplicatesTab(window, QSize(800, 500), 100);
    if (QTest::currentTestFailed())
        return;
    ui::ReviewView *review = window.reviewView();
    QTableView *table = review->pairTable();
    QVERIFY2(table->horizontalScrollBar()->maximum() > 0, "the table fits: the case is not tested");
    const auto similarityInSight = [&] {
        using M = core::PairListModel;
        for (const int column : {M::SsimCol, M::L2Col})
            if (table->columnViewportPosition(column) < 0)
                return QStringLiteral("column %1 starts at %2 (scrolled %3 of %4)")
                    .arg(column)
                    .arg(table->columnViewportPosition(column))
                    .arg(table->horizontalScrollBar()->value())
                    .arg(table->horizontalScrollBar()->maximum());
        return QString();
    };
    QCOMPARE(similarityInSight(), QString());
    table->setFocus();
    for (int i = 0; i < 3; ++i)
        QTest::keyClick(table, Qt::Key_Down);
    QCOMPARE(review->currentRow(), 3);
    QCOMPARE(similarityInSight(), QString());
    table->sortByColumn(core::PairListModel::ReferenceIndexCol, Qt::AscendingOrder);
    QTest::qWait(20);
    QCOMPARE(similarityInSight(), QString());
}

void TestReviewLayout::runningSearchShowsItsProgress_data()
{
    QTest::addColumn<bool>("german");
    QTest::newRow("1024x700") << false;
    QTest::newRow("de 1024x700") << true;
}

// A search started from the Duplicates tab shows what runs and its progress in sight. At the review
// toolbar's end both went behind its overflow button in German at 1024 px for the whole run.
void TestReviewLayout::runningSearchShowsItsProgress()
{
    QFETCH(bool, german);
    test::GermanCatalogue catalogue;
    if (german && !catalogue.install())
        QSKIP("no German catalogue built (build/app/tinycurator_de.qm)");
    ui::MainWindow window;
    showDuplicatesTab(window, QSize(1024, 700), 50);
    if (QTest::currentTestFailed())
        return;
    ui::ReviewView *review = window.reviewView();
    QToolButton *run = nullptr;
    for (QToolBar *bar : review->findChildren<QToolBar *>())
        if (auto *button = qobject_cast<QToolButton *>(bar->widgetForAction(review->runAction())))
            run = button;
    QVERIFY(run && run->isVisible());
    const QList<QProgressBar *> bars = review->findChildren<QProgressBar *>();
    QCOMPARE(bars.size(), 1);
    QProgressBar *progress = bars.constFirst();
    QVERIFY(!progress->isVisible());
    // The job may end within milliseconds, but its end reaches the pane through the event loop, after this.
    QTest::mouseClick(run, Qt::LeftButton);
    QVERIFY2(progress->isVisible(), "the progress bar is not shown while the search runs");
    const QRect shown(progress->mapTo(&window, QPoint(0, 0)), progress->size());
    QVERIFY2(window.rect().contains(shown), qPrintable(QStringLiteral("the progress bar at %1,%2 %3x%4")
                                                           .arg(shown.x())
                                                           .arg(shown.y())
                                                           .arg(shown.width())
                                                           .arg(shown.height())));
    QVERIFY(progress->width() >= 100);
    review->waitForJob();
    QTRY_VERIFY(!progress->isVisible());
}

void TestReviewLayout::showDuplicatesTab(ui::MainWindow &window, QSize size, int settleMs)
{
    window.setQuiet(true);
    QVERIFY(window.openProject(m_demo, QStringLiteral("tester")));
    window.resize(size);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.tabs()->setCurrentWidget(window.reviewView());
    QTest::qWait(settleMs);
}

void TestReviewLayout::nothingIsCutOff_data()
{
    QTest::addColumn<QSize>("size");
    QTest::addColumn<bool>("german");
    QTest::newRow("1280x800") << QSize(1280, 800) << false;
    QTest::newRow("1024x700") << QSize(1024, 700) << false;
    // German labels are longer: the toolbar's last items went behind its overflow button.
    QTest::newRow("de 1024x700") << QSize(1024, 700) << true;
}

void TestReviewLayout::nothingIsCutOff()
{
    QFETCH(QSize, size);
    QFETCH(bool, german);
    test::GermanCatalogue catalogue;
    if (german && !catalogue.install())
        QSKIP("no German catalogue built (build/app/tinycurator_de.qm)");
    ui::MainWindow window;
    showDuplicatesTab(window, size, 100);
    if (QTest::currentTestFailed())
        return;
    ui::ReviewView *review = window.reviewView();
    QCOMPARE(window.size(), size);
    // The demo's planted near copies are in the queue, its exact copies are not.
    QVERIFY(review->session()->pairCount() >= 5);
    QVERIFY(review->shownPair());

    QTableView *table = review->pairTable();
    QCOMPARE(cutTableCells(table), QStringList());
    // Looser thresholds list far more pairs, with wider values (longer keywords): the columns follow.
    review->thresholdBar()->ssimSlider()->setValue(int(std::lround(0.15 / 0.005)));
    review->applyThresholds();
    QTest::qWait(20);
    QVERIFY(review->session()->pairCount() > 50);
    QCOMPARE(cutTableCells(table), QStringList());
    review->thresholdBar()->ssimSlider()->setValue(int(std::lround(0.75 / 0.005)));
    review->applyThresholds();
    QVERIFY2(!table->horizontalScrollBar()->isVisible(), "the pair table scrolls sideways");
    for (int panel = 0; panel < 2; ++panel)
        // Whole: at most wrapped at the space before the alignment, never elided.
        QCOMPARE(review->pairView()->shownCaption(panel).replace(u'\n', u' '), review->pairView()->caption(panel));
    ui::ReviewStatsPanel *stats = review->statsPanel();
    QTabBar *tabs = stats->tabBar();
    for (int i = 0; i < tabs->count(); ++i)
        QVERIFY2(tabs->rect().contains(tabs->tabRect(i)), qPrintable(QStringLiteral("tab %1 at %2+%3 in a bar %4 wide")
                                                                         .arg(tabs->tabText(i))
                                                                         .arg(tabs->tabRect(i).x())
                                                                         .arg(tabs->tabRect(i).width())
                                                                         .arg(tabs->width())));
    for (QToolBar *bar : window.findChildren<QToolBar *>()) {
        // QToolBar puts what does not fit behind an extension button.
        for (QToolButton *button : bar->findChildren<QToolButton *>())
            if (button->objectName() == QLatin1String("qt_toolbar_ext_button"))
                QVERIFY2(!button->isVisible(),
                         qPrintable(QStringLiteral("toolbar '%1' (%2) overflows: %3 px for %4 px of items")
                                        .arg(bar->windowTitle(), bar->objectName())
                                        .arg(bar->width())
                                        .arg(bar->sizeHint().width())));
    }
    // Every class named beside its bar.
    stats->setCurrentWidget(stats->classShares());
    QTest::qWait(50);
    QStringList shown;
    for (QGraphicsItem *item : stats->classShares()->chartView()->scene()->items())
        if (auto *t = dynamic_cast<QGraphicsTextItem *>(item); t && t->isVisible())
            shown << t->toPlainText();
    for (const QString &name : review->session()->classNames())
        QVERIFY2(shown.contains(name), qPrintable(name + " is not shown; shown: " + shown.join(", ")));
    // The exact groups' sentences wrap within the panel: each row is as tall as its wrapped text.
    stats->setCurrentWidget(stats->exactGroups()->parentWidget());
    QTest::qWait(50);
    ui::ExactGroupsView *tree = stats->exactGroups();
    QVERIFY(tree->model()->rowCount() >= 5);
    for (QModelIndex i = tree->model()->index(0, 0); i.isValid(); i = tree->indexBelow(i)) {
        const QRect rect = tree->visualRect(i);
        if (rect.top() > tree->viewport()->height())
            break;
        const int icon = i.data(Qt::DecorationRole).isNull() ? 0 : tree->iconSize().width() + 8;
        QFont font = tree->font();
        if (i.data(Qt::FontRole).isValid())
            font = i.data(Qt::FontRole).value<QFont>();
        const QRect text = QFontMetrics(font).boundingRect(QRect(0, 0, rect.width() - icon - 8, 100000),
                                                           Qt::TextWordWrap, i.data().toString());
        QVERIFY2(rect.height() >= text.height() && !tree->horizontalScrollBar()->isVisible(),
                 qPrintable(i.data().toString()));
    }
    // Every tab of the overview in turn: no chart text elided.
    for (int i = 0; i < stats->count(); ++i) {
        stats->setCurrentIndex(i);
        QTest::qWait(50);
        QCOMPARE(elidedChartTexts(stats), QStringList());
    }
    const QString dir = qEnvironmentVariable("TC_SCREENSHOT_DIR");
    if (dir.isEmpty() || size != QSize(1280, 800))
        return;
    // A near copy in the pane, with its difference.
    for (int row = 0; row < review->session()->pairCount(); ++row)
        if (review->session()->card(row).ssim < 0.99) {
            review->setCurrentRow(row);
            break;
        }
    // Through the pane's own choice, so the screenshot's combo says what the pane shows.
    for (QComboBox *box : review->findChildren<QComboBox *>())
        if (box->findText(QStringLiteral("With difference")) >= 0)
            box->setCurrentIndex(box->findText(QStringLiteral("With difference")));
    stats->setCurrentIndex(0);
    QTest::qWait(200);
    QVERIFY(window.grab().save(dir + QStringLiteral("/review.png")));
    stats->setCurrentWidget(stats->exactGroups()->parentWidget());
    QTest::qWait(200);
    QVERIFY(window.grab().save(dir + QStringLiteral("/review-exact.png")));
}

QTEST_MAIN(TestReviewLayout)
#include "TestReviewLayout.moc"
