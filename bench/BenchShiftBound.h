#pragma once
// bench_dedup --shift-bound-only: ShiftL2Bound (the transform stage's proven L2 guarantee) alone, one
// thread, on the world's candidates against the references (team guard3). Prints its CPU time, the
// pairs it lists and a digest of the lists (each candidate's sorted, duplicates removed: the set the
// transform stage scores, whatever order the bound finds them in), then the same on the other
// integer kernels on a subset, which must list the same.
#include "core/dedup/IntKernels.h"
#include "core/dedup/ShiftL2Bound.h"

#include <QString>
#include <algorithm>
#include <cstdio>
#include <ctime>
#include <vector>

namespace benchshiftbound {

using namespace tc::core;

inline double cpuNow()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + ts.tv_nsec * 1e-9;
}

struct Lists {
    qint64 pairs = 0;
    quint64 digest = 1469598103934665603ull;
    double cpu = 0;
};

inline Lists run(const std::vector<std::uint8_t> &cands, qsizetype n, const std::vector<std::uint8_t> &refs,
                 qsizetype m, double maxL2, IntKernel kernel)
{
    Lists out;
    ShiftL2Bound bound(refs.data(), m, maxL2, kernel, 1);
    bound.prepare();
    const double cpu0 = cpuNow();
    std::vector<std::vector<qint32>> lists(static_cast<size_t>(n));
    constexpr qsizetype kChunk = 64; // as TransformSearch calls it
    for (qsizetype b = 0; b < n; b += kChunk) {
        const qsizetype e = std::min(n, b + kChunk);
        std::vector<std::vector<qint32>> part(size_t(e - b));
        bound.candidatesOf(cands.data() + b * kImageBytes, e - b, part);
        for (qsizetype i = b; i < e; ++i)
            lists[size_t(i)] = std::move(part[size_t(i - b)]);
    }
    out.cpu = cpuNow() - cpu0;
    for (auto &list : lists) {
        std::sort(list.begin(), list.end());
        list.erase(std::unique(list.begin(), list.end()), list.end());
        out.pairs += qint64(list.size());
        for (qint32 j : list)
            for (int s = 0; s < 32; s += 8)
                out.digest = (out.digest ^ ((quint32(j) >> s) & 0xff)) * 1099511628211ull;
        out.digest = (out.digest ^ 0xff) * 1099511628211ull; // the list's end
    }
    return out;
}

inline void figure(const std::vector<std::uint8_t> &cands, qsizetype n, const std::vector<std::uint8_t> &refs,
                   qsizetype m, double maxL2, qsizetype subset)
{
    const IntKernel chosen = IntKernels::chosen().kernel();
    // Three runs, the least CPU time reported with all three: on a loaded machine one run swings by 25 %.
    Lists all = run(cands, n, refs, m, maxL2, chosen);
    QString runs = QString::number(all.cpu, 'f', 2);
    for (int again = 1; again < 3; ++again) {
        const Lists next = run(cands, n, refs, m, maxL2, chosen);
        runs += QStringLiteral(" / ") + QString::number(next.cpu, 'f', 2);
        if (next.digest != all.digest || next.pairs != all.pairs)
            std::printf("ShiftL2Bound: run %d listed DIFFERENT pairs\n", again + 1);
        all.cpu = std::min(all.cpu, next.cpu);
    }
    std::printf("ShiftL2Bound (maxL2 %.0f, %s, one thread) %lld x %lld: %.2f s CPU (least of %s); %lld pairs listed; "
                "lists digest %016llx\n",
                maxL2, qPrintable(intKernelName(chosen)), (long long)n, (long long)m, all.cpu, qPrintable(runs),
                (long long)all.pairs, (unsigned long long)all.digest);
    subset = std::min(subset, n);
    const Lists first = run(cands, subset, refs, m, maxL2, chosen);
    for (IntKernel kernel : supportedIntKernels()) {
        if (kernel == chosen)
            continue;
        const Lists other = run(cands, subset, refs, m, maxL2, kernel);
        std::printf("  %s on the first %lld: %.2f s CPU, %lld pairs; %s\n", qPrintable(intKernelName(kernel)),
                    (long long)subset, other.cpu, (long long)other.pairs,
                    other.digest == first.digest && other.pairs == first.pairs
                        ? "the same lists as the chosen kernel's"
                        : "DIFFERENT lists from the chosen kernel's");
    }
}

} // namespace benchshiftbound
