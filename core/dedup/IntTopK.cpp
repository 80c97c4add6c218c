#include "core/dedup/IntTopK.h"

#include "core/dedup/Parallel.h"

#include <algorithm>
#include <atomic>
#include <vector>

namespace tc::core {

namespace {

// A worker takes 96 rows and streams every reference past them in tiles of 512 columns: the rows
// (96 x 3072 bytes) and the tile's packed panels stay in L2 while the kernel runs.
constexpr qsizetype kRowChunk = 96;
constexpr qsizetype kColTile = 512;

// The k smallest (value, index) of a stream seen in increasing index order: values under the
// current k-th collect in a buffer of 2k that is cut back to k when full, so a value costs one
// compare. A later value equal to the k-th has a larger index, hence is worse: `<` is exact (and
// every squared distance is below the initial threshold, INT32_MAX).
class IntRowBest final {
public:
    void reset(int k)
    {
        m_k = k;
        m_items.clear();
        m_threshold = std::numeric_limits<std::int32_t>::max();
    }
    void scan(const std::int32_t *values, qsizetype j0, qsizetype cols)
    {
        for (qsizetype j = 0; j < cols; ++j) {
            if (values[j] < m_threshold) {
                m_items.push_back({qint32(j0 + j), values[j]});
                if (m_items.size() == 2 * size_t(m_k))
                    cut();
            }
        }
    }
    void finish(IntNeighbor *out)
    {
        cut();
        std::sort(m_items.begin(), m_items.end(), nearerThan);
        for (int i = 0; i < m_k; ++i)
            out[i] = i < int(m_items.size()) ? m_items[size_t(i)] : IntNeighbor{};
    }

private:
    void cut()
    {
        if (m_items.size() <= size_t(m_k))
            return;
        std::nth_element(m_items.begin(), m_items.begin() + (m_k - 1), m_items.end(), nearerThan);
        m_items.resize(size_t(m_k));
        m_threshold = m_items[size_t(m_k - 1)].value;
    }

    int m_k = 1;
    std::int32_t m_threshold = std::numeric_limits<std::int32_t>::max();
    std::vector<IntNeighbor> m_items;
};

} // namespace

bool intTopK(const IntKernels &kernels, const std::uint8_t *a, qsizetype n, qsizetype strideA, const PackedRows &b,
             int k, int threads, IntNeighbor *out, const Progress &progress)
{
    const qsizetype m = b.count();
    std::atomic<qsizetype> done{0};
    std::atomic<bool> cancelled{false};
    parallelChunks(
        n, kRowChunk, workerCount(threads),
        [&](qsizetype r0, qsizetype r1) {
            const qsizetype rows = r1 - r0;
            std::vector<std::int32_t> tile(static_cast<size_t>(rows * kColTile));
            std::vector<IntRowBest> best(static_cast<size_t>(rows));
            for (auto &row : best)
                row.reset(k);
            for (qsizetype j0 = 0; j0 < m; j0 += kColTile) {
                if (progress.isCancelled()) {
                    cancelled = true;
                    return;
                }
                const qsizetype cols = std::min(kColTile, m - j0);
                kernels.squaredL2(a + r0 * strideA, rows, strideA, b, j0, cols, tile.data(), kColTile);
                for (qsizetype i = 0; i < rows; ++i)
                    best[size_t(i)].scan(tile.data() + i * kColTile, j0, cols);
            }
            for (qsizetype i = 0; i < rows; ++i)
                best[size_t(i)].finish(out + (r0 + i) * k);
            progress.report(done += rows, n);
        },
        [&] { return cancelled.load(); });
    return !cancelled;
}

} // namespace tc::core
