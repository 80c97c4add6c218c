// bench_dedup: the near-duplicate engine on realistic images, with its baselines, in one run.
//   /usr/bin/python3 ../shared/tools/make_world.py --out /tmp/world
//   bench_dedup --world /tmp/world [--candidates 20000] [--references 12000] [--recall 2000] [--gaussian-only]
//               [--kernels-only]
// Prints: the integer kernel chosen (TC_INT_KERNEL forces one) and every path's speed, the exact L2
// top-k (ExactL2Search, also on the forced AVX2 path) against the integer brute force (must be
// identical) and against faiss IndexFlatL2 run as a child on the same arrays (skipped with a message
// when python3-faiss is absent), the OpenBLAS kernel and sgemm GFLOP/s, the default pass vs NumPy's
// brute-force L2 top-k (also a child), exhaustive exact SSIM pairs/s, the per-pair SSIM loop,
// shortlist recall vs exhaustive, the same for the Gaussian window, exact-duplicate search.
//               [--transforms-only] [--transform-recall n,m] [--ssim-only [--ssim-shortlists "32,48;16,32"]]
//               [--transform-recall-only --transform-oracle FILE --transform-missed DIR --transform-recall-seed S]
#include "bench/BenchRecall.h"
#include "bench/BenchShiftBound.h"
#include "bench/BenchSsim.h"
#include "bench/BenchTransforms.h"
#include "core/common/ImageSet.h"
#include "core/dedup/Blas.h"
#include "core/dedup/ExactDuplicates.h"
#include "core/dedup/ExactL2Search.h"
#include "core/dedup/IntKernels.h"
#include "core/dedup/IntTopK.h"
#include "core/dedup/NearDuplicateSearch.h"
#include "core/dedup/Ssim.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <cstdio>
#include <ctime>
#include <set>

using namespace tc::core;

namespace {

double cpuSeconds()
{
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + ts.tv_nsec * 1e-9;
}

struct Timer {
    QElapsedTimer wall;
    double cpu0 = cpuSeconds();
    Timer() { wall.start(); }
    double seconds() const { return double(wall.nsecsElapsed()) * 1e-9; }
    double cpu() const { return cpuSeconds() - cpu0; }
};

// Minimal loaders for the benchmark's own inputs (the product uses core/readers).
void appendTiny(const QString &path, std::vector<std::uint8_t> &out, qsizetype limit)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("%s: cannot open", qPrintable(path));
    for (qsizetype i = 0; i < limit; ++i) {
        const QByteArray rec = f.read(kImageBytes);
        if (rec.size() < kImageBytes)
            break;
        const auto *p = reinterpret_cast<const std::uint8_t *>(rec.constData());
        for (int r = 0; r < 32; ++r)
            for (int c = 0; c < 32; ++c)
                for (int ch = 0; ch < 3; ++ch)
                    out.push_back(p[r + 32 * c + 1024 * ch]);
    }
}

void appendCifarBin(const QString &path, std::vector<std::uint8_t> &out, qsizetype limit)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("%s: cannot open", qPrintable(path));
    for (qsizetype i = 0; i < limit; ++i) {
        const QByteArray rec = f.read(kImageBytes + 1);
        if (rec.size() < kImageBytes + 1)
            break;
        const auto *p = reinterpret_cast<const std::uint8_t *>(rec.constData()) + 1;
        for (int px = 0; px < 1024; ++px)
            for (int ch = 0; ch < 3; ++ch)
                out.push_back(p[ch * 1024 + px]);
    }
}

void appendNpy(const QString &path, std::vector<std::uint8_t> &out)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        qFatal("%s: cannot open", qPrintable(path));
    const QByteArray all = f.readAll();
    const int headerLen = quint8(all[8]) | (quint8(all[9]) << 8);
    const QByteArray body = all.mid(10 + headerLen);
    out.insert(out.end(), body.begin(), body.end());
}

qsizetype count(const std::vector<std::uint8_t> &v)
{
    return qsizetype(v.size() / kImageBytes);
}

void writeRaw(const QString &path, const std::uint8_t *data, qsizetype n)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(reinterpret_cast<const char *>(data), n * kImageBytes) < 0)
        qFatal("%s: cannot write", qPrintable(path));
}

