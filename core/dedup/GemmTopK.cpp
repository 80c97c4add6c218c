#include "core/dedup/GemmTopK.h"

#include "core/dedup/Parallel.h"

#include <algorithm>
#include <limits>
#include <memory>

namespace tc::core {

namespace {

// 1024 x 4096 floats = 16 MB per tile: big enough for GEMM efficiency, small enough for any machine.
constexpr qsizetype kRowTile = 1024;
constexpr qsizetype kGemmColTile = 4096;
// The rows of a tile keep up to 2k candidates each (RowBest); for a large k the tile takes fewer
// rows so that this stays within 64 MB, whatever k the caller asks for.
constexpr qint64 kKeptBytes = qint64(64) << 20;

// Keeps the k smallest of a stream: values under the threshold collect in a buffer of 2k that is
// cut back to k (nth_element) when full, so each value costs one compare, even for k in the hundreds.
class RowBest final {
public:
    // Never holds more than min(2k, m) items: the buffer is cut back to k when it reaches 2k, and a row
    // sees only m scores, so a k beyond m costs nothing more than m.
    explicit RowBest(int k) : m_k(k) {}
    void scan(const float *scores, const float *bias, float scale, qsizetype j0, qsizetype cols)
    {
        for (qsizetype j = 0; j < cols; ++j) {
            const float s = (bias ? bias[j0 + j] : 0.0f) + scale * scores[j];
            if (s < m_threshold) {
                m_items.push_back({qint32(j0 + j), s});
                if (m_items.size() == 2 * size_t(m_k))
                    cut();
            }
        }
    }
    // Writes the k best sorted (value, then index); returns the k-th value, a lower bound of every
    // value not kept (+inf when fewer than k were seen).
    float finish(Neighbor *out)
    {
        cut();
        std::sort(m_items.begin(), m_items.end(), less);
        for (int i = 0; i < m_k; ++i)
            out[i] = i < int(m_items.size()) ? m_items[size_t(i)] : Neighbor{};
        return m_items.size() == size_t(m_k) ? m_items.back().value : std::numeric_limits<float>::infinity();
    }

private:
    static bool less(const Neighbor &a, const Neighbor &b)
    {
        return a.value < b.value || (a.value == b.value && a.index < b.index);
    }
    void cut()
    {
        if (m_items.size() <= size_t(m_k))
            return;
        std::nth_element(m_items.begin(), m_items.begin() + (m_k - 1), m_items.end(), less);
        m_items.resize(size_t(m_k));
        m_threshold = m_items[size_t(m_k - 1)].value;
        // nth_element leaves the k-th in place; values equal to it beyond k were dropped, which
        // is fine: ties at the bound are reported through the returned worst value.
    }

    int m_k;
    float m_threshold = std::numeric_limits<float>::infinity();
    std::vector<Neighbor> m_items;
};

} // namespace

bool gemmTopK(const Blas &blas, const GemmTopKProblem &p, int k, int threads, Neighbor *out, float *worst,
              const Progress &progress)
{
    const int workers = workerCount(threads);
    const qint64 keptPerRow = std::min<qint64>(2 * qint64(k), p.m) * qint64(sizeof(Neighbor));
    const qsizetype rowTile = qsizetype(std::clamp<qint64>(kKeptBytes / std::max<qint64>(1, keptPerRow), 16, kRowTile));
    std::unique_ptr<float[]> tile(new float[size_t(rowTile * kGemmColTile)]);
    for (qsizetype i0 = 0; i0 < p.n; i0 += rowTile) {
        const qsizetype rows = std::min(rowTile, p.n - i0);
        std::vector<RowBest> best;
        best.assign(static_cast<size_t>(rows), RowBest(k));
        for (qsizetype j0 = 0; j0 < p.m; j0 += kGemmColTile) {
            if (progress.isCancelled())
                return false;
            const qsizetype cols = std::min(kGemmColTile, p.m - j0);
            blas.gemmABt(int(rows), int(cols), p.dim, p.a + i0 * p.dim, p.b + j0 * p.dim, tile.get(), int(cols));
            parallelChunks(rows, 64, workers, [&](qsizetype b, qsizetype e) {
                for (qsizetype i = b; i < e; ++i)
                    best[size_t(i)].scan(tile.get() + i * cols, p.colBias, p.dotScale, j0, cols);
            });
        }
        for (qsizetype i = 0; i < rows; ++i)
            worst[i0 + i] = best[size_t(i)].finish(out + (i0 + i) * k);
        progress.report(i0 + rows, p.n);
    }
    return true;
}

} // namespace tc::core
