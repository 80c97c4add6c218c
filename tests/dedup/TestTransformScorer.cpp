// Transform-aware pair measures (core/dedup/TransformScorer) against independent oracles: skimage's
// structural_similarity and numpy's squared differences on the overlap crops Python cuts itself,
// for every kind of transform (shifts on both axes, mirror, mirror + shift), on real CIFAR-10.1
// images; and the best-over-transforms search on copies moved by a known transform.
#include "core/common/ImageSet.h"
#include "core/dedup/TransformScorer.h"
#include "tests/support/TestSupport.h"

#include <QFile>
#include <QTemporaryDir>
#include <cmath>
#include <random>

using namespace tc::core;

using Image = std::vector<std::uint8_t>;

Q_DECLARE_METATYPE(tc::core::PairTransform)

namespace {

const QList<PairTransform> &testedTransforms()
{
    static const QList<PairTransform> all = {
        {0, 0, false},  {1, 0, false}, {-1, 0, false}, {0, 2, false}, {0, -2, false}, {2, -1, false},
        {-2, 2, false}, {0, 0, true},  {1, 0, true},   {0, -2, true}, {-1, 2, true},  {2, 2, true},
    };
    return all;
}

// The pairs every transform is measured on: a copy of image 0 shifted by one pixel like the world's
// "shift1px" (edge column repeated), unrelated real images, and a real image against noise.
std::vector<std::pair<QString, std::pair<Image, Image>>> basePairs(const std::vector<Image> &real)
{
    Image shifted = real[0];
    for (int r = 0; r < 32; ++r)
        for (int c = 1; c < 32; ++c)
            for (int ch = 0; ch < 3; ++ch)
                shifted[size_t(pixelOffset(r, c, ch))] = real[0][size_t(pixelOffset(r, c - 1, ch))];
    std::mt19937 rng(11);
    Image noise(kImageBytes);
    for (auto &v : noise)
        v = std::uint8_t(rng() % 256);
    return {{"shift1px-copy", {shifted, real[0]}},
            {"real-a", {real[3], real[4]}},
            {"real-b", {real[5], real[6]}},
            {"noise", {noise, real[7]}}};
}

} // namespace