void sgemmFigure(const Blas &blas)
{
    const int m = 4000, n = 4000, k = 3072;
    std::vector<float> a(size_t(m) * k), b(size_t(n) * k), c(size_t(m) * n);
    for (size_t i = 0; i < a.size(); ++i)
        a[i] = float((i * 7919) % 256);
    for (size_t i = 0; i < b.size(); ++i)
        b[i] = float((i * 104729) % 256);
    blas.gemmABt(m, n, k, a.data(), b.data(), c.data(), n);
    Timer t;
    blas.gemmABt(m, n, k, a.data(), b.data(), c.data(), n);
    std::printf("sgemm 4000x3072x4000: %.1f GFLOP/s (%.3f s)\n", 2.0 * m * n * k / t.seconds() * 1e-9, t.seconds());
}

// Raw speed of every integer path this machine runs: one thread, 192 image rows against 4,096.
void intKernelFigure(const std::vector<std::uint8_t> &cands, const std::vector<std::uint8_t> &refs)
{
    const qsizetype n = std::min<qsizetype>(192, count(cands)), m = std::min<qsizetype>(4096, count(refs));
    std::vector<std::int32_t> out(size_t(n * m));
    for (IntKernel kernel : supportedIntKernels()) {
        const IntKernels k(kernel);
        const PackedRows packed = k.pack(refs.data(), m, kImageBytes, kImageBytes);
        k.dot(cands.data(), n, kImageBytes, packed, 0, m, out.data(), m);
        Timer t;
        int reps = 0;
        do {
            k.dot(cands.data(), n, kImageBytes, packed, 0, m, out.data(), m);
            ++reps;
        } while (t.cpu() < 0.5);
        // Per CPU-second as well: on a shared machine the wall figure measures the neighbours too.
        std::printf("integer kernel %-10s one thread: %.1f G uint8 multiply-adds/s wall, %.1f per CPU-second\n",
                    qPrintable(k.name()), double(reps) * n * m * kImageBytes / t.seconds() * 1e-9,
                    double(reps) * n * m * kImageBytes / t.cpu() * 1e-9);
    }
}

// Exact L2 top-k, brute force on the integer kernels (every pair, all 3072 bytes).
std::vector<IntNeighbor> bruteForceFigure(const IntKernels &kernels, const std::vector<std::uint8_t> &cands,
                                          const std::vector<std::uint8_t> &refs, int k)
{
    const qsizetype n = count(cands), m = count(refs);
    Timer t;
    const PackedRows packed = kernels.pack(refs.data(), m, kImageBytes, kImageBytes);
    std::vector<IntNeighbor> out(size_t(n) * k);
    intTopK(kernels, cands.data(), n, kImageBytes, packed, k, 0, out.data());
    const double s = t.seconds(), cpu = t.cpu();
    std::printf("brute-force integer L2 top-%d %lld x %lld (%s): %.2f s wall, %.2f s CPU, %.1f G multiply-adds/s "
                "(%.1f per CPU-second)\n",
                k, (long long)n, (long long)m, qPrintable(kernels.name()), s, cpu,
                double(n) * m * kImageBytes / s * 1e-9, double(n) * m * kImageBytes / cpu * 1e-9);
    return out;
}

// The product's exact L2 top-k (ExactL2Search), references prepared inside the timing.
struct L2Figure {
    double seconds = 0, cpu = 0;
    ExactL2Search::Result result;
};

L2Figure exactL2Figure(const IntKernels &kernels, const std::vector<std::uint8_t> &cands,
                       const std::vector<std::uint8_t> &refs, int k, int shortlist)
{
    const qsizetype n = count(cands), m = count(refs);
    L2Figure fig;
    Timer t;
    ExactL2Search search(kernels, refs.data(), m);
    if (shortlist > 0)
        search.setSeeds(shortlist);
    search.run(cands.data(), n, k, k, &fig.result);
    fig.seconds = t.seconds();
    fig.cpu = t.cpu();
    std::printf("exact L2 top-%d %lld x %lld (ExactL2Search, %s): %.3f s wall, %.2f s CPU; per candidate %.1f "
                "references past the 4x4 bound, %.1f exact distances\n",
                k, (long long)n, (long long)m, qPrintable(kernels.name()), fig.seconds, fig.cpu,
                double(fig.result.refined) / std::max<qsizetype>(1, n),
                double(fig.result.measured) / std::max<qsizetype>(1, n));
    return fig;
}

