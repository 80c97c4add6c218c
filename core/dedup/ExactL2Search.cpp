#include "core/dedup/ExactL2Search.h"

#include "core/common/ImageSet.h"
#include "core/dedup/ImageFeatures.h"
#include "core/dedup/Parallel.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <mutex>

namespace tc::core {

// Why the bounds hold. Let s be an image's 2x2 block sums (per channel) and P the orthogonal
// projection onto images constant on each block: |x - y|^2 = |Px - Py|^2 + |Qx - Qy|^2 (Q = I - P),
// |Px - Py|^2 = sum (s_x - s_y)^2 / 4, and |Qx - Qy| >= | |Qx| - |Qy| | = |tau_x - tau_y|.
// With q the block means kept (s / 4 rounded) and r = s - 4q, s / 2 = 2q + r / 2, so by the triangle
// inequality |Px - Py| >= 2 |q_x - q_y| - rho_x - rho_y (rho = |r| / 2, blockMeans()). Hence
//   per pair:  |x - y|^2 >= max(0, 2 sqrt(D) - rho_x - rho_y)^2 + (tau_x - tau_y)^2, D = |q_x - q_y|^2;
//   left out:  every reference not shortlisted has D >= D_S (the shortlist's last), so
//              |x - y|^2 >= max(0, 2 sqrt(D_S) - rho_x - rho_max)^2.
// The candidate's top-k is proven when its k-th exact distance is strictly below the second
// (strictly: an equal distance left out could have a lower index); pass 2 stops measuring once the
// next pair's bound is strictly above the k-th exact distance so far.

namespace {

struct BlockMeans {
    std::vector<std::uint8_t> bytes;
    std::vector<double> rho, tau;
};

BlockMeans blockMeansOf(const std::uint8_t *images, qsizetype n, int threads)
{
    BlockMeans out;
    out.bytes.resize(size_t(n) * kBlockMeanDim);
    out.rho.resize(size_t(n));
    out.tau.resize(size_t(n));
    parallelChunks(n, 512, threads, [&](qsizetype b, qsizetype e) {
        for (qsizetype i = b; i < e; ++i) {
            const std::uint8_t *image = images + i * kImageBytes;
            out.rho[size_t(i)] = blockMeans(image, out.bytes.data() + i * kBlockMeanDim);
            out.tau[size_t(i)] = blockResidualNorm(image);
        }
    });
    return out;
}

bool before(const IntNeighbor &x, const IntNeighbor &y)
{
    return x.value < y.value || (x.value == y.value && x.index < y.index);
}

// Bounds in double, less a margin far wider than the rounding of sqrt, squares and sums.
double lowered(double bound)
{
    return bound * (1 - 1e-9) - 1e-3;
}

double blockBound(std::int32_t blockDistance, double rhoX, double rhoY)
{
    const double base = 2 * std::sqrt(double(blockDistance)) - rhoX - rhoY;
    return base > 0 ? base * base : 0;
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
        if (full() && !before(nb, last()))
            return;
        int pos = full() ? m_width - 1 : m_size++;
        while (pos > 0 && before(nb, m_slots[pos - 1])) {
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

} // namespace

ExactL2Search::ExactL2Search(const IntKernels &kernels, const std::uint8_t *references, qsizetype count, int threads)
    : m_kernels(kernels), m_refs(references), m_count(count), m_threads(workerCount(threads))
{
    BlockMeans means = blockMeansOf(references, count, m_threads);
    m_rho = std::move(means.rho);
    m_tau = std::move(means.tau);
    for (double r : m_rho)
        m_maxRho = std::max(m_maxRho, r);
    if (count > 0)
        m_means = m_kernels.pack(means.bytes.data(), count, kBlockMeanDim, kBlockMeanDim);
}

bool ExactL2Search::run(const std::uint8_t *cands, qsizetype n, int k, int near, Result *result,
                        const Progress &progress) const
{
    const qsizetype cap = std::max<qsizetype>(1, m_count);
    k = int(std::clamp<qsizetype>(k, 1, cap));
    near = int(std::clamp<qsizetype>(std::max(near, k), 1, cap));
    const int s = int(std::clamp<qsizetype>(std::max(m_shortlist, near), 1, cap));
    result->k = k;
    result->near = near;
    result->top.assign(size_t(n) * k, IntNeighbor{});
    result->nearest.assign(size_t(n) * near, IntNeighbor{});
    result->fallbacks = 0;
    result->measured = 0;
    if (n == 0 || m_count == 0)
        return true;
    const BlockMeans means = blockMeansOf(cands, n, m_threads);
    std::vector<IntNeighbor> lists(size_t(n) * s);
    if (!intTopK(m_kernels, means.bytes.data(), n, kBlockMeanDim, m_means, s, m_threads, lists.data(), progress))
        return false;
    std::atomic<qint64> measured{0};
    std::vector<qsizetype> unproven;
    std::mutex mutex;
    parallelChunks(
        n, 64, m_threads,
        [&](qsizetype b, qsizetype e) {
            std::vector<std::pair<double, IntNeighbor>> order(static_cast<size_t>(s));
            std::vector<qsizetype> mine;
            qint64 count = 0;
            for (qsizetype i = b; i < e; ++i) {
                const std::uint8_t *x = cands + i * kImageBytes;
                const IntNeighbor *list = lists.data() + i * s;
                const double rhoX = means.rho[size_t(i)], tauX = means.tau[size_t(i)];
                int filled = 0;
                for (int t = 0; t < s; ++t) {
                    const qint32 j = list[t].index;
                    if (j < 0)
                        continue;
                    const double dt = tauX - m_tau[size_t(j)];
                    order[size_t(filled++)] = {lowered(blockBound(list[t].value, rhoX, m_rho[size_t(j)]) + dt * dt),
                                               list[t]};
                }
                std::sort(order.begin(), order.begin() + filled, [](const auto &a, const auto &b) {
                    return a.first < b.first || (a.first == b.first && a.second.index < b.second.index);
                });
                IntNeighbor *nearest = result->nearest.data() + i * near;
                SortedBest best(nearest, near);
                for (int t = 0; t < filled; ++t) {
                    if (best.full() && double(best.last().value) < order[size_t(t)].first)
                        break; // this pair and all after it are strictly farther than the near-th
                    const qint32 j = order[size_t(t)].second.index;
                    best.offer({j, std::int32_t(squaredDistance(x, m_refs + qsizetype(j) * kImageBytes))});
                    ++count;
                }
                const bool proven = s >= m_count || double(nearest[k - 1].value) <
                                                        lowered(blockBound(list[s - 1].value, rhoX, m_maxRho));
                if (proven)
                    std::copy(nearest, nearest + k, result->top.data() + i * k);
                else
                    mine.push_back(i);
            }
            measured += count;
            const std::lock_guard lock(mutex);
            unproven.insert(unproven.end(), mine.begin(), mine.end());
        },
        [&] { return progress.isCancelled(); });
    if (progress.isCancelled())
        return false;
    result->measured = measured;
    result->fallbacks = qint64(unproven.size());
    std::sort(unproven.begin(), unproven.end());
    bruteForce(cands, unproven, k, result);
    return !progress.isCancelled();
}

// The candidates the bound could not settle, against every reference on the integer kernels: the
// references are packed a tile at a time (a few MB), each tile serving all these candidates.
void ExactL2Search::bruteForce(const std::uint8_t *cands, const std::vector<qsizetype> &rows, int k,
                               Result *result) const
{
    if (rows.empty())
        return;
    const qsizetype n = qsizetype(rows.size());
    std::vector<std::uint8_t> gathered(size_t(n) * kImageBytes);
    for (qsizetype r = 0; r < n; ++r)
        std::copy_n(cands + rows[size_t(r)] * kImageBytes, kImageBytes, gathered.data() + r * kImageBytes);
    std::vector<IntNeighbor> best(size_t(n) * k), tileBest(size_t(n) * k);
    constexpr qsizetype kTile = 256; // 768 KB packed: stays in L2 while the rows stream past
    for (qsizetype j0 = 0; j0 < m_count; j0 += kTile) {
        const qsizetype cols = std::min(kTile, m_count - j0);
        const PackedRows packed = m_kernels.pack(m_refs + j0 * kImageBytes, cols, kImageBytes, kImageBytes);
        intTopK(m_kernels, gathered.data(), n, kImageBytes, packed, k, m_threads, tileBest.data());
        for (qsizetype r = 0; r < n; ++r) {
            IntNeighbor *row = best.data() + r * k;
            const std::vector<IntNeighbor> previous(row, row + k);
            std::fill(row, row + k, IntNeighbor{});
            SortedBest merged(row, k);
            for (const IntNeighbor &nb : previous)
                if (nb.index >= 0)
                    merged.offer(nb);
            for (int t = 0; t < k; ++t)
                if (const IntNeighbor nb = tileBest[size_t(r * k + t)]; nb.index >= 0)
                    merged.offer({qint32(nb.index + j0), nb.value});
        }
    }
    for (qsizetype r = 0; r < n; ++r)
        std::copy_n(best.data() + r * k, k, result->top.data() + rows[size_t(r)] * k);
}

} // namespace tc::core
