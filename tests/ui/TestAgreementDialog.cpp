#include "core/project/DecisionCsv.h"
#include "core/project/DisputeListModel.h"
#include "core/project/Project.h"
#include "core/project/Statement.h"
#include "tests/project/ProjectFixture.h"
#include "tests/support/TestSupport.h"
#include "tests/ui/VerifyTestProject.h"
#include "ui/AgreementDialog.h"

#include <QBuffer>
#include <QCheckBox>
#include <QFile>
#include <QLabel>
#include <QPixmap>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>

using namespace tc;
using core::Verdict;

// The Agreement dialog as a curator uses it: conflicts with thumbnails and every annotator's
// verdict, settled with the mouse and the keys, undone with Ctrl+Z, filtered to the unsettled ones.
// Each gesture is checked against what the project recorded (the decision log), not the widgets.
class TestAgreementDialog final : public QObject {
    Q_OBJECT
private:
    QTemporaryDir m_dir;
    std::unique_ptr<core::Project> m_project;

    // Adjudications recorded so far: "candidate verdict annotator" (effective ones only).
    QStringList adjudications()
    {
        QStringList list;
        core::Statement q(m_project->database(),
                          QStringLiteral("SELECT candidate_id, verdict, annotator FROM adjudication_state ORDER BY 1"));
        while (q.next())
            list << QStringLiteral("%1 %2 %3").arg(q.int64(0)).arg(q.int64(1)).arg(q.text(2));
        return list;
    }

    static void clickRow(QTableView *view, int row)
    {
        const QRect cell = view->visualRect(view->model()->index(row, 2));
        QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, cell.center());
    }