class TestTransformScorer final : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        TC_REQUIRE_SHARED();
        TC_REQUIRE_PYTHON("numpy", "skimage");
        m_real = tc::test::npyImages(tc::test::fixture("world-small/cifar10.1/cifar10.1_v6_data.npy"));
        QVERIFY(m_real.size() >= 20);
        // One Python run computes every oracle value: per (pair, transform) uniform SSIM, Gaussian
        // SSIM and L2, cutting the crops with numpy from the transform's definition.
        QTemporaryDir dir;
        QFile f(dir.filePath("pairs.u8")), t(dir.filePath("transforms.txt"));
        QVERIFY(f.open(QIODevice::WriteOnly) && t.open(QIODevice::WriteOnly));
        for (const auto &[name, pair] : basePairs(m_real)) {
            f.write(reinterpret_cast<const char *>(pair.first.data()), kImageBytes);
            f.write(reinterpret_cast<const char *>(pair.second.data()), kImageBytes);
        }
        for (const PairTransform &tr : testedTransforms())
            t.write(QStringLiteral("%1 %2 %3\n").arg(tr.dx).arg(tr.dy).arg(tr.mirrored ? 1 : 0).toUtf8());
        f.close();
        t.close();
        const QString script = QStringLiteral(
            "import sys, numpy as np\n"
            "from skimage.metrics import structural_similarity as ssim\n"
            "d = np.fromfile(sys.argv[1], dtype=np.uint8).reshape(-1, 2, 32, 32, 3)\n"
            "ts = [tuple(int(v) for v in l.split()) for l in open(sys.argv[2]) if l.strip()]\n"
            "for cand, ref in d:\n"
            "    for dx, dy, m in ts:\n"
            "        r = ref[:, ::-1] if m else ref\n"
            "        h, w = 32 - abs(dy), 32 - abs(dx)\n"
            "        y0, x0 = max(dy, 0), max(dx, 0)\n"
            "        a = cand[y0:y0 + h, x0:x0 + w]\n"
            "        b = r[y0 - dy:y0 - dy + h, x0 - dx:x0 - dx + w]\n"
            "        u = ssim(a, b, channel_axis=-1, data_range=255)\n"
            "        g = ssim(a, b, channel_axis=-1, data_range=255, gaussian_weights=True, sigma=1.5,\n"
            "                 use_sample_covariance=False)\n"
            "        ssd = int(((a.astype(np.int64) - b.astype(np.int64)) ** 2).sum())\n"
            "        print(repr(float(u)), repr(float(g)), repr(float(np.sqrt(ssd * 1024.0 / (h * w)))))\n");
        const auto result = tc::test::runPython(script, {f.fileName(), t.fileName()});
        QVERIFY2(result.exitCode == 0, result.err.constData());
        for (const QByteArray &line : result.out.split('\n')) {
            const auto parts = line.trimmed().split(' ');
            if (parts.size() == 3)
                m_oracle.append({parts[0].toDouble(), parts[1].toDouble(), parts[2].toDouble()});
        }
        QCOMPARE(m_oracle.size(), qsizetype(basePairs(m_real).size()) * testedTransforms().size());
    }

    void matchesSkimageAndNumpy_data()
    {
        QTest::addColumn<int>("pair");
        QTest::addColumn<int>("transform");
        const auto pairs = basePairs(m_real);
        for (int p = 0; p < int(pairs.size()); ++p)
            for (int t = 0; t < testedTransforms().size(); ++t)
                QTest::addRow("%s %s", qPrintable(pairs[size_t(p)].first), qPrintable(testedTransforms()[t].code()))
                    << p << t;
    }
    void matchesSkimageAndNumpy()
    {
        QFETCH(int, pair);
        QFETCH(int, transform);
        const auto pairs = basePairs(m_real);
        const auto &[cand, ref] = pairs[size_t(pair)].second;
        const PairTransform t = testedTransforms()[transform];
        const Oracle &want = m_oracle[pair * testedTransforms().size() + transform];
        const double u = TransformScorer::ssim(cand.data(), ref.data(), t, SsimWindow::Uniform7);
        const double g = TransformScorer::ssim(cand.data(), ref.data(), t, SsimWindow::Gaussian11);
        const double l2 = TransformScorer::l2(cand.data(), ref.data(), t);
        QVERIFY2(std::abs(u - want.uniform) < 1e-6,
                 qPrintable(QStringLiteral("uniform %1 vs skimage %2").arg(u).arg(want.uniform)));
        QVERIFY2(std::abs(g - want.gaussian) < 1e-6,
                 qPrintable(QStringLiteral("gaussian %1 vs skimage %2").arg(g).arg(want.gaussian)));
        QVERIFY2(std::abs(l2 - want.l2) < 1e-6 * std::max(1.0, want.l2),
                 qPrintable(QStringLiteral("L2 %1 vs numpy %2").arg(l2).arg(want.l2)));
    }

    // A copy of a reference moved by t (uncovered pixels black) is found under exactly t: SSIM 1 and
    // L2 0 on the overlap, whatever the window and whether the search is pruned or exhaustive.
    void bestFindsTheTransform_data()
    {
        QTest::addColumn<PairTransform>("transform");
        QTest::addColumn<bool>("exhaustive");
        for (const PairTransform &t : testedTransforms())
            for (bool exhaustive : {false, true})
                QTest::addRow("%s%s", qPrintable(t.code()), exhaustive ? " exhaustive" : "") << t << exhaustive;
    }
    void bestFindsTheTransform()
    {
        QFETCH(PairTransform, transform);
        QFETCH(bool, exhaustive);
        const Image &ref = m_real[9];
        Image cand(kImageBytes);
        TransformScorer::apply(ref.data(), transform, cand.data());
        for (SsimWindow window : {SsimWindow::Uniform7, SsimWindow::Gaussian11}) {
            TransformScorer scorer(window, TransformSet::ShiftFlip, exhaustive);
            scorer.setCandidate(cand.data());
            const PairScore s = scorer.score(ref.data());
            QCOMPARE(s.transform, transform);
            QVERIFY2(std::abs(s.ssim - 1.0) < 1e-9, qPrintable(QString::number(s.ssim)));
            QCOMPARE(s.l2, 0.0);
            // The plain protocol sees only the identity.
            TransformScorer plain(window, TransformSet::None);
            plain.setCandidate(cand.data());
            const PairScore p = plain.score(ref.data());
            QVERIFY(p.transform.isIdentity());
            if (!transform.isIdentity())
                QVERIFY2(p.ssim < 0.9 && p.l2 > 500, qPrintable(QStringLiteral("%1 %2").arg(p.ssim).arg(p.l2)));
        }
    }

    // The best over transforms is never worse than the identity and equals the best single transform.
    void bestIsTheMaximum()
    {
        const auto pairs = basePairs(m_real);
        for (const auto &[name, pair] : pairs) {
            TransformScorer scorer(SsimWindow::Uniform7, TransformSet::ShiftFlip, true);
            scorer.setCandidate(pair.first.data());
            const PairScore s = scorer.score(pair.second.data());
            double maxSsim = -2, minL2 = 1e300;
            for (const PairTransform &t : shiftFlipTransforms()) {
                maxSsim = std::max(maxSsim, TransformScorer::ssim(pair.first.data(), pair.second.data(), t));
                minL2 = std::min(minL2, TransformScorer::l2(pair.first.data(), pair.second.data(), t));
            }
            QCOMPARE(s.ssim, maxSsim);
            QCOMPARE(s.l2, minL2);
            QCOMPARE(TransformScorer::ssim(pair.first.data(), pair.second.data(), s.transform), s.ssim);
        }
    }

    void describeAndCode_data()
    {
        QTest::addColumn<PairTransform>("transform");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("code");
        QTest::newRow("identity") << PairTransform{} << "same alignment"
                                  << "none";
        QTest::newRow("right") << PairTransform{1, 0, false} << "shifted 1 px right"
                               << "dx=1";
        QTest::newRow("mirrored") << PairTransform{0, 0, true} << "mirrored"
                                  << "mirror";
        QTest::newRow("mirrored up") << PairTransform{0, -2, true} << "mirrored, shifted 2 px up"
                                     << "mirror,dy=-2";
        QTest::newRow("left down") << PairTransform{-1, 2, false} << "shifted 1 px left and 2 px down"
                                   << "dx=-1,dy=2";
    }
    void describeAndCode()
    {
        QFETCH(PairTransform, transform);
        QFETCH(QString, text);
        QFETCH(QString, code);
        QCOMPARE(transform.describe(), text);
        QCOMPARE(transform.code(), code);
        QCOMPARE(PairTransform::fromCode(code), std::optional<PairTransform>(transform));
        QVERIFY(!PairTransform::fromCode(QStringLiteral("dx=3")));
        QVERIFY(!PairTransform::fromCode(QStringLiteral("mirror,mirror")));
        QVERIFY(!PairTransform::fromCode(QStringLiteral("dx=x")));
    }

private:
    struct Oracle {
        double uniform, gaussian, l2;
    };
    std::vector<Image> m_real;
    QList<Oracle> m_oracle;
};

QTEST_GUILESS_MAIN(TestTransformScorer)
#include "TestTransformScorer.moc"
