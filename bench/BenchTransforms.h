#pragma once
// bench_dedup's shift- and flip-aware figures (issue 13.1), kept apart from the engine's own sections:
// the default pass with transforms on, and its recall against scoring every reference under every
// transform (TransformScorer, exhaustive) on a subset enriched with shifted/mirrored copies.
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

// Recall of the default pass against the transform-aware pass over every reference: rn candidates
// (two of three copies of random references under a random non-identity transform, edge-filled,
// brightness +-5 and noise +-2 added; every third an ordinary candidate) against the first mr
// references. The oracle scores every (candidate, reference) pair with TransformScorer (L2 under
// all 50 alignments, SSIM where the scorer evaluates it); on the first `audit` candidates it also
// evaluates SSIM under every alignment (exhaustive mode), which measures the scorer's pruning.
inline void recallFigure(const std::vector<std::uint8_t> &cands, qsizetype n, const std::vector<std::uint8_t> &refs,
                         qsizetype mr, qsizetype rn, int k, qsizetype audit = 200,
                         const std::vector<int> &shortlists = {4}, double ssimThreshold = 0.75,
                         double l2Threshold = 1000)
{
    std::mt19937 rng(13);
    std::vector<std::uint8_t> subset(size_t(rn) * kImageBytes);
    const auto &all = shiftFlipTransforms();
    for (qsizetype i = 0; i < rn; ++i) {
        std::uint8_t *out = subset.data() + i * kImageBytes;
        if (i % 3 == 2) {
            std::copy_n(cands.data() + (i * 7919 % n) * kImageBytes, kImageBytes, out);
            continue;
        }
        const std::uint8_t *ref = refs.data() + qsizetype(rng() % mr) * kImageBytes;
        const PairTransform t = all[1 + rng() % (all.size() - 1)];
        // Edge fill: the reference mirrored, moved, the uncovered border repeating the nearest pixels.
        const int bright = int(rng() % 11) - 5;
        for (int r = 0; r < 32; ++r)
            for (int c = 0; c < 32; ++c) {
                const int rr = std::clamp(r - t.dy, 0, 31), cc0 = std::clamp(c - t.dx, 0, 31);
                const int cc = t.mirrored ? 31 - cc0 : cc0;
                for (int ch = 0; ch < 3; ++ch)
                    out[pixelOffset(r, c, ch)] = std::uint8_t(
                        std::clamp(int(ref[pixelOffset(rr, cc, ch)]) + bright + int(rng() % 5) - 2, 0, 255));
            }
    }
    // The default pass once per shortlist width (NearDuplicateOptions::transformShortlist), against one oracle.
    std::vector<NearDuplicateResult> passes(shortlists.size());
    for (size_t w = 0; w < shortlists.size(); ++w) {
        NearDuplicateOptions o;
        o.topK = k;
        o.transforms = TransformSet::ShiftFlip;
        o.transformShortlist = shortlists[w];
        NearDuplicateSearch search(refs.data(), mr, o);
        search.run(subset.data(), rn, &passes[w]);
    }
    const auto flaggedBy = [&](const PairScore &s) { return s.ssim >= ssimThreshold || s.l2 <= l2Threshold; };
    // Every reference, every candidate.
    std::vector<std::set<qint32>> truth(static_cast<size_t>(rn)), audited(static_cast<size_t>(rn));
    std::atomic<qint64> auditPairs{0}, auditAgreeing{0};
    QElapsedTimer wall;
    wall.start();
    const double cpu0 = cpuNow();
    parallelChunks(rn, 8, workerCount(0), [&](qsizetype b, qsizetype e) {
        TransformScorer scorer(SsimWindow::Uniform7, TransformSet::ShiftFlip, false);
        TransformScorer exhaustive(SsimWindow::Uniform7, TransformSet::ShiftFlip, true);
        for (qsizetype i = b; i < e; ++i) {
            scorer.setCandidate(subset.data() + i * kImageBytes);
            exhaustive.setCandidate(subset.data() + i * kImageBytes);
            for (qsizetype j = 0; j < mr; ++j) {
                const std::uint8_t *ref = refs.data() + j * kImageBytes;
                const bool flagged = flaggedBy(scorer.score(ref));
                if (flagged)
                    truth[size_t(i)].insert(qint32(j));
                if (i < audit && flaggedBy(exhaustive.score(ref))) {
                    audited[size_t(i)].insert(qint32(j));
                    ++auditPairs;
                    auditAgreeing += flagged ? 1 : 0;
                }
            }
        }
    });
    const double exSeconds = wall.nsecsElapsed() * 1e-9, exCpu = cpuNow() - cpu0;
    for (size_t w = 0; w < shortlists.size(); ++w) {
        const NearDuplicateResult &fast = passes[w];
        qint64 truthPairs = 0, found = 0, truthCands = 0, foundCands = 0, auditFound = 0, auditCapped = 0;
        for (qsizetype i = 0; i < rn; ++i) {
            std::set<qint32> flagged;
            for (qsizetype s = 0; s < k; ++s) {
                const PairScore &a = fast.l2ScoresOf(i)[size_t(s)], &b = fast.ssimScoresOf(i)[size_t(s)];
                if (fast.l2Of(i)[size_t(s)].index >= 0 && flaggedBy(a))
                    flagged.insert(fast.l2Of(i)[size_t(s)].index);
                if (fast.ssimOf(i)[size_t(s)].index >= 0 && flaggedBy(b))
                    flagged.insert(fast.ssimOf(i)[size_t(s)].index);
            }
            // A candidate with more flagged references than the 2k stored slots: the pass can keep at
            // most 2k of them; count at most 2k.
            const auto count = [&](const std::set<qint32> &want, qint64 &total, qint64 &hits) {
                const qint64 cap = std::min<qint64>(qint64(want.size()), 2 * k);
                qint64 hit = 0;
                for (qint32 j : want)
                    hit += flagged.count(j);
                total += cap;
                hits += std::min(hit, cap);
            };
            count(truth[size_t(i)], truthPairs, found);
            count(audited[size_t(i)], auditCapped, auditFound);
            truthCands += truth[size_t(i)].empty() ? 0 : 1;
            foundCands += (!truth[size_t(i)].empty() && !flagged.empty()) ? 1 : 0;
        }
        std::printf("transform recall, shortlist %d (%lld candidates, two of three shifted/mirrored copies, x %lld "
                    "references; %lld pairs scored by the pass; every pair scored: %.1f s wall, %.1f s CPU): flagged "
                    "pairs %lld, found %lld (%.3f%%); flagged candidates %lld, found %lld (%.3f%%)\n",
                    shortlists[w], (long long)rn, (long long)mr, (long long)fast.transformPairs, exSeconds, exCpu,
                    (long long)truthPairs, (long long)found, truthPairs ? 100.0 * found / truthPairs : 100.0,
                    (long long)truthCands, (long long)foundCands, truthCands ? 100.0 * foundCands / truthCands : 100.0);
        std::printf("  audit, SSIM under all 50 alignments for the first %lld candidates: %lld flagged pairs, the "
                    "pruned scorer flags %lld (%.3f%%), the pass found %lld of %lld (%.3f%%)\n",
                    (long long)std::min(audit, rn), (long long)auditPairs.load(), (long long)auditAgreeing.load(),
                    auditPairs ? 100.0 * auditAgreeing / auditPairs : 100.0, (long long)auditFound,
                    (long long)auditCapped, auditCapped ? 100.0 * auditFound / auditCapped : 100.0);
    }
}

} // namespace benchtransforms
