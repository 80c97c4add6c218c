#pragma once

#include "core/common/Progress.h"
#include "core/dedup/IntKernels.h"
#include "core/dedup/Neighbors.h"
#include "core/dedup/ShiftL2Bound.h"
#include "core/dedup/TransformScorer.h"

#include <QtGlobal>
#include <cstdint>
#include <limits>
#include <vector>

namespace tc::core {

// The transform-aware stage of NearDuplicateSearch (TransformSet::ShiftFlip): per candidate a
// shift-tolerant shortlist, then exact transform-aware scores (TransformScorer) of the shortlist
// and of the plain stage's neighbours, and the top-k by those scores.
//
// The shortlist: a small image descriptor that a shift of a pixel hardly changes (block means of a
// blurred image, 8 x 8 cells per channel, centred and scaled to unit length: a correlation,
// indifferent to brightness and contrast like SSIM), compared by one GEMM for the candidate as it
// is and one for it mirrored (mirroring the image mirrors the cell grid). The correlations run on
// the integer kernels (IntKernels): each descriptor quantised to bytes (references at one common
// scale, each candidate at its own, which leaves its ranking alone), scores exact integer dot
// products. Its kWiden x `shortlist` best references of each are ranked again by the best
// correlation over the candidate moved by (dx, dy) in {-2, 0, 2}^2 (a shift of 2 px on both axes is
// half a cell, which the descriptor alone ranked 20th-65th of 12,000), and the `shortlist` best of
// that become scored. Besides, every reference within the L2 guarantee under some transform is
// scored, proven (ShiftL2Bound): the descriptor cannot rank low-contrast pairs that only L2 flags.
// Recall against scoring every reference under every transform: bench_dedup (docs/BENCHMARKS.md,
// "Recall of the transform shortlist").
class TransformSearch final {
public:
    static constexpr int kFeatureDim = 8 * 8 * 3;
    // The descriptor's first pass keeps kWiden x shortlist references per candidate and mirror state,
    // which the shifted variants rank again (rerank()).
    static constexpr int kWiden = 8;
    static void feature(const std::uint8_t *image, bool mirrored, float *out);
    // The re-rank's variants: the image moved by (dx, dy) in {-kShiftStep, 0, kShiftStep}^2 with the
    // uncovered border repeating the nearest pixels, as it is (out's first kShiftVariants rows,
    // v = (dy / kShiftStep + 1) * 3 + dx / kShiftStep + 1) and mirrored before the move (the next
    // kShiftVariants): the bits feature() gives for each moved image, from one integral image.
    static constexpr int kShiftStep = 2, kShiftVariants = 9;
    static void shiftedFeatures(const std::uint8_t *image, float *out);

    // The shortlist's selection: of the scores offered (score - bias per column, tile by tile), the
    // `size` largest, ties to the lower index (columns offered in ascending index order), by a
    // vectorised threshold scan (TransformKernels::scoresAbove) against the size-th best so far.
    class TopList final {
    public:
        TopList(int size, const TransformKernels &kernels);
        void offer(const std::int32_t *scores, const std::int32_t *bias, qsizetype n, qint32 firstIndex);
        // The kept indices to out[0..size) in no particular order (-1 for none), and starts over.
        void take(qint32 *out);

    private:
        static constexpr int kSegment = 256; // columns scanned between cuts (the first all enter)
        void clear();
        void cut();
        int m_size;
        TransformKernels m_kernels;
        std::int32_t m_threshold = std::numeric_limits<std::int32_t>::min();
        std::vector<std::int64_t> m_kept; // score << 32 | (2^32 - 1 - index): larger is better
        std::vector<std::int32_t> m_values, m_columns;
    };

    // The references are not copied: they must outlive this object.
    // l2Guarantee: every reference within this transform-aware L2 of a candidate is scored, proven
    // (ShiftL2Bound), whatever the descriptor ranks it; 0: the descriptor's shortlist alone.
    TransformSearch(const std::uint8_t *references, qsizetype referenceCount, SsimWindow window, int shortlist,
                    int threads, IntKernel kernel = TransformKernels::chosen().kernel(), double l2Guarantee = 1000);

    // Rescores one chunk. l2/ssim (n x k) hold the plain stage's neighbours on entry and the
    // transform-aware top-k on return (values: best L2 / best SSIM over the transforms), with the
    // full score of each in l2Scores/ssimScores. False when cancelled.
    bool refine(const std::uint8_t *candidates, qsizetype n, int k, Neighbor *l2, Neighbor *ssim, PairScore *l2Scores,
                PairScore *ssimScores, qint64 *scoredPairs, const Progress &progress);

    // What the shortlist ranks one candidate's references by (as it is, or mirrored): one score per
    // reference, larger is nearer, ties to the lower index. For the recall benchmark's diagnosis
    // (the rank a missed reference got); the same quantised descriptors and kernels as refine().
    std::vector<std::int32_t> descriptorScores(const std::uint8_t *candidate, bool mirrored);

private:
    void prepare();
    void candidateDescriptor(const std::uint8_t *candidate, bool mirrored, std::uint8_t *out) const;
    struct Workspace {
        std::vector<qint32> refs;
        std::vector<std::int32_t> best;
        std::vector<std::pair<std::int32_t, qint32>> ranked;
    };
    // Appends to out the m_shortlist best of the m_wide references in `wide` (-1: none) by the best
    // correlation over the candidate's kShiftVariants quantised variants (one mirror state's).
    void rerank(const std::int8_t *variants, const qint32 *wide, Workspace &work, std::vector<qint32> &out) const;
    // Per row of a (quantised descriptors), the m_wide references of largest correlation (ties: the
    // lower index), in out (rows x m_wide) in no particular order: rerank() ranks them again. False
    // when cancelled.
    bool shortlist(const std::uint8_t *a, qsizetype rows, qint32 *out, const Progress &progress) const;

    const std::uint8_t *m_refs;
    qsizetype m_refCount;
    SsimWindow m_window;
    int m_shortlist;
    int m_wide; // the first pass's list per candidate and mirror state
    int m_threads;
    TransformKernels m_kernels;
    IntKernels m_ints;
    PackedRows m_refFeatures;             // m x kFeatureDim bytes (descriptor x kRefScale + 128)
    std::vector<std::uint8_t> m_refBytes; // the same, unpacked (the re-rank reads single rows)
    std::vector<std::int32_t> m_bias;     // per reference: 128 x sum of its centred bytes
    ShiftL2Bound m_l2;
};

} // namespace tc::core
