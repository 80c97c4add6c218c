// SSIM against skimage.metrics.structural_similarity (Debian's python3-skimage as the oracle), both
// definitions, on real CIFAR-10.1 images, their transforms and the edge cases (identical, constant).
#include "core/common/ImageSet.h"
#include "core/dedup/NearDuplicateSearch.h"
#include "core/dedup/Ssim.h"
#include "core/dedup/SsimLaneKernel.h"
#include "tests/support/TestSupport.h"

#include <QFile>
#include <QTemporaryDir>
#include <algorithm>
#include <cstring>
#include <memory>
#include <random>

using namespace tc::core;

using Image = std::vector<std::uint8_t>;

// A member type of the test class: outside the anonymous namespace (gcc's -Wsubobject-linkage).
struct Pair {
    QString name;
    Image a, b;
};

namespace {

Image mapped(const Image &a, int (*fn)(int, int))
{
    Image b(a.size());
    for (size_t i = 0; i < a.size(); ++i)
        b[i] = std::uint8_t(std::clamp(fn(a[i], int(i)), 0, 255));
    return b;
}

Image shifted(const Image &a)
{
    Image b = a;
    for (int r = 0; r < 32; ++r)
        for (int c = 1; c < 32; ++c)
            for (int ch = 0; ch < 3; ++ch)
                b[pixelOffset(r, c, ch)] = a[pixelOffset(r, c - 1, ch)];
    return b;
}

std::vector<Pair> fixturePairs()
{
    const auto real = tc::test::npyImages(tc::test::fixture("world-small/cifar10.1/cifar10.1_v6_data.npy"));
    std::vector<Pair> pairs;
    if (real.size() < 40)
        return pairs;
    std::mt19937 rng(7);
    Image noise(kImageBytes);
    for (auto &v : noise)
        v = std::uint8_t(rng() % 256);
    pairs.push_back({"identical", real[0], real[0]});
    pairs.push_back({"black-black", Image(kImageBytes, 0), Image(kImageBytes, 0)});
    pairs.push_back({"white-black", Image(kImageBytes, 255), Image(kImageBytes, 0)});
    pairs.push_back({"constant-same", Image(kImageBytes, 77), Image(kImageBytes, 77)});
    pairs.push_back({"constant-image", Image(kImageBytes, 128), real[1]});
    pairs.push_back({"noise-image", noise, real[2]});
    pairs.push_back({"brighter", real[3], mapped(real[3], [](int v, int) { return v + 40; })});
    pairs.push_back({"contrast", real[4], mapped(real[4], [](int v, int) { return (v - 128) * 3 / 2 + 128; })});
    pairs.push_back({"jitter", real[5], mapped(real[5], [](int v, int i) { return v + (i * 7919 % 11) - 5; })});
    pairs.push_back({"inverted", real[6], mapped(real[6], [](int v, int) { return 255 - v; })});
    pairs.push_back({"shifted", real[7], shifted(real[7])});
    for (int i = 0; i < 16; ++i)
        pairs.push_back({QStringLiteral("real-%1").arg(i), real[size_t(8 + i)], real[size_t(24 + i)]});
    return pairs;
}

// skimage's values for every pair: "<uniform> <gaussian>" per line.
QList<QPair<double, double>> skimageValues(const std::vector<Pair> &pairs)
{
    QTemporaryDir dir;
    QFile f(dir.filePath("pairs.u8"));
    if (!f.open(QIODevice::WriteOnly))
        return {};
    for (const Pair &p : pairs) {
        f.write(reinterpret_cast<const char *>(p.a.data()), kImageBytes);
        f.write(reinterpret_cast<const char *>(p.b.data()), kImageBytes);
    }
    f.close();
    const QString script =
        QStringLiteral("import sys, numpy as np\n"
                       "from skimage.metrics import structural_similarity as ssim\n"
                       "d = np.fromfile(sys.argv[1], dtype=np.uint8).reshape(-1, 2, 32, 32, 3)\n"
                       "for a, b in d:\n"
                       "    u = ssim(a, b, channel_axis=-1, data_range=255)\n"
                       "    g = ssim(a, b, channel_axis=-1, data_range=255, gaussian_weights=True, sigma=1.5,\n"
                       "             use_sample_covariance=False)\n"
                       "    print(repr(float(u)), repr(float(g)))\n");
    const auto result = tc::test::runPython(script, {f.fileName()});
    QList<QPair<double, double>> values;
    for (const QByteArray &line : result.out.split('\n')) {
        const auto parts = line.trimmed().split(' ');
        if (parts.size() == 2)
            values.append({parts[0].toDouble(), parts[1].toDouble()});
    }
    if (result.exitCode != 0)
        qWarning("%s", result.err.constData());
    return values;
}

} // namespace

