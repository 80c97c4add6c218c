// The Duplicates tab of the assembled window on the bundled demo project, driven from the keyboard and
// the mouse: raising the L2 slider above what the stored search proved it found under shifts and
// mirroring (1000) brings up a notice, because export would now refuse; Run Duplicate Search (a click)
// searches with the raised guarantee and the notice goes; lowering the slider back keeps it away (the
// wider search covers it). After each step the project's settings and stored search mode are checked.
// In German the whole notice is German, the reason worded in core included. With TC_SCREENSHOT_DIR set
// it saves review-search-notice.png (and review-search-notice-de.png) there.
#include "core/project/DedupSettingsStore.h"
#include "core/project/Project.h"
#include "tests/support/TestSupport.h"
#include "ui/MainWindow.h"
#include "ui/ReviewView.h"
#include "ui/ThresholdBar.h"

#include <QLabel>
#include <QSlider>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QToolBar>
#include <QToolButton>

using namespace tc;

class TestReviewSearchNotice final : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        m_demo = m_dir.filePath(QStringLiteral("demo.tcproj"));
        const test::ProcessResult demo = test::buildDemoProject(m_demo);
        QVERIFY2(demo.exitCode == 0, demo.err.constData());
    }

    void raisedL2ThresholdAsksForANewSearch()
    {
        ui::MainWindow window;
        QVERIFY(window.openProject(m_demo, QStringLiteral("tester")));
        window.resize(1280, 800);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        // The tab's mnemonic is a shortcut: it only reaches an active window (a loaded machine activates late).
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QTest::keyClick(&window, Qt::Key_D, Qt::AltModifier); // the "&Duplicates" tab
        ui::ReviewView *review = window.reviewView();
        QCOMPARE(window.tabs()->currentWidget(), static_cast<QWidget *>(review));
        QLabel *notice = review->searchNotice();
        QVERIFY2(!notice->isVisible(), qPrintable(notice->text())); // the demo was searched with its settings

        QSlider *l2 = review->thresholdBar()->l2Slider();
        l2->setFocus();
        moveSlider(l2, 1500);
        QTRY_VERIFY2(notice->isVisible(), "no notice after the L2 threshold went to 1500");
        QVERIFY2(notice->text().contains(QLatin1String("L2 threshold 1500")), qPrintable(notice->text()));
        QCOMPARE(storedSettings().l2Threshold, 1500.0);
        QVERIFY(!storedSearch().current);
        if (const QString dir = qEnvironmentVariable("TC_SCREENSHOT_DIR"); !dir.isEmpty())
            QVERIFY(window.grab().save(dir + QStringLiteral("/review-search-notice.png")));

        QToolButton *run = runButton(review);
        QVERIFY(run);
        QTest::mouseClick(run, Qt::LeftButton);
        review->waitForJob();
        QTRY_VERIFY2(!notice->isVisible(), qPrintable(notice->text()));
        const core::DedupSearchState searched = storedSearch();
        QVERIFY2(searched.current, qPrintable(searched.problems.join(u'\n')));
        QVERIFY2(searched.mode.endsWith(QLatin1String(";l2_guarantee=1500")), qPrintable(searched.mode));

        l2->setFocus();
        moveSlider(l2, 1000);
        QTRY_COMPARE(storedSettings().l2Threshold, 1000.0);
        QVERIFY2(!notice->isVisible(), qPrintable(notice->text()));
        QVERIFY(storedSearch().current);
    }

    // Runs after the test above, whose search proved L2 up to 1500: a threshold of 2000 is beyond it.
    void noticeIsGermanInGerman()
    {
        test::GermanCatalogue german;
        if (!german.install())
            QSKIP("the German catalogue (tinycurator_de.qm) is not built");
        {
            core::Project p;
            QVERIFY(p.open(m_demo));
            core::DedupSettingsStore store(p.database());
            core::DedupSettings raised = store.settings();
            raised.l2Threshold = 2000;
            QVERIFY2(store.setSettings(raised), qPrintable(store.errorString()));
        }
        ui::MainWindow window;
        QVERIFY(window.openProject(m_demo, QStringLiteral("tester")));
        window.resize(1024, 700);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        ui::ReviewView *review = window.reviewView();
        window.tabs()->setCurrentWidget(review);
        QLabel *notice = review->searchNotice();
        QTRY_VERIFY2(notice->isVisible(), "no notice with the L2 threshold at 2000");
        const QString text = notice->text();
        QVERIFY2(text.contains(QStringLiteral("der L2-Schwellenwert 2000 liegt über dem L2")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("(1500)")), qPrintable(text));
        QVERIFY2(!text.contains(QLatin1String("threshold")) && !text.contains(QLatin1String("search")),
                 qPrintable(text));
        if (const QString dir = qEnvironmentVariable("TC_SCREENSHOT_DIR"); !dir.isEmpty())
            QVERIFY(window.grab().save(dir + QStringLiteral("/review-search-notice-de.png")));
    }

private:
    // Arrow keys on the focused slider (10 L2 per step), then the pause after which the pane saves.
    static void moveSlider(QSlider *slider, double l2)
    {
        const int target = int(l2 / 10);
        while (slider->value() != target) {
            const int before = slider->value();
            QTest::keyClick(slider, slider->value() < target ? Qt::Key_Right : Qt::Key_Left);
            QVERIFY2(slider->value() != before, "the slider did not move");
        }
    }

    static QToolButton *runButton(ui::ReviewView *review)
    {
        for (QToolBar *bar : review->findChildren<QToolBar *>())
            if (auto *button = qobject_cast<QToolButton *>(bar->widgetForAction(review->runAction())))
                return button;
        return nullptr;
    }

    core::DedupSettings storedSettings()
    {
        core::Project p;
        if (!p.openReadOnly(m_demo))
            return {};
        return core::DedupSettingsStore(p.database()).settings();
    }

    core::DedupSearchState storedSearch()
    {
        core::Project p;
        if (!p.openReadOnly(m_demo))
            return {};
        return core::DedupSettingsStore(p.database()).searchState();
    }

    QTemporaryDir m_dir;
    QString m_demo;
};

QTEST_MAIN(TestReviewSearchNotice)
#include "TestReviewSearchNotice.moc"
