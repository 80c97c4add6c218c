#pragma once

#include "core/common/PairTransform.h"
#include "core/dedup/Ssim.h"
#include "core/dedup/TransformKernels.h"

#include <array>
#include <cstdint>
#include <vector>

namespace tc::core {

// What one candidate/reference pair scores over a set of transforms (PairTransform.h).
struct PairScore {
    double ssim = 0;         // the highest SSIM over the transforms tried
    double l2 = 0;           // the smallest area-normalised L2 over every transform of the set
    PairTransform transform; // where the SSIM above was found (the alignment the review pane shows)
};

// The transform-aware measures, exact for every transform they evaluate:
// - SSIM of a transform is skimage's structural_similarity of the two overlap crops (the candidate's
//   rows/columns the moved reference covers, and the reference's matching ones), same window and
//   constants as the protocol (Ssim.h): the mean over the window positions that lie in the overlap.
// - L2 of a transform is sqrt(sum of squared differences over the overlap x 1024 / overlap area),
//   the distance the full image would have at the overlap's mean squared difference. Identity: the
//   plain protocol's L2.
//
// score() evaluates L2 under every transform of the set (exact integer sums; the minimum is exact)
// and SSIM under the identity and, per mirror state, the transform with the smallest L2 (a shifted
// copy is best aligned where its squared differences are smallest); `exhaustive` evaluates SSIM
// under every transform (the audit mode the benchmark measures the pruning against).
// One instance per thread: setCandidate() caches the candidate's window statistics.
//
// score() runs on TransformKernels: the 50 overlap SSDs as exact integers; with the uniform window
// (the protocol's) window sums of x, x^2 and x*y as exact integers and the SSIM terms vectorised in
// a fixed summation order; with the Gaussian window the filtered values in doubles, interleaved and
// vectorised (TransformGaussian.cpp). Its L2 and transform are those of the straightforward double
// code (scoreStraightforward(), ssim()/l2() below), its SSIM equal to ~1e-15.
class TransformScorer final {
public:
    TransformScorer(SsimWindow window, TransformSet set, bool exhaustive = false,
                    TransformKernels kernels = TransformKernels::chosen());

    void setCandidate(const std::uint8_t *candidate);
    PairScore score(const std::uint8_t *reference);
    // The candidate's pairs with references + index[r] x kImageBytes (r < count) into out[r], for a
    // caller that keeps the top k by SSIM and the top k by L2 (ties by r): every L2 as score()'s,
    // and score()'s full result for every pair that can be among either top k. A pair that cannot
    // be among the top k by SSIM (proven: its SSIM is below k others', which the uniform window's
    // kernels see part-way through its terms, each term being at most 1) and is not among the top
    // k by L2 gets ssim = -infinity and the identity as its transform.
    // references holds referenceCount images (all but the last are read straight from it).
    void scoreList(const std::uint8_t *references, qsizetype referenceCount, const std::int32_t *index, int count,
                   int k, PairScore *out);
    // The same measures by the straightforward double code (the reference the kernels are tested
    // and benchmarked against).
    PairScore scoreStraightforward(const std::uint8_t *reference);
    // Number of SSIM evaluations so far (benchmark).
    qint64 ssimEvaluations() const { return m_ssimEvaluations; }

    // Single transform, straightforwardly (tests, the review pane's numbers).
    static double ssim(const std::uint8_t *candidate, const std::uint8_t *reference, PairTransform t,
                       SsimWindow window = SsimWindow::Uniform7);
    static double l2(const std::uint8_t *candidate, const std::uint8_t *reference, PairTransform t);
    // The reference as the candidate would show it: mirrored when asked and moved by (dx, dy); the
    // pixels the move uncovers are black. For the review pane's aligned overlay.
    static void apply(const std::uint8_t *reference, PairTransform t, std::uint8_t *out);

private:
    // One image's planes and filtered window statistics (window positions of the full image: a
    // window inside an overlap is a window of the full image).
    struct Stats {
        std::vector<double> pixels; // 3 x 1024, planar, row-major
        std::vector<double> mean;   // 3 x grid^2: filtered x
        std::vector<double> square; // 3 x grid^2: filtered x^2
    };
    void load(const std::uint8_t *image, Stats &stats);
    double ssimAt(const Stats &reference, PairTransform t);

