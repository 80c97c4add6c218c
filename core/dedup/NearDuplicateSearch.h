#pragma once

#include "core/common/Progress.h"
#include "core/dedup/IntKernels.h"
#include "core/dedup/Neighbors.h"
#include "core/dedup/Ssim.h"
#include "core/dedup/TransformScorer.h"

#include <QString>
#include <cstdint>
#include <memory>
#include <span>
#include <vector>

namespace tc::core {

class TransformSearch;

struct NearDuplicateOptions {
    // Neighbours kept per candidate and measure; capped at the reference count (more cannot exist),
    // so an absurd value costs no more than "every reference".
    int topK = 5;
    // Exact SSIM against every reference image (the audit mode; ~2.4e8 pairs for 20k x 12k).
    // Otherwise SSIM is computed exactly on a shortlist per candidate (see NearDuplicateSearch).
    bool exhaustive = false;
    SsimWindow window = SsimWindow::Uniform7;
    // The SSIM shortlist: the union of both gets an exact SSIM. 8 + 24 found every pair of the
    // exhaustive pass's top-5 with SSIM >= 0.75 on 2,000 candidates, as 32 + 48 did, with 60% fewer
    // pairs (docs/BENCHMARKS.md, "Exact SSIM kernel").
    int l2Shortlist = 8;         // nearest references by L2 that get an exact SSIM
    int structureShortlist = 24; // best references by linearised structure correlation (ImageFeatures.h)
    int threads = 0;             // 0: every core
    // ShiftFlip: pairs are also scored under shifts and a mirror (TransformSearch.h); the values in
    // l2/ssim are then the best over the transforms and l2Scores/ssimScores say where they were found.
    TransformSet transforms = TransformSet::None;
    // References per candidate and mirror state from the shift-tolerant descriptor (TransformSearch.h).
    // With the shifted re-rank and the L2 guarantee, 8 finds every flagged pair and candidate of two
    // 3,000 x 12,000 recall subsets (docs/BENCHMARKS.md, "Recall of the transform shortlist").
    int transformShortlist = 8;
    // Every pair within this transform-aware L2 is scored, proven (ShiftL2Bound), not left to the
    // descriptor: the protocol's L2 threshold. A project's search raises it with its L2 threshold
    // (DedupSettings::transformL2Guarantee, which its search mode records). 0: off.
    double transformL2Guarantee = 1000;
    // Working memory of one candidate chunk (shortlists and features; see below). Smaller values only
    // mean more chunks with identical results.
    qint64 workingBytes = qint64(256) << 20;
};

struct NearDuplicateResult {
    int k = 0;
    qsizetype candidates = 0;
    std::vector<Neighbor> l2;   // candidates x k, nearest first; value = exact L2 distance on 0-255 pixels
    std::vector<Neighbor> ssim; // candidates x k, most similar first; value = SSIM
    qint64 ssimPairs = 0;       // exact SSIM evaluations
    qint64 l2Fallbacks = 0;     // candidates whose L2 top-k needed the brute-force check
    std::vector<PairScore> l2Scores, ssimScores; // with transforms: parallel to l2 / ssim
    qint64 transformPairs = 0;                   // pairs scored under every transform

