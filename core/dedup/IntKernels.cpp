#include "core/dedup/IntKernels.h"

#include "core/dedup/IntKernelPaths.h"

#include <algorithm>
#include <array>
#include <cpuid.h>
#include <cstring>
#include <mutex>
#include <random>

namespace tc::core {

using intpath::DotArgs;
using intpath::kPanel;
using intpath::PackedView;

namespace {

constexpr std::array<IntKernel, 5> kFastestFirst = {IntKernel::Amx, IntKernel::Avx512Vnni, IntKernel::AvxVnni,
                                                    IntKernel::Avx2, IntKernel::Scalar};

// XCR0: the register states the OS saves, hence lets programs use (xgetbv needs OSXSAVE).
std::uint64_t enabledStates()
{
    unsigned eax = 0, ebx = 0, ecx = 0, edx = 0;
    if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx) || !((ecx >> 27) & 1u))
        return 0;
    unsigned lo = 0, hi = 0;
    __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    return (std::uint64_t(hi) << 32) | lo;
}

// What cpuid and xgetbv say, before any self-check.
bool cpuHas(IntKernel kernel)
{
    unsigned a0 = 0, b0 = 0, c0 = 0, d0 = 0, a1 = 0, b1 = 0, c1 = 0, d1 = 0;
    if (!__get_cpuid_count(7, 0, &a0, &b0, &c0, &d0))
        return kernel == IntKernel::Scalar;
    if (a0 >= 1)
        __get_cpuid_count(7, 1, &a1, &b1, &c1, &d1);
    const std::uint64_t xcr0 = enabledStates();
    const bool ymm = (xcr0 & 0x6) == 0x6;           // SSE + AVX state
    const bool zmm = ymm && (xcr0 & 0xe0) == 0xe0;  // opmask + ZMM state
    const bool tiles = (xcr0 & 0x60000) == 0x60000; // XTILECFG + XTILEDATA
    const bool avx2 = ymm && ((b0 >> 5) & 1u);
    const bool avx512 = zmm && ((b0 >> 16) & 1u) && ((b0 >> 30) & 1u) && ((b0 >> 31) & 1u); // F, BW, VL
    switch (kernel) {
    case IntKernel::Scalar:
        return true;
    case IntKernel::Avx2:
        return avx2;
    case IntKernel::AvxVnni:
        return avx2 && ((a1 >> 4) & 1u);
    case IntKernel::Avx512Vnni:
        return avx512 && ((c0 >> 11) & 1u);
    case IntKernel::Amx:
        return tiles && ((d0 >> 24) & 1u) && ((d0 >> 25) & 1u) && intpath::requestAmxPermission();
    }
    return false;
}

void runDot(IntKernel kernel, const DotArgs &args)
{
    switch (kernel) {
    case IntKernel::Scalar:
        return intpath::dotScalar(args);
    case IntKernel::Avx2:
        return intpath::dotAvx2(args);
    case IntKernel::AvxVnni:
        return intpath::dotAvxVnni(args);
    case IntKernel::Avx512Vnni:
        return intpath::dotAvx512Vnni(args);
    case IntKernel::Amx:
        return intpath::dotAmx(args);
    }
}

} // namespace

namespace intpath {

// A path that the CPU claims but that computes other integers than plain C++ (an emulator, a
// hypervisor that lies, a bug on a CPU we could not test) must not be used: each path is checked
// once on awkward shapes (tails in every dimension, extreme pixels) before it is offered.
bool passesSelfCheck(IntKernel kernel)
{
    std::mt19937 rng(13);
    for (const auto &[n, m, d] : {std::array<int, 3>{37, 45, 131}, std::array<int, 3>{3, 70, 3072}}) {
        std::vector<std::uint8_t> a(size_t(n) * d), b(size_t(m) * d);
        for (auto &v : a)
            v = rng() % 4 == 0 ? 255 : std::uint8_t(rng());
        for (auto &v : b)
            v = rng() % 4 == 0 ? 255 : std::uint8_t(rng());
        const IntKernels plain = IntKernels::unchecked(IntKernel::Scalar), tried = IntKernels::unchecked(kernel);
        const PackedRows pb = plain.pack(b.data(), m, d, d), tb = tried.pack(b.data(), m, d, d);
        std::vector<std::int32_t> want(size_t(n) * m), got(size_t(n) * m, -1);
        plain.squaredL2(a.data(), n, d, pb, 0, m, want.data(), m);
        tried.squaredL2(a.data(), n, d, tb, 0, m, got.data(), m);
        if (want != got)
            return false;
    }
    return true;
}

} // namespace intpath

