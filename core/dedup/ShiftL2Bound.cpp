#include "core/dedup/ShiftL2Bound.h"

#include "core/common/ImageSet.h"
#include "core/dedup/Parallel.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace tc::core {

namespace {

constexpr int kOrigin = 2, kBlock = 4, kIntegralSide = kImageSide + 1; // the integral image: one more row and column

// Integral image per channel: at[(r * 33 + c) * 3 + ch] = sum of rows < r, columns < c.
void integral(const std::uint8_t *image, bool mirrored, std::int32_t *at)
{
    std::fill_n(at, kIntegralSide * kIntegralSide * kImageChannels, 0);
    for (int r = 0; r < kImageSide; ++r)
        for (int c = 0; c < kImageSide; ++c)
            for (int ch = 0; ch < kImageChannels; ++ch) {
                const int px = image[pixelOffset(r, mirrored ? kImageSide - 1 - c : c, ch)];
                at[((r + 1) * kIntegralSide + c + 1) * 3 + ch] = px + at[(r * kIntegralSide + c + 1) * 3 + ch] +
                                                                 at[((r + 1) * kIntegralSide + c) * 3 + ch] -
                                                                 at[(r * kIntegralSide + c) * 3 + ch];
            }
}

// The 7 x 7 grid's block sums of an image moved by (u, v): block (i, j) covers rows
// [2 + 4i + v, 6 + 4i + v) and columns [2 + 4j + u, 6 + 4j + u).
template <typename T> void gridSums(const std::int32_t *at, int u, int v, T *out)
{
    for (int i = 0; i < ShiftL2Bound::kCells; ++i)
        for (int j = 0; j < ShiftL2Bound::kCells; ++j) {
            const int r0 = kOrigin + kBlock * i + v, c0 = kOrigin + kBlock * j + u;
            const int r1 = r0 + kBlock, c1 = c0 + kBlock;
            for (int ch = 0; ch < kImageChannels; ++ch)
                out[(i * ShiftL2Bound::kCells + j) * 3 + ch] =
                    T(at[(r1 * kIntegralSide + c1) * 3 + ch] - at[(r0 * kIntegralSide + c1) * 3 + ch] -
                      at[(r1 * kIntegralSide + c0) * 3 + ch] + at[(r0 * kIntegralSide + c0) * 3 + ch]);
        }
}

// The tests below stop at the first of three 49-block chunks whose running sum passes `most`: the
// sum only grows, so "the result exceeds most" is decided exactly as by the whole sum, and a pair
// far off is rejected after the first chunk or two. Each chunk is a straight loop of constant
// length, so it still vectorises.
constexpr int kBoundChunk = ShiftL2Bound::kDim / 3;
static_assert(kBoundChunk * 3 == ShiftL2Bound::kDim);
static_assert(ShiftL2Bound::kRows * ShiftL2Bound::kRows == ShiftL2Bound::kShifts);

// sum over blocks of min(2047, distance of the reference's sum to [lo, hi])^2: a lower bound of
// |Sc_t - Sr|^2 for every t (the clip only lowers it, and keeps the sum in an int32), or, once it
// passes most, a partial sum that does (still a lower bound). Runs on ~11 % of all pairs.
__attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default"))) std::int32_t
envelopeDistance(const std::int32_t *lo, const std::int32_t *hi, const std::int16_t *ref, std::int32_t most)
{
    std::int32_t sum = 0;
    for (int b = 0; b < ShiftL2Bound::kDim; b += kBoundChunk) {
        for (int d = b; d < b + kBoundChunk; ++d) {
            const std::int32_t r = ref[d];
            const std::int32_t gap = std::min(2047, std::max({lo[d] - r, r - hi[d], 0}));
            sum += gap * gap;
        }
        if (sum > most)
            return sum;
    }
    return sum;
}

// sum over blocks of min(2047, |c - ref|)^2, a lower bound of |c - ref|^2 in an int32, or, once it
// passes most, a partial sum that does; vectorised.
__attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default"))) std::int32_t
clippedDistance(const std::int32_t *c, const std::int16_t *ref, std::int32_t most)
{
    std::int32_t sum = 0;
    for (int b = 0; b < ShiftL2Bound::kDim; b += kBoundChunk) {
        for (int d = b; d < b + kBoundChunk; ++d) {
            const std::int32_t gap = std::min(2047, std::abs(c[d] - std::int32_t(ref[d])));
            sum += gap * gap;
        }
        if (sum > most)
            return sum;
    }
    return sum;
}

// The largest integer d2 with d2 * 64 <= bound (so d2 > it exactly when d2 * 64 > bound), clamped
// to an int32: the clipped sums above never exceed 147 * 2047^2 < 2^31, so the clamp decides alike.
std::int32_t mostD2(double bound)
{
    return std::int32_t(std::min(std::floor(bound / 64), double(std::numeric_limits<std::int32_t>::max())));
}

std::uint8_t roundedMean(std::int32_t sum)
{
    return std::uint8_t((sum + kBlock * kBlock / 2) / (kBlock * kBlock));
}

} // namespace

