#include "core/dedup/Ssim.h"

#include "core/common/ImageSet.h"
#include "core/dedup/GaussianSsimKernel.h"

#include <cmath>
#include <vector>

namespace tc::core {

namespace {

constexpr int kSide = kImageSide;

struct Window {
    std::vector<double> weights; // 1-D, applied along rows then columns
    double covNorm;
};

Window windowFor(SsimWindow window)
{
    if (window == SsimWindow::Gaussian11) {
        const auto &g = gaussianSsimWeights();
        return {std::vector<double>(g.begin(), g.end()), 1.0};
    }
    constexpr double n = 49.0;
    return {std::vector<double>(7, 1.0 / 7.0), n / (n - 1.0)};
}

// Separable filter evaluated only where the whole window lies inside the image: that is exactly
// the region skimage keeps after crop(S, pad), so its border mode never matters.
std::vector<double> filterValid(const std::vector<double> &plane, const std::vector<double> &w)
{
    const int taps = int(w.size()), out = kSide - taps + 1;
    std::vector<double> rows(size_t(out) * kSide);
    for (int r = 0; r < out; ++r)
        for (int c = 0; c < kSide; ++c) {
            double s = 0;
            for (int t = 0; t < taps; ++t)
                s += w[t] * plane[(r + t) * kSide + c];
            rows[r * kSide + c] = s;
        }
    std::vector<double> result(size_t(out) * out);
    for (int r = 0; r < out; ++r)
        for (int c = 0; c < out; ++c) {
            double s = 0;
            for (int t = 0; t < taps; ++t)
                s += w[t] * rows[r * kSide + c + t];
            result[r * out + c] = s;
        }
    return result;
}

double channelSsim(const std::uint8_t *a, const std::uint8_t *b, int ch, const Window &win)
{
    std::vector<double> x(kSide * kSide), y(x.size()), xx(x.size()), yy(x.size()), xy(x.size());
    for (int i = 0; i < kSide * kSide; ++i) {
        x[i] = a[i * kImageChannels + ch];
        y[i] = b[i * kImageChannels + ch];
        xx[i] = x[i] * x[i];
        yy[i] = y[i] * y[i];
        xy[i] = x[i] * y[i];
    }
    const auto ux = filterValid(x, win.weights), uy = filterValid(y, win.weights);
    const auto uxx = filterValid(xx, win.weights), uyy = filterValid(yy, win.weights);
    const auto uxy = filterValid(xy, win.weights);
    double sum = 0;
    for (size_t p = 0; p < ux.size(); ++p) {
        const double vx = win.covNorm * (uxx[p] - ux[p] * ux[p]);
        const double vy = win.covNorm * (uyy[p] - uy[p] * uy[p]);
        const double vxy = win.covNorm * (uxy[p] - ux[p] * uy[p]);
        const double a1 = 2 * ux[p] * uy[p] + kSsimC1, a2 = 2 * vxy + kSsimC2;
        const double b1 = ux[p] * ux[p] + uy[p] * uy[p] + kSsimC1, b2 = vx + vy + kSsimC2;
        sum += (a1 * a2) / (b1 * b2);
    }
    return sum / double(ux.size());
}

} // namespace

double ssimReference(const std::uint8_t *a, const std::uint8_t *b, SsimWindow window)
{
    const Window win = windowFor(window);
    double total = 0;
    for (int ch = 0; ch < kImageChannels; ++ch)
        total += channelSsim(a, b, ch, win);
    return total / kImageChannels;
}

} // namespace tc::core
