// The export dialog: settings reach the backend as the CLI spells them, the dry run fills the preview with
// shortfalls highlighted, the export runs off the GUI thread with progress and cancel and ends in a summary.
#include "ReviewTestProject.h"
#include "ui/ExportDialog.h"
#include "ui/ExportPreviewTable.h"

#include <QCheckBox>
#include <QDir>
#include <QFileInfo>
#include <QPushButton>
#include <QSemaphore>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <atomic>

using namespace tc;

namespace {
// A backend that records what the dialog asked for; the rows are fixed inputs.
struct Recorder {
    QList<ui::ExportOptions> dryRuns;
    std::atomic<int> runs{0};
    std::atomic<bool> sawWorkerThread{false};
    QSemaphore release{0}; // run() waits here when blocking is set, so cancel can be tested
    bool blocking = false;

    ui::ExportBackend backend(QThread *guiThread)
    {
        ui::ExportBackend b;
        b.dryRun = [this](const ui::ExportOptions &o) {
            dryRuns << o;
            ui::ExportPreview p;
            p.rows << ui::ExportPreviewRow{QStringLiteral("airplane"), 1200, 40, o.perClass, 0, 0, 0, 1.5,
                                           QStringLiteral("jetliner")};
            p.rows << ui::ExportPreviewRow{QStringLiteral("cat"), 700, 0, 700, 0, 0, o.perClass - 700, 4.0, {}};
            return p;
        };
        b.run = [this, guiThread](const ui::ExportOptions &o, const core::Progress &progress) {
            sawWorkerThread = QThread::currentThread() != guiThread;
            ++runs;
            ui::ExportResult r;
            for (int i = 0; i <= 10; ++i) {
                progress.report(i, 10);
                if (blocking && i == 5)
                    release.acquire();
                if (progress.isCancelled()) {
                    r.error = QStringLiteral("cancelled");
                    return r;
                }
            }
            r.outputDir = o.outputDir;
            r.files = {QStringLiteral("data_batch_1"), QStringLiteral("test_batch")};
            r.train = 1600;
            r.test = 400;
            return r;
        };
        return b;
    }
};
} // namespace

class TestExportDialog final : public QObject {
    Q_OBJECT
private slots:
    void optionsReachTheBackend();
    void dryRunFillsTheTable();
    void exportRunsOffTheGuiThread();
    void cancelStopsTheExport();
    void coreDryRunAndExportWriteFiles();
};

void TestExportDialog::optionsReachTheBackend()
{
    Recorder rec;
    ui::ExportDialog dialog(rec.backend(QThread::currentThread()));
    ui::ExportOptions o;
    o.perClass = 800;
    o.testFraction = 0.25;
    o.seed = 7;
    o.formats = {QStringLiteral("npz"), QStringLiteral("cifar-binary")};
    o.outputDir = QStringLiteral("/tmp/out");
    o.force = true;
    dialog.setOptions(o);
    const ui::ExportOptions back = dialog.options();
    QCOMPARE(back.perClass, 800);
    QCOMPARE(back.testFraction, 0.25);
    QCOMPARE(back.seed, 7u);
    // Formats in the dialog's fixed order, whatever order they were set in.
    QCOMPARE(back.formats, QStringList({"cifar-binary", "npz"}));
    QCOMPARE(back.outputDir, QStringLiteral("/tmp/out"));
    QVERIFY(back.force);
    QVERIFY(!rec.dryRuns.isEmpty());
    QCOMPARE(rec.dryRuns.last().perClass, 800);
}

void TestExportDialog::dryRunFillsTheTable()
{
    Recorder rec;
    ui::ExportDialog dialog(rec.backend(QThread::currentThread()));
    ui::ExportOptions o;
    o.perClass = 1000;
    dialog.setOptions(o);
    ui::ExportPreviewTable *t = dialog.previewTable();
    QCOMPARE(t->rowCount(), 3); // two classes and the total
    QCOMPARE(t->item(0, ui::ExportPreviewTable::ClassCol)->text(), QStringLiteral("airplane"));
    QCOMPARE(t->item(0, ui::ExportPreviewTable::SelectedCol)->data(Qt::DisplayRole).toLongLong(), 1000);
    QCOMPARE(t->item(1, ui::ExportPreviewTable::ShortfallCol)->data(Qt::DisplayRole).toLongLong(), 300);
    QCOMPARE(t->item(2, ui::ExportPreviewTable::AvailableCol)->data(Qt::DisplayRole).toLongLong(), 1900);
    QCOMPARE(t->totalShortfall(), 300);
    QVERIFY(t->item(0, ui::ExportPreviewTable::DeviationCol)->text().contains(QStringLiteral("jetliner")));
    // A shortfall row is highlighted, a complete one is not.
    QVERIFY(t->item(1, 0)->background().style() != Qt::NoBrush);
    QCOMPARE(t->item(0, 0)->background().style(), Qt::NoBrush);
}