ShiftL2Bound::ShiftL2Bound(const std::uint8_t *references, qsizetype referenceCount, double maxL2, IntKernel kernel,
                           int threads)
    : m_refs(references), m_refCount(referenceCount), m_maxL2(std::isfinite(maxL2) ? maxL2 : 0),
      m_threads(workerCount(threads)), m_ints(intKernelSupported(kernel) ? kernel : IntKernel::Scalar)
{
    // SSD >= d2 / 16 and L2^2 = SSD * 1024 / area: d2 * 64 <= maxL2^2 * area is necessary; d2 and
    // area are exact, the margin covers the scorer's own rounding at the threshold. The envelope
    // takes the largest area (1024), which holds under every shift at once.
    const double limit = m_maxL2 * m_maxL2;
    m_envelopeMost = mostD2(limit * 1024 * (1 + 1e-9) + 1);
    int t = 0;
    for (int v = -PairTransform::kMaxShift; v <= PairTransform::kMaxShift; ++v)
        for (int u = -PairTransform::kMaxShift; u <= PairTransform::kMaxShift; ++u) {
            const double area = double((kImageSide - std::abs(u)) * (kImageSide - std::abs(v)));
            m_shiftMost[t] = mostD2(limit * area * (1 + 1e-9) + 1);
            // A row's envelope bounds each of its shifts: it rules them out past the largest limit.
            const int g = t / kRows;
            m_rowMost[g] = t % kRows == 0 ? m_shiftMost[t] : std::max(m_rowMost[g], m_shiftMost[t]);
            ++t;
        }
}

void ShiftL2Bound::prepare()
{
    if (m_refMeans.count() > 0 || m_refCount == 0)
        return;
    std::vector<std::uint8_t> means(size_t(m_refCount) * kDim);
    m_sums.resize(size_t(m_refCount) * kDim);
    parallelChunks(m_refCount, 256, m_threads, [&](qsizetype b, qsizetype e) {
        std::vector<std::int32_t> at(kIntegralSide * kIntegralSide * kImageChannels);
        for (qsizetype j = b; j < e; ++j) {
            integral(m_refs + j * kImageBytes, false, at.data());
            std::int16_t *sums = m_sums.data() + j * kDim;
            gridSums(at.data(), 0, 0, sums);
            for (int d = 0; d < kDim; ++d)
                means[size_t(j * kDim + d)] = roundedMean(sums[d]);
        }
    });
    m_refMeans = m_ints.pack(means.data(), m_refCount, kDim, kDim);
}

