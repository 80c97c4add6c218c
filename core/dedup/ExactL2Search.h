#pragma once

#include "core/common/Progress.h"
#include "core/dedup/IntKernels.h"
#include "core/dedup/IntTopK.h"

#include <cstdint>
#include <vector>

namespace tc::core {

// Exact L2 top-k of canonical 32x32 RGB images (ImageSet layout) against a prepared reference set,
// in integers throughout, on the integer kernels (IntKernels.h).
//
// Pass 1 compares 2x2 block means (768 uint8 per image, a quarter of the work) on the integer
// kernels and keeps per candidate the `shortlist` references nearest in that space. Pass 2 measures
// them exactly (3072 bytes) in the order of a per-pair lower bound, stopping once the bound passes
// the k-th exact distance, and proves the top-k: every reference left out is at least as far in
// block-mean space as the last one kept, which bounds its true distance from below (ExactL2Search.cpp
// says why). A candidate whose k-th exact distance is not strictly below that bound is measured
// against every reference (on the integer kernels, all such candidates together). So the answer
// is the exact top-k, ties broken towards the lower index, identical on every path; only its cost
// depends on the images.
class ExactL2Search final {
public:
    // references: count x 3072 bytes; not copied (must outlive this object). Prepares the block
    // means on `threads` threads (0: every core).
    ExactL2Search(const IntKernels &kernels, const std::uint8_t *references, qsizetype count, int threads = 0);

    qsizetype referenceCount() const { return m_count; }
    const IntKernels &kernels() const { return m_kernels; }
    // Block-mean shortlist per candidate (default 256); smaller means more brute-force fallbacks,
    // never another answer. Capped at the reference count.
    void setShortlist(int shortlist) { m_shortlist = std::max(1, shortlist); }

    struct Result {
        int k = 0;
        int near = 0;
        // n x k: value = exact squared distance, nearest first, ties by index; -1 past the references.
        std::vector<IntNeighbor> top;
        // n x near: the `near` nearest by exact distance among the block-mean shortlist (a wider net
        // for callers that want near neighbours beyond k; its first k are `top` when proven).
        std::vector<IntNeighbor> nearest;
        qint64 fallbacks = 0; // candidates measured against every reference
        qint64 measured = 0;  // exact distances computed in pass 2 (fallbacks not counted)
    };
    // k and near are capped at the reference count (near raised to k). False when cancelled.
    bool run(const std::uint8_t *candidates, qsizetype n, int k, int near, Result *result,
             const Progress &progress = {}) const;

private:
    void bruteForce(const std::uint8_t *cands, const std::vector<qsizetype> &rows, int k, Result *result) const;

    IntKernels m_kernels;
    const std::uint8_t *m_refs;
    qsizetype m_count;
    int m_threads;
    int m_shortlist = 256;
    PackedRows m_means;
    std::vector<double> m_rho, m_tau; // per reference, see ExactL2Search.cpp
    double m_maxRho = 0;
};

} // namespace tc::core
