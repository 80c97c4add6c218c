// TransformKernels (core/dedup): every path this machine runs (scalar, avx2, avx512) gives the same
// numbers, and the right ones: the 50 overlap SSDs equal the straightforward per-transform sum, the
// pair scores equal the scalar path's bit for bit and the straightforward double code's (L2 and
// transform exactly, SSIM to 1e-12), and the best SSIM / L2 over all 50 transforms equal skimage's
// and numpy's on crops Python cuts itself. TC_INT_KERNEL picks the path.
#include "core/common/ImageSet.h"
#include "core/dedup/Ssim.h"
#include "core/dedup/TransformKernels.h"
#include "core/dedup/TransformScorer.h"
#include "tests/support/TestSupport.h"

#include <QFile>
#include <QTemporaryDir>
#include <cmath>
#include <limits>
#include <random>

using namespace tc::core;

using Image = std::vector<std::uint8_t>;

namespace {

// Candidate/reference pairs that reach every branch: real unrelated images, copies moved by each
// kind of transform (edge-filled, with noise), flat and saturated images (zero variance, 255^2
// products), noise.
std::vector<std::pair<Image, Image>> pairsFrom(const std::vector<Image> &real)
{
    std::vector<std::pair<Image, Image>> out;
    std::mt19937 rng(29);
    for (size_t i = 0; i + 1 < real.size(); i += 2)
        out.push_back({real[i], real[i + 1]});
    const auto &all = shiftFlipTransforms();
    for (size_t i = 0; i < real.size(); ++i) {
        const PairTransform t = all[i % all.size()];
        Image moved(kImageBytes);
        for (int r = 0; r < kImageSide; ++r)
            for (int c = 0; c < kImageSide; ++c) {
                const int rr = std::clamp(r - t.dy, 0, kImageSide - 1), cc0 = std::clamp(c - t.dx, 0, kImageSide - 1);
                const int cc = t.mirrored ? kImageSide - 1 - cc0 : cc0;
                for (int ch = 0; ch < kImageChannels; ++ch)
                    moved[size_t(pixelOffset(r, c, ch))] = std::uint8_t(
                        std::clamp(int(real[i][size_t(pixelOffset(rr, cc, ch))]) + int(rng() % 5) - 2, 0, 255));
            }
        out.push_back({moved, real[i]});
    }
    Image black(kImageBytes, 0), white(kImageBytes, 255), grey(kImageBytes, 128), noise(kImageBytes);
    for (auto &v : noise)
        v = std::uint8_t(rng() % 256);
    out.push_back({black, white});
    out.push_back({white, white});
    out.push_back({grey, real[0]});
    out.push_back({noise, real[1]});
    out.push_back({white, noise});
    return out;
}

QList<IntKernel> pathsHere()
{
    // One IntKernel per TransformKernels path this machine runs.
    QList<IntKernel> out;
    for (IntKernel k : supportedIntKernels())
        if (TransformKernels(k).kernel() == k)
            out.append(k);
    return out;
}

} // namespace

