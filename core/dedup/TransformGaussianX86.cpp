// The AVX-512 path of the Gaussian window (TransformGaussian.cpp has the plain C++ one): the same
// operations in the same order, 8 window values per vector, so both give the same doubles bit for
// bit. Intrinsics rather than compiler vectorisation: the sanitizer build compiles at -O1, where the
// plain loops stay scalar and every element access is checked (the Gaussian rerun of
// TestDedupRunner outlasted its CLI timeout under ASan).
#include "core/common/ImageSet.h"
#include "core/dedup/GaussianSsimKernel.h"
#include "core/dedup/Ssim.h"
#include "core/dedup/TransformKernels.h"

#include <immintrin.h>

// GCC would otherwise fuse the multiplies and adds into FMAs (see TransformKernelsX86.cpp).
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC push_options
#pragma GCC optimize("fp-contract=off")
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wuninitialized"
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif

#define TC_GAUSS_AVX512 __attribute__((target("avx512f,avx512bw,avx512vl,avx512vnni")))

namespace tc::core::transformpath {

namespace {

constexpr int kGaussX86Taps = kGaussianTaps;
constexpr int kGaussX86Cols = kGaussianGrid * kImageChannels; // 66
constexpr int kGaussX86Vectors = (kGaussX86Cols + 7) / 8;     // 9
constexpr int kGaussX86Row = 8 * 13;                          // a row of 96 values, padded

// Row r of 8-byte groups as doubles: out[0..95] (+ 8 zero padding).
TC_GAUSS_AVX512 inline __attribute__((always_inline)) void rowDoubles(const std::uint8_t *p, double *out)
{
    for (int v = 0; v < 12; ++v)
        _mm512_storeu_pd(out + 8 * v, _mm512_cvtepi32_pd(_mm256_cvtepu8_epi32(
                                          _mm_loadl_epi64(reinterpret_cast<const __m128i *>(p + 8 * v)))));
    _mm512_storeu_pd(out + 96, _mm512_setzero_pd());
}

// out[i] = w0 x[i] + w1 x[i + 3] + ... + w10 x[i + 30], i < 8 vectors (in the C++ path's order).
TC_GAUSS_AVX512 inline __attribute__((always_inline)) void filterRow(const __m512d *w, const double *x, int vectors,
                                                                     double *out)
{
    for (int v = 0; v < vectors; ++v) {
        const double *p = x + 8 * v;
        __m512d acc = _mm512_mul_pd(w[0], _mm512_loadu_pd(p));
        for (int t = 1; t < kGaussX86Taps; ++t)
            acc = _mm512_add_pd(acc, _mm512_mul_pd(w[t], _mm512_loadu_pd(p + kImageChannels * t)));
        _mm512_storeu_pd(out + 8 * v, acc);
    }
}

// The vertical pass of value vector v for output row r of rows (stride kGaussX86Row).
TC_GAUSS_AVX512 inline __attribute__((always_inline)) __m512d filterColumn(const __m512d *w, const double *rows, int r,
                                                                           int v)
{
    const double *p = rows + r * kGaussX86Row + 8 * v;
    __m512d acc = _mm512_mul_pd(w[0], _mm512_loadu_pd(p));
    for (int t = 1; t < kGaussX86Taps; ++t)
        acc = _mm512_add_pd(acc, _mm512_mul_pd(w[t], _mm512_loadu_pd(p + t * kGaussX86Row)));
    return acc;
}

TC_GAUSS_AVX512 inline __attribute__((always_inline)) void gaussianWeights(__m512d *w)
{
    for (int t = 0; t < kGaussX86Taps; ++t)
        w[t] = _mm512_set1_pd(gaussianSsimWeights()[size_t(t)]);
}

TC_GAUSS_AVX512 inline __attribute__((always_inline)) __mmask8 tailMask(int values, int v)
{
    const int left = values - 8 * v;
    return left >= 8 ? __mmask8(0xff) : __mmask8((1u << left) - 1);
}

} // namespace

TC_GAUSS_AVX512 void gaussianWindowsAvx512(const std::uint8_t *image, double *mean, double *square)
{
    __m512d w[kGaussX86Taps];
    gaussianWeights(w);
    alignas(64) double hx[kImageSide * kGaussX86Row], hq[kImageSide * kGaussX86Row];
    for (int r = 0; r < kImageSide; ++r) {
        alignas(64) double x[kGaussX86Row], q[kGaussX86Row];
        rowDoubles(image + r * kRowBytes, x);
        for (int i = 0; i < kGaussX86Row; i += 8)
            _mm512_store_pd(q + i, _mm512_mul_pd(_mm512_load_pd(x + i), _mm512_load_pd(x + i)));
        filterRow(w, x, kGaussX86Vectors, hx + r * kGaussX86Row);
        filterRow(w, q, kGaussX86Vectors, hq + r * kGaussX86Row);
    }
    for (int r = 0; r < kGaussianGrid; ++r)
        for (int v = 0; v < kGaussX86Vectors; ++v) {
            const __mmask8 m = tailMask(kGaussX86Cols, v);
            _mm512_mask_storeu_pd(mean + r * kGaussX86Cols + 8 * v, m, filterColumn(w, hx, r, v));
            _mm512_mask_storeu_pd(square + r * kGaussX86Cols + 8 * v, m, filterColumn(w, hq, r, v));
        }
}

TC_GAUSS_AVX512 double gaussianSsimSumAvx512(const GaussianBlock &k)
{
    __m512d w[kGaussX86Taps];
    gaussianWeights(w);
    const int cols = (k.w - kGaussX86Taps + 1) * kImageChannels, rows = k.h - kGaussX86Taps + 1;
    const int vectors = (cols + 7) / 8;
    // The products of whole rows (values past the block's 3w only reach window values past cols).
    alignas(64) double hp[kImageSide * kGaussX86Row];
    for (int r = 0; r < k.h; ++r) {
        alignas(64) double a[kGaussX86Row], b[kGaussX86Row];
        rowDoubles(k.a + r * kRowBytes, a);
        rowDoubles(k.b + r * kRowBytes, b);
        for (int i = 0; i < kGaussX86Row; i += 8)
            _mm512_store_pd(a + i, _mm512_mul_pd(_mm512_load_pd(a + i), _mm512_load_pd(b + i)));
        filterRow(w, a, vectors, hp + r * kGaussX86Row);
    }
    const __m512d two = _mm512_set1_pd(2.0), c1 = _mm512_set1_pd(kSsimC1), c2 = _mm512_set1_pd(kSsimC2);
    __m512d lanes = _mm512_setzero_pd();
    for (int r = 0; r < rows; ++r)
        for (int v = 0; v < vectors; ++v) {
            const __mmask8 m = tailMask(cols, v);
            const int o = r * kGaussX86Cols + 8 * v;
            const __m512d xy = filterColumn(w, hp, r, v);
            const __m512d ux = _mm512_maskz_loadu_pd(m, k.meanA + o), uy = _mm512_maskz_loadu_pd(m, k.meanB + o);
            const __m512d qa = _mm512_maskz_loadu_pd(m, k.squareA + o), qb = _mm512_maskz_loadu_pd(m, k.squareB + o);
            const __m512d vx = _mm512_sub_pd(qa, _mm512_mul_pd(ux, ux)), vy = _mm512_sub_pd(qb, _mm512_mul_pd(uy, uy));
            const __m512d vxy = _mm512_sub_pd(xy, _mm512_mul_pd(ux, uy));
            const __m512d a1 = _mm512_add_pd(_mm512_mul_pd(_mm512_mul_pd(two, ux), uy), c1);
            const __m512d a2 = _mm512_add_pd(_mm512_mul_pd(two, vxy), c2);
            const __m512d b1 = _mm512_add_pd(_mm512_add_pd(_mm512_mul_pd(ux, ux), _mm512_mul_pd(uy, uy)), c1);
            const __m512d b2 = _mm512_add_pd(_mm512_add_pd(vx, vy), c2);
            // (Masked lanes: 0 / (C1 C2), never a NaN, and not added.)
            const __m512d term = _mm512_div_pd(_mm512_mul_pd(a1, a2), _mm512_mul_pd(b1, b2));
            lanes = _mm512_mask_add_pd(lanes, m, lanes, term);
        }
    alignas(64) double l[8];
    _mm512_store_pd(l, lanes);
    return ((l[0] + l[1]) + (l[2] + l[3])) + ((l[4] + l[5]) + (l[6] + l[7]));
}

} // namespace tc::core::transformpath

#undef TC_GAUSS_AVX512
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#pragma GCC pop_options
#endif
