// The main window beside another writer: while `tinycurator-cli decide --stdin` holds the project, the
// window opens it read-only with a banner naming the holder, follows the decisions the other process
// commits (counts refresh, the annotator's current candidate stays), refuses to record in words, and
// "Open for Editing" makes it writable once the other process is done.
#include "tests/hardening/HardeningSupport.h"
#include "ui/MainWindow.h"
#include "ui/MainWindowAssembly.h"
#include "ui/ReadOnlyBanner.h"
#include "ui/SingleModeView.h"
#include "ui/VerifyPage.h"
#include "ui/VerifySession.h"

#include <QLabel>
#include <QProcess>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>

using namespace tc;
using ui::MainWindow;

class TestReadOnlyWindow final : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

    static QString progressText(MainWindow &w)
    {
        const auto *bar = w.statusBar()->findChild<QProgressBar *>();
        return bar ? bar->text() : QString();
    }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true); // QSettings go to a throw-away location
        QCoreApplication::setOrganizationName(QStringLiteral("TinyCuratorTest"));
        QCoreApplication::setApplicationName(QStringLiteral("TestReadOnlyWindow"));
        QSettings().clear();
    }

    void opensReadOnlyBesideAWriterAndFollowsIt()
    {
        const QString path = m_dir.filePath(QStringLiteral("shared.tcproj"));
        QVERIFY(test::hardening::makeSmallProject(path, 10)); // tiny 0..29
        QProcess writer;                                      // another annotator's script, same annotator name
        writer.start(test::cliPath(), {QStringLiteral("decide"), path, QStringLiteral("--stdin"),
                                       QStringLiteral("--annotator"), QStringLiteral("ann")});
        QVERIFY(writer.waitForStarted(30000));
        writer.write("20 reject\n");
        QVERIFY(writer.waitForReadyRead(60000) && writer.readLine().startsWith("recorded"));

        // The window main() shows, with every tab: each may try to save something when it opens.
        const std::unique_ptr<MainWindow> window = ui::createMainWindow();
        MainWindow &w = *window;
        w.setQuiet(true);
        QSignalSpy messages(w.statusBar(), &QStatusBar::messageChanged);
        QVERIFY(w.openProject(path, QStringLiteral("ann")));
        w.show();
        QVERIFY(QTest::qWaitForWindowExposed(&w));
        QVERIFY(w.project()->isReadOnly());
        QVERIFY(w.readOnlyBanner()->isVisibleTo(&w));
        const QString pid = QString::number(writer.processId());
        QVERIFY2(w.readOnlyBanner()->reason().contains(pid), qPrintable(w.readOnlyBanner()->reason()));
        // The message has the window's width, not a tool bar button's.
        const auto *label = w.readOnlyBanner()->findChild<QLabel *>();
        QVERIFY(label);
        QVERIFY2(label->width() >= label->fontMetrics().horizontalAdvance(QStringLiteral("Read-only: ")) * 4,
                 qPrintable(QString::number(label->width())));
        // Opening read-only tries to save nothing (the Duplicates tab's thresholds are the viewer's own).
        QTest::qWait(1500);
        for (const auto &m : std::as_const(messages))
            QVERIFY2(!m.at(0).toString().contains(QStringLiteral("cannot save")), qPrintable(m.at(0).toString()));
        if (const QString dir = qEnvironmentVariable("TC_SCREENSHOTS"); !dir.isEmpty())
            w.grab().save(dir + QStringLiteral("/read-only-banner.png"));
        const qint64 current = w.verifyPage()->session()->current().value_or(-1);
        QVERIFY(current > 0);
        QVERIFY2(progressText(w).startsWith(QStringLiteral("1 of 30")), qPrintable(progressText(w)));

        // The other process decides two more: the window's counts follow, its place stays.
        writer.write("2 reject\n3 unsure\n"); // elsewhere than the current candidate
        QByteArray confirmations;
        while ((confirmations += writer.readAll()).count("recorded") < 2 && writer.waitForReadyRead(60000)) {
        }
        QTRY_VERIFY2_WITH_TIMEOUT(progressText(w).startsWith(QStringLiteral("3 of 30")), qPrintable(progressText(w)),
                                  30000);
        QCOMPARE(w.verifyPage()->session()->current().value_or(-1), current);

        // Recording here is refused, in words.
        QTest::keyClick(w.verifyPage()->singleView(), Qt::Key_Y);
        QVERIFY2(w.statusBar()->currentMessage().contains(QStringLiteral("read-only")) &&
                     w.statusBar()->currentMessage().contains(pid), // who holds it
                 qPrintable(w.statusBar()->currentMessage()));
        QCOMPARE(w.project()->verdict(current, QStringLiteral("ann")), core::Verdict::None);

        // Once the other one is done, the window opens it for editing.
        writer.closeWriteChannel();
        QVERIFY(writer.waitForFinished(60000));
        w.readOnlyBanner()->reopenButton()->click();
        QVERIFY(!w.project()->isReadOnly());
        QVERIFY(!w.readOnlyBanner()->isVisibleTo(&w));
        const qint64 resumed = w.verifyPage()->session()->current().value_or(-1);
        QTest::keyClick(w.verifyPage()->singleView(), Qt::Key_Y);
        QCOMPARE(w.project()->verdict(resumed, QStringLiteral("ann")), core::Verdict::Accept);
    }
};

QTEST_MAIN(TestReadOnlyWindow)
#include "TestReadOnlyWindow.moc"