private slots:
    void init()
    {
        m_project = std::make_unique<core::Project>();
        QVERIFY(tc::test::makeFixtureProject(
            *m_project, m_dir.filePath(QStringLiteral("%1.tcproj").arg(QTest::currentTestFunction()))));
        // alice and bob disagree on 2, 3 and 8; agree on 1.
        QVERIFY(m_project->recordDecisions(
            {{1, Verdict::Accept}, {2, Verdict::Accept}, {3, Verdict::Reject}, {8, Verdict::Accept}},
            QStringLiteral("alice")));
        QVERIFY(m_project->recordDecisions(
            {{1, Verdict::Accept}, {2, Verdict::Reject}, {3, Verdict::Unsure}, {8, Verdict::Reject}},
            QStringLiteral("bob")));
    }
    void cleanup() { m_project.reset(); }

    void showsEachConflictWithThumbnailAndVerdicts()
    {
        ui::AgreementDialog dialog(m_project.get(), QStringLiteral("curator"));
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QTableView *view = dialog.conflictView();
        QCOMPARE(view->model()->rowCount(), 3);
        QCOMPARE(dialog.conflictModel()->candidateId(0), 2);
        // The thumbnail is the candidate's own pixels, scaled 2x.
        const QPixmap thumb = view->model()->index(0, 0).data(Qt::DecorationRole).value<QPixmap>();
        QCOMPARE(thumb.size(), QSize(64, 64));
        const QByteArray px = tc::test::fixturePixels(1001); // candidate 2 is Tiny index 1001
        QCOMPARE(thumb.toImage().pixel(0, 0), qRgb(quint8(px[0]), quint8(px[1]), quint8(px[2])));
        QCOMPARE(view->model()->headerData(core::DisputeListModel::FirstAnnotatorColumn, Qt::Horizontal).toString(),
                 QStringLiteral("alice"));
        QVERIFY(view->model()
                    ->index(0, core::DisputeListModel::FirstAnnotatorColumn + 1)
                    .data()
                    .toString()
                    .startsWith(QStringLiteral("reject")));
        QVERIFY(view->model()->index(0, 1).data().toString() == QStringLiteral("cat"));
        QVERIFY(dialog.summaryLabel()->text().contains(QStringLiteral("unanimous")));
    }

    void settlesWithKeysAndMouseAndUndoes()
    {
        ui::AgreementDialog dialog(m_project.get(), QStringLiteral("curator"));
        dialog.show();
        dialog.activateWindow(); // the keys are window shortcuts: they need the active window
        QVERIFY(QTest::qWaitForWindowActive(&dialog));
        QTableView *view = dialog.conflictView();
        clickRow(view, 0);
        QTest::keyClick(view, Qt::Key_A);
        QCOMPARE(adjudications(), QStringList{QStringLiteral("2 1 curator")});
        QCOMPARE(m_project->finalVerdict(2), Verdict::Accept);
        // The selection moved on: R settles candidate 3.
        QTest::keyClick(view, Qt::Key_R);
        QCOMPARE(adjudications(), (QStringList{QStringLiteral("2 1 curator"), QStringLiteral("3 2 curator")}));
        // Ctrl+Z takes back the last one only.
        QTest::keyClick(view, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(adjudications(), QStringList{QStringLiteral("2 1 curator")});
        QCOMPARE(m_project->history(QStringLiteral("curator"), 1).first().viewMode, QStringLiteral("undo"));
        // The Reject button with the mouse, on the last row.
        clickRow(view, 2);
        QPushButton *reject = nullptr;
        for (auto *b : dialog.findChildren<QPushButton *>())
            if (b->text().contains(QStringLiteral("Reject")))
                reject = b;
        QVERIFY(reject);
        QTest::mouseClick(reject, Qt::LeftButton);
        QCOMPARE(adjudications(), (QStringList{QStringLiteral("2 1 curator"), QStringLiteral("8 2 curator")}));
        QCOMPARE(m_project->finalVerdict(8), Verdict::Reject);
        // Unsettled only: candidate 3 is left.
        QTest::mouseClick(dialog.unsettledOnlyBox(), Qt::LeftButton);
        QCOMPARE(view->model()->rowCount(), 1);
        QCOMPARE(dialog.conflictModel()->candidateId(0), 3);
    }

    void importReportsHowFinalVerdictsMoved()
    {
        ui::AgreementDialog dialog(m_project.get(), QStringLiteral("curator"));
        const QString csv = m_dir.filePath(QStringLiteral("carol.csv"));
        QFile f(csv);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("tiny_index,verdict,annotator\n1000,reject,carol\n1004,accept,carol\n");
        f.close();
        // The import runs on a worker: its outcome arrives with importFinished().
        QSignalSpy finished(&dialog, &ui::AgreementDialog::importFinished);
        QVERIFY(dialog.importDecisions(csv));
        QVERIFY(finished.wait(60000));
        QCOMPARE(finished.takeFirst().at(0).toBool(), true);
        // 1 was accepted by alice and bob; carol's reject takes it out under unanimous. 5 is new.
        QVERIFY2(dialog.statusLabel()->text().contains(QStringLiteral("1 became accepted, 1 no longer accepted")),
                 qPrintable(dialog.statusLabel()->text()));
        QCOMPARE(dialog.conflictModel()->rowCount(), 4);
        // A bad file records nothing and says which line.
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("tiny_index,verdict,annotator\n1002,accept,carol\n1003,maybe,carol\n");
        f.close();
        QVERIFY(dialog.importDecisions(csv));
        QVERIFY(finished.wait(60000));
        QCOMPARE(finished.takeFirst().at(0).toBool(), false);
        QVERIFY2(dialog.statusLabel()->text().contains(QStringLiteral("carol.csv:3:")),
                 qPrintable(dialog.statusLabel()->text()));
        QCOMPARE(m_project->verdict(3, QStringLiteral("carol")), Verdict::None);
    }

    // Saves docs/screenshots/agreement.png when TC_SCREENSHOT_DIR is set (a look, not an assertion):
    // world-small decided by alice (truth.csv) and bob (every 4th verdict flipped), two settled.
    void screenshot()
    {
        const QString dir = qEnvironmentVariable("TC_SCREENSHOT_DIR");
        if (dir.isEmpty())
            QSKIP("TC_SCREENSHOT_DIR not set");
        TC_REQUIRE_SHARED();
        const QString path = m_dir.filePath(QStringLiteral("world-shot.tcproj"));
        const QString error = test::makeWorldSmallProject(path);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        core::Project project;
        QVERIFY(project.open(path));
        for (const char *who : {"alice", "bob"}) {
            QByteArray csv = "tiny_index,verdict,annotator,class\n";
            int row = 0;
            for (const auto &t : test::readTruthCsv()) {
                if (t.value(QStringLiteral("keyword_class")).isEmpty())
                    continue;
                bool accept = t.value(QStringLiteral("correct")) == QLatin1String("1");
                if (QByteArray(who) == "bob" && row % 4 == 3)
                    accept = !accept;
                ++row;
                csv += t.value(QStringLiteral("tiny_index")).toUtf8() + (accept ? ",accept," : ",reject,") + who + ',' +
                       t.value(QStringLiteral("keyword_class")).toUtf8() + '\n';
            }
            QBuffer in(&csv);
            in.open(QIODevice::ReadOnly);
            core::DecisionCsv importer(project);
            QVERIFY2(importer.read(&in, QStringLiteral("decisions.csv")), qPrintable(importer.errorString()));
        }
        ui::AgreementDialog dialog(&project, QStringLiteral("curator"));
        dialog.resize(1200, 820);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QVERIFY(dialog.settleSelected(true));
        QVERIFY(dialog.settleSelected(false));
        QTest::qWait(200);
        QVERIFY(dialog.grab().save(dir + QStringLiteral("/agreement.png")));
    }
};

QTEST_MAIN(TestAgreementDialog)
#include "TestAgreementDialog.moc"