struct PeerFigure {
    double seconds = -1, cpu = -1;
    QString kernel, version, missing;
    std::vector<double> top1;
};

// Runs a peer script (bench_dedup_<peer>.py) as a child on the same arrays; it prints
// "<peer>_seconds", "<peer>_kernel", optionally "<peer>_cpu_seconds", "<peer>_version" or
// "<peer>_missing", and writes the exact distance of its nearest neighbour per row.
PeerFigure runPeer(const QString &peer, const std::vector<std::uint8_t> &x, const std::vector<std::uint8_t> &y,
                   qsizetype n, qsizetype m, int k)
{
    const QString script = QCoreApplication::applicationDirPath() + "/bench_dedup_" + peer + ".py";
    QTemporaryDir dir;
    const QString xp = dir.filePath("x.u8"), yp = dir.filePath("y.u8");
    writeRaw(xp, x.data(), n);
    writeRaw(yp, y.data(), m);
    QProcess p;
    p.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    p.start("/usr/bin/python3", {script, xp, yp, QString::number(n), QString::number(m), QString::number(k)});
    p.waitForFinished(-1);
    PeerFigure fig;
    const QByteArray prefix = peer.toLatin1() + '_';
    for (const QByteArray &line : p.readAllStandardOutput().split('\n')) {
        const int space = line.indexOf(' ');
        const QByteArray key = line.left(space), value = line.mid(space + 1);
        if (key == prefix + "seconds")
            fig.seconds = value.toDouble();
        else if (key == prefix + "cpu_seconds")
            fig.cpu = value.toDouble();
        else if (key == prefix + "kernel")
            fig.kernel = QString::fromUtf8(value);
        else if (key == prefix + "version")
            fig.version = QString::fromUtf8(value);
        else if (key == prefix + "missing")
            fig.missing = QString::fromUtf8(value);
    }
    QFile top(xp + (peer == u"numpy" ? ".top1.txt" : "." + peer + "_top1.txt"));
    if (top.open(QIODevice::ReadOnly))
        for (const QByteArray &line : top.readAll().split('\n'))
            if (!line.isEmpty())
                fig.top1.push_back(line.toDouble());
    return fig;
}

// Recall of the shortlist pass against the exhaustive pass on the same candidates.
void recallFigure(const NearDuplicateResult &fast, const NearDuplicateResult &exact, double threshold)
{
    qint64 pairs = 0, found = 0, flagged = 0, flaggedFound = 0, maxEqual = 0;
    for (qsizetype i = 0; i < exact.candidates; ++i) {
        std::set<qint32> got;
        for (const Neighbor &nb : fast.ssimOf(i))
            got.insert(nb.index);
        for (const Neighbor &nb : exact.ssimOf(i))
            if (nb.index >= 0 && nb.value >= threshold) {
                ++pairs;
                found += got.count(nb.index);
            }
        const float bestExact = exact.ssimOf(i)[0].value, bestFast = fast.ssimOf(i)[0].value;
        maxEqual += std::abs(bestExact - bestFast) < 1e-6f;
        if (bestExact >= threshold) {
            ++flagged;
            flaggedFound += bestFast >= threshold;
        }
    }
    std::printf("recall (SSIM >= %.2f, %lld candidates): pairs in exhaustive top-k %lld, found %lld (%.3f%%); "
                "flagged candidates %lld, found %lld (%.3f%%); max SSIM identical for %.3f%% of candidates\n",
                threshold, (long long)exact.candidates, (long long)pairs, (long long)found,
                pairs ? 100.0 * found / pairs : 100.0, (long long)flagged, (long long)flaggedFound,
                flagged ? 100.0 * flaggedFound / flagged : 100.0, 100.0 * maxEqual / exact.candidates);
}

