#pragma once

#include "core/common/PairTransform.h"
#include "core/dedup/IntKernels.h"

#include <QtGlobal>
#include <cstdint>
#include <vector>

namespace tc::core {

// Which references a candidate can be within a given L2 of under some shift/flip transform
// (TransformScorer's transform-aware L2: the overlap's squared differences scaled to the full area,
// minimised over shiftFlipTransforms()), proven, so that the transform stage scores every pair the
// L2 criterion can flag whatever the shift-tolerant descriptor thinks of it. The descriptor is
// contrast-normalised: low-contrast pairs (sky, grass, fog) that only L2 flags ranked in the
// thousands there (docs/BENCHMARKS.md, "The transform stage on the kernels").
//
// Why it holds. Take the reference's 4 x 4 blocks on the 7 x 7 grid covering rows and columns
// [2, 30): under every transform with shifts of at most 2 px, each block lands inside the overlap,
// on the candidate's 4 x 4 block moved by the shift (for a mirrored transform, on the mirrored
// candidate's). By Cauchy-Schwarz a block's squared differences are at least (difference of its
// sums)^2 / 16, so with S the 147 block sums, SSD_t >= |Sc_t - Sr|^2 / 16, and the scaled L2 is at
// most maxL2 only if |Sc_t - Sr|^2 * 64 <= maxL2^2 * area_t (area_t <= 1024 the overlap). This is
// checked in integers for all 25 shifts of each mirror state (each block's difference clipped at
// 2,047, which only lowers the bound and keeps the sum in an int32), but only for the references
// that pass a first test by one exact integer distance per mirror state on the integer kernels: with
// M = S / 16, qr = Mr rounded to bytes (|qr - Mr| <= 1/2 per component, so at most sqrt(147) / 2),
// and for the candidate q = the mean of its 25 shifts' Mc_t rounded, Q = max_t |Mc_t - q| (exact),
// the triangle inequality gives |Mc_t - Mr| >= |q - qr| - sqrt(147) / 2 - Q for every t, and
// |Mc_t - Mr| <= maxL2 / 4 is necessary. (Centred on the shifts' mean rather than on the unshifted
// Mc_0, Q is smaller and the test keeps ~9.5 % of the pairs on CIFAR images rather than ~11.7 %.)
// Between the two, a test that lets every block take its own shift: |Sc_t - Sr|^2 >= sum over
// blocks of the distance of Sr to [min_t Sc_t, max_t Sc_t], squared (it keeps ~1.5 %); then the
// same per row shift (its 5 shifts' intervals), since nearly every pair that gets this far fails
// all 25. The block sums are at most 16 * 255: every test after the first runs on int16 lanes
// (vpmaddwd sums the squares), a reference's sums fetched once (into registers on AVX-512) for all
// the rows of a tile of 32 candidates x 2 mirror states that reach it. The first test is judged on
// the kernels' dot products, the norms folded in (|q|^2 + |qr|^2 - 2 <q, qr> <= radius^2).
class ShiftL2Bound final {
public:
    static constexpr int kCells = 7;
    static constexpr int kDim = kCells * kCells * 3;
    static constexpr int kLanes = 160; // kDim padded with zeros to whole AVX-512 registers of int16
    static constexpr int kShifts = 25;
    static constexpr int kRows = 5; // row shifts; shift t = row * 5 + column, each from -2 to 2

    // The references are not copied: they must outlive this object. maxL2 <= 0: no reference ever.
    // kernel picks the path of the integer distances (the byte means' and the block sums' alike).
    ShiftL2Bound(const std::uint8_t *references, qsizetype referenceCount, double maxL2, IntKernel kernel, int threads);

    // For each of the n candidates (canonical images), appends to out[i] every reference whose
    // transform-aware L2 to it may be at most maxL2 (all that are, perhaps a few more), in no
    // particular order and perhaps twice (once per mirror state). One thread; prepare() must have run.
    void candidatesOf(const std::uint8_t *candidates, qsizetype n, std::vector<std::vector<qint32>> &out) const;
    void prepare();

    // The block-sum distances, one function per path (IntKernel's, chosen in the constructor).
    enum class Path { Scalar, Avx2, Avx512 };

private:
    // One candidate in one mirror state. Block sums are at most 16 * 255: int16, padded to kLanes.
    struct Side {
        alignas(64) std::int16_t lo[kLanes], hi[kLanes]; // per block, the least and largest sum over the shifts
        alignas(64) std::int16_t rowLo[kRows][kLanes], rowHi[kRows][kLanes]; // the same over each row shift's 5
        alignas(64) std::int16_t sums[kShifts][kLanes];                      // the block sums under each shift
        std::uint8_t q[kDim];                                                // the unshifted block means, rounded
        std::int32_t radius2 = 0; // the first test passes when the byte means' distance is at most this
    };
    // Both mirror states of a candidate, from one map of its 4 x 4 box sums.
    void sides(const std::uint8_t *image, Side &plain, Side &mirrored) const;
    void finish(Side &out) const; // the envelopes and the first test's centre and radius, from the sums
    bool mayFlag(const Side &side, const std::int16_t *ref) const;
    const std::int16_t *sumsOf(qsizetype reference) const
    {
        return m_sumStore.data() + m_sumFirst + size_t(reference) * kLanes;
    }

    const std::uint8_t *m_refs;
    qsizetype m_refCount;
    double m_maxL2;
    int m_threads;
    IntKernels m_ints;
    Path m_path;
    PackedRows m_refMeans;                // m x kDim rounded block means
    std::vector<std::int32_t> m_refNorms; // their squared norms, padded with zeros to whole registers
    std::vector<std::int16_t> m_sumStore; // m x kLanes exact block sums, from m_sumFirst on
    size_t m_sumFirst = 0; // where a cache line starts: an offset, so that a copy stays right (if less aligned)
    std::int32_t m_envelopeMost = 0;        // the envelope test passes when its sum is at most this
    std::int32_t m_shiftMost[kShifts] = {}; // per shift (row-major, v then u), the same
    std::int32_t m_rowMost[kRows] = {};     // per row shift, the largest of its shifts' limits
};

} // namespace tc::core
