#pragma once

#include <QString>

namespace tc::core {

// Single-precision GEMM through OpenBLAS, loaded at run time, with a portable fallback.
//
// Why not link OpenBLAS: Debian's OpenBLAS 0.3.21 picks its kernels once, in its load-time
// constructor, from the CPU model or from OPENBLAS_CORETYPE. On CPUs newer than the library it
// falls back to Prescott (SSE3) kernels, 6x slower than the AVX-512 ones. We choose the core type
// from the CPU's features and put it in the environment before OpenBLAS initialises (unless the
// user already set OPENBLAS_CORETYPE), then dlopen() it. OpenCV pulls libopenblas into every
// executable that links it, so it is usually initialised before main(): then the kernels are
// re-selected once through OpenBLAS's exported gotoblas_dynamic_quit/init (see Blas.cpp).
class Blas final {
public:
    enum class CoreTypeOrigin { User, Chosen, Library };

    Blas();
    Blas(const Blas &) = delete;
    Blas &operator=(const Blas &) = delete;

    bool isOpenBlas() const { return m_sgemm != nullptr; }
    // OpenBLAS's own names ("SkylakeX", "Haswell", ...), or a description of the fallback.
    QString coreName() const;
    QString config() const;
    // The OPENBLAS_CORETYPE in effect and who set it.
    QString coreTypeSetting() const;
    CoreTypeOrigin coreTypeOrigin() const;
    // True when OpenBLAS was already loaded (by a dependency) when this object was made.
    bool wasPreloaded() const { return m_preloaded; }
    // True when the kernels were switched after the fact (OpenBLAS had picked others).
    bool kernelsReselected() const { return m_reselected; }
    // One line for logs and benchmarks: kernel, setting and its origin.
    QString summary() const;

    // C (m x n, row stride ldc) = A (m x k, row-major, stride k) * B^T, B being n x k row-major.
    void gemmABt(int m, int n, int k, const float *a, const float *b, float *c, int ldc) const;

    // The core type OpenBLAS should use on this CPU, empty to let OpenBLAS decide.
    static const char *coreTypeForThisCpu();
    // Sets OPENBLAS_CORETYPE unless the user did; idempotent.
    static void configureEnvironment();

private:
    using SgemmFn = void (*)(int, int, int, int, int, int, float, const float *, int, const float *, int, float,
                             float *, int);
    using NameFn = char *(*)();

    SgemmFn m_sgemm = nullptr;
    NameFn m_coreName = nullptr;
    NameFn m_config = nullptr;
    bool m_preloaded = false;
    bool m_reselected = false;

    void reselectKernels(void *handle);
};

} // namespace tc::core