void TestExportDialog::exportRunsOffTheGuiThread()
{
    Recorder rec;
    QTemporaryDir dir;
    ui::ExportDialog dialog(rec.backend(QThread::currentThread()));
    ui::ExportOptions o;
    o.outputDir = dir.path();
    dialog.setOptions(o);
    QSignalSpy finished(&dialog, &ui::ExportDialog::exportFinished);
    QVERIFY(dialog.startExport());
    QVERIFY(finished.wait(30000));
    QCOMPARE(finished.first().first().toBool(), true);
    QVERIFY(rec.sawWorkerThread);
    QCOMPARE(rec.runs.load(), 1);
    QVERIFY2(dialog.summaryText().contains(QStringLiteral("1600 train and 400 test")),
             qPrintable(dialog.summaryText()));
    QVERIFY(dialog.findChild<QPushButton *>() != nullptr);
}

void TestExportDialog::cancelStopsTheExport()
{
    Recorder rec;
    rec.blocking = true;
    QTemporaryDir dir;
    ui::ExportDialog dialog(rec.backend(QThread::currentThread()));
    ui::ExportOptions o;
    o.outputDir = dir.path();
    dialog.setOptions(o);
    QSignalSpy finished(&dialog, &ui::ExportDialog::exportFinished);
    QVERIFY(dialog.startExport());
    QVERIFY(dialog.isExporting());
    dialog.cancelExport();
    rec.release.release();
    QVERIFY(finished.wait(30000));
    QCOMPARE(finished.first().first().toBool(), false);
    QVERIFY(dialog.summaryText().contains(QStringLiteral("cancelled")));
}

void TestExportDialog::coreDryRunAndExportWriteFiles()
{
    TC_REQUIRE_SHARED();
    TC_REQUIRE_PYTHON("numpy");
    QTemporaryDir dir;
    const QString projectPath = dir.filePath(QStringLiteral("export.tcproj"));
    {
        core::Project project;
        QString error;
        QVERIFY2(test::importWorldSmall(project, projectPath, &error), qPrintable(error));
        QList<core::DecisionInput> accept;
        for (qint64 id : project.candidateIds({}, 0, 100000))
            accept << core::DecisionInput{id, core::Verdict::Accept};
        QVERIFY(project.recordDecisions(accept, QStringLiteral("tester")));
    }
    ui::ExportDialog dialog(ui::coreExportBackend(projectPath));
    ui::ExportOptions o;
    o.perClass = 6;
    o.testFraction = 0.5;
    o.seed = 3;
    o.formats = {QStringLiteral("npz"), QStringLiteral("cifar-python")};
    o.outputDir = dir.filePath(QStringLiteral("out"));
    dialog.setOptions(o);
    ui::ExportPreviewTable *t = dialog.previewTable();
    QCOMPARE(t->rowCount(), 11); // world-small's ten classes and the total
    qint64 selected = 0;
    for (int r = 0; r < 10; ++r)
        selected += t->item(r, ui::ExportPreviewTable::SelectedCol)->data(Qt::DisplayRole).toLongLong();
    QCOMPARE(t->item(10, ui::ExportPreviewTable::SelectedCol)->data(Qt::DisplayRole).toLongLong(), selected);
    QVERIFY(selected > 0);
    QSignalSpy finished(&dialog, &ui::ExportDialog::exportFinished);
    QVERIFY(dialog.startExport());
    QVERIFY(finished.wait(120000));
    QVERIFY2(finished.first().first().toBool(), qPrintable(dialog.summaryText()));
    // What users load: the npz with numpy, allow_pickle=False; its size is what the preview promised.
    const auto py = test::runPython(QStringLiteral("import numpy as np, sys, glob\n"
                                                   "n = 0\n"
                                                   "for f in glob.glob(sys.argv[1] + '/**/*.npz', recursive=True):\n"
                                                   "    n += len(np.load(f, allow_pickle=False)['labels'])\n"
                                                   "print(n)"),
                                    {o.outputDir});
    QVERIFY2(py.exitCode == 0, py.err.constData());
    // Every file the export reports is on disk in the chosen folder.
    QVERIFY(!dialog.lastResult().files.isEmpty());
    for (const QString &f : dialog.lastResult().files)
        QVERIFY2(QFileInfo::exists(o.outputDir + QLatin1Char('/') + f), qPrintable(f));
    QCOMPARE(py.out.trimmed().toLongLong(), selected);
    QVERIFY(dialog.summaryText().contains(QString::number(selected / 2)));
}

QTEST_MAIN(TestExportDialog)
#include "TestExportDialog.moc"
