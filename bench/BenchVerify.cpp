// Verify view latency (issue 3, re-measured for issue 10): from a key press to the next image painted, over N
// single-mode decisions, and the time to paint one grid page (one keyword, tiles as large as fit) and to commit
// it and paint the next. Baseline measured in the same run: core's committed decision alone (what the view
// cannot avoid). The window is the one the application shows (ui::createMainWindow()).
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
#include "ui/MainWindowAssembly.h"
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
#include <ctime>

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
    core::CatalogJson json;
    const core::Catalog catalog = json.load(catalogPath);
    core::Project project;
    core::TinyImport import(project);
    if (catalog.isEmpty() || !project.create(path) || !import.run(tiny, catalog)) {
        std::fprintf(stderr, "%s%s%s\n", qPrintable(json.errorString()), qPrintable(project.errorString()),
                     qPrintable(import.errorString()));
        return false;
    }
    std::printf("project: %lld candidates\n", project.candidateCount());
    return true;
}

// CPU time of the calling (GUI) thread: what the UI path costs apart from waiting for the disk and for
// other processes, which on a shared machine dominate the wall-clock figures.
double threadCpuMs()
{
    timespec t{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return double(t.tv_sec) * 1e3 + double(t.tv_nsec) / 1e6;
}

struct Samples {
    std::vector<double> wall, cpu;
};

// Key press -> decision committed by core -> next candidate's card shown and painted.
Samples singleMode(ui::MainWindow &window, int decisions)
{
    auto *view = window.verifyPage()->singleView();
    Samples s;
    QElapsedTimer timer;
    for (int i = 0; i < decisions && window.verifyPage()->session()->current(); ++i) {
        const double cpu = threadCpuMs();
        timer.start();
        QTest::keyClick(view, i % 7 == 3 ? Qt::Key_N : Qt::Key_Y);
        QCoreApplication::processEvents(); // flush every pending paint (labels, progress bar) and the read-ahead
        s.wall.push_back(timer.nsecsElapsed() / 1e6);
        s.cpu.push_back(threadCpuMs() - cpu);
    }
    return s;
}

Samples commitBaseline(core::Project &project, int n)
{
    Samples s;
    const QList<qint64> ids = project.candidateIds({}, 0, n);
    QElapsedTimer timer;
    for (qint64 id : ids) {
        const double cpu = threadCpuMs();
        timer.start();
        project.recordDecision(id, core::Verdict::Accept, QStringLiteral("baseline"));
        s.wall.push_back(timer.nsecsElapsed() / 1e6);
        s.cpu.push_back(threadCpuMs() - cpu);
    }
    return s;
}

void gridMode(ui::MainWindow &window, int pages)
{
    auto *page = window.verifyPage();
    page->setMode(ui::VerifyPage::Mode::Grid);
    auto *grid = page->gridView()->grid();
    std::vector<double> paint, commit, commitCpu;
    std::vector<int> tiles, sides;
    QElapsedTimer timer;
    for (int i = 0; i < pages && !page->pageIds().isEmpty(); ++i) {
        tiles.push_back(grid->count());
        sides.push_back(grid->tileSide());
        timer.start();
        grid->repaint();
        paint.push_back(timer.nsecsElapsed() / 1e6);
        grid->toggle(i % grid->count()); // one reject per page, as an annotator's page has
        const double cpu = threadCpuMs();
        timer.start();
        QTest::keyClick(grid, Qt::Key_Return); // commit this page, load and paint the next
        QCoreApplication::processEvents();
        commit.push_back(timer.nsecsElapsed() / 1e6);
        commitCpu.push_back(threadCpuMs() - cpu);
    }
    std::sort(tiles.begin(), tiles.end());
    std::sort(sides.begin(), sides.end());
    if (!tiles.empty())
        std::printf("grid pages (one keyword each): %d..%d tiles (median %d), tiles %d..%d px, widget %dx%d\n",
                    tiles.front(), tiles.back(), tiles[tiles.size() / 2], sides.front(), sides.back(), grid->width(),
                    grid->height());
    print("grid: paint one page (repaint)", summarize(paint), paint.size());
    print("grid: Enter -> page committed, next painted", summarize(commit), commit.size());
    print("grid: GUI-thread CPU per Enter", summarize(commitCpu), commitCpu.size());
}

// The Verify tab's screenshots are TestAnnotatorSession's (TC_SCREENSHOTS); the statistics tab is taken here,
// once there are decisions.
void statisticsScreenshot(ui::MainWindow &window, const QString &dir)
{
    QTest::qWait(600); // the pause after the last key: status bar and counts catch up
    window.tabs()->setCurrentIndex(1);
    QTest::qWait(50);
    window.grab().save(dir + QStringLiteral("/statistics.png"));
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
    const auto created = ui::createMainWindow();
    ui::MainWindow &window = *created;
    window.setQuiet(true);
    window.resize(1400, 900);
    if (!window.openProject(path, QStringLiteral("bench")))
        return 1;
    window.show();
    if (!QTest::qWaitForWindowExposed(&window))
        return 1;
    const auto single = singleMode(window, decisions);
    print("single: key -> committed + next image painted", summarize(single.wall), single.wall.size());
    print("single: GUI-thread CPU per key", summarize(single.cpu), single.cpu.size());
    if (parser.isSet(QStringLiteral("screenshots")))
        statisticsScreenshot(window, parser.value(QStringLiteral("screenshots")));
    gridMode(window, 40);
    core::Project baseline;
    baseline.open(path);
    const auto commit = commitBaseline(baseline, decisions);
    print("baseline: core recordDecision alone", summarize(commit.wall), commit.wall.size());
    print("baseline: CPU of recordDecision", summarize(commit.cpu), commit.cpu.size());
    return 0;
}
