#include "core/dedup/TransformKernels.h"

#include "core/common/ImageSet.h"
#include "core/dedup/Ssim.h"

#include <algorithm>
#include <limits>

namespace tc::core {

namespace {

// (Names unique within core/dedup: the unity build merges its anonymous namespaces.)
template <typename A> std::int32_t overlapSsdOf(const A *cand, const std::uint8_t *ref, const PairTransform &t)
{
    const int x0 = t.x0(), y0 = t.y0(), w = t.width() * kImageChannels, h = t.height();
    std::int32_t total = 0; // at most 3072 x 255^2 < 2^31
    for (int r = y0; r < y0 + h; ++r) {
        const A *a = cand + r * kRowBytes + x0 * kImageChannels;
        const std::uint8_t *b = ref + (r - t.dy) * kRowBytes + (x0 - t.dx) * kImageChannels;
        for (int i = 0; i < w; ++i) {
            const std::int32_t d = std::int32_t(a[i]) - std::int32_t(b[i]);
            total += d * d;
        }
    }
    return total;
}

} // namespace

namespace transformpath {

constexpr int kUniformTaps = 7;
constexpr int kUniformGrid = kImageSide - kUniformTaps + 1;

// out[i] = sum of in[i + 3t], t < 7, for i < cols (the 7-tap window along a row of interleaved
// values): 4 additions per value instead of 6.
inline void boxRow(const std::int32_t *in, int cols, std::int32_t *out)
{
    constexpr int c = kImageChannels;
    std::int32_t two[kRowBytes], four[kRowBytes];
    for (int i = 0; i < cols + 4 * c; ++i)
        two[i] = in[i] + in[i + c]; // taps 0-1
    for (int i = 0; i < cols + c; ++i)
        four[i] = two[i] + two[i + 2 * c]; // taps 0-3
    for (int i = 0; i < cols; ++i)
        out[i] = four[i] + two[i + 4 * c] + in[i + 6 * c]; // + taps 4-5, 6
}

// out[r] = sum of rows r .. r + 6 of in (rows of `cols` values), for r < outRows: sliding, two
// additions per value after the first row.
inline void boxColumns(const std::int32_t *in, int outRows, int cols, std::int32_t *out)
{
    for (int i = 0; i < cols; ++i) {
        std::int32_t s = 0;
        for (int t = 0; t < kUniformTaps; ++t)
            s += in[t * cols + i];
        out[i] = s;
    }
    for (int r = 1; r < outRows; ++r)
        for (int i = 0; i < cols; ++i)
            out[r * cols + i] =
                out[(r - 1) * cols + i] + in[(r + kUniformTaps - 1) * cols + i] - in[(r - 1) * cols + i];
}

void windowsScalar(const std::uint8_t *image, std::int32_t *sum, std::int32_t *spread)
{
    // Interleaved like the pixels: a row of window positions holds 26 x 3 channel values, and
    // the window of value i sums the bytes i, i + 3, ..., i + 18 of 7 rows.
    constexpr int g = kUniformGrid, cols = kUniformGrid * kImageChannels;
    std::int32_t rowSum[kImageSide * cols], rowSq[kImageSide * cols];
    for (int r = 0; r < kImageSide; ++r) {
        std::int32_t v[kRowBytes], q[kRowBytes];
        for (int i = 0; i < kRowBytes; ++i) {
            v[i] = image[r * kRowBytes + i];
            q[i] = v[i] * v[i];
        }
        boxRow(v, cols, rowSum + r * cols);
        boxRow(q, cols, rowSq + r * cols);
    }
    boxColumns(rowSum, g, cols, sum);
    boxColumns(rowSq, g, cols, spread);
    constexpr std::int32_t n = kUniformTaps * kUniformTaps;
    for (int i = 0; i < g * cols; ++i)
        spread[i] = n * spread[i] - sum[i] * sum[i];
}

void crossSumsScalar(const std::uint8_t *a, const std::uint8_t *b, int h, int w, std::int32_t *out)
{
    const int outRows = h - kUniformTaps + 1, bytes = w * kImageChannels;
    const int cols = (w - kUniformTaps + 1) * kImageChannels;
    std::int32_t rowSums[kImageSide * kRowBytes];
    for (int r = 0; r < h; ++r) {
        std::int32_t p[kRowBytes];
        for (int i = 0; i < bytes; ++i)
            p[i] = std::int32_t(a[r * kRowBytes + i]) * std::int32_t(b[r * kRowBytes + i]);
        boxRow(p, cols, rowSums + r * cols);
    }
    boxColumns(rowSums, outRows, cols, out);
}

void ssdsScalar(const TransformKernels::SsdCandidate &cand, const std::uint8_t *ref, std::int32_t *out)
{
    const auto &all = shiftFlipTransforms();
    for (size_t i = 0; i < all.size(); ++i)
        out[i] = overlapSsdOf(cand.words[all[i].mirrored], ref, TransformKernels::unmirroredCounterpart(all[i]));
}

template <bool kSquares> inline void rowSums(const std::uint8_t *image, std::int32_t *total, std::int32_t (*edge)[4])
{
    const auto f = [](std::uint8_t v) { return kSquares ? std::int32_t(v) * v : std::int32_t(v); };
    for (int r = 0; r < kImageSide; ++r) {
        const std::uint8_t *p = image + r * kRowBytes;
        std::int32_t t = 0;
        for (int i = 0; i < kRowBytes; ++i)
            t += f(p[i]);
        total[r] = t;
        edge[r][0] = f(p[0]) + f(p[1]) + f(p[2]);
        edge[r][1] = edge[r][0] + f(p[3]) + f(p[4]) + f(p[5]);
        edge[r][2] = f(p[93]) + f(p[94]) + f(p[95]);
        edge[r][3] = edge[r][2] + f(p[90]) + f(p[91]) + f(p[92]);
    }
}

__attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default"))) void
rectangleSums(const std::uint8_t *image, bool squares, std::int32_t *out)
{
    // Per row: the whole row, and its first / last one or two pixels (edge[0..3]: first 1, first 2,
    // last 1, last 2); per column range (dx) the rows then add up as 5 row ranges (dy).
    std::int32_t total[kImageSide], edge[kImageSide][4];
    if (squares)
        rowSums<true>(image, total, edge);
    else
        rowSums<false>(image, total, edge);
    for (int dx = -2; dx <= 2; ++dx) {
        std::int32_t row[kImageSide];
        for (int r = 0; r < kImageSide; ++r)
            row[r] = total[r] - (dx < 0 ? edge[r][1 - dx] : 0) - (dx > 0 ? edge[r][dx - 1] : 0);
        std::int32_t all = 0;
        for (int r = 0; r < kImageSide; ++r)
            all += row[r];
        out[alignmentIndex(dx, 0)] = all;
        out[alignmentIndex(dx, 1)] = all - row[0];
        out[alignmentIndex(dx, 2)] = all - row[0] - row[1];
        out[alignmentIndex(dx, -1)] = all - row[kImageSide - 1];
        out[alignmentIndex(dx, -2)] = all - row[kImageSide - 1] - row[kImageSide - 2];
    }
}

// (Any order: only the early exit's bound reads it, with a margin.)
inline double laneTotalOf(const double *l)
{
    return ((l[0] + l[1]) + (l[2] + l[3])) + ((l[4] + l[5]) + (l[6] + l[7]));
}

double ssimScalar(const TransformKernels::WindowBlock &k)
{
    double lanes[8] = {};
    for (int r = 0; r < k.rows; ++r) {
        const std::int32_t *sa = k.sa + r * k.stride, *va = k.va + r * k.stride;
        const std::int32_t *sb = k.sb + r * k.stride, *vb = k.vb + r * k.stride;
        const std::int32_t *cross = k.cross + r * k.cols;
        for (int c = 0; c < k.cols; ++c) {
            // The exact integer parts, then the vector paths' double operations one by one.
            const std::int32_t sxy = sa[c] * sb[c];
            const double a1 = double(2 * sxy) + k.c1;
            const double b1 = double(sa[c] * sa[c] + sb[c] * sb[c]) + k.c1;
            const double a2 = k.covNorm * double(2 * (k.area * cross[c] - sxy)) + k.c2;
            const double b2 = k.covNorm * double(va[c] + vb[c]) + k.c2;
            lanes[c & 7] += (a1 * a2) / (b1 * b2);
        }
        if (double(k.rows - 1 - r) * k.cols + laneTotalOf(lanes) < k.stopBelow)
            return -std::numeric_limits<double>::infinity();
    }
    return ((lanes[0] + lanes[1]) + (lanes[2] + lanes[3])) + ((lanes[4] + lanes[5]) + (lanes[6] + lanes[7]));
}

void bestCorrelationsScalar(const std::int8_t *variants, int count, int dim, const std::uint8_t *rows,
                            const std::int32_t *index, int n, std::int32_t *best)
{
    for (int j = 0; j < n; ++j) {
        const std::uint8_t *b = rows + qsizetype(index[j]) * dim;
        std::int32_t top = std::numeric_limits<std::int32_t>::min();
        for (int v = 0; v < count; ++v) {
            const std::int8_t *a = variants + v * dim;
            std::int32_t sum = 0;
            for (int d = 0; d < dim; ++d)
                sum += std::int32_t(a[d]) * (std::int32_t(b[d]) - 128);
            top = std::max(top, sum);
        }
        best[j] = top;
    }
}

int scoresAboveScalar(const std::int32_t *scores, const std::int32_t *bias, int n, std::int32_t threshold,
                      std::int32_t *values, std::int32_t *columns)
{
    int count = 0;
    for (int c = 0; c < n; ++c) { // branch-free: most columns fall below
        const std::int32_t v = scores[c] - bias[c];
        values[count] = v;
        columns[count] = c;
        count += v > threshold;
    }
    return count;
}

} // namespace transformpath

TransformKernels::TransformKernels(IntKernel kernel)
{
    // The x86 paths need what the matching IntKernels path needs (AVX-512 BW/VL/VNNI, AVX2), which
    // IntKernels has checked (cpuid, OS state, a self-check).
    if ((kernel == IntKernel::Amx || kernel == IntKernel::Avx512Vnni) && intKernelSupported(IntKernel::Avx512Vnni)) {
        m_kernel = IntKernel::Avx512Vnni;
        m_ssds = transformpath::ssdsAvx512;
        m_ssim = transformpath::ssimAvx512;
        m_windows = transformpath::windowsAvx512;
        m_cross = transformpath::crossSumsAvx512;
        m_gaussWindows = transformpath::gaussianWindowsAvx512;
        m_gaussSum = transformpath::gaussianSsimSumAvx512;
        m_best = transformpath::bestCorrelationsAvx512;
        m_above = transformpath::scoresAboveAvx512;
    } else if (kernel != IntKernel::Scalar && intKernelSupported(IntKernel::Avx2)) {
        m_kernel = IntKernel::Avx2;
        m_ssds = transformpath::ssdsAvx2;
        m_ssim = transformpath::ssimAvx2;
        m_windows = transformpath::windowsAvx2;
        m_cross = transformpath::crossSumsAvx2;
        m_gaussWindows = transformpath::gaussianWindows;
        m_gaussSum = transformpath::gaussianSsimSum;
        m_best = transformpath::bestCorrelationsAvx2;
        m_above = transformpath::scoresAboveAvx2;
    } else {
        m_kernel = IntKernel::Scalar;
        m_ssds = transformpath::ssdsScalar;
        m_ssim = transformpath::ssimScalar;
        m_windows = transformpath::windowsScalar;
        m_cross = transformpath::crossSumsScalar;
        m_gaussWindows = transformpath::gaussianWindows;
        m_gaussSum = transformpath::gaussianSsimSum;
        m_best = transformpath::bestCorrelationsScalar;
        m_above = transformpath::scoresAboveScalar;
    }
}

TransformKernels TransformKernels::chosen()
{
    const IntKernels ints = IntKernels::chosen();
    return TransformKernels(ints.isValid() ? ints.kernel() : supportedIntKernels().first());
}

QString TransformKernels::name() const
{
    switch (m_kernel) {
    case IntKernel::Avx512Vnni:
        return QStringLiteral("avx512");
    case IntKernel::Avx2:
        return QStringLiteral("avx2");
    default:
        return QStringLiteral("scalar");
    }
}

void TransformKernels::prepare(SsdCandidate &cand)
{
    for (int m = 0; m < 2; ++m) {
        transformpath::rectangleSums(cand.bytes[m], false, cand.sum[m]);
        transformpath::rectangleSums(cand.bytes[m], true, cand.square[m]);
    }
}

void TransformKernels::overlapSsds(const SsdCandidate &candidate, const std::uint8_t *reference,
                                   std::int32_t *out) const
{
    m_ssds(candidate, reference, out);
}

double TransformKernels::ssimWindowSum(const WindowBlock &block) const
{
    return m_ssim(block);
}

double TransformKernels::ssimOverlapSum(WindowBlock block, const std::uint8_t *a, const std::uint8_t *b, int h, int w,
                                        std::int32_t *scratch) const
{
    if (m_kernel == IntKernel::Avx512Vnni && block.cols > 64)
        return transformpath::ssimOverlapAvx512(block, a, b, h);
    m_cross(a, b, h, w, scratch);
    block.cross = scratch;
    return m_ssim(block);
}

void TransformKernels::windowSums(const std::uint8_t *image, std::int32_t *sum, std::int32_t *spread) const
{
    m_windows(image, sum, spread);
}

void TransformKernels::gaussianWindows(const std::uint8_t *image, double *mean, double *square) const
{
    m_gaussWindows(image, mean, square);
}

double TransformKernels::gaussianSsimSum(const transformpath::GaussianBlock &block) const
{
    return m_gaussSum(block);
}

void TransformKernels::crossSums(const std::uint8_t *a, const std::uint8_t *b, int h, int w, std::int32_t *out) const
{
    m_cross(a, b, h, w, out);
}

void TransformKernels::bestCorrelations(const std::int8_t *variants, int count, int dim, const std::uint8_t *rows,
                                        const std::int32_t *index, int n, std::int32_t *best) const
{
    Q_ASSERT(count >= 1 && count <= kMaxVariants);
    // The vector paths take whole 64-byte steps.
    (dim % 64 == 0 ? m_best : transformpath::bestCorrelationsScalar)(variants, count, dim, rows, index, n, best);
}

int TransformKernels::scoresAbove(const std::int32_t *scores, const std::int32_t *bias, int n, std::int32_t threshold,
                                  std::int32_t *values, std::int32_t *columns) const
{
    return m_above(scores, bias, n, threshold, values, columns);
}

std::int32_t TransformKernels::overlapSsd(const std::uint8_t *candidate, const std::uint8_t *reference,
                                          const PairTransform &t)
{
    return overlapSsdOf(candidate, reference, t);
}

} // namespace tc::core
