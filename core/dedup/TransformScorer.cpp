#include "core/dedup/TransformScorer.h"

#include "core/common/ImageSet.h"
#include "core/dedup/GaussianSsimKernel.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace tc::core {

namespace {

// (Names unique within core/dedup: the unity build merges its anonymous namespaces.)
void mirrorImage(const std::uint8_t *in, std::uint8_t *out)
{
    for (int r = 0; r < kImageSide; ++r)
        for (int c = 0; c < kImageSide; ++c)
            for (int ch = 0; ch < kImageChannels; ++ch)
                out[pixelOffset(r, c, ch)] = in[pixelOffset(r, kImageSide - 1 - c, ch)];
}

double normalisedL2(std::int32_t ssd, const PairTransform &t)
{
    return std::sqrt(double(ssd) * double(kImageSide * kImageSide) / double(t.width() * t.height()));
}

// Separable filter of a rows x cols plane, valid positions only, columns first then rows: the order
// of Ssim.cpp's reference, so the identity gives the same sums.
void filterValidPlane(const double *plane, int rows, int cols, const std::vector<double> &w, std::vector<double> &tmp,
                      double *out)
{
    const int taps = int(w.size()), outRows = rows - taps + 1, outCols = cols - taps + 1;
    tmp.resize(size_t(outRows) * cols);
    for (int r = 0; r < outRows; ++r)
        for (int c = 0; c < cols; ++c) {
            double s = 0;
            for (int t = 0; t < taps; ++t)
                s += w[size_t(t)] * plane[(r + t) * cols + c];
            tmp[size_t(r) * cols + c] = s;
        }
    for (int r = 0; r < outRows; ++r)
        for (int c = 0; c < outCols; ++c) {
            double s = 0;
            for (int t = 0; t < taps; ++t)
                s += w[size_t(t)] * tmp[size_t(r) * cols + c + t];
            out[r * outCols + c] = s;
        }
}

} // namespace

TransformScorer::TransformScorer(SsimWindow window, TransformSet set, bool exhaustive, TransformKernels kernels)
    : m_window(window), m_set(set), m_exhaustive(exhaustive), m_kernels(kernels)
{
    if (window == SsimWindow::Gaussian11) {
        const auto &g = gaussianSsimWeights();
        m_weights.assign(g.begin(), g.end());
        m_covNorm = 1.0;
    } else {
        constexpr double n = 49.0;
        m_weights.assign(7, 1.0 / 7.0);
        m_covNorm = n / (n - 1.0);
    }
    m_grid = kImageSide - int(m_weights.size()) + 1;
}

void TransformScorer::load(const std::uint8_t *image, Stats &s)
{
    constexpr int kPlane = kImageSide * kImageSide;
    const size_t cells = size_t(m_grid) * m_grid;
    s.pixels.resize(3 * kPlane);
    s.mean.resize(3 * cells);
    s.square.resize(3 * cells);
    const bool uniform = m_window == SsimWindow::Uniform7;
    std::vector<double> &squares = m_rows2;
    squares.resize(kPlane);
    for (int ch = 0; ch < kImageChannels; ++ch) {
        double *px = s.pixels.data() + ch * kPlane;
        for (int i = 0; i < kPlane; ++i) {
            px[i] = image[i * kImageChannels + ch];
            squares[size_t(i)] = px[i] * px[i];
        }
        double *mean = s.mean.data() + ch * cells, *square = s.square.data() + ch * cells;
        if (!uniform) {
            filterValidPlane(px, kImageSide, kImageSide, m_weights, m_rows, mean);
            filterValidPlane(squares.data(), kImageSide, kImageSide, m_weights, m_rows, square);
            continue;
        }
        // Uniform window: exact integer window sums from integral images, divided once (the
        // correctly rounded mean; skimage's running filter differs from it by ~1e-13).
        std::int32_t sum[kImageSide + 1][kImageSide + 1] = {}, sq[kImageSide + 1][kImageSide + 1] = {};
        for (int r = 0; r < kImageSide; ++r)
            for (int c = 0; c < kImageSide; ++c) {
                const std::int32_t v = image[pixelOffset(r, c, ch)];
                sum[r + 1][c + 1] = v + sum[r][c + 1] + sum[r + 1][c] - sum[r][c];
                sq[r + 1][c + 1] = v * v + sq[r][c + 1] + sq[r + 1][c] - sq[r][c];
            }
        const int taps = int(m_weights.size());
        const double n = double(taps * taps);
        for (int r = 0; r < m_grid; ++r)
            for (int c = 0; c < m_grid; ++c) {
                mean[r * m_grid + c] =
                    double(sum[r + taps][c + taps] - sum[r][c + taps] - sum[r + taps][c] + sum[r][c]) / n;
                square[r * m_grid + c] =
                    double(sq[r + taps][c + taps] - sq[r][c + taps] - sq[r + taps][c] + sq[r][c]) / n;
            }
    }
}