class TestTransformKernels final : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        TC_REQUIRE_SHARED();
        m_real = tc::test::npyImages(tc::test::fixture("world-small/cifar10.1/cifar10.1_v6_data.npy"));
        QVERIFY(m_real.size() >= 60);
        m_real.resize(60);
        m_pairs = pairsFrom(m_real);
    }
    void init() { qunsetenv("TC_INT_KERNEL"); }
    void cleanup() { qunsetenv("TC_INT_KERNEL"); }

    void sameOnEveryPath_data()
    {
        QTest::addColumn<int>("kernelIndex");
        for (IntKernel k : pathsHere())
            QTest::newRow(qPrintable(TransformKernels(k).name())) << int(k);
    }
    void sameOnEveryPath()
    {
        QFETCH(int, kernelIndex);
        const IntKernel kernel = IntKernel(kernelIndex);
        const TransformKernels kernels(kernel);
        QCOMPARE(kernels.kernel(), kernel);
        const auto &all = shiftFlipTransforms();
        for (size_t p = 0; p < m_pairs.size(); ++p) {
            const auto &[cand, ref] = m_pairs[p];
            // The SSDs, against the straightforward sum of each transform.
            // (Padding of any value: the kernels may read it, never use it.)
            std::vector<std::int16_t> words(kImageBytes + TransformKernels::kPadding, 55), mirroredWords(words);
            Image padded(kImageBytes + TransformKernels::kPadding, 77), mirrored(padded), mirroredCand(padded);
            Image candBytes(padded);
            std::copy(ref.begin(), ref.end(), padded.begin());
            std::copy(cand.begin(), cand.end(), words.begin());
            std::copy(cand.begin(), cand.end(), candBytes.begin());
            TransformScorer::apply(ref.data(), PairTransform{0, 0, true}, mirrored.data());
            TransformScorer::apply(cand.data(), PairTransform{0, 0, true}, mirroredCand.data());
            std::copy(mirroredCand.begin(), mirroredCand.begin() + kImageBytes, mirroredWords.begin());
            TransformKernels::SsdCandidate side;
            side.words[0] = words.data();
            side.words[1] = mirroredWords.data();
            side.bytes[0] = candBytes.data();
            side.bytes[1] = mirroredCand.data();
            TransformKernels::prepare(side);
            std::int32_t ssd[kShiftFlipTransforms];
            kernels.overlapSsds(side, padded.data(), ssd);
            for (size_t t = 0; t < all.size(); ++t)
                QVERIFY2(ssd[t] == TransformKernels::overlapSsd(cand.data(),
                                                                all[t].mirrored ? mirrored.data() : ref.data(), all[t]),
                         qPrintable(QStringLiteral("pair %1, %2").arg(p).arg(all[t].code())));
            // The pair's scores, pruned and exhaustive, against the scalar path and the double code.
            for (const auto &[exhaustive, window] : {std::pair{false, SsimWindow::Uniform7},
                                                     {true, SsimWindow::Uniform7},
                                                     {false, SsimWindow::Gaussian11},
                                                     {true, SsimWindow::Gaussian11}}) {
                for (TransformSet set : {TransformSet::ShiftFlip, TransformSet::None}) {
                    TransformScorer fast(window, set, exhaustive, kernels);
                    TransformScorer scalar(window, set, exhaustive, TransformKernels(IntKernel::Scalar));
                    fast.setCandidate(cand.data());
                    scalar.setCandidate(cand.data());
                    const PairScore a = fast.score(ref.data()), b = scalar.score(ref.data());
                    const PairScore c = scalar.scoreStraightforward(ref.data());
                    const QString where = QStringLiteral("pair %1%2%3: %4 vs %5 vs %6")
                                              .arg(p)
                                              .arg(QString(exhaustive ? " exhaustive" : "") +
                                                   (window == SsimWindow::Gaussian11 ? " gaussian" : ""))
                                              .arg(set == TransformSet::None ? " identity only" : "")
                                              .arg(a.ssim, 0, 'g', 17)
                                              .arg(b.ssim, 0, 'g', 17)
                                              .arg(c.ssim, 0, 'g', 17);
                    QVERIFY2(a.ssim == b.ssim && a.l2 == b.l2 && a.transform == b.transform, qPrintable(where));
                    // The same transform, but for exact ties that the two summation orders round
                    // apart (flat images: every alignment has the same SSIM).
                    const bool tie =
                        std::abs(TransformScorer::ssim(cand.data(), ref.data(), a.transform, window) - c.ssim) < 1e-12;
                    QVERIFY2(std::abs(a.ssim - c.ssim) < 1e-12 && a.l2 == c.l2 && (a.transform == c.transform || tie),
                             qPrintable(where));
                }
            }
        }
    }

    // The best over every transform, on each path, against skimage / numpy (independent oracle).
    void bestMatchesSkimage_data()
    {
        QTest::addColumn<int>("kernelIndex");
        for (IntKernel k : pathsHere())
            QTest::newRow(qPrintable(TransformKernels(k).name())) << int(k);
    }
    void bestMatchesSkimage()
    {
        TC_REQUIRE_PYTHON("numpy", "skimage");
        QFETCH(int, kernelIndex);
        const IntKernel kernel = IntKernel(kernelIndex);
        const size_t count = std::min<size_t>(m_pairs.size(), 40);
        if (m_oracle.isEmpty()) {
            QTemporaryDir dir;
            QFile f(dir.filePath("pairs.u8"));
            QVERIFY(f.open(QIODevice::WriteOnly));
            for (size_t p = 0; p < count; ++p) {
                f.write(reinterpret_cast<const char *>(m_pairs[p].first.data()), kImageBytes);
                f.write(reinterpret_cast<const char *>(m_pairs[p].second.data()), kImageBytes);
            }
            f.close();
            const auto result = tc::test::runPython(
                QStringLiteral("import sys, numpy as np\n"
                               "from skimage.metrics import structural_similarity as ssim\n"
                               "d = np.fromfile(sys.argv[1], dtype=np.uint8).reshape(-1, 2, 32, 32, 3)\n"
                               "for cand, ref in d:\n"
                               "    best, gbest, low = -2.0, -2.0, 1e300\n"
                               "    for m in (0, 1):\n"
                               "        r = ref[:, ::-1] if m else ref\n"
                               "        for dy in range(-2, 3):\n"
                               "            for dx in range(-2, 3):\n"
                               "                h, w = 32 - abs(dy), 32 - abs(dx)\n"
                               "                y0, x0 = max(dy, 0), max(dx, 0)\n"
                               "                a = cand[y0:y0 + h, x0:x0 + w]\n"
                               "                b = r[y0 - dy:y0 - dy + h, x0 - dx:x0 - dx + w]\n"
                               "                best = max(best, ssim(a, b, channel_axis=-1, data_range=255))\n"
                               "                gbest = max(gbest, ssim(a, b, channel_axis=-1, data_range=255,\n"
                               "                            gaussian_weights=True, sigma=1.5,\n"
                               "                            use_sample_covariance=False))\n"
                               "                ssd = int(((a.astype(np.int64) - b.astype(np.int64)) ** 2).sum())\n"
                               "                low = min(low, float(np.sqrt(ssd * 1024.0 / (h * w))))\n"
                               "    print(repr(float(best)), repr(low), repr(float(gbest)))\n"),
                {f.fileName()});
            QVERIFY2(result.exitCode == 0, result.err.constData());
            for (const QByteArray &line : result.out.split('\n')) {
                const auto parts = line.trimmed().split(' ');
                if (parts.size() == 3)
                    m_oracle.append({parts[0].toDouble(), parts[1].toDouble(), parts[2].toDouble()});
            }
            QCOMPARE(size_t(m_oracle.size()), count);
        }
        TransformScorer scorer(SsimWindow::Uniform7, TransformSet::ShiftFlip, true, TransformKernels(kernel));
        TransformScorer gaussian(SsimWindow::Gaussian11, TransformSet::ShiftFlip, true, TransformKernels(kernel));
        for (size_t p = 0; p < count; ++p) {
            scorer.setCandidate(m_pairs[p].first.data());
            gaussian.setCandidate(m_pairs[p].first.data());
            const PairScore s = scorer.score(m_pairs[p].second.data());
            const PairScore g = gaussian.score(m_pairs[p].second.data());
            const auto &[ssim, l2, gssim] = m_oracle[qsizetype(p)];
            QVERIFY2(std::abs(s.ssim - ssim) < 1e-6,
                     qPrintable(QStringLiteral("pair %1: SSIM %2 vs skimage %3").arg(p).arg(s.ssim).arg(ssim)));
            QVERIFY2(
                std::abs(g.ssim - gssim) < 1e-6,
                qPrintable(QStringLiteral("pair %1: Gaussian SSIM %2 vs skimage %3").arg(p).arg(g.ssim).arg(gssim)));
            QVERIFY2(std::abs(s.l2 - l2) < 1e-9 * std::max(1.0, l2),
                     qPrintable(QStringLiteral("pair %1: L2 %2 vs numpy %3").arg(p).arg(s.l2).arg(l2)));
            QCOMPARE(g.l2, s.l2);
        }
    }

    // The uniform window's kernels against sums and the SSIM term computed here, straightforwardly:
    // window sums and spreads (49 Q - S^2) of each image, x*y sums of an overlap, and the summed
    // SSIM terms bit for bit against skimage's term multiplied through by n^2 in doubles on the raw
    // sums, in the operation order the kernels had before their integer parts moved to int32 (the
    // pass's result digest depends on every bit of it).
    void uniformWindowSameBitsAsTheDoubleTerms_data()
    {
        QTest::addColumn<int>("kernelIndex");
        for (IntKernel k : pathsHere())
            QTest::newRow(qPrintable(TransformKernels(k).name())) << int(k);
    }
    void uniformWindowSameBitsAsTheDoubleTerms()
    {
        QFETCH(int, kernelIndex);
        const TransformKernels kernels{IntKernel(kernelIndex)};
        constexpr int kTaps = 7, kGrid = kImageSide - kTaps + 1, kCols = kGrid * kImageChannels;
        constexpr double n = kTaps * kTaps, covNorm = n / (n - 1.0);
        using Sums = std::vector<std::int32_t>;
        // Window sums over rows r.., columns c.. of f(a, b) per channel.
        const auto box = [](const std::uint8_t *a, const std::uint8_t *b, int r, int c, int ch, int kind) {
            std::int32_t s = 0;
            for (int y = r; y < r + kTaps; ++y)
                for (int x = c; x < c + kTaps; ++x) {
                    const std::int32_t u = a[pixelOffset(y, x, ch)], v = b[pixelOffset(y, x, ch)];
                    s += kind == 0 ? u : kind == 1 ? u * u : u * v;
                }
            return s;
        };
        const size_t count = std::min<size_t>(m_pairs.size(), 30);
        for (size_t p = 0; p < count; ++p) {
            Image cand(kImageBytes + TransformKernels::kPadding, 91), ref(cand);
            std::copy(m_pairs[p].first.begin(), m_pairs[p].first.end(), cand.begin());
            std::copy(m_pairs[p].second.begin(), m_pairs[p].second.end(), ref.begin());
            Sums sa(kGrid * kCols + transformpath::kWindowSlack), va(sa), sb(sa), vb(sa);
            kernels.windowSums(cand.data(), sa.data(), va.data());
            kernels.windowSums(ref.data(), sb.data(), vb.data());
            Sums qa(sa.size()), qb(sa.size());
            for (int r = 0; r < kGrid; ++r)
                for (int c = 0; c < kGrid; ++c)
                    for (int ch = 0; ch < kImageChannels; ++ch) {
                        const int i = r * kCols + c * kImageChannels + ch;
                        const std::int32_t s0 = box(cand.data(), cand.data(), r, c, ch, 0);
                        const std::int32_t s1 = box(ref.data(), ref.data(), r, c, ch, 0);
                        qa[size_t(i)] = box(cand.data(), cand.data(), r, c, ch, 1);
                        qb[size_t(i)] = box(ref.data(), ref.data(), r, c, ch, 1);
                        QVERIFY2(sa[size_t(i)] == s0 && sb[size_t(i)] == s1, qPrintable(QString::number(i)));
                        QVERIFY2(va[size_t(i)] == 49 * qa[size_t(i)] - s0 * s0 &&
                                     vb[size_t(i)] == 49 * qb[size_t(i)] - s1 * s1,
                                 qPrintable(QStringLiteral("pair %1, spread %2").arg(p).arg(i)));
                    }
            for (const PairTransform &t : shiftFlipTransforms()) {
                if (t.mirrored)
                    continue;
                const int x0 = t.x0(), y0 = t.y0(), w = t.width(), h = t.height();
                const int rows = h - kTaps + 1, cols = (w - kTaps + 1) * kImageChannels;
                const std::uint8_t *a = cand.data() + pixelOffset(y0, x0, 0);
                const std::uint8_t *b = ref.data() + pixelOffset(y0 - t.dy, x0 - t.dx, 0);
                Sums cross(size_t(rows) * cols + transformpath::kWindowSlack);
                kernels.crossSums(a, b, h, w, cross.data());
                const size_t pa = size_t(y0) * kCols + x0 * kImageChannels;
                const size_t pb = size_t(y0 - t.dy) * kCols + (x0 - t.dx) * kImageChannels;
                double lanes[8] = {};
                for (int r = 0; r < rows; ++r)
                    for (int c = 0; c < cols; ++c) {
                        const int ch = c % kImageChannels, col = c / kImageChannels;
                        const std::int32_t pxy = box(cand.data() + pixelOffset(y0, x0, 0),
                                                     ref.data() + pixelOffset(y0 - t.dy, x0 - t.dx, 0), r, col, ch, 2);
                        QVERIFY2(cross[size_t(r * cols + c)] == pxy,
                                 qPrintable(QStringLiteral("pair %1, %2: x*y sum %3").arg(p).arg(t.code()).arg(c)));
                        const size_t i = size_t(r) * kCols + size_t(c);
                        const double sx = sa[pa + i], sy = sb[pb + i], sxy = sx * sy, sxx = sx * sx, syy = sy * sy;
                        const double a1 = 2 * sxy + kSsimC1 * n * n;
                        const double b1 = (sxx + syy) + kSsimC1 * n * n;
                        const double a2 = covNorm * (2 * (n * double(pxy) - sxy)) + kSsimC2 * n * n;
                        const double b2 = covNorm * ((n * double(qa[pa + i]) - sxx) + (n * double(qb[pb + i]) - syy)) +
                                          kSsimC2 * n * n;
                        lanes[c & 7] += (a1 * a2) / (b1 * b2);
                    }
                const double expected =
                    ((lanes[0] + lanes[1]) + (lanes[2] + lanes[3])) + ((lanes[4] + lanes[5]) + (lanes[6] + lanes[7]));
                const TransformKernels::WindowBlock block{sa.data() + pa,
                                                          va.data() + pa,
                                                          sb.data() + pb,
                                                          vb.data() + pb,
                                                          kCols,
                                                          cross.data(),
                                                          rows,
                                                          cols,
                                                          49,
                                                          covNorm,
                                                          kSsimC1 * n * n,
                                                          kSsimC2 * n * n};
                const double got = kernels.ssimWindowSum(block);
                QVERIFY2(got == expected, qPrintable(QStringLiteral("pair %1, %2: %3 vs %4")
                                                         .arg(p)
                                                         .arg(t.code())
                                                         .arg(got, 0, 'g', 17)
                                                         .arg(expected, 0, 'g', 17)));
                // The same with the x*y sums computed with it (fused on avx512).
                Sums scratch(cross.size(), -1);
                const double fused = kernels.ssimOverlapSum(block, a, b, h, w, scratch.data());
                QVERIFY2(fused == expected, qPrintable(QStringLiteral("pair %1, %2: fused %3 vs %4")
                                                           .arg(p)
                                                           .arg(t.code())
                                                           .arg(fused, 0, 'g', 17)
                                                           .arg(expected, 0, 'g', 17)));
                // The early exit: never below a bound the whole sum reaches (every term is at most
                // 1, so the lanes plus 1 per term left stay above it), always above every sum.
                TransformKernels::WindowBlock stopping = block;
                stopping.stopBelow = expected - 1e-6;
                QVERIFY2(kernels.ssimWindowSum(stopping) == expected &&
                             kernels.ssimOverlapSum(stopping, a, b, h, w, scratch.data()) == expected,
                         qPrintable(QStringLiteral("pair %1, %2: stopped below its sum").arg(p).arg(t.code())));
                stopping.stopBelow = double(rows * cols) + 1;
                QVERIFY2(kernels.ssimWindowSum(stopping) == -std::numeric_limits<double>::infinity() &&
                             kernels.ssimOverlapSum(stopping, a, b, h, w, scratch.data()) ==
                                 -std::numeric_limits<double>::infinity(),
                         qPrintable(QStringLiteral("pair %1, %2: did not stop").arg(p).arg(t.code())));
            }
        }
    }

    // scoreList (what TransformSearch keeps per candidate: the top k by SSIM and by L2) against
    // score() pair by pair: every L2 the same, every pair either of the two top k keeps scored
    // the same bit for bit, and the pairs it leaves at -infinity truly below the k-th best SSIM;
    // so the kept lists are the same. The references: real images and moved copies of the
    // candidate (high SSIM: the early exit's floor rises), the array's last image among them.
    void scoreListKeepsTheTopK_data()
    {
        QTest::addColumn<int>("kernelIndex");
        QTest::addColumn<int>("k");
        QTest::addColumn<bool>("gaussian");
        QTest::addColumn<bool>("exhaustive");
        for (IntKernel kernel : pathsHere())
            for (int k : {5, 1, 0})
                for (bool gaussian : {false, true})
                    for (bool exhaustive : {false, true})
                        QTest::newRow(qPrintable(QStringLiteral("%1 k=%2%3%4")
                                                     .arg(TransformKernels(kernel).name())
                                                     .arg(k)
                                                     .arg(gaussian ? " gaussian" : "")
                                                     .arg(exhaustive ? " exhaustive" : "")))
                            << int(kernel) << k << gaussian << exhaustive;
    }
    void scoreListKeepsTheTopK()
    {
        QFETCH(int, kernelIndex);
        QFETCH(int, k);
        QFETCH(bool, gaussian);
        QFETCH(bool, exhaustive);
        const TransformKernels kernels{IntKernel(kernelIndex)};
        const SsimWindow window = gaussian ? SsimWindow::Gaussian11 : SsimWindow::Uniform7;
        // The array: the second halves of m_pairs (moved copies of real images and the real ones).
        std::vector<std::uint8_t> all;
        for (const auto &pair : m_pairs)
            all.insert(all.end(), pair.first.begin(), pair.first.end());
        const std::int32_t images = std::int32_t(m_pairs.size());
        int cut = 0, kept = 0;
        for (int c = 0; c < 24; c += 3) {
            // The candidate: a real image (itself in the array at c / 2, a moved copy at 30 + c).
            const Image &cand = m_real[size_t(c)];
            std::vector<std::int32_t> index;
            for (std::int32_t j = c % 5; j < images; j += 4 + c % 3)
                index.push_back(j);
            for (std::int32_t j : {30 + c, 30 + c + 1, 30 + c + 2, images - 1})
                index.push_back(j);
            std::sort(index.begin(), index.end());
            index.erase(std::unique(index.begin(), index.end()), index.end());
            const int n = int(index.size());
            TransformScorer scorer(window, TransformSet::ShiftFlip, exhaustive, kernels);
            scorer.setCandidate(cand.data());
            std::vector<PairScore> expected(static_cast<size_t>(n)), got(static_cast<size_t>(n));
            for (int r = 0; r < n; ++r)
                expected[size_t(r)] = scorer.score(all.data() + qsizetype(index[size_t(r)]) * kImageBytes);
            scorer.scoreList(all.data(), images, index.data(), n, k, got.data());
            // TransformSearch's two top k: stable sorts, ties by position.
            const auto topBy = [&](const std::vector<PairScore> &s, bool bySsim) {
                std::vector<int> order(static_cast<size_t>(n));
                for (int r = 0; r < n; ++r)
                    order[size_t(r)] = r;
                std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
                    return bySsim ? s[size_t(a)].ssim > s[size_t(b)].ssim : s[size_t(a)].l2 < s[size_t(b)].l2;
                });
                order.resize(size_t(std::min(k, n)));
                return order;
            };
            const std::vector<int> ssimTop = topBy(expected, true), l2Top = topBy(expected, false);
            QCOMPARE(topBy(got, true), ssimTop);
            QCOMPARE(topBy(got, false), l2Top);
            const double kth = k > 0 ? expected[size_t(ssimTop.back())].ssim : std::numeric_limits<double>::infinity();
            for (int r = 0; r < n; ++r) {
                const PairScore &e = expected[size_t(r)], &g = got[size_t(r)];
                const QString where = QStringLiteral("candidate %1, pair %2: %3 %4 vs %5 %6")
                                          .arg(c)
                                          .arg(r)
                                          .arg(g.ssim, 0, 'g', 17)
                                          .arg(g.transform.code())
                                          .arg(e.ssim, 0, 'g', 17)
                                          .arg(e.transform.code());
                QVERIFY2(g.l2 == e.l2, qPrintable(where));
                // The smallest L2 over the 50, each computed on its own (the scorer finds it from
                // exact integer ratios, one root).
                double low = std::numeric_limits<double>::infinity();
                for (const PairTransform &t : shiftFlipTransforms())
                    low = std::min(low, TransformScorer::l2(cand.data(),
                                                            all.data() + qsizetype(index[size_t(r)]) * kImageBytes, t));
                QVERIFY2(g.l2 == low, qPrintable(QStringLiteral("%1: L2 %2 vs %3").arg(where).arg(g.l2).arg(low)));
                if (g.ssim == -std::numeric_limits<double>::infinity()) {
                    ++cut;
                    QVERIFY2(e.ssim < kth, qPrintable(where));
                } else {
                    ++kept;
                    QVERIFY2(g.ssim == e.ssim && g.transform == e.transform, qPrintable(where));
                }
            }
        }
        // Pairs were left out and some scored (k = 0: none is needed).
        QVERIFY2(cut > 0 && (kept > 0) == (k > 0),
                 qPrintable(QStringLiteral("%1 left out, %2 scored").arg(cut).arg(kept)));
    }

    // The re-rank's correlations (TransformSearch): on every path the best over the variants of the
    // exact integer correlation, against the sum computed here; extreme bytes (+-127 x 0 / 255:
    // vpmaddubsw-style saturation would show), scattered and repeated rows, dims not a multiple of 64.
    void bestCorrelationsSameOnEveryPath_data()
    {
        QTest::addColumn<int>("kernelIndex");
        QTest::addColumn<int>("dim");
        for (IntKernel k : pathsHere())
            for (int dim : {192, 64, 100})
                QTest::newRow(qPrintable(QStringLiteral("%1 dim %2").arg(TransformKernels(k).name()).arg(dim)))
                    << int(k) << dim;
    }
    void bestCorrelationsSameOnEveryPath()
    {
        QFETCH(int, kernelIndex);
        QFETCH(int, dim);
        const TransformKernels kernels{IntKernel(kernelIndex)};
        std::mt19937 rng(31);
        constexpr int kRows = 300;
        std::vector<std::uint8_t> rows(size_t(kRows) * dim);
        for (auto &b : rows)
            b = std::uint8_t(rng() % 256);
        std::fill(rows.begin(), rows.begin() + dim, std::uint8_t(255)); // row 0: all 255, row 1: all 0
        std::fill(rows.begin() + dim, rows.begin() + 2 * dim, std::uint8_t(0));
        for (int count : {1, 9, TransformKernels::kMaxVariants}) {
            std::vector<std::int8_t> variants(size_t(count) * dim);
            for (auto &a : variants)
                a = std::int8_t(int(rng() % 255) - 127);
            std::fill(variants.begin(), variants.begin() + dim, std::int8_t(count == 1 ? 127 : -127));
            std::vector<std::int32_t> index = {0, 1, 299, 7, 7, 150};
            for (int j = 0; j < 60; ++j)
                index.push_back(std::int32_t(rng() % kRows));
            std::vector<std::int32_t> best(index.size(), -1);
            kernels.bestCorrelations(variants.data(), count, dim, rows.data(), index.data(), int(index.size()),
                                     best.data());
            for (size_t j = 0; j < index.size(); ++j) {
                std::int64_t top = std::numeric_limits<std::int64_t>::min();
                for (int v = 0; v < count; ++v) {
                    std::int64_t sum = 0;
                    for (int d = 0; d < dim; ++d)
                        sum += std::int64_t(variants[size_t(v * dim + d)]) *
                               (std::int64_t(rows[size_t(index[j]) * dim + size_t(d)]) - 128);
                    top = std::max(top, sum);
                }
                QVERIFY2(best[j] == top, qPrintable(QStringLiteral("%1 variants, row %2: %3 vs %4")
                                                        .arg(count)
                                                        .arg(index[j])
                                                        .arg(best[j])
                                                        .arg(top)));
            }
        }
    }

    // TC_INT_KERNEL forces the path (as for IntKernels); without it the fastest one here runs.
    void environmentPicksThePath()
    {
        QCOMPARE(TransformKernels::chosen().kernel(), pathsHere().first());
        for (IntKernel k : pathsHere()) {
            qputenv("TC_INT_KERNEL", intKernelName(k).toLatin1());
            QCOMPARE(TransformKernels::chosen().kernel(), k);
        }
        qputenv("TC_INT_KERNEL", "scalar");
        QCOMPARE(TransformKernels::chosen().name(), QStringLiteral("scalar"));
    }

private:
    std::vector<Image> m_real;
    std::vector<std::pair<Image, Image>> m_pairs;
    struct Oracle {
        double ssim, l2, gaussianSsim;
    };
    QList<Oracle> m_oracle;
};

QTEST_GUILESS_MAIN(TestTransformKernels)
#include "TestTransformKernels.moc"
