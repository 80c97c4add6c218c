// The structure vector (ImageFeatures.h: SSIM's structure term linearised, the plain pass's second
// shortlist) against NumPy computing the documented definition in float64, on real CIFAR-10.1
// images and the edge cases (constant, black, noise, one bright pixel).
#include "core/common/ImageSet.h"
#include "core/dedup/ImageFeatures.h"
#include "tests/support/TestSupport.h"

#include <QFile>
#include <QTemporaryDir>
#include <cmath>
#include <random>

using namespace tc::core;

namespace {

using Image = std::vector<std::uint8_t>;

std::vector<Image> images()
{
    std::vector<Image> out = tc::test::npyImages(tc::test::fixture("world-small/cifar10.1/cifar10.1_v6_data.npy"));
    if (out.size() > 40)
        out.resize(40);
    std::mt19937 rng(11);
    Image noise(kImageBytes), dot(kImageBytes, 0);
    for (auto &v : noise)
        v = std::uint8_t(rng() % 256);
    dot[size_t(pixelOffset(0, 31, 1))] = 255; // a corner pixel: its window is clamped on both axes
    out.push_back(noise);
    out.push_back(dot);
    out.push_back(Image(kImageBytes, 0));
    out.push_back(Image(kImageBytes, 200));
    return out;
}

// The definition, independently: each pixel minus the mean of the 7x7 valid window it belongs to
// (top-left corner clamped to [0, 25] on both axes), over sqrt(var + C2), summed over channels and
// horizontal pixel pairs, scaled to unit length (all zeros when the sum is zero).
const char *kOracle = R"(
import sys, numpy as np
d = np.fromfile(sys.argv[1], dtype=np.uint8).reshape(-1, 32, 32, 3).astype(np.float64)
c2 = (0.03 * 255) ** 2
out = []
for img in d:
    v = np.zeros((32, 32))
    for ch in range(3):
        x = img[:, :, ch]
        for r in range(32):
            for c in range(32):
                r0, c0 = min(max(r - 3, 0), 25), min(max(c - 3, 0), 25)
                w = x[r0:r0 + 7, c0:c0 + 7]
                m = w.mean()
                var = max(0.0, (w * w).mean() - m * m)
                v[r, c] += (x[r, c] - m) / np.sqrt(var + c2)
    v = v[:, 0::2] + v[:, 1::2]
    n = np.sqrt((v * v).sum())
    out.append((v / n if n > 0 else v).reshape(-1))
np.asarray(out, dtype=np.float64).tofile(sys.argv[2])
)";

} // namespace

class TestImageFeatures final : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        TC_REQUIRE_SHARED();
        TC_REQUIRE_PYTHON("numpy");
        m_images = images();
        QVERIFY(m_images.size() >= 40);
        QFile in(m_dir.filePath("images.u8"));
        QVERIFY(in.open(QIODevice::WriteOnly));
        for (const Image &img : m_images)
            in.write(reinterpret_cast<const char *>(img.data()), kImageBytes);
        in.close();
        const QString outPath = m_dir.filePath("features.f64");
        const auto result = tc::test::runPython(QString::fromUtf8(kOracle), {in.fileName(), outPath});
        QVERIFY2(result.exitCode == 0, result.err.constData());
        QFile out(outPath);
        QVERIFY(out.open(QIODevice::ReadOnly));
        const QByteArray bytes = out.readAll();
        QCOMPARE(qsizetype(bytes.size()), qsizetype(m_images.size() * kStructureDim * sizeof(double)));
        m_oracle.resize(m_images.size() * kStructureDim);
        std::memcpy(m_oracle.data(), bytes.constData(), size_t(bytes.size()));
    }

    // Float with int32 window sums: within 2e-6 of float64 per component (components are ~0.04).
    void structureFeatureMatchesNumpy()
    {
        double worst = 0;
        for (size_t i = 0; i < m_images.size(); ++i) {
            float v[kStructureDim];
            structureFeature(m_images[i].data(), v);
            for (int k = 0; k < kStructureDim; ++k) {
                const double diff = std::abs(double(v[k]) - m_oracle[i * kStructureDim + size_t(k)]);
                worst = std::max(worst, diff);
                QVERIFY2(diff < 2e-6, qPrintable(QStringLiteral("image %1, component %2: %3 vs numpy %4")
                                                     .arg(i)
                                                     .arg(k)
                                                     .arg(double(v[k]), 0, 'g', 9)
                                                     .arg(m_oracle[i * kStructureDim + size_t(k)], 0, 'g', 9)));
            }
        }
        qInfo("largest difference from numpy: %.3g", worst);
    }

    // The bytes are 128 + round(724 v) clamped: off by one only where float rounding meets a half.
    void structureBytesMatchNumpy()
    {
        qsizetype equal = 0, total = 0;
        for (size_t i = 0; i < m_images.size(); ++i) {
            std::uint8_t b[kStructureDim];
            structureBytes(m_images[i].data(), b);
            for (int k = 0; k < kStructureDim; ++k) {
                const double x = double(kStructureScale) * m_oracle[i * kStructureDim + size_t(k)];
                const int expected = std::clamp(128 + int(std::lround(x)), 0, 255);
                QVERIFY2(
                    std::abs(int(b[k]) - expected) <= 1,
                    qPrintable(QStringLiteral("image %1, byte %2: %3 vs %4").arg(i).arg(k).arg(b[k]).arg(expected)));
                equal += int(b[k]) == expected;
                ++total;
            }
        }
        QVERIFY2(equal * 1000 >= total * 999, qPrintable(QStringLiteral("%1 of %2 bytes equal").arg(equal).arg(total)));
    }

    // A constant image has no structure: the zero vector at every level, not rounding noise scaled
    // to unit length, nor the NaNs of a division by its zero norm.
    void constantImageIsZero_data()
    {
        QTest::addColumn<int>("level");
        for (int level = 0; level < 256; ++level)
            QTest::addRow("%d", level) << level;
    }

    void constantImageIsZero()
    {
        QFETCH(int, level);
        float v[kStructureDim];
        structureFeature(Image(kImageBytes, std::uint8_t(level)).data(), v);
        for (float x : v)
            QCOMPARE(x, 0.0f);
    }

private:
    QTemporaryDir m_dir;
    std::vector<Image> m_images;
    std::vector<double> m_oracle;
};

QTEST_GUILESS_MAIN(TestImageFeatures)
#include "TestImageFeatures.moc"
