#include "core/dedup/ShiftL2Bound.h"

#include "core/common/ImageSet.h"
#include "core/dedup/Parallel.h"

#include <algorithm>
#include <cmath>
#include <immintrin.h>
#include <limits>

namespace tc::core {

namespace {

constexpr int kOrigin = 2, kBlock = 4;
constexpr int kBoxes = kImageSide - kBlock + 1, kBoxRow = kBoxes * kImageChannels; // 29 positions, 87 per row

// Every 4 x 4 box sum of an image, per channel: box[(r * 29 + c) * 3 + ch] = sum of rows [r, r + 4)
// and columns [c, c + 4). Each block of the grid under each shift is one of them, in both mirror
// states (a mirrored image's box at column c is the image's at 28 - c): one map serves all 50.
// Sums are at most 16 * 255: int16, rows then columns, each a plain loop the compiler vectorises.
void boxSums(const std::uint8_t *image, std::int16_t *box)
{
    std::int16_t across[kImageSide][kBoxRow]; // per row, the sums of 4 consecutive pixels of a channel
    for (int r = 0; r < kImageSide; ++r) {
        const std::uint8_t *p = image + r * kRowBytes;
        for (int x = 0; x < kBoxRow; ++x)
            across[r][x] = std::int16_t(p[x] + p[x + 3] + p[x + 6] + p[x + 9]);
    }
    for (int r = 0; r < kBoxes; ++r)
        for (int x = 0; x < kBoxRow; ++x)
            box[r * kBoxRow + x] = std::int16_t(across[r][x] + across[r + 1][x] + across[r + 2][x] + across[r + 3][x]);
}

// The 7 x 7 grid's block sums of an image moved by (u, v), perhaps mirrored: block (i, j) covers
// rows [2 + 4i + v, 6 + 4i + v) and columns [2 + 4j + u, 6 + 4j + u) of the (mirrored) image.
void gridSums(const std::int16_t *box, int u, int v, bool mirrored, std::int16_t *out)
{
    for (int i = 0; i < ShiftL2Bound::kCells; ++i)
        for (int j = 0; j < ShiftL2Bound::kCells; ++j) {
            const int c0 = kOrigin + kBlock * j + u, column = mirrored ? kBoxes - 1 - c0 : c0;
            const std::int16_t *from = box + (kOrigin + kBlock * i + v) * kBoxRow + column * kImageChannels;
            std::int16_t *to = out + (i * ShiftL2Bound::kCells + j) * kImageChannels;
            to[0] = from[0];
            to[1] = from[1];
            to[2] = from[2];
        }
}

// sum over blocks of min(2047, distance of the reference's sum to [lo, hi])^2: a lower bound of
// |Sc_t - Sr|^2 for every t (the clip only lowers it, and keeps the sum in an int32). clipped():
// the same of min(2047, |c - ref|), a lower bound of |c - ref|^2. Every path computes the same
// integers over all kLanes (the padding lanes are zero on both sides: they add nothing). No early
// exit: on five registers a horizontal sum and a branch midway cost more than they saved (measured).
constexpr int kLanes = ShiftL2Bound::kLanes, kClip = 2047;
static_assert(kLanes % 32 == 0 && kLanes >= ShiftL2Bound::kDim);
static_assert(ShiftL2Bound::kRows * ShiftL2Bound::kRows == ShiftL2Bound::kShifts);

std::int32_t envelopeScalar(const std::int16_t *lo, const std::int16_t *hi, const std::int16_t *ref)
{
    std::int32_t sum = 0;
    for (int d = 0; d < kLanes; ++d) {
        const std::int32_t r = ref[d], gap = std::min(kClip, std::max({lo[d] - r, r - hi[d], 0}));
        sum += gap * gap;
    }
    return sum;
}

std::int32_t clippedScalar(const std::int16_t *c, const std::int16_t *ref)
{
    std::int32_t sum = 0;
    for (int d = 0; d < kLanes; ++d) {
        const std::int32_t gap = std::min(kClip, std::abs(c[d] - std::int32_t(ref[d])));
        sum += gap * gap;
    }
    return sum;
}

// The first test's verdicts on a tile of byte-mean dot products (rows x cols at stride ld), per
// column a bit per row whose distance is within its radius: |a_r|^2 + |b_c|^2 - 2 <a_r, b_c> <=
// radius2_r, i.e. norms[c] - 2 tile[r * ld + c] <= most[r] = radius2_r - |a_r|^2 (all exact in
// int32). The vector paths read the tile and norms on to whole registers past cols (ld is a
// multiple of 16; the norms' store is padded).
void scanScalar(const std::int32_t *tile, qsizetype ld, qsizetype rows, qsizetype cols, const std::int32_t *norms,
                const std::int32_t *most, std::uint64_t *passed)
{
    std::fill_n(passed, cols, std::uint64_t(0));
    for (qsizetype r = 0; r < rows; ++r) {
        const std::int32_t *row = tile + r * ld;
        const auto bit = std::uint64_t(1) << r;
        for (qsizetype c = 0; c < cols; ++c)
            passed[c] |= norms[c] - 2 * row[c] <= most[r] ? bit : std::uint64_t(0);
    }
}

// The same tests fused over what shares a reference (its sums loaded once): envelopes() the whole
// envelope of each pending tile row (bit r: the row's lo and hi at r * stride), the rows that pass;
// rows() the envelope of each of one side's row shifts, the row shifts that pass their limits.
std::uint64_t envelopesScalar(const std::int16_t *lo, const std::int16_t *hi, size_t stride, std::uint64_t pending,
                              const std::int16_t *ref, std::int32_t most)
{
    std::uint64_t kept = 0;
    for (; pending != 0; pending &= pending - 1) {
        const int r = __builtin_ctzll(pending);
        kept |= std::uint64_t(envelopeScalar(lo + r * stride, hi + r * stride, ref) <= most) << r;
    }
    return kept;
}

unsigned rowsScalar(const std::int16_t *rowLo, const std::int16_t *rowHi, const std::int16_t *ref,
                    const std::int32_t *most)
{
    unsigned kept = 0;
    for (int g = 0; g < ShiftL2Bound::kRows; ++g)
        kept |= unsigned(envelopeScalar(rowLo + g * kLanes, rowHi + g * kLanes, ref) <= most[g]) << g;
    return kept;
}

// The vector paths: 16-bit lanes (sums are at most 4,080, differences fit), squares summed in pairs
// by vpmaddwd into 32-bit lanes (at most 2 * 2047^2 each, 5 times over: no overflow).
__attribute__((target("avx2"))) std::int32_t sumLanes(__m256i v)
{
    __m128i s = _mm_add_epi32(_mm256_castsi256_si128(v), _mm256_extracti128_si256(v, 1));
    s = _mm_add_epi32(s, _mm_shuffle_epi32(s, 0x4e));
    s = _mm_add_epi32(s, _mm_shuffle_epi32(s, 0xb1));
    return _mm_cvtsi128_si32(s);
}

__attribute__((target("avx2"))) inline __m256i at(const std::int16_t *p)
{
    return _mm256_loadu_si256(reinterpret_cast<const __m256i *>(p));
}

__attribute__((target("avx2"))) inline __m256i at32(const std::int32_t *p)
{
    return _mm256_loadu_si256(reinterpret_cast<const __m256i *>(p));
}

__attribute__((target("avx2"))) void scanAvx2(const std::int32_t *tile, qsizetype ld, qsizetype rows, qsizetype cols,
                                              const std::int32_t *norms, const std::int32_t *most,
                                              std::uint64_t *passed)
{
    for (qsizetype c = 0; c < cols; c += 8) {
        __m256i lo = _mm256_setzero_si256(), hi = lo; // columns c to c + 3, c + 4 to c + 7
        const __m256i bn = at32(norms + c);
        for (qsizetype r = 0; r < rows; ++r) {
            const __m256i d2 = _mm256_sub_epi32(bn, _mm256_slli_epi32(at32(tile + r * ld + c), 1));
            const __m256i over = _mm256_cmpgt_epi32(d2, _mm256_set1_epi32(most[r]));
            const __m256i bit = _mm256_set1_epi64x(std::int64_t(std::uint64_t(1) << r));
            lo = _mm256_or_si256(lo, _mm256_andnot_si256(_mm256_cvtepi32_epi64(_mm256_castsi256_si128(over)), bit));
            hi =
                _mm256_or_si256(hi, _mm256_andnot_si256(_mm256_cvtepi32_epi64(_mm256_extracti128_si256(over, 1)), bit));
        }
        alignas(32) std::uint64_t bits[8];
        _mm256_store_si256(reinterpret_cast<__m256i *>(bits), lo);
        _mm256_store_si256(reinterpret_cast<__m256i *>(bits + 4), hi);
        std::copy_n(bits, std::min<qsizetype>(8, cols - c), passed + c);
    }
}

__attribute__((target("avx2"))) std::int32_t envelopeAvx2(const std::int16_t *lo, const std::int16_t *hi,
                                                          const std::int16_t *ref)
{
    const __m256i clip = _mm256_set1_epi16(kClip), zero = _mm256_setzero_si256();
    __m256i acc = zero;
#pragma GCC unroll 10
    for (int d = 0; d < kLanes; d += 16) {
        const __m256i r = at(ref + d);
        const __m256i gap = _mm256_min_epi16(
            _mm256_max_epi16(_mm256_max_epi16(_mm256_sub_epi16(at(lo + d), r), _mm256_sub_epi16(r, at(hi + d))), zero),
            clip);
        acc = _mm256_add_epi32(acc, _mm256_madd_epi16(gap, gap));
    }
    return sumLanes(acc);
}

__attribute__((target("avx2"))) std::uint64_t envelopesAvx2(const std::int16_t *lo, const std::int16_t *hi,
                                                            size_t stride, std::uint64_t pending,
                                                            const std::int16_t *ref, std::int32_t most)
{
    std::uint64_t kept = 0;
    for (; pending != 0; pending &= pending - 1) {
        const int r = __builtin_ctzll(pending);
        kept |= std::uint64_t(envelopeAvx2(lo + r * stride, hi + r * stride, ref) <= most) << r;
    }
    return kept;
}

__attribute__((target("avx2"))) unsigned rowsAvx2(const std::int16_t *rowLo, const std::int16_t *rowHi,
                                                  const std::int16_t *ref, const std::int32_t *most)
{
    unsigned kept = 0;
    for (int g = 0; g < ShiftL2Bound::kRows; ++g)
        kept |= unsigned(envelopeAvx2(rowLo + g * kLanes, rowHi + g * kLanes, ref) <= most[g]) << g;
    return kept;
}

__attribute__((target("avx2"))) std::int32_t clippedAvx2(const std::int16_t *c, const std::int16_t *ref)
{
    const __m256i clip = _mm256_set1_epi16(kClip);
    __m256i acc = _mm256_setzero_si256();
#pragma GCC unroll 10
    for (int d = 0; d < kLanes; d += 16) {
        const __m256i gap = _mm256_min_epi16(_mm256_abs_epi16(_mm256_sub_epi16(at(c + d), at(ref + d))), clip);
        acc = _mm256_add_epi32(acc, _mm256_madd_epi16(gap, gap));
    }
    return sumLanes(acc);
}

// gcc 12 warns that _mm512_reduce_add_epi32's undefined pass-through operand is uninitialised (it
// is unused). clang has no -Wmaybe-uninitialized (and -Werror refuses an unknown group): gcc only.
#pragma GCC diagnostic push
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#pragma GCC diagnostic ignored "-Wuninitialized"
__attribute__((target("avx512f,avx512bw"))) void scanAvx512(const std::int32_t *tile, qsizetype ld, qsizetype rows,
                                                            qsizetype cols, const std::int32_t *norms,
                                                            const std::int32_t *most, std::uint64_t *passed)
{
    for (qsizetype c = 0; c < cols; c += 16) {
        __m512i lo = _mm512_setzero_si512(), hi = lo; // columns c to c + 7, c + 8 to c + 15
        const __m512i bn = _mm512_loadu_si512(norms + c);
        for (qsizetype r = 0; r < rows; ++r) {
            const __m512i d2 = _mm512_sub_epi32(bn, _mm512_slli_epi32(_mm512_loadu_si512(tile + r * ld + c), 1));
            const __mmask16 within = _mm512_cmple_epi32_mask(d2, _mm512_set1_epi32(most[r]));
            const __m512i bit = _mm512_set1_epi64(std::int64_t(std::uint64_t(1) << r));
            lo = _mm512_mask_or_epi64(lo, __mmask8(within), lo, bit);
            hi = _mm512_mask_or_epi64(hi, __mmask8(within >> 8), hi, bit);
        }
        const qsizetype left = cols - c;
        _mm512_mask_storeu_epi64(passed + c, left >= 8 ? 0xff : __mmask8((1u << left) - 1), lo);
        if (left > 8)
            _mm512_mask_storeu_epi64(passed + c + 8, left >= 16 ? 0xff : __mmask8((1u << (left - 8)) - 1), hi);
    }
}

__attribute__((target("avx512f,avx512bw"))) std::int32_t clippedAvx512(const std::int16_t *c, const std::int16_t *ref)
{
    const __m512i clip = _mm512_set1_epi16(kClip);
    __m512i acc = _mm512_setzero_si512();
#pragma GCC unroll 5
    for (int d = 0; d < kLanes; d += 32) {
        const __m512i gap = _mm512_min_epi16(
            _mm512_abs_epi16(_mm512_sub_epi16(_mm512_loadu_si512(c + d), _mm512_loadu_si512(ref + d))), clip);
        acc = _mm512_add_epi32(acc, _mm512_madd_epi16(gap, gap));
    }
    return _mm512_reduce_add_epi32(acc);
}
// The AVX-512 pair: the reference's five registers loaded once, the rows' sums reduced together.
__attribute__((target("avx512f,avx512bw"))) inline __m512i gapSquares(const std::int16_t *lo, const std::int16_t *hi,
                                                                      const __m512i *ref)
{
    const __m512i clip = _mm512_set1_epi16(kClip), zero = _mm512_setzero_si512();
    __m512i acc = zero;
#pragma GCC unroll 5
    for (int k = 0; k < kLanes / 32; ++k) {
        const __m512i gap = _mm512_min_epi16(
            _mm512_max_epi16(_mm512_max_epi16(_mm512_sub_epi16(_mm512_loadu_si512(lo + 32 * k), ref[k]),
                                              _mm512_sub_epi16(ref[k], _mm512_loadu_si512(hi + 32 * k))),
                             zero),
            clip);
        acc = _mm512_add_epi32(acc, _mm512_madd_epi16(gap, gap));
    }
    return acc;
}

__attribute__((target("avx512f,avx512bw"))) std::uint64_t envelopesAvx512(const std::int16_t *lo,
                                                                          const std::int16_t *hi, size_t stride,
                                                                          std::uint64_t pending,
                                                                          const std::int16_t *ref, std::int32_t most)
{
    __m512i at[kLanes / 32];
    for (int k = 0; k < kLanes / 32; ++k)
        at[k] = _mm512_loadu_si512(ref + 32 * k);
    std::uint64_t kept = 0;
    for (; pending != 0; pending &= pending - 1) {
        const int r = __builtin_ctzll(pending);
        kept |= std::uint64_t(_mm512_reduce_add_epi32(gapSquares(lo + r * stride, hi + r * stride, at)) <= most) << r;
    }
    return kept;
}

__attribute__((target("avx512f,avx512bw"))) unsigned rowsAvx512(const std::int16_t *rowLo, const std::int16_t *rowHi,
                                                                const std::int16_t *ref, const std::int32_t *most)
{
    __m512i at[kLanes / 32];
    for (int k = 0; k < kLanes / 32; ++k)
        at[k] = _mm512_loadu_si512(ref + 32 * k);
    unsigned kept = 0;
    for (int g = 0; g < ShiftL2Bound::kRows; ++g)
        kept |= unsigned(_mm512_reduce_add_epi32(gapSquares(rowLo + g * kLanes, rowHi + g * kLanes, at)) <= most[g])
                << g;
    return kept;
}

#pragma GCC diagnostic pop

struct PathKernels {
    std::int32_t (*clipped)(const std::int16_t *, const std::int16_t *);
    void (*scan)(const std::int32_t *, qsizetype, qsizetype, qsizetype, const std::int32_t *, const std::int32_t *,
                 std::uint64_t *);
    std::uint64_t (*envelopes)(const std::int16_t *, const std::int16_t *, size_t, std::uint64_t, const std::int16_t *,
                               std::int32_t);
    unsigned (*rows)(const std::int16_t *, const std::int16_t *, const std::int16_t *, const std::int32_t *);
};

constexpr PathKernels kPaths[] = {{clippedScalar, scanScalar, envelopesScalar, rowsScalar},
                                  {clippedAvx2, scanAvx2, envelopesAvx2, rowsAvx2},
                                  {clippedAvx512, scanAvx512, envelopesAvx512, rowsAvx512}};

// IntKernel's choice, in this class's three paths (AVX-512 VNNI implies BW; an AMX CPU takes the
// AVX-512 path only where the AVX-512 VNNI path also runs).
ShiftL2Bound::Path pathOf(IntKernel kernel)
{
    switch (kernel) {
    case IntKernel::Scalar:
        return ShiftL2Bound::Path::Scalar;
    case IntKernel::Avx2:
    case IntKernel::AvxVnni:
        return ShiftL2Bound::Path::Avx2;
    case IntKernel::Avx512Vnni:
        return ShiftL2Bound::Path::Avx512;
    case IntKernel::Amx:
        break;
    }
    if (intKernelSupported(IntKernel::Avx512Vnni))
        return ShiftL2Bound::Path::Avx512;
    return intKernelSupported(IntKernel::Avx2) ? ShiftL2Bound::Path::Avx2 : ShiftL2Bound::Path::Scalar;
}

// The largest integer d2 with d2 * 64 <= bound (so d2 > it exactly when d2 * 64 > bound), clamped
// to an int32: the clipped sums above never exceed 147 * 2047^2 < 2^31, so the clamp decides alike.
std::int32_t mostD2(double bound)
{
    return std::int32_t(std::min(std::floor(bound / 64), double(std::numeric_limits<std::int32_t>::max())));
}

std::uint8_t roundedMean(std::int32_t sum)
{
    return std::uint8_t((sum + kBlock * kBlock / 2) / (kBlock * kBlock));
}

} // namespace

ShiftL2Bound::ShiftL2Bound(const std::uint8_t *references, qsizetype referenceCount, double maxL2, IntKernel kernel,
                           int threads)
    : m_refs(references), m_refCount(referenceCount), m_maxL2(std::isfinite(maxL2) ? maxL2 : 0),
      m_threads(workerCount(threads)), m_ints(intKernelSupported(kernel) ? kernel : IntKernel::Scalar),
      m_path(pathOf(m_ints.kernel()))
{
    // SSD >= d2 / 16 and L2^2 = SSD * 1024 / area: d2 * 64 <= maxL2^2 * area is necessary; d2 and
    // area are exact, the margin covers the scorer's own rounding at the threshold. The envelope
    // takes the largest area (1024), which holds under every shift at once.
    const double limit = m_maxL2 * m_maxL2;
    m_envelopeMost = mostD2(limit * 1024 * (1 + 1e-9) + 1);
    int t = 0;
    for (int v = -PairTransform::kMaxShift; v <= PairTransform::kMaxShift; ++v)
        for (int u = -PairTransform::kMaxShift; u <= PairTransform::kMaxShift; ++u) {
            const double area = double((kImageSide - std::abs(u)) * (kImageSide - std::abs(v)));
            m_shiftMost[t] = mostD2(limit * area * (1 + 1e-9) + 1);
            // A row's envelope bounds each of its shifts: it rules them out past the largest limit.
            const int g = t / kRows;
            m_rowMost[g] = t % kRows == 0 ? m_shiftMost[t] : std::max(m_rowMost[g], m_shiftMost[t]);
            ++t;
        }
}

void ShiftL2Bound::prepare()
{
    if (m_refMeans.count() > 0 || m_refCount == 0)
        return;
    std::vector<std::uint8_t> means(size_t(m_refCount) * kDim);
    // Rows of kLanes int16 (320 bytes: five cache lines), the first on a line boundary.
    constexpr size_t kAlign = 64 / sizeof(std::int16_t);
    m_sumStore.assign(size_t(m_refCount) * kLanes + kAlign, 0);
    const auto misalign = (reinterpret_cast<std::uintptr_t>(m_sumStore.data()) % 64) / sizeof(std::int16_t);
    m_sumFirst = misalign ? kAlign - misalign : 0;
    parallelChunks(m_refCount, 256, m_threads, [&](qsizetype b, qsizetype e) {
        std::vector<std::int16_t> box(size_t(kBoxes) * kBoxRow);
        for (qsizetype j = b; j < e; ++j) {
            boxSums(m_refs + j * kImageBytes, box.data());
            std::int16_t *sums = m_sumStore.data() + m_sumFirst + size_t(j) * kLanes;
            gridSums(box.data(), 0, 0, false, sums);
            for (int d = 0; d < kDim; ++d)
                means[size_t(j * kDim + d)] = roundedMean(sums[d]);
        }
    });
    m_refMeans = m_ints.pack(means.data(), m_refCount, kDim, kDim);
    // The vector scans read whole registers of norms past the last reference: 16 more, zero.
    m_refNorms.assign(m_refMeans.norms(), m_refMeans.norms() + m_refCount);
    m_refNorms.resize(size_t(m_refCount) + 16, 0);
}

void ShiftL2Bound::sides(const std::uint8_t *image, Side &plain, Side &mirrored) const
{
    std::int16_t box[kBoxes * kBoxRow];
    boxSums(image, box);
    for (Side *out : {&plain, &mirrored}) {
        int t = 0;
        for (int v = -PairTransform::kMaxShift; v <= PairTransform::kMaxShift; ++v)
            for (int u = -PairTransform::kMaxShift; u <= PairTransform::kMaxShift; ++u) {
                gridSums(box, u, v, out == &mirrored, out->sums[t]);
                std::fill(out->sums[t] + kDim, out->sums[t] + kLanes, std::int16_t(0));
                ++t;
            }
        finish(*out);
    }
}

void ShiftL2Bound::finish(Side &out) const
{
    // The first test's centre: the 25 shifts' mean block means, rounded to bytes (q). With P = 16 q
    // and Q = max_t |Sc_t - P| (exact, in integers), |Sc_t - Sr| >= |P - Sr| - Q for every t.
    // Loops over the lanes innermost, so that they vectorise.
    std::int32_t total[kLanes] = {};
    for (int t = 0; t < kShifts; ++t)
        for (int d = 0; d < kLanes; ++d)
            total[d] += out.sums[t][d];
    std::int32_t centre[kLanes];
    for (int d = 0; d < kDim; ++d) {
        out.q[d] = std::uint8_t((total[d] + kShifts * kBlock * kBlock / 2) / (kShifts * kBlock * kBlock));
        centre[d] = kBlock * kBlock * std::int32_t(out.q[d]);
    }
    std::uint32_t spread2 = 0; // Q^2: at most 147 * 4080^2 < 2^32
    for (int t = 0; t < kShifts; ++t) {
        std::uint32_t d2 = 0;
        for (int d = 0; d < kDim; ++d) {
            const std::int32_t diff = out.sums[t][d] - centre[d];
            d2 += std::uint32_t(diff * diff);
        }
        spread2 = std::max(spread2, d2);
    }
    for (int g = 0; g < kRows; ++g) { // the padding lanes: zero, like the references'
        std::copy_n(out.sums[g * kRows], kLanes, out.rowLo[g]);
        std::copy_n(out.sums[g * kRows], kLanes, out.rowHi[g]);
        for (int t = g * kRows + 1; t < (g + 1) * kRows; ++t)
            for (int d = 0; d < kLanes; ++d) {
                out.rowLo[g][d] = std::min(out.rowLo[g][d], out.sums[t][d]);
                out.rowHi[g][d] = std::max(out.rowHi[g][d], out.sums[t][d]);
            }
    }
    std::copy_n(out.rowLo[0], kLanes, out.lo);
    std::copy_n(out.rowHi[0], kLanes, out.hi);
    for (int g = 1; g < kRows; ++g)
        for (int d = 0; d < kLanes; ++d) {
            out.lo[d] = std::min(out.lo[d], out.rowLo[g][d]);
            out.hi[d] = std::max(out.hi[d], out.rowHi[g][d]);
        }
    // A relative margin far wider than the doubles' rounding here; the exact test decides. The
    // byte means' distance is an integer: it is at most the radius^2 exactly when at most its floor.
    const double radius =
        (m_maxL2 / 4 + std::sqrt(double(kDim)) / 2 + std::sqrt(double(spread2)) / (kBlock * kBlock)) * (1 + 1e-9) +
        1e-6;
    out.radius2 = std::int32_t(std::min(std::floor(radius * radius), double(std::numeric_limits<std::int32_t>::max())));
}

bool ShiftL2Bound::mayFlag(const Side &side, const std::int16_t *ref) const
{
    // The whole envelope has passed (a bound under all 25 shifts at once, 25x cheaper). Each row
    // shift's 5 shifts at once, the same way, before their own distances: nearly all pairs that
    // get here are rejected, and mostly by all five rows.
    const PathKernels &path = kPaths[int(m_path)];
    for (unsigned rows = path.rows(side.rowLo[0], side.rowHi[0], ref, m_rowMost); rows != 0; rows &= rows - 1) {
        const int g = __builtin_ctz(rows);
        for (int t = g * kRows; t < (g + 1) * kRows; ++t)
            if (path.clipped(side.sums[t], ref) <= m_shiftMost[t])
                return true;
    }
    return false;
}

void ShiftL2Bound::candidatesOf(const std::uint8_t *cands, qsizetype n, std::vector<std::vector<qint32>> &out) const
{
    if (m_maxL2 <= 0 || m_refCount == 0)
        return;
    constexpr qsizetype kTileRows = 64, kCols = 2048, kAhead = 4;
    constexpr size_t kStride = sizeof(Side) / sizeof(std::int16_t); // from one tile row's sums to the next's
    const PathKernels &path = kPaths[int(m_path)];
    std::vector<Side> rowSides(kTileRows);
    std::vector<std::uint8_t> q(size_t(kTileRows) * kDim);
    std::vector<std::int32_t> tile(size_t(kTileRows) * kCols);
    std::vector<std::uint64_t> passed(kCols); // per column, the tile rows whose first test it passes
    std::int32_t most[kTileRows];             // per tile row, the first test's limit on dot products (see scanScalar)
    // Rows 2i and 2i + 1 of a tile: candidate b + i as it is and mirrored.
    for (qsizetype b = 0; b < n; b += kTileRows / 2) {
        const qsizetype count = std::min<qsizetype>(kTileRows / 2, n - b), rows = 2 * count;
        for (qsizetype r = 0; r < rows; r += 2) {
            sides(cands + (b + r / 2) * kImageBytes, rowSides[size_t(r)], rowSides[size_t(r + 1)]);
            std::copy_n(rowSides[size_t(r)].q, kDim, q.data() + r * kDim);
            std::copy_n(rowSides[size_t(r + 1)].q, kDim, q.data() + (r + 1) * kDim);
            for (qsizetype k = r; k < r + 2; ++k)
                most[k] = rowSides[size_t(k)].radius2 - IntKernels::squaredNorm(q.data() + k * kDim, kDim);
        }
        for (qsizetype j0 = 0; j0 < m_refCount; j0 += kCols) {
            const qsizetype cols = std::min(kCols, m_refCount - j0);
            m_ints.dot(q.data(), rows, kDim, m_refMeans, j0, cols, tile.data(), kCols);
            path.scan(tile.data(), kCols, rows, cols, m_refNorms.data() + j0, most, passed.data());
            // Column by column, so that a reference's sums are fetched once for all the tile's rows
            // that need them (about six of 64), and the next ones are on their way meanwhile.
            for (qsizetype c = 0; c < cols; ++c) {
                if (c + kAhead < cols)
                    for (int line = 0; line < kLanes * 2; line += 64)
                        __builtin_prefetch(reinterpret_cast<const char *>(sumsOf(j0 + c + kAhead)) + line);
                if (passed[size_t(c)] == 0)
                    continue;
                const std::uint64_t kept = path.envelopes(rowSides[0].lo, rowSides[0].hi, kStride, passed[size_t(c)],
                                                          sumsOf(j0 + c), m_envelopeMost);
                for (std::uint64_t pending = kept; pending != 0; pending &= pending - 1) {
                    const int r = __builtin_ctzll(pending);
                    if (mayFlag(rowSides[size_t(r)], sumsOf(j0 + c)))
                        out[size_t(b + r / 2)].push_back(qint32(j0 + c));
                }
            }
        }
    }
}

} // namespace tc::core
