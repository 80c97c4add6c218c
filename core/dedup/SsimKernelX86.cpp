// The AVX2 and AVX-512 paths of the Uniform7 lane kernel (SsimKernel.h). Every function carries its
// own target attribute, so the library still runs on a plain x86-64 CPU: SsimKernel.cpp calls a path
// only when the integer kernel of the same instruction set passed its support check.
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
