// The main window as an annotator meets it: the remembered annotator, resuming after closing the window,
// Ctrl+Z through the Edit menu's shortcut, the statistics tab against truth.csv, and agreement between two
// annotators against kappa computed by hand.
#include "core/project/DisputeListModel.h"
#include "tests/ui/MnemonicCheck.h"
#include "tests/ui/VerifyTestProject.h"
#include "ui/AgreementDialog.h"
#include "ui/MainWindow.h"
#include "ui/ReviewView.h"
#include "ui/SingleModeView.h"
#include "ui/StatisticsPage.h"
#include "ui/VerifyPage.h"
#include "ui/VerifySession.h"

#include <QAbstractBarSeries>
#include <QApplication>
#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDialog>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QMenu>
#include <QSettings>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QToolBar>

using namespace tc;
using ui::MainWindow;

class TestMainWindow final : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void resumesWhereTheAnnotatorStopped();
    void ctrlZUndoesThroughTheWindowShortcut();
    void annotatorIsRememberedAndShownInTheStatusBar();
    void acceptRuleIsShownAndFollowsAChange();
    void statisticsChartCountsCandidatesPerClass();
    void agreementShowsKappaAndConflicts();
    void duplicatesTabAndExportAreTheWindowsOwn();
    void everyTabsMnemonicsReachTheirFields_data();
    void everyTabsMnemonicsReachTheirFields();

private:
    void checkNextDialog(QStringList *problems);
    qint64 current(MainWindow &w) const { return w.verifyPage()->session()->current().value_or(-1); }

    QTemporaryDir m_dir;
    QString m_path;
};

void TestMainWindow::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true); // QSettings go to a throw-away location
    QCoreApplication::setOrganizationName(QStringLiteral("TinyCuratorTest"));
    QCoreApplication::setApplicationName(QStringLiteral("TestMainWindow"));
}

void TestMainWindow::init()
{
    TC_REQUIRE_SHARED();
    QSettings().clear();
    m_path = m_dir.filePath(QStringLiteral("w%1.tcproj").arg(QDateTime::currentMSecsSinceEpoch()));
    const QString error = test::makeWorldSmallProject(m_path);
    QVERIFY2(error.isEmpty(), qPrintable(error));
}

// Each tab of the assembled window: every label's Alt+letter has a field that takes the focus, and pressing
// it puts the focus there, in English and in German (where a letter taken twice, e.g. by a menu, would
// leave the key reaching neither).
void TestMainWindow::everyTabsMnemonicsReachTheirFields_data()
{
    QTest::addColumn<bool>("german");
    QTest::newRow("en") << false;
    QTest::newRow("de") << true;
}

void TestMainWindow::everyTabsMnemonicsReachTheirFields()
{
    QFETCH(bool, german);
    test::GermanCatalogue catalogue;
    if (german && !catalogue.install())
        QSKIP("no German catalogue built (build/app/tinycurator_de.qm)");
    MainWindow w;
    w.setQuiet(true);
    QVERIFY(w.openProject(m_path, QStringLiteral("alice")));
    w.resize(1280, 800);
    w.show();
    w.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&w));
    for (QWidget *tab : {static_cast<QWidget *>(w.verifyPage()), static_cast<QWidget *>(w.statisticsPage()),
                         static_cast<QWidget *>(w.reviewView())}) {
        w.tabs()->setCurrentWidget(tab);
        QTest::qWait(20);
        QCOMPARE(test::mnemonicProblems(tab), QStringList());
        QCOMPARE(test::mnemonicsNotReaching(tab), QStringList());
    }
    // And the dialogs it opens: File > Export Dataset, and Add Reference Set on the Duplicates tab.
    QStringList problems;
    checkNextDialog(&problems);
    w.exportAction()->trigger();
    QCOMPARE(problems, QStringList());
    checkNextDialog(&problems);
    w.reviewView()->addReferenceAction()->trigger();
    QCOMPARE(problems, QStringList());
}

// Once the next modal dialog is up: its mnemonics checked and pressed (into problems), then it is closed.
void TestMainWindow::checkNextDialog(QStringList *problems)
{
    auto *poll = new QTimer(this);
    poll->setInterval(20);
    connect(poll, &QTimer::timeout, this, [poll, problems] {
        auto *dialog = qobject_cast<QDialog *>(QApplication::activeModalWidget());
        if (!dialog)
            return;
        poll->stop();
        poll->deleteLater();
        dialog->activateWindow();
        // On a loaded machine the dialog reports active before it holds the focus; mnemonics go to the focus's window.
        if (!QTest::qWaitFor([dialog] {
                return QApplication::activeWindow() == dialog && dialog->isAncestorOf(QApplication::focusWidget());
            }))
            *problems << QStringLiteral("%1 never took the focus").arg(dialog->windowTitle());
        *problems << test::mnemonicProblems(dialog) << test::mnemonicsNotReaching(dialog);
        dialog->reject();
    });
    poll->start();
}

