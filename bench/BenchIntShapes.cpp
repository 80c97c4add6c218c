// bench_int_shapes: the integer kernels (IntKernels) at the shapes the near-duplicate passes call
// them with, one thread, next to the large shape that shows the path's peak (team gemm2).
//   bench_int_shapes [--references 52000] [--repeat 3]        (TC_INT_KERNEL forces a path)
// Each line: the caller, rows x cols x K per call, the calls one sweep over the references makes,
// multiply-adds, thread CPU seconds, G multiply-adds per CPU-second, and a checksum of the outputs
// (identical on every path and before/after a kernel change: the products are exact).
#include "core/dedup/IntKernels.h"
#include "core/dedup/IntTopK.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <cstdio>
#include <ctime>
#include <random>
#include <vector>

using namespace tc::core;

namespace {

double threadSeconds()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + ts.tv_nsec * 1e-9;
}

std::vector<std::uint8_t> randomBytes(qsizetype count, unsigned seed)
{
    std::mt19937 rng(seed);
    std::vector<std::uint8_t> v(static_cast<size_t>(count));
    for (auto &x : v)
        x = std::uint8_t(rng());
    return v;
}

struct Shape {
    const char *caller;
    qsizetype rows; // rows of A per call
    qsizetype cols; // columns of B per call (0: every reference in one call)
    int dim;
    bool l2; // squaredL2 (dot products + norms) rather than dot
    qsizetype references;
};

void run(const IntKernels &kernels, const Shape &s, int repeat)
{
    const qsizetype m = s.references, cols = s.cols > 0 ? s.cols : m;
    const auto a = randomBytes(s.rows * s.dim, 1);
    const auto b = randomBytes(m * s.dim, 2);
    const PackedRows packed = kernels.pack(b.data(), m, s.dim, s.dim);
    std::vector<std::int32_t> out(static_cast<size_t>(s.rows * cols));
    std::uint64_t checksum = 0;
    double best = 1e30;
    for (int r = 0; r < repeat; ++r) {
        checksum = 0;
        const double t0 = threadSeconds();
        for (qsizetype j0 = 0; j0 < m; j0 += cols) {
            const qsizetype c = std::min(cols, m - j0);
            if (s.l2)
                kernels.squaredL2(a.data(), s.rows, s.dim, packed, j0, c, out.data(), cols);
            else
                kernels.dot(a.data(), s.rows, s.dim, packed, j0, c, out.data(), cols);
            checksum = checksum * 1000003u + std::uint64_t(std::uint32_t(out[size_t(c - 1)])) +
                       std::uint64_t(std::uint32_t(out[size_t((s.rows - 1) * cols)]));
        }
        best = std::min(best, threadSeconds() - t0);
    }
    const double macs = double(s.rows) * double(m) * s.dim;
    std::printf("%-34s %4lld x %5lld x %4d %-3s %6lld calls %8.2f G MACs %8.4f s  %6.1f G/CPU-s  sum %016llx\n",
                s.caller, static_cast<long long>(s.rows), static_cast<long long>(cols), s.dim, s.l2 ? "L2" : "dot",
                static_cast<long long>((m + cols - 1) / cols), macs * 1e-9, best, macs / best * 1e-9,
                static_cast<unsigned long long>(checksum));
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({"references", "reference rows (the dedup run's 52,000)", "n", "52000"});
    parser.addOption({"repeat", "runs per shape (the fastest is printed)", "n", "3"});
    parser.process(app);
    const qsizetype m = parser.value("references").toLongLong();
    const int repeat = std::max(1, parser.value("repeat").toInt());
    const IntKernels kernels = IntKernels::chosen();
    if (!kernels.isValid()) {
        std::fprintf(stderr, "%s\n", qPrintable(kernels.errorString()));
        return 1;
    }
    std::printf("%s; %lld references, one thread, best of %d\n", qPrintable(kernels.summary()),
                static_cast<long long>(m), repeat);
    const Shape shapes[] = {
        {"peak: 192 x 4096 x 3072", 192, 4096, 3072, false, 4096},
        {"ExactL2Search 4x4 means", 24, 0, 192, true, m},
        {"TransformSearch::shortlist", 16, 2048, 192, false, m},
        {"  same, 48-row x 1024 tile", 48, 1024, 192, false, m},
        {"  same, 96-row x 512 tile", 96, 512, 192, false, m},
        {"ShiftL2Bound::candidatesOf", 16, 2048, 147, true, m},
        {"intTopK (structure, 512)", 96, 512, 512, true, m},
    };
    for (const Shape &s : shapes)
        run(kernels, s, repeat);
    // The whole caller: intTopK as the plain pass's structure shortlist calls it (k = 24,
    // NearDuplicateSearch::Options), on 192 candidates, one thread: kernel, fused epilogue and the per-row selection.
    {
        const qsizetype n = 192;
        const auto a = randomBytes(n * 512, 3), b = randomBytes(m * 512, 4);
        const PackedRows packed = kernels.pack(b.data(), m, 512, 512);
        std::vector<IntNeighbor> out(static_cast<size_t>(n * 24));
        double best = 1e30;
        for (int r = 0; r < repeat; ++r) {
            const double t0 = threadSeconds();
            intTopK(kernels, a.data(), n, 512, packed, 24, 1, out.data());
            best = std::min(best, threadSeconds() - t0);
        }
        const double macs = double(n) * double(m) * 512;
        std::printf("%-34s %4lld x %5lld x %4d top-24 %8.2f G MACs %8.4f s  %6.1f G/CPU-s  first %d %d\n",
                    "intTopK whole call", static_cast<long long>(n), static_cast<long long>(m), 512, macs * 1e-9, best,
                    macs / best * 1e-9, out[0].index, out[0].value);
    }
    return 0;
}
