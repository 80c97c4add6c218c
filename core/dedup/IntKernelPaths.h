#pragma once

// Internal to IntKernels*.cpp: the per-instruction-set entry points and the packed layouts they share.

#include <QtGlobal>
#include <algorithm>
#include <cstdint>
#include <cstring>

namespace tc::core::intpath {

// Columns per packed panel: one AMX tile row, one zmm of int32, two ymm.
inline constexpr int kPanel = 16;

// A packed block as the kernels see it. Layouts (panel p holds columns 16p .. 16p+15, missing
// columns zero):
//   scalar:      rows as given, paddedDim = dim.
//   avx2:        per panel [dim/2][16][2] int16 (zero-extended pixels), paddedDim = dim rounded to 2.
//   avx(512)vnni per panel [dim/4][16][4] bytes holding b - 128 (b ^ 0x80), paddedDim rounded to 4.
//   amx:         per panel [dim/4][16][4] bytes holding b, paddedDim rounded to 64 (one tile's depth).
struct PackedView {
    const std::uint8_t *data = nullptr;
    qsizetype count = 0;
    int dim = 0;
    int paddedDim = 0;
    qsizetype panelBytes = 0;
    const std::uint8_t *panel(qsizetype p) const { return data + p * panelBytes; }
};

struct DotArgs {
    const std::uint8_t *a = nullptr;
    qsizetype n = 0;
    qsizetype strideA = 0;
    PackedView b;
    qsizetype j0 = 0;
    qsizetype cols = 0;
    std::int32_t *out = nullptr;
    qsizetype ldo = 0;
    // Set by IntKernels::squaredL2: the paths write |a_i - b_j|^2 (squaredFromDot) instead of the
    // dot product, as they store each tile, so the output is written once and never re-read.
    const std::int32_t *rowNorms = nullptr; // |a_i|^2, i < n
    const std::int32_t *colNorms = nullptr; // |b_j|^2, indexed by the packed column j
};

// The one formula from a dot product to the squared distance: |a|^2 + |b|^2 - 2 <a, b>. The true
// value is below 2^31 (d <= kMaxIntDim) but |a|^2 + |b|^2 need not be, so the sum wraps in
// unsigned arithmetic and lands exactly (the vector epilogues wrap the same way).
inline std::int32_t squaredFromDot(std::int32_t rowNorm, std::int32_t colNorm, std::int32_t dot)
{
    return std::int32_t(std::uint32_t(rowNorm) + std::uint32_t(colNorm) - 2u * std::uint32_t(dot));
}

// Copies the valid part of a computed rows x 16 panel block of dot products (tile, row stride
// tileStride) to the output, as squared distances when args asks for them.
inline void storePanel(const DotArgs &args, qsizetype i0, int rows, qsizetype panel, const std::int32_t *tile,
                       qsizetype tileStride)
{
    const qsizetype c0 = std::max(args.j0, panel * kPanel), c1 = std::min(args.j0 + args.cols, panel * kPanel + kPanel);
    if (args.rowNorms) {
        for (int r = 0; r < rows && i0 + r < args.n; ++r)
            for (qsizetype c = c0; c < c1; ++c)
                args.out[(i0 + r) * args.ldo + (c - args.j0)] = squaredFromDot(
                    args.rowNorms[i0 + r], args.colNorms[c], tile[r * tileStride + (c - panel * kPanel)]);
        return;
    }
    if (c1 - c0 == kPanel) { // the common case: a whole panel, one copy per row
        for (int r = 0; r < rows && i0 + r < args.n; ++r)
            std::memcpy(args.out + (i0 + r) * args.ldo + (c0 - args.j0), tile + r * tileStride,
                        sizeof(std::int32_t) * kPanel);
        return;
    }
    for (int r = 0; r < rows && i0 + r < args.n; ++r)
        for (qsizetype c = c0; c < c1; ++c)
            args.out[(i0 + r) * args.ldo + (c - args.j0)] = tile[r * tileStride + (c - panel * kPanel)];
}

void dotScalar(const DotArgs &args);
void dotAvx2(const DotArgs &args);
void dotAvxVnni(const DotArgs &args);
void dotAvx512Vnni(const DotArgs &args);
void dotAmx(const DotArgs &args);

// Asks Linux for the AMX tile data state (once per process); false when refused or not Linux.
bool requestAmxPermission();

} // namespace tc::core::intpath