void TransformScorer::setCandidate(const std::uint8_t *candidate)
{
    std::copy(candidate, candidate + kImageBytes, m_candidate.begin());
    m_candLoaded = false;
    std::copy(candidate, candidate + kImageBytes, m_candWords.begin());
    mirrorImage(candidate, m_mirCandBytes.data());
    std::copy(m_mirCandBytes.begin(), m_mirCandBytes.begin() + kImageBytes, m_mirCandWords.begin());
    m_ssdCand.words[0] = m_candWords.data();
    m_ssdCand.words[1] = m_mirCandWords.data();
    m_ssdCand.bytes[0] = m_candidate.data();
    m_ssdCand.bytes[1] = m_mirCandBytes.data();
    TransformKernels::prepare(m_ssdCand);
    if (m_window == SsimWindow::Uniform7) {
        loadWindows(m_candidate.data(), m_candWin);
        loadWindows(m_mirCandBytes.data(), m_mirCandWin);
    } else {
        loadGaussian(m_candidate.data(), m_candGauss);
        loadGaussian(m_mirCandBytes.data(), m_mirCandGauss);
    }
}

void TransformScorer::loadGaussian(const std::uint8_t *image, GaussianWindows &w)
{
    constexpr size_t kValues = size_t(kGaussianGrid) * kGaussianGrid * kImageChannels;
    w.pixels = image;
    w.mean.resize(kValues);
    w.square.resize(kValues);
    m_kernels.gaussianWindows(image, w.mean.data(), w.square.data());
}

double TransformScorer::ssimGaussian(const GaussianWindows &cand, const GaussianWindows &ref, PairTransform t)
{
    Q_ASSERT(!t.mirrored);
    ++m_ssimEvaluations;
    constexpr int stride = kGaussianGrid * kImageChannels;
    const int x0 = t.x0(), y0 = t.y0(), w = t.width(), h = t.height();
    const size_t pa = size_t(y0) * stride + x0 * kImageChannels;
    const size_t pb = size_t(y0 - t.dy) * stride + (x0 - t.dx) * kImageChannels;
    const transformpath::GaussianBlock block{cand.pixels + pixelOffset(y0, x0, 0),
                                             ref.pixels + pixelOffset(y0 - t.dy, x0 - t.dx, 0),
                                             h,
                                             w,
                                             cand.mean.data() + pa,
                                             cand.square.data() + pa,
                                             ref.mean.data() + pb,
                                             ref.square.data() + pb};
    const int terms = (h - kGaussianTaps + 1) * (w - kGaussianTaps + 1) * kImageChannels;
    return m_kernels.gaussianSsimSum(block) / double(terms);
}

void TransformScorer::loadWindows(const std::uint8_t *image, Windows &w)
{
    // The integers load() sums by integral images, as 7-tap box sums that vectorise.
    w.pixels = image;
    m_kernels.windowSums(image, w.sum.data(), w.spread.data());
}

