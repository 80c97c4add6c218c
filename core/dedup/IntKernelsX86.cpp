// The AVX2, AVX-VNNI and AVX-512 VNNI paths of IntKernels. Each function carries its own target
// attribute, so the library still runs on a plain x86-64 CPU: IntKernels.cpp calls a path only
// after cpuid, xgetbv and a self-check said it runs here.
#include "core/dedup/IntKernelPaths.h"

#include <algorithm>
#include <cstring>
#include <immintrin.h>
#include <vector>

namespace tc::core::intpath {

namespace {

// Rows of A per micro-kernel call.
constexpr int kRows = 6;

const std::uint8_t *zeroRow(int paddedDim)
{
    thread_local std::vector<std::uint8_t> zeros;
    if (zeros.size() < size_t(paddedDim) + 64)
        zeros.assign(size_t(paddedDim) + 64, 0);
    return zeros.data();
}

std::int32_t rowSum(const std::uint8_t *row, int dim)
{
    std::int32_t s = 0;
    for (int t = 0; t < dim; ++t)
        s += row[t];
    return s;
}

// ---- AVX2: vpmaddwd on zero-extended 16-bit values (exact: 2 * 255^2 fits easily in int32).

__attribute__((target("avx2"))) void avx2Block(const std::int16_t *const *rows, const std::uint8_t *panel,
                                               int paddedDim, std::int32_t *tile)
{
    __m256i acc[kRows][2];
#pragma GCC unroll 6
    for (int r = 0; r < kRows; ++r)
        acc[r][0] = acc[r][1] = _mm256_setzero_si256();
    const auto *b = reinterpret_cast<const __m256i *>(panel);
    for (int t = 0; t < paddedDim; t += 2, b += 2) {
        const __m256i b0 = _mm256_loadu_si256(b), b1 = _mm256_loadu_si256(b + 1);
#pragma GCC unroll 6
        for (int r = 0; r < kRows; ++r) {
            std::int32_t pair;
            std::memcpy(&pair, rows[r] + t, 4);
            const __m256i x = _mm256_set1_epi32(pair);
            acc[r][0] = _mm256_add_epi32(acc[r][0], _mm256_madd_epi16(x, b0));
            acc[r][1] = _mm256_add_epi32(acc[r][1], _mm256_madd_epi16(x, b1));
        }
    }
#pragma GCC unroll 6
    for (int r = 0; r < kRows; ++r) {
        _mm256_storeu_si256(reinterpret_cast<__m256i *>(tile + r * kPanel), acc[r][0]);
        _mm256_storeu_si256(reinterpret_cast<__m256i *>(tile + r * kPanel + 8), acc[r][1]);
    }
}

// gcc 12 spills every accumulator of the intrinsic's form (acc = _mm512_dpbusd_epi32(acc, ...)) to
// the stack on each step; the instruction itself, accumulating in place, keeps all 24 in registers.
__attribute__((target("avx512f,avx512vnni"))) inline void dpbusd512(__m512i &acc, __m512i a, __m512i b)
{
    __asm__("vpdpbusd %2, %1, %0" : "+v"(acc) : "v"(a), "v"(b));
}

// The same for AVX-VNNI; "{vex}" makes the assembler emit the VEX form (AVX-VNNI) rather than the
// EVEX one (AVX-512 VNNI, absent on the CPUs this path is for), "x" keeps to ymm0-15.
__attribute__((target("avx2,avxvnni"))) inline void dpbusd256(__m256i &acc, __m256i a, __m256i b)
{
    __asm__("%{vex%} vpdpbusd %2, %1, %0" : "+x"(acc) : "x"(a), "x"(b));
}

// ---- VNNI: vpdpbusd(a unsigned, b - 128 signed) + 128 * sum(a) = <a, b>, exact in int32.

struct VnniRows {
    const std::uint8_t *rows[kRows];
    std::int32_t sum[kRows];
};

__attribute__((target("avx512f,avx512bw,avx512vl,avx512vnni"))) void
avx512Block(const VnniRows &a, const std::uint8_t *const *panels, int paddedDim, std::int32_t *tile)
{
    constexpr int kPanels = 4;
    __m512i acc[kRows][kPanels];
#pragma GCC unroll 6
    for (int r = 0; r < kRows; ++r)
#pragma GCC unroll 4
        for (int q = 0; q < kPanels; ++q)
            acc[r][q] = _mm512_setzero_si512();
    qsizetype offset = 0;
    for (int t = 0; t < paddedDim; t += 4, offset += 64) {
        __m512i b[kPanels];
#pragma GCC unroll 4
        for (int q = 0; q < kPanels; ++q)
            b[q] = _mm512_loadu_si512(panels[q] + offset);
#pragma GCC unroll 6
        for (int r = 0; r < kRows; ++r) {
            std::int32_t quad;
            std::memcpy(&quad, a.rows[r] + t, 4);
            const __m512i x = _mm512_set1_epi32(quad);
#pragma GCC unroll 4
            for (int q = 0; q < kPanels; ++q)
                dpbusd512(acc[r][q], x, b[q]);
        }
    }
#pragma GCC unroll 6
    for (int r = 0; r < kRows; ++r) {
        const __m512i fix = _mm512_set1_epi32(128 * a.sum[r]);
#pragma GCC unroll 4
        for (int q = 0; q < kPanels; ++q)
            _mm512_storeu_si512(tile + (q * kRows + r) * kPanel, _mm512_add_epi32(acc[r][q], fix));
    }
}

__attribute__((target("avx2,avxvnni"))) void avxVnniBlock(const VnniRows &a, const std::uint8_t *panel, int paddedDim,
                                                          std::int32_t *tile)
{
    __m256i acc[kRows][2];
#pragma GCC unroll 6
    for (int r = 0; r < kRows; ++r)
        acc[r][0] = acc[r][1] = _mm256_setzero_si256();
    qsizetype offset = 0;
    for (int t = 0; t < paddedDim; t += 4, offset += 64) {
        const __m256i b0 = _mm256_loadu_si256(reinterpret_cast<const __m256i *>(panel + offset));
        const __m256i b1 = _mm256_loadu_si256(reinterpret_cast<const __m256i *>(panel + offset + 32));
#pragma GCC unroll 6
        for (int r = 0; r < kRows; ++r) {
            std::int32_t quad;
            std::memcpy(&quad, a.rows[r] + t, 4);
            const __m256i x = _mm256_set1_epi32(quad);
            dpbusd256(acc[r][0], x, b0);
            dpbusd256(acc[r][1], x, b1);
        }
    }
#pragma GCC unroll 6
    for (int r = 0; r < kRows; ++r) {
        const __m256i fix = _mm256_set1_epi32(128 * a.sum[r]);
        _mm256_storeu_si256(reinterpret_cast<__m256i *>(tile + r * kPanel), _mm256_add_epi32(acc[r][0], fix));
        _mm256_storeu_si256(reinterpret_cast<__m256i *>(tile + r * kPanel + 8), _mm256_add_epi32(acc[r][1], fix));
    }
}

// Per call: each row's byte sum (the offset correction), and when dim is no multiple of 4 a
// zero-padded copy of the rows, so the kernels read whole quads without a tail loop.
struct VnniRowInfo {
    std::vector<std::int32_t> sum;
    std::vector<std::uint8_t> padded;
    const std::uint8_t *rows = nullptr;
    qsizetype stride = 0;
    void prepare(const DotArgs &args)
    {
        const int d = args.b.dim, pd = args.b.paddedDim;
        sum.assign(size_t(args.n), 0);
        for (qsizetype i = 0; i < args.n; ++i)
            sum[size_t(i)] = rowSum(args.a + i * args.strideA, d);
        rows = args.a;
        stride = args.strideA;
        if (d != pd) {
            padded.assign(size_t(args.n) * pd, 0);
            for (qsizetype i = 0; i < args.n; ++i)
                std::memcpy(padded.data() + i * pd, args.a + i * args.strideA, size_t(d));
            rows = padded.data();
            stride = pd;
        }
    }
};

VnniRows vnniRows(const DotArgs &args, const VnniRowInfo &info, qsizetype i0)
{
    VnniRows rows{};
    for (int r = 0; r < kRows; ++r) {
        const bool real = i0 + r < args.n;
        rows.rows[r] = real ? info.rows + (i0 + r) * info.stride : zeroRow(args.b.paddedDim);
        rows.sum[r] = real ? info.sum[size_t(i0 + r)] : 0;
    }
    return rows;
}

qsizetype firstPanel(const DotArgs &args)
{
    return args.j0 / kPanel;
}

qsizetype lastPanel(const DotArgs &args)
{
    return (args.j0 + args.cols - 1) / kPanel;
}

} // namespace

void dotAvx2(const DotArgs &args)
{
    // Rows are widened to 16 bits once per call (the kernel broadcasts pairs of them).
    const int pd = args.b.paddedDim;
    thread_local std::vector<std::int16_t> wide;
    const qsizetype strips = (args.n + kRows - 1) / kRows;
    wide.assign(size_t(strips * kRows) * pd, 0);
    for (qsizetype i = 0; i < args.n; ++i)
        for (int t = 0; t < args.b.dim; ++t)
            wide[size_t(i) * pd + t] = args.a[i * args.strideA + t];
    alignas(64) std::int32_t tile[kRows * kPanel];
    for (qsizetype p = firstPanel(args); p <= lastPanel(args); ++p)
        for (qsizetype i0 = 0; i0 < args.n; i0 += kRows) {
            const std::int16_t *rows[kRows];
            for (int r = 0; r < kRows; ++r)
                rows[r] = wide.data() + (i0 + r) * pd;
            avx2Block(rows, args.b.panel(p), pd, tile);
            storePanel(args, i0, kRows, p, tile, kPanel);
        }
}

void dotAvx512Vnni(const DotArgs &args)
{
    thread_local VnniRowInfo info;
    info.prepare(args);
    constexpr int kPanels = 4;
    alignas(64) std::int32_t tile[kPanels * kRows * kPanel];
    const qsizetype last = lastPanel(args);
    // Panel groups outside, rows inside: the group's four panels (4 x 16 x dim bytes) stay in L2
    // while the rows stream past.
    for (qsizetype p = firstPanel(args); p <= last; p += kPanels) {
        const std::uint8_t *panels[kPanels];
        for (int q = 0; q < kPanels; ++q)
            panels[q] = args.b.panel(std::min(p + q, last)); // repeats are computed and dropped
        for (qsizetype i0 = 0; i0 < args.n; i0 += kRows) {
            const auto rows = vnniRows(args, info, i0);
            avx512Block(rows, panels, args.b.paddedDim, tile);
            for (int q = 0; q < kPanels && p + q <= last; ++q)
                storePanel(args, i0, kRows, p + q, tile + q * kRows * kPanel, kPanel);
        }
    }
}

void dotAvxVnni(const DotArgs &args)
{
    thread_local VnniRowInfo info;
    info.prepare(args);
    alignas(64) std::int32_t tile[kRows * kPanel];
    for (qsizetype p = firstPanel(args); p <= lastPanel(args); ++p)
        for (qsizetype i0 = 0; i0 < args.n; i0 += kRows) {
            const auto rows = vnniRows(args, info, i0);
            avxVnniBlock(rows, args.b.panel(p), args.b.paddedDim, tile);
            storePanel(args, i0, kRows, p, tile, kPanel);
        }
}

} // namespace tc::core::intpath
