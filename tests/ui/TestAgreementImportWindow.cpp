// A decisions CSV imported through the window main() shows (ui::createMainWindow, Tools > Annotator
// Agreement..., Import decisions): the import runs on a worker with its own connection, the dialog's
// progress bar climbs to its end, nothing else in the dialog records meanwhile, Close does not drop
// it, and the window's counts follow as soon as it commits. Cancel records nothing at all, and the
// same file then imports completely.
//
// The cancel is made deterministic without any timing: the test holds the project's SQLite write lock
// on a connection of its own while the import runs, so the worker cannot commit before the Cancel
// click has been handled (it reads, reports progress, then waits for the lock); the lock is released
// only after the click. That the click and the progress arrive while the worker works is the window
// staying responsive.
#include "core/project/Project.h"
#include "tests/project/ProjectFixture.h"
#include "ui/AgreementDialog.h"
#include "ui/MainWindow.h"
#include "ui/MainWindowAssembly.h"

#include <QAction>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <functional>

using namespace tc;
using ui::AgreementDialog;
using ui::MainWindow;

class TestAgreementImportWindow final : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_path;
    QString m_csv;
    static constexpr int kRows = 4000; // several of the importer's 1024-row progress steps

    static QString decidedText(MainWindow &w)
    {
        const auto *bar = w.statusBar()->findChild<QProgressBar *>();
        return bar ? bar->text() : QString();
    }

    qint64 decisionCount(MainWindow &w)
    {
        return w.project()->database().queryInt(QStringLiteral("SELECT count(*) FROM decisions"));
    }

    // Opens Tools > Annotator Agreement... (a modal dialog: exec() runs until it closes), runs drive
    // inside it, then closes it whatever drive found.
    static void withAgreementDialog(MainWindow &w, const std::function<void(AgreementDialog &)> &drive)
    {
        QAction *action = nullptr;
        for (QAction *a : w.findChildren<QAction *>())
            if (a->text().contains(QStringLiteral("greement")))
                action = a;
        QVERIFY(action);
        bool ran = false;
        QTimer::singleShot(0, &w, [&] {
            auto *dialog = w.findChild<AgreementDialog *>();
            if (!dialog)
                return;
            ran = true;
            drive(*dialog);
            if (dialog->isImporting()) { // a failed check left it running: stop it before closing
                dialog->cancelImport();
                QSignalSpy finished(dialog, &AgreementDialog::importFinished);
                finished.wait(60000);
            }
            dialog->done(QDialog::Rejected);
        });
        action->trigger();
        QVERIFY2(ran, "Tools > Annotator Agreement... opened no AgreementDialog");
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true); // QSettings go to a throw-away location
        QCoreApplication::setOrganizationName(QStringLiteral("TinyCuratorTest"));
        QCoreApplication::setApplicationName(QStringLiteral("TestAgreementImportWindow"));
        QSettings().clear();
        // Old-format decisions over the fixture's nine candidates (tiny 1000..1008): the window's own
        // annotator "ann" decides all nine, then kRows rows by other annotators, each new; a column the
        // import ignores makes the file span several of the reader's chunks.
        QByteArray csv = "tiny_index,verdict,annotator,note\n";
        for (int i = 0; i < 9; ++i)
            csv += QByteArray::number(1000 + i) + ",accept,ann,\n";
        const QByteArray note(100, 'x');
        for (int i = 0; i < kRows; ++i)
            csv += QByteArray::number(1000 + i % 9) + (i % 2 ? ",accept,a" : ",reject,a") + QByteArray::number(i / 9) +
                   ',' + note + '\n';
        m_csv = m_dir.filePath(QStringLiteral("team.csv"));
        QFile f(m_csv);
        QVERIFY(f.open(QIODevice::WriteOnly));
        QCOMPARE(f.write(csv), qint64(csv.size()));
    }

    void init()
    {
        m_path = m_dir.filePath(QStringLiteral("%1.tcproj").arg(QTest::currentTestFunction()));
        core::Project p;
        QVERIFY(test::makeFixtureProject(p, m_path));
    }

    void importShowsProgressAndTheWindowFollows()
    {
        const std::unique_ptr<MainWindow> window = ui::createMainWindow();
        MainWindow &w = *window;
        w.setQuiet(true);
        QVERIFY(w.openProject(m_path, QStringLiteral("ann")));
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QCOMPARE(decidedText(w), QStringLiteral("0 of 9 decided by you"));

        withAgreementDialog(w, [&](AgreementDialog &d) {
            QList<QPair<int, int>> bar; // (value, maximum) as the progress bar showed them
            connect(d.importProgress(), &QProgressBar::valueChanged, &d, [&](int value) {
                bar.append({value, d.importProgress()->maximum()});
            });
            QSignalSpy finished(&d, &AgreementDialog::importFinished);
            QVERIFY(d.importDecisions(m_csv));
            // While it runs: the bar and Cancel show, nothing else in the dialog records, no second import.
            QVERIFY(d.isImporting());
            QVERIFY(d.importProgress()->isVisibleTo(&d));
            QVERIFY(d.cancelImportButton()->isVisibleTo(&d) && d.cancelImportButton()->isEnabled());
            QVERIFY(!d.importButton()->isEnabled());
            QVERIFY(!d.importDecisions(m_csv));
            for (auto *b : d.findChildren<QPushButton *>())
                if (b->text().contains(QStringLiteral("Accept")) || b->text().contains(QStringLiteral("Reject")))
                    QVERIFY2(!b->isEnabled(), qPrintable(b->text()));
            // Escape / Close does not drop a running import.
            d.reject();
            QVERIFY(d.isVisible());

            QVERIFY(finished.wait(120000));
            QCOMPARE(finished.takeFirst().at(0).toBool(), true);
            QVERIFY2(d.statusLabel()->text().contains(QStringLiteral("Imported %1 decision(s)").arg(kRows + 9)),
                     qPrintable(d.statusLabel()->text()));
            // The bar climbed (never back) through reading and recording to its end, then hid.
            QVERIFY2(bar.size() >= 4, qPrintable(QString::number(bar.size())));
            for (qsizetype i = 1; i < bar.size(); ++i)
                if (bar[i].second == bar[i - 1].second && bar[i].second > 0)
                    QVERIFY2(bar[i].first >= bar[i - 1].first,
                             qPrintable(QStringLiteral("the bar went back from %1 to %2 of %3")
                                            .arg(bar[i - 1].first)
                                            .arg(bar[i].first)
                                            .arg(bar[i].second)));
            QVERIFY(bar.constLast().second > 0);
            QCOMPARE(bar.constLast().first, bar.constLast().second);
            bool midway = false;
            for (const auto &[value, maximum] : std::as_const(bar))
                midway = midway || (value > 0 && value < maximum);
            QVERIFY2(midway, "no progress between start and end");
            QVERIFY(!d.importProgress()->isVisibleTo(&d));
            QVERIFY(!d.cancelImportButton()->isVisibleTo(&d));
            QVERIFY(d.importButton()->isEnabled());
            // The window's counts follow at once, while the dialog is still open (not at the watcher's
            // next tick): ann's nine decisions came from the worker's connection.
            QCOMPARE(decidedText(w), QStringLiteral("9 of 9 decided by you"));
        });
        QVERIFY(!QTest::currentTestFailed());
        QCOMPARE(decisionCount(w), qint64(kRows + 9));
        QCOMPARE(w.project()->verdict(1, QStringLiteral("ann")), core::Verdict::Accept);
    }

    void cancelRecordsNothing()
    {
        {
            core::Project p;
            QVERIFY(p.open(m_path));
            QVERIFY(p.recordDecision(1, core::Verdict::Reject, QStringLiteral("ann")));
        }
        const std::unique_ptr<MainWindow> window = ui::createMainWindow();
        MainWindow &w = *window;
        w.setQuiet(true);
        QVERIFY(w.openProject(m_path, QStringLiteral("ann")));
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        const qint64 before = decisionCount(w);
        QCOMPARE(decidedText(w), QStringLiteral("1 of 9 decided by you"));

        // Another connection's write transaction: the worker can read and report, not commit.
        core::Project holder;
        QVERIFY(holder.open(m_path)); // same process: the project's lock is shared
        QVERIFY(holder.database().exec(QStringLiteral("BEGIN IMMEDIATE")));
        bool released = false;
        const auto release = [&] {
            if (!released)
                released = holder.database().exec(QStringLiteral("ROLLBACK"));
        };

        withAgreementDialog(w, [&](AgreementDialog &d) {
            QSignalSpy finished(&d, &AgreementDialog::importFinished);
            QVERIFY(d.importDecisions(m_csv));
            // The worker reports while the GUI thread handles events: wait for the bar to move.
            QTRY_VERIFY_WITH_TIMEOUT(d.importProgress()->value() > 0, 60000);
            QVERIFY(d.isImporting());
            // A look, not an assertion: the dialog mid-import (TC_SCREENSHOT_DIR, as the other views).
            if (const QString dir = qEnvironmentVariable("TC_SCREENSHOT_DIR"); !dir.isEmpty())
                QVERIFY(d.grab().save(dir + QStringLiteral("/agreement-import.png")));
            QTest::mouseClick(d.cancelImportButton(), Qt::LeftButton);
            release();
            QVERIFY(finished.wait(120000));
            QCOMPARE(finished.takeFirst().at(0).toBool(), false);
            QCOMPARE(d.statusLabel()->text(), QStringLiteral("Import cancelled: nothing was recorded."));
            QVERIFY(!d.isImporting());
            QVERIFY(d.importButton()->isEnabled());
            QVERIFY(!d.importProgress()->isVisibleTo(&d));
            QCOMPARE(decisionCount(w), before);
            QCOMPARE(w.project()->annotators(), QStringList{QStringLiteral("ann")});
            QCOMPARE(w.project()->verdict(1, QStringLiteral("ann")), core::Verdict::Reject);
            QCOMPARE(decidedText(w), QStringLiteral("1 of 9 decided by you"));

            // Nothing half-done was left behind: the same file, not cancelled, imports completely.
            QVERIFY(d.importDecisions(m_csv));
            QVERIFY(finished.wait(120000));
            QCOMPARE(finished.takeFirst().at(0).toBool(), true);
            QVERIFY2(d.statusLabel()->text().contains(QStringLiteral("Imported %1 decision(s)").arg(kRows + 9)),
                     qPrintable(d.statusLabel()->text()));
        });
        release();
        QVERIFY(!QTest::currentTestFailed());
        QCOMPARE(decisionCount(w), before + kRows + 9);
        QCOMPARE(w.project()->verdict(1, QStringLiteral("ann")), core::Verdict::Accept);
    }

    // A window that opened the project read-only (another process writes it) offers no import.
    void readOnlyWindowOffersNoImport()
    {
        core::Project readOnly;
        QVERIFY(readOnly.open(m_path, core::Project::Access::ReadOnly));
        AgreementDialog d(&readOnly, QStringLiteral("ann"));
        QVERIFY(!d.importButton()->isEnabled());
        QVERIFY(!d.importDecisions(m_csv));
        QVERIFY(!d.isImporting());
    }
};

QTEST_MAIN(TestAgreementImportWindow)
#include "TestAgreementImportWindow.moc"