double TransformScorer::ssimFast(const Windows &cand, const Windows &ref, PairTransform t, double below)
{
    Q_ASSERT(!t.mirrored);
    ++m_ssimEvaluations;
    constexpr int kTaps = 7;
    const int stride = m_grid * kImageChannels, x0 = t.x0(), y0 = t.y0(), w = t.width(), h = t.height();
    const int outRows = h - kTaps + 1, outCols = w - kTaps + 1;
    m_crossSums.resize(size_t(outRows) * outCols * kImageChannels + transformpath::kWindowSlack);
    const size_t pa = size_t(y0) * stride + x0 * kImageChannels;
    const size_t pb = size_t(y0 - t.dy) * stride + (x0 - t.dx) * kImageChannels;
    constexpr int n = kTaps * kTaps;
    TransformKernels::WindowBlock block{cand.sum.data() + pa,
                                        cand.spread.data() + pa,
                                        ref.sum.data() + pb,
                                        ref.spread.data() + pb,
                                        stride,
                                        nullptr, // x*y: ssimOverlapSum
                                        outRows,
                                        outCols * kImageChannels,
                                        n,
                                        m_covNorm,
                                        kSsimC1 * n * n,
                                        kSsimC2 * n * n};
    const int terms = outRows * outCols * kImageChannels;
    if (below > -std::numeric_limits<double>::infinity())
        block.stopBelow = below * terms - kStopMargin;
    // The mean over positions and channels (the straightforward code averages the channels' means:
    // the same number, rounded differently by ~1e-16).
    // With the window sums of x*y over the overlap, exact (49 x 255^2 < 2^31).
    return m_kernels.ssimOverlapSum(block, cand.pixels + pixelOffset(y0, x0, 0),
                                    ref.pixels + pixelOffset(y0 - t.dy, x0 - t.dx, 0), h, w, m_crossSums.data()) /
           double(terms);
}

double TransformScorer::ssimAt(const Stats &ref, PairTransform t)
{
    ++m_ssimEvaluations;
    constexpr int kPlane = kImageSide * kImageSide;
    const int taps = int(m_weights.size()), g = m_grid;
    const int x0 = t.x0(), y0 = t.y0(), w = t.width(), h = t.height();
    const int outRows = h - taps + 1, outCols = w - taps + 1;
    const size_t cells = size_t(g) * g;
    m_product.resize(size_t(w) * h);
    m_cross.resize(size_t(outRows) * outCols);
    double total = 0;
    for (int ch = 0; ch < kImageChannels; ++ch) {
        const double *a = m_cand.pixels.data() + ch * kPlane, *b = ref.pixels.data() + ch * kPlane;
        if (m_window == SsimWindow::Uniform7) {
            // Integral image of the product over the overlap (exact: 1024 x 255^2 < 2^31).
            m_integral.assign(size_t(h + 1) * (w + 1), 0);
            for (int r = 0; r < h; ++r) {
                std::int32_t row = 0;
                const double *ar = a + (y0 + r) * kImageSide + x0, *br = b + (y0 + r - t.dy) * kImageSide + x0 - t.dx;
                for (int c = 0; c < w; ++c) {
                    row += std::int32_t(ar[c]) * std::int32_t(br[c]);
                    m_integral[size_t(r + 1) * (w + 1) + c + 1] = m_integral[size_t(r) * (w + 1) + c + 1] + row;
                }
            }
            const double n = double(taps * taps);
            const auto at = [&](int r, int c) { return m_integral[size_t(r) * (w + 1) + c]; };
            for (int r = 0; r < outRows; ++r)
                for (int c = 0; c < outCols; ++c)
                    m_cross[size_t(r) * outCols + c] =
                        double(at(r + taps, c + taps) - at(r, c + taps) - at(r + taps, c) + at(r, c)) / n;
        } else {
            for (int r = 0; r < h; ++r)
                for (int c = 0; c < w; ++c)
                    m_product[size_t(r) * w + c] =
                        a[(y0 + r) * kImageSide + x0 + c] * b[(y0 + r - t.dy) * kImageSide + x0 + c - t.dx];
            filterValidPlane(m_product.data(), h, w, m_weights, m_rows, m_cross.data());
        }
        const double *ma = m_cand.mean.data() + ch * cells, *sa = m_cand.square.data() + ch * cells;
        const double *mb = ref.mean.data() + ch * cells, *sb = ref.square.data() + ch * cells;
        double sum = 0;
        for (int r = 0; r < outRows; ++r)
            for (int c = 0; c < outCols; ++c) {
                const int pa = (y0 + r) * g + x0 + c, pb = (y0 + r - t.dy) * g + x0 + c - t.dx;
                const double ux = ma[pa], uy = mb[pb];
                const double vx = m_covNorm * (sa[pa] - ux * ux);
                const double vy = m_covNorm * (sb[pb] - uy * uy);
                const double vxy = m_covNorm * (m_cross[size_t(r) * outCols + c] - ux * uy);
                const double a1 = 2 * ux * uy + kSsimC1, a2 = 2 * vxy + kSsimC2;
                const double b1 = ux * ux + uy * uy + kSsimC1, b2 = vx + vy + kSsimC2;
                sum += (a1 * a2) / (b1 * b2);
            }
        total += sum / double(outRows * outCols);
    }
    return total / kImageChannels;
}

