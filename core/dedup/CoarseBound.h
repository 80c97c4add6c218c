#pragma once

#include "core/dedup/BlockBound.h"
#include "core/dedup/IntKernels.h"

#include <QtGlobal>
#include <cstdint>
#include <vector>

namespace tc::core {

// The coarsest level of the block-mean bound: BlockBound with 8x8 blocks (48 bytes an image, a
// quarter of the 4x4 level's), evaluated for every (row, column) pair of two image sets in one fused
// pass: the block-mean distance and the bound stay in registers, no distance matrix is written.
// Then, for the few pairs it leaves, the 4x4 bound in a second fused pass (narrow()).
//
// Why it may come first. Its bound is BlockBound's (the proof there holds for any block size B), so
// a pair it rules out is provably beyond the limit. The 8x8 means are averages of the 4x4 ones, so
// by Cauchy-Schwarz the 8x8 block-mean distance (times 64) never exceeds the 4x4 one (times 16):
// it is a weaker bound, but a quarter of the work. On photographs it rules out about 92% of the
// pairs a nearest-neighbour search meets (the 4x4 bound 99.2%).
//
// The vector paths test the bound without a square root: with lambda = (limit + slack) / shrink
// (BlockBound's margin), R = rho_x + rho_y and t = tau_x - tau_y, the bound
// max(0, B sqrt(D) - R)^2 + t^2 exceeds lambda whenever B^2 D > lambda - t^2 + R (R + 2 sqrt(lambda))
// (as (sqrt(mu) + R)^2 <= mu + R (R + 2 sqrt(lambda)) for mu = lambda - t^2 <= lambda), a test
// weaker by a hair (R is tiny beside sqrt(lambda)); it is evaluated with a further relative margin
// of 1e-5 of lambda on the right and of B^2 D on the left, far beyond float's rounding here.
class CoarseBound final {
public:
    static constexpr int kBlock = 8;
    static constexpr int kDim = 48; // 3 channels x 4 x 4 blocks
    static constexpr int kGroup = 16;
    // Room a row's list needs past its last survivor (the vector paths store whole vectors).
    static constexpr qsizetype kListSlack = kGroup;

    // True when the fused passes run on vector instructions on this path (AVX-512 VNNI; AMX's CPUs
    // have them too). Elsewhere they are plain C++: correct, but slower than the 4x4 kernels.
    static bool fastOn(IntKernel path);

    // The column side: the 8x8 features, and the means laid out for the scan in groups of 16
    // images: for each of the 12 dwords of an image's means, the 16 images' 4 bytes (64 bytes);
    // zeros past the count.
    struct Columns {
        BlockBound::Features features;
        std::vector<std::uint8_t> packed;
        qsizetype count() const { return features.count(); }
    };

    const BlockBound &bound() const { return m_bound; }
    // 8x8 features of n images (image i at images + i * stride), on `threads` threads (0: every core).
    void compute(const std::uint8_t *images, qsizetype n, qsizetype stride, BlockBound::Layout layout,
                 BlockBound::Features *out, int threads) const
    {
        m_bound.compute(images, n, stride, layout, out, threads);
    }
    // The column layout of out->features (8x8 features of compute() or BlockBound::computeLevels).
    static void pack(Columns *out);

    // Rows r0 .. r0 + rowCount of `rows` (features of compute()) against columns c0 .. c0 + cols
    // (c0 a multiple of kGroup): writes to lists + r * stride, in increasing order, every column j
    // (an index into `columns`) whose 8x8 bound does not prove |row r0 + r - column j|^2 >
    // maxDistance[r], and their number to counts[r]. stride >= cols + kListSlack.
    void scan(IntKernel path, const BlockBound::Features &rows, qsizetype r0, qsizetype rowCount,
              const Columns &columns, qsizetype c0, qsizetype cols, const qint64 *maxDistance, qint32 *lists,
              qsizetype stride, qsizetype *counts) const;

    // The next level for one row: of the columns `candidates` (count of them, indices into x, the
    // columns' features of a BlockBound with `quarter.block()` 4), appends to `out` those whose 4x4
    // bound does not prove the distance to y (its 4x4 means yMeans, norm |q_y|^2, rho, tau) above
    // maxDistance.
    static void narrow(IntKernel path, const BlockBound &quarter, const std::uint8_t *yMeans, std::int32_t yNorm,
                       float yRho, float yTau, const BlockBound::Features &x, const qint32 *candidates, qsizetype count,
                       qint64 maxDistance, std::vector<qint32> &out);

    // The same for any level (dim a multiple of 64, at most 768), with the bounds: writes the index
    // of every candidate whose bound (BlockBound::lowerBound's value of the pair) does not prove
    // the distance above maxDistance to keptIndex, the bound to keptBound, in the candidates'
    // order; returns how many. Both need room for count + kListSlack.
    static qsizetype boundsOf(IntKernel path, const BlockBound &level, const std::uint8_t *yMeans, std::int32_t yNorm,
                              float yRho, float yTau, const BlockBound::Features &x, const qint32 *candidates,
                              qsizetype count, qint64 maxDistance, qint32 *keptIndex, float *keptBound);

private:
    BlockBound m_bound{kBlock};
};

} // namespace tc::core