void TestMainWindow::resumesWhereTheAnnotatorStopped()
{
    qint64 next = -1;
    {
        MainWindow w;
        w.setQuiet(true);
        QVERIFY(w.openProject(m_path, QStringLiteral("alice")));
        w.show();
        for (int i = 0; i < 5; ++i)
            QTest::keyClick(w.verifyPage()->singleView(), Qt::Key_Y);
        next = current(w);
    }
    MainWindow again;
    QVERIFY(again.openProject(m_path, QStringLiteral("alice")));
    QCOMPARE(current(again), next);
    // Another annotator starts at the beginning: resume is per annotator.
    MainWindow bob;
    QVERIFY(bob.openProject(m_path, QStringLiteral("bob")));
    QCOMPARE(current(bob), test::decisionLog(m_path).constFirst().candidateId);
}

void TestMainWindow::ctrlZUndoesThroughTheWindowShortcut()
{
    MainWindow w;
    w.setQuiet(true);
    QVERIFY(w.openProject(m_path, QStringLiteral("alice")));
    w.show();
    w.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&w));
    const qint64 first = current(w);
    QTest::keyClick(w.verifyPage()->singleView(), Qt::Key_N);
    QVERIFY(current(w) != first);
    QTest::keyClick(w.verifyPage()->singleView(), Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(current(w), first);
    const auto log = test::decisionLog(m_path);
    QCOMPARE(log.size(), 2);
    QCOMPARE(log[1].verdict, 0);
    QCOMPARE(log[1].undoes > 0, true);
}

void TestMainWindow::annotatorIsRememberedAndShownInTheStatusBar()
{
    {
        MainWindow w;
        QVERIFY(w.openProject(m_path, QStringLiteral("carol")));
        QCOMPARE(w.annotator(), QStringLiteral("carol"));
    }
    QCOMPARE(QSettings().value(QStringLiteral("annotator")).toString(), QStringLiteral("carol"));
    QVERIFY(QSettings()
                .value(QStringLiteral("recentProjects"))
                .toStringList()
                .contains(QFileInfo(m_path).absoluteFilePath()));
    MainWindow w;
    QVERIFY(w.openProject(m_path, QStringLiteral("carol")));
    bool shown = false;
    for (auto *label : w.findChildren<QLabel *>())
        shown = shown || label->text().contains(QStringLiteral("carol"));
    QVERIFY(shown);
}

// Every count in the window is under the project's accept rule: the status bar says which, and follows a
// change made on the Statistics tab with keys.
void TestMainWindow::acceptRuleIsShownAndFollowsAChange()
{
    MainWindow w;
    QVERIFY(w.openProject(m_path, QStringLiteral("alice")));
    auto *label = w.findChild<QLabel *>(QStringLiteral("acceptRuleLabel"));
    QVERIFY(label);
    QVERIFY2(label->text().contains(QStringLiteral("unanimous")), qPrintable(label->text()));
    w.tabs()->setCurrentWidget(w.statisticsPage());
    w.statisticsPage()->acceptRule()->setFocus();
    QTest::keyClick(w.statisticsPage()->acceptRule(), Qt::Key_Home); // latest
    QCOMPARE(w.project()->acceptRule(), core::AcceptRule::Latest);
    QVERIFY2(label->text().contains(QStringLiteral("latest")), qPrintable(label->text()));
}

void TestMainWindow::statisticsChartCountsCandidatesPerClass()
{
    // Oracle: truth.csv's records per keyword, summed over each class's keywords in the catalog JSON (a keyword
    // listed under two classes, like "cruiser", counts for both).
    QHash<QString, int> perKeyword;
    for (const auto &row : test::readTruthCsv())
        ++perKeyword[row.value(QStringLiteral("keyword"))];
    QFile json(test::fixture(QStringLiteral("world-small/keyword_counts.json")));
    QVERIFY(json.open(QIODevice::ReadOnly));
    const QJsonObject catalog = QJsonDocument::fromJson(json.readAll()).object();
    QHash<QString, int> perClass;
    for (auto c = catalog.begin(); c != catalog.end(); ++c)
        for (const QString &keyword : c.value().toObject().keys())
            perClass[c.key()] += perKeyword.value(keyword);
    MainWindow w;
    QVERIFY(w.openProject(m_path, QStringLiteral("alice")));
    w.tabs()->setCurrentWidget(w.statisticsPage());
    QChart *classChart = nullptr;
    for (auto *view : w.statisticsPage()->findChildren<QChartView *>())
        if (view->chart()->title().contains(QStringLiteral("per class")))
            classChart = view->chart();
    QVERIFY(classChart);
    auto *series = qobject_cast<QAbstractBarSeries *>(classChart->series().value(0));
    QVERIFY(series);
    QBarSet *candidates = series->barSets().value(0);
    // Horizontal bars: the class names are on the vertical axis.
    const auto *axis = qobject_cast<QBarCategoryAxis *>(classChart->axes(Qt::Vertical).value(0));
    QVERIFY(axis);
    QCOMPARE(axis->count(), perClass.size());
    for (int i = 0; i < axis->count(); ++i)
        QCOMPARE(int(candidates->at(i)), perClass.value(axis->at(i)));
}

