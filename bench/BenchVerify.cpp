// Verify view latency (issue 3): from a key press to the next image painted, over N single-mode decisions,
// and the time to load and paint one 64-image grid page. Baselines measured in the same run: core's
// committed decision alone (what the view cannot avoid) and a 64-decision batch commit.
//
//   bench_verify --tiny DIR --catalog JSON [--decisions 1000] [--screenshots OUTDIR]
//
// Runs offscreen unless QT_QPA_PLATFORM says otherwise (xvfb-run + xcb for realistic screenshots).
#include "core/project/CatalogJson.h"
#include "core/project/Project.h"
#include "core/project/TinyImport.h"
#include "ui/CandidateGridWidget.h"
#include "ui/GridModeView.h"
#include "ui/MainWindow.h"
#include "ui/SingleModeView.h"
#include "ui/VerifyPage.h"
#include "ui/VerifySession.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <algorithm>
#include <cstdio>

using namespace tc;

namespace {

struct Figures {
    double median = 0, p99 = 0, max = 0;
};

Figures summarize(std::vector<double> ms)
{
    if (ms.empty())
        return {};
    std::sort(ms.begin(), ms.end());
    return {ms[ms.size() / 2], ms[std::min(ms.size() - 1, ms.size() * 99 / 100)], ms.back()};
}

void print(const char *what, const Figures &f, size_t n)
{
    std::printf("%-44s n=%-5zu median %7.3f ms   p99 %7.3f ms   max %7.3f ms\n", what, n, f.median, f.p99, f.max);
}

bool makeProject(const QString &path, const QString &tiny, const QString &catalogPath)
{
    QString error;
    const core::Catalog catalog = core::CatalogJson::load(catalogPath, &error);
    core::Project project;
    core::TinyImport import(project);
    if (catalog.isEmpty() || !project.create(path) || !import.run(tiny, catalog)) {
        std::fprintf(stderr, "%s%s%s\n", qPrintable(error), qPrintable(project.errorString()),
                     qPrintable(import.errorString()));
        return false;
    }
    std::printf("project: %lld candidates\n", project.candidateCount());
    return true;
}

// Key press -> decision committed by core -> next candidate's card shown and painted.
std::vector<double> singleMode(ui::MainWindow &window, int decisions)
{
    auto *view = window.verifyPage()->singleView();
    std::vector<double> ms;
    QElapsedTimer timer;
    for (int i = 0; i < decisions && window.verifyPage()->session()->current(); ++i) {
        timer.start();
        QTest::keyClick(view, i % 7 == 3 ? Qt::Key_N : Qt::Key_Y);
        QCoreApplication::processEvents(); // flush every pending paint (labels, progress bar)
        ms.push_back(timer.nsecsElapsed() / 1e6);
    }
    return ms;
}

std::vector<double> commitBaseline(core::Project &project, int n)
{
    std::vector<double> ms;
    const QList<qint64> ids = project.candidateIds({}, 0, n);
    QElapsedTimer timer;
    for (qint64 id : ids) {
        timer.start();
        project.recordDecision(id, core::Verdict::Accept, QStringLiteral("baseline"));
        ms.push_back(timer.nsecsElapsed() / 1e6);
    }
    return ms;
}

void gridMode(ui::MainWindow &window, int pages)
{
    auto *page = window.verifyPage();
    page->setMode(ui::VerifyPage::Mode::Grid);
    auto *grid = page->gridView()->grid();
    std::vector<double> paint, load, commit;
    QElapsedTimer timer;
    for (int i = 0; i < pages && !page->pageIds().isEmpty(); ++i) {
        timer.start();
        grid->repaint();
        paint.push_back(timer.nsecsElapsed() / 1e6);
        timer.start();
        QTest::keyClick(grid, Qt::Key_Return); // commit this page, load and paint the next
        QCoreApplication::processEvents();
        commit.push_back(timer.nsecsElapsed() / 1e6);
    }
    std::printf("grid page: %d tiles of %d px in a %dx%d widget\n", grid->count(), grid->tileRect(0).width(),
                grid->width(), grid->height());
    print("grid: paint 64 tiles (repaint)", summarize(paint), paint.size());
    print("grid: Enter -> page committed, next painted", summarize(commit), commit.size());
}

void screenshots(ui::MainWindow &window, const QString &dir)
{
    auto *page = window.verifyPage();
    page->setMode(ui::VerifyPage::Mode::Single);
    QTest::qWait(50);
    window.grab().save(dir + QStringLiteral("/verify-single.png"));
    page->setMode(ui::VerifyPage::Mode::Grid);
    auto *grid = page->gridView()->grid();
    for (int tile : {3, 12, 29, 45})
        grid->toggle(tile);
    grid->setCursor(45);
    QTest::qWait(50);
    window.grab().save(dir + QStringLiteral("/verify-grid.png"));
    window.tabs()->setCurrentIndex(1);
    QTest::qWait(50);
    window.grab().save(dir + QStringLiteral("/statistics.png"));
    page->setMode(ui::VerifyPage::Mode::Single);
    window.tabs()->setCurrentIndex(0);
}

} // namespace

int main(int argc, char *argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("TinyCuratorBench"));
    QCommandLineParser parser;
    parser.addOptions(
        {{QStringLiteral("tiny"), QStringLiteral("Tiny Images folder"), QStringLiteral("dir")},
         {QStringLiteral("catalog"), QStringLiteral("keyword catalog"), QStringLiteral("json")},
         {QStringLiteral("decisions"), QStringLiteral("single-mode decisions"), QStringLiteral("n"),
          QStringLiteral("1000")},
         {QStringLiteral("screenshots"), QStringLiteral("save screenshots here"), QStringLiteral("dir")}});
    parser.process(app);
    QTemporaryDir work;
    const QString path = work.filePath(QStringLiteral("bench.tcproj"));
    if (!makeProject(path, parser.value(QStringLiteral("tiny")), parser.value(QStringLiteral("catalog"))))
        return 1;
    const int decisions = parser.value(QStringLiteral("decisions")).toInt();
    ui::MainWindow window;
    window.setQuiet(true);
    window.resize(1400, 900);
    if (!window.openProject(path, QStringLiteral("bench")))
        return 1;
    window.show();
    if (!QTest::qWaitForWindowExposed(&window))
        return 1;
    if (parser.isSet(QStringLiteral("screenshots")))
        screenshots(window, parser.value(QStringLiteral("screenshots")));
    const auto single = singleMode(window, decisions);
    print("single: key -> committed + next image painted", summarize(single), single.size());
    gridMode(window, 20);
    core::Project baseline;
    baseline.open(path);
    const auto commit = commitBaseline(baseline, decisions);
    print("baseline: core recordDecision alone", summarize(commit), commit.size());
    return 0;
}
