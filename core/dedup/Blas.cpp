#include "core/dedup/Blas.h"

#include <algorithm>
#include <cpuid.h>
#include <cstdlib>
#include <cstring>
#include <dlfcn.h>
#include <mutex>
#include <strings.h>

namespace tc::core {

namespace {

// What the process environment said before we touched it: empty when the user set nothing.
// Plain C storage because configureEnvironment() may run before C++ constructors.
char g_userSetting[64];
char g_chosen[32];
bool g_configured = false;

constexpr int kRowMajor = 101;
constexpr int kNoTrans = 111;
constexpr int kTrans = 112;

// Fallback when libopenblas.so.0 is absent: a cache-blocked loop the compiler vectorises; slow
// but correct, so the product still runs everywhere.
void fallbackGemmABt(int m, int n, int k, const float *a, const float *b, float *c, int ldc)
{
    constexpr int kBlock = 64;
    for (int i0 = 0; i0 < m; i0 += kBlock) {
        for (int j0 = 0; j0 < n; j0 += kBlock) {
            const int i1 = std::min(m, i0 + kBlock), j1 = std::min(n, j0 + kBlock);
            for (int i = i0; i < i1; ++i) {
                for (int j = j0; j < j1; ++j) {
                    const float *x = a + qsizetype(i) * k, *y = b + qsizetype(j) * k;
                    float sum = 0;
                    for (int t = 0; t < k; ++t)
                        sum += x[t] * y[t];
                    c[qsizetype(i) * ldc + j] = sum;
                }
            }
        }
    }
}

} // namespace

const char *Blas::coreTypeForThisCpu()
{
    __builtin_cpu_init(); // may run before libgcc's own constructor
    const bool avx512 = __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
                        __builtin_cpu_supports("avx512dq") && __builtin_cpu_supports("avx512vl") &&
                        __builtin_cpu_supports("avx512cd");
    if (avx512) {
        // OpenBLAS names the bf16-capable AVX-512 kernels after Cooper Lake; its sgemm is SkylakeX's.
        unsigned eax = 0, ebx = 0, ecx = 0, edx = 0;
        const bool bf16 = __get_cpuid_count(7, 1, &eax, &ebx, &ecx, &edx) && ((eax >> 5) & 1u);
        return bf16 ? "COOPERLAKE" : "SKYLAKEX";
    }
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"))
        return "HASWELL";
    return ""; // older CPUs are known to OpenBLAS already
}

void Blas::configureEnvironment()
{
    if (g_configured)
        return;
    g_configured = true;
    if (const char *user = std::getenv("OPENBLAS_CORETYPE"); user && *user) {
        std::strncpy(g_userSetting, user, sizeof g_userSetting - 1);
        return;
    }
    const char *choice = coreTypeForThisCpu();
    if (*choice) {
        std::strncpy(g_chosen, choice, sizeof g_chosen - 1);
        ::setenv("OPENBLAS_CORETYPE", choice, 0);
    }
}

Blas::Blas()
{
    static std::mutex mutex;
    const std::lock_guard lock(mutex);
    configureEnvironment();
    // Already in the process? OpenCV links it, so every GUI/CLI process has it from the start, and
    // its constructor has chosen kernels before main() ran.
    void *handle = ::dlopen("libopenblas.so.0", RTLD_NOW | RTLD_NOLOAD);
    m_preloaded = handle != nullptr;
    if (!handle)
        handle = ::dlopen("libopenblas.so.0", RTLD_NOW | RTLD_LOCAL);
    if (!handle)
        return;
    // The handle is never closed: unloading OpenBLAS while its thread pool lives is unsafe.
    m_sgemm = reinterpret_cast<SgemmFn>(::dlsym(handle, "cblas_sgemm"));
    m_coreName = reinterpret_cast<NameFn>(::dlsym(handle, "openblas_get_corename"));
    m_config = reinterpret_cast<NameFn>(::dlsym(handle, "openblas_get_config"));
    if (m_preloaded && *g_chosen && m_coreName && ::strcasecmp(m_coreName(), g_chosen) != 0)
        reselectKernels(handle);
}

// A DYNAMIC_ARCH OpenBLAS keeps its kernel table in one pointer that gotoblas_dynamic_quit() clears
// and gotoblas_dynamic_init() refills from OPENBLAS_CORETYPE (exported by Debian's build). Done
// once, at the first Blas construction, before this process ran any BLAS call of its own.
void Blas::reselectKernels(void *handle)
{
    using VoidFn = void (*)();
    const auto quit = reinterpret_cast<VoidFn>(::dlsym(handle, "gotoblas_dynamic_quit"));
    const auto init = reinterpret_cast<VoidFn>(::dlsym(handle, "gotoblas_dynamic_init"));
    if (!quit || !init)
        return;
    quit();
    init();
    m_reselected = true;
}

QString Blas::coreName() const
{
    if (!m_sgemm)
        return QStringLiteral("built-in blocked C++ GEMM (libopenblas.so.0 not found)");
    return m_coreName ? QString::fromLatin1(m_coreName()).trimmed() : QStringLiteral("unknown");
}

QString Blas::config() const
{
    return m_config ? QString::fromLatin1(m_config()).trimmed() : QString();
}

QString Blas::coreTypeSetting() const
{
    if (*g_userSetting)
        return QString::fromLatin1(g_userSetting);
    return QString::fromLatin1(g_chosen);
}

Blas::CoreTypeOrigin Blas::coreTypeOrigin() const
{
    if (*g_userSetting)
        return CoreTypeOrigin::User;
    return *g_chosen ? CoreTypeOrigin::Chosen : CoreTypeOrigin::Library;
}

QString Blas::summary() const
{
    QString origin;
    switch (coreTypeOrigin()) {
    case CoreTypeOrigin::User:
        origin = QStringLiteral("OPENBLAS_CORETYPE=%1 set by the user, kept").arg(coreTypeSetting());
        break;
    case CoreTypeOrigin::Chosen:
        origin = QStringLiteral("OPENBLAS_CORETYPE=%1 chosen from the CPU features").arg(coreTypeSetting());
        break;
    case CoreTypeOrigin::Library:
        origin = QStringLiteral("core type left to OpenBLAS");
        break;
    }
    if (m_reselected)
        origin += QStringLiteral(" (OpenBLAS was already loaded: kernels re-selected)");
    else if (m_preloaded && coreTypeOrigin() == CoreTypeOrigin::Chosen)
        origin += QStringLiteral(" (OpenBLAS was already loaded with these kernels)");
    return QStringLiteral("%1; %2").arg(coreName(), origin);
}

void Blas::gemmABt(int m, int n, int k, const float *a, const float *b, float *c, int ldc) const
{
    if (m <= 0 || n <= 0)
        return;
    if (m_sgemm)
        m_sgemm(kRowMajor, kNoTrans, kTrans, m, n, k, 1.0f, a, k, b, k, 0.0f, c, ldc);
    else
        fallbackGemmABt(m, n, k, a, b, c, ldc);
}

} // namespace tc::core