void TestMainWindow::agreementShowsKappaAndConflicts()
{
    core::Project project;
    QVERIFY(project.open(m_path));
    const QList<qint64> ids = project.candidateIds({}, 0, 10);
    const QString a = QStringLiteral("AAAAAARRRR"), b = QStringLiteral("AAAAARRRRA");
    for (int i = 0; i < 10; ++i) {
        QVERIFY(project.recordDecision(ids[i], a[i] == u'A' ? core::Verdict::Accept : core::Verdict::Reject,
                                       QStringLiteral("alice")));
        QVERIFY(project.recordDecision(ids[i], b[i] == u'A' ? core::Verdict::Accept : core::Verdict::Reject,
                                       QStringLiteral("bob")));
    }
    // By hand: p_o = 8/10, both mark 6 A / 4 R so p_e = .36 + .16 = .52, kappa = .28 / .48.
    const QString expected = QString::number(0.28 / 0.48, 'f', 3);
    ui::AgreementDialog dialog(&project);
    dialog.setAnnotators(QStringLiteral("alice"), QStringLiteral("bob"));
    bool overallFound = false;
    for (int r = 0; r < dialog.agreementTable()->rowCount(); ++r)
        if (dialog.agreementTable()->item(r, 0)->text() == QStringLiteral("(all classes)")) {
            QCOMPARE(dialog.agreementTable()->item(r, 2)->text(), QStringLiteral("10"));
            QCOMPARE(dialog.agreementTable()->item(r, 4)->text(), expected);
            overallFound = true;
        }
    QVERIFY(overallFound);
    QCOMPARE(dialog.conflictModel()->rowCount(), 2);
    QSet<qint64> conflictIds;
    for (int r = 0; r < 2; ++r)
        conflictIds.insert(dialog.conflictModel()->candidateId(r));
    QCOMPARE(conflictIds, (QSet<qint64>{ids[5], ids[9]}));
}

void TestMainWindow::duplicatesTabAndExportAreTheWindowsOwn()
{
    // A plain MainWindow, no installer: the Duplicates tab, File > Export Dataset (Ctrl+E, before Quit) and the
    // Dataset tool bar are there, and export follows whether a project is open.
    MainWindow w;
    w.setQuiet(true);
    QCOMPARE(w.tabs()->count(), 3);
    QCOMPARE(w.tabs()->widget(0), static_cast<QWidget *>(w.verifyPage()));
    QCOMPARE(w.tabs()->widget(2), static_cast<QWidget *>(w.reviewView()));
    QCOMPARE(w.tabs()->tabText(2), QStringLiteral("&Duplicates"));
    QAction *exportAction = w.exportAction();
    QVERIFY(exportAction);
    QCOMPARE(exportAction->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_E));
    QVERIFY(!exportAction->isEnabled());
    const QList<QAction *> file = w.fileMenu()->actions();
    QCOMPARE(file.last()->shortcut(), QKeySequence(QKeySequence::Quit));
    QCOMPARE(file[file.size() - 3], exportAction); // Export, separator, Quit
    QVERIFY(file[file.size() - 2]->isSeparator());
    auto *bar = w.findChild<QToolBar *>(QStringLiteral("datasetToolBar"));
    QVERIFY(bar);
    QVERIFY(bar->actions().contains(exportAction));
    QVERIFY(bar->actions().contains(w.reviewView()->runAction()));

    QVERIFY(w.openProject(m_path, QStringLiteral("alice")));
    QVERIFY(exportAction->isEnabled());
    QCOMPARE(w.reviewView()->session() != nullptr, true);
    w.closeProject();
    QVERIFY(!exportAction->isEnabled());

    // Further views still join after the window's own tabs.
    auto *page = new QWidget;
    QCOMPARE(w.addPage(page, QStringLiteral("More")), 3);
    QCOMPARE(w.tabs()->tabText(3), QStringLiteral("More"));
}

QTEST_MAIN(TestMainWindow)
#include "TestMainWindow.moc"
