#pragma once

#include "core/common/PairTransform.h"
#include "core/dedup/IntKernels.h"

#include <QString>
#include <cstdint>
#include <limits>

namespace tc::core {

// The per-pair arithmetic of TransformScorer (the shift/flip-aware stage), one implementation per
// instruction set, chosen at run time like IntKernels (TC_INT_KERNEL forces it):
//   avx512  AVX-512 BW/VL + VNNI (the IntKernels paths avx512vnni and amx);
//   avx2    AVX2 (the paths avx2 and avxvnni);
//   scalar  plain C++.
// Every path returns the same numbers, bit for bit: the squared differences are integers, and the
// SSIM sums add their terms in one fixed order (8 lanes, see ssimWindowSum) with the same IEEE
// operations, no fused multiply-adds.
namespace transformpath {
struct GaussianBlock;
}

class TransformKernels final {
public:
    // Buffers the kernels read hold the image and kPadding more (readable, any value): whole
    // vector loads of a row's end may pass the image's last byte.
    static constexpr int kPadding = 64;

    // The path for TC_INT_KERNEL / this CPU (IntKernels::chosen()); the fastest supported one when
    // that is invalid (the search reports the invalid variable itself).
    static TransformKernels chosen();
    explicit TransformKernels(IntKernel kernel);

    IntKernel kernel() const { return m_kernel; }
    QString name() const;

    // out[i] = sum of squared differences over the overlap of shiftFlipTransforms()[i] between the
    // candidate and the reference (reference: kImageBytes + kPadding bytes). A mirrored transform
    // is measured as its unmirrored counterpart (below) of the mirrored candidate: mirroring both
    // images maps the overlap onto itself, so the sum is the same. The candidates come widened to
    // int16 (kImageBytes + kPadding values each). Exact.
    //
    // The candidate's side, prepared once per candidate: its pixels (kImageBytes + kPadding each)
    // widened to int16 (the avx2 and scalar paths subtract in 16 bits) and as bytes (the avx512 path
    // sums |a|^2 + |b|^2 - 2 a.b, the dot products by vpdpbusd on bytes), and per overlap of an
    // unmirrored alignment (index (dy + 2) * 5 + dx + 2) the sums of a and a^2 over it.
    struct SsdCandidate {
        const std::int16_t *words[2] = {};
        const std::uint8_t *bytes[2] = {};
        std::int32_t sum[2][25] = {}, square[2][25] = {};
    };
    // Fills the sums of `cand` from its pointers (index 0: the candidate, 1: mirrored).
    static void prepare(SsdCandidate &cand);
    void overlapSsds(const SsdCandidate &candidate, const std::uint8_t *reference, std::int32_t *out) const;
    // (candidate, M(reference)) under t ~ (M(candidate), reference) under its counterpart.
    static PairTransform unmirroredCounterpart(const PairTransform &t)
    {
        return t.mirrored ? PairTransform{-t.dx, t.dy, false} : t;
    }

    // SSIM terms over a rows x cols block of window values (positions x channels), summed, from
    // the exact integer window sums of x (sa: candidate, sb: reference, at the block's first value,
    // row stride `stride`), their spreads n Q - S^2 (va, vb; Q the window sum of x^2, see
    // windowSums) and the window sums of x*y (cross[r * cols + c]). skimage's term with u = S / n,
    // v = covNorm * (Q / n - u^2), multiplied through by n^2 in numerator and denominator, so every
    // difference is of exact integers:
    //   (2 SxSy + C1 n^2)(covNorm 2 (n Pxy - SxSy) + C2 n^2) /
    //   ((Sx^2 + Sy^2 + C1 n^2)(covNorm (Vx + Vy) + C2 n^2)).
    // The integer parts (2 SxSy, Sx^2 + Sy^2, 2 (n Pxy - SxSy), Vx + Vy: |.| < 2^29) are exact in
    // int32 and in double alike, so where they are formed does not change a bit; the five double
    // operations after them (+ C1, covNorm x, + C2, the two products and the quotient) run in this
    // order on every path. The sum's order, on every path: lane c mod 8 of each row collects its
    // terms row by row, then ((l0 + l1) + (l2 + l3)) + ((l4 + l5) + (l6 + l7)).
    struct WindowBlock {
        const std::int32_t *sa, *va, *sb, *vb;
        int stride;
        const std::int32_t *cross;
        int rows, cols;
        int area;       // values per window (49)
        double covNorm; // the sample-covariance factor
        double c1, c2;  // kSsimC1 * area^2, kSsimC2 * area^2
        // Early exit: every term is at most 1 (a1 <= b1 and |a2| <= b2 as exact integers, and
        // rounding keeps the order), so once the lanes' sum after a row plus 1 per term left is
        // below stopBelow, the whole sum is too and the kernel returns -infinity. -infinity: never.
        // The lanes' sum is rounded: callers keep a margin far above its error (< 1e-9).
        double stopBelow = -std::numeric_limits<double>::infinity();
    };
    double ssimWindowSum(const WindowBlock &block) const;
    // The same sum with block.cross computed here: the window sums of x*y over the h x w overlap
    // at a (candidate) and b (reference) (crossSums; rows of 96 bytes, kPadding readable after
    // the images). The avx512 path fuses the two (no stored block, and an early exit skips the
    // rest); the others fill `scratch` ((h - 6) x (w - 6) x 3 + transformpath::kWindowSlack values)
    // and sum it. The same bits on every path.
    double ssimOverlapSum(WindowBlock block, const std::uint8_t *a, const std::uint8_t *b, int h, int w,
                          std::int32_t *scratch) const;

