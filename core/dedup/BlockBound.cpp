#include "core/dedup/BlockBound.h"

#include "core/dedup/Parallel.h"

#include <cmath>
#include <immintrin.h>

namespace tc::core {

namespace {

constexpr float kShrink = BlockBound::kShrink;
constexpr float kSlack = BlockBound::kSlack;

void survivorsScalar(const BlockBound &bound, const std::int32_t *d, qsizetype cols, const float *xRho,
                     const float *xTau, float yRho, float yTau, float limit, qsizetype j0, std::vector<qint32> &out)
{
    for (qsizetype j = 0; j < cols; ++j)
        if (bound.lowerBound(d[j], xRho[j], xTau[j], yRho, yTau) <= limit)
            out.push_back(qint32(j0 + j));
}

__attribute__((target("avx2,fma"))) void survivorsAvx2(const BlockBound &bound, const std::int32_t *d, qsizetype cols,
                                                       const float *xRho, const float *xTau, float yRho, float yTau,
                                                       float limit, qsizetype j0, std::vector<qint32> &out)
{
    const float block = float(bound.block());
    const __m256 four = _mm256_set1_ps(block), rho = _mm256_set1_ps(yRho), tau = _mm256_set1_ps(yTau);
    const __m256 lim = _mm256_set1_ps(limit), shrink = _mm256_set1_ps(kShrink), slack = _mm256_set1_ps(kSlack);
    const __m256 zero = _mm256_setzero_ps();
    qsizetype j = 0;
    for (; j + 8 <= cols; j += 8) {
        const __m256 dist = _mm256_cvtepi32_ps(_mm256_loadu_si256(reinterpret_cast<const __m256i *>(d + j)));
        __m256 s =
            _mm256_sub_ps(_mm256_mul_ps(four, _mm256_sqrt_ps(dist)), _mm256_add_ps(rho, _mm256_loadu_ps(xRho + j)));
        s = _mm256_max_ps(s, zero);
        const __m256 t = _mm256_sub_ps(_mm256_loadu_ps(xTau + j), tau);
        const __m256 lb =
            _mm256_sub_ps(_mm256_mul_ps(_mm256_add_ps(_mm256_mul_ps(s, s), _mm256_mul_ps(t, t)), shrink), slack);
        unsigned keep = unsigned(_mm256_movemask_ps(_mm256_cmp_ps(lb, lim, _CMP_LE_OQ)));
        while (keep) {
            out.push_back(qint32(j0 + j + __builtin_ctz(keep)));
            keep &= keep - 1;
        }
    }
    survivorsScalar(bound, d + j, cols - j, xRho + j, xTau + j, yRho, yTau, limit, j0 + j, out);
}

// gcc 12 warns that these intrinsics' undefined pass-through operand is uninitialised (it is unused).
// clang has no -Wmaybe-uninitialized (and -Werror refuses an unknown warning group): gcc only.
#pragma GCC diagnostic push
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#pragma GCC diagnostic ignored "-Wuninitialized"
__attribute__((target("avx512f"))) void survivorsAvx512(const BlockBound &bound, const std::int32_t *d, qsizetype cols,
                                                        const float *xRho, const float *xTau, float yRho, float yTau,
                                                        float limit, qsizetype j0, std::vector<qint32> &out)
{
    const float block = float(bound.block());
    const __m512 four = _mm512_set1_ps(block), rho = _mm512_set1_ps(yRho), tau = _mm512_set1_ps(yTau);
    const __m512 lim = _mm512_set1_ps(limit), shrink = _mm512_set1_ps(kShrink), slack = _mm512_set1_ps(kSlack);
    const __m512 zero = _mm512_setzero_ps();
    // A first test without the square root: the bound's first term alone, max(0, B sqrt(D) - R)^2,
    // exceeds lambda = (limit + slack) / shrink exactly when B^2 D > (sqrt(lambda) + R)^2. Shrunk
    // by 1e-5 more, float rounding can only keep more; the full test then runs on the lanes kept
    // (about one in a hundred on natural images).
    const __m512 b2 = _mm512_set1_ps(block * block * kShrink);
    const __m512 root = _mm512_set1_ps(std::sqrt((limit + kSlack) / kShrink) + yRho);
    qsizetype j = 0;
    for (; j + 16 <= cols; j += 16) {
        const __m512 dist = _mm512_cvtepi32_ps(_mm512_loadu_si512(d + j));
        const __m512 reach = _mm512_add_ps(root, _mm512_loadu_ps(xRho + j));
        const __mmask16 near = _mm512_cmp_ps_mask(_mm512_mul_ps(b2, dist), _mm512_mul_ps(reach, reach), _CMP_LE_OQ);
        if (!near)
            continue;
        __m512 s =
            _mm512_sub_ps(_mm512_mul_ps(four, _mm512_sqrt_ps(dist)), _mm512_add_ps(rho, _mm512_loadu_ps(xRho + j)));
        s = _mm512_max_ps(s, zero);
        const __m512 t = _mm512_sub_ps(_mm512_loadu_ps(xTau + j), tau);
        const __m512 lb =
            _mm512_sub_ps(_mm512_mul_ps(_mm512_add_ps(_mm512_mul_ps(s, s), _mm512_mul_ps(t, t)), shrink), slack);
        unsigned keep = _mm512_mask_cmp_ps_mask(near, lb, lim, _CMP_LE_OQ);
        while (keep) {
            out.push_back(qint32(j0 + j + __builtin_ctz(keep)));
            keep &= keep - 1;
        }
    }
    survivorsScalar(bound, d + j, cols - j, xRho + j, xTau + j, yRho, yTau, limit, j0 + j, out);
}

// One pair, 64 bytes a step: vpdpbusd takes a unsigned and b - 128 signed (b ^ 0x80), and
// 128 * sum(a) (vpsadbw) puts the offset back; exact in int32 (dim * 255^2 < 2^31).
__attribute__((target("avx512f,avx512bw,avx512vnni"))) std::int32_t dotAvx512Vnni(const std::uint8_t *a,
                                                                                  const std::uint8_t *b, int dim)
{
    const __m512i flip = _mm512_set1_epi8(char(0x80)), zero = _mm512_setzero_si512();
    __m512i acc0 = zero, acc1 = zero, sums = zero;
    int t = 0;
    for (; t + 128 <= dim; t += 128) {
        const __m512i a0 = _mm512_loadu_si512(a + t), a1 = _mm512_loadu_si512(a + t + 64);
        acc0 = _mm512_dpbusd_epi32(acc0, a0, _mm512_xor_si512(_mm512_loadu_si512(b + t), flip));
        acc1 = _mm512_dpbusd_epi32(acc1, a1, _mm512_xor_si512(_mm512_loadu_si512(b + t + 64), flip));
        sums = _mm512_add_epi64(sums, _mm512_add_epi64(_mm512_sad_epu8(a0, zero), _mm512_sad_epu8(a1, zero)));
    }
    for (; t < dim; t += 64) {
        const __m512i a0 = _mm512_loadu_si512(a + t);
        acc0 = _mm512_dpbusd_epi32(acc0, a0, _mm512_xor_si512(_mm512_loadu_si512(b + t), flip));
        sums = _mm512_add_epi64(sums, _mm512_sad_epu8(a0, zero));
    }
    return _mm512_reduce_add_epi32(_mm512_add_epi32(acc0, acc1)) + 128 * std::int32_t(_mm512_reduce_add_epi64(sums));
}

// The dots' row groups: the rows of the group after next are fetched while this one is measured
// (the rows are scattered over arrays far larger than the caches).
inline void prefetchRow(const std::uint8_t *base, int dim, qint32 row)
{
    const std::uint8_t *p = base + qsizetype(row) * dim;
    for (int line = 0; line < dim; line += 64)
        __builtin_prefetch(p + line);
}

// Four rows at a time: the query a is the signed operand (a ^ 0x80 = a - 128), the rows the
// unsigned one, so sum b (a - 128) + 128 sum b = <a, b> with the rows' sums given: no per-row
// correction in the loop. Rows of the group after next are prefetched (dim / 64 lines each).
__attribute__((target("avx512f,avx512bw,avx512vnni"))) void
dotsAvx512Vnni(const std::uint8_t *a, const std::uint8_t *base, int dim, const qint32 *rows, qsizetype count,
               const std::int32_t *rowSums, std::int32_t *out)
{
    const __m512i flip = _mm512_set1_epi8(char(0x80));
    for (qsizetype t = 0; t < std::min<qsizetype>(count, 4); ++t)
        prefetchRow(base, dim, rows[t]);
    qsizetype t = 0;
    for (; t + 4 <= count; t += 4) {
        for (qsizetype ahead = t + 4; ahead < std::min(count, t + 8); ++ahead)
            prefetchRow(base, dim, rows[ahead]);
        const std::uint8_t *b0 = base + qsizetype(rows[t]) * dim, *b1 = base + qsizetype(rows[t + 1]) * dim;
        const std::uint8_t *b2 = base + qsizetype(rows[t + 2]) * dim, *b3 = base + qsizetype(rows[t + 3]) * dim;
        __m512i acc0 = _mm512_setzero_si512(), acc1 = acc0, acc2 = acc0, acc3 = acc0;
        for (int c = 0; c < dim; c += 64) {
            const __m512i q = _mm512_xor_si512(_mm512_loadu_si512(a + c), flip);
            acc0 = _mm512_dpbusd_epi32(acc0, _mm512_loadu_si512(b0 + c), q);
            acc1 = _mm512_dpbusd_epi32(acc1, _mm512_loadu_si512(b1 + c), q);
            acc2 = _mm512_dpbusd_epi32(acc2, _mm512_loadu_si512(b2 + c), q);
            acc3 = _mm512_dpbusd_epi32(acc3, _mm512_loadu_si512(b3 + c), q);
        }
        out[t] = _mm512_reduce_add_epi32(acc0) + 128 * rowSums[rows[t]];
        out[t + 1] = _mm512_reduce_add_epi32(acc1) + 128 * rowSums[rows[t + 1]];
        out[t + 2] = _mm512_reduce_add_epi32(acc2) + 128 * rowSums[rows[t + 2]];
        out[t + 3] = _mm512_reduce_add_epi32(acc3) + 128 * rowSums[rows[t + 3]];
    }
    for (; t < count; ++t) {
        const std::uint8_t *b = base + qsizetype(rows[t]) * dim;
        __m512i acc = _mm512_setzero_si512();
        for (int c = 0; c < dim; c += 64)
            acc =
                _mm512_dpbusd_epi32(acc, _mm512_loadu_si512(b + c), _mm512_xor_si512(_mm512_loadu_si512(a + c), flip));
        out[t] = _mm512_reduce_add_epi32(acc) + 128 * rowSums[rows[t]];
    }
}

#pragma GCC diagnostic pop

// Zero-extended to 16 bits, vpmaddwd: exact (2 * 255^2 per lane pair).
__attribute__((target("avx2"))) std::int32_t dotAvx2(const std::uint8_t *a, const std::uint8_t *b, int dim)
{
    __m256i acc0 = _mm256_setzero_si256(), acc1 = _mm256_setzero_si256();
    for (int t = 0; t < dim; t += 32) {
        const __m256i a0 = _mm256_cvtepu8_epi16(_mm_loadu_si128(reinterpret_cast<const __m128i *>(a + t)));
        const __m256i a1 = _mm256_cvtepu8_epi16(_mm_loadu_si128(reinterpret_cast<const __m128i *>(a + t + 16)));
        const __m256i b0 = _mm256_cvtepu8_epi16(_mm_loadu_si128(reinterpret_cast<const __m128i *>(b + t)));
        const __m256i b1 = _mm256_cvtepu8_epi16(_mm_loadu_si128(reinterpret_cast<const __m128i *>(b + t + 16)));
        acc0 = _mm256_add_epi32(acc0, _mm256_madd_epi16(a0, b0));
        acc1 = _mm256_add_epi32(acc1, _mm256_madd_epi16(a1, b1));
    }
    alignas(32) std::int32_t lanes[8];
    _mm256_store_si256(reinterpret_cast<__m256i *>(lanes), _mm256_add_epi32(acc0, acc1));
    std::int32_t sum = 0;
    for (const std::int32_t v : lanes)
        sum += v;
    return sum;
}

} // namespace

BlockBound::BlockBound(int block) : m_block(block == 2 || block == 8 ? block : 4) {}

namespace {

// One image's 2x2 block sums, s2[ch][row / 2][col / 2], in either layout: pairs of rows (or of
// columns, in a Tiny record's column-major planes) added as whole lines first, which vectorises,
// then neighbours within each line. The 4x4 and 8x8 sums are sums of 2x2 ones, so one pass serves all.
void blockSums2(const std::uint8_t *image, bool tiny, std::uint16_t (&s2)[3][16][16])
{
    if (tiny) { // plane ch, column c, row r at ch * 1024 + c * 32 + r
        for (int ch = 0; ch < 3; ++ch)
            for (int c2 = 0; c2 < 16; ++c2) {
                const std::uint8_t *a = image + ch * 1024 + 2 * c2 * 32;
                std::uint16_t line[32];
                for (int r = 0; r < 32; ++r)
                    line[r] = std::uint16_t(a[r] + a[r + 32]);
                for (int r2 = 0; r2 < 16; ++r2)
                    s2[ch][r2][c2] = std::uint16_t(line[2 * r2] + line[2 * r2 + 1]);
            }
        return;
    }
    for (int r2 = 0; r2 < 16; ++r2) { // HWC: row r, column c, channel ch at r * 96 + c * 3 + ch
        const std::uint8_t *a = image + 2 * r2 * 96;
        std::uint16_t line[96];
        for (int t = 0; t < 96; ++t)
            line[t] = std::uint16_t(a[t] + a[t + 96]);
        for (int c2 = 0; c2 < 16; ++c2)
            for (int ch = 0; ch < 3; ++ch)
                s2[ch][r2][c2] = std::uint16_t(line[6 * c2 + ch] + line[6 * c2 + 3 + ch]);
    }
}

std::int32_t squaredNormOf(const std::uint8_t *image)
{
    std::int32_t sum = 0; // <= 3072 * 255^2 < 2^31
    for (int t = 0; t < 3072; ++t)
        sum += std::int32_t(image[t]) * image[t];
    return sum;
}

} // namespace

namespace {

// One image's features at block size B from its 2x2 block sums (B a compile-time constant: the
// block sums' loops unroll).
template <int B>
void levelFeatures(const std::uint16_t (&s2)[3][16][16], std::int32_t squares, qsizetype i, BlockBound::Features *out)
{
    constexpr int side = 32 / B, half = B / 2;
    std::uint8_t *q = out->means.data() + i * 3 * side * side;
    // sum s^2, sum r^2, sum x, |q|^2, sum q: all exact. Means in (ch, block row, block column)
    // order in both layouts (block rows of a Tiny record are its pixel rows).
    std::int64_t sums = 0, residual = 0, total = 0, meanNorm = 0, meanSum = 0;
    for (int ch = 0; ch < 3; ++ch)
        for (int br = 0; br < side; ++br)
            for (int bc = 0; bc < side; ++bc) {
                int s = 0; // the B x B sum: (B / 2)^2 of the 2x2 sums, <= 64 * 255
                for (int r2 = 0; r2 < half; ++r2)
                    for (int c2 = 0; c2 < half; ++c2)
                        s += s2[ch][br * half + r2][bc * half + c2];
                const int mean = (s + B * B / 2) / (B * B); // <= 255
                const int rest = s - B * B * mean;
                *q++ = std::uint8_t(mean);
                sums += std::int64_t(s) * s;
                residual += rest * rest;
                total += s;
                meanNorm += mean * mean;
                meanSum += mean;
            }
    // |Qx|^2 = |x|^2 - |Px|^2 = (B^2 |x|^2 - sum s^2) / B^2; rho = |r| / B.
    out->tau[size_t(i)] = float(std::sqrt(double(B * B * std::int64_t(squares) - sums)) / B);
    out->rho[size_t(i)] = float(std::sqrt(double(residual)) / B);
    out->meanNorm[size_t(i)] = std::int32_t(meanNorm);
    out->meanSum[size_t(i)] = std::int32_t(meanSum);
    out->meanTerm[size_t(i)] = std::int32_t(meanNorm - 256 * meanSum);
    out->imageNorm[size_t(i)] = squares;
    out->imageSum[size_t(i)] = std::int32_t(total);
}

} // namespace

void BlockBound::compute(const std::uint8_t *images, qsizetype n, qsizetype stride, Layout layout, Features *out,
                         int threads) const
{
    computeLevels({{this, out}}, images, n, stride, layout, threads);
}

void BlockBound::computeLevels(const std::vector<std::pair<const BlockBound *, Features *>> &levels,
                               const std::uint8_t *images, qsizetype n, qsizetype stride, Layout layout, int threads)
{
    for (const auto &[level, out] : levels) {
        out->means.resize(size_t(n) * level->dim());
        for (auto *v : {&out->rho, &out->tau})
            v->resize(size_t(n));
        for (auto *v : {&out->meanNorm, &out->meanSum, &out->meanTerm, &out->imageNorm, &out->imageSum})
            v->resize(size_t(n));
    }
    const bool tiny = layout == Layout::TinyRecord;
    parallelChunks(n, 256, workerCount(threads), [&](qsizetype begin, qsizetype end) {
        for (qsizetype i = begin; i < end; ++i) {
            const std::uint8_t *image = images + i * stride;
            std::uint16_t s2[3][16][16];
            blockSums2(image, tiny, s2);
            const std::int32_t squares = squaredNormOf(image);
            for (const auto &[level, out] : levels) {
                switch (level->block()) {
                case 2:
                    levelFeatures<2>(s2, squares, i, out);
                    break;
                case 8:
                    levelFeatures<8>(s2, squares, i, out);
                    break;
                default:
                    levelFeatures<4>(s2, squares, i, out);
                }
            }
        }
    });
}

void BlockBound::survivors(IntKernel path, const std::int32_t *meanDistances, qsizetype cols, const float *xRho,
                           const float *xTau, float yRho, float yTau, qint64 maxDistance, qsizetype j0,
                           std::vector<qint32> &out) const
{
    const float limit = limitOf(maxDistance);
    switch (path) {
    case IntKernel::Amx: // every AMX CPU so far has AVX-512; checked all the same
        if (!__builtin_cpu_supports("avx512f")) {
            survivorsAvx2(*this, meanDistances, cols, xRho, xTau, yRho, yTau, limit, j0, out);
            break;
        }
        [[fallthrough]];
    case IntKernel::Avx512Vnni:
        survivorsAvx512(*this, meanDistances, cols, xRho, xTau, yRho, yTau, limit, j0, out);
        break;
    case IntKernel::Avx2:
    case IntKernel::AvxVnni:
        survivorsAvx2(*this, meanDistances, cols, xRho, xTau, yRho, yTau, limit, j0, out);
        break;
    case IntKernel::Scalar:
        survivorsScalar(*this, meanDistances, cols, xRho, xTau, yRho, yTau, limit, j0, out);
        break;
    }
}

std::int32_t BlockBound::dot(IntKernel path, const std::uint8_t *a, const std::uint8_t *b, int dim)
{
    switch (path) {
    case IntKernel::Amx:
        if (!__builtin_cpu_supports("avx512vnni"))
            return dotAvx2(a, b, dim);
        [[fallthrough]];
    case IntKernel::Avx512Vnni:
        return dotAvx512Vnni(a, b, dim);
    case IntKernel::Avx2:
    case IntKernel::AvxVnni:
        return dotAvx2(a, b, dim);
    case IntKernel::Scalar:
        break;
    }
    std::int32_t sum = 0;
    for (int t = 0; t < dim; ++t)
        sum += std::int32_t(a[t]) * b[t];
    return sum;
}

namespace {

__attribute__((target("avx2"))) inline __m256i widen16(const std::uint8_t *p)
{
    return _mm256_cvtepu8_epi16(_mm_loadu_si128(reinterpret_cast<const __m128i *>(p)));
}

__attribute__((target("avx2"))) inline std::int32_t laneSum(__m256i v)
{
    __m128i x = _mm_add_epi32(_mm256_castsi256_si128(v), _mm256_extracti128_si256(v, 1));
    x = _mm_add_epi32(x, _mm_shuffle_epi32(x, 0x4e));
    x = _mm_add_epi32(x, _mm_shuffle_epi32(x, 0xb1));
    return _mm_cvtsi128_si32(x);
}

// The same four at a time on AVX2: bytes zero-extended to 16 bits, vpmaddwd (exact); the query's
// half-lines are extended once for the four rows.
__attribute__((target("avx2"))) void dotsAvx2(const std::uint8_t *a, const std::uint8_t *base, int dim,
                                              const qint32 *rows, qsizetype count, std::int32_t *out)
{
    for (qsizetype t = 0; t < std::min<qsizetype>(count, 4); ++t)
        prefetchRow(base, dim, rows[t]);
    qsizetype t = 0;
    for (; t + 4 <= count; t += 4) {
        for (qsizetype ahead = t + 4; ahead < std::min(count, t + 8); ++ahead)
            prefetchRow(base, dim, rows[ahead]);
        const std::uint8_t *b0 = base + qsizetype(rows[t]) * dim, *b1 = base + qsizetype(rows[t + 1]) * dim;
        const std::uint8_t *b2 = base + qsizetype(rows[t + 2]) * dim, *b3 = base + qsizetype(rows[t + 3]) * dim;
        __m256i acc0 = _mm256_setzero_si256(), acc1 = acc0, acc2 = acc0, acc3 = acc0;
        for (int c = 0; c < dim; c += 16) {
            const __m256i q = widen16(a + c);
            acc0 = _mm256_add_epi32(acc0, _mm256_madd_epi16(q, widen16(b0 + c)));
            acc1 = _mm256_add_epi32(acc1, _mm256_madd_epi16(q, widen16(b1 + c)));
            acc2 = _mm256_add_epi32(acc2, _mm256_madd_epi16(q, widen16(b2 + c)));
            acc3 = _mm256_add_epi32(acc3, _mm256_madd_epi16(q, widen16(b3 + c)));
        }
        out[t] = laneSum(acc0);
        out[t + 1] = laneSum(acc1);
        out[t + 2] = laneSum(acc2);
        out[t + 3] = laneSum(acc3);
    }
    for (; t < count; ++t)
        out[t] = dotAvx2(a, base + qsizetype(rows[t]) * dim, dim);
}

} // namespace

void BlockBound::dots(IntKernel path, const std::uint8_t *a, const std::uint8_t *base, int dim, const qint32 *rows,
                      qsizetype count, const std::int32_t *rowSums, std::int32_t *out)
{
    if ((path == IntKernel::Avx512Vnni || path == IntKernel::Amx) && __builtin_cpu_supports("avx512vnni")) {
        dotsAvx512Vnni(a, base, dim, rows, count, rowSums, out);
        return;
    }
    if (path != IntKernel::Scalar && __builtin_cpu_supports("avx2")) {
        dotsAvx2(a, base, dim, rows, count, out);
        return;
    }
    for (qsizetype t = 0; t < count; ++t) {
        if (t + 4 < count) { // rows four ahead, rarely in cache
            const std::uint8_t *ahead = base + qsizetype(rows[t + 4]) * dim;
            for (int line = 0; line < dim; line += 64)
                __builtin_prefetch(ahead + line);
        }
        out[t] = dot(path, a, base + qsizetype(rows[t]) * dim, dim);
    }
}

} // namespace tc::core
