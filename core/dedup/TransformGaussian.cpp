// The Gaussian window (Ssim.h's Gaussian11: skimage's gaussian_weights=True, sigma 1.5,
// use_sample_covariance=False) for TransformScorer's per-pair stage. Doubles, as the window has no
// exact integer form (GaussianSsimKernel.h says why float is not enough); per image the filtered
// x and x^2 once, per evaluation the filtered x*y of the overlap and the terms.
//
// Interleaved like the pixels, so each filter tap is one pass over contiguous values that the
// compiler vectorises (cloned per instruction set). Every clone computes the same operations in the
// same order without fused multiply-adds, so the clones agree bit for bit; against the planar
// double code (TransformScorer::scoreStraightforward) the sums are ordered differently, ~1e-16.
#include "core/common/ImageSet.h"
#include "core/dedup/GaussianSsimKernel.h"
#include "core/dedup/Ssim.h"
#include "core/dedup/TransformKernels.h"

// (Scoped: in the unity build the files of core/dedup share one translation unit. Clang only
// contracts within one expression; its pragma is set per function below.)
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC push_options
#pragma GCC optimize("fp-contract=off")
#endif
#if defined(__clang__)
#define TC_GAUSS_NO_CONTRACT _Pragma("clang fp contract(off)")
#else
#define TC_GAUSS_NO_CONTRACT
#endif

#define TC_GAUSS_CLONES __attribute__((target_clones("arch=x86-64-v4", "arch=x86-64-v3", "default")))

namespace tc::core::transformpath {

namespace {

constexpr int kGaussTaps = kGaussianTaps;
constexpr int kGaussCols = kGaussianGrid * kImageChannels; // 66 window values per row of a full image

struct GaussTaps {
    double w[kGaussTaps];
};

GaussTaps gaussTaps()
{
    GaussTaps out;
    for (int t = 0; t < kGaussTaps; ++t)
        out.w[t] = gaussianSsimWeights()[size_t(t)];
    return out;
}

} // namespace

TC_GAUSS_CLONES void gaussianWindows(const std::uint8_t *image, double *mean, double *square)
{
    TC_GAUSS_NO_CONTRACT
    const GaussTaps g = gaussTaps();
    double hx[kImageSide][kGaussCols], hq[kImageSide][kGaussCols];
    for (int r = 0; r < kImageSide; ++r) {
        double x[kRowBytes], q[kRowBytes];
        for (int i = 0; i < kRowBytes; ++i) {
            x[i] = image[r * kRowBytes + i];
            q[i] = x[i] * x[i];
        }
        for (int i = 0; i < kGaussCols; ++i) {
            hx[r][i] = g.w[0] * x[i];
            hq[r][i] = g.w[0] * q[i];
        }
        for (int t = 1; t < kGaussTaps; ++t)
            for (int i = 0; i < kGaussCols; ++i) {
                hx[r][i] += g.w[t] * x[i + kImageChannels * t];
                hq[r][i] += g.w[t] * q[i + kImageChannels * t];
            }
    }
    for (int r = 0; r < kGaussianGrid; ++r) {
        double *m = mean + r * kGaussCols, *s = square + r * kGaussCols;
        for (int i = 0; i < kGaussCols; ++i) {
            m[i] = g.w[0] * hx[r][i];
            s[i] = g.w[0] * hq[r][i];
        }
        for (int t = 1; t < kGaussTaps; ++t)
            for (int i = 0; i < kGaussCols; ++i) {
                m[i] += g.w[t] * hx[r + t][i];
                s[i] += g.w[t] * hq[r + t][i];
            }
    }
}

TC_GAUSS_CLONES double gaussianSsimSum(const GaussianBlock &k)
{
    TC_GAUSS_NO_CONTRACT
    const GaussTaps g = gaussTaps();
    const int cols = (k.w - kGaussTaps + 1) * kImageChannels, rows = k.h - kGaussTaps + 1, bytes = k.w * kImageChannels;
    // The filtered x*y of the block: along the rows, then down the columns.
    double hp[kImageSide][kGaussCols];
    for (int r = 0; r < k.h; ++r) {
        double p[kRowBytes];
        for (int i = 0; i < bytes; ++i)
            p[i] = double(k.a[r * kRowBytes + i]) * double(k.b[r * kRowBytes + i]);
        for (int i = 0; i < cols; ++i)
            hp[r][i] = g.w[0] * p[i];
        for (int t = 1; t < kGaussTaps; ++t)
            for (int i = 0; i < cols; ++i)
                hp[r][i] += g.w[t] * p[i + kImageChannels * t];
    }
    double lanes[8] = {};
    for (int r = 0; r < rows; ++r) {
        double xy[kGaussCols], term[kGaussCols];
        for (int i = 0; i < cols; ++i)
            xy[i] = g.w[0] * hp[r][i];
        for (int t = 1; t < kGaussTaps; ++t)
            for (int i = 0; i < cols; ++i)
                xy[i] += g.w[t] * hp[r + t][i];
        const double *ma = k.meanA + r * kGaussCols, *qa = k.squareA + r * kGaussCols;
        const double *mb = k.meanB + r * kGaussCols, *qb = k.squareB + r * kGaussCols;
        // skimage's terms, use_sample_covariance=False.
        for (int i = 0; i < cols; ++i) {
            const double ux = ma[i], uy = mb[i];
            const double vx = qa[i] - ux * ux, vy = qb[i] - uy * uy, vxy = xy[i] - ux * uy;
            const double a1 = 2 * ux * uy + kSsimC1, a2 = 2 * vxy + kSsimC2;
            const double b1 = ux * ux + uy * uy + kSsimC1, b2 = vx + vy + kSsimC2;
            term[i] = (a1 * a2) / (b1 * b2);
        }
        for (int i = 0; i < cols; ++i)
            lanes[i & 7] += term[i];
    }
    return ((lanes[0] + lanes[1]) + (lanes[2] + lanes[3])) + ((lanes[4] + lanes[5]) + (lanes[6] + lanes[7]));
}

} // namespace tc::core::transformpath

#undef TC_GAUSS_CLONES
#undef TC_GAUSS_NO_CONTRACT
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC pop_options
#endif