    // Exact integer window sums of the uniform 7 x 7 window, interleaved like the pixels (a row of
    // window positions holds 26 positions x 3 channels = 78 values). The vector paths read whole
    // 96-byte rows from the first byte (images need kPadding readable bytes after them) and may
    // write each output row as 80 values (outputs need transformpath::kWindowSlack writable values
    // after them). One image's window sums S of x and its spreads 49 Q - S^2 (Q the window sum of
    // x^2: 49^2 times the window's variance, exact, < 2^26), 26 x 78 each:
    void windowSums(const std::uint8_t *image, std::int32_t *sum, std::int32_t *spread) const;
    // the window sums of a*b over an h x w pixel block of two images (row stride 96 bytes):
    // (h - 6) rows of (w - 6) x 3 values.
    void crossSums(const std::uint8_t *a, const std::uint8_t *b, int h, int w, std::int32_t *out) const;
    // The Gaussian window's statistics and SSIM sums (transformpath::gaussianWindows and
    // gaussianSsimSum below; every path gives the same doubles).
    void gaussianWindows(const std::uint8_t *image, double *mean, double *square) const;
    double gaussianSsimSum(const transformpath::GaussianBlock &block) const;

    // TransformSearch's re-rank: best[j] = the largest over the `count` rows a_v of `variants` (dim
    // signed bytes each, count <= kMaxVariants) of sum_d a_v[d] (b[d] - 128), b the row
    // rows[index[j]] (dim bytes, stored + 128), for j < n. Exact integers (|sum| < 2^31 for dim <
    // 2^16); the vector paths take dim in multiples of 64.
    static constexpr int kMaxVariants = 16;
    void bestCorrelations(const std::int8_t *variants, int count, int dim, const std::uint8_t *rows,
                          const std::int32_t *index, int n, std::int32_t *best) const;

    // TransformSearch's shortlist scan: the v = scores[c] - bias[c] > threshold (c < n), in column
    // order, v to values and c to columns (each with room for n + kScanSlack values); returns how
    // many. Exact.
    static constexpr int kScanSlack = 16;
    int scoresAbove(const std::int32_t *scores, const std::int32_t *bias, int n, std::int32_t threshold,
                    std::int32_t *values, std::int32_t *columns) const;

