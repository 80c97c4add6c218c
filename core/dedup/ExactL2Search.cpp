#include "core/dedup/ExactL2Search.h"

#include "core/common/ImageSet.h"
#include "core/dedup/Parallel.h"

#include <algorithm>
#include <atomic>
#include <limits>

namespace tc::core {

namespace {

// Candidates a task takes: their 4x4 distances to every reference (rows x count int32, about 1 MB
// for 12,000 references) stay in L2 while the rows are scanned.
constexpr qsizetype kRows = 24;

// The `count` smallest (value, index) of a row seen in index order: values under the current
// count-th collect in a buffer of twice that, cut back when full. Sixteen values are compared with
// the threshold at once (vectorised), and only a group with one below it is looked at value by value.
void smallestOf(const std::int32_t *values, qsizetype cols, int count, std::vector<IntNeighbor> &out)
{
    out.clear();
    std::int32_t threshold = std::numeric_limits<std::int32_t>::max();
    const auto cut = [&] {
        std::nth_element(out.begin(), out.begin() + (count - 1), out.end(), nearerThan);
        out.resize(size_t(count));
        threshold = out.back().value; // the count-th smallest; all before it are nearer
    };
    const auto take = [&](qsizetype j) {
        if (values[j] < threshold) {
            out.push_back({qint32(j), values[j]});
            if (out.size() == 2 * size_t(count))
                cut();
        }
    };
    constexpr qsizetype kGroup = 16;
    qsizetype j = 0;
    for (; j + kGroup <= cols; j += kGroup) {
        bool any = false;
        for (qsizetype t = 0; t < kGroup; ++t)
            any |= values[j + t] < threshold;
        if (any)
            for (qsizetype t = 0; t < kGroup; ++t)
                take(j + t);
    }
    for (; j < cols; ++j)
        take(j);
    if (out.size() > size_t(count))
        cut();
}

// The `width` smallest (value, index) seen, sorted; insertion is cheap for the widths used (<= 64).
class SortedBest final {
public:
    // (Not "slots": Qt defines that word away.)
    explicit SortedBest(IntNeighbor *out, int width) : m_slots(out), m_width(width) {}
    bool full() const { return m_size == m_width; }
    const IntNeighbor &last() const { return m_slots[m_size - 1]; }
    void offer(IntNeighbor nb)
    {
        if (full() && !nearerThan(nb, last()))
            return;
        int pos = full() ? m_width - 1 : m_size++;
        while (pos > 0 && nearerThan(nb, m_slots[pos - 1])) {
            m_slots[pos] = m_slots[pos - 1];
            --pos;
        }
        m_slots[pos] = nb;
    }

private:
    IntNeighbor *m_slots;
    int m_width;
    int m_size = 0;
};

// A reference past the 2x2 bound, waiting to be measured.
struct Pending {
    float bound;
    qint32 index;
};

} // namespace

ExactL2Search::ExactL2Search(const IntKernels &kernels, const std::uint8_t *references, qsizetype count, int threads)
    : m_kernels(kernels), m_refs(references), m_count(count), m_threads(workerCount(threads))
{
    m_coarse.compute(references, count, kImageBytes, BlockBound::Layout::Canonical, &m_refCoarse, m_threads);
    m_fine.compute(references, count, kImageBytes, BlockBound::Layout::Canonical, &m_refFine, m_threads);
    if (count > 0)
        m_means = m_kernels.pack(m_refCoarse.means.data(), count, m_coarse.dim(), m_coarse.dim());
}

bool ExactL2Search::run(const std::uint8_t *cands, qsizetype n, int k, int near, Result *result,
                        const Progress &progress) const
{
    const qsizetype cap = std::max<qsizetype>(1, m_count);
    k = int(std::clamp<qsizetype>(k, 1, cap));
    near = int(std::clamp<qsizetype>(std::max(near, k), 1, cap));
    const int seeds = int(std::clamp<qsizetype>(m_seeds > 0 ? m_seeds : near + 8, near, cap));
    result->k = k;
    result->near = near;
    result->top.assign(size_t(n) * k, IntNeighbor{});
    result->nearest.assign(size_t(n) * near, IntNeighbor{});
    result->fallbacks = 0;
    result->refined = 0;
    result->measured = 0;
    if (n == 0 || m_count == 0)
        return true;
    BlockBound::Features coarse, fine;
    m_coarse.compute(cands, n, kImageBytes, BlockBound::Layout::Canonical, &coarse, m_threads);
    m_fine.compute(cands, n, kImageBytes, BlockBound::Layout::Canonical, &fine, m_threads);
    const int coarseDim = m_coarse.dim(), fineDim = m_fine.dim();
    const IntKernel path = m_kernels.kernel();
    std::atomic<qint64> measured{0}, refined{0};
    std::atomic<qsizetype> done{0};
    parallelChunks(
        n, kRows, m_threads,
        [&](qsizetype r0, qsizetype r1) {
            thread_local std::vector<std::int32_t> dist;
            thread_local std::vector<qint64> stamp; // per reference: the candidate that measured it last
            thread_local std::vector<IntNeighbor> seedList;
            thread_local std::vector<qint32> survivors;
            thread_local std::vector<Pending> pending;
            thread_local std::vector<qint32> fresh, batch;
            thread_local std::vector<std::int32_t> exactDots;
            thread_local std::vector<std::int32_t> fineDots;
            dist.resize(size_t(kRows * m_count));
            stamp.assign(size_t(m_count), -1);
            qint64 exact = 0, fineCount = 0;
            m_kernels.squaredL2(coarse.means.data() + r0 * coarseDim, r1 - r0, coarseDim, m_means, 0, m_count,
                                dist.data(), m_count);
            for (qsizetype i = r0; i < r1; ++i) {
                const std::int32_t *d = dist.data() + (i - r0) * m_count;
                const std::uint8_t *x = cands + i * kImageBytes;
                const std::int32_t norm = coarse.imageNorm[size_t(i)];
                IntNeighbor *nearest = result->nearest.data() + i * near;
                // The top k are proven against the k-th; the near list is the nearest of all measured.
                IntNeighbor *top = result->top.data() + i * k;
                SortedBest best(top, k), wide(nearest, near);
                // Exact distances of a few references at once (BlockBound::dots: four at a time,
                // the next ones fetched ahead; an image is 48 cache lines, rarely in cache).
                const auto measure = [&](const qint32 *rows, qsizetype count) {
                    exactDots.resize(size_t(count));
                    BlockBound::dots(path, x, m_refs, kImageBytes, rows, count, m_refCoarse.imageSum.data(),
                                     exactDots.data());
                    for (qsizetype t = 0; t < count; ++t) {
                        const qint32 j = rows[t];
                        stamp[size_t(j)] = i;
                        const std::int32_t d2 = norm + m_refCoarse.imageNorm[size_t(j)] - 2 * exactDots[size_t(t)];
                        best.offer({j, d2});
                        wide.offer({j, d2});
                    }
                    exact += count;
                };
                // The references nearest in 4x4 means set the threshold...
                smallestOf(d, m_count, seeds, seedList);
                batch.clear();
                for (const IntNeighbor &seed : seedList)
                    batch.push_back(seed.index);
                measure(batch.data(), qsizetype(batch.size()));
                // ...and every other one the bounds cannot rule out against it is measured. A
                // reference at the threshold itself may still win on its index: <= it, not <.
                const auto threshold = [&] {
                    return best.full() ? qint64(best.last().value) : std::numeric_limits<qint64>::max();
                };
                const float rho = coarse.rho[size_t(i)], tau = coarse.tau[size_t(i)];
                const float rhoFine = fine.rho[size_t(i)], tauFine = fine.tau[size_t(i)];
                const std::uint8_t *xFine = fine.means.data() + i * fineDim;
                const qint64 start = threshold();
                survivors.clear();
                m_coarse.survivors(path, d, m_count, m_refCoarse.rho.data(), m_refCoarse.tau.data(), rho, tau, start, 0,
                                   survivors);
                // The survivors of the 4x4 bound meet the 2x2 bound (against the seeds' threshold:
                // nothing is measured meanwhile), and those left are measured nearest bound first,
                // so that the threshold falls as early as it can and rules out the rest of the list.
                pending.clear();
                fresh.clear();
                for (const qint32 j : survivors)
                    if (stamp[size_t(j)] != i)
                        fresh.push_back(j);
                fineDots.resize(fresh.size());
                BlockBound::dots(path, xFine, m_refFine.means.data(), fineDim, fresh.data(), qsizetype(fresh.size()),
                                 m_refFine.meanSum.data(), fineDots.data());
                fineCount += qint64(fresh.size());
                for (size_t t = 0; t < fresh.size(); ++t) {
                    const qint32 j = fresh[t];
                    const std::int32_t fineDistance =
                        fine.meanNorm[size_t(i)] + m_refFine.meanNorm[size_t(j)] - 2 * fineDots[t];
                    const float bound = m_fine.lowerBound(fineDistance, m_refFine.rho[size_t(j)],
                                                          m_refFine.tau[size_t(j)], rhoFine, tauFine);
                    if (start == std::numeric_limits<qint64>::max() || !BlockBound::exceeds(bound, start))
                        pending.push_back({bound, j});
                }
                std::sort(pending.begin(), pending.end(), [](const Pending &a, const Pending &b) {
                    return a.bound < b.bound || (a.bound == b.bound && a.index < b.index);
                });
                // Four at a time: the threshold may fall within a group, which then measures up
                // to three more than one at a time would (a fraction of the latency it saves).
                for (size_t t = 0; t < pending.size();) {
                    const qint64 limit = threshold();
                    batch.clear();
                    for (; t < pending.size() && batch.size() < 4; ++t) {
                        if (limit != std::numeric_limits<qint64>::max() && BlockBound::exceeds(pending[t].bound, limit))
                            break;
                        batch.push_back(pending[t].index);
                    }
                    if (batch.empty())
                        break; // sorted: every one after it is ruled out too
                    measure(batch.data(), qsizetype(batch.size()));
                    if (batch.size() < 4)
                        break; // the group stopped at a reference the bound rules out
                }
            }
            measured += exact;
            refined += fineCount;
            progress.report(done += r1 - r0, n);
        },
        [&] { return progress.isCancelled(); });
    result->measured = measured;
    result->refined = refined;
    return !progress.isCancelled();
}

} // namespace tc::core
