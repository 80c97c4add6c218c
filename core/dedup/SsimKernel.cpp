// The Uniform7 lane kernel's loading, dispatch and plain C++ path; the AVX2 and AVX-512 paths are
// in SsimKernelX86.cpp, the kernel itself in SsimKernelBody.h.
#include "core/dedup/SsimKernel.h"

#include "core/common/ImageSet.h"

#include <algorithm>
#include <cstring>
#include <emmintrin.h>

namespace tc::core {

namespace ssimpath::scalar {

#define TC_SSIM_TARGET
// The reference path, baseline x86-64: 16 lanes as four SSE2 registers (gcc's generic vectors,
// element-wise IEEE operations, no fused multiply-add on this target), which gcc keeps in registers
// where plain arrays of 16 went through memory.
struct Ops {
    using I4 = std::int32_t __attribute__((vector_size(16)));
    using F4 = float __attribute__((vector_size(16)));
    struct I {
        I4 q[4];
    };
    struct F {
        F4 q[4];
    };
    static constexpr int kShare = 1;
    static constexpr bool kLumFromCross = false;
    static void pin(const I &) {}
    static void pin(const F &) {}
    template <typename V, typename Fn> static V map(Fn fn)
    {
        V r;
        for (int k = 0; k < 4; ++k)
            r.q[k] = fn(k);
        return r;
    }
    static I zeroI() { return I{}; }
    static F zeroF() { return F{}; }
    static I loadI(const std::int32_t *p)
    {
        I r;
        std::memcpy(&r, p, sizeof r);
        return r;
    }
    static void storeI(std::int32_t *p, const I &a) { std::memcpy(p, &a, sizeof a); }
    static F loadF(const float *p)
    {
        F r;
        std::memcpy(&r, p, sizeof r);
        return r;
    }
    static void storeF(float *p, const F &a) { std::memcpy(p, &a, sizeof a); }
    static I bcastI(std::int32_t x)
    {
        return map<I>([&](int) { return I4{} + x; });
    }
    static F bcastF(float x)
    {
        return map<F>([&](int) { return F4{} + x; });
    }
    static I addI(const I &a, const I &b)
    {
        return map<I>([&](int k) { return a.q[k] + b.q[k]; });
    }
    static I subI(const I &a, const I &b)
    {
        return map<I>([&](int k) { return a.q[k] - b.q[k]; });
    }
    static I mulII(const I &a, const I &b)
    {
        return map<I>([&](int k) { return a.q[k] * b.q[k]; });
    }
    static I mulI(const I &a, std::int32_t s)
    {
        return map<I>([&](int k) { return a.q[k] * s; });
    }
    static F cvt(const I &a)
    {
        return map<F>([&](int k) { return __builtin_convertvector(a.q[k], F4); });
    }
    static F addF(const F &a, const F &b)
    {
        return map<F>([&](int k) { return a.q[k] + b.q[k]; });
    }
    static F mulF(const F &a, const F &b)
    {
        return map<F>([&](int k) { return a.q[k] * b.q[k]; });
    }
    static F divF(const F &a, const F &b)
    {
        return map<F>([&](int k) { return a.q[k] / b.q[k]; });
    }
    // pmaddwd (SSE2, every x86-64) on the int16 pairs. Exact: the same int32 sums on every path.
    static I dot2v(const I &acc, const I &pairs, std::int32_t x)
    {
        const __m128i v = _mm_set1_epi32(x);
        return map<I>([&](int k) { return acc.q[k] + I4(_mm_madd_epi16(__m128i(pairs.q[k]), v)); });
    }
    static I dot2(const I &acc, const std::int16_t *pairs, std::int32_t x)
    {
        return dot2v(acc, loadI(reinterpret_cast<const std::int32_t *>(pairs)), x);
    }
    static I square2(const I &acc, const std::int16_t *pairs, bool negative)
    {
        const __m128i sign = _mm_set1_epi32(negative ? std::int32_t(0xFFFF0001u) : 0x00010001);
        const I y = loadI(reinterpret_cast<const std::int32_t *>(pairs));
        return map<I>([&](int k) {
            const __m128i v = __m128i(y.q[k]);
            return acc.q[k] + I4(_mm_madd_epi16(v, _mm_mullo_epi16(v, sign)));
        });
    }
    static void addTotals(double *t, const F &v)
    {
        for (int k = 0; k < 4; ++k)
            for (int l = 0; l < 4; ++l)
                t[4 * k + l] += double(v.q[k][l]);
    }
};

#include "core/dedup/SsimKernelBody.h"
#undef TC_SSIM_TARGET

} // namespace ssimpath::scalar

void ssimpath::statisticsScalar(SsimLaneBlock &block)
{
    scalar::blockStatistics(block);
}

void ssimpath::againstScalar(const SsimSingle *const *xs, int count, const SsimLaneBlock &block, float *out)
{
    scalar::againstBlock(xs, count, block, out);
}

SsimPath ssimPathFor(IntKernel kernel)
{
    SsimPath path = SsimPath::Scalar;
    switch (kernel) {
    case IntKernel::Amx:
    case IntKernel::Avx512Vnni:
        path = SsimPath::Avx512;
        break;
    case IntKernel::AvxVnni:
    case IntKernel::Avx2:
        path = SsimPath::Avx2;
        break;
    case IntKernel::Scalar:
        break;
    }
    // An integer path without its SSIM counterpart (not seen on real CPUs): the next slower one.
    if (path == SsimPath::Avx512 && !ssimPathSupported(path))
        path = SsimPath::Avx2;
    if (path == SsimPath::Avx2 && !ssimPathSupported(path))
        path = SsimPath::Scalar;
    return path;
}

bool ssimPathSupported(SsimPath path)
{
    switch (path) {
    case SsimPath::Avx512:
        return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
               __builtin_cpu_supports("avx512vnni") && intKernelSupported(IntKernel::Avx512Vnni);
    case SsimPath::Avx2:
        return __builtin_cpu_supports("avx2") && intKernelSupported(IntKernel::Avx2);
    case SsimPath::Scalar:
        break;
    }
    return true;
}

SsimPath fastestSsimPath()
{
    static const SsimPath fastest = [] {
        for (SsimPath p : {SsimPath::Avx512, SsimPath::Avx2})
            if (ssimPathSupported(p))
                return p;
        return SsimPath::Scalar;
    }();
    return fastest;
}

QString ssimPathName(SsimPath path)
{
    switch (path) {
    case SsimPath::Avx512:
        return QStringLiteral("avx512 (vpdpwssd)");
    case SsimPath::Avx2:
        return QStringLiteral("avx2 (vpmaddwd)");
    case SsimPath::Scalar:
        break;
    }
    return QStringLiteral("scalar");
}

namespace {

using ssimpath::rowStep;
using ssimpath::RowStep;

std::uint32_t packPair(int lo, int hi)
{
    return std::uint32_t(std::uint16_t(std::int16_t(lo))) | (std::uint32_t(std::uint16_t(std::int16_t(hi))) << 16);
}

// rows[l] byte k -> rows[k] byte l (a 16 x 16 byte transpose in four unpack stages, SSE2).
void transpose16x16(__m128i *rows)
{
    __m128i a[16], b[16], c[16];
    for (int j = 0; j < 8; ++j) { // 16-bit units: lanes (2j, 2j+1); k = 0..7, then 8..15
        a[j] = _mm_unpacklo_epi8(rows[2 * j], rows[2 * j + 1]);
        a[j + 8] = _mm_unpackhi_epi8(rows[2 * j], rows[2 * j + 1]);
    }
    for (int j = 0; j < 4; ++j) { // 32-bit units: lanes 4j..4j+3; b[j + 4m] holds k = 4m..4m+3
        b[j] = _mm_unpacklo_epi16(a[2 * j], a[2 * j + 1]);
        b[j + 4] = _mm_unpackhi_epi16(a[2 * j], a[2 * j + 1]);
        b[j + 8] = _mm_unpacklo_epi16(a[8 + 2 * j], a[8 + 2 * j + 1]);
        b[j + 12] = _mm_unpackhi_epi16(a[8 + 2 * j], a[8 + 2 * j + 1]);
    }
    for (int m = 0; m < 4; ++m) { // 64-bit units: lanes 0..7 (c[4m], c[4m+1]) and 8..15 (c[4m+2], c[4m+3])
        c[4 * m] = _mm_unpacklo_epi32(b[4 * m], b[4 * m + 1]);
        c[4 * m + 1] = _mm_unpackhi_epi32(b[4 * m], b[4 * m + 1]);
        c[4 * m + 2] = _mm_unpacklo_epi32(b[4 * m + 2], b[4 * m + 3]);
        c[4 * m + 3] = _mm_unpackhi_epi32(b[4 * m + 2], b[4 * m + 3]);
    }
    for (int m = 0; m < 4; ++m) {
        rows[4 * m] = _mm_unpacklo_epi64(c[4 * m], c[4 * m + 2]);
        rows[4 * m + 1] = _mm_unpackhi_epi64(c[4 * m], c[4 * m + 2]);
        rows[4 * m + 2] = _mm_unpacklo_epi64(c[4 * m + 1], c[4 * m + 3]);
        rows[4 * m + 3] = _mm_unpackhi_epi64(c[4 * m + 1], c[4 * m + 3]);
    }
}

} // namespace

void SsimSingle::load(const std::uint8_t *image)
{
    for (int ch = 0; ch < 3; ++ch) {
        auto px = [&](int r, int c) { return int(image[pixelOffset(r, c, ch)]); };
        for (int step = 0; step < kSsimRowSteps; ++step) {
            const RowStep rs = rowStep(step);
            for (int c = 0; c < 32; ++c) {
                const int a = 98 * px(rs.a, c), b = rs.b < 0 ? 0 : 98 * px(rs.b, c);
                steps[ch][step][c] = std::int32_t(packPair(a, rs.sliding ? -b : b));
            }
        }
        // Window sums by integral images (exact); the statistics as blockStatistics forms them.
        std::int32_t is[33][33] = {}, iq[33][33] = {};
        for (int r = 0; r < 32; ++r)
            for (int c = 0; c < 32; ++c) {
                const int v = px(r, c);
                is[r + 1][c + 1] = v + is[r][c + 1] + is[r + 1][c] - is[r][c];
                iq[r + 1][c + 1] = v * v + iq[r][c + 1] + iq[r + 1][c] - iq[r][c];
            }
        for (int r0 = 0; r0 < kSsimGrid; ++r0)
            for (int c0 = 0; c0 < kSsimGrid; ++c0) {
                const int p = r0 * kSsimGrid + c0;
                const std::int32_t s = is[r0 + 7][c0 + 7] - is[r0][c0 + 7] - is[r0 + 7][c0] + is[r0][c0];
                const std::int32_t q = iq[r0 + 7][c0 + 7] - iq[r0][c0 + 7] - iq[r0 + 7][c0] + iq[r0][c0];
                const std::int32_t s2 = s * s;
                negSum2[ch][p] = std::int32_t(packPair(-2 * s, 0));
                sum2[ch][p] = std::int32_t(packPair(2 * s, 2 * s));
                den1[ch][p] = float(2 * s2) + ssimpath::kSsimC1TwiceHalf;
                den2[ch][p] = float(q * 49 - s2) + ssimpath::kSsimC2Half;
            }
    }
}

void gatherLanes(const std::uint8_t *const *images, int n, std::int32_t (*pixels)[1024][kSsimLanes])
{
    static const std::uint8_t kBlack[kImageBytes] = {};
    const std::uint8_t *src[kSsimLanes];
    for (int l = 0; l < kSsimLanes; ++l)
        src[l] = l < n ? images[l] : kBlack;
    // Lane-innermost so every store fills one 64-byte row; the 16 sources stay in L1.
    for (int i = 0; i < 1024; ++i)
        for (int ch = 0; ch < 3; ++ch) {
            std::int32_t *dst = pixels[ch][i];
            for (int l = 0; l < kSsimLanes; ++l)
                dst[l] = src[l][i * kImageChannels + ch];
        }
}

void SsimLaneBlock::load(const std::uint8_t *const *images, int n)
{
    static const std::uint8_t kBlack[kImageBytes] = {};
    count = n;
    const std::uint8_t *src[kSsimLanes];
    for (int l = 0; l < kSsimLanes; ++l)
        src[l] = l < n ? images[l] : kBlack;
    if (path == SsimPath::Avx512) {
        ssimpath::rowStepsAvx512(*this, src);
        ssimpath::statisticsAvx512(*this);
        return;
    }
    // Planar 16-bit lanes first (one pass over the sources), then the row steps interleave two rows.
    alignas(64) std::int16_t planes[3][32][32][kSsimLanes];
    for (int i0 = 0; i0 < kImageBytes; i0 += 16) {
        __m128i rows[kSsimLanes];
        for (int l = 0; l < kSsimLanes; ++l)
            rows[l] = _mm_loadu_si128(reinterpret_cast<const __m128i *>(src[l] + i0));
        transpose16x16(rows);
        const __m128i zero = _mm_setzero_si128();
        for (int k = 0; k < 16; ++k) {
            const int byte = i0 + k, pixel = byte / kImageChannels, ch = byte % kImageChannels;
            auto *dst = reinterpret_cast<__m128i *>(planes[ch][pixel / 32][pixel % 32]);
            _mm_store_si128(dst, _mm_unpacklo_epi8(rows[k], zero));
            _mm_store_si128(dst + 1, _mm_unpackhi_epi8(rows[k], zero));
        }
    }
    alignas(16) static const std::int16_t kZeros[kSsimLanes] = {};
    for (int ch = 0; ch < 3; ++ch)
        for (int step = 0; step < kSsimRowSteps; ++step) {
            const RowStep rs = rowStep(step);
            for (int c = 0; c < 32; ++c) {
                const std::int16_t *a = planes[ch][rs.a][c], *b = rs.b < 0 ? kZeros : planes[ch][rs.b][c];
                // Interleaving 16 + 16 values with SSE2 (every x86-64): the plain loop stays scalar.
                auto *dst = reinterpret_cast<__m128i *>(steps[ch][step][c][0]);
                const __m128i a0 = _mm_load_si128(reinterpret_cast<const __m128i *>(a));
                const __m128i a1 = _mm_load_si128(reinterpret_cast<const __m128i *>(a + 8));
                const __m128i b0 = _mm_load_si128(reinterpret_cast<const __m128i *>(b));
                const __m128i b1 = _mm_load_si128(reinterpret_cast<const __m128i *>(b + 8));
                _mm_store_si128(dst, _mm_unpacklo_epi16(a0, b0));
                _mm_store_si128(dst + 1, _mm_unpackhi_epi16(a0, b0));
                _mm_store_si128(dst + 2, _mm_unpacklo_epi16(a1, b1));
                _mm_store_si128(dst + 3, _mm_unpackhi_epi16(a1, b1));
            }
        }
    if (path == SsimPath::Avx2)
        ssimpath::statisticsAvx2(*this);
    else
        ssimpath::statisticsScalar(*this);
}

void ssimManyAgainstLanes(const SsimSingle *const *xs, int count, const SsimLaneBlock &block, float *out)
{
    for (int j = 0; j < count; j += kSsimInFlight) {
        const int now = std::min(kSsimInFlight, count - j);
        switch (block.path) {
        case SsimPath::Avx512:
            ssimpath::againstAvx512(xs + j, now, block, out + j * kSsimLanes);
            break;
        case SsimPath::Avx2:
            ssimpath::againstAvx2(xs + j, now, block, out + j * kSsimLanes);
            break;
        case SsimPath::Scalar:
            ssimpath::againstScalar(xs + j, now, block, out + j * kSsimLanes);
            break;
        }
    }
}

void ssimAgainstLanes(const SsimSingle &x, const SsimLaneBlock &block, float *out)
{
    const SsimSingle *xs[1] = {&x};
    ssimManyAgainstLanes(xs, 1, block, out);
}

} // namespace tc::core
