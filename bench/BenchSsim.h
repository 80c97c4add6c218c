#pragma once
// bench_dedup --ssim-only: the exact SSIM figures (issue 13, team ssim), kept apart from the other
// sections: exhaustive exact SSIM on every SSIM path (the path follows the integer kernel, so
// TC_INT_KERNEL forces it), the plain default pass, and its recall against the exhaustive pass.
#include "core/common/ImageSet.h"
#include "core/dedup/NearDuplicateSearch.h"
#include "core/dedup/SsimKernel.h"

#include <QElapsedTimer>
#include <cstdio>
#include <ctime>
#include <memory>
#include <set>
#include <vector>

namespace benchssim {

using namespace tc::core;

inline double cpuNow()
{
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + ts.tv_nsec * 1e-9;
}

struct Timed {
    double wall = 0, cpu = 0;
};

// One pass of search over the first n candidates, timed in wall and process CPU seconds.
inline Timed timedRun(NearDuplicateSearch &search, const std::vector<std::uint8_t> &cands, qsizetype n,
                      NearDuplicateResult *result)
{
    QElapsedTimer wall;
    wall.start();
    const double cpu0 = cpuNow();
    search.run(cands.data(), n, result);
    return {wall.nsecsElapsed() * 1e-9, cpuNow() - cpu0};
}

// The exhaustive pass with the integer kernel (and so the SSIM path) TC_INT_KERNEL names ("" for
// the fastest); values are compared with the default path's result (must be identical).
inline void exhaustiveFigure(const char *path, const std::vector<std::uint8_t> &cands, qsizetype n,
                             const std::vector<std::uint8_t> &refs, qsizetype m, int k, const NearDuplicateResult *same,
                             NearDuplicateResult *out)
{
    if (*path)
        qputenv("TC_INT_KERNEL", path);
    NearDuplicateSearch search(refs.data(), m, NearDuplicateOptions{.topK = k, .exhaustive = true});
    qunsetenv("TC_INT_KERNEL");
    if (!search.isValid()) {
        std::printf("exhaustive exact SSIM, path %s: skipped (%s)\n", path, qPrintable(search.errorString()));
        return;
    }
    const Timed t = timedRun(search, cands, n, out);
    std::printf("exhaustive exact SSIM %lld x %lld = %lld pairs (%s): %.2f s wall, %.2f s CPU: %.2f M pairs/s "
                "(%.2f M pairs per CPU-second)\n",
                (long long)n, (long long)m, (long long)out->ssimPairs, qPrintable(search.intKernels().summary()),
                t.wall, t.cpu, out->ssimPairs / t.wall * 1e-6, out->ssimPairs / t.cpu * 1e-6);
    if (same) {
        qsizetype equal = 0;
        for (size_t i = 0; i < out->ssim.size(); ++i)
            equal += out->ssim[i].index == same->ssim[i].index && out->ssim[i].value == same->ssim[i].value;
        std::printf("  top-%d SSIM identical (index and value, bit for bit) to the fastest path's for %lld of %zu "
                    "slots\n",
                    k, (long long)equal, out->ssim.size());
    }
}

// Recall of the plain shortlist pass against the exhaustive one (same first candidates).
inline void recallFigure(const NearDuplicateResult &fast, const NearDuplicateResult &exact, double threshold)
{
    qint64 pairs = 0, found = 0, flagged = 0, flaggedFound = 0;
    for (qsizetype i = 0; i < exact.candidates; ++i) {
        std::set<qint32> got;
        for (const Neighbor &nb : fast.ssimOf(i))
            got.insert(nb.index);
        for (const Neighbor &nb : exact.ssimOf(i))
            if (nb.index >= 0 && nb.value >= threshold) {
                ++pairs;
                found += qint64(got.count(nb.index));
            }
        if (exact.ssimOf(i)[0].value >= threshold) {
            ++flagged;
            flaggedFound += fast.ssimOf(i)[0].value >= threshold;
        }
    }
    std::printf("recall of the plain default pass (SSIM >= %.2f, %lld candidates): pairs in exhaustive top-k %lld, "
                "found %lld (%.3f%%); flagged candidates %lld, found %lld (%.3f%%)\n",
                threshold, (long long)exact.candidates, (long long)pairs, (long long)found,
                pairs ? 100.0 * double(found) / double(pairs) : 100.0, (long long)flagged, (long long)flaggedFound,
                flagged ? 100.0 * double(flaggedFound) / double(flagged) : 100.0);
}

// The lane kernel alone on one thread, per path: 16 candidates against 64 blocks of 16 references
// (block builds timed apart), best of 5 rounds by thread CPU time.
inline void kernelFigure(const std::vector<std::uint8_t> &cands, const std::vector<std::uint8_t> &refs)
{
    auto threadCpu = [] {
        timespec ts{};
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
        return double(ts.tv_sec) + ts.tv_nsec * 1e-9;
    };
    std::vector<std::unique_ptr<SsimSingle>> singles;
    std::vector<const SsimSingle *> xs;
    for (int j = 0; j < kSsimInFlight; ++j) {
        singles.push_back(std::make_unique<SsimSingle>());
        singles.back()->load(cands.data() + qsizetype(j) * kImageBytes);
        xs.push_back(singles.back().get());
    }
    std::vector<float> out(size_t(kSsimInFlight) * kSsimLanes);
    constexpr int kBlocks = 64;
    for (SsimPath path : {SsimPath::Avx512, SsimPath::Avx2, SsimPath::Scalar}) {
        if (!ssimPathSupported(path))
            continue;
        auto block = std::make_unique<SsimLaneBlock>();
        block->path = path;
        double best = 1e9, build = 0;
        for (int round = 0; round < 5; ++round) {
            double kernel = 0, load = 0;
            for (int b = 0; b < kBlocks; ++b) {
                const std::uint8_t *images[kSsimLanes];
                for (int l = 0; l < kSsimLanes; ++l)
                    images[l] = refs.data() + qsizetype(b * kSsimLanes + l) * kImageBytes;
                const double t0 = threadCpu();
                block->load(images, kSsimLanes);
                const double t1 = threadCpu();
                ssimManyAgainstLanes(xs.data(), kSsimInFlight, *block, out.data());
                kernel += threadCpu() - t1;
                load += t1 - t0;
            }
            if (kernel < best) {
                best = kernel;
                build = load;
            }
        }
        const double pairs = double(kBlocks) * kSsimLanes * kSsimInFlight;
        std::printf("SSIM lane kernel, one thread, path %s: %.0f ns per pair (%.2f M pairs per CPU-second); block "
                    "build %.1f us per 16 references\n",
                    qPrintable(ssimPathName(path)), best / pairs * 1e9, pairs / best * 1e-6, build / kBlocks * 1e6);
    }
}

// --ssim-kernel-only: the kernel alone, the exhaustive pass on rn candidates (fastest path) and the
// plain default pass on all n with its recall (a quick figure without the baselines).
inline void kernelFigures(const std::vector<std::uint8_t> &cands, qsizetype n, const std::vector<std::uint8_t> &refs,
                          qsizetype m, int k, qsizetype rn)
{
    kernelFigure(cands, refs);
    NearDuplicateResult exact;
    exhaustiveFigure("", cands, rn, refs, m, k, nullptr, &exact);
    NearDuplicateSearch search(refs.data(), m, NearDuplicateOptions{.topK = k});
    NearDuplicateResult result, fast;
    const Timed t = timedRun(search, cands, n, &result);
    std::printf("plain default pass %lld x %lld: %.2f s wall, %.2f s CPU; %lld exact SSIM pairs\n", (long long)n,
                (long long)m, t.wall, t.cpu, (long long)result.ssimPairs);
    timedRun(search, cands, rn, &fast);
    // Below the flagging threshold too: how much margin the shortlists keep.
    for (double threshold : {0.75, 0.6, 0.5})
        recallFigure(fast, exact, threshold);
}

// Everything of --ssim-only: exhaustive on rn candidates (fastest path, then the AVX2 and scalar
// paths on rn / 8 and rn / 64 candidates, compared with the fastest one), then per SSIM shortlist
// setting (l2, structure: NearDuplicateOptions' two shortlist sizes) the plain default pass on all n
// and its recall on the first rn.
inline void figures(const std::vector<std::uint8_t> &cands, qsizetype n, const std::vector<std::uint8_t> &refs,
                    qsizetype m, int k, qsizetype rn, const std::vector<std::pair<int, int>> &shortlists)
{
    kernelFigure(cands, refs);
    NearDuplicateResult exact;
    exhaustiveFigure("", cands, rn, refs, m, k, nullptr, &exact);
    for (const auto &[path, div] : {std::pair{"avx2", 8}, std::pair{"scalar", 64}}) {
        NearDuplicateResult sub, forced;
        exhaustiveFigure("", cands, rn / div, refs, m, k, nullptr, &sub);
        exhaustiveFigure(path, cands, rn / div, refs, m, k, &sub, &forced);
    }
    for (const auto &[l2, structure] : shortlists) {
        NearDuplicateOptions options{.topK = k};
        options.l2Shortlist = l2;
        options.structureShortlist = structure;
        NearDuplicateSearch search(refs.data(), m, options);
        NearDuplicateResult result, fast;
        const Timed t = timedRun(search, cands, n, &result);
        std::printf("plain default pass (L2 top-%d + SSIM top-%d, --transforms none; SSIM shortlists: %d by L2, %d by "
                    "structure) %lld x %lld: %.2f s wall, %.2f s CPU; %lld exact SSIM pairs\n",
                    k, k, l2, structure, (long long)n, (long long)m, t.wall, t.cpu, (long long)result.ssimPairs);
        timedRun(search, cands, rn, &fast);
        recallFigure(fast, exact, 0.75);
    }
}

} // namespace benchssim