double TransformScorer::l2Of(const std::int32_t *ssd) const
{
    if (m_set == TransformSet::None)
        return normalisedL2(ssd[0], PairTransform{});
    // The smallest ssd / area by exact integer cross products (< 2^41): ssd x 1024 is exact in a
    // double, the division and the root are correctly rounded and monotone, so its L2 is the
    // smallest of the 50 L2s, without a division or a root for each.
    const auto &all = shiftFlipTransforms();
    size_t low = 0;
    std::int64_t lowArea = all[0].width() * all[0].height();
    for (size_t i = 1; i < all.size(); ++i) {
        const std::int64_t area = all[i].width() * all[i].height();
        if (std::int64_t(ssd[i]) * lowArea < std::int64_t(ssd[low]) * area) {
            low = i;
            lowArea = area;
        }
    }
    return normalisedL2(ssd[low], all[low]);
}

template <typename SsimOf>
PairScore TransformScorer::best(const std::int32_t *ssd, double identitySsim, SsimOf ssimOf) const
{
    const auto &all = shiftFlipTransforms();
    PairScore best;
    best.ssim = identitySsim;
    best.l2 = l2Of(ssd);
    const auto offer = [&](const PairTransform &t) {
        // Only an SSIM above the best so far changes the result: ssimOf may stop below it.
        const double s = ssimOf(t, best.ssim);
        if (s > best.ssim) {
            best.ssim = s;
            best.transform = t;
        }
    };
    // Per mirror state, the transform with the smallest L2 (ties: the first, identity first).
    PairTransform closest[2] = {all[0], PairTransform{0, 0, true}};
    double closestL2[2] = {normalisedL2(ssd[0], all[0]), std::numeric_limits<double>::infinity()};
    for (size_t i = 1; i < all.size(); ++i) {
        const PairTransform &t = all[i];
        const double l2 = normalisedL2(ssd[i], t);
        if (l2 < closestL2[t.mirrored]) {
            closestL2[t.mirrored] = l2;
            closest[t.mirrored] = t;
        }
        if (m_exhaustive)
            offer(t);
    }
    // Pruned: a shifted alignment only where it beats the identity's L2, a mirrored one only where it
    // beats every unmirrored one (a mirrored copy lines up far better mirrored than not).
    if (!m_exhaustive) {
        if (!closest[0].isIdentity())
            offer(closest[0]);
        if (closestL2[1] < closestL2[0])
            offer(closest[1]);
    }
    return best;
}

PairScore TransformScorer::score(const std::uint8_t *reference)
{
    std::copy(reference, reference + kImageBytes, m_refBytes.begin());
    std::array<std::int32_t, kShiftFlipTransforms> ssd{};
    if (m_set != TransformSet::None)
        m_kernels.overlapSsds(m_ssdCand, m_refBytes.data(), ssd.data());
    return scoreFast(m_refBytes.data(), ssd.data(), -std::numeric_limits<double>::infinity());
}

