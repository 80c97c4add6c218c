#include "core/dedup/TransformSearch.h"

#include "core/common/ImageSet.h"
#include "core/dedup/Parallel.h"

#include <algorithm>
#include <array>
#include <atomic>
#include <cmath>
#include <functional>
#include <limits>

namespace tc::core {

namespace {

void prefetchImage(const std::uint8_t *image)
{
    for (int line = 0; line < kImageBytes; line += 64)
        __builtin_prefetch(image + line);
}

// Descriptors are unit vectors over 192 cells (typical component 0.07, largest rarely above 0.3):
// references share one scale so their correlations compare (the few larger components clip),
// a candidate's own scale only multiplies its row of scores.
constexpr double kRefScale = 127.0 / 0.3;

// std::lround's rounding (halves away from zero), clamped to +-127, without a library call per
// component (the baseline x86-64 has no rounding instruction). |x| <= 424 here (unit descriptors
// times kRefScale, or times 127 / their largest component), so int(x) = trunc(x) exactly, x - t is
// exact, and the comparisons with +-0.5 decide as lround does.
inline int roundClamped(double x)
{
    const int t = int(x);
    const double fraction = x - double(t);
    return std::clamp(t + int(fraction >= 0.5) - int(fraction <= -0.5), -127, 127);
}

void quantiseDescriptor(const float *f, double scale, std::uint8_t *out)
{
    for (int d = 0; d < TransformSearch::kFeatureDim; ++d)
        out[d] = std::uint8_t(128 + roundClamped(double(f[d]) * scale));
}

void quantiseCandidate(const float *f, std::uint8_t *out)
{
    float top = 0;
    for (int d = 0; d < TransformSearch::kFeatureDim; ++d)
        top = std::max(top, std::abs(f[d]));
    quantiseDescriptor(f, top > 0 ? 127.0 / double(top) : 1.0, out);
}

// Signed descriptor components at the references' common scale, for the re-rank's exact integer
// correlations (comparable across a candidate's variants, unlike quantiseCandidate's own scale).
void quantiseSigned(const float *f, std::int8_t *out)
{
    for (int d = 0; d < TransformSearch::kFeatureDim; ++d)
        out[d] = std::int8_t(roundClamped(double(f[d]) * kRefScale));
}

// The candidate padded by 2 px on every side with its border repeated, as an integral image per
// channel: every pixel the candidate moved by (dx, dy) in [-2, 2]^2 shows (the uncovered border
// repeating the nearest pixels) is in it, so every moved variant's cell sums are rectangle sums of
// this one table (4 look-ups a cell instead of 36 additions, and no moved copy of the image).
constexpr int kShiftPad = 2, kPaddedSide = kImageSide + 2 * kShiftPad;
struct PaddedIntegral {
    std::int32_t at[kPaddedSide + 1][kPaddedSide + 1][kImageChannels]; // interleaved like the pixels
};

void paddedIntegral(const std::uint8_t *image, PaddedIntegral &p)
{
    // The byte offset of padded column c's pixel within its row.
    static constexpr auto kColumn = [] {
        std::array<int, kPaddedSide> out{};
        for (int c = 0; c < kPaddedSide; ++c)
            out[size_t(c)] = std::clamp(c - kShiftPad, 0, kImageSide - 1) * kImageChannels;
        return out;
    }();
    for (int c = 0; c <= kPaddedSide; ++c)
        for (int ch = 0; ch < kImageChannels; ++ch)
            p.at[0][c][ch] = 0;
    for (int r = 0; r < kPaddedSide; ++r) {
        const std::uint8_t *row = image + std::clamp(r - kShiftPad, 0, kImageSide - 1) * kRowBytes;
        std::int32_t run[kImageChannels] = {};
        for (int ch = 0; ch < kImageChannels; ++ch)
            p.at[r + 1][0][ch] = 0;
        for (int c = 0; c < kPaddedSide; ++c)
            for (int ch = 0; ch < kImageChannels; ++ch) {
                run[ch] += row[kColumn[size_t(c)] + ch];
                p.at[r + 1][c + 1][ch] = p.at[r][c + 1][ch] + run[ch];
            }
    }
}

// Cell (i, j) covers the 6 x 6 pixels around its 4 x 4 block, clipped at the border.
constexpr int cellFirst(int i)
{
    return std::max(0, 4 * i - 1);
}
constexpr int cellEnd(int i)
{
    return std::min(kImageSide, 4 * i + 5);
}

// The cell sums (exact integers) of the image moved by (dx, dy), |dx|, |dy| <= 2, border repeated.
void cellSums(const PaddedIntegral &p, int dx, int dy, std::int32_t (&sums)[kImageChannels][8][8])
{
    for (int ch = 0; ch < kImageChannels; ++ch)
        for (int i = 0; i < 8; ++i) {
            const int r0 = cellFirst(i) - dy + kShiftPad, r1 = cellEnd(i) - dy + kShiftPad;
            for (int j = 0; j < 8; ++j) {
                const int c0 = cellFirst(j) - dx + kShiftPad, c1 = cellEnd(j) - dx + kShiftPad;
                sums[ch][i][j] = p.at[r1][c1][ch] - p.at[r0][c1][ch] - p.at[r1][c0][ch] + p.at[r0][c0][ch];
            }
        }
}

// The descriptor from the cell sums: the cells' means, centred per channel, scaled to unit length
// (mirrored: the grid's columns reversed). One code for every descriptor, so that a variant's
// floats are the bits feature() gives for the moved image.
void finishDescriptor(const std::int32_t (&sums)[kImageChannels][8][8], bool mirrored, float *out)
{
    double cells[3][8][8];
    for (int ch = 0; ch < kImageChannels; ++ch)
        for (int i = 0; i < 8; ++i)
            for (int j = 0; j < 8; ++j)
                cells[ch][i][mirrored ? 7 - j : j] =
                    double(sums[ch][i][j]) / double((cellEnd(i) - cellFirst(i)) * (cellEnd(j) - cellFirst(j)));
    double norm = 0;
    for (int ch = 0; ch < kImageChannels; ++ch) {
        double mean = 0;
        for (int i = 0; i < 8; ++i)
            for (int j = 0; j < 8; ++j)
                mean += cells[ch][i][j];
        mean /= 64;
        for (int i = 0; i < 8; ++i)
            for (int j = 0; j < 8; ++j) {
                const double v = cells[ch][i][j] - mean;
                out[(i * 8 + j) * 3 + ch] = float(v);
                norm += v * v;
            }
    }
    // + a constant so that flat images (norm ~ 0) do not get arbitrary directions.
    const float scale = float(1.0 / std::sqrt(norm + 64.0));
    for (int d = 0; d < TransformSearch::kFeatureDim; ++d)
        out[d] *= scale;
}

} // namespace

void TransformSearch::feature(const std::uint8_t *image, bool mirrored, float *out)
{
    // Cell (i, j) averages the 6 x 6 pixels around its 4 x 4 block (clipped at the border): the
    // overlap between neighbouring cells is what makes a shift of 1-2 px change the vector little.
    // The cells are symmetric under a left-right mirror, so the mirrored image's vector is the grid
    // with its columns reversed.
    PaddedIntegral p;
    paddedIntegral(image, p);
    std::int32_t sums[kImageChannels][8][8];
    cellSums(p, 0, 0, sums);
    finishDescriptor(sums, mirrored, out);
}

void TransformSearch::shiftedFeatures(const std::uint8_t *image, float *out)
{
    // The mirrored image moved by (dx, dy) is the image moved by (-dx, dy), mirrored: the same
    // cell sums with the columns reversed.
    PaddedIntegral p;
    paddedIntegral(image, p);
    std::int32_t sums[kImageChannels][8][8];
    for (int dy = -kShiftStep; dy <= kShiftStep; dy += kShiftStep)
        for (int dx = -kShiftStep; dx <= kShiftStep; dx += kShiftStep) {
            const int v = (dy / kShiftStep + 1) * 3 + dx / kShiftStep + 1;
            cellSums(p, dx, dy, sums);
            finishDescriptor(sums, false, out + v * kFeatureDim);
            const int w = (dy / kShiftStep + 1) * 3 - dx / kShiftStep + 1; // the mirrored variant (-dx, dy)
            finishDescriptor(sums, true, out + (kShiftVariants + w) * kFeatureDim);
        }
}

TransformSearch::TransformSearch(const std::uint8_t *references, qsizetype referenceCount, SsimWindow window,
                                 int shortlist, int threads, IntKernel kernel, double l2Guarantee)
    : m_refs(references), m_refCount(referenceCount), m_window(window),
      m_shortlist(int(std::clamp<qsizetype>(shortlist, 1, std::max<qsizetype>(1, referenceCount)))),
      m_wide(int(std::min<qsizetype>(qsizetype(m_shortlist) * kWiden, std::max<qsizetype>(1, referenceCount)))),
      m_threads(workerCount(threads)), m_kernels(kernel),
      m_ints(intKernelSupported(kernel) ? kernel : IntKernel::Scalar),
      m_l2(references, referenceCount, l2Guarantee, m_ints.kernel(), threads)
{}

void TransformSearch::prepare()
{
    if (m_refFeatures.count() > 0 || m_refCount == 0)
        return;
    m_l2.prepare();
    std::vector<std::uint8_t> bytes(size_t(m_refCount) * kFeatureDim);
    m_bias.resize(size_t(m_refCount));
    parallelChunks(m_refCount, 256, m_threads, [&](qsizetype b, qsizetype e) {
        float f[kFeatureDim];
        for (qsizetype j = b; j < e; ++j) {
            feature(m_refs + j * kImageBytes, false, f);
            std::uint8_t *q = bytes.data() + j * kFeatureDim;
            quantiseDescriptor(f, kRefScale, q);
            std::int32_t sum = 0;
            for (int d = 0; d < kFeatureDim; ++d)
                sum += std::int32_t(q[d]) - 128;
            m_bias[size_t(j)] = 128 * sum;
        }
    });
    m_refFeatures = m_ints.pack(bytes.data(), m_refCount, kFeatureDim, kFeatureDim);
    m_refBytes = std::move(bytes);
}

void TransformSearch::candidateDescriptor(const std::uint8_t *candidate, bool mirrored, std::uint8_t *out) const
{
    float f[kFeatureDim];
    feature(candidate, mirrored, f);
    quantiseCandidate(f, out);
}

std::vector<std::int32_t> TransformSearch::descriptorScores(const std::uint8_t *candidate, bool mirrored)
{
    prepare();
    std::uint8_t q[kFeatureDim];
    candidateDescriptor(candidate, mirrored, q);
    std::vector<std::int32_t> scores(static_cast<size_t>(m_refCount));
    constexpr qsizetype kCols = 2048;
    for (qsizetype j0 = 0; j0 < m_refCount; j0 += kCols) {
        const qsizetype cols = std::min(kCols, m_refCount - j0);
        m_ints.dot(q, 1, kFeatureDim, m_refFeatures, j0, cols, scores.data() + j0, cols);
        for (qsizetype c = 0; c < cols; ++c)
            scores[size_t(j0 + c)] -= m_bias[size_t(j0 + c)];
    }
    return scores;
}

TransformSearch::TopList::TopList(int size, const TransformKernels &kernels) : m_size(size), m_kernels(kernels)
{
    m_values.resize(size_t(kSegment + TransformKernels::kScanSlack));
    m_columns.resize(m_values.size());
    m_kept.reserve(size_t(2 * size + kSegment));
}

void TransformSearch::TopList::clear()
{
    m_kept.clear();
    m_threshold = std::numeric_limits<std::int32_t>::min();
}

void TransformSearch::TopList::cut()
{
    // Keys order as (score descending, index ascending): one integer comparison each.
    std::nth_element(m_kept.begin(), m_kept.begin() + (m_size - 1), m_kept.end(), std::greater<>());
    m_kept.resize(size_t(m_size));
    m_threshold = std::int32_t(m_kept.back() >> 32); // the m_size-th best: nth_element put it last of the kept
}

void TransformSearch::TopList::offer(const std::int32_t *scores, const std::int32_t *bias, qsizetype n,
                                     qint32 firstIndex)
{
    // A column enters only above the m_size-th best so far (a later column at equal score has the
    // higher index and loses the tie); the list is cut back to m_size when it holds twice that.
    for (qsizetype c0 = 0; c0 < n; c0 += kSegment) {
        const int len = int(std::min<qsizetype>(kSegment, n - c0));
        const int got =
            m_kernels.scoresAbove(scores + c0, bias + c0, len, m_threshold, m_values.data(), m_columns.data());
        for (int t = 0; t < got; ++t)
            m_kept.push_back(std::int64_t(std::uint64_t(std::int64_t(m_values[size_t(t)])) << 32 |
                                          (0xffffffffu - std::uint32_t(firstIndex + c0 + m_columns[size_t(t)]))));
        if (m_kept.size() >= size_t(2 * m_size))
            cut();
    }
}

void TransformSearch::TopList::take(qint32 *out)
{
    if (m_kept.size() > size_t(m_size))
        cut();
    for (int t = 0; t < m_size; ++t)
        out[t] = t < int(m_kept.size()) ? qint32(0xffffffffu - std::uint32_t(m_kept[size_t(t)])) : -1;
    clear();
}

bool TransformSearch::shortlist(const std::uint8_t *a, qsizetype rows, qint32 *out, const Progress &progress) const
{
    // (a + 128)(b + 128) = ab + 128 sum(b) + [128 sum(a) + 128^2 d]: per row, ranking
    // <a_q, b_q> - 128 sum(b) ranks the centred correlations ab; the bracket is the row's own.
    // 96 rows x 512 columns: each 96 KB slab of packed references comes from memory once for 96
    // rows (16 rows let the memory stream bound the kernel at K = 192), and the 192 KB tile of
    // scores stays in L2 for the offers that read it back.
    constexpr qsizetype kRows = 96, kCols = 512;
    const int s = m_wide;
    parallelChunks(
        rows, kRows, m_threads,
        [&](qsizetype b, qsizetype e) {
            std::vector<std::int32_t> tile(size_t(kRows) * kCols);
            std::vector<TopList> best(static_cast<size_t>(kRows), TopList(s, m_kernels));
            const qsizetype n = e - b;
            for (qsizetype j0 = 0; j0 < m_refCount; j0 += kCols) {
                const qsizetype cols = std::min(kCols, m_refCount - j0);
                m_ints.dot(a + b * kFeatureDim, n, kFeatureDim, m_refFeatures, j0, cols, tile.data(), kCols);
                for (qsizetype r = 0; r < n; ++r)
                    best[size_t(r)].offer(tile.data() + r * kCols, m_bias.data() + j0, cols, qint32(j0));
            }
            for (qsizetype r = 0; r < n; ++r)
                best[size_t(r)].take(out + (b + r) * s);
        },
        [&] { return progress.isCancelled(); });
    return !progress.isCancelled();
}

void TransformSearch::rerank(const std::int8_t *variants, const qint32 *wide, Workspace &w,
                             std::vector<qint32> &out) const
{
    w.refs.clear();
    for (int j = 0; j < m_wide; ++j)
        if (wide[j] >= 0)
            w.refs.push_back(wide[j]);
    w.best.resize(w.refs.size());
    m_kernels.bestCorrelations(variants, kShiftVariants, kFeatureDim, m_refBytes.data(), w.refs.data(),
                               int(w.refs.size()), w.best.data());
    w.ranked.clear();
    for (size_t j = 0; j < w.refs.size(); ++j)
        w.ranked.push_back({w.best[j], w.refs[j]});
    const size_t keep = std::min(w.ranked.size(), size_t(m_shortlist));
    std::partial_sort(
        w.ranked.begin(), w.ranked.begin() + qsizetype(keep), w.ranked.end(),
        [](const auto &a, const auto &c) { return a.first != c.first ? a.first > c.first : a.second < c.second; });
    for (size_t j = 0; j < keep; ++j)
        out.push_back(w.ranked[j].second);
}

bool TransformSearch::refine(const std::uint8_t *cands, qsizetype n, int k, Neighbor *l2, Neighbor *ssim,
                             PairScore *l2Scores, PairScore *ssimScores, qint64 *scoredPairs, const Progress &progress)
{
    prepare();
    // Rows 0..n-1: the candidates as they are; n..2n-1: mirrored.
    std::vector<std::uint8_t> feats(size_t(2 * n) * kFeatureDim);
    parallelChunks(n, 256, m_threads, [&](qsizetype b, qsizetype e) {
        for (qsizetype i = b; i < e; ++i) {
            candidateDescriptor(cands + i * kImageBytes, false, feats.data() + i * kFeatureDim);
            candidateDescriptor(cands + i * kImageBytes, true, feats.data() + (n + i) * kFeatureDim);
        }
    });
    const int wide = m_wide;
    std::vector<qint32> lists(size_t(2 * n) * wide);
    if (!shortlist(feats.data(), 2 * n, lists.data(), progress))
        return false;
    std::atomic<qint64> pairs{0}, done{0};
    parallelChunks(
        n, 64, m_threads,
        [&](qsizetype b, qsizetype e) {
            TransformScorer scorer(m_window, TransformSet::ShiftFlip, false, m_kernels);
            std::vector<qint32> refs;
            std::vector<PairScore> scores;
            std::vector<int> order;
            Workspace work;
            float shifted[2 * kShiftVariants * kFeatureDim];
            std::int8_t variants[2 * kShiftVariants * kFeatureDim];
            // What the L2 criterion could flag, proven, next to what the descriptor ranks high.
            std::vector<std::vector<qint32>> near(size_t(e - b));
            m_l2.candidatesOf(cands + b * kImageBytes, e - b, near);
            for (qsizetype i = b; i < e; ++i) {
                refs = std::move(near[size_t(i - b)]);
                // The descriptor tolerates a shift of a pixel, not of two in both axes (half a cell: a
                // copy moved by (2, 2) ranked 20th-65th of 12,000 on the recall subset). So the wide
                // lists are ranked again by the best correlation over the candidate moved back by
                // every (dx, dy) in {-2, 0, 2}^2, which puts every shift of the set within a pixel of
                // one variant.
                // The wide lists' descriptor rows are scattered over the references' table (a cache
                // miss each): fetched while the variants are computed.
                for (int j = 0; j < 2 * wide; ++j) {
                    const qint32 ref = lists[size_t((j < wide ? i : n + i) * wide + j % wide)];
                    if (ref >= 0)
                        for (int line = 0; line < kFeatureDim; line += 64)
                            __builtin_prefetch(m_refBytes.data() + size_t(ref) * kFeatureDim + line);
                }
                shiftedFeatures(cands + i * kImageBytes, shifted);
                for (int v = 0; v < 2 * kShiftVariants; ++v)
                    quantiseSigned(shifted + v * kFeatureDim, variants + v * kFeatureDim);
                for (int mirrored = 0; mirrored < 2; ++mirrored)
                    rerank(variants + mirrored * kShiftVariants * kFeatureDim,
                           lists.data() + size_t(mirrored * n + i) * wide, work, refs);
                for (int j = 0; j < k; ++j) {
                    refs.push_back(l2[i * k + j].index);
                    refs.push_back(ssim[i * k + j].index);
                }
                std::sort(refs.begin(), refs.end());
                refs.erase(std::unique(refs.begin(), refs.end()), refs.end());
                refs.erase(std::remove(refs.begin(), refs.end(), -1), refs.end());
                scorer.setCandidate(cands + i * kImageBytes);
                scores.resize(refs.size());
                for (size_t r = 0; r < refs.size(); ++r) {
                    // The references are scattered over the whole set: fetch the next one while
                    // this one is scored (a miss per cache line otherwise stalls the kernels).
                    if (r + 1 < refs.size())
                        prefetchImage(m_refs + qsizetype(refs[r + 1]) * kImageBytes);
                    scores[r] = scorer.score(m_refs + qsizetype(refs[r]) * kImageBytes);
                }
                pairs += qint64(refs.size());
                order.resize(refs.size());
                const int kept = int(std::min<size_t>(size_t(k), refs.size()));
                // Best SSIM first; ties by reference index (refs is ascending), so results are deterministic.
                for (size_t r = 0; r < order.size(); ++r)
                    order[r] = int(r);
                std::stable_sort(order.begin(), order.end(),
                                 [&](int a, int c) { return scores[size_t(a)].ssim > scores[size_t(c)].ssim; });
                for (int j = 0; j < k; ++j) {
                    ssim[i * k + j] = j < kept ? Neighbor{refs[size_t(order[size_t(j)])],
                                                          float(scores[size_t(order[size_t(j)])].ssim)}
                                               : Neighbor{};
                    ssimScores[i * k + j] = j < kept ? scores[size_t(order[size_t(j)])] : PairScore{};
                }
                for (size_t r = 0; r < order.size(); ++r)
                    order[r] = int(r);
                std::stable_sort(order.begin(), order.end(),
                                 [&](int a, int c) { return scores[size_t(a)].l2 < scores[size_t(c)].l2; });
                for (int j = 0; j < k; ++j) {
                    l2[i * k + j] =
                        j < kept ? Neighbor{refs[size_t(order[size_t(j)])], float(scores[size_t(order[size_t(j)])].l2)}
                                 : Neighbor{};
                    l2Scores[i * k + j] = j < kept ? scores[size_t(order[size_t(j)])] : PairScore{};
                }
            }
            progress.report(done += e - b, n);
        },
        [&] { return progress.isCancelled(); });
    *scoredPairs = pairs;
    return !progress.isCancelled();
}

} // namespace tc::core
