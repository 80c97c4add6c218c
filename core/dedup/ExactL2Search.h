#pragma once

#include "core/common/Progress.h"
#include "core/dedup/BlockBound.h"
#include "core/dedup/IntKernels.h"
#include "core/dedup/IntTopK.h"

#include <cstdint>
#include <vector>

namespace tc::core {

// Exact L2 top-k of canonical 32x32 RGB images (ImageSet layout) against a prepared reference set,
// in integers throughout, on the integer kernels (IntKernels.h).
//
// Per candidate: 4x4 block means (192 bytes, a sixteenth of the work) against every reference on
// the kernels; the few references nearest in that space are measured exactly, which sets a
// threshold (the k-th exact distance so far); then every reference whose 4x4 block bound
// (BlockBound.h) does not exceed the threshold meets the 2x2 bound and, if still in, the exact
// distance, the threshold tightening as it goes. Every reference is thus either measured or proven
// no nearer than the k-th, so the answer is the exact top-k, ties broken towards the lower index,
// identical on every path; only its cost depends on the images.
class ExactL2Search final {
public:
    // references: count x 3072 bytes; not copied (must outlive this object). Prepares the block
    // means on `threads` threads (0: every core).
    ExactL2Search(const IntKernels &kernels, const std::uint8_t *references, qsizetype count, int threads = 0);

    qsizetype referenceCount() const { return m_count; }
    const IntKernels &kernels() const { return m_kernels; }
    // References measured first per candidate (0, the default: near + 8), to set the threshold and
    // fill the near list;
    // any value gives the same answer at another cost. Capped at the reference count.
    void setSeeds(int seeds) { m_seeds = std::max(0, seeds); }

    struct Result {
        int k = 0;
        int near = 0;
        // n x k: value = exact squared distance, nearest first, ties by index; -1 past the references.
        std::vector<IntNeighbor> top;
        // n x near: the `near` nearest by exact distance among the references measured (the seeds,
        // the nearest in 4x4 means, and all the bounds let through): a wider net for callers that
        // want near neighbours beyond k, not proven beyond k; its first k are `top`.
        std::vector<IntNeighbor> nearest;
        qint64 fallbacks = 0; // always 0: every candidate's answer is proven (kept for callers' output)
        qint64 refined = 0;   // pairs the 4x4 bound left, which met the 2x2 bound
        qint64 measured = 0;  // exact distances computed
    };
    // k and near are capped at the reference count (near raised to k). False when cancelled.
    bool run(const std::uint8_t *candidates, qsizetype n, int k, int near, Result *result,
             const Progress &progress = {}) const;

private:
    IntKernels m_kernels;
    const std::uint8_t *m_refs;
    qsizetype m_count;
    int m_threads;
    int m_seeds = 0;
    BlockBound m_coarse{4}, m_fine{2};
    BlockBound::Features m_refCoarse, m_refFine;
    PackedRows m_means; // the references' 4x4 block means, packed
};

} // namespace tc::core