    std::span<const Neighbor> l2Of(qsizetype candidate) const { return {l2.data() + candidate * k, size_t(k)}; }
    std::span<const Neighbor> ssimOf(qsizetype candidate) const { return {ssim.data() + candidate * k, size_t(k)}; }
    // Empty without transforms.
    std::span<const PairScore> l2ScoresOf(qsizetype candidate) const
    {
        return l2Scores.empty() ? std::span<const PairScore>() : std::span(l2Scores.data() + candidate * k, size_t(k));
    }
    std::span<const PairScore> ssimScoresOf(qsizetype candidate) const
    {
        return ssimScores.empty() ? std::span<const PairScore>()
                                  : std::span(ssimScores.data() + candidate * k, size_t(k));
    }
};

// For every candidate image, its k nearest reference images by exact L2 and its k most similar by
// SSIM (skimage's definition, Ssim.h). Images are canonical 32x32 RGB (ImageSet layout).
//
// L2: exact, in integers throughout (ExactL2Search: block-mean bounds on the integer kernels, the
// exact distance only where they allow a win, every answer proven), on the fastest integer kernel
// this CPU runs or the one TC_INT_KERNEL forces (IntKernels.h).
// SSIM (default): exact SSIM on the union of the L2 shortlist and a structure-correlation shortlist
// (structure bytes, ImageFeatures.h, on the integer kernels). Its recall against exhaustive mode is measured by the
// benchmark (docs/BENCHMARKS.md). Exhaustive: exact SSIM of every pair (SsimKernel.h), all cores.
//
// The references are prepared once per instance, so one instance serves many candidate batches.
// run() is re-entrant for different result objects but uses every core itself.
//
// Memory is bounded by design: besides the result (candidates x k, k at most the reference count)
// and the prepared references, run() works through the candidates in chunks whose shortlists and
// features fit options.workingBytes, so nothing grows with candidates x top-k or candidates x references.
class NearDuplicateSearch final {
public:
    // The references are not copied: they must outlive this object.
    NearDuplicateSearch(const std::uint8_t *references, qsizetype referenceCount, NearDuplicateOptions options = {});
    ~NearDuplicateSearch();

    // False when the integer kernel forced by TC_INT_KERNEL cannot run here (nothing computed,
    // errorString() says why), or when cancelled through progress (result then incomplete).
    bool run(const std::uint8_t *candidates, qsizetype candidateCount, NearDuplicateResult *result,
             const Progress &progress = {});

    // The options in effect (topK capped at the reference count).
    const NearDuplicateOptions &options() const { return m_options; }
    // Candidates per internal chunk (the working-memory bound above).
    qsizetype chunkSize() const;
    // The integer kernel the L2 search runs on; invalid when TC_INT_KERNEL forces one this CPU lacks.
    const IntKernels &intKernels() const { return m_ints; }
    bool isValid() const { return m_ints.isValid(); }
    QString errorString() const { return m_ints.errorString(); }

private:
    struct References;
    // Output rows of one chunk: l2 and ssim point at the chunk's first candidate's k slots.
    struct ChunkOut {
        Neighbor *l2 = nullptr;
        Neighbor *ssim = nullptr;
        qint64 ssimPairs = 0;
        qint64 l2Fallbacks = 0;
        PairScore *l2Scores = nullptr;
        PairScore *ssimScores = nullptr;
        qint64 transformPairs = 0;
    };
    bool prepare(const Progress &progress);
    int l2ShortlistSize() const;
    int structureShortlistSize() const;
    bool runChunk(const std::uint8_t *cands, qsizetype n, ChunkOut &out, const Progress &progress, int chunk,
                  int chunks);
    bool l2Pass(const std::uint8_t *cands, qsizetype n, ChunkOut &out, std::vector<Neighbor> &l2Shortlists,
                const Progress &progress);
    bool structurePass(const std::uint8_t *cands, qsizetype n, std::vector<Neighbor> &shortlists,
                       const Progress &progress);
    bool shortlistSsim(const std::uint8_t *cands, qsizetype n, const std::vector<Neighbor> &l2Lists,
                       const std::vector<Neighbor> &structureLists, ChunkOut &out, const Progress &progress);
    bool exhaustiveSsim(const std::uint8_t *cands, qsizetype n, ChunkOut &out, const Progress &progress);

    const std::uint8_t *m_refs;
    qsizetype m_refCount;
    NearDuplicateOptions m_options;
    IntKernels m_ints;
    std::unique_ptr<References> m_prepared;
    std::unique_ptr<TransformSearch> m_transforms;
};

} // namespace tc::core
