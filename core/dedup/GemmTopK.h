#pragma once

#include "core/common/Progress.h"
#include "core/dedup/Blas.h"
#include "core/dedup/Neighbors.h"

namespace tc::core {

// Row-wise "K smallest scores" of score(i, j) = colBias[j] + dotScale * <a_i, b_j> over an n x m
// problem without ever holding the n x m matrix: GEMM tiles of a few MB stream through, each
// row keeps its K best while they pass. Used with colBias = |b|^2, dotScale = -2 for L2 distances
// (up to the row's own |a|^2) and colBias = 0, dotScale = -1 for largest correlations.
struct GemmTopKProblem {
    const float *a = nullptr; // n x dim, row-major
    qsizetype n = 0;
    const float *b = nullptr; // m x dim, row-major
    qsizetype m = 0;
    int dim = 0;
    const float *colBias = nullptr; // m values, or null for 0
    float dotScale = -2.0f;
};

// out: n x k neighbours (value = score), sorted ascending; worst: per row the k-th score kept,
// which bounds from below every score not kept. Reports rows done of n. False when cancelled.
// Working memory besides `out` is bounded (one GEMM tile, and per tile row at most min(2k, m)
// kept scores within 64 MB), so a large k costs no allocation of k x m or n x m.
bool gemmTopK(const Blas &blas, const GemmTopKProblem &problem, int k, int threads, Neighbor *out, float *worst,
              const Progress &progress = {});

} // namespace tc::core