// The Gaussian window (skimage gaussian_weights=True): exhaustive lane kernel against the per-pair
// double loop that served this window before, and the default pass's recall in this window.
void gaussianFigure(const std::vector<std::uint8_t> &cands, const std::vector<std::uint8_t> &refs, qsizetype rn, int k)
{
    const qsizetype n = std::min(rn, count(cands)), m = count(refs);
    NearDuplicateSearch exhaustive(
        refs.data(), m, NearDuplicateOptions{.topK = k, .exhaustive = true, .window = SsimWindow::Gaussian11});
    NearDuplicateResult exact, fast;
    Timer t;
    exhaustive.run(cands.data(), n, &exact);
    const double ex = t.seconds(), exCpu = t.cpu();
    std::printf("gaussian: exhaustive exact SSIM %lld x %lld = %lld pairs: %.2f s wall, %.2f s CPU: %.2f M pairs/s "
                "(%.2f M pairs/s per CPU-second)\n",
                (long long)n, (long long)m, (long long)exact.ssimPairs, ex, exCpu, exact.ssimPairs / ex * 1e-6,
                exact.ssimPairs / exCpu * 1e-6);
    t = Timer();
    const int loopPairs = 3000;
    double sink = 0;
    for (int i = 0; i < loopPairs; ++i)
        sink += ssimReference(cands.data() + (i % n) * kImageBytes, refs.data() + (i * 7 % m) * kImageBytes,
                              SsimWindow::Gaussian11);
    const double loopRate = loopPairs / t.seconds();
    std::printf("gaussian: per-pair double loop (one thread): %.0f pairs/s (checksum %.3f); exhaustive kernel is "
                "%.0fx faster (%.1fx per CPU-second)\n",
                loopRate, sink, exact.ssimPairs / ex / loopRate, exact.ssimPairs / exCpu / loopRate);
    NearDuplicateSearch search(refs.data(), m, NearDuplicateOptions{.topK = k, .window = SsimWindow::Gaussian11});
    t = Timer();
    search.run(cands.data(), n, &fast);
    std::printf("gaussian: default pass %lld x %lld: %.2f s wall, %.2f s CPU; %lld exact SSIM pairs\n", (long long)n,
                (long long)m, t.seconds(), t.cpu(), (long long)fast.ssimPairs);
    recallFigure(fast, exact, 0.75);
}

