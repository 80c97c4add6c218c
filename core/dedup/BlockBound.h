#pragma once

#include "core/dedup/IntKernels.h"

#include <QtGlobal>
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <utility>
#include <vector>

namespace tc::core {

// A cheap, provable lower bound of the exact squared L2 distance of two 32x32 RGB images, from
// their B x B block means (B = 4: 192 bytes, a sixteenth of the image; B = 2: 768 bytes; B = 8:
// 48 bytes, the coarsest level, scanned by CoarseBound) and a few numbers per image. THE bound that TinyLocator (and
// anything else pruning exact L2) uses.
//
// Why it holds. Let s be an image's B x B block sums per channel and P the orthogonal projection
// onto images constant on each block, Q = I - P: |x - y|^2 = |Px - Py|^2 + |Qx - Qy|^2 (Pythagoras),
// |Px - Py|^2 = sum (s_x - s_y)^2 / B^2, and |Qx - Qy| >= | |Qx| - |Qy| | (triangle inequality).
// With q = s / B^2 rounded (the bytes kept) and r = s - B^2 q, s / B = B q + r / B, so
// |Px - Py| >= B |q_x - q_y| - rho_x - rho_y with rho = |r| / B. Hence, with D = |q_x - q_y|^2
// (exact, from integer dot products) and tau = |Qx| (from exact integer sums):
//     |x - y|^2 >= max(0, B sqrt(D) - rho_x - rho_y)^2 + (tau_x - tau_y)^2.
// It is evaluated in float with a margin far wider than float's rounding of these magnitudes, so
// it never exceeds the true distance; exact integer distances decide everything else.
//
// On natural images the 4x4 bound holds most of the distance (a median 84% on CIFAR-10 pairs) and
// rules out all but about 1% of the pairs a nearest-neighbour search meets, the 2x2 bound all but a
// few in ten thousand; on uniform random pixels they rule out almost nothing (such images' energy is
// all in Q, where the bound sees only norms).
class BlockBound final {
public:
    // Where pixel (row, col, ch) is: canonical ImageSet layout (HWC) or a Tiny Images record
    // (channel planes, column-major). Block means are only ever compared within one layout.
    enum class Layout { Canonical, TinyRecord };

    struct Features {
        std::vector<std::uint8_t> means;    // n x dim()
        std::vector<float> rho, tau;        // the bound's terms
        std::vector<std::int32_t> meanNorm; // |q|^2
        std::vector<std::int32_t> meanSum;  // sum of q's bytes
        // |q|^2 - 256 sum(q): with acc = <q, p - 128> (vpdpbusd: q unsigned, p ^ 0x80 signed),
        // |q - p|^2 = meanTerm + |p|^2 - 2 acc, one number per image instead of two
        std::vector<std::int32_t> meanTerm;
        std::vector<std::int32_t> imageNorm; // |x|^2 of the image itself
        std::vector<std::int32_t> imageSum;  // sum of the image's bytes
        qsizetype count() const { return qsizetype(rho.size()); }
    };

    // block: 2, 4 or 8 (anything else: 4).
    explicit BlockBound(int block);
    int block() const { return m_block; }
    int dim() const { return 3 * (32 / m_block) * (32 / m_block); }

    // Features of n images (image i at images + i * stride), on `threads` threads (0: every core).
    void compute(const std::uint8_t *images, qsizetype n, qsizetype stride, Layout layout, Features *out,
                 int threads) const;
    // compute() for several block sizes in one pass (each image's block sums and norm taken once).
    static void computeLevels(const std::vector<std::pair<const BlockBound *, Features *>> &levels,
                              const std::uint8_t *images, qsizetype n, qsizetype stride, Layout layout, int threads);

    // For one image y against cols images x_j whose block-mean distances D_j = |q_y - q_{x_j}|^2
    // are given: appends to `out` (as j0 + j) every j whose exact squared distance may be at most
    // maxDistance, i.e. all but the j the bound rules out. xRho, xTau: the x_j's features. `path`
    // picks the vector instructions (that of the integer kernel in use; any gives a valid set).
    void survivors(IntKernel path, const std::int32_t *meanDistances, qsizetype cols, const float *xRho,
                   const float *xTau, float yRho, float yTau, qint64 maxDistance, qsizetype j0,
                   std::vector<qint32> &out) const;
    // The same test for one pair: true when the bound proves |x - y|^2 > maxDistance.
    bool excludes(std::int32_t meanDistance, float rhoX, float tauX, float rhoY, float tauY, qint64 maxDistance) const
    {
        return exceeds(lowerBound(meanDistance, rhoX, tauX, rhoY, tauY), maxDistance);
    }
    // The bound of one pair as survivors() evaluates it, margin included (inline: callers test
    // hundreds of pairs per image one at a time).
    float lowerBound(std::int32_t meanDistance, float rhoX, float tauX, float rhoY, float tauY) const
    {
        const float s = std::max(0.0f, float(m_block) * std::sqrt(float(meanDistance)) - (rhoY + rhoX));
        const float t = tauX - tauY;
        return (s * s + t * t) * kShrink - kSlack;
    }
    // True when a bound lowerBound() gave proves |x - y|^2 > maxDistance: a bound kept from earlier
    // may be tested again as the limit tightens.
    static bool exceeds(float bound, qint64 maxDistance) { return bound > limitOf(maxDistance); }
    // The largest float bound that may still be within maxDistance (rounded up, generously).
    static float limitOf(qint64 maxDistance) { return float(double(maxDistance) * (1 + 1e-6) + 256.0); }

    // The margin: the float bound is shrunk by a relative 1e-5 and an absolute 128. Its inputs are
    // below 2^28 (distances <= 3072 * 255^2), its rounding errors a few float ulps of them: at most
    // ~2 sqrt(bound) * 0.004 + bound * 2^-22, well inside the margin.
    static constexpr float kShrink = 1.0f - 1e-5f;
    static constexpr float kSlack = 128.0f;

    // <a, b> of two single rows, exact (dim a multiple of 64, at most kMaxIntDim), for pairs too
    // few to pack: |a - b|^2 = |a|^2 + |b|^2 - 2 <a, b>.
    static std::int32_t dot(IntKernel path, const std::uint8_t *a, const std::uint8_t *b, int dim);
    // out[t] = <a, b_{rows[t]}> for t < count, b_j at base + j * dim (dim a multiple of 64), exact;
    // rowSums[j]: the sum of b_j's bytes (the features' meanSum). The rows a query's bound lets
    // through, measured four at a time with the next ones fetched ahead: they are scattered
    // through an array far larger than the caches, so memory, not arithmetic, sets the pace.
    static void dots(IntKernel path, const std::uint8_t *a, const std::uint8_t *base, int dim, const qint32 *rows,
                     qsizetype count, const std::int32_t *rowSums, std::int32_t *out);

private:
    int m_block;
};

} // namespace tc::core