PairScore TransformScorer::scoreFast(const std::uint8_t *reference, const std::int32_t *ssd, double floor)
{
    const PairTransform identity;
    const bool uniform = m_window == SsimWindow::Uniform7;
    // The SSIM of an unmirrored alignment: a mirrored one is measured on the mirrored candidate
    // under its unmirrored counterpart (TransformKernels.h). Below `below` the uniform kernels
    // may stop early (-infinity); the Gaussian ones always finish.
    const auto ssimOf = [&](bool mirrored, const PairTransform &t, double below) {
        return uniform ? ssimFast(mirrored ? m_mirCandWin : m_candWin, m_refWin, t, below)
                       : ssimGaussian(mirrored ? m_mirCandGauss : m_candGauss, m_refGauss, t);
    };
    if (uniform)
        loadWindows(reference, m_refWin);
    else
        loadGaussian(reference, m_refGauss);
    const double identitySsim = ssimOf(false, identity, floor);
    PairScore out;
    if (m_set == TransformSet::None)
        out = {identitySsim,
               normalisedL2(TransformKernels::overlapSsd(m_candidate.data(), reference, identity), identity), identity};
    else
        out = best(ssd, identitySsim, [&](const PairTransform &t, double above) {
            return ssimOf(t.mirrored, TransformKernels::unmirroredCounterpart(t), std::max(above, floor));
        });
    // Every evaluation that stopped was below the floor: so is the pair's best, whatever it was.
    if (out.ssim < floor)
        out = {-std::numeric_limits<double>::infinity(), out.l2, PairTransform{}};
    return out;
}

void TransformScorer::scoreList(const std::uint8_t *references, qsizetype referenceCount, const std::int32_t *index,
                                int count, int k, PairScore *out)
{
    const auto image = [&](int r) { return references + qsizetype(index[r]) * kImageBytes; };
    // The kernels read up to kPadding bytes past an image: the next reference's, but for the last.
    const auto padded = [&](int r) {
        if (index[r] + 1 < referenceCount)
            return image(r);
        std::copy(image(r), image(r) + kImageBytes, m_refBytes.begin());
        return static_cast<const std::uint8_t *>(m_refBytes.data());
    };
    // The references are scattered over the whole set: the one after next is fetched while this
    // one is scored (a miss per cache line otherwise stalls the kernels).
    const auto fetch = [&](int r) {
        for (int line = 0; line < kImageBytes; line += 64)
            __builtin_prefetch(image(r) + line);
    };
    // The L2 of every pair first (its 50 SSDs, kept), so the L2 top k is known before any SSIM.
    m_listSsds.resize(size_t(count) * kShiftFlipTransforms);
    m_listOrder.resize(size_t(count));
    for (int r = 0; r < std::min(count, 2); ++r)
        fetch(r);
    for (int r = 0; r < count; ++r) {
        if (r + 2 < count)
            fetch(r + 2);
        std::int32_t *ssd = m_listSsds.data() + size_t(r) * kShiftFlipTransforms;
        if (m_set != TransformSet::None)
            m_kernels.overlapSsds(m_ssdCand, padded(r), ssd);
        else
            ssd[0] = TransformKernels::overlapSsd(m_candidate.data(), image(r), PairTransform{});
        out[r].l2 = l2Of(ssd);
        m_listOrder[size_t(r)] = r;
    }
    // By L2, ties by position: the first k are the L2 top k (scored exactly), the rest follow in
    // that order (the nearest by L2 tend to be the most similar: the floor rises early).
    std::stable_sort(m_listOrder.begin(), m_listOrder.end(), [&](int a, int b) { return out[a].l2 < out[b].l2; });
    // The k highest SSIMs scored exactly so far, ascending: below the first of them (once there are
    // k) a pair cannot be among the top k by SSIM, ties or not.
    m_listTop.clear();
    for (int j = 0; j < count; ++j) {
        const int r = m_listOrder[size_t(j)];
        if (j + 1 < count)
            fetch(m_listOrder[size_t(j) + 1]);
        // (k = 0 keeps nothing: no SSIM is needed.)
        const double floor = k <= 0                                 ? std::numeric_limits<double>::infinity()
                             : j >= k && int(m_listTop.size()) == k ? m_listTop.front()
                                                                    : -std::numeric_limits<double>::infinity();
        const double l2 = out[r].l2;
        out[r] = scoreFast(padded(r), m_listSsds.data() + size_t(r) * kShiftFlipTransforms, floor);
        Q_ASSERT(out[r].l2 == l2);
        Q_UNUSED(l2);
        if (out[r].ssim == -std::numeric_limits<double>::infinity() || k <= 0)
            continue;
        if (int(m_listTop.size()) < k)
            m_listTop.insert(std::upper_bound(m_listTop.begin(), m_listTop.end(), out[r].ssim), out[r].ssim);
        else if (out[r].ssim > m_listTop.front()) {
            m_listTop.erase(m_listTop.begin());
            m_listTop.insert(std::upper_bound(m_listTop.begin(), m_listTop.end(), out[r].ssim), out[r].ssim);
        }
    }
}

