// The AMX-INT8 path of IntKernels: _tile_dpbuud (unsigned x unsigned bytes into int32, exact).
// Compiled with a per-function target so the library runs on CPUs without AMX; IntKernels.cpp calls
// it only after cpuid, XCR0, Linux's tile-data permission and a self-check agreed.
#include "core/dedup/IntKernelPaths.h"

#include <algorithm>
#include <cstring>
#include <immintrin.h>
#include <mutex>
#include <vector>

#if defined(__linux__)
#include <sys/syscall.h>
#include <unistd.h>
#endif

namespace tc::core::intpath {

namespace {

constexpr int kArchGetXcompPerm = 0x1022;
constexpr int kArchReqXcompPerm = 0x1023;
constexpr int kXfeatureXtiledata = 18;

// The 64-byte tile configuration (palette 1): tiles 0-3 accumulate 16 x 16 int32, 4-5 hold 16 rows
// of A x 64 bytes, 6-7 hold 16 groups of 4 depth bytes of B x 16 columns.
struct alignas(64) TileConfig {
    std::uint8_t palette = 1;
    std::uint8_t startRow = 0;
    std::uint8_t reserved[14] = {};
    std::uint16_t colBytes[16] = {};
    std::uint8_t rows[16] = {};
};

// Rows (2 tiles) x columns (2 panels) per block.
constexpr int kTileRows = 16;
constexpr int kBlockRows = 2 * kTileRows;

__attribute__((target("amx-tile,amx-int8"))) void amxBlock(const std::uint8_t *a, qsizetype strideA,
                                                           const std::uint8_t *panel0, const std::uint8_t *panel1,
                                                           int paddedDim, std::int32_t *tile)
{
    _tile_zero(0);
    _tile_zero(1);
    _tile_zero(2);
    _tile_zero(3);
    for (int t = 0; t < paddedDim; t += 64) {
        // A: 16 rows of 64 depth bytes; B: 16 rows (depth groups of 4) of 16 columns x 4 bytes,
        // contiguous in the packed panel ([depth/4][16][4]).
        _tile_loadd(4, a + t, strideA);
        _tile_loadd(5, a + kTileRows * strideA + t, strideA);
        _tile_loadd(6, panel0 + qsizetype(t) * kPanel, 64);
        _tile_loadd(7, panel1 + qsizetype(t) * kPanel, 64);
        _tile_dpbuud(0, 4, 6);
        _tile_dpbuud(1, 4, 7);
        _tile_dpbuud(2, 5, 6);
        _tile_dpbuud(3, 5, 7);
    }
    // tile: 32 rows x 32 columns, row stride 32 int32.
    _tile_stored(0, tile, 128);
    _tile_stored(1, tile + 16, 128);
    _tile_stored(2, tile + 16 * 32, 128);
    _tile_stored(3, tile + 16 * 32 + 16, 128);
}

__attribute__((target("amx-tile"))) void amxConfigure()
{
    TileConfig config;
    for (int t = 0; t < 8; ++t) {
        config.colBytes[t] = 64;
        config.rows[t] = kTileRows;
    }
    _tile_loadconfig(&config);
}

__attribute__((target("amx-tile"))) void amxRelease()
{
    _tile_release();
}

} // namespace

bool requestAmxPermission()
{
#if defined(__linux__) && defined(SYS_arch_prctl)
    static const bool granted = [] {
        if (::syscall(SYS_arch_prctl, kArchReqXcompPerm, kXfeatureXtiledata) != 0)
            return false;
        unsigned long long permitted = 0;
        return ::syscall(SYS_arch_prctl, kArchGetXcompPerm, &permitted) == 0 &&
               ((permitted >> kXfeatureXtiledata) & 1u);
    }();
    return granted;
#else
    return false;
#endif
}

void dotAmx(const DotArgs &args)
{
    // A copied once per call into rows of paddedDim bytes (a multiple of the tile depth 64),
    // zero-padded, and 32-row strips (zero rows past n), so every tile load stays in bounds.
    const int pd = args.b.paddedDim;
    const qsizetype strips = (args.n + kBlockRows - 1) / kBlockRows;
    thread_local std::vector<std::uint8_t> padded;
    padded.assign(size_t(strips * kBlockRows) * pd, 0);
    for (qsizetype i = 0; i < args.n; ++i)
        std::memcpy(padded.data() + i * pd, args.a + i * args.strideA, size_t(args.b.dim));
    alignas(64) std::int32_t tile[kBlockRows * 2 * kPanel];
    const qsizetype first = args.j0 / kPanel, last = (args.j0 + args.cols - 1) / kPanel;
    amxConfigure();
    for (qsizetype p = first; p <= last; p += 2) {
        const std::uint8_t *p0 = args.b.panel(p), *p1 = args.b.panel(std::min(p + 1, last));
        for (qsizetype s = 0; s < strips; ++s) {
            amxBlock(padded.data() + s * kBlockRows * pd, pd, p0, p1, pd, tile);
            storePanel(args, s * kBlockRows, kBlockRows, p, tile, 2 * kPanel);
            if (p + 1 <= last)
                storePanel(args, s * kBlockRows, kBlockRows, p + 1, tile + kPanel, 2 * kPanel);
        }
    }
    amxRelease();
}

} // namespace tc::core::intpath
