#pragma once
// bench_dedup's shift- and flip-aware figures (issue 13.1), kept apart from the engine's own sections:
// the per-pair scorer and the default pass with transforms on (its recall: bench/BenchRecall.h).
#include "core/common/ImageSet.h"
#include "core/dedup/NearDuplicateSearch.h"
#include "core/dedup/Parallel.h"
#include "core/dedup/TransformScorer.h"

#include <QElapsedTimer>
#include <QString>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <random>
#include <set>
#include <vector>

namespace benchtransforms {

using namespace tc::core;

inline double cpuNow()
{
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + ts.tv_nsec * 1e-9;
}

// One thread, the per-pair transform stage alone: `pairs` pairs (16 references per candidate, as the
// default pass scores about that many) by the straightforward double code and by TransformKernels
// on every path this machine runs; every path must give the straightforward code's L2 and
// transform and, bit for bit, the same SSIM as the scalar path.
inline void scorerFigure(const std::vector<std::uint8_t> &cands, qsizetype n, const std::vector<std::uint8_t> &refs,
                         qsizetype m, qsizetype pairs, SsimWindow window = SsimWindow::Uniform7)
{
    constexpr int kPerCandidate = 16;
    if (window == SsimWindow::Gaussian11)
        std::printf("Gaussian window:\n");
    const auto run = [&](const char *label, IntKernel kernel, bool straightforward, std::vector<PairScore> &out) {
        TransformScorer scorer(window, TransformSet::ShiftFlip, false, TransformKernels(kernel));
        out.resize(size_t(pairs));
        const double cpu0 = cpuNow();
        for (qsizetype p = 0; p < pairs; ++p) {
            if (p % kPerCandidate == 0)
                scorer.setCandidate(cands.data() + (p / kPerCandidate * 7919 % n) * kImageBytes);
            const std::uint8_t *ref = refs.data() + (p * 104729 % m) * kImageBytes;
            for (int line = 0; line < kImageBytes; line += 64) // as TransformSearch does
                __builtin_prefetch(refs.data() + ((p + 1) * 104729 % m) * kImageBytes + line);
            out[size_t(p)] = straightforward ? scorer.scoreStraightforward(ref) : scorer.score(ref);
        }
        const double cpu = cpuNow() - cpu0;
        std::printf("transform scorer, %s: %lld pairs in %.2f s CPU (one thread): %.2f us per pair, %.2f SSIM "
                    "evaluations per pair\n",
                    label, (long long)pairs, cpu, cpu / double(pairs) * 1e6,
                    double(scorer.ssimEvaluations()) / double(pairs));
        return cpu;
    };
    std::vector<PairScore> reference, scalar, path;
    if (qEnvironmentVariableIsSet("TC_TRANSFORM_PROFILE")) { // one path alone, for perf stat
        run("kernels", TransformKernels::chosen().kernel(), false, path);
        return;
    }
    const double slow = run("straightforward double code (before)", IntKernel::Scalar, true, reference);
    run("kernels, scalar path", IntKernel::Scalar, false, scalar);
    for (IntKernel k : supportedIntKernels()) {
        const TransformKernels kernels(k);
        if (kernels.kernel() != k || k == IntKernel::Scalar)
            continue; // one figure per TransformKernels path
        if (qEnvironmentVariableIsSet("TC_INT_KERNEL") && TransformKernels::chosen().kernel() != k)
            continue; // (profiling one path)
        const double fast = run(qPrintable(QStringLiteral("kernels, %1 path").arg(kernels.name())), k, false, path);
        qsizetype sameL2 = 0, sameTransform = 0, sameSsim = 0;
        double worst = 0;
        for (qsizetype p = 0; p < pairs; ++p) {
            const PairScore &a = reference[size_t(p)], &b = path[size_t(p)];
            sameL2 += a.l2 == b.l2;
            sameTransform += a.transform == b.transform;
            sameSsim += scalar[size_t(p)].ssim == b.ssim;
            worst = std::max(worst, std::abs(a.ssim - b.ssim));
        }
        std::printf("  %s: %.1fx the straightforward code; L2 identical for %lld, transform for %lld, SSIM "
                    "bit-identical to the scalar path for %lld of %lld pairs; largest SSIM difference to the "
                    "straightforward code %.1e\n",
                    qPrintable(kernels.name()), slow / fast, (long long)sameL2, (long long)sameTransform,
                    (long long)sameSsim, (long long)pairs, worst);
    }
}

// FNV-1a over every kept neighbour and its full score (index, double bits, transform): two builds
// whose digests agree gave the same results bit for bit.
inline quint64 resultDigest(const NearDuplicateResult &r)
{
    quint64 h = 1469598103934665603ull;
    const auto mix = [&](const void *p, size_t bytes) {
        for (size_t i = 0; i < bytes; ++i)
            h = (h ^ static_cast<const unsigned char *>(p)[i]) * 1099511628211ull;
    };
    for (const auto *list : {&r.l2, &r.ssim})
        for (const Neighbor &nb : *list) {
            mix(&nb.index, sizeof nb.index);
            mix(&nb.value, sizeof nb.value);
        }
    for (const auto *list : {&r.l2Scores, &r.ssimScores})
        for (const PairScore &s : *list) {
            mix(&s.ssim, sizeof s.ssim);
            mix(&s.l2, sizeof s.l2);
            const int t[3] = {s.transform.dx, s.transform.dy, int(s.transform.mirrored)};
            mix(t, sizeof t);
        }
    return h;
}

// The default pass with transforms on, timed like the plain one. Returns wall seconds.
inline double defaultPassFigure(const std::vector<std::uint8_t> &cands, qsizetype n,
                                const std::vector<std::uint8_t> &refs, qsizetype m, int k,
                                SsimWindow window = SsimWindow::Uniform7)
{
    NearDuplicateOptions o;
    o.topK = k;
    o.window = window;
    o.transforms = TransformSet::ShiftFlip;
    NearDuplicateSearch search(refs.data(), m, o);
    NearDuplicateResult result;
    QElapsedTimer wall;
    wall.start();
    const double cpu0 = cpuNow();
    search.run(cands.data(), n, &result);
    const double seconds = wall.nsecsElapsed() * 1e-9;
    std::printf("default pass with transforms (shift-flip: L2 + SSIM top-%d, each the best over 50 alignments) "
                "%lld x %lld%s: %.2f s wall, %.2f s CPU; %lld pairs scored under the transforms; result digest "
                "%016llx\n",
                k, (long long)n, (long long)m, window == SsimWindow::Gaussian11 ? " (Gaussian window)" : "", seconds,
                cpuNow() - cpu0, (long long)result.transformPairs, (unsigned long long)resultDigest(result));
    return seconds;
}

// The transform stage's cost by difference: the plain default pass, then the same with transforms
// (bench_dedup --transform-pass-only [--transform-window gaussian]); cheap enough to profile.
inline void transformPassFigure(const std::vector<std::uint8_t> &cands, qsizetype n,
                                const std::vector<std::uint8_t> &refs, qsizetype m, int k, SsimWindow window)
{
    NearDuplicateOptions o;
    o.topK = k;
    o.window = window;
    NearDuplicateSearch search(refs.data(), m, o);
    NearDuplicateResult result;
    const double cpu0 = cpuNow();
    search.run(cands.data(), n, &result);
    const double plain = cpuNow() - cpu0;
    std::printf("default pass without transforms %lld x %lld: %.2f s CPU\n", (long long)n, (long long)m, plain);
    const double cpu1 = cpuNow();
    defaultPassFigure(cands, n, refs, m, k, window);
    const double shifted = cpuNow() - cpu1;
    std::printf("the transform stage (with - without): %.2f s CPU\n", shifted - plain);
}

// The recall of the default pass against every pair: bench/BenchRecall.h.

} // namespace benchtransforms