    // The kernels' view of one image (uniform window): window sums of x and their spreads (49 x
    // the window sum of x^2 - the sum squared), interleaved (TransformKernels::windowSums).
    struct Windows {
        const std::uint8_t *pixels = nullptr;
        std::array<std::int32_t, 26 * 26 * 3 + transformpath::kWindowSlack> sum{}, spread{};
    };
    void loadWindows(const std::uint8_t *image, Windows &windows);
    // below: the SSIM only matters above it; the kernels may stop (-infinity) once it cannot be.
    double ssimFast(const Windows &candidate, const Windows &reference, PairTransform t, double below);
    // The kernels' early exit keeps this margin (in sums of terms) over the rounding of their
    // partial sums (< 1e-9): it stops only where the SSIM is below `below` by > 4e-10.
    static constexpr double kStopMargin = 1e-6;
    // The Gaussian window's view of one image: filtered x and x^2, interleaved (TransformKernels.h).
    struct GaussianWindows {
        const std::uint8_t *pixels = nullptr;
        std::vector<double> mean, square; // 22 x 66 each (on the heap: scorers live on stacks)
    };
    void loadGaussian(const std::uint8_t *image, GaussianWindows &windows);
    double ssimGaussian(const GaussianWindows &candidate, const GaussianWindows &reference, PairTransform t);
    // The pair with `reference` (kPadding readable bytes after it) and its SSDs `ssd` (unless the
    // set is None) on the kernels; below `floor` its SSIM may be -infinity (then so is the
    // result's, see scoreList).
    PairScore scoreFast(const std::uint8_t *reference, const std::int32_t *ssd, double floor);
    // The smallest L2 over the set from the SSDs.
    double l2Of(const std::int32_t *ssd) const;
    // The pair's best over the set from the L2 of every transform (ssd, shiftFlipTransforms()
    // order) and SSIM where the pruning (or exhaustive mode) asks for it, ssimOf(t, best so far):
    // one rule for both paths.
    template <typename SsimOf> PairScore best(const std::int32_t *ssd, double identitySsim, SsimOf ssimOf) const;

    SsimWindow m_window;
    TransformSet m_set;
    bool m_exhaustive;
    std::array<std::uint8_t, 3072 + TransformKernels::kPadding> m_candidate{};
    std::array<std::uint8_t, 3072> m_mirrored{}; // the current reference, mirrored
    std::vector<double> m_weights;               // the 1-D window, applied along columns then rows
    double m_covNorm = 1;
    int m_grid = 0; // window positions per axis of the full image
    std::vector<double> m_product, m_rows, m_rows2, m_cross;
    std::vector<std::int32_t> m_integral;
    Stats m_cand, m_ref, m_mir;
    bool m_candLoaded = false; // m_cand is the current candidate's
    TransformKernels m_kernels;
    // The fast path measures a mirrored transform on the mirrored candidate (its unmirrored
    // counterpart, TransformKernels.h): the reference is never mirrored, per pair nothing is.
    alignas(64) std::array<std::int16_t, 3072 + TransformKernels::kPadding> m_candWords{}, m_mirCandWords{};
    alignas(64) std::array<std::uint8_t, 3072 + TransformKernels::kPadding> m_refBytes{}, m_mirCandBytes{};
    TransformKernels::SsdCandidate m_ssdCand;
    Windows m_candWin, m_mirCandWin, m_refWin;
    GaussianWindows m_candGauss, m_mirCandGauss, m_refGauss;
    std::vector<std::int32_t> m_crossSums;
    std::vector<std::int32_t> m_listSsds, m_listOrder; // scoreList's
    std::vector<double> m_listTop;
    qint64 m_ssimEvaluations = 0;
};

} // namespace tc::core
