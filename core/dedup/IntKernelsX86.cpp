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

// Rows of A per micro-kernel call of the AVX2 and AVX-VNNI paths (16 ymm registers; AVX-512: kRows512).
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

template <int R> struct VnniRows {
    const std::uint8_t *rows[R];
    std::int32_t sum[R];
};

// AVX-512 register blocking: 8 rows x 3 panels = 24 accumulators, 3 panel loads and 8 broadcasts per
// 24 vpdpbusd. Eight rows divide the passes' row tiles (16, 24, 96) without a ragged strip.
constexpr int kRows512 = 8;
constexpr int kPanels512 = 3;

// Where an AVX-512 block goes: element (row r, panel q, column c) at dst + r * ld + q * panelStride + c.
// Straight into the caller's output when the block is whole (then also the squared distances, when
// rowNorms is set), else into a tile that storePanel copies.
struct Store512 {
    std::int32_t *dst = nullptr;
    qsizetype ld = 0;
    qsizetype panelStride = 0;
    const std::int32_t *rowNorms = nullptr; // the block's first row's |a|^2
    const std::int32_t *colNorms = nullptr; // the block's first column's |b|^2
};

// kPrefetch: the first strip of a panel group also fetches the next group into L2, one line per
// panel per step. At K = 192 a group is done in about 1,000 vpdpbusd per strip, too short for the
// hardware prefetchers to stream three panels from memory in time on their own. L2 rather than L1
// (measured 5-25 % faster at the passes' shapes): at K = 512 a group is 24 KB, and L1 holds the
// current one.
template <bool kPrefetch>
__attribute__((target("avx512f,avx512bw,avx512vl,avx512vnni"))) void
avx512Block(const VnniRows<kRows512> &a, const std::uint8_t *const *panels, const std::uint8_t *const *next,
            int paddedDim, const Store512 &store)
{
    __m512i acc[kRows512][kPanels512];
#pragma GCC unroll 8
    for (int r = 0; r < kRows512; ++r)
#pragma GCC unroll 3
        for (int q = 0; q < kPanels512; ++q)
            acc[r][q] = _mm512_setzero_si512();
    qsizetype offset = 0;
    for (int t = 0; t < paddedDim; t += 4, offset += 64) {
        __m512i b[kPanels512];
#pragma GCC unroll 3
        for (int q = 0; q < kPanels512; ++q) {
            b[q] = _mm512_loadu_si512(panels[q] + offset);
            if constexpr (kPrefetch)
                _mm_prefetch(reinterpret_cast<const char *>(next[q] + offset), _MM_HINT_T1);
        }
#pragma GCC unroll 8
        for (int r = 0; r < kRows512; ++r) {
            std::int32_t quad;
            std::memcpy(&quad, a.rows[r] + t, 4);
            const __m512i x = _mm512_set1_epi32(quad);
#pragma GCC unroll 3
            for (int q = 0; q < kPanels512; ++q)
                dpbusd512(acc[r][q], x, b[q]);
        }
    }
    if (store.rowNorms) {
        // squaredFromDot in vector form: |a|^2 + |b|^2 - 2 <a, b>, wrapping like it.
        __m512i colNorm[kPanels512];
#pragma GCC unroll 3
        for (int q = 0; q < kPanels512; ++q)
            colNorm[q] = _mm512_loadu_si512(store.colNorms + q * kPanel);
#pragma GCC unroll 8
        for (int r = 0; r < kRows512; ++r) {
            const __m512i fix = _mm512_set1_epi32(128 * a.sum[r]), rowNorm = _mm512_set1_epi32(store.rowNorms[r]);
#pragma GCC unroll 3
            for (int q = 0; q < kPanels512; ++q) {
                const __m512i dot = _mm512_add_epi32(acc[r][q], fix);
                _mm512_storeu_si512(
                    store.dst + r * store.ld + q * store.panelStride,
                    _mm512_sub_epi32(_mm512_add_epi32(rowNorm, colNorm[q]), _mm512_add_epi32(dot, dot)));
            }
        }
        return;
    }
#pragma GCC unroll 8
    for (int r = 0; r < kRows512; ++r) {
        const __m512i fix = _mm512_set1_epi32(128 * a.sum[r]);
#pragma GCC unroll 3
        for (int q = 0; q < kPanels512; ++q)
            _mm512_storeu_si512(store.dst + r * store.ld + q * store.panelStride, _mm512_add_epi32(acc[r][q], fix));
    }
}

__attribute__((target("avx2,avxvnni"))) void avxVnniBlock(const VnniRows<kRows> &a, const std::uint8_t *panel,
                                                          int paddedDim, std::int32_t *tile)
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

template <int R> VnniRows<R> vnniRows(const DotArgs &args, const VnniRowInfo &info, qsizetype i0)
{
    VnniRows<R> rows{};
    for (int r = 0; r < R; ++r) {
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
    alignas(64) std::int32_t tile[kPanels512 * kRows512 * kPanel];
    const Store512 toTile{tile, kPanel, kRows512 * kPanel, nullptr, nullptr};
    const qsizetype first = firstPanel(args), last = lastPanel(args);
    // Panel groups outside, rows inside: the group's panels (3 x 16 x dim bytes) stay in L1 while
    // the rows stream past; the first strip fetches the next group.
    for (qsizetype p = first; p <= last; p += kPanels512) {
        const std::uint8_t *panels[kPanels512], *next[kPanels512];
        for (int q = 0; q < kPanels512; ++q) {
            panels[q] = args.b.panel(std::min(p + q, last)); // repeats are computed and dropped
            next[q] = args.b.panel(std::min(p + kPanels512 + q, last));
        }
        const bool wholeGroup = p * kPanel >= args.j0 && (p + kPanels512) * kPanel <= args.j0 + args.cols;
        for (qsizetype i0 = 0; i0 < args.n; i0 += kRows512) {
            const auto rows = vnniRows<kRows512>(args, info, i0);
            const bool direct = wholeGroup && i0 + kRows512 <= args.n;
            Store512 store = toTile;
            if (direct) {
                store = {args.out + i0 * args.ldo + (p * kPanel - args.j0), args.ldo, kPanel, nullptr, nullptr};
                if (args.rowNorms) {
                    store.rowNorms = args.rowNorms + i0;
                    store.colNorms = args.colNorms + p * kPanel;
                }
            }
            if (i0 == 0)
                avx512Block<true>(rows, panels, next, args.b.paddedDim, store);
            else
                avx512Block<false>(rows, panels, next, args.b.paddedDim, store);
            if (!direct)
                for (int q = 0; q < kPanels512 && p + q <= last; ++q)
                    storePanel(args, i0, kRows512, p + q, tile + q * kRows512 * kPanel, kPanel);
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
            const auto rows = vnniRows<kRows>(args, info, i0);
            avxVnniBlock(rows, args.b.panel(p), args.b.paddedDim, tile);
            storePanel(args, i0, kRows, p, tile, kPanel);
        }
}

} // namespace tc::core::intpath
