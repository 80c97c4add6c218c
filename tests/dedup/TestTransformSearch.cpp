// The transform stage's shortlist (core/dedup/TransformSearch, ShiftL2Bound) against an every-pair
// oracle computed here (TransformScorer on every candidate/reference pair), on real CIFAR images of
// world-small, with the two kinds of pair the shortlist used to miss (docs/BENCHMARKS.md, "The
// transform stage on the kernels"): copies moved by 2 px on both axes (mirrored or not), which the
// shift-tolerant descriptor ranked far down, and low-contrast copies that only the L2 criterion
// flags, which the contrast-normalised descriptor cannot rank at all.
#include "core/common/ImageSet.h"
#include "core/dedup/NearDuplicateSearch.h"
#include "core/dedup/ShiftL2Bound.h"
#include "core/dedup/TransformScorer.h"
#include "core/dedup/TransformSearch.h"
#include "tests/support/TestSupport.h"

#include <QTest>
#include <algorithm>
#include <cmath>
#include <random>
#include <set>

using namespace tc::core;

namespace {

using Image = std::vector<std::uint8_t>;

// The reference moved like a candidate that shows it under t (PairTransform.h), the uncovered border
// repeating the nearest pixels, brightness added.
Image moved(const std::uint8_t *ref, PairTransform t, int bright)
{
    Image out(kImageBytes);
    for (int r = 0; r < 32; ++r)
        for (int c = 0; c < 32; ++c) {
            const int rr = std::clamp(r - t.dy, 0, 31), cc0 = std::clamp(c - t.dx, 0, 31);
            const int cc = t.mirrored ? 31 - cc0 : cc0;
            for (int ch = 0; ch < 3; ++ch)
                out[size_t(pixelOffset(r, c, ch))] =
                    std::uint8_t(std::clamp(int(ref[pixelOffset(rr, cc, ch)]) + bright, 0, 255));
        }
    return out;
}

// Contrast squeezed to `keep` of itself around each channel's mean: sky, fog, a grey sea.
Image lowContrast(const std::uint8_t *image, double keep)
{
    Image out(image, image + kImageBytes);
    for (int ch = 0; ch < 3; ++ch) {
        double mean = 0;
        for (int p = 0; p < 1024; ++p)
            mean += image[p * 3 + ch];
        mean /= 1024;
        for (int p = 0; p < 1024; ++p)
            out[size_t(p * 3 + ch)] = std::uint8_t(std::lround(mean + (image[p * 3 + ch] - mean) * keep));
    }
    return out;
}

} // namespace

// Outside the anonymous namespace: the test class holds one, and in CI's unity build a member of a
// type with internal linkage is an error (-Wsubobject-linkage).
struct World {
    std::vector<std::uint8_t> refs;  // m images
    std::vector<std::uint8_t> cands; // n images
    std::vector<qint32> source;      // per candidate: the reference it copies, -1 for none
    qsizetype m = 0, n = 0;
};

namespace {

// References: world-small's CIFAR-10 images and, for every fourth, a low-contrast version of it.
// Candidates: every 37th reference moved by 2 px on both axes (every other mirrored); low-contrast
// references moved by up to 2 px with brightness +-4; a few unrelated low-contrast images.
World makeWorld()
{
    World w;
    for (const char *batch : {"test_batch.bin", "data_batch_1.bin", "data_batch_2.bin"}) {
        const auto images = tc::test::cifarBinaryImages(
            tc::test::fixture(QStringLiteral("world-small/cifar-10-batches-bin/") + QLatin1String(batch)), 500);
        w.refs.insert(w.refs.end(), images.begin(), images.end());
    }
    const qsizetype plain = qsizetype(w.refs.size() / kImageBytes);
    for (qsizetype i = 0; i < plain; i += 4) {
        const Image low = lowContrast(w.refs.data() + i * kImageBytes, 0.15);
        w.refs.insert(w.refs.end(), low.begin(), low.end());
    }
    w.m = qsizetype(w.refs.size() / kImageBytes);
    std::mt19937 rng(5);
    const auto add = [&](const Image &image, qint32 source) {
        w.cands.insert(w.cands.end(), image.begin(), image.end());
        w.source.push_back(source);
    };
    for (qsizetype i = 0; i < plain; i += 37) {
        const int dx = i % 2 ? 2 : -2, dy = i % 3 ? 2 : -2;
        add(moved(w.refs.data() + i * kImageBytes, {dx, dy, (i / 37) % 2 == 1}, int(rng() % 7) - 3), qint32(i));
    }
    for (qsizetype i = plain; i < w.m; i += 9) {
        const PairTransform t{int(rng() % 5) - 2, int(rng() % 5) - 2, rng() % 2 == 0};
        add(moved(w.refs.data() + i * kImageBytes, t, int(rng() % 9) - 4), qint32(i));
    }
    for (int i = 0; i < 10; ++i)
        add(lowContrast(w.refs.data() + qsizetype(rng() % plain) * kImageBytes, 0.1), -1);
    w.n = qsizetype(w.source.size());
    return w;
}

} // namespace