namespace {

struct Support {
    std::array<bool, 5> cpu{};
    std::array<bool, 5> checked{};
};

const Support &support()
{
    static const Support s = [] {
        Support r;
        for (IntKernel k : kFastestFirst) {
            r.cpu[size_t(k)] = cpuHas(k);
            r.checked[size_t(k)] = r.cpu[size_t(k)] && (k == IntKernel::Scalar || intpath::passesSelfCheck(k));
        }
        return r;
    }();
    return s;
}

QString missingReason(IntKernel kernel)
{
    if (support().cpu[size_t(kernel)])
        return QStringLiteral("the %1 path computed wrong integers in its self-check on this CPU")
            .arg(intKernelName(kernel));
    switch (kernel) {
    case IntKernel::Amx:
        return QStringLiteral("this CPU or operating system does not offer AMX-INT8 (cpuid, XCR0 tile state or "
                              "Linux's arch_prctl tile-data permission)");
    case IntKernel::Avx512Vnni:
        return QStringLiteral("this CPU or operating system does not offer AVX-512 VNNI (with F, BW and VL)");
    case IntKernel::AvxVnni:
        return QStringLiteral("this CPU does not offer AVX-VNNI (the 256-bit VEX form)");
    case IntKernel::Avx2:
        return QStringLiteral("this CPU or operating system does not offer AVX2");
    case IntKernel::Scalar:
        break;
    }
    return {};
}

qsizetype panelsFor(qsizetype count)
{
    return (count + kPanel - 1) / kPanel;
}

} // namespace

QString intKernelName(IntKernel kernel)
{
    switch (kernel) {
    case IntKernel::Scalar:
        return QStringLiteral("scalar");
    case IntKernel::Avx2:
        return QStringLiteral("avx2");
    case IntKernel::AvxVnni:
        return QStringLiteral("avxvnni");
    case IntKernel::Avx512Vnni:
        return QStringLiteral("avx512vnni");
    case IntKernel::Amx:
        return QStringLiteral("amx");
    }
    return {};
}

std::optional<IntKernel> intKernelFromName(QStringView name)
{
    for (IntKernel k : kFastestFirst)
        if (name.trimmed().compare(intKernelName(k), Qt::CaseInsensitive) == 0)
            return k;
    return std::nullopt;
}

bool intKernelSupported(IntKernel kernel)
{
    return support().checked[size_t(kernel)];
}

QList<IntKernel> supportedIntKernels()
{
    QList<IntKernel> out;
    for (IntKernel k : kFastestFirst)
        if (intKernelSupported(k))
            out.append(k);
    return out;
}

IntKernels::IntKernels(IntKernel kernel) : m_kernel(kernel)
{
    if (!intKernelSupported(kernel)) {
        m_valid = false;
        m_error =
            QStringLiteral("integer kernel %1 cannot run here: %2").arg(intKernelName(kernel), missingReason(kernel));
    }
}

IntKernels IntKernels::unchecked(IntKernel kernel)
{
    IntKernels k;
    k.m_kernel = kernel;
    return k;
}

IntKernels IntKernels::chosen()
{
    const QString forced = qEnvironmentVariable("TC_INT_KERNEL").trimmed();
    if (forced.isEmpty())
        return IntKernels(supportedIntKernels().first());
    const auto kernel = intKernelFromName(forced);
    if (!kernel) {
        IntKernels k;
        k.m_valid = false;
        k.m_forced = true;
        QStringList names;
        for (IntKernel n : kFastestFirst)
            names << intKernelName(n);
        k.m_error = QStringLiteral("TC_INT_KERNEL=%1 names no integer kernel (known: %2)")
                        .arg(forced, names.join(QStringLiteral(", ")));
        return k;
    }
    IntKernels k(*kernel);
    k.m_forced = true;
    if (!k.m_valid)
        k.m_error = QStringLiteral("TC_INT_KERNEL=%1: %2").arg(forced, k.m_error);
    return k;
}

QString IntKernels::summary() const
{
    if (!m_valid)
        return QStringLiteral("integer kernel: none (%1)").arg(m_error);
    if (m_forced)
        return QStringLiteral("integer kernel: %1 (forced by TC_INT_KERNEL)").arg(name());
    QStringList names;
    for (IntKernel k : supportedIntKernels())
        names << intKernelName(k);
    return QStringLiteral("integer kernel: %1 (fastest of %2)").arg(name(), names.join(QStringLiteral(", ")));
}

std::int32_t IntKernels::squaredNorm(const std::uint8_t *v, int dim)
{
    std::int32_t s = 0;
    for (int t = 0; t < dim; ++t)
        s += std::int32_t(v[t]) * v[t];
    return s;
}