void exactDuplicateFigure(const std::vector<std::uint8_t> &pool, const std::vector<std::uint8_t> &refs)
{
    // 500,000 candidates: copies of the pool, each made unique by one byte, plus 1,000 true copies.
    const qsizetype n = 500000, poolCount = count(pool);
    std::vector<std::uint8_t> cands(size_t(n) * kImageBytes);
    for (qsizetype i = 0; i < n; ++i) {
        std::copy_n(pool.data() + (i % poolCount) * kImageBytes, kImageBytes, cands.data() + i * kImageBytes);
        if (i >= poolCount && i % 500 != 0)
            cands[size_t(i) * kImageBytes + size_t(i % kImageBytes)] ^= 1 + (i / poolCount) % 255;
    }
    Timer t;
    const auto matches = findExactMatches(cands.data(), n, refs.data(), count(refs));
    const auto groups = findInternalDuplicates(cands.data(), n);
    std::printf("exact duplicates: %lld candidates x %lld references: %.3f s wall (%.2f s CPU); "
                "%zu reference matches, %zu internal groups\n",
                (long long)n, (long long)count(refs), t.seconds(), t.cpu(), matches.size(), groups.size());
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({"world", "make_world.py output folder", "dir", "/tmp/world"});
    parser.addOption({"candidates", "candidate count", "n", "20000"});
    parser.addOption({"references", "reference count (CIFAR-10 test + CIFAR-10.1)", "m", "12000"});
    parser.addOption({"recall", "candidates in the exhaustive/recall subset", "n", "2000"});
    parser.addOption({"top-k", "k", "k", "5"});
    parser.addOption({"gaussian-only", "only the Gaussian-window figures"});
    parser.addOption({"kernels-only", "only the integer kernel and L2 top-k figures"});
    parser.addOption({"l2-only", "only ExactL2Search (chosen path, then AVX2) checked against the brute force, no "
                                 "peers: for profiling"});
    parser.addOption({"no-brute-force", "with --l2-only: skip the brute-force check (for profiling ExactL2Search)"});
    parser.addOption({"transforms-only", "only faiss, the default pass with and without transforms, and the "
                                         "transform recall"});
    parser.addOption({"transform-scorer", "pairs for the per-pair transform scorer figure (0: none)", "n", "20000"});
    parser.addOption({"transform-scorer-only", "only the per-pair transform scorer figure"});
    parser.addOption({"transform-pass-only", "only the default pass without and with transforms (team transforms)"});
    parser.addOption({"transform-faiss", "--transform-pass-only: faiss's L2 top-k first, the baseline"});
    parser.addOption(
        {"transform-window",
         "--transform-pass-only: uniform or gaussian; the scorer figure: gaussian adds the Gaussian window's", "w",
         "uniform"});
    parser.addOption({"shift-bound-only", "only ShiftL2Bound alone, one thread, then its other kernels on --recall "
                                          "candidates (team guard3)"});
    parser.addOption({"ssim-only", "only faiss and the exact SSIM figures (bench/BenchSsim.h)"});
    parser.addOption({"ssim-kernel-only", "only the SSIM lane kernel and the exhaustive pass on --recall candidates "
                                          "(no baselines: a quick figure while working on the kernel)"});
    parser.addOption({"ssim-shortlists", "--ssim-only: SSIM shortlist sizes to compare, by L2 and by structure",
                      "l2,st;l2,st", "8,24;32,48"});
    parser.addOption({"transform-recall", "candidates x references of the transform recall subset", "n,m", "200,2000"});
    parser.addOption(
        {"transform-audit", "candidates of the recall subset also scored with SSIM under every alignment", "n", "200"});
    parser.addOption({"transform-recall-only", "only the transform recall figure"});
    parser.addOption({"transform-shortlists", "shortlist widths the transform recall measures", "w,w,...", "8"});
    parser.addOption(
        {"transform-recall-seed", "seed of the transform recall subset (13: the earlier figures')", "s", "13"});
    parser.addOption({"transform-oracle",
                      "the transform recall's every-pair oracle: read from this CSV when it exists (and was made for "
                      "the same subset), written to it otherwise",
                      "file"});
    parser.addOption(
        {"transform-missed", "write the missed pairs of the first shortlist width here (CSV + pixels)", "dir"});
    parser.addOption({"l2-shortlist",
                      "ExactL2Search's seeds (references measured first) for its figures (0: its default)", "n", "0"});
    parser.process(app);
    const QDir world(parser.value("world"));
    const qsizetype wantN = parser.value("candidates").toLongLong(), wantM = parser.value("references").toLongLong();
    const int k = parser.value("top-k").toInt();
    const int shortlist = parser.value("l2-shortlist").toInt();

    std::vector<std::uint8_t> cands, refs, train;
    appendTiny(world.filePath("tinyimages/tiny_images.bin"), cands, wantN);
    for (int b = 1; b <= 5 && count(train) < 50000; ++b)
        appendCifarBin(world.filePath(QString("cifar-10-batches-bin/data_batch_%1.bin").arg(b)), train, 50000);
    const qsizetype tinyCount = count(cands);
    cands.insert(cands.end(), train.begin(),
                 train.begin() + std::min<qsizetype>(count(train), wantN - tinyCount) * kImageBytes);
    appendCifarBin(world.filePath("cifar-10-batches-bin/test_batch.bin"), refs, wantM);
    appendNpy(world.filePath("cifar10.1/cifar10.1_v6_data.npy"), refs);
    refs.resize(size_t(std::min(wantM, count(refs))) * kImageBytes);
    const qsizetype n = count(cands), m = count(refs);
    std::printf("inputs: %lld candidates (%lld Tiny Images records + CIFAR-10 train images), %lld references "
                "(CIFAR-10 test + CIFAR-10.1)\n",
                (long long)n, (long long)tinyCount, (long long)m);
    std::printf("env before start: OPENBLAS_CORETYPE=%s\n", qgetenv("OPENBLAS_CORETYPE").constData());

    if (parser.isSet("gaussian-only")) {
        gaussianFigure(cands, refs, parser.value("recall").toLongLong() / 4, k);
        return 0;
    }
    const IntKernels ints = IntKernels::chosen();
    if (!ints.isValid())
        qFatal("%s", qPrintable(ints.errorString()));
    std::printf("%s\n", qPrintable(ints.summary()));
    const bool transformsOnly = parser.isSet("transforms-only"), ssimOnly = parser.isSet("ssim-only");
    if (parser.isSet("ssim-kernel-only")) {
        benchssim::kernelFigures(cands, n, refs, m, k, std::min<qsizetype>(parser.value("recall").toLongLong(), n));
        return 0;
    }
    if (transformsOnly || parser.isSet("transform-scorer-only")) {
        benchtransforms::scorerFigure(cands, n, refs, m, parser.value("transform-scorer").toLongLong());
        if (parser.value("transform-window") == "gaussian")
            benchtransforms::scorerFigure(cands, n, refs, m, parser.value("transform-scorer").toLongLong(),
                                          SsimWindow::Gaussian11);
    }
    if (parser.isSet("transform-scorer-only"))
        return 0;
    if (parser.isSet("shift-bound-only")) {
        benchshiftbound::figure(cands, n, refs, m, 1000, parser.value("recall").toLongLong());
        return 0;
    }
    if (parser.isSet("transform-pass-only")) {
        if (parser.isSet("transform-faiss")) { // the baseline in the same run
            const PeerFigure faiss = runPeer("faiss", cands, refs, n, m, k);
            std::printf("faiss IndexFlatL2 top-%d: %.2f s wall, %.2f s CPU%s\n", k, faiss.seconds, faiss.cpu,
                        faiss.missing.isEmpty() ? "" : qPrintable(" (skipped: " + faiss.missing + ")"));
        }
        benchtransforms::transformPassFigure(cands, n, refs, m, k,
                                             parser.value("transform-window") == "gaussian" ? SsimWindow::Gaussian11
                                                                                            : SsimWindow::Uniform7);
        return 0;
    }
    const QStringList recallShape = parser.value("transform-recall").split(',');
    std::vector<int> widths;
    for (const QString &w : parser.value("transform-shortlists").split(','))
        widths.push_back(std::max(1, w.toInt()));
    benchrecall::RecallOptions recall;
    recall.k = k;
    recall.shortlists = widths;
    recall.seed = parser.value("transform-recall-seed").toUInt();
    recall.oracleFile = parser.value("transform-oracle");
    recall.missedDir = parser.value("transform-missed");
    recall.audit = parser.value("transform-audit").toLongLong();
    const auto transformRecall = [&] {
        benchrecall::recallFigure(cands, n, refs, std::min<qsizetype>(recallShape.value(1).toLongLong(), m),
                                  recallShape.value(0).toLongLong(), recall);
    };
    if (parser.isSet("transform-recall-only")) {
        transformRecall();
        return 0;
    }
    if (!transformsOnly && !ssimOnly && !parser.isSet("l2-only"))
        intKernelFigure(cands, refs);
    const L2Figure l2 = exactL2Figure(ints, cands, refs, k, shortlist);
    const auto brute = parser.isSet("l2-only") && parser.isSet("no-brute-force")
                           ? std::vector<IntNeighbor>(l2.result.top)
                           : bruteForceFigure(ints, cands, refs, k);
    qsizetype same = 0;
    for (size_t i = 0; i < brute.size(); ++i)
        same += brute[i].index == l2.result.top[i].index && brute[i].value == l2.result.top[i].value;
    std::printf("ExactL2Search top-%d identical to the brute force's (index and distance) for %lld of %lld slots\n", k,
                (long long)same, (long long)brute.size());
    if (!transformsOnly && !ssimOnly && ints.kernel() != IntKernel::Avx2 && intKernelSupported(IntKernel::Avx2))
        exactL2Figure(IntKernels(IntKernel::Avx2), cands, refs, k, shortlist);
    if (parser.isSet("l2-only"))
        return 0;
    const PeerFigure faiss = runPeer("faiss", cands, refs, n, m, k);
    if (!faiss.missing.isEmpty()) {
        std::printf("faiss IndexFlatL2: skipped (%s)\n", qPrintable(faiss.missing));
    } else {
        qsizetype agree = 0;
        for (qsizetype i = 0; i < qsizetype(faiss.top1.size()) && i < n; ++i)
            agree += std::abs(faiss.top1[size_t(i)] - std::sqrt(double(l2.result.top[size_t(i * k)].value))) < 1e-3;
        std::printf("faiss IndexFlatL2 top-%d (%s, float32): %.2f s wall, %.2f s CPU; kernel %s\n", k,
                    qPrintable(faiss.version), faiss.seconds, faiss.cpu, qPrintable(faiss.kernel));
        std::printf("ratio faiss / exact L2 top-%d: %.2fx wall (%.2fx CPU); top-1 L2 identical to faiss's for %lld of "
                    "%lld candidates\n",
                    k, faiss.seconds / l2.seconds, faiss.cpu / l2.cpu, (long long)agree, (long long)faiss.top1.size());
    }
    if (parser.isSet("kernels-only"))
        return 0;
    if (ssimOnly) {
        std::vector<std::pair<int, int>> shortlists;
        for (const QString &setting : parser.value("ssim-shortlists").split(';', Qt::SkipEmptyParts))
            shortlists.emplace_back(setting.section(',', 0, 0).toInt(), setting.section(',', 1, 1).toInt());
        benchssim::figures(cands, n, refs, m, k, std::min<qsizetype>(parser.value("recall").toLongLong(), n),
                           shortlists);
        return 0;
    }
    NearDuplicateSearch search(refs.data(), m, NearDuplicateOptions{.topK = k});
    const Blas blas; // the float baseline's kernel (the engine itself runs on the integer kernels)
    std::printf("OpenBLAS: %s\n", qPrintable(blas.summary()));
    sgemmFigure(blas);

    NearDuplicateResult result;
    Timer t;
    search.run(cands.data(), n, &result);
    const double ours = t.seconds();
    std::printf("default pass (L2 top-%d + SSIM top-%d) %lld x %lld: %.2f s wall, %.2f s CPU; %lld exact SSIM "
                "pairs, %lld L2 brute-force fallbacks\n",
                k, k, (long long)n, (long long)m, ours, t.cpu(), (long long)result.ssimPairs,
                (long long)result.l2Fallbacks);

    const PeerFigure np = runPeer("numpy", cands, refs, n, m, k);
    qsizetype agree = 0;
    for (qsizetype i = 0; i < qsizetype(np.top1.size()) && i < n; ++i)
        agree += std::abs(np.top1[size_t(i)] - result.l2Of(i)[0].value) < 1e-3;
    std::printf("numpy brute-force L2 top-%d (float32 X @ Y.T + argpartition): %.2f s; kernel %s\n", k, np.seconds,
                qPrintable(np.kernel));
    std::printf("ratio numpy / default pass: %.2fx; top-1 L2 identical to numpy's for %lld of %lld candidates\n",
                np.seconds / ours, (long long)agree, (long long)np.top1.size());
    if (faiss.missing.isEmpty())
        std::printf("ratio faiss L2 top-%d / default pass: %.2fx\n", k, faiss.seconds / ours);
    const double shifted = benchtransforms::defaultPassFigure(cands, n, refs, m, k);
    std::printf("ratio default pass with transforms / without: %.2fx time", shifted / ours);
    if (faiss.missing.isEmpty())
        std::printf("; faiss L2 top-%d / default pass with transforms: %.2fx", k, faiss.seconds / shifted);
    std::printf("\n");
    transformRecall();
    if (transformsOnly)
        return 0;

    const qsizetype rn = std::min<qsizetype>(parser.value("recall").toLongLong(), n);
    NearDuplicateSearch exhaustive(refs.data(), m, NearDuplicateOptions{.topK = k, .exhaustive = true});
    NearDuplicateResult exact, fast;
    t = Timer();
    exhaustive.run(cands.data(), rn, &exact);
    const double ex = t.seconds(), exCpu = t.cpu();
    std::printf("exhaustive exact SSIM %lld x %lld = %lld pairs: %.2f s wall, %.2f s CPU: %.2f M pairs/s "
                "(%.2f M pairs/s per CPU-second)\n",
                (long long)rn, (long long)m, (long long)exact.ssimPairs, ex, exCpu, exact.ssimPairs / ex * 1e-6,
                exact.ssimPairs / exCpu * 1e-6);
    search.run(cands.data(), rn, &fast);
    recallFigure(fast, exact, 0.75);

    t = Timer();
    const int loopPairs = 3000;
    double sink = 0;
    for (int i = 0; i < loopPairs; ++i)
        sink += ssimReference(cands.data() + (i % n) * kImageBytes, refs.data() + (i * 7 % m) * kImageBytes);
    const double loopRate = loopPairs / t.seconds();
    std::printf("straightforward per-pair SSIM loop (double, one thread): %.0f pairs/s (checksum %.3f); "
                "exhaustive kernel is %.0fx faster\n",
                loopRate, sink, exact.ssimPairs / ex / loopRate);

    gaussianFigure(cands, refs, rn / 4, k);
    exactDuplicateFigure(train.empty() ? cands : train, refs);
    return 0;
}