PairScore TransformScorer::scoreStraightforward(const std::uint8_t *reference)
{
    const PairTransform identity;
    if (!m_candLoaded) {
        load(m_candidate.data(), m_cand);
        m_candLoaded = true;
    }
    load(reference, m_ref);
    const double identitySsim = ssimAt(m_ref, identity);
    if (m_set == TransformSet::None)
        return {identitySsim,
                normalisedL2(TransformKernels::overlapSsd(m_candidate.data(), reference, identity), identity),
                identity};
    mirrorImage(reference, m_mirrored.data());
    std::array<std::int32_t, kShiftFlipTransforms> ssd{};
    const auto &all = shiftFlipTransforms();
    for (size_t i = 0; i < all.size(); ++i)
        ssd[i] =
            TransformKernels::overlapSsd(m_candidate.data(), all[i].mirrored ? m_mirrored.data() : reference, all[i]);
    bool mirroredLoaded = false;
    return best(ssd.data(), identitySsim, [&](const PairTransform &t, double) {
        if (t.mirrored && !mirroredLoaded) {
            load(m_mirrored.data(), m_mir);
            mirroredLoaded = true;
        }
        return ssimAt(t.mirrored ? m_mir : m_ref, t);
    });
}

double TransformScorer::ssim(const std::uint8_t *candidate, const std::uint8_t *reference, PairTransform t,
                             SsimWindow window)
{
    TransformScorer scorer(window, TransformSet::None);
    scorer.load(candidate, scorer.m_cand);
    std::array<std::uint8_t, kImageBytes> mirrored{};
    if (t.mirrored) {
        mirrorImage(reference, mirrored.data());
        reference = mirrored.data();
    }
    scorer.load(reference, scorer.m_ref);
    return scorer.ssimAt(scorer.m_ref, t);
}

double TransformScorer::l2(const std::uint8_t *candidate, const std::uint8_t *reference, PairTransform t)
{
    std::array<std::uint8_t, kImageBytes> mirrored{};
    if (t.mirrored) {
        mirrorImage(reference, mirrored.data());
        reference = mirrored.data();
    }
    return normalisedL2(TransformKernels::overlapSsd(candidate, reference, t), t);
}

void TransformScorer::apply(const std::uint8_t *reference, PairTransform t, std::uint8_t *out)
{
    std::array<std::uint8_t, kImageBytes> mirrored{};
    if (t.mirrored) {
        mirrorImage(reference, mirrored.data());
        reference = mirrored.data();
    }
    std::fill(out, out + kImageBytes, std::uint8_t(0));
    for (int r = t.y0(); r < t.y0() + t.height(); ++r)
        for (int c = t.x0(); c < t.x0() + t.width(); ++c)
            for (int ch = 0; ch < kImageChannels; ++ch)
                out[pixelOffset(r, c, ch)] = reference[pixelOffset(r - t.dy, c - t.dx, ch)];
}

} // namespace tc::core
