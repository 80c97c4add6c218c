// Project file benchmarks (core/project): opening a large project, reading a candidate's pixels
// (what the verify view does per key press) and committing a decision with synchronous=FULL, each
// next to a same-run baseline. Needs a project made by the import benchmark (docs/BENCHMARKS.md):
//   TC_BENCH_PROJECT=/tmp/tc-500k.tcproj build-project/bench/tc_bench_project
#include "core/project/Database.h"
#include "core/project/Project.h"

#include <QCoreApplication>
#include <benchmark/benchmark.h>
#include <random>

using namespace tc::core;

namespace {
QString projectPath()
{
    return qEnvironmentVariable("TC_BENCH_PROJECT", QStringLiteral("/tmp/tc-500k.tcproj"));
}

// Baseline: just the SQLite connection and one pragma.
void BM_SqliteOpenBaseline(benchmark::State &state)
{
    for (auto _ : state) {
        Database db;
        if (!db.open(projectPath(), Database::OpenMode::ReadOnly))
            state.SkipWithError("no project: run the import benchmark first");
        benchmark::DoNotOptimize(db.queryInt(QStringLiteral("PRAGMA user_version")));
    }
}

// What the GUI does on File > Open: open + migrate check, classes, keywords with counts and the
// annotator's resume position.
void BM_OpenProject(benchmark::State &state)
{
    for (auto _ : state) {
        Project p;
        if (!p.open(projectPath())) {
            state.SkipWithError(qPrintable(p.errorString()));
            break;
        }
        benchmark::DoNotOptimize(p.classes().size() + p.keywords().size());
        benchmark::DoNotOptimize(p.resumeCandidate(QStringLiteral("bench")));
    }
}

void BM_CandidatePixels(benchmark::State &state)
{
    Project p;
    if (!p.open(projectPath())) {
        state.SkipWithError(qPrintable(p.errorString()));
        return;
    }
    const qint64 n = p.database().queryInt(QStringLiteral("SELECT max(id) FROM candidates"));
    std::mt19937_64 rng(1);
    std::uniform_int_distribution<qint64> pick(1, n);
    std::uint8_t buffer[3072];
    for (auto _ : state)
        benchmark::DoNotOptimize(p.pixels(pick(rng), buffer));
    state.counters["candidates"] = double(n);
}

// One decision = one committed transaction; FULL adds an fsync of the WAL (the power-cut promise),
// NORMAL (baseline) does not.
void decide(benchmark::State &state, bool full)
{
    Project p;
    if (!p.open(projectPath())) {
        state.SkipWithError(qPrintable(p.errorString()));
        return;
    }
    if (!full)
        p.database().exec(QStringLiteral("PRAGMA synchronous=NORMAL"));
    qint64 id = full ? 1 : 100000;
    for (auto _ : state) {
        if (!p.recordDecision(id++, Verdict::Accept, QStringLiteral("bench")))
            state.SkipWithError(qPrintable(p.errorString()));
    }
}
void BM_RecordDecisionFull(benchmark::State &state)
{
    decide(state, true);
}
void BM_RecordDecisionNormalBaseline(benchmark::State &state)
{
    decide(state, false);
}
} // namespace

BENCHMARK(BM_SqliteOpenBaseline)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_OpenProject)->Unit(benchmark::kMillisecond)->Iterations(5);
BENCHMARK(BM_CandidatePixels)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_RecordDecisionFull)->Unit(benchmark::kMillisecond)->Iterations(200);
BENCHMARK(BM_RecordDecisionNormalBaseline)->Unit(benchmark::kMillisecond)->Iterations(200);

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