void ShiftL2Bound::side(const std::uint8_t *image, bool mirrored, Side &out) const
{
    std::int32_t at[kIntegralSide * kIntegralSide * kImageChannels];
    integral(image, mirrored, at);
    out.sums.resize(size_t(kShifts) * kDim);
    const int centre = kShifts / 2; // (0, 0)
    int t = 0;
    for (int v = -PairTransform::kMaxShift; v <= PairTransform::kMaxShift; ++v)
        for (int u = -PairTransform::kMaxShift; u <= PairTransform::kMaxShift; ++u)
            gridSums(at, u, v, out.sums.data() + size_t(t++) * kDim);
    const std::int32_t *zero = out.sums.data() + size_t(centre) * kDim;
    double spread = 0; // max_t |Mc_t - Mc_0|
    for (t = 0; t < kShifts; ++t) {
        qint64 d2 = 0;
        for (int d = 0; d < kDim; ++d) {
            const qint64 diff = out.sums[size_t(t) * kDim + d] - zero[d];
            d2 += diff * diff;
        }
        spread = std::max(spread, std::sqrt(double(d2)) / (kBlock * kBlock));
    }
    for (int d = 0; d < kDim; ++d) {
        out.q[d] = roundedMean(zero[d]);
        for (int g = 0; g < kRows; ++g) {
            std::int32_t lo = zero[d], hi = zero[d];
            for (t = g * kRows; t < (g + 1) * kRows; ++t) {
                lo = std::min(lo, out.sums[size_t(t) * kDim + d]);
                hi = std::max(hi, out.sums[size_t(t) * kDim + d]);
            }
            // Including the unshifted sum keeps a row's range a superset of its own: still a bound.
            out.rowLo[g][d] = lo;
            out.rowHi[g][d] = hi;
        }
        out.lo[d] = out.rowLo[0][d];
        out.hi[d] = out.rowHi[0][d];
        for (int g = 1; g < kRows; ++g) {
            out.lo[d] = std::min(out.lo[d], out.rowLo[g][d]);
            out.hi[d] = std::max(out.hi[d], out.rowHi[g][d]);
        }
    }
    // A relative margin far wider than the doubles' rounding here; the exact test decides.
    const double radius = (m_maxL2 / 4 + std::sqrt(double(kDim)) + spread) * (1 + 1e-9) + 1e-6;
    out.radius2 = radius * radius;
}

bool ShiftL2Bound::mayFlag(const Side &side, qint32 reference) const
{
    const std::int16_t *ref = m_sums.data() + size_t(reference) * kDim;
    // Every block at its own best shift first: a bound under all 25 at once, 25x cheaper.
    if (envelopeDistance(side.lo, side.hi, ref, m_envelopeMost) > m_envelopeMost)
        return false;
    // Then each row shift's 5 shifts at once, the same way, before their own distances: nearly all
    // pairs that get here are rejected, and mostly by all five rows.
    for (int g = 0; g < kRows; ++g) {
        if (envelopeDistance(side.rowLo[g], side.rowHi[g], ref, m_rowMost[g]) > m_rowMost[g])
            continue;
        for (int t = g * kRows; t < (g + 1) * kRows; ++t)
            if (clippedDistance(side.sums.data() + size_t(t) * kDim, ref, m_shiftMost[t]) <= m_shiftMost[t])
                return true;
    }
    return false;
}

void ShiftL2Bound::candidatesOf(const std::uint8_t *cands, qsizetype n, std::vector<std::vector<qint32>> &out) const
{
    if (m_maxL2 <= 0 || m_refCount == 0)
        return;
    constexpr qsizetype kRows = 16, kCols = 2048;
    std::vector<Side> sides(kRows);
    std::vector<std::uint8_t> q(size_t(kRows) * kDim);
    std::vector<std::int32_t> tile(size_t(kRows) * kCols);
    // Rows 2i and 2i + 1 of a tile: candidate b + i as it is and mirrored.
    for (qsizetype b = 0; b < n; b += kRows / 2) {
        const qsizetype count = std::min<qsizetype>(kRows / 2, n - b), rows = 2 * count;
        for (qsizetype r = 0; r < rows; ++r) {
            side(cands + (b + r / 2) * kImageBytes, r % 2 == 1, sides[size_t(r)]);
            std::copy_n(sides[size_t(r)].q, kDim, q.data() + r * kDim);
        }
        for (qsizetype j0 = 0; j0 < m_refCount; j0 += kCols) {
            const qsizetype cols = std::min(kCols, m_refCount - j0);
            m_ints.squaredL2(q.data(), rows, kDim, m_refMeans, j0, cols, tile.data(), kCols);
            for (qsizetype r = 0; r < rows; ++r) {
                const std::int32_t *row = tile.data() + r * kCols;
                auto &list = out[size_t(b + r / 2)];
                for (qsizetype c = 0; c < cols; ++c)
                    if (double(row[c]) <= sides[size_t(r)].radius2 && mayFlag(sides[size_t(r)], qint32(j0 + c)))
                        list.push_back(qint32(j0 + c));
            }
        }
    }
}

} // namespace tc::core
