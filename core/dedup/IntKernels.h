#pragma once

#include <QList>
#include <QString>
#include <QStringView>
#include <cstdint>
#include <optional>
#include <vector>

namespace tc::core {

// Exact uint8 dot products and squared L2 distances of an n x d block against an m x d block,
// chosen at run time among the instruction sets this CPU and OS offer.
//
// Pixels are uint8, so <x, y> and |x - y|^2 = |x|^2 + |y|^2 - 2 <x, y> are exact in int32 for
// d <= kMaxIntDim (a 32x32 RGB image has d = 3072): every path computes the same integers, bit
// for bit, and the results need no float error bound. Paths, fastest first:
//   amx         AMX-INT8 tiles (_tile_dpbuud: unsigned x unsigned); Linux must grant tile data
//               (arch_prctl(ARCH_REQ_XCOMP_PERM, XFEATURE_XTILEDATA)), else the path is absent.
//   avx512vnni  vpdpbusd on 512 bits (unsigned x signed: the packed side is offset by -128 and
//               128 * sum(a) added back, exactly).
//   avxvnni     the same on 256 bits (VEX encoding, Alder Lake and later).
//   avx2        vpmaddwd on zero-extended 16-bit operands (exact; vpmaddubsw would saturate).
//   scalar      plain C++, every x86-64 (and any other) CPU.
// TC_INT_KERNEL=<name> forces a path (tests, benchmarks, users chasing a problem); forcing one the
// CPU lacks is an error (IntKernels::isValid), never a silent fallback.
enum class IntKernel { Scalar, Avx2, AvxVnni, Avx512Vnni, Amx };

namespace intpath {
bool passesSelfCheck(IntKernel kernel); // IntKernels.cpp
}

// d * 255^2 must stay below 2^31.
inline constexpr int kMaxIntDim = 33025;

// "scalar", "avx2", "avxvnni", "avx512vnni", "amx" (the TC_INT_KERNEL values).
QString intKernelName(IntKernel kernel);
std::optional<IntKernel> intKernelFromName(QStringView name);
// Every path this CPU and OS can run, fastest first (scalar always last).
QList<IntKernel> supportedIntKernels();
bool intKernelSupported(IntKernel kernel);

// The m x d block, laid out for one path (its private layout), with each row's |b|^2.
// Pack once, use for many n x d blocks: packing costs about one pass over the rows.
class PackedRows final {
public:
    PackedRows() = default;
    qsizetype count() const { return m_count; }
    int dim() const { return m_dim; }
    IntKernel kernel() const { return m_kernel; }
    // |b_j|^2, exact.
    const std::int32_t *norms() const { return m_norms.data(); }

private:
    friend class IntKernels;
    IntKernel m_kernel = IntKernel::Scalar;
    qsizetype m_count = 0;
    int m_dim = 0;
    int m_paddedDim = 0;
    std::vector<std::uint8_t> m_data;
    std::vector<std::int32_t> m_norms;
};

// One chosen path. Cheap to copy; every const member is thread-safe (callers split the work:
// a call computes its whole block on the calling thread).
class IntKernels final {
public:
    // The path TC_INT_KERNEL names, else the fastest this machine supports. Invalid (with the
    // reason in errorString()) when the variable names an unknown path or one this CPU lacks.
    static IntKernels chosen();
    // A given path; invalid when this CPU or OS lacks it.
    explicit IntKernels(IntKernel kernel);

    bool isValid() const { return m_valid; }
    QString errorString() const { return m_error; }
    IntKernel kernel() const { return m_kernel; }
    QString name() const { return intKernelName(m_kernel); }
    // One line for logs and benchmarks, e.g. "integer kernel: avx512vnni (fastest of avx512vnni,
    // avx2, scalar)" or "... (forced by TC_INT_KERNEL)".
    QString summary() const;

    // rows: count x dim bytes, row r at rows + r * stride. dim in [1, kMaxIntDim].
    PackedRows pack(const std::uint8_t *rows, qsizetype count, int dim, qsizetype stride) const;

    // out[i * ldo + (j - j0)] = <a_i, b_j> for i < n, j0 <= j < j0 + cols (b packed by this path,
    // same dim; a_i at a + i * strideA).
    void dot(const std::uint8_t *a, qsizetype n, qsizetype strideA, const PackedRows &b, qsizetype j0, qsizetype cols,
             std::int32_t *out, qsizetype ldo) const;
    // The same layout with |a_i - b_j|^2 (exact), from the dot products and both norms.
    void squaredL2(const std::uint8_t *a, qsizetype n, qsizetype strideA, const PackedRows &b, qsizetype j0,
                   qsizetype cols, std::int32_t *out, qsizetype ldo) const;

    // |v|^2 of one row, exact.
    static std::int32_t squaredNorm(const std::uint8_t *v, int dim);

private:
    friend bool intpath::passesSelfCheck(IntKernel);
    IntKernels() = default;
    // A path without the support check (the self-check that decides support uses it).
    static IntKernels unchecked(IntKernel kernel);
    // dot and squaredL2: rowNorms (|a_i|^2) asks the path for distances, computed as it stores.
    void run(const std::uint8_t *a, qsizetype n, qsizetype strideA, const PackedRows &b, qsizetype j0, qsizetype cols,
             std::int32_t *out, qsizetype ldo, const std::int32_t *rowNorms) const;
    IntKernel m_kernel = IntKernel::Scalar;
    bool m_valid = true;
    bool m_forced = false;
    QString m_error;
};

} // namespace tc::core
