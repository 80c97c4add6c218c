// The export dialog: settings reach the backend as the CLI spells them, the dry run fills the preview with
// shortfalls highlighted, the export runs off the GUI thread with progress and cancel and ends in a summary.
#include "MnemonicCheck.h"
#include "ReviewTestProject.h"
#include "core/export/ExportFolder.h"
#include "tests/export/CliProject.h"
#include "ui/ExportDialog.h"
#include "ui/ExportPreviewTable.h"

#include <QApplication>
#include <QCheckBox>
#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSemaphore>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimer>
#include <atomic>

using namespace tc;

namespace {
core::ClassReport classReport(const QString &name, qint64 available, qint64 inAvoid, qint64 selected, qint64 shortfall,
                              double deviation, const QString &worst)
{
    core::ClassReport r;
    r.name = name;
    r.available = available;
    r.availableInAvoid = inAvoid;
    r.selected = selected;
    r.shortfall = shortfall;
    r.maxDeviation = deviation;
    r.worstKeyword = worst;
    return r;
}

// A backend that records what the dialog asked for; the rows are fixed inputs.
struct Recorder {
    QList<core::ExportSettings> dryRuns;
    std::atomic<int> runs{0};
    std::atomic<bool> sawWorkerThread{false};
    QSemaphore release{0}; // run() waits here halfway when blocking is set (at most 20 s, never forever)
    bool blocking = false;
    bool shortBlocks = false; // the dry run reports the cat shortfall as core does: a block to ask about
    QList<core::ExportSettings> started;