class TestSsim final : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        TC_REQUIRE_SHARED();
        TC_REQUIRE_PYTHON("numpy", "skimage");
        m_pairs = fixturePairs();
        QVERIFY(m_pairs.size() > 20);
        m_oracle = skimageValues(m_pairs);
        QCOMPARE(m_oracle.size(), qsizetype(m_pairs.size()));
    }

    // The straightforward double implementation, both definitions.
    void referenceMatchesSkimage()
    {
        for (size_t i = 0; i < m_pairs.size(); ++i) {
            const Pair &p = m_pairs[i];
            const double u = ssimReference(p.a.data(), p.b.data(), SsimWindow::Uniform7);
            const double g = ssimReference(p.a.data(), p.b.data(), SsimWindow::Gaussian11);
            QVERIFY2(
                std::abs(u - m_oracle[qsizetype(i)].first) < 1e-5,
                qPrintable(QStringLiteral("%1: uniform %2 vs skimage %3").arg(p.name).arg(u).arg(m_oracle[i].first)));
            QVERIFY2(
                std::abs(g - m_oracle[qsizetype(i)].second) < 1e-5,
                qPrintable(QStringLiteral("%1: gaussian %2 vs skimage %3").arg(p.name).arg(g).arg(m_oracle[i].second)));
        }
    }

    // The lane kernels (integer/float Uniform7, double Gaussian11): every pair in every lane position,
    // partial blocks too.
    void laneKernelMatchesSkimage_data()
    {
        QTest::addColumn<bool>("gaussian");
        QTest::newRow("uniform") << false;
        QTest::newRow("gaussian") << true;
    }
    void laneKernelMatchesSkimage()
    {
        QFETCH(bool, gaussian);
        withSsimKernel(gaussian ? SsimWindow::Gaussian11 : SsimWindow::Uniform7,
                       [&]<typename Kernel>() { checkLaneKernel<Kernel>(gaussian); });
    }

    // Every SSIM path of the Uniform7 kernel against skimage, and bit for bit against the scalar
    // path: several singles per call (ssimManyAgainstLanes, more than kSsimInFlight), partial blocks.
    void pathsMatchScalarBitForBit_data()
    {
        QTest::addColumn<int>("path");
        QTest::newRow("scalar") << int(SsimPath::Scalar);
        QTest::newRow("avx2") << int(SsimPath::Avx2);
        QTest::newRow("avx512") << int(SsimPath::Avx512);
    }
    void pathsMatchScalarBitForBit()
    {
        QFETCH(int, path);
        if (!ssimPathSupported(SsimPath(path)))
            QSKIP("this CPU lacks the path");
        const int singles = kSsimInFlight + 3;
        double worst = 0; // largest difference from skimage
        for (size_t i0 = 0; i0 < m_pairs.size(); i0 += kSsimLanes) {
            const int lanes = int(std::min<size_t>(kSsimLanes, m_pairs.size() - i0));
            const std::uint8_t *images[kSsimLanes];
            for (int l = 0; l < lanes; ++l)
                images[l] = m_pairs[i0 + size_t(l)].b.data();
            std::vector<std::unique_ptr<SsimSingle>> owned;
            std::vector<const SsimSingle *> xs;
            for (int j = 0; j < singles; ++j) {
                owned.push_back(makeSsimBuffer<SsimSingle>());
                owned.back()->load(m_pairs[(i0 + size_t(j)) % m_pairs.size()].a.data());
                xs.push_back(owned.back().get());
            }
            std::vector<float> out[2];
            for (int run = 0; run < 2; ++run) {
                auto block = makeSsimBuffer<SsimLaneBlock>();
                block->path = run == 0 ? SsimPath::Scalar : SsimPath(path);
                block->load(images, lanes);
                out[run].assign(size_t(singles) * kSsimLanes, -9.0f);
                ssimManyAgainstLanes(xs.data(), singles, *block, out[run].data());
            }
            for (int j = 0; j < singles; ++j)
                for (int l = 0; l < lanes; ++l) {
                    const float scalar = out[0][size_t(j * kSsimLanes + l)], got = out[1][size_t(j * kSsimLanes + l)];
                    QVERIFY2(std::memcmp(&scalar, &got, sizeof got) == 0,
                             qPrintable(QStringLiteral("single %1, lane %2: %3 vs scalar %4")
                                            .arg(j)
                                            .arg(l)
                                            .arg(double(got), 0, 'g', 9)
                                            .arg(double(scalar), 0, 'g', 9)));
                    const size_t pair = i0 + size_t(l);
                    if ((i0 + size_t(j)) % m_pairs.size() == pair) { // a of the pair against its own b
                        const double diff = std::abs(got - m_oracle[qsizetype(pair)].first);
                        worst = std::max(worst, diff);
                        // Tighter than the other checks' 1e-5: the float result is within a few ulps.
                        QVERIFY2(
                            diff < 5e-7,
                            qPrintable(
                                QStringLiteral("%1: %2 from skimage").arg(m_pairs[pair].name).arg(diff, 0, 'g', 3)));
                    }
                }
        }
        qInfo("largest difference from skimage: %.3g", worst);
    }

    // The lane block's data (row steps, window sums, denominators) on every path, byte for byte
    // equal to the definition: random and real images, full and partial blocks (the AVX-512 loader
    // transposes 64 bytes at a time, so every byte position and lane is covered).
    void blockLoadsMatchDefinition_data()
    {
        QTest::addColumn<int>("path");
        QTest::addColumn<int>("count");
        for (const auto &[name, path] : {std::pair{"scalar", SsimPath::Scalar}, std::pair{"avx2", SsimPath::Avx2},
                                         std::pair{"avx512", SsimPath::Avx512}})
            for (int count : {1, 7, 16})
                QTest::addRow("%s-%d", name, count) << int(path) << count;
    }
    void blockLoadsMatchDefinition()
    {
        QFETCH(int, path);
        QFETCH(int, count);
        if (!ssimPathSupported(SsimPath(path)))
            QSKIP("this CPU lacks the path");
        std::mt19937 rng(11 + count);
        std::vector<Image> images;
        for (int l = 0; l < kSsimLanes; ++l) {
            Image img(kImageBytes);
            if (l % 2 == 0)
                for (auto &v : img)
                    v = std::uint8_t(rng() % 256);
            else
                img = m_pairs[size_t(l) % m_pairs.size()].b;
            images.push_back(img);
        }
        const std::uint8_t *ptrs[kSsimLanes];
        for (int l = 0; l < kSsimLanes; ++l)
            ptrs[l] = images[size_t(l)].data();
        auto block = makeSsimBuffer<SsimLaneBlock>();
        std::memset(static_cast<void *>(block.get()), 0xA5, sizeof *block); // no byte may survive the load
        block->path = SsimPath(path);
        block->load(ptrs, count);
        const Image black(kImageBytes, 0);
        auto px = [&](int l, int r, int c, int ch) {
            return int((l < count ? images[size_t(l)] : black)[size_t(pixelOffset(r, c, ch))]);
        };
        for (int ch = 0; ch < 3; ++ch)
            for (int l = 0; l < kSsimLanes; ++l) {
                for (int step = 0; step < kSsimRowSteps; ++step) {
                    // Rows (0, 1), (2, 3), (4, 5), (6, none) fill the first window; then (r0 + 6, r0 - 1).
                    const int a = step < 4 ? 2 * step : step + 3, b = step < 3   ? 2 * step + 1
                                                                      : step < 4 ? -1
                                                                                 : step - 4;
                    for (int c = 0; c < 32; ++c) {
                        const std::int16_t *got = block->steps[ch][step][c][l];
                        const int wantB = b < 0 ? 0 : px(l, b, c, ch);
                        if (got[0] != px(l, a, c, ch) || got[1] != wantB)
                            QFAIL(qPrintable(QStringLiteral("steps[%1][%2][%3][%4] = (%5, %6), want (%7, %8)")
                                                 .arg(ch)
                                                 .arg(step)
                                                 .arg(c)
                                                 .arg(l)
                                                 .arg(got[0])
                                                 .arg(got[1])
                                                 .arg(px(l, a, c, ch))
                                                 .arg(wantB)));
                    }
                }
                for (int r0 = 0; r0 < kSsimGrid; ++r0)
                    for (int c0 = 0; c0 < kSsimGrid; ++c0) {
                        std::int64_t sum = 0, squares = 0;
                        for (int r = r0; r < r0 + 7; ++r)
                            for (int c = c0; c < c0 + 7; ++c) {
                                sum += px(l, r, c, ch);
                                squares += px(l, r, c, ch) * px(l, r, c, ch);
                            }
                        const int p = r0 * kSsimGrid + c0;
                        const float den1 = float(2 * sum * sum) + ssimpath::kSsimC1TwiceHalf;
                        const float den2 = float(49 * squares - sum * sum) + ssimpath::kSsimC2Half;
                        QCOMPARE(block->sum[ch][p][l][0], std::int16_t(sum));
                        QCOMPARE(block->sum[ch][p][l][1], std::int16_t(sum));
                        QVERIFY(std::memcmp(&block->den1[ch][p][l], &den1, sizeof den1) == 0);
                        QVERIFY(std::memcmp(&block->den2[ch][p][l], &den2, sizeof den2) == 0);
                    }
            }
        QCOMPARE(block->count, count);
    }

    // The search picks the SSIM path with the integer kernel, so TC_INT_KERNEL forces it: the
    // exhaustive top-k of every path equals the scalar path's, index and value bit for bit.
    void searchPathsAgree_data()
    {
        QTest::addColumn<QString>("kernel");
        QTest::newRow("avx2") << QStringLiteral("avx2");
        QTest::newRow("avx512vnni") << QStringLiteral("avx512vnni");
    }
    void searchPathsAgree()
    {
        QFETCH(QString, kernel);
        const auto forced = intKernelFromName(kernel);
        QVERIFY(forced);
        if (!intKernelSupported(*forced))
            QSKIP("this CPU lacks the path");
        std::vector<std::uint8_t> cands, refs;
        for (const Pair &p : m_pairs) {
            cands.insert(cands.end(), p.a.begin(), p.a.end());
            refs.insert(refs.end(), p.b.begin(), p.b.end());
        }
        const qsizetype n = qsizetype(m_pairs.size());
        NearDuplicateResult results[2];
        const QString kernels[2] = {QStringLiteral("scalar"), kernel};
        for (int run = 0; run < 2; ++run) {
            qputenv("TC_INT_KERNEL", kernels[run].toUtf8());
            NearDuplicateSearch search(refs.data(), n, NearDuplicateOptions{.topK = 3, .exhaustive = true});
            qunsetenv("TC_INT_KERNEL");
            QCOMPARE(search.intKernels().kernel(), *intKernelFromName(kernels[run]));
            QVERIFY(search.run(cands.data(), n, &results[run]));
        }
        QCOMPARE(results[1].ssim.size(), results[0].ssim.size());
        for (size_t i = 0; i < results[0].ssim.size(); ++i) {
            QCOMPARE(results[1].ssim[i].index, results[0].ssim[i].index);
            QVERIFY(std::memcmp(&results[1].ssim[i].value, &results[0].ssim[i].value, sizeof(float)) == 0);
        }
    }

    // The formula is symmetric and computed symmetrically: SSIM(x, y) == SSIM(y, x) bit for bit.
    void symmetricBitForBit()
    {
        auto single = makeSsimBuffer<SsimSingle>();
        auto block = makeSsimBuffer<SsimLaneBlock>();
        for (const Pair &p : m_pairs) {
            float xy[kSsimLanes], yx[kSsimLanes];
            const std::uint8_t *b[1] = {p.b.data()}, *a[1] = {p.a.data()};
            single->load(p.a.data());
            block->load(b, 1);
            ssimAgainstLanes(*single, *block, xy);
            single->load(p.b.data());
            block->load(a, 1);
            ssimAgainstLanes(*single, *block, yx);
            QVERIFY2(std::memcmp(&xy[0], &yx[0], sizeof(float)) == 0, qPrintable(p.name));
        }
    }

    // The search's exhaustive and shortlist passes report the same SSIM values (top-1 of a one-reference set).
    void searchReportsSkimageValues_data()
    {
        QTest::addColumn<bool>("exhaustive");
        QTest::addColumn<bool>("gaussian");
        QTest::newRow("shortlist-uniform") << false << false;
        QTest::newRow("exhaustive-uniform") << true << false;
        QTest::newRow("shortlist-gaussian") << false << true;
        QTest::newRow("exhaustive-gaussian") << true << true;
    }
    void searchReportsSkimageValues()
    {
        QFETCH(bool, exhaustive);
        QFETCH(bool, gaussian);
        for (size_t i = 0; i < m_pairs.size(); i += 3) {
            NearDuplicateOptions options;
            options.topK = 1;
            options.exhaustive = exhaustive;
            options.window = gaussian ? SsimWindow::Gaussian11 : SsimWindow::Uniform7;
            NearDuplicateSearch search(m_pairs[i].b.data(), 1, options);
            NearDuplicateResult result;
            QVERIFY(search.run(m_pairs[i].a.data(), 1, &result));
            const double expected = gaussian ? m_oracle[qsizetype(i)].second : m_oracle[qsizetype(i)].first;
            QCOMPARE(result.ssimOf(0)[0].index, 0);
            QVERIFY2(std::abs(result.ssimOf(0)[0].value - expected) < 1e-5, qPrintable(m_pairs[i].name));
        }
    }

