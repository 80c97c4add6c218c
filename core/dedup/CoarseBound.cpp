#include "core/dedup/CoarseBound.h"

#include <cmath>
#include <cstring>
#include <immintrin.h>

namespace tc::core {

namespace {

constexpr int kWords = CoarseBound::kDim / 4;
constexpr int kGroupBytes = kWords * 4 * CoarseBound::kGroup;
// The square-root-free test's extra margin (see CoarseBound.h).
constexpr float kRelative = 1e-5f;

// One row's constants of the square-root-free test.
struct RowTest {
    float lambda;  // lambda (1 + 1e-5)
    float twoRoot; // 2 sqrt(lambda)
    explicit RowTest(qint64 maxDistance)
    {
        const float limit = BlockBound::limitOf(maxDistance);
        const float l = (limit + BlockBound::kSlack) / BlockBound::kShrink;
        lambda = l * (1 + kRelative);
        twoRoot = 2 * std::sqrt(l);
    }
};

// The reference path, any CPU: exact block-mean distances, BlockBound's bound of the pair.
void scanScalar(const BlockBound &bound, const BlockBound::Features &rows, qsizetype r0, qsizetype rowCount,
                const CoarseBound::Columns &columns, qsizetype c0, qsizetype cols, const qint64 *maxDistance,
                qint32 *lists, qsizetype stride, qsizetype *counts)
{
    const BlockBound::Features &c = columns.features;
    for (qsizetype r = 0; r < rowCount; ++r) {
        const std::uint8_t *y = rows.means.data() + (r0 + r) * CoarseBound::kDim;
        const float rho = rows.rho[size_t(r0 + r)], tau = rows.tau[size_t(r0 + r)];
        qint32 *list = lists + r * stride;
        qsizetype n = 0;
        for (qsizetype j = c0; j < c0 + cols; ++j) {
            const std::uint8_t *x = c.means.data() + j * CoarseBound::kDim;
            std::int32_t d = 0;
            for (int t = 0; t < CoarseBound::kDim; ++t)
                d += (int(x[t]) - int(y[t])) * (int(x[t]) - int(y[t]));
            if (!bound.excludes(d, c.rho[size_t(j)], c.tau[size_t(j)], rho, tau, maxDistance[r]))
                list[n++] = qint32(j);
        }
        counts[r] = n;
    }
}

// gcc 12 warns that these intrinsics' undefined pass-through operand is uninitialised (it is unused).
#pragma GCC diagnostic push
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#pragma GCC diagnostic ignored "-Wuninitialized"

// Lanes whose bound may be within the row's limit (the square-root-free test of CoarseBound.h).
__attribute__((target("avx512f"))) inline __mmask16 keepMask(__mmask16 valid, __m512 dist, __m512 b2, __m512 xRho,
                                                             __m512 xTau, float yRho, float yTau, const RowTest &row)
{
    const __m512 r = _mm512_add_ps(xRho, _mm512_set1_ps(yRho));
    const __m512 t = _mm512_sub_ps(xTau, _mm512_set1_ps(yTau));
    __m512 rhs = _mm512_fmadd_ps(r, _mm512_add_ps(r, _mm512_set1_ps(row.twoRoot)), _mm512_set1_ps(row.lambda));
    rhs = _mm512_fnmadd_ps(t, t, rhs);
    return _mm512_mask_cmp_ps_mask(valid, _mm512_mul_ps(b2, dist), rhs, _CMP_LE_OQ);
}

// Four rows at a time against 16 columns: 12 vpdpbusd per row (column bytes unsigned, the row's
// q - 128 signed, broadcast), four independent chains. |x - y|^2 = term_x + |y|^2 - 2 acc, exact in
// int32; the kept lanes' indices compressed in a register and stored whole.
__attribute__((target("avx512f,avx512bw,avx512vnni"))) void
scanAvx512Vnni(const BlockBound::Features &rows, qsizetype r0, qsizetype rowCount, const CoarseBound::Columns &columns,
               qsizetype c0, qsizetype cols, const qint64 *maxDistance, qint32 *lists, qsizetype stride,
               qsizetype *counts)
{
    constexpr float block = float(CoarseBound::kBlock);
    const __m512 b2 = _mm512_set1_ps(block * block * (1 - kRelative));
    const __m512i iota = _mm512_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
    const BlockBound::Features &c = columns.features;
    for (qsizetype r = 0; r < rowCount; r += 4) {
        const int live = int(std::min<qsizetype>(4, rowCount - r));
        std::uint32_t words[4][kWords];
        float rho[4], tau[4];
        std::int32_t norm[4];
        RowTest test[4] = {RowTest(0), RowTest(0), RowTest(0), RowTest(0)};
        qsizetype n[4] = {0, 0, 0, 0};
        for (int q = 0; q < 4; ++q) {
            const qsizetype row = r + std::min(q, live - 1); // past the end: the last row again, unused
            std::memcpy(words[q], rows.means.data() + (r0 + row) * CoarseBound::kDim, CoarseBound::kDim);
            for (std::uint32_t &w : words[q])
                w ^= 0x80808080u;
            test[q] = RowTest(maxDistance[row]);
            rho[q] = rows.rho[size_t(r0 + row)];
            tau[q] = rows.tau[size_t(r0 + row)];
            norm[q] = rows.meanNorm[size_t(r0 + row)];
        }
        for (qsizetype g = 0; g < cols; g += CoarseBound::kGroup) {
            const qsizetype j = c0 + g;
            const __mmask16 valid = cols - g >= 16 ? __mmask16(0xffff) : __mmask16((1u << (cols - g)) - 1);
            const std::uint8_t *p = columns.packed.data() + (j / CoarseBound::kGroup) * kGroupBytes;
            __m512i acc0 = _mm512_setzero_si512(), acc1 = acc0, acc2 = acc0, acc3 = acc0;
            for (int t = 0; t < kWords; ++t) {
                const __m512i v = _mm512_loadu_si512(p + 64 * t);
                acc0 = _mm512_dpbusd_epi32(acc0, v, _mm512_set1_epi32(int(words[0][t])));
                acc1 = _mm512_dpbusd_epi32(acc1, v, _mm512_set1_epi32(int(words[1][t])));
                acc2 = _mm512_dpbusd_epi32(acc2, v, _mm512_set1_epi32(int(words[2][t])));
                acc3 = _mm512_dpbusd_epi32(acc3, v, _mm512_set1_epi32(int(words[3][t])));
            }
            const __m512i term = _mm512_maskz_loadu_epi32(valid, c.meanTerm.data() + j);
            const __m512 xRho = _mm512_maskz_loadu_ps(valid, c.rho.data() + j);
            const __m512 xTau = _mm512_maskz_loadu_ps(valid, c.tau.data() + j);
            const __m512i index = _mm512_add_epi32(iota, _mm512_set1_epi32(int(j)));
            const __m512i acc[4] = {acc0, acc1, acc2, acc3};
            for (int q = 0; q < live; ++q) {
                const __m512i d =
                    _mm512_sub_epi32(_mm512_add_epi32(term, _mm512_set1_epi32(norm[q])), _mm512_slli_epi32(acc[q], 1));
                const __mmask16 keep = keepMask(valid, _mm512_cvtepi32_ps(d), b2, xRho, xTau, rho[q], tau[q], test[q]);
                qint32 *list = lists + (r + q) * stride;
                _mm512_storeu_si512(list + n[q], _mm512_maskz_compress_epi32(keep, index));
                n[q] += __builtin_popcount(keep);
            }
        }
        for (int q = 0; q < live; ++q)
            counts[r + q] = n[q];
    }
}

// The sums of 16 vectors' lanes, as one vector (lane k: the sum of v[k]'s): a transposing tree.
__attribute__((target("avx512f"))) inline __m512i sums16(const __m512i (&v)[16])
{
    __m512i s[8], u[4];
    for (int i = 0; i < 8; ++i) // per 128-bit lane: [a0+a2, b0+b2, a1+a3, b1+b3]
        s[i] = _mm512_add_epi32(_mm512_unpacklo_epi32(v[2 * i], v[2 * i + 1]),
                                _mm512_unpackhi_epi32(v[2 * i], v[2 * i + 1]));
    for (int i = 0; i < 4; ++i) // per 128-bit lane: the partial sums of v[4i .. 4i + 3]
        u[i] = _mm512_add_epi32(_mm512_unpacklo_epi64(s[2 * i], s[2 * i + 1]),
                                _mm512_unpackhi_epi64(s[2 * i], s[2 * i + 1]));
    const __m512i w01 =
        _mm512_add_epi32(_mm512_shuffle_i32x4(u[0], u[1], 0x88), _mm512_shuffle_i32x4(u[0], u[1], 0xdd));
    const __m512i w23 =
        _mm512_add_epi32(_mm512_shuffle_i32x4(u[2], u[3], 0x88), _mm512_shuffle_i32x4(u[2], u[3], 0xdd));
    return _mm512_add_epi32(_mm512_shuffle_i32x4(w01, w23, 0x88), _mm512_shuffle_i32x4(w01, w23, 0xdd));
}

// 16 candidates at a time: each one's kLines x 64 bytes on kLines vpdpbusd (its bytes unsigned,
// y's q - 128 signed), the 16 sums by one transposing tree, their features gathered. Without
// kBounds, the square-root-free test picks the kept ones; with it, BlockBound::lowerBound's value
// (the same operations, in the same order) is computed and kept with them. The kept ones' indices
// (and bounds) are compressed in a register and stored whole. Returns how many were kept.
template <int kLines, bool kBounds>
__attribute__((target("avx512f,avx512bw,avx512vnni"))) qsizetype
fusedAvx512Vnni(int block, const std::uint8_t *yMeans, std::int32_t yNorm, float yRho, float yTau,
                const BlockBound::Features &x, const qint32 *candidates, qsizetype count, qint64 maxDistance,
                qint32 *keptIndex, float *keptBound)
{
    constexpr int dim = 64 * kLines;
    const __m512i flip = _mm512_set1_epi8(char(0x80));
    __m512i y[kLines];
    for (int l = 0; l < kLines; ++l)
        y[l] = _mm512_xor_si512(_mm512_loadu_si512(yMeans + 64 * l), flip);
    const __m512 b2 = _mm512_set1_ps(float(block * block) * (1 - kRelative));
    const __m512 blockSide = _mm512_set1_ps(float(block)), zero = _mm512_setzero_ps();
    const __m512 limit = _mm512_set1_ps(BlockBound::limitOf(maxDistance));
    const RowTest test(maxDistance);
    qsizetype kept = 0;
    // The next group's rows are fetched while this one is summed: they are scattered through an
    // array larger than the caches (a chunk's 2x2 means: 6 MB), so latency sets the pace.
    const auto prefetchGroup = [&](qsizetype from) {
        for (qsizetype k = from; k < std::min(count, from + 16); ++k)
            for (int l = 0; l < kLines; ++l)
                __builtin_prefetch(x.means.data() + qsizetype(candidates[k]) * dim + 64 * l);
    };
    prefetchGroup(0);
    for (qsizetype s = 0; s < count; s += 16) {
        const int lanes = int(std::min<qsizetype>(16, count - s));
        const __mmask16 valid = __mmask16((1u << lanes) - 1);
        prefetchGroup(s + 16);
        // Lanes past the count stay zero (a short group: a row's 2x2 candidates are often fewer
        // than 16); the mask drops them.
        __m512i acc[16];
        for (int k = 0; k < 16; ++k) {
            if (k >= lanes) {
                acc[k] = _mm512_setzero_si512();
                continue;
            }
            const std::uint8_t *p = x.means.data() + qsizetype(candidates[s + k]) * dim;
            __m512i a = _mm512_dpbusd_epi32(_mm512_setzero_si512(), _mm512_loadu_si512(p), y[0]);
            for (int l = 1; l < kLines; ++l)
                a = _mm512_dpbusd_epi32(a, _mm512_loadu_si512(p + 64 * l), y[l]);
            acc[k] = a;
        }
        const __m512i index = _mm512_maskz_loadu_epi32(valid, candidates + s);
        const __m512i term = _mm512_mask_i32gather_epi32(_mm512_setzero_si512(), valid, index, x.meanTerm.data(), 4);
        const __m512 xRho = _mm512_mask_i32gather_ps(_mm512_setzero_ps(), valid, index, x.rho.data(), 4);
        const __m512 xTau = _mm512_mask_i32gather_ps(_mm512_setzero_ps(), valid, index, x.tau.data(), 4);
        // <x, y> = acc + 128 sum(x), so D = |x|^2 + |y|^2 - 2 <x, y> = meanTerm + |y|^2 - 2 acc.
        const __m512i d =
            _mm512_sub_epi32(_mm512_add_epi32(term, _mm512_set1_epi32(yNorm)), _mm512_slli_epi32(sums16(acc), 1));
        const __m512 dist = _mm512_cvtepi32_ps(d);
        __mmask16 keep;
        if constexpr (kBounds) {
            __m512 sd = _mm512_sub_ps(_mm512_mul_ps(blockSide, _mm512_sqrt_ps(dist)),
                                      _mm512_add_ps(_mm512_set1_ps(yRho), xRho));
            sd = _mm512_max_ps(zero, sd);
            const __m512 t = _mm512_sub_ps(xTau, _mm512_set1_ps(yTau));
            const __m512 lb = _mm512_sub_ps(_mm512_mul_ps(_mm512_add_ps(_mm512_mul_ps(sd, sd), _mm512_mul_ps(t, t)),
                                                          _mm512_set1_ps(BlockBound::kShrink)),
                                            _mm512_set1_ps(BlockBound::kSlack));
            keep = _mm512_mask_cmp_ps_mask(valid, lb, limit, _CMP_LE_OQ);
            _mm512_storeu_ps(keptBound + kept, _mm512_maskz_compress_ps(keep, lb));
        } else {
            keep = keepMask(valid, dist, b2, xRho, xTau, yRho, yTau, test);
        }
        _mm512_storeu_si512(keptIndex + kept, _mm512_maskz_compress_epi32(keep, index));
        kept += __builtin_popcount(keep);
    }
    return kept;
}

#pragma GCC diagnostic pop

} // namespace

bool CoarseBound::fastOn(IntKernel path)
{
    return (path == IntKernel::Avx512Vnni || path == IntKernel::Amx) && __builtin_cpu_supports("avx512vnni") &&
           __builtin_cpu_supports("avx512bw");
}

void CoarseBound::pack(Columns *out)
{
    const qsizetype n = out->count();
    const qsizetype groups = (n + kGroup - 1) / kGroup;
    out->packed.assign(size_t(groups * kGroupBytes), 0);
    const BlockBound::Features &f = out->features;
    for (qsizetype i = 0; i < n; ++i) {
        std::uint8_t *group = out->packed.data() + (i / kGroup) * kGroupBytes + (i % kGroup) * 4;
        for (int t = 0; t < kWords; ++t)
            std::memcpy(group + 64 * t, f.means.data() + i * kDim + 4 * t, 4);
    }
}

void CoarseBound::scan(IntKernel path, const BlockBound::Features &rows, qsizetype r0, qsizetype rowCount,
                       const Columns &columns, qsizetype c0, qsizetype cols, const qint64 *maxDistance, qint32 *lists,
                       qsizetype stride, qsizetype *counts) const
{
    if (rowCount <= 0)
        return;
    Q_ASSERT(c0 % kGroup == 0 && stride >= cols + kListSlack);
    if (fastOn(path))
        scanAvx512Vnni(rows, r0, rowCount, columns, c0, cols, maxDistance, lists, stride, counts);
    else
        scanScalar(m_bound, rows, r0, rowCount, columns, c0, cols, maxDistance, lists, stride, counts);
}

void CoarseBound::narrow(IntKernel path, const BlockBound &quarter, const std::uint8_t *yMeans, std::int32_t yNorm,
                         float yRho, float yTau, const BlockBound::Features &x, const qint32 *candidates,
                         qsizetype count, qint64 maxDistance, std::vector<qint32> &out)
{
    const int dim = quarter.dim();
    if (count <= 0)
        return;
    if (fastOn(path) && dim == 192) {
        const size_t size = out.size();
        out.resize(size + size_t(count) + kListSlack);
        out.resize(size + size_t(fusedAvx512Vnni<3, false>(quarter.block(), yMeans, yNorm, yRho, yTau, x, candidates,
                                                           count, maxDistance, out.data() + size, nullptr)));
        return;
    }
    for (qsizetype s = 0; s < count; ++s) {
        const qint32 j = candidates[s];
        const std::int32_t d =
            yNorm + x.meanNorm[size_t(j)] - 2 * BlockBound::dot(path, yMeans, x.means.data() + j * dim, dim);
        if (!quarter.excludes(d, x.rho[size_t(j)], x.tau[size_t(j)], yRho, yTau, maxDistance))
            out.push_back(j);
    }
}

qsizetype CoarseBound::boundsOf(IntKernel path, const BlockBound &level, const std::uint8_t *yMeans, std::int32_t yNorm,
                                float yRho, float yTau, const BlockBound::Features &x, const qint32 *candidates,
                                qsizetype count, qint64 maxDistance, qint32 *keptIndex, float *keptBound)
{
    const int dim = level.dim();
    if (count <= 0)
        return 0;
    if (fastOn(path) && dim == 768)
        return fusedAvx512Vnni<12, true>(level.block(), yMeans, yNorm, yRho, yTau, x, candidates, count, maxDistance,
                                         keptIndex, keptBound);
    if (fastOn(path) && dim == 192)
        return fusedAvx512Vnni<3, true>(level.block(), yMeans, yNorm, yRho, yTau, x, candidates, count, maxDistance,
                                        keptIndex, keptBound);
    thread_local std::vector<std::int32_t> dots;
    dots.resize(size_t(count));
    BlockBound::dots(path, yMeans, x.means.data(), dim, candidates, count, x.meanSum.data(), dots.data());
    qsizetype kept = 0;
    for (qsizetype s = 0; s < count; ++s) {
        const qint32 j = candidates[s];
        const std::int32_t d = yNorm + x.meanNorm[size_t(j)] - 2 * dots[size_t(s)];
        const float bound = level.lowerBound(d, x.rho[size_t(j)], x.tau[size_t(j)], yRho, yTau);
        if (!BlockBound::exceeds(bound, maxDistance)) {
            keptIndex[kept] = j;
            keptBound[kept++] = bound;
        }
    }
    return kept;
}

} // namespace tc::core
