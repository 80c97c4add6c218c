#pragma once

#include "core/common/Progress.h"
#include "core/dedup/IntKernels.h"

#include <cstdint>
#include <limits>

namespace tc::core {

// One reference found by exact integer distance: value is |a - b|^2 (exact; a float would not be
// above 2^24).
struct IntNeighbor {
    qint32 index = -1;
    std::int32_t value = std::numeric_limits<std::int32_t>::max();
};

// For every row a_i (n rows, row i at a + i * strideA, b.dim() bytes), the k rows of b nearest by
// exact squared L2, sorted by (distance, index): ties break towards the lower index, so the answer
// is unique and identical whatever the path, thread count or tiling. Rows with fewer than k
// references get index -1 in the unfilled slots. Work is split over `threads` (0: every core);
// memory besides `out` is a few MB whatever n, k and b.count(). False when cancelled (out is then
// incomplete). Reports rows done of n.
bool intTopK(const IntKernels &kernels, const std::uint8_t *a, qsizetype n, qsizetype strideA, const PackedRows &b,
             int k, int threads, IntNeighbor *out, const Progress &progress = {});

} // namespace tc::core