private:
    template <typename Kernel> void checkLaneKernel(bool gaussian)
    {
        auto single = makeSsimBuffer<typename Kernel::Single>();
        auto block = makeSsimBuffer<typename Kernel::Block>();
        for (size_t i = 0; i < m_pairs.size(); ++i) {
            single->load(m_pairs[i].a.data());
            const std::uint8_t *images[kSsimLanes];
            const int lanes = int(1 + i % kSsimLanes);
            for (int l = 0; l < lanes; ++l)
                images[l] = m_pairs[(i + size_t(l) * 5) % m_pairs.size()].b.data();
            images[lanes - 1] = m_pairs[i].b.data();
            block->load(images, lanes);
            float out[kSsimLanes];
            ssimAgainstLanes(*single, *block, out);
            const double expected = gaussian ? m_oracle[qsizetype(i)].second : m_oracle[qsizetype(i)].first;
            QVERIFY2(std::abs(out[lanes - 1] - expected) < 1e-5,
                     qPrintable(QStringLiteral("%1: kernel %2 vs skimage %3")
                                    .arg(m_pairs[i].name)
                                    .arg(out[lanes - 1])
                                    .arg(expected)));
        }
    }

    std::vector<Pair> m_pairs;
    QList<QPair<double, double>> m_oracle;
};

QTEST_GUILESS_MAIN(TestSsim)
#include "TestSsim.moc"