class TestTransformSearch final : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        TC_REQUIRE_SHARED();
        m_world = makeWorld();
        QVERIFY(m_world.m > 1500);
        // The every-pair oracle: the best over all 50 transforms of every pair, as the pass scores it.
        m_oracle.resize(size_t(m_world.n * m_world.m));
        TransformScorer scorer(SsimWindow::Uniform7, TransformSet::ShiftFlip);
        for (qsizetype i = 0; i < m_world.n; ++i) {
            scorer.setCandidate(m_world.cands.data() + i * kImageBytes);
            for (qsizetype j = 0; j < m_world.m; ++j)
                m_oracle[size_t(i * m_world.m + j)] = scorer.score(m_world.refs.data() + j * kImageBytes);
        }
    }

    // The descriptor: 6 x 6 block means around each 4 x 4 cell (clipped at the border), centred per
    // channel, scaled by 1 / sqrt(|v|^2 + 64), computed here the plain way; mirrored: the columns
    // reversed.
    void featureIsTheBlockMeanDescriptor()
    {
        for (qsizetype j = 0; j < m_world.m; j += 97) {
            const std::uint8_t *image = m_world.refs.data() + j * kImageBytes;
            for (bool mirrored : {false, true}) {
                float got[TransformSearch::kFeatureDim];
                TransformSearch::feature(image, mirrored, got);
                double want[TransformSearch::kFeatureDim], mean[3] = {}, norm = 0;
                for (int i = 0; i < 8; ++i)
                    for (int c = 0; c < 8; ++c)
                        for (int ch = 0; ch < 3; ++ch) {
                            const int r0 = std::max(0, 4 * i - 1), r1 = std::min(32, 4 * i + 5);
                            const int c0 = std::max(0, 4 * c - 1), c1 = std::min(32, 4 * c + 5);
                            double sum = 0;
                            for (int r = r0; r < r1; ++r)
                                for (int cc = c0; cc < c1; ++cc)
                                    sum += image[pixelOffset(r, cc, ch)];
                            const int at = (i * 8 + (mirrored ? 7 - c : c)) * 3 + ch;
                            want[at] = sum / ((r1 - r0) * (c1 - c0));
                            mean[ch] += want[at] / 64;
                        }
                for (int d = 0; d < TransformSearch::kFeatureDim; ++d) {
                    want[d] -= mean[d % 3];
                    norm += want[d] * want[d];
                }
                for (int d = 0; d < TransformSearch::kFeatureDim; ++d)
                    QVERIFY2(std::abs(got[d] - want[d] / std::sqrt(norm + 64)) < 1e-6,
                             qPrintable(QStringLiteral("reference %1%2, component %3: %4 vs %5")
                                            .arg(j)
                                            .arg(mirrored ? " mirrored" : "")
                                            .arg(d)
                                            .arg(got[d])
                                            .arg(want[d] / std::sqrt(norm + 64))));
            }
        }
    }

    // The re-rank's variants from one integral image are, bit for bit, the descriptors of the image
    // moved (border repeated) by each (dx, dy) in {-2, 0, 2}^2, as it is and mirrored first: the
    // shortlist must not change with how they are computed. Flat and saturated images too.
    void shiftedFeaturesAreTheMovedImagesFeatures()
    {
        std::vector<Image> images = {Image(kImageBytes, 0), Image(kImageBytes, 255)};
        for (qsizetype j = 0; j < m_world.m; j += 61)
            images.emplace_back(m_world.refs.data() + j * kImageBytes, m_world.refs.data() + (j + 1) * kImageBytes);
        constexpr int kVariants = TransformSearch::kShiftVariants, kStep = TransformSearch::kShiftStep;
        std::vector<float> got(size_t(2 * kVariants * TransformSearch::kFeatureDim));
        for (size_t i = 0; i < images.size(); ++i) {
            TransformSearch::shiftedFeatures(images[i].data(), got.data());
            for (int mirrored = 0; mirrored < 2; ++mirrored)
                for (int dy = -kStep; dy <= kStep; dy += kStep)
                    for (int dx = -kStep; dx <= kStep; dx += kStep) {
                        const int v = mirrored * kVariants + (dy / kStep + 1) * 3 + dx / kStep + 1;
                        const Image shown = moved(images[i].data(), {dx, dy, mirrored == 1}, 0);
                        float want[TransformSearch::kFeatureDim];
                        TransformSearch::feature(shown.data(), false, want);
                        QVERIFY2(std::equal(want, want + TransformSearch::kFeatureDim,
                                            got.begin() + v * TransformSearch::kFeatureDim),
                                 qPrintable(QStringLiteral("image %1, (%2, %3)%4")
                                                .arg(i)
                                                .arg(dx)
                                                .arg(dy)
                                                .arg(mirrored ? " mirrored" : "")));
                    }
        }
    }

    // The shortlist's selection on every path: the `size` largest of score - bias, ties to the lower
    // index, against a full sort; scores with few distinct values (ties across the threshold),
    // offered in tiles of uneven widths (vector tails), fewer columns than `size` (-1 padding).
    void topListKeepsTheBest_data()
    {
        QTest::addColumn<int>("kernelIndex");
        for (IntKernel k : supportedIntKernels())
            if (TransformKernels(k).kernel() == k)
                QTest::newRow(qPrintable(TransformKernels(k).name())) << int(k);
    }
    void topListKeepsTheBest()
    {
        QFETCH(int, kernelIndex);
        const TransformKernels kernels{IntKernel(kernelIndex)};
        std::mt19937 rng(17);
        for (int size : {1, 5, 64})
            for (int range : {4, 60, 1 << 22})
                for (qsizetype n : {qsizetype(3), qsizetype(5000)}) {
                    std::vector<std::int32_t> scores(static_cast<size_t>(n)), bias(static_cast<size_t>(n));
                    for (qsizetype c = 0; c < n; ++c) {
                        scores[size_t(c)] = std::int32_t(rng() % unsigned(range)) - range / 2;
                        bias[size_t(c)] = range > 100 ? std::int32_t(rng() % 1000) : 0;
                    }
                    TransformSearch::TopList list(size, kernels);
                    qsizetype at = 0;
                    for (qsizetype width : {2048, 1000, 7, 333, 16, 1}) // then the rest
                        if (at < n) {
                            const qsizetype w = std::min(width, n - at);
                            list.offer(scores.data() + at, bias.data() + at, w, qint32(at));
                            at += w;
                        }
                    list.offer(scores.data() + at, bias.data() + at, n - at, qint32(at));
                    std::vector<qint32> got(static_cast<size_t>(size));
                    list.take(got.data());
                    std::vector<std::pair<std::int32_t, qint32>> all;
                    for (qsizetype c = 0; c < n; ++c)
                        all.push_back({scores[size_t(c)] - bias[size_t(c)], qint32(c)});
                    std::sort(all.begin(), all.end(), [](const auto &x, const auto &y) {
                        return x.first != y.first ? x.first > y.first : x.second < y.second;
                    });
                    std::vector<qint32> want(size_t(size), -1);
                    for (size_t t = 0; t < std::min(all.size(), size_t(size)); ++t)
                        want[t] = all[t].second;
                    std::sort(got.begin(), got.end());
                    std::sort(want.begin(), want.end());
                    QVERIFY2(got == want,
                             qPrintable(QStringLiteral("size %1, range %2, n %3").arg(size).arg(range).arg(n)));
                }
    }

    // ShiftL2Bound lists every reference within the L2 under some transform (it may list more,
    // but must rule most pairs out to be worth anything).
    void boundKeepsEveryPairWithin_data()
    {
        QTest::addColumn<double>("maxL2");
        QTest::newRow("protocol 1000") << 1000.0;
        QTest::newRow("tight 400") << 400.0;
        QTest::newRow("loose 2500") << 2500.0;
    }
    void boundKeepsEveryPairWithin()
    {
        QFETCH(double, maxL2);
        for (IntKernel kernel : supportedIntKernels()) {
            ShiftL2Bound bound(m_world.refs.data(), m_world.m, maxL2, kernel, 0);
            bound.prepare();
            std::vector<std::vector<qint32>> lists(size_t(m_world.n));
            bound.candidatesOf(m_world.cands.data(), m_world.n, lists);
            qint64 within = 0, listed = 0;
            for (qsizetype i = 0; i < m_world.n; ++i) {
                const std::set<qint32> kept(lists[size_t(i)].begin(), lists[size_t(i)].end());
                listed += qint64(kept.size());
                for (qsizetype j = 0; j < m_world.m; ++j) {
                    const PairScore &s = m_oracle[size_t(i * m_world.m + j)];
                    if (s.l2 > maxL2)
                        continue;
                    ++within;
                    QVERIFY2(kept.count(qint32(j)),
                             qPrintable(QStringLiteral("candidate %1, reference %2: L2 %3 at %4 not listed (%5)")
                                            .arg(i)
                                            .arg(j)
                                            .arg(s.l2)
                                            .arg(s.transform.code(), intKernelName(kernel))));
                }
            }
            QVERIFY(within > 0);
            if (maxL2 <= 1000) // the low-contrast references are all within 2,500 of each other
                QVERIFY2(listed < m_world.n * m_world.m / 5, qPrintable(QString::number(listed)));
        }
    }

    // ShiftL2Bound's cheaper tests (the byte means, the envelopes) only filter for its per-shift test:
    // every pair that test keeps under some shift must be listed. Computed here straight from the
    // pixels (block sums, no clip, no integral image), so that a wrong envelope shows even where the
    // oracle's L2 is far from the limit.
    void boundKeepsEveryPairItsPerShiftTestKeeps_data()
    {
        QTest::addColumn<double>("maxL2");
        QTest::newRow("protocol 1000") << 1000.0;
        QTest::newRow("loose 2500") << 2500.0;
    }
    void boundKeepsEveryPairItsPerShiftTestKeeps()
    {
        QFETCH(double, maxL2);
        constexpr int kDim = ShiftL2Bound::kDim;
        // Block (i, j)'s sum over rows [2 + 4i + v, +4) and columns [2 + 4j + u, +4), per channel.
        const auto sums = [](const std::uint8_t *image, bool mirrored, int u, int v, int *out) {
            std::fill_n(out, kDim, 0);
            for (int i = 0; i < 7; ++i)
                for (int j = 0; j < 7; ++j)
                    for (int r = 2 + 4 * i + v; r < 6 + 4 * i + v; ++r)
                        for (int c = 2 + 4 * j + u; c < 6 + 4 * j + u; ++c)
                            for (int ch = 0; ch < 3; ++ch)
                                out[(i * 7 + j) * 3 + ch] += image[pixelOffset(r, mirrored ? 31 - c : c, ch)];
        };
        std::vector<int> refs(size_t(m_world.m) * kDim);
        for (qsizetype j = 0; j < m_world.m; ++j)
            sums(m_world.refs.data() + j * kImageBytes, false, 0, 0, refs.data() + j * kDim);
        // The pairs the per-shift test keeps (candidate, reference) and a shift it keeps them at.
        std::vector<std::pair<qsizetype, qsizetype>> keep;
        std::vector<int> keptAt;
        std::vector<int> cand(50 * kDim);
        std::vector<double> area;
        for (qsizetype i = 0; i < m_world.n; ++i) {
            int t = 0; // mirror state, then v, then u
            area.clear();
            for (bool mirrored : {false, true})
                for (int v = -2; v <= 2; ++v)
                    for (int u = -2; u <= 2; ++u) {
                        sums(m_world.cands.data() + i * kImageBytes, mirrored, u, v, cand.data() + t++ * kDim);
                        area.push_back(double((32 - std::abs(u)) * (32 - std::abs(v))));
                    }
            for (qsizetype j = 0; j < m_world.m; ++j)
                for (t = 0; t < 50; ++t) {
                    qint64 d2 = 0;
                    for (int d = 0; d < kDim; ++d) {
                        const qint64 diff = cand[size_t(t * kDim + d)] - refs[size_t(j * kDim + d)];
                        d2 += diff * diff;
                    }
                    if (double(d2) * 64 <= maxL2 * maxL2 * area[size_t(t)]) {
                        keep.emplace_back(i, j);
                        keptAt.push_back(t);
                        break;
                    }
                }
        }
        QVERIFY(qsizetype(keep.size()) > m_world.n); // more than the copies: past the obvious pairs
        for (IntKernel kernel : supportedIntKernels()) {
            ShiftL2Bound bound(m_world.refs.data(), m_world.m, maxL2, kernel, 0);
            bound.prepare();
            std::vector<std::vector<qint32>> lists(size_t(m_world.n));
            bound.candidatesOf(m_world.cands.data(), m_world.n, lists);
            for (size_t k = 0; k < keep.size(); ++k) {
                const auto &list = lists[size_t(keep[k].first)];
                QVERIFY2(std::find(list.begin(), list.end(), qint32(keep[k].second)) != list.end(),
                         qPrintable(QStringLiteral("candidate %1, reference %2: kept at shift %3 but not listed (%4)")
                                        .arg(keep[k].first)
                                        .arg(keep[k].second)
                                        .arg(keptAt[k])
                                        .arg(intKernelName(kernel))));
            }
        }
    }

    // The default pass with the narrowest descriptor shortlist finds every copy's source, and its L2
    // top-k is the oracle's wherever that is within the protocol's L2 (what the L2 criterion flags).
    // SSIM-only pairs other than the sources are the descriptor's to rank: not asserted here.
    void passFindsEveryFlaggedPair()
    {
        NearDuplicateOptions o;
        o.topK = 5;
        o.transforms = TransformSet::ShiftFlip;
        o.transformShortlist = 1;
        NearDuplicateSearch search(m_world.refs.data(), m_world.m, o);
        NearDuplicateResult result;
        QVERIFY(search.run(m_world.cands.data(), m_world.n, &result));
        const auto flaggedBy = [](const PairScore &s) { return s.ssim >= 0.75 || s.l2 <= 1000; };
        qint64 truthPairs = 0, l2Only = 0;
        for (qsizetype i = 0; i < m_world.n; ++i) {
            std::set<qint32> found; // the references the pass flags
            for (int s = 0; s < o.topK; ++s) {
                if (result.l2Of(i)[size_t(s)].index >= 0 && flaggedBy(result.l2ScoresOf(i)[size_t(s)]))
                    found.insert(result.l2Of(i)[size_t(s)].index);
                if (result.ssimOf(i)[size_t(s)].index >= 0 && flaggedBy(result.ssimScoresOf(i)[size_t(s)]))
                    found.insert(result.ssimOf(i)[size_t(s)].index);
            }
            std::vector<qint32> truth;
            for (qsizetype j = 0; j < m_world.m; ++j)
                if (flaggedBy(m_oracle[size_t(i * m_world.m + j)])) {
                    truth.push_back(qint32(j));
                    l2Only += m_oracle[size_t(i * m_world.m + j)].ssim < 0.75;
                }
            truthPairs += qint64(truth.size());
            if (m_world.source[size_t(i)] >= 0)
                QVERIFY2(
                    found.count(m_world.source[size_t(i)]),
                    qPrintable(
                        QStringLiteral("candidate %1: its source %2 not found").arg(i).arg(m_world.source[size_t(i)])));
            // Every pair within the protocol's L2 is scored, so the L2 top-k is the oracle's up to there.
            std::vector<double> l2s;
            for (qsizetype j = 0; j < m_world.m; ++j)
                l2s.push_back(m_oracle[size_t(i * m_world.m + j)].l2);
            std::sort(l2s.begin(), l2s.end());
            for (int s = 0; s < o.topK && l2s[size_t(s)] <= 1000; ++s)
                QCOMPARE(result.l2ScoresOf(i)[size_t(s)].l2, l2s[size_t(s)]);
        }
        QVERIFY(truthPairs >= m_world.n);
        QVERIFY(l2Only > 0); // the kind only L2 flags is in the sample
    }

private:
    World m_world;
    std::vector<PairScore> m_oracle;
};

QTEST_GUILESS_MAIN(TestTransformSearch)
#include "TestTransformSearch.moc"