    // The scalar path's single transform, for TransformScorer::l2 (the plain protocol's overlap SSD).
    static std::int32_t overlapSsd(const std::uint8_t *candidate, const std::uint8_t *reference,
                                   const PairTransform &t);

private:
    IntKernel m_kernel = IntKernel::Scalar;
    void (*m_ssds)(const SsdCandidate &, const std::uint8_t *, std::int32_t *) = nullptr;
    double (*m_ssim)(const WindowBlock &) = nullptr;
    void (*m_windows)(const std::uint8_t *, std::int32_t *, std::int32_t *) = nullptr;
    void (*m_cross)(const std::uint8_t *, const std::uint8_t *, int, int, std::int32_t *) = nullptr;
    void (*m_gaussWindows)(const std::uint8_t *, double *, double *) = nullptr;
    double (*m_gaussSum)(const transformpath::GaussianBlock &) = nullptr;
    void (*m_best)(const std::int8_t *, int, int, const std::uint8_t *, const std::int32_t *, int,
                   std::int32_t *) = nullptr;
    int (*m_above)(const std::int32_t *, const std::int32_t *, int, std::int32_t, std::int32_t *,
                   std::int32_t *) = nullptr;
};

namespace transformpath {
inline constexpr int kWindowSlack = 16; // see TransformKernels::windowSums

// The Gaussian window (TransformGaussian.cpp; doubles, compiler-vectorised clones that agree bit for
// bit): one image's filtered x and x^2, interleaved (22 rows of 22 positions x 3 channels = 66);
void gaussianWindows(const std::uint8_t *image, double *mean, double *square);
// the SSIM terms of one alignment summed (skimage's, use_sample_covariance=False): a and b are the
// overlap's first pixel in each image (row stride 96 bytes, h x w pixels), meanA/squareA and
// meanB/squareB the images' filtered values at the overlap's first window (row stride 66). The sum
// is over (h - 10) x (w - 10) x 3 terms, in 8 lanes like ssimWindowSum.
struct GaussianBlock {
    const std::uint8_t *a, *b;
    int h, w;
    const double *meanA, *squareA, *meanB, *squareB;
};
double gaussianSsimSum(const GaussianBlock &block);
// The same on AVX-512 (TransformGaussianX86.cpp), bit for bit.
void gaussianWindowsAvx512(const std::uint8_t *image, double *mean, double *square);
double gaussianSsimSumAvx512(const GaussianBlock &block);

// TransformKernels*.cpp: the paths (the x86 ones carry target attributes).
void ssdsScalar(const TransformKernels::SsdCandidate &, const std::uint8_t *, std::int32_t *);
void ssdsAvx2(const TransformKernels::SsdCandidate &, const std::uint8_t *, std::int32_t *);
void ssdsAvx512(const TransformKernels::SsdCandidate &, const std::uint8_t *, std::int32_t *);
// Index of an unmirrored alignment in SsdCandidate's tables, and the sum of an image's values
// (or their squares) over the rows/columns an alignment's overlap keeps: k = dy or dx for the
// candidate's side, -dy or -dx for the reference's; k < 0 drops the last -k, k > 0 the first k.
inline int alignmentIndex(int dx, int dy)
{
    return (dy + 2) * 5 + dx + 2;
}
void rectangleSums(const std::uint8_t *image, bool squares, std::int32_t *out25);
double ssimScalar(const TransformKernels::WindowBlock &);
double ssimAvx2(const TransformKernels::WindowBlock &);
double ssimAvx512(const TransformKernels::WindowBlock &);
// crossSumsAvx512 and ssimAvx512 in one pass (block.cross unused; block.cols 66..80).
double ssimOverlapAvx512(const TransformKernels::WindowBlock &, const std::uint8_t *, const std::uint8_t *, int);
void windowsScalar(const std::uint8_t *, std::int32_t *, std::int32_t *);
void windowsAvx2(const std::uint8_t *, std::int32_t *, std::int32_t *);
void windowsAvx512(const std::uint8_t *, std::int32_t *, std::int32_t *);
void crossSumsScalar(const std::uint8_t *, const std::uint8_t *, int, int, std::int32_t *);
void crossSumsAvx2(const std::uint8_t *, const std::uint8_t *, int, int, std::int32_t *);
void crossSumsAvx512(const std::uint8_t *, const std::uint8_t *, int, int, std::int32_t *);
int scoresAboveScalar(const std::int32_t *, const std::int32_t *, int, std::int32_t, std::int32_t *, std::int32_t *);
int scoresAboveAvx2(const std::int32_t *, const std::int32_t *, int, std::int32_t, std::int32_t *, std::int32_t *);
int scoresAboveAvx512(const std::int32_t *, const std::int32_t *, int, std::int32_t, std::int32_t *, std::int32_t *);
void bestCorrelationsScalar(const std::int8_t *, int, int, const std::uint8_t *, const std::int32_t *, int,
                            std::int32_t *);
void bestCorrelationsAvx2(const std::int8_t *, int, int, const std::uint8_t *, const std::int32_t *, int,
                          std::int32_t *);
void bestCorrelationsAvx512(const std::int8_t *, int, int, const std::uint8_t *, const std::int32_t *, int,
                            std::int32_t *);
} // namespace transformpath

} // namespace tc::core