    ui::ExportBackend backend(QThread *guiThread)
    {
        ui::ExportBackend b;
        b.dryRun = [this](const core::ExportSettings &o) {
            dryRuns << o;
            ui::ExportPreview p;
            p.rows.push_back(
                classReport(QStringLiteral("airplane"), 1200, 40, o.perClass, 0, 1.5, QStringLiteral("jetliner")));
            p.rows.push_back(classReport(QStringLiteral("cat"), 700, 0, 700, o.perClass - 700, 4.0, {}));
            if (shortBlocks && o.perClass > 700 && !o.allowShortfall) {
                p.block = ui::ExportBlock::Shortfall;
                p.shortfall = QStringLiteral("cat 700 of %1").arg(o.perClass);
            }
            return p;
        };
        b.run = [this, guiThread](const core::ExportSettings &o, const core::Progress &progress) {
            sawWorkerThread = QThread::currentThread() != guiThread;
            ++runs;
            started << o;
            ui::ExportResult r;
            for (int i = 0; i <= 10; ++i) {
                if (blocking && i == 5) // past QFuture's progress throttle (25 updates/s): 5 is delivered
                    QThread::msleep(100);
                progress.report(i, 10);
                if (blocking && i == 5 && !release.tryAcquire(1, 20000)) {
                    r.error = QStringLiteral("run() was never released");
                    return r;
                }
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
    void everyMnemonicReachesItsField();
    void emptySplitIsWordedInGerman();
    void dryRunFillsTheTable();
    void exportRunsOffTheGuiThread();
    void cancelStopsTheExport();
    void unreadableTargetIsShown();
    void coreDryRunAndExportWriteFiles();
    void startsAtTheProjectTarget();
    void asksBeforeWritingShortClasses();
    void staleSearchIsOfferedThenExported();
    void cancelledSearchExportsNothing();
    void overwriteGoesThroughTheCoreCheck();
    void seedTheCliTakesGivesTheSameExport_data();
    void seedTheCliTakesGivesTheSameExport();
    void seedTheCliRefusesIsRefused();
};

namespace {
// Answers the dialog's next question (a modal QMessageBox named "exportQuestion") once it is shown;
// *text receives what it asked.
void answerNextQuestion(bool yes, QString *text)
{
    auto *timer = new QTimer;
    timer->setInterval(20);
    QObject::connect(timer, &QTimer::timeout, timer, [timer, yes, text] {
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        if (!box || box->objectName() != QLatin1String("exportQuestion"))
            return;
        *text = box->text();
        QAbstractButton *button =
            yes ? box->findChild<QPushButton *>(QStringLiteral("exportQuestionYes")) : box->button(QMessageBox::Cancel);
        button->click();
        timer->deleteLater();
    });
    timer->start();
}

// A world-small project (4 candidates per keyword), every candidate accepted by one annotator.
bool acceptedProject(const QString &path, int target = 0)
{
    core::Project project;
    QString error;
    if (!test::importWorldSmall(project, path, &error))
        return false;
    QList<core::DecisionInput> accept;
    for (qint64 id : project.candidateIds({}, 0, 100000))
        accept << core::DecisionInput{id, core::Verdict::Accept};
    return project.recordDecisions(accept, QStringLiteral("tester")) &&
           (target == 0 || project.setTargetPerClass(target));
}
} // namespace

void TestExportDialog::optionsReachTheBackend()
{
    Recorder rec;
    ui::ExportDialog dialog(rec.backend(QThread::currentThread()));
    core::ExportSettings o;
    o.perClass = 800;
    o.testFraction = 0.25;
    o.seed = 7;
    o.formats = {QStringLiteral("npz"), QStringLiteral("cifar-binary")};
    o.outputDir = QStringLiteral("/tmp/out");
    o.force = true;
    dialog.setOptions(o);
    const core::ExportSettings back = dialog.options();
    QCOMPARE(back.perClass, 800);
    QCOMPARE(back.testFraction, 0.25);
    QCOMPARE(back.seed, quint64(7));
    // Formats in the dialog's fixed order, whatever order they were set in.
    QCOMPARE(back.formats, QStringList({"cifar-binary", "npz"}));
    QCOMPARE(back.outputDir, QStringLiteral("/tmp/out"));
    QVERIFY(back.force);
    QVERIFY(!rec.dryRuns.isEmpty());
    QCOMPARE(rec.dryRuns.last().perClass, 800);
}

// A label with a mnemonic and no buddy shows its '&' and Alt+letter reaches nothing ("&Test fraction:" did
// both, the form row's field being a layout). Each one moves the focus to its field from the keyboard.
void TestExportDialog::everyMnemonicReachesItsField()
{
    Recorder rec;
    ui::ExportDialog dialog(rec.backend(QThread::currentThread()));
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    dialog.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&dialog));
    QCOMPARE(test::mnemonicProblems(&dialog), QStringList());
    QCOMPARE(test::mnemonicsNotReaching(&dialog), QStringList());
}

// Nothing accepted yet: the dry run says the train split would be empty. Worded in core, it was English
// inside the German dialog; the CLI keeps the English (TestExportChecks).
void TestExportDialog::emptySplitIsWordedInGerman()
{
    TC_REQUIRE_SHARED();
    test::GermanCatalogue german;
    if (!german.install())
        QSKIP("no German catalogue built (build/app/tinycurator_de.qm)");
    QTemporaryDir dir;
    const QString projectPath = dir.filePath(QStringLiteral("undecided.tcproj"));
    {
        core::Project project;
        QString error;
        QVERIFY2(test::importWorldSmall(project, projectPath, &error), qPrintable(error));
    }
    ui::ExportDialog dialog(ui::coreExportBackend(projectPath));
    dialog.show();
    const auto shown = [&] {
        for (QLabel *label : dialog.findChildren<QLabel *>())
            if (label->isVisible() && label->text().contains(QStringLiteral("wäre leer")))
                return label->text();
        return QString();
    };
    QTRY_VERIFY_WITH_TIMEOUT(!shown().isEmpty(), 30000);
    QVERIFY2(shown().contains(QStringLiteral("die Trainingsmenge wäre leer (0 Trainings- und 0 Testbilder")),
             qPrintable(shown()));
    QVERIFY2(!shown().contains(QLatin1String("split")), qPrintable(shown()));
}

void TestExportDialog::dryRunFillsTheTable()
{
    Recorder rec;
    ui::ExportDialog dialog(rec.backend(QThread::currentThread()));
    core::ExportSettings o;
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

// While the export works, the GUI thread keeps processing events: startExport() returns at once, and
// the progress the export reports halfway reaches the progress bar while the export still waits there.
// A dialog that ran the export on its own thread, or waited for it, never gets the bar to 5 of 10.
void TestExportDialog::exportRunsOffTheGuiThread()
{
    Recorder rec;
    rec.blocking = true;
    QTemporaryDir dir;
    ui::ExportDialog dialog(rec.backend(QThread::currentThread()));
    core::ExportSettings o;
    o.perClass = 1000;
    o.outputDir = dir.path();
    dialog.setOptions(o);
    QSignalSpy finished(&dialog, &ui::ExportDialog::exportFinished);
    QVERIFY(dialog.startExport());
    QVERIFY2(dialog.isExporting(), "startExport() returned only after the export had ended");
    auto *bar = dialog.findChild<QProgressBar *>();
    QVERIFY(bar);
    QTRY_COMPARE_WITH_TIMEOUT(bar->value(), 5, 15000);
    QCOMPARE(bar->maximum(), 10);
    QVERIFY(dialog.isExporting()); // still held halfway: the events above came during the export
    QCOMPARE(finished.size(), 0);
    rec.release.release();
    QVERIFY(finished.wait(30000));
    QCOMPARE(finished.first().first().toBool(), true);
    QVERIFY(rec.sawWorkerThread);
    QCOMPARE(rec.runs.load(), 1);
    QVERIFY2(dialog.summaryText().contains(QStringLiteral("1600 train and 400 test")),
             qPrintable(dialog.summaryText()));
}

namespace {
// Files an export has written so far into its staging folders (".<out>.partial-*" beside `out`),
// its lock file not counted.
int stagedFiles(const QString &parent)
{
    int n = 0;
    for (const QString &staging :
         QDir(parent).entryList({QStringLiteral(".out.partial-*")}, QDir::Dirs | QDir::Hidden)) {
        QDirIterator it(QDir(parent).filePath(staging), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (it.hasNext())
            n += it.next().endsWith(core::ExportFolder::kLockFile) ? 0 : 1;
    }
    return n;
}
} // namespace

// The real export (core, on a world-small project), cancelled from the dialog after it has written
// files: the writer stops, the dialog says so, and nothing of it is left (no output folder, no
// staging folder, no file beside the project).
void TestExportDialog::cancelStopsTheExport()
{
    TC_REQUIRE_SHARED();
    QTemporaryDir dir;
    const QString projectPath = dir.filePath(QStringLiteral("cancel.tcproj"));
    QVERIFY(acceptedProject(projectPath));
    const QString out = dir.filePath(QStringLiteral("out"));
    ui::ExportBackend backend = ui::coreExportBackend(projectPath);
    // The core export, held when it reports its first finished file until the user has pressed cancel.
    QSemaphore midWrite, cancelPressed;
    std::atomic<int> staged{-1};
    const auto coreRun = backend.run;
    backend.run = [&, coreRun](const core::ExportSettings &options, const core::Progress &progress) {
        bool held = false;
        const core::Progress watched(
            [&](qint64 done, qint64 total) {
                progress.report(done, total);
                if (!held && done * 2 > total) { // writing is the second half: a first file is done
                    held = true;
                    staged = stagedFiles(dir.path());
                    midWrite.release();
                    cancelPressed.tryAcquire(1, 30000);
                }
            },
            [&] { return progress.isCancelled(); });
        return coreRun(options, watched);
    };
    ui::ExportDialog dialog(backend);
    core::ExportSettings o;
    o.perClass = 6;
    o.testFraction = 0.5;
    o.outputDir = out; // every format
    dialog.setOptions(o);
    QSignalSpy finished(&dialog, &ui::ExportDialog::exportFinished);
    QVERIFY(dialog.startExport());
    QTRY_VERIFY2_WITH_TIMEOUT(midWrite.available() > 0 || !finished.isEmpty(), qPrintable(dialog.summaryText()),
                              120000);
    QVERIFY2(finished.isEmpty(),
             qPrintable(QStringLiteral("the export ended before it wrote a file: ") + dialog.summaryText()));
    QVERIFY2(staged > 0, "the export was not cancelled mid-write: no file was staged yet");
    dialog.cancelExport();
    cancelPressed.release();
    QVERIFY(finished.wait(120000));
    QCOMPARE(finished.first().first().toBool(), false);
    QVERIFY2(dialog.summaryText().contains(QStringLiteral("cancelled")), qPrintable(dialog.summaryText()));
    QVERIFY(dialog.lastResult().files.isEmpty());
    QVERIFY2(!QFileInfo::exists(out), "a cancelled export left its output folder");
    QStringList left;
    for (const QString &name : QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden))
        if (!name.startsWith(QLatin1String("cancel.tcproj")))
            left << name;
    QVERIFY2(left.isEmpty(), qPrintable(left.join(QStringLiteral(", "))));
}

// A project whose target cannot be read: the dialog still opens (at 1000), and says why, naming the file.
void TestExportDialog::unreadableTargetIsShown()
{
    QTemporaryDir dir;
    const QString missing = dir.filePath(QStringLiteral("missing.tcproj"));
    ui::ExportDialog dialog(ui::coreExportBackend(missing));
    QCOMPARE(dialog.options().perClass, 1000);
    QVERIFY2(dialog.summaryText().contains(missing), qPrintable(dialog.summaryText()));
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
    core::ExportSettings o;
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
    // The summary counts every file written, not one per folder.
    const int onDisk = test::fileCount(o.outputDir);
    QCOMPARE(int(dialog.lastResult().files.size()), onDisk);
    QVERIFY2(dialog.summaryText().contains(QStringLiteral("in %1 file(s)").arg(onDisk)),
             qPrintable(dialog.summaryText()));
}

void TestExportDialog::startsAtTheProjectTarget()
{
    Recorder rec;
    ui::ExportBackend backend = rec.backend(QThread::currentThread());
    backend.projectTarget = [] { return ui::ExportTarget{37, {}}; };
    ui::ExportDialog fixed(backend);
    QCOMPARE(fixed.options().perClass, 37);
    // Through core: the target the project was given.
    TC_REQUIRE_SHARED();
    QTemporaryDir dir;
    const QString projectPath = dir.filePath(QStringLiteral("target.tcproj"));
    QVERIFY(acceptedProject(projectPath, 9));
    ui::ExportDialog dialog(ui::coreExportBackend(projectPath));
    QCOMPARE(dialog.options().perClass, 9);
}

void TestExportDialog::asksBeforeWritingShortClasses()
{
    Recorder rec;
    rec.shortBlocks = true;
    QTemporaryDir dir;
    ui::ExportDialog dialog(rec.backend(QThread::currentThread()));
    core::ExportSettings o;
    o.perClass = 1000;
    o.outputDir = dir.filePath(QStringLiteral("out"));
    dialog.setOptions(o);
    // "No": nothing runs.
    QString asked;
    answerNextQuestion(false, &asked);
    QVERIFY(!dialog.startExport());
    QVERIFY2(asked.contains(QStringLiteral("cat 700 of 1000")), qPrintable(asked));
    QCOMPARE(rec.runs.load(), 0);
    // "Write Short Classes": the export runs, told that the user agreed.
    QSignalSpy finished(&dialog, &ui::ExportDialog::exportFinished);
    answerNextQuestion(true, &asked);
    QVERIFY(dialog.startExport());
    QVERIFY(finished.wait(30000));
    QCOMPARE(rec.runs.load(), 1);
    QVERIFY(rec.started.first().allowShortfall);
}

void TestExportDialog::staleSearchIsOfferedThenExported()
{
    TC_REQUIRE_SHARED();
    QTemporaryDir dir;
    const QString projectPath = dir.filePath(QStringLiteral("stale.tcproj"));
    QVERIFY(acceptedProject(projectPath));
    {
        core::Project project;
        QVERIFY(project.open(projectPath));
        core::DedupStore store(project.database());
        QVERIFY2(store.addReferenceSet(QStringLiteral("cifar10-test"), core::ReferenceRole::Exclude,
                                       test::fixture(QStringLiteral("world-small/cifar-10-batches-py/test_batch"))) > 0,
                 qPrintable(store.errorString()));
    }
    ui::ExportDialog dialog(ui::coreExportBackend(projectPath));
    core::ExportSettings o = dialog.options();
    o.perClass = 6;
    o.formats = {QStringLiteral("npz")};
    o.outputDir = dir.filePath(QStringLiteral("out"));
    dialog.setOptions(o);
    QString asked;
    answerNextQuestion(false, &asked); // first: not now
    QVERIFY(!dialog.startExport());
    QVERIFY2(asked.contains(QStringLiteral("\"cifar10-test\" was never searched")), qPrintable(asked));
    QVERIFY(!QFileInfo::exists(o.outputDir));
    // Then: search, and the export follows by itself.
    QSignalSpy finished(&dialog, &ui::ExportDialog::exportFinished);
    answerNextQuestion(true, &asked);
    QVERIFY(dialog.startExport());
    QVERIFY(dialog.isSearching());
    QVERIFY(finished.wait(300000));
    QVERIFY2(finished.last().first().toBool(), qPrintable(dialog.summaryText()));
    QFile manifest(o.outputDir + QStringLiteral("/manifest.json"));
    QVERIFY(manifest.open(QIODevice::ReadOnly));
    const QJsonObject search = QJsonDocument::fromJson(manifest.readAll())
                                   .object()
                                   .value(QStringLiteral("tinycurator_export"))
                                   .toObject()
                                   .value(QStringLiteral("duplicate_search"))
                                   .toObject();
    QVERIFY(search.value(QStringLiteral("current")).toBool());
    QVERIFY(!search.value(QStringLiteral("completed_at")).toString().isEmpty());
}

void TestExportDialog::cancelledSearchExportsNothing()
{
    TC_REQUIRE_SHARED();
    QTemporaryDir dir;
    const QString projectPath = dir.filePath(QStringLiteral("cancel.tcproj"));
    QVERIFY(acceptedProject(projectPath));
    {
        core::Project project;
        QVERIFY(project.open(projectPath));
        core::DedupStore store(project.database());
        QVERIFY(store.addReferenceSet(QStringLiteral("cifar10-train"), core::ReferenceRole::Exclude,
                                      test::fixture(QStringLiteral("world-small/cifar-10-batches-py"))) > 0);
    }
    ui::ExportDialog dialog(ui::coreExportBackend(projectPath));
    core::ExportSettings o = dialog.options();
    o.perClass = 6;
    o.outputDir = dir.filePath(QStringLiteral("out"));
    dialog.setOptions(o);
    QSignalSpy finished(&dialog, &ui::ExportDialog::exportFinished);
    QString asked;
    answerNextQuestion(true, &asked);
    QVERIFY(dialog.startExport());
    dialog.cancelExport();
    QVERIFY(finished.wait(300000));
    QCOMPARE(finished.last().first().toBool(), false);
    QVERIFY2(dialog.summaryText().contains(QStringLiteral("cancelled")), qPrintable(dialog.summaryText()));
    QVERIFY(!QFileInfo::exists(o.outputDir));
    core::Project project;
    QVERIFY(project.open(projectPath));
    QVERIFY(!core::DedupStore(project.database()).searchState().current); // nothing half-stored
}

void TestExportDialog::overwriteGoesThroughTheCoreCheck()
{
    TC_REQUIRE_SHARED();
    QTemporaryDir dir;
    const QString projectPath = dir.filePath(QStringLiteral("plain.tcproj"));
    QVERIFY(acceptedProject(projectPath));
    const QString out = dir.filePath(QStringLiteral("mine"));
    QVERIFY(QDir().mkpath(out));
    QFile notes(out + QStringLiteral("/notes.txt"));
    QVERIFY(notes.open(QIODevice::WriteOnly));
    notes.write("months of notes\n");
    notes.close();
    ui::ExportDialog dialog(ui::coreExportBackend(projectPath));
    core::ExportSettings o = dialog.options();
    o.perClass = 6;
    o.outputDir = out;
    o.force = true; // "Overwrite existing files"
    dialog.setOptions(o);
    QVERIFY(!dialog.startExport());
    QVERIFY2(dialog.summaryText().contains(QStringLiteral("notes.txt")), qPrintable(dialog.summaryText()));
    QVERIFY(notes.open(QIODevice::ReadOnly));
    QCOMPARE(notes.readAll(), QByteArray("months of notes\n"));
    QCOMPARE(QDir(out).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden), QStringList{"notes.txt"});
    // Nor may it write into the project's own folder.
    o.outputDir = dir.path();
    dialog.setOptions(o);
    QVERIFY(!dialog.startExport());
    QVERIFY2(dialog.summaryText().contains(QStringLiteral("the project file")), qPrintable(dialog.summaryText()));
    QVERIFY(QFileInfo::exists(projectPath));
}

void TestExportDialog::seedTheCliTakesGivesTheSameExport_data()
{
    QTest::addColumn<QString>("seed");
    QTest::newRow("past 32 bits") << QStringLiteral("4294967297"); // a quint32 or int spin box cannot hold it
    QTest::newRow("largest") << QStringLiteral("18446744073709551615");
}

// A seed `tinycurator-cli export --seed S` accepts gives, typed into the dialog, the same dataset byte for
// byte; another seed gives another one (so the comparison can tell).
void TestExportDialog::seedTheCliTakesGivesTheSameExport()
{
    TC_REQUIRE_SHARED();
    QFETCH(QString, seed);
    QTemporaryDir dir;
    const QString projectPath = dir.filePath(QStringLiteral("seed.tcproj"));
    QVERIFY(acceptedProject(projectPath));
    const auto cliExport = [&](const QString &s, const QString &out) {
        return test::cli({QStringLiteral("export"), projectPath, QStringLiteral("--out"), out,
                          QStringLiteral("--per-class"), QStringLiteral("6"), QStringLiteral("--test-fraction"),
                          QStringLiteral("0.5"), QStringLiteral("--seed"), s, QStringLiteral("--format"),
                          QStringLiteral("npz")});
    };
    const QString byCli = dir.filePath(QStringLiteral("cli")), other = dir.filePath(QStringLiteral("other"));
    QCOMPARE(cliExport(seed, byCli), QString());
    QCOMPARE(cliExport(QStringLiteral("1"), other), QString());

    ui::ExportDialog dialog(ui::coreExportBackend(projectPath));
    auto *field = dialog.findChild<QLineEdit *>(QStringLiteral("seed"));
    QVERIFY(field);
    QTest::keyClick(field, Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(field, seed); // as a user types it
    QCOMPARE(field->text(), seed);
    QCOMPARE(dialog.seedProblem(), QString());
    core::ExportSettings o = dialog.options();
    QCOMPARE(QString::number(o.seed), seed);
    o.perClass = 6;
    o.testFraction = 0.5;
    o.formats = {QStringLiteral("npz")};
    o.outputDir = dir.filePath(QStringLiteral("gui"));
    dialog.setOptions(o);
    QSignalSpy finished(&dialog, &ui::ExportDialog::exportFinished);
    QVERIFY(dialog.startExport());
    QVERIFY(finished.wait(120000));
    QVERIFY2(finished.first().first().toBool(), qPrintable(dialog.summaryText()));

    const auto npz = [](const QString &root) {
        QMap<QString, QByteArray> files;
        const auto all = test::treeSnapshot(root);
        for (auto it = all.cbegin(); it != all.cend(); ++it)
            if (it.key().endsWith(QLatin1String(".npz")))
                files.insert(it.key(), it.value());
        return files;
    };
    QVERIFY(!npz(byCli).isEmpty());
    QCOMPARE(npz(o.outputDir), npz(byCli));
    QVERIFY(npz(other) != npz(byCli));
}

// What the CLI refuses as a seed the dialog refuses too, rather than wrapping it into another seed.
void TestExportDialog::seedTheCliRefusesIsRefused()
{
    Recorder rec;
    QTemporaryDir dir;
    ui::ExportDialog dialog(rec.backend(QThread::currentThread()));
    core::ExportSettings o;
    o.perClass = 1000;
    o.outputDir = dir.path();
    dialog.setOptions(o);
    auto *field = dialog.findChild<QLineEdit *>(QStringLiteral("seed"));
    QVERIFY(field);
    for (const QString &bad : {QStringLiteral("18446744073709551616"), QString()}) {
        field->setText(bad);
        QVERIFY2(!dialog.seedProblem().isEmpty(), qPrintable(bad));
        const auto cli = test::runCli({QStringLiteral("export"), QStringLiteral("/nonexistent.tcproj"),
                                       QStringLiteral("--out"), dir.path(), QStringLiteral("--seed"), bad});
        QVERIFY2(cli.exitCode != 0 && cli.err.contains("--seed"), cli.err.constData());
        QVERIFY(!dialog.startExport());
        QVERIFY2(dialog.summaryText().contains(QStringLiteral("seed")), qPrintable(dialog.summaryText()));
    }
    QCOMPARE(rec.runs.load(), 0);
}

QTEST_MAIN(TestExportDialog)
#include "TestExportDialog.moc"
