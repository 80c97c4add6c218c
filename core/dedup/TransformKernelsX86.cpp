// The AVX2 and AVX-512 paths of TransformKernels. Each function carries its own target attribute,
// so the library still runs on a plain x86-64 CPU: TransformKernels.cpp picks a path only when
// IntKernels found the instruction set usable here.
#include "core/common/ImageSet.h"
#include "core/dedup/Ssim.h"
#include "core/dedup/TransformKernels.h"

#include <algorithm>
#include <cstring>
#include <immintrin.h>
#include <limits>

// The SSIM terms must round exactly like the scalar path's: GCC would otherwise fuse the vector
// multiplies and adds into FMAs (it contracts across inlined intrinsics). Clang contracts only
// within one source expression, which the intrinsics never are.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC push_options
#pragma GCC optimize("fp-contract=off")
// Under an optimize pragma GCC 12 reports the intrinsics' deliberately undefined pass-through
// operands (_mm512_undefined_*) as uninitialised.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wuninitialized"
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif

namespace tc::core::transformpath {

namespace {

struct SsdRows {
    const std::int16_t *a;
    const std::uint8_t *b;
    int rows, len; // rows of the overlap, bytes per overlap row (3 x width: 90, 93 or 96)
};

SsdRows ssdRows(const std::int16_t *cand, const std::int16_t *mirroredCand, const std::uint8_t *ref,
                const PairTransform &transform)
{
    const PairTransform t = TransformKernels::unmirroredCounterpart(transform);
    const int x0 = t.x0(), y0 = t.y0();
    return {(transform.mirrored ? mirroredCand : cand) + y0 * kRowBytes + x0 * kImageChannels,
            ref + (y0 - t.dy) * kRowBytes + (x0 - t.dx) * kImageChannels, t.height(), t.width() * kImageChannels};
}

double laneTotal(const double *l)
{
    return ((l[0] + l[1]) + (l[2] + l[3])) + ((l[4] + l[5]) + (l[6] + l[7]));
}

// ---- AVX2: differences in 16 bits, squared and paired by vpmaddwd (exact).

__attribute__((target("avx2"))) std::int32_t ssdAvx2(const SsdRows &s)
{
    // Words 80..95 of a row are the last chunk; the overlap has len - 80 of them.
    alignas(32) static constexpr std::int16_t kTail[32] = {
        -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    const __m256i tail = _mm256_loadu_si256(reinterpret_cast<const __m256i *>(kTail + 16 - (s.len - 80)));
    __m256i acc = _mm256_setzero_si256();
    for (int r = 0; r < s.rows; ++r) {
        const std::int16_t *a = s.a + r * kRowBytes;
        const std::uint8_t *b = s.b + r * kRowBytes;
#pragma GCC unroll 6
        for (int c = 0; c < 6; ++c) {
            const __m256i bw = _mm256_cvtepu8_epi16(_mm_loadu_si128(reinterpret_cast<const __m128i *>(b + 16 * c)));
            __m256i d = _mm256_sub_epi16(_mm256_loadu_si256(reinterpret_cast<const __m256i *>(a + 16 * c)), bw);
            if (c == 5)
                d = _mm256_and_si256(d, tail);
            acc = _mm256_add_epi32(acc, _mm256_madd_epi16(d, d));
        }
    }
    const __m128i s4 = _mm_add_epi32(_mm256_castsi256_si128(acc), _mm256_extracti128_si256(acc, 1));
    const __m128i s2 = _mm_add_epi32(s4, _mm_shuffle_epi32(s4, 0x4e));
    return _mm_cvtsi128_si32(_mm_add_epi32(s2, _mm_shuffle_epi32(s2, 0xb1)));
}

// (Helpers, not lambdas: clang does not give a lambda its enclosing function's target.)
// Half h of 8 (16) int32 values as doubles (exact).
__attribute__((target("avx2"))) inline __attribute__((always_inline)) __m256d halfAvx2(__m256i v, int h)
{
    return _mm256_cvtepi32_pd(h ? _mm256_extracti128_si256(v, 1) : _mm256_castsi256_si128(v));
}

__attribute__((target("avx512f,avx512bw,avx512vl,avx512vnni"))) inline __attribute__((always_inline)) __m512d
halfAvx512(__m512i v, int h)
{
    return _mm512_cvtepi32_pd(h ? _mm512_extracti64x4_epi64(v, 1) : _mm512_castsi512_si256(v));
}

// ---- Window sums: column sums of 7 rows slide down the image (one row in, one out); each row of
// window sums is the 7-tap box (stride 3, the channels interleaved) along the row of column sums.
// Integers, so every order of the additions gives the scalar path's sums.

constexpr int kBoxTaps = 7;
constexpr int kBoxValues = kRowBytes + 32; // a row of column sums, padded for the box's loads

#define TC_AVX512 __attribute__((target("avx512f,avx512bw,avx512vl,avx512vnni")))

// out[i] = sum of c[i + 3t], t < 7, i < 80 (78 needed) for the 96 values in c[0..5], from the
// registers (valignd): storing the row and reloading it at offsets of 3 values stalled on
// store-to-load forwarding. In registers: 16 values of out per register.
TC_AVX512 inline __attribute__((always_inline)) void boxRowAvx512(const __m512i *c, __m512i *out)
{
    const __m512i zero = _mm512_setzero_si512();
#pragma GCC unroll 5
    for (int v = 0; v < 5; ++v) {
        const __m512i lo = c[v], mid = c[v + 1], hi = v + 2 < 6 ? c[v + 2] : zero;
        out[v] = _mm512_add_epi32(
            _mm512_add_epi32(_mm512_add_epi32(lo, _mm512_alignr_epi32(mid, lo, 3)),
                             _mm512_add_epi32(_mm512_alignr_epi32(mid, lo, 6), _mm512_alignr_epi32(mid, lo, 9))),
            _mm512_add_epi32(_mm512_add_epi32(_mm512_alignr_epi32(mid, lo, 12), _mm512_alignr_epi32(mid, lo, 15)),
                             _mm512_alignr_epi32(hi, mid, 2)));
    }
}

TC_AVX512 inline __attribute__((always_inline)) void boxRowAvx512(const __m512i *c, std::int32_t *out)
{
    __m512i s[5];
    boxRowAvx512(c, s);
#pragma GCC unroll 5
    for (int v = 0; v < 5; ++v)
        _mm512_storeu_si512(out + 16 * v, s[v]);
}

TC_AVX512 inline __attribute__((always_inline)) __m512i bytesAvx512(const std::uint8_t *p)
{
    return _mm512_cvtepu8_epi32(_mm_loadu_si128(reinterpret_cast<const __m128i *>(p)));
}

// The x*y column sums of 96 lanes over the 7 rows ending at row r: row r's products added, row r - 7's
// dropped (crossSumsAvx512 and the fused SSIM share this step).
TC_AVX512 inline __attribute__((always_inline)) void slideCrossColumnsAvx512(__m512i *cp, const std::uint8_t *a,
                                                                             const std::uint8_t *b, int r)
{
    for (int v = 0; v < 6; ++v) {
        const int i = r * kRowBytes + 16 * v;
        cp[v] = _mm512_add_epi32(cp[v], _mm512_mullo_epi32(bytesAvx512(a + i), bytesAvx512(b + i)));
        if (r >= kBoxTaps) {
            const int j = i - kBoxTaps * kRowBytes;
            cp[v] = _mm512_sub_epi32(cp[v], _mm512_mullo_epi32(bytesAvx512(a + j), bytesAvx512(b + j)));
        }
    }
}

// The SSIM terms of up to 16 windows of a row (lanes in m) added to acc: window sums sa/sb, spreads va/vb,
// and the windows' x*y sums (zero outside m). ssimAvx512 and the fused ssimOverlapAvx512 share it, so both
// form the same integers and the same doubles in the same order.
struct SsimTermsAvx512 {
    __m512d covNorm, c1, c2;
    __m512i area;
};

TC_AVX512 inline __attribute__((always_inline)) __m512d
addSsimTermsAvx512(__m512d acc, const SsimTermsAvx512 &k, __mmask16 m, const std::int32_t *sa, const std::int32_t *sb,
                   const std::int32_t *va, const std::int32_t *vb, __m512i cross)
{
    const __m512i sx = _mm512_maskz_loadu_epi32(m, sa), sy = _mm512_maskz_loadu_epi32(m, sb);
    const __m512i sxy = _mm512_mullo_epi32(sx, sy);
    const __m512i a1i = _mm512_add_epi32(sxy, sxy);
    const __m512i b1i = _mm512_add_epi32(_mm512_mullo_epi32(sx, sx), _mm512_mullo_epi32(sy, sy));
    const __m512i d = _mm512_sub_epi32(_mm512_mullo_epi32(k.area, cross), sxy);
    const __m512i a2i = _mm512_add_epi32(d, d);
    const __m512i b2i = _mm512_add_epi32(_mm512_maskz_loadu_epi32(m, va), _mm512_maskz_loadu_epi32(m, vb));
#pragma GCC unroll 2
    for (int h = 0; h < 2; ++h) {
        const __mmask8 mh = __mmask8(m >> (8 * h));
        if (!mh)
            break;
        const __m512d a1 = _mm512_add_pd(halfAvx512(a1i, h), k.c1), b1 = _mm512_add_pd(halfAvx512(b1i, h), k.c1);
        const __m512d a2 = _mm512_add_pd(_mm512_mul_pd(k.covNorm, halfAvx512(a2i, h)), k.c2);
        const __m512d b2 = _mm512_add_pd(_mm512_mul_pd(k.covNorm, halfAvx512(b2i, h)), k.c2);
        const __m512d term = _mm512_div_pd(_mm512_mul_pd(a1, a2), _mm512_mul_pd(b1, b2));
        acc = _mm512_mask_add_pd(acc, mh, acc, term);
    }
    return acc;
}

// out[i] = sum of in[i + 3t], t < 7, i < 80.
__attribute__((target("avx2"))) inline __attribute__((always_inline)) void boxRowAvx2(const std::int32_t *in,
                                                                                      std::int32_t *out)
{
    for (int v = 0; v < 10; ++v) {
        const std::int32_t *p = in + 8 * v;
        const auto at = [p](int o) __attribute__((target("avx2")))
        {
            return _mm256_loadu_si256(reinterpret_cast<const __m256i *>(p + o));
        };
        const __m256i s =
            _mm256_add_epi32(_mm256_add_epi32(_mm256_add_epi32(at(0), at(3)), _mm256_add_epi32(at(6), at(9))),
                             _mm256_add_epi32(_mm256_add_epi32(at(12), at(15)), at(18)));
        _mm256_storeu_si256(reinterpret_cast<__m256i *>(out + 8 * v), s);
    }
}

__attribute__((target("avx2"))) inline __attribute__((always_inline)) __m256i bytesAvx2(const std::uint8_t *p)
{
    return _mm256_cvtepu8_epi32(_mm_loadl_epi64(reinterpret_cast<const __m128i *>(p)));
}

} // namespace

TC_AVX512 void windowsAvx512(const std::uint8_t *image, std::int32_t *sum, std::int32_t *spread)
{
    constexpr int cols = (kImageSide - kBoxTaps + 1) * kImageChannels;
    const __m512i n = _mm512_set1_epi32(kBoxTaps * kBoxTaps);
    __m512i cs[6], cq[6];
    for (int v = 0; v < 6; ++v)
        cs[v] = cq[v] = _mm512_setzero_si512();
    for (int r = 0; r < kImageSide; ++r) {
        for (int v = 0; v < 6; ++v) {
            const __m512i in = bytesAvx512(image + r * kRowBytes + 16 * v);
            cs[v] = _mm512_add_epi32(cs[v], in);
            cq[v] = _mm512_add_epi32(cq[v], _mm512_mullo_epi32(in, in));
            if (r >= kBoxTaps) {
                const __m512i out = bytesAvx512(image + (r - kBoxTaps) * kRowBytes + 16 * v);
                cs[v] = _mm512_sub_epi32(cs[v], out);
                cq[v] = _mm512_sub_epi32(cq[v], _mm512_mullo_epi32(out, out));
            }
        }
        if (r < kBoxTaps - 1)
            continue;
        const int o = (r - kBoxTaps + 1) * cols;
        __m512i s[5], q[5];
        boxRowAvx512(cs, s);
        boxRowAvx512(cq, q);
        for (int v = 0; v < 5; ++v) {
            _mm512_storeu_si512(sum + o + 16 * v, s[v]);
            _mm512_storeu_si512(spread + o + 16 * v,
                                _mm512_sub_epi32(_mm512_mullo_epi32(n, q[v]), _mm512_mullo_epi32(s[v], s[v])));
        }
    }
}

TC_AVX512 void crossSumsAvx512(const std::uint8_t *a, const std::uint8_t *b, int h, int w, std::int32_t *out)
{
    // Whole rows of 96 products from the block's first column: the values past its 3w only reach
    // window sums past the (w - 6) x 3 kept ones.
    const int cols = (w - kBoxTaps + 1) * kImageChannels;
    __m512i cp[6];
    for (int v = 0; v < 6; ++v)
        cp[v] = _mm512_setzero_si512();
    for (int r = 0; r < h; ++r) {
        slideCrossColumnsAvx512(cp, a, b, r);
        if (r < kBoxTaps - 1)
            continue;
        boxRowAvx512(cp, out + (r - kBoxTaps + 1) * cols);
    }
}

__attribute__((target("avx2"))) void windowsAvx2(const std::uint8_t *image, std::int32_t *sum, std::int32_t *spread)
{
    constexpr int cols = (kImageSide - kBoxTaps + 1) * kImageChannels;
    const __m256i n = _mm256_set1_epi32(kBoxTaps * kBoxTaps);
    __m256i cs[12], cq[12];
    for (int v = 0; v < 12; ++v)
        cs[v] = cq[v] = _mm256_setzero_si256();
    alignas(32) std::int32_t rowS[kBoxValues] = {}, rowQ[kBoxValues] = {};
    for (int r = 0; r < kImageSide; ++r) {
        for (int v = 0; v < 12; ++v) {
            const __m256i in = bytesAvx2(image + r * kRowBytes + 8 * v);
            cs[v] = _mm256_add_epi32(cs[v], in);
            cq[v] = _mm256_add_epi32(cq[v], _mm256_mullo_epi32(in, in));
            if (r >= kBoxTaps) {
                const __m256i out = bytesAvx2(image + (r - kBoxTaps) * kRowBytes + 8 * v);
                cs[v] = _mm256_sub_epi32(cs[v], out);
                cq[v] = _mm256_sub_epi32(cq[v], _mm256_mullo_epi32(out, out));
            }
        }
        if (r < kBoxTaps - 1)
            continue;
        for (int v = 0; v < 12; ++v) {
            _mm256_store_si256(reinterpret_cast<__m256i *>(rowS + 8 * v), cs[v]);
            _mm256_store_si256(reinterpret_cast<__m256i *>(rowQ + 8 * v), cq[v]);
        }
        const int o = (r - kBoxTaps + 1) * cols;
        alignas(32) std::int32_t q[80];
        boxRowAvx2(rowS, sum + o);
        boxRowAvx2(rowQ, q);
        for (int v = 0; v < 10; ++v) {
            const __m256i sv = _mm256_loadu_si256(reinterpret_cast<const __m256i *>(sum + o + 8 * v));
            const __m256i qv = _mm256_load_si256(reinterpret_cast<const __m256i *>(q + 8 * v));
            _mm256_storeu_si256(reinterpret_cast<__m256i *>(spread + o + 8 * v),
                                _mm256_sub_epi32(_mm256_mullo_epi32(n, qv), _mm256_mullo_epi32(sv, sv)));
        }
    }
}

__attribute__((target("avx2"))) void crossSumsAvx2(const std::uint8_t *a, const std::uint8_t *b, int h, int w,
                                                   std::int32_t *out)
{
    const int cols = (w - kBoxTaps + 1) * kImageChannels;
    __m256i cp[12];
    for (int v = 0; v < 12; ++v)
        cp[v] = _mm256_setzero_si256();
    alignas(32) std::int32_t row[kBoxValues] = {};
    for (int r = 0; r < h; ++r) {
        for (int v = 0; v < 12; ++v) {
            const int i = r * kRowBytes + 8 * v;
            cp[v] = _mm256_add_epi32(cp[v], _mm256_mullo_epi32(bytesAvx2(a + i), bytesAvx2(b + i)));
            if (r >= kBoxTaps) {
                const int j = i - kBoxTaps * kRowBytes;
                cp[v] = _mm256_sub_epi32(cp[v], _mm256_mullo_epi32(bytesAvx2(a + j), bytesAvx2(b + j)));
            }
        }
        if (r < kBoxTaps - 1)
            continue;
        for (int v = 0; v < 12; ++v)
            _mm256_store_si256(reinterpret_cast<__m256i *>(row + 8 * v), cp[v]);
        boxRowAvx2(row, out + (r - kBoxTaps + 1) * cols);
    }
}

__attribute__((target("avx2"))) void ssdsAvx2(const TransformKernels::SsdCandidate &cand, const std::uint8_t *ref,
                                              std::int32_t *out)
{
    const auto &all = shiftFlipTransforms();
    for (size_t i = 0; i < all.size(); ++i)
        out[i] = ssdAvx2(ssdRows(cand.words[0], cand.words[1], ref, all[i]));
}

// AVX-512: |a|^2 + |b|^2 - 2 a.b over each overlap. a.b by vpdpbusd (unsigned bytes x signed
// bytes): the reference centred to b - 128 in rows padded by two zero pixels on both sides, so a
// whole candidate row against the padded row moved by dx sums exactly the overlap's products;
// a.b = a.(b - 128) + 128 sum(a). The sums of a and a^2 per overlap come with the candidate, the
// reference's b^2 per overlap from its rows. Every sum is an exact integer (|.| < 2^31).
TC_AVX512 void ssdsAvx512(const TransformKernels::SsdCandidate &cand, const std::uint8_t *ref, std::int32_t *out)
{
    constexpr int kPadRow = kRowBytes + 16; // 2 zero pixels, 96 bytes, 2 zero pixels, 4 spare
    alignas(64) std::int8_t centred[kImageSide * kPadRow + 64];
    const __m512i flip = _mm512_set1_epi8(char(0x80));
    const __m128i zero16 = _mm_setzero_si128();
    for (int r = 0; r < kImageSide; ++r) {
        std::int8_t *row = centred + r * kPadRow;
        _mm_storeu_si128(reinterpret_cast<__m128i *>(row), zero16);
        _mm_storeu_si128(reinterpret_cast<__m128i *>(row + kRowBytes), zero16);
        const std::uint8_t *src = ref + r * kRowBytes;
        _mm512_storeu_si512(row + 6, _mm512_xor_si512(_mm512_loadu_si512(src), flip));
        _mm256_storeu_si256(reinterpret_cast<__m256i *>(row + 70),
                            _mm256_xor_si256(_mm256_loadu_si256(reinterpret_cast<const __m256i *>(src + 64)),
                                             _mm512_castsi512_si256(flip)));
    }
    std::memset(centred + kImageSide * kPadRow, 0, 64);
    std::int32_t refSquares[25];
    rectangleSums(ref, true, refSquares);
    std::int32_t ssd[2][25];
    for (int m = 0; m < 2; ++m) {
        const std::uint8_t *a = cand.bytes[m];
        for (int dy = -2; dy <= 2; ++dy) {
            __m512i acc[5];
            __m256i tail[5];
            for (int i = 0; i < 5; ++i) {
                acc[i] = _mm512_setzero_si512();
                tail[i] = _mm256_setzero_si256();
            }
            const int r0 = std::max(0, dy), r1 = std::min(kImageSide, kImageSide + dy);
            for (int r = r0; r < r1; ++r) {
                const __m512i a0 = _mm512_loadu_si512(a + r * kRowBytes);
                const __m256i a1 = _mm256_loadu_si256(reinterpret_cast<const __m256i *>(a + r * kRowBytes + 64));
                const std::int8_t *b = centred + (r - dy) * kPadRow;
#pragma GCC unroll 5
                for (int i = 0; i < 5; ++i) { // dx = i - 2: the padded row from pixel 2 - dx
                    const std::int8_t *bi = b + kImageChannels * (4 - i);
                    acc[i] = _mm512_dpbusd_epi32(acc[i], a0, _mm512_loadu_si512(bi));
                    tail[i] = _mm256_dpbusd_epi32(tail[i], a1,
                                                  _mm256_loadu_si256(reinterpret_cast<const __m256i *>(bi + 64)));
                }
            }
            for (int i = 0; i < 5; ++i) {
                const int dx = i - 2, at = alignmentIndex(dx, dy);
                const __m256i t = tail[i];
                const __m128i t4 = _mm_add_epi32(_mm256_castsi256_si128(t), _mm256_extracti128_si256(t, 1));
                const __m128i t2 = _mm_add_epi32(t4, _mm_shuffle_epi32(t4, 0x4e));
                const std::int32_t tailSum = _mm_cvtsi128_si32(_mm_add_epi32(t2, _mm_shuffle_epi32(t2, 0xb1)));
                const std::int32_t ab = _mm512_reduce_add_epi32(acc[i]) + tailSum + 128 * cand.sum[m][at];
                ssd[m][at] = cand.square[m][at] + refSquares[alignmentIndex(-dx, -dy)] - 2 * ab;
            }
        }
    }
    const auto &all = shiftFlipTransforms();
    for (size_t i = 0; i < all.size(); ++i) {
        const PairTransform t = TransformKernels::unmirroredCounterpart(all[i]);
        out[i] = ssd[all[i].mirrored][alignmentIndex(t.dx, t.dy)];
    }
}

// The SSIM terms, 4 (AVX2) or 8 (AVX-512) window positions at a time, in the scalar path's
// operation order; lane l of the 8 accumulators is the scalar path's lanes[l].

// The integer parts of 8 or 16 terms (exact in int32, see WindowBlock) and the double operations
// after them, in the scalar path's order.
__attribute__((target("avx2"))) double ssimAvx2(const TransformKernels::WindowBlock &k)
{
    const __m256d covNorm = _mm256_set1_pd(k.covNorm), c1 = _mm256_set1_pd(k.c1), c2 = _mm256_set1_pd(k.c2);
    const __m256i area = _mm256_set1_epi32(k.area);
    __m256d acc[2] = {_mm256_setzero_pd(), _mm256_setzero_pd()};
    for (int r = 0; r < k.rows; ++r) {
        const std::int32_t *sa = k.sa + r * k.stride, *va = k.va + r * k.stride;
        const std::int32_t *sb = k.sb + r * k.stride, *vb = k.vb + r * k.stride;
        const std::int32_t *cross = k.cross + r * k.cols;
        for (int c = 0; c < k.cols; c += 8) {
            const int left = k.cols - c;
            const __m256i m32 = _mm256_cmpgt_epi32(_mm256_set1_epi32(left), _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
            const __m256i sx = _mm256_maskload_epi32(sa + c, m32), sy = _mm256_maskload_epi32(sb + c, m32);
            const __m256i sxy = _mm256_mullo_epi32(sx, sy);
            const __m256i a1i = _mm256_add_epi32(sxy, sxy);
            const __m256i b1i = _mm256_add_epi32(_mm256_mullo_epi32(sx, sx), _mm256_mullo_epi32(sy, sy));
            const __m256i d = _mm256_sub_epi32(_mm256_mullo_epi32(area, _mm256_maskload_epi32(cross + c, m32)), sxy);
            const __m256i a2i = _mm256_add_epi32(d, d);
            const __m256i b2i =
                _mm256_add_epi32(_mm256_maskload_epi32(va + c, m32), _mm256_maskload_epi32(vb + c, m32));
#pragma GCC unroll 2
            for (int h = 0; h < 2; ++h) {
                const __m256d a1 = _mm256_add_pd(halfAvx2(a1i, h), c1), b1 = _mm256_add_pd(halfAvx2(b1i, h), c1);
                const __m256d a2 = _mm256_add_pd(_mm256_mul_pd(covNorm, halfAvx2(a2i, h)), c2);
                const __m256d b2 = _mm256_add_pd(_mm256_mul_pd(covNorm, halfAvx2(b2i, h)), c2);
                const __m256d term = _mm256_div_pd(_mm256_mul_pd(a1, a2), _mm256_mul_pd(b1, b2));
                const __m128i m4 = h ? _mm256_extracti128_si256(m32, 1) : _mm256_castsi256_si128(m32);
                const __m256d keep = _mm256_castsi256_pd(_mm256_cvtepi32_epi64(m4));
                acc[h] = _mm256_blendv_pd(acc[h], _mm256_add_pd(acc[h], term), keep);
            }
        }
        if (k.stopBelow > -std::numeric_limits<double>::infinity()) {
            const __m256d s4 = _mm256_add_pd(acc[0], acc[1]);
            const __m128d s2 = _mm_add_pd(_mm256_castpd256_pd128(s4), _mm256_extractf128_pd(s4, 1));
            const double total = _mm_cvtsd_f64(_mm_add_sd(s2, _mm_unpackhi_pd(s2, s2)));
            if (double(k.rows - 1 - r) * k.cols + total < k.stopBelow)
                return -std::numeric_limits<double>::infinity();
        }
    }
    alignas(32) double lanes[8];
    _mm256_store_pd(lanes, acc[0]);
    _mm256_store_pd(lanes + 4, acc[1]);
    return laneTotal(lanes);
}

__attribute__((target("avx512f,avx512bw,avx512vl,avx512vnni"))) double
ssimAvx512(const TransformKernels::WindowBlock &k)
{
    const SsimTermsAvx512 terms{_mm512_set1_pd(k.covNorm), _mm512_set1_pd(k.c1), _mm512_set1_pd(k.c2),
                                _mm512_set1_epi32(k.area)};
    __m512d acc = _mm512_setzero_pd();
    for (int r = 0; r < k.rows; ++r) {
        const std::int32_t *sa = k.sa + r * k.stride, *va = k.va + r * k.stride;
        const std::int32_t *sb = k.sb + r * k.stride, *vb = k.vb + r * k.stride;
        const std::int32_t *cross = k.cross + r * k.cols;
        for (int c = 0; c < k.cols; c += 16) {
            const int left = k.cols - c;
            const __mmask16 m = left >= 16 ? __mmask16(0xffff) : __mmask16((1u << left) - 1);
            acc = addSsimTermsAvx512(acc, terms, m, sa + c, sb + c, va + c, vb + c,
                                     _mm512_maskz_loadu_epi32(m, cross + c));
        }
        if (k.stopBelow > -std::numeric_limits<double>::infinity() &&
            double(k.rows - 1 - r) * k.cols + _mm512_reduce_add_pd(acc) < k.stopBelow)
            return -std::numeric_limits<double>::infinity();
    }
    alignas(64) double lanes[8];
    _mm512_store_pd(lanes, acc);
    return laneTotal(lanes);
}

// crossSumsAvx512 and ssimAvx512 fused: each row of x*y window sums goes from the registers
// straight into that row's terms (no stored block), and an early exit skips the rows left. The
// same integers and the same double operations in the same order as the two apart.
TC_AVX512 double ssimOverlapAvx512(const TransformKernels::WindowBlock &k, const std::uint8_t *a, const std::uint8_t *b,
                                   int h)
{
    // (k.cols > 64, k.rows = h - 6: the caller checks.)
    const SsimTermsAvx512 terms{_mm512_set1_pd(k.covNorm), _mm512_set1_pd(k.c1), _mm512_set1_pd(k.c2),
                                _mm512_set1_epi32(k.area)};
    const __mmask16 last = __mmask16((1u << (k.cols - 64)) - 1);
    __m512d acc = _mm512_setzero_pd();
    __m512i cp[6];
    for (int v = 0; v < 6; ++v)
        cp[v] = _mm512_setzero_si512();
    for (int pr = 0; pr < h; ++pr) {
        slideCrossColumnsAvx512(cp, a, b, pr);
        if (pr < kBoxTaps - 1)
            continue;
        const int r = pr - kBoxTaps + 1;
        __m512i cross[5];
        boxRowAvx512(cp, cross);
        const std::int32_t *sa = k.sa + r * k.stride, *va = k.va + r * k.stride;
        const std::int32_t *sb = k.sb + r * k.stride, *vb = k.vb + r * k.stride;
#pragma GCC unroll 5
        for (int v = 0; v < 5; ++v) {
            const int c = 16 * v;
            const __mmask16 m = v < 4 ? __mmask16(0xffff) : last;
            acc =
                addSsimTermsAvx512(acc, terms, m, sa + c, sb + c, va + c, vb + c, _mm512_maskz_mov_epi32(m, cross[v]));
        }
        if (k.stopBelow > -std::numeric_limits<double>::infinity() &&
            double(k.rows - 1 - r) * k.cols + _mm512_reduce_add_pd(acc) < k.stopBelow)
            return -std::numeric_limits<double>::infinity();
    }
    alignas(64) double lanes[8];
    _mm512_store_pd(lanes, acc);
    return laneTotal(lanes);
}

// ---- The re-rank's correlations. AVX2: bytes widened to 16 bits (b - 128 exactly), vpmaddwd.
// AVX-512: vpdpbusd on the stored bytes (unsigned) and the variant (signed), then - 128 sum(a_v).

__attribute__((target("avx2"))) void bestCorrelationsAvx2(const std::int8_t *variants, int count, int dim,
                                                          const std::uint8_t *rows, const std::int32_t *index, int n,
                                                          std::int32_t *best)
{
    const __m256i offset = _mm256_set1_epi16(128);
    for (int j = 0; j < n; ++j) {
        const std::uint8_t *b = rows + qsizetype(index[j]) * dim;
        std::int32_t top = std::numeric_limits<std::int32_t>::min();
        for (int v = 0; v < count; ++v) {
            const std::int8_t *a = variants + v * dim;
            __m256i acc = _mm256_setzero_si256();
            for (int d = 0; d < dim; d += 16) {
                const __m256i bw = _mm256_sub_epi16(
                    _mm256_cvtepu8_epi16(_mm_loadu_si128(reinterpret_cast<const __m128i *>(b + d))), offset);
                const __m256i aw = _mm256_cvtepi8_epi16(_mm_loadu_si128(reinterpret_cast<const __m128i *>(a + d)));
                acc = _mm256_add_epi32(acc, _mm256_madd_epi16(aw, bw));
            }
            __m128i s = _mm_add_epi32(_mm256_castsi256_si128(acc), _mm256_extracti128_si256(acc, 1));
            s = _mm_add_epi32(s, _mm_shuffle_epi32(s, 0x4e));
            s = _mm_add_epi32(s, _mm_shuffle_epi32(s, 0xb1));
            top = std::max(top, _mm_cvtsi128_si32(s));
        }
        best[j] = top;
    }
}

TC_AVX512 void bestCorrelationsAvx512(const std::int8_t *variants, int count, int dim, const std::uint8_t *rows,
                                      const std::int32_t *index, int n, std::int32_t *best)
{
    std::int32_t bias[TransformKernels::kMaxVariants];
    for (int v = 0; v < count; ++v) {
        std::int32_t sum = 0;
        for (int d = 0; d < dim; ++d)
            sum += variants[v * dim + d];
        bias[v] = 128 * sum;
    }
    for (int j = 0; j < n; ++j) {
        const std::uint8_t *b = rows + qsizetype(index[j]) * dim;
        if (j + 1 < n)
            for (int d = 0; d < dim; d += 64)
                _mm_prefetch(reinterpret_cast<const char *>(rows + qsizetype(index[j + 1]) * dim + d), _MM_HINT_T0);
        std::int32_t top = std::numeric_limits<std::int32_t>::min();
        for (int v = 0; v < count; ++v) {
            const std::int8_t *a = variants + v * dim;
            __m512i acc = _mm512_setzero_si512();
            for (int d = 0; d < dim; d += 64)
                acc = _mm512_dpbusd_epi32(acc, _mm512_loadu_si512(b + d), _mm512_loadu_si512(a + d));
            top = std::max(top, _mm512_reduce_add_epi32(acc) - bias[v]);
        }
        best[j] = top;
    }
}

// ---- The shortlist scan: 8 or 16 columns compared at once; the few above the threshold written
// out (AVX2: bit by bit; AVX-512: compressed in a register, stored whole: the slack).

__attribute__((target("avx2"))) int scoresAboveAvx2(const std::int32_t *scores, const std::int32_t *bias, int n,
                                                    std::int32_t threshold, std::int32_t *values, std::int32_t *columns)
{
    const __m256i limit = _mm256_set1_epi32(threshold);
    int count = 0, c = 0;
    for (; c + 8 <= n; c += 8) {
        const __m256i v = _mm256_sub_epi32(_mm256_loadu_si256(reinterpret_cast<const __m256i *>(scores + c)),
                                           _mm256_loadu_si256(reinterpret_cast<const __m256i *>(bias + c)));
        unsigned mask = unsigned(_mm256_movemask_ps(_mm256_castsi256_ps(_mm256_cmpgt_epi32(v, limit))));
        while (mask) {
            const int at = __builtin_ctz(mask);
            values[count] = scores[c + at] - bias[c + at];
            columns[count++] = c + at;
            mask &= mask - 1;
        }
    }
    for (; c < n; ++c) {
        const std::int32_t v = scores[c] - bias[c];
        if (v > threshold) {
            values[count] = v;
            columns[count++] = c;
        }
    }
    return count;
}

TC_AVX512 int scoresAboveAvx512(const std::int32_t *scores, const std::int32_t *bias, int n, std::int32_t threshold,
                                std::int32_t *values, std::int32_t *columns)
{
    const __m512i limit = _mm512_set1_epi32(threshold), step = _mm512_set1_epi32(16);
    __m512i column = _mm512_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
    int count = 0;
    for (int c = 0; c < n; c += 16) {
        const __mmask16 in = n - c >= 16 ? __mmask16(0xffff) : __mmask16((1u << (n - c)) - 1);
        const __m512i v =
            _mm512_sub_epi32(_mm512_maskz_loadu_epi32(in, scores + c), _mm512_maskz_loadu_epi32(in, bias + c));
        const __mmask16 above = _mm512_mask_cmpgt_epi32_mask(in, v, limit);
        if (above) {
            _mm512_storeu_si512(values + count, _mm512_maskz_compress_epi32(above, v));
            _mm512_storeu_si512(columns + count, _mm512_maskz_compress_epi32(above, column));
            count += __builtin_popcount(above);
        }
        column = _mm512_add_epi32(column, step);
    }
    return count;
}

} // namespace tc::core::transformpath

#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#pragma GCC pop_options
#endif
#undef TC_AVX512