PackedRows IntKernels::pack(const std::uint8_t *rows, qsizetype count, int dim, qsizetype stride) const
{
    Q_ASSERT(dim >= 1 && dim <= kMaxIntDim);
    PackedRows p;
    p.m_kernel = m_kernel;
    p.m_count = count;
    p.m_dim = dim;
    p.m_norms.resize(size_t(count));
    for (qsizetype j = 0; j < count; ++j)
        p.m_norms[size_t(j)] = squaredNorm(rows + j * stride, dim);
    const qsizetype panels = panelsFor(count);
    switch (m_kernel) {
    case IntKernel::Scalar:
        p.m_paddedDim = dim;
        p.m_data.resize(size_t(count) * dim);
        for (qsizetype j = 0; j < count; ++j)
            std::memcpy(p.m_data.data() + j * dim, rows + j * stride, size_t(dim));
        break;
    case IntKernel::Avx2: {
        p.m_paddedDim = (dim + 1) / 2 * 2;
        const qsizetype panelBytes = qsizetype(p.m_paddedDim) * kPanel * 2;
        p.m_data.assign(size_t(panels * panelBytes), 0);
        for (qsizetype j = 0; j < count; ++j) {
            auto *panel = reinterpret_cast<std::int16_t *>(p.m_data.data() + (j / kPanel) * panelBytes);
            const std::uint8_t *row = rows + j * stride;
            for (int t = 0; t < dim; ++t)
                panel[(t / 2) * kPanel * 2 + (j % kPanel) * 2 + t % 2] = row[t];
        }
        break;
    }
    case IntKernel::AvxVnni:
    case IntKernel::Avx512Vnni:
    case IntKernel::Amx: {
        const bool amx = m_kernel == IntKernel::Amx;
        const int depth = amx ? 64 : 4;
        // vpdpbusd multiplies unsigned by signed bytes: store b - 128 (the kernel adds 128 * sum(a)).
        // Padding stays b = 0, so it contributes nothing either way.
        const std::uint8_t offset = amx ? 0x00 : 0x80;
        p.m_paddedDim = (dim + depth - 1) / depth * depth;
        const qsizetype panelBytes = qsizetype(p.m_paddedDim) * kPanel;
        p.m_data.assign(size_t(panels * panelBytes), offset);
        for (qsizetype j = 0; j < count; ++j) {
            std::uint8_t *panel = p.m_data.data() + (j / kPanel) * panelBytes;
            const std::uint8_t *row = rows + j * stride;
            for (int t = 0; t < dim; ++t)
                panel[(t / 4) * kPanel * 4 + (j % kPanel) * 4 + t % 4] = row[t] ^ offset;
        }
        break;
    }
    }
    return p;
}

void IntKernels::dot(const std::uint8_t *a, qsizetype n, qsizetype strideA, const PackedRows &b, qsizetype j0,
                     qsizetype cols, std::int32_t *out, qsizetype ldo) const
{
    run(a, n, strideA, b, j0, cols, out, ldo, nullptr);
}

void IntKernels::squaredL2(const std::uint8_t *a, qsizetype n, qsizetype strideA, const PackedRows &b, qsizetype j0,
                           qsizetype cols, std::int32_t *out, qsizetype ldo) const
{
    thread_local std::vector<std::int32_t> rowNorms;
    rowNorms.resize(size_t(std::max<qsizetype>(n, 0)));
    for (qsizetype i = 0; i < n; ++i)
        rowNorms[size_t(i)] = squaredNorm(a + i * strideA, b.dim());
    run(a, n, strideA, b, j0, cols, out, ldo, rowNorms.data());
}

void IntKernels::run(const std::uint8_t *a, qsizetype n, qsizetype strideA, const PackedRows &b, qsizetype j0,
                     qsizetype cols, std::int32_t *out, qsizetype ldo, const std::int32_t *rowNorms) const
{
    Q_ASSERT(b.kernel() == m_kernel && j0 >= 0 && j0 + cols <= b.count());
    if (n <= 0 || cols <= 0)
        return;
    const qsizetype panelBytes = m_kernel == IntKernel::Scalar ? 0
                                 : m_kernel == IntKernel::Avx2 ? qsizetype(b.m_paddedDim) * kPanel * 2
                                                               : qsizetype(b.m_paddedDim) * kPanel;
    const PackedView view{b.m_data.data(), b.m_count, b.m_dim, b.m_paddedDim, panelBytes};
    DotArgs args{a, n, strideA, view, j0, cols, out, ldo};
    if (rowNorms) {
        args.rowNorms = rowNorms;
        args.colNorms = b.norms();
    }
    runDot(m_kernel, args);
}

namespace intpath {

void dotScalar(const DotArgs &args)
{
    const int d = args.b.dim;
    for (qsizetype i = 0; i < args.n; ++i) {
        const std::uint8_t *x = args.a + i * args.strideA;
        for (qsizetype j = 0; j < args.cols; ++j) {
            const std::uint8_t *y = args.b.data + (args.j0 + j) * d;
            std::int32_t s = 0;
            for (int t = 0; t < d; ++t)
                s += std::int32_t(x[t]) * y[t];
            args.out[i * args.ldo + j] =
                args.rowNorms ? squaredFromDot(args.rowNorms[i], args.colNorms[args.j0 + j], s) : s;
        }
    }
}

} // namespace intpath

} // namespace tc::core
