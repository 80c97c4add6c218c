// The AVX2 and AVX-512 paths of the Uniform7 lane kernel (SsimKernel.h). Every function carries its
// own target attribute, so the library still runs on a plain x86-64 CPU: SsimKernel.cpp calls a path
// only when the integer kernel of the same instruction set passed its support check.
#include "core/common/ImageSet.h"
#include "core/dedup/SsimKernel.h"

#include <immintrin.h>

namespace tc::core {

namespace ssimpath::avx512 {

#define TC_SSIM_TARGET __attribute__((target("avx512f,avx512bw,avx512vnni")))

struct Ops {
    using I = __m512i;
    using F = __m512;
    TC_SSIM_TARGET static I zeroI() { return _mm512_setzero_si512(); }
    TC_SSIM_TARGET static F zeroF() { return _mm512_setzero_ps(); }
    TC_SSIM_TARGET static I loadI(const std::int32_t *p) { return _mm512_load_si512(p); }
    TC_SSIM_TARGET static void storeI(std::int32_t *p, I a) { _mm512_store_si512(p, a); }
    TC_SSIM_TARGET static F loadF(const float *p) { return _mm512_load_ps(p); }
    TC_SSIM_TARGET static void storeF(float *p, F a) { _mm512_store_ps(p, a); }
    TC_SSIM_TARGET static I bcastI(std::int32_t x) { return _mm512_set1_epi32(x); }
    TC_SSIM_TARGET static F bcastF(float x) { return _mm512_set1_ps(x); }
    TC_SSIM_TARGET static I addI(I a, I b) { return _mm512_add_epi32(a, b); }
    TC_SSIM_TARGET static I subI(I a, I b) { return _mm512_sub_epi32(a, b); }
    TC_SSIM_TARGET static I mulII(I a, I b) { return _mm512_mullo_epi32(a, b); }
    TC_SSIM_TARGET static I mulI(I a, std::int32_t s) { return _mm512_mullo_epi32(a, _mm512_set1_epi32(s)); }
    // The maskz forms: gcc 12's unmasked ones read an "undefined" register that -Wuninitialized flags.
    TC_SSIM_TARGET static F cvt(I a) { return _mm512_maskz_cvtepi32_ps(0xFFFF, a); }
    TC_SSIM_TARGET static F addF(F a, F b) { return _mm512_add_ps(a, b); }
    // With an explicit rounding mode: gcc contracts a plain product that feeds a sum into a fused
    // multiply-add (avx512f implies FMA), which the AVX2 and scalar paths cannot match bit for bit.
    TC_SSIM_TARGET static F mulF(F a, F b)
    {
        return _mm512_maskz_mul_round_ps(0xFFFF, a, b, _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
    }
    TC_SSIM_TARGET static F divF(F a, F b) { return _mm512_div_ps(a, b); }
    static constexpr int kShare = 2;
    static constexpr bool kLumFromCross = true;
    // A value the compiler must keep in a register: loaded once, it serves kShare singles (left to
    // itself, gcc folds the load into every use, and the kernel is bound by its loads).
    TC_SSIM_TARGET static void pin(I &v) { __asm__("" : "+v"(v)); }
    TC_SSIM_TARGET static void pin(F &v) { __asm__("" : "+v"(v)); }
    TC_SSIM_TARGET static I dot2(I acc, const std::int16_t *pairs, std::int32_t x)
    {
        return _mm512_dpwssd_epi32(acc, _mm512_load_si512(pairs), _mm512_set1_epi32(x));
    }
    TC_SSIM_TARGET static I dot2v(I acc, I pairs, std::int32_t x)
    {
        return _mm512_dpwssd_epi32(acc, pairs, _mm512_set1_epi32(x));
    }
    TC_SSIM_TARGET static I square2(I acc, const std::int16_t *pairs, bool negative)
    {
        const I y = _mm512_load_si512(pairs);
        const I signedY = negative ? _mm512_mullo_epi16(y, _mm512_set1_epi32(std::int32_t(0xFFFF0001u))) : y;
        return _mm512_dpwssd_epi32(acc, y, signedY);
    }
    TC_SSIM_TARGET static void addTotals(double *t, F v)
    {
        const __m512d lo =
            _mm512_maskz_cvtps_pd(0xFF, _mm256_castpd_ps(_mm512_maskz_extractf64x4_pd(0xF, _mm512_castps_pd(v), 0)));
        const __m512d hi =
            _mm512_maskz_cvtps_pd(0xFF, _mm256_castpd_ps(_mm512_maskz_extractf64x4_pd(0xF, _mm512_castps_pd(v), 1)));
        _mm512_store_pd(t, _mm512_add_pd(_mm512_load_pd(t), lo));
        _mm512_store_pd(t + 8, _mm512_add_pd(_mm512_load_pd(t + 8), hi));
    }
};

#include "core/dedup/SsimKernelBody.h"
#undef TC_SSIM_TARGET

} // namespace ssimpath::avx512

namespace ssimpath::avx2 {

#define TC_SSIM_TARGET __attribute__((target("avx2")))

// 16 lanes as two ymm halves.
struct Ops {
    struct I {
        __m256i a, b;
    };
    struct F {
        __m256 a, b;
    };
    TC_SSIM_TARGET static I zeroI() { return {_mm256_setzero_si256(), _mm256_setzero_si256()}; }
    TC_SSIM_TARGET static F zeroF() { return {_mm256_setzero_ps(), _mm256_setzero_ps()}; }
    TC_SSIM_TARGET static I loadI(const std::int32_t *p)
    {
        return {_mm256_load_si256(reinterpret_cast<const __m256i *>(p)),
                _mm256_load_si256(reinterpret_cast<const __m256i *>(p + 8))};
    }
    TC_SSIM_TARGET static void storeI(std::int32_t *p, I v)
    {
        _mm256_store_si256(reinterpret_cast<__m256i *>(p), v.a);
        _mm256_store_si256(reinterpret_cast<__m256i *>(p + 8), v.b);
    }
    TC_SSIM_TARGET static F loadF(const float *p) { return {_mm256_load_ps(p), _mm256_load_ps(p + 8)}; }
    TC_SSIM_TARGET static void storeF(float *p, F v)
    {
        _mm256_store_ps(p, v.a);
        _mm256_store_ps(p + 8, v.b);
    }
    TC_SSIM_TARGET static I bcastI(std::int32_t x) { return {_mm256_set1_epi32(x), _mm256_set1_epi32(x)}; }
    TC_SSIM_TARGET static F bcastF(float x) { return {_mm256_set1_ps(x), _mm256_set1_ps(x)}; }
    TC_SSIM_TARGET static I addI(I x, I y) { return {_mm256_add_epi32(x.a, y.a), _mm256_add_epi32(x.b, y.b)}; }
    TC_SSIM_TARGET static I subI(I x, I y) { return {_mm256_sub_epi32(x.a, y.a), _mm256_sub_epi32(x.b, y.b)}; }
    TC_SSIM_TARGET static I mulII(I x, I y) { return {_mm256_mullo_epi32(x.a, y.a), _mm256_mullo_epi32(x.b, y.b)}; }
    TC_SSIM_TARGET static I mulI(I x, std::int32_t s)
    {
        const __m256i v = _mm256_set1_epi32(s);
        return {_mm256_mullo_epi32(x.a, v), _mm256_mullo_epi32(x.b, v)};
    }
    TC_SSIM_TARGET static F cvt(I x) { return {_mm256_cvtepi32_ps(x.a), _mm256_cvtepi32_ps(x.b)}; }
    TC_SSIM_TARGET static F addF(F x, F y) { return {_mm256_add_ps(x.a, y.a), _mm256_add_ps(x.b, y.b)}; }
    TC_SSIM_TARGET static F mulF(F x, F y) { return {_mm256_mul_ps(x.a, y.a), _mm256_mul_ps(x.b, y.b)}; }
    TC_SSIM_TARGET static F divF(F x, F y) { return {_mm256_div_ps(x.a, y.a), _mm256_div_ps(x.b, y.b)}; }
    static constexpr int kShare = 1;
    static constexpr bool kLumFromCross = false;
    static void pin(const I &) {}
    static void pin(const F &) {}
    TC_SSIM_TARGET static I dot2v(I acc, I pairs, std::int32_t x)
    {
        const __m256i v = _mm256_set1_epi32(x);
        return {_mm256_add_epi32(acc.a, _mm256_madd_epi16(pairs.a, v)),
                _mm256_add_epi32(acc.b, _mm256_madd_epi16(pairs.b, v))};
    }
    TC_SSIM_TARGET static I dot2(I acc, const std::int16_t *pairs, std::int32_t x)
    {
        const __m256i v = _mm256_set1_epi32(x);
        return {
            _mm256_add_epi32(acc.a, _mm256_madd_epi16(_mm256_load_si256(reinterpret_cast<const __m256i *>(pairs)), v)),
            _mm256_add_epi32(acc.b,
                             _mm256_madd_epi16(_mm256_load_si256(reinterpret_cast<const __m256i *>(pairs + 16)), v))};
    }
    TC_SSIM_TARGET static I square2(I acc, const std::int16_t *pairs, bool negative)
    {
        const __m256i ya = _mm256_load_si256(reinterpret_cast<const __m256i *>(pairs));
        const __m256i yb = _mm256_load_si256(reinterpret_cast<const __m256i *>(pairs + 16));
        const __m256i sign = _mm256_set1_epi32(negative ? std::int32_t(0xFFFF0001u) : 0x00010001);
        return {_mm256_add_epi32(acc.a, _mm256_madd_epi16(ya, _mm256_mullo_epi16(ya, sign))),
                _mm256_add_epi32(acc.b, _mm256_madd_epi16(yb, _mm256_mullo_epi16(yb, sign)))};
    }
    TC_SSIM_TARGET static void addTotals(double *t, F v)
    {
        const __m256d parts[4] = {
            _mm256_cvtps_pd(_mm256_castps256_ps128(v.a)), _mm256_cvtps_pd(_mm256_extractf128_ps(v.a, 1)),
            _mm256_cvtps_pd(_mm256_castps256_ps128(v.b)), _mm256_cvtps_pd(_mm256_extractf128_ps(v.b, 1))};
        for (int i = 0; i < 4; ++i)
            _mm256_store_pd(t + 4 * i, _mm256_add_pd(_mm256_load_pd(t + 4 * i), parts[i]));
    }
};

#include "core/dedup/SsimKernelBody.h"
#undef TC_SSIM_TARGET

} // namespace ssimpath::avx2

namespace ssimpath::avx512 {

// 16 rows of 64 bytes -> four 16 x 16 byte transposes at once (the unpacks work within 128-bit
// lanes), then a 4 x 4 transpose of the 128-bit blocks: on return, rows[4m + q] holds bytes
// 16q + 4m .. 16q + 4m + 3 of every input row, each as 16 consecutive bytes (one per input row).
__attribute__((target("avx512f,avx512bw"))) inline void transpose16x64(__m512i *rows)
{
    // The maskz forms: gcc 12's unmasked epi32 and epi64 unpacks and shuffles read an "undefined" register
    // -Wuninitialized flags.
    __m512i a[16], b[16], c[16];
    for (int j = 0; j < 8; ++j) {
        a[j] = _mm512_unpacklo_epi8(rows[2 * j], rows[2 * j + 1]);
        a[j + 8] = _mm512_unpackhi_epi8(rows[2 * j], rows[2 * j + 1]);
    }
    for (int j = 0; j < 4; ++j) {
        b[j] = _mm512_unpacklo_epi16(a[2 * j], a[2 * j + 1]);
        b[j + 4] = _mm512_unpackhi_epi16(a[2 * j], a[2 * j + 1]);
        b[j + 8] = _mm512_unpacklo_epi16(a[8 + 2 * j], a[8 + 2 * j + 1]);
        b[j + 12] = _mm512_unpackhi_epi16(a[8 + 2 * j], a[8 + 2 * j + 1]);
    }
    for (int m = 0; m < 4; ++m) {
        c[4 * m] = _mm512_maskz_unpacklo_epi32(0xFFFF, b[4 * m], b[4 * m + 1]);
        c[4 * m + 1] = _mm512_maskz_unpackhi_epi32(0xFFFF, b[4 * m], b[4 * m + 1]);
        c[4 * m + 2] = _mm512_maskz_unpacklo_epi32(0xFFFF, b[4 * m + 2], b[4 * m + 3]);
        c[4 * m + 3] = _mm512_maskz_unpackhi_epi32(0xFFFF, b[4 * m + 2], b[4 * m + 3]);
    }
    __m512i t[16]; // t[k], lane q: byte 16q + k of every row (as transpose16x16 in SsimKernel.cpp)
    for (int m = 0; m < 4; ++m) {
        t[4 * m] = _mm512_maskz_unpacklo_epi64(0xFF, c[4 * m], c[4 * m + 2]);
        t[4 * m + 1] = _mm512_maskz_unpackhi_epi64(0xFF, c[4 * m], c[4 * m + 2]);
        t[4 * m + 2] = _mm512_maskz_unpacklo_epi64(0xFF, c[4 * m + 1], c[4 * m + 3]);
        t[4 * m + 3] = _mm512_maskz_unpackhi_epi64(0xFF, c[4 * m + 1], c[4 * m + 3]);
    }
    for (int m = 0; m < 4; ++m) { // the 128-bit blocks (t[4m + i], lane q) -> (rows[4m + q], lane i)
        const __m512i lo01 =
            _mm512_maskz_shuffle_i32x4(0xFFFF, t[4 * m], t[4 * m + 1], 0x44); // t0.q0 t0.q1 t1.q0 t1.q1
        const __m512i hi01 =
            _mm512_maskz_shuffle_i32x4(0xFFFF, t[4 * m], t[4 * m + 1], 0xEE); // t0.q2 t0.q3 t1.q2 t1.q3
        const __m512i lo23 = _mm512_maskz_shuffle_i32x4(0xFFFF, t[4 * m + 2], t[4 * m + 3], 0x44);
        const __m512i hi23 = _mm512_maskz_shuffle_i32x4(0xFFFF, t[4 * m + 2], t[4 * m + 3], 0xEE);
        rows[4 * m] = _mm512_maskz_shuffle_i32x4(0xFFFF, lo01, lo23, 0x88);     // t0.q0 t1.q0 t2.q0 t3.q0
        rows[4 * m + 1] = _mm512_maskz_shuffle_i32x4(0xFFFF, lo01, lo23, 0xDD); // q1
        rows[4 * m + 2] = _mm512_maskz_shuffle_i32x4(0xFFFF, hi01, hi23, 0x88); // q2
        rows[4 * m + 3] = _mm512_maskz_shuffle_i32x4(0xFFFF, hi01, hi23, 0xDD); // q3
    }
}

} // namespace ssimpath::avx512

// The block's row steps with AVX-512: the sources transposed 64 bytes at a time into lanes of bytes
// (lanes[i][l] = byte i of image l), then each step's two rows widened and interleaved in one pass.
// The same integers as the SSE2 loader in SsimKernel.cpp (TestSsim compares the blocks byte for byte).
__attribute__((target("avx512f,avx512bw"))) void ssimpath::rowStepsAvx512(SsimLaneBlock &block,
                                                                          const std::uint8_t *const *src)
{
    alignas(64) std::uint8_t lanes[kImageBytes][kSsimLanes];
    for (int i0 = 0; i0 < kImageBytes; i0 += 64) {
        __m512i rows[kSsimLanes];
        for (int l = 0; l < kSsimLanes; ++l)
            rows[l] = _mm512_loadu_si512(src[l] + i0);
        avx512::transpose16x64(rows);
        for (int m = 0; m < 4; ++m)
            for (int q = 0; q < 4; ++q)
                _mm512_store_si512(lanes[i0 + 16 * q + 4 * m], rows[4 * m + q]);
    }
    for (int ch = 0; ch < 3; ++ch)
        for (int step = 0; step < kSsimRowSteps; ++step) {
            const RowStep rs = rowStep(step);
            for (int c = 0; c < 32; ++c) {
                const __m512i a = _mm512_maskz_cvtepu8_epi32(
                    0xFFFF, _mm_load_si128(reinterpret_cast<const __m128i *>(lanes[pixelOffset(rs.a, c, ch)])));
                const __m512i b =
                    rs.b < 0 ? _mm512_setzero_si512()
                             : _mm512_maskz_cvtepu8_epi32(0xFFFF, _mm_load_si128(reinterpret_cast<const __m128i *>(
                                                                      lanes[pixelOffset(rs.b, c, ch)])));
                _mm512_store_si512(block.steps[ch][step][c][0],
                                   _mm512_or_si512(a, _mm512_maskz_slli_epi32(0xFFFF, b, 16)));
            }
        }
}

void ssimpath::statisticsAvx512(SsimLaneBlock &block)
{
    avx512::blockStatistics(block);
}

void ssimpath::againstAvx512(const SsimSingle *const *xs, int count, const SsimLaneBlock &block, float *out)
{
    avx512::againstBlock(xs, count, block, out);
}

void ssimpath::statisticsAvx2(SsimLaneBlock &block)
{
    avx2::blockStatistics(block);
}

void ssimpath::againstAvx2(const SsimSingle *const *xs, int count, const SsimLaneBlock &block, float *out)
{
    avx2::againstBlock(xs, count, block, out);
}

} // namespace tc::core
