// BlockBound: the block-mean lower bound never exceeds the exact squared L2 distance (int64, computed
// here pixel by pixel) on real CIFAR images and on images built to stress it (constant, inverted,
// checkerboards, noise, rounding-edge block sums), for every block size and both pixel layouts; the
// vector scans of every path keep every pair whose distance is within the limit, down to the limit
// equal to the distance; and the pair dot products are exact on every path. It also has to prune:
// on real images most pairs are ruled out at the median distance.
#include "core/common/ImageSet.h"
#include "core/dedup/BlockBound.h"
#include "core/readers/TinyRecordStream.h"
#include "tests/support/TestSupport.h"

#include <QTest>
#include <cmath>
#include <random>

using namespace tc::core;

namespace {

qint64 exactDistance(const std::uint8_t *a, const std::uint8_t *b)
{
    qint64 sum = 0;
    for (int t = 0; t < kImageBytes; ++t)
        sum += qint64(int(a[t]) - int(b[t])) * (int(a[t]) - int(b[t]));
    return sum;
}

qint64 meanDistance(const std::uint8_t *a, const std::uint8_t *b, int dim)
{
    qint64 sum = 0;
    for (int t = 0; t < dim; ++t)
        sum += qint64(int(a[t]) - int(b[t])) * (int(a[t]) - int(b[t]));
    return sum;
}

} // namespace

class TestBlockBound final : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        TC_REQUIRE_SHARED();
        m_images =
            tc::test::cifarBinaryImages(tc::test::fixture("world-small/cifar-10-batches-bin/data_batch_1.bin"), 150);
        QCOMPARE(m_images.size(), size_t(150 * kImageBytes));
        std::mt19937 rng(5);
        const auto add = [&](auto pixel) {
            for (int t = 0; t < kImageBytes; ++t)
                m_images.push_back(std::uint8_t(pixel(t)));
        };
        add([](int) { return 0; });
        add([](int) { return 255; });
        add([](int t) { return (t / 3 + t / 96) % 2 ? 255 : 0; });  // pixel checkerboard: all energy in Q
        add([](int t) { return (t / 6 + t / 192) % 2 ? 255 : 0; }); // 2x2 checkerboard
        add([&](int) { return int(rng() % 256); });                 // noise
        add([&](int) { return int(rng() % 256); });                 // noise
        add([](int t) { return t % 16 == 0 ? 8 : 7; });             // block sums at the rounding edge
        add([](int t) { return t % 16 == 0 ? 9 : 8; });
        add([&](int t) { return 255 - m_images[size_t(t + 7 * kImageBytes)]; }); // an inverted photo
        m_count = qsizetype(m_images.size() / kImageBytes);
    }

    void boundHoldsAndPrunes_data()
    {
        QTest::addColumn<int>("block");
        QTest::addColumn<bool>("tiny");
        QTest::newRow("4x4, canonical layout") << 4 << false;
        QTest::newRow("4x4, Tiny record layout") << 4 << true;
        QTest::newRow("2x2, canonical layout") << 2 << false;
        QTest::newRow("2x2, Tiny record layout") << 2 << true;
        QTest::newRow("8x8, canonical layout") << 8 << false;
        QTest::newRow("8x8, Tiny record layout") << 8 << true;
    }
    void boundHoldsAndPrunes()
    {
        QFETCH(int, block);
        QFETCH(bool, tiny);
        const std::vector<std::uint8_t> images = inLayout(tiny);
        const BlockBound bound(block);
        QCOMPARE(bound.dim(), 3 * (32 / block) * (32 / block));
        BlockBound::Features f;
        bound.compute(images.data(), m_count, kImageBytes,
                      tiny ? BlockBound::Layout::TinyRecord : BlockBound::Layout::Canonical, &f, 2);
        QCOMPARE(f.count(), m_count);
        const int dim = bound.dim();
        qint64 pairs = 0, ruledOut = 0;
        for (qsizetype y = 0; y < m_count; ++y) {
            const std::uint8_t *py = images.data() + y * kImageBytes;
            std::vector<std::int32_t> d(static_cast<size_t>(m_count));
            std::vector<qint64> exact(static_cast<size_t>(m_count));
            for (qsizetype x = 0; x < m_count; ++x) {
                d[size_t(x)] = std::int32_t(meanDistance(f.means.data() + y * dim, f.means.data() + x * dim, dim));
                exact[size_t(x)] = exactDistance(py, images.data() + x * kImageBytes);
                QCOMPARE(f.imageNorm[size_t(x)],
                         std::int32_t(exactDistance(images.data() + x * kImageBytes,
                                                    std::vector<std::uint8_t>(kImageBytes).data())));
                const float lb = bound.lowerBound(d[size_t(x)], f.rho[size_t(x)], f.tau[size_t(x)], f.rho[size_t(y)],
                                                  f.tau[size_t(y)]);
                if (double(lb) > double(exact[size_t(x)]))
                    QFAIL(qPrintable(QStringLiteral("images %1, %2: bound %3 above the distance %4")
                                         .arg(y)
                                         .arg(x)
                                         .arg(double(lb), 0, 'f', 1)
                                         .arg(exact[size_t(x)])));
                QVERIFY(!bound.excludes(d[size_t(x)], f.rho[size_t(x)], f.tau[size_t(x)], f.rho[size_t(y)],
                                        f.tau[size_t(y)], exact[size_t(x)]));
            }
            // Every path's scan keeps each x whose distance is within the limit, the limit being
            // each x's own distance in turn (the tightest case) and the median.
            std::vector<qint64> sorted = exact;
            std::sort(sorted.begin(), sorted.end());
            const qint64 median = sorted[sorted.size() / 2];
            for (const qint64 limit : {median, sorted[1], sorted[sorted.size() - 2], exact[size_t((y * 7) % m_count)]})
                for (IntKernel path : supportedIntKernels()) {
                    std::vector<qint32> kept;
                    bound.survivors(path, d.data(), m_count, f.rho.data(), f.tau.data(), f.rho[size_t(y)],
                                    f.tau[size_t(y)], limit, 0, kept);
                    for (qsizetype x = 0; x < m_count; ++x)
                        if (exact[size_t(x)] <= limit && !std::binary_search(kept.begin(), kept.end(), qint32(x)))
                            QFAIL(qPrintable(QStringLiteral("%1: image %2 dropped for %3 at distance %4, limit %5")
                                                 .arg(intKernelName(path))
                                                 .arg(x)
                                                 .arg(y)
                                                 .arg(exact[size_t(x)])
                                                 .arg(limit)));
                    if (limit == median && path == supportedIntKernels().first() && y < 150) {
                        pairs += m_count;
                        ruledOut += m_count - qsizetype(kept.size());
                    }
                }
        }
        // The bound must matter: at the median distance, far more than the farther half goes.
        QVERIFY2(ruledOut > (block == 8   ? 0.1
                             : block == 4 ? 0.2
                                          : 0.3) *
                                double(pairs),
                 qPrintable(QStringLiteral("%1 of %2 ruled out").arg(ruledOut).arg(pairs)));
    }

    // The features against a pixel-by-pixel oracle: canonical (row, col, ch) addressing, block sums
    // rounded half up, the Q part's norm from its definition (x minus its block mean, in double).
    // The Tiny layout must give the same features as the canonical layout of the same image.
    void featuresMatchPixelOracle_data() { boundHoldsAndPrunes_data(); } // the same block sizes and layouts
    void featuresMatchPixelOracle()
    {
        QFETCH(int, block);
        QFETCH(bool, tiny);
        const std::vector<std::uint8_t> images = inLayout(tiny);
        const BlockBound bound(block);
        BlockBound::Features f;
        bound.compute(images.data(), m_count, kImageBytes,
                      tiny ? BlockBound::Layout::TinyRecord : BlockBound::Layout::Canonical, &f, 2);
        const int side = 32 / block, dim = bound.dim();
        for (qsizetype i = 0; i < m_count; ++i) {
            const std::uint8_t *x = m_images.data() + i * kImageBytes; // canonical, whatever the layout
            qint64 norm = 0, sum = 0, meanNorm = 0, meanSum = 0;
            double q = 0, r = 0;
            int t = 0;
            for (int ch = 0; ch < 3; ++ch)
                for (int br = 0; br < side; ++br)
                    for (int bc = 0; bc < side; ++bc, ++t) {
                        int s = 0;
                        for (int row = br * block; row < br * block + block; ++row)
                            for (int col = bc * block; col < bc * block + block; ++col)
                                s += x[row * 96 + col * 3 + ch];
                        const int mean = int(std::floor(double(s) / (block * block) + 0.5));
                        QCOMPARE(int(f.means[size_t(i * dim + t)]), mean);
                        meanNorm += mean * mean;
                        meanSum += mean;
                        sum += s;
                        r += std::pow(s - block * block * mean, 2) / (block * block);
                        for (int row = br * block; row < br * block + block; ++row)
                            for (int col = bc * block; col < bc * block + block; ++col) {
                                const int v = x[row * 96 + col * 3 + ch];
                                norm += v * v;
                                q += std::pow(v - double(s) / (block * block), 2);
                            }
                    }
            QCOMPARE(qint64(f.imageNorm[size_t(i)]), norm);
            QCOMPARE(qint64(f.imageSum[size_t(i)]), sum);
            QCOMPARE(qint64(f.meanNorm[size_t(i)]), meanNorm);
            QCOMPARE(qint64(f.meanSum[size_t(i)]), meanSum);
            QCOMPARE(qint64(f.meanTerm[size_t(i)]), meanNorm - 256 * meanSum); // the fused passes' one number
            QVERIFY2(
                std::abs(f.tau[size_t(i)] - std::sqrt(q)) <= 1e-3 * std::max(1.0, std::sqrt(q)),
                qPrintable(QStringLiteral("image %1: tau %2, want %3").arg(i).arg(f.tau[size_t(i)]).arg(std::sqrt(q))));
            QVERIFY2(
                std::abs(f.rho[size_t(i)] - std::sqrt(r)) <= 1e-3 * std::max(1.0, std::sqrt(r)),
                qPrintable(QStringLiteral("image %1: rho %2, want %3").arg(i).arg(f.rho[size_t(i)]).arg(std::sqrt(r))));
        }
    }

    void dotIsExactOnEveryPath()
    {
        std::mt19937 rng(9);
        std::vector<std::uint8_t> a(3072), b(3072);
        for (int round = 0; round < 20; ++round) {
            for (int t = 0; t < 3072; ++t) {
                a[size_t(t)] = round == 0 ? 255 : std::uint8_t(rng());
                b[size_t(t)] = round == 0 ? 255 : std::uint8_t(rng());
            }
            for (const int dim : {64, 192, 768, 3072}) {
                qint64 want = 0;
                for (int t = 0; t < dim; ++t)
                    want += qint64(a[size_t(t)]) * b[size_t(t)];
                for (IntKernel path : supportedIntKernels())
                    QCOMPARE(qint64(BlockBound::dot(path, a.data(), b.data(), dim)), want);
            }
        }
    }

    // dots(): scattered rows of an array, any count (groups of four and a rest), repeated rows,
    // all-255 bytes, on every path, against int64 sums here.
    void dotsAreExactOnEveryPath()
    {
        std::mt19937 rng(11);
        for (const int dim : {64, 192, 768}) {
            const int rowCount = 40;
            std::vector<std::uint8_t> a(static_cast<size_t>(dim)), base(static_cast<size_t>(rowCount * dim));
            for (auto &v : a)
                v = std::uint8_t(rng());
            for (size_t t = 0; t < base.size(); ++t)
                base[t] = t < size_t(dim) ? 255 : std::uint8_t(rng());
            std::fill(a.begin(), a.begin() + dim / 2, 255);
            std::vector<std::int32_t> sums(rowCount);
            for (int j = 0; j < rowCount; ++j)
                for (int t = 0; t < dim; ++t)
                    sums[size_t(j)] += base[size_t(j * dim + t)];
            for (const int count : {0, 1, 3, 4, 7, 29}) {
                std::vector<qint32> rows(static_cast<size_t>(count));
                for (int t = 0; t < count; ++t)
                    rows[size_t(t)] = t == 1 ? 0 : qint32(rng() % rowCount);
                for (IntKernel path : supportedIntKernels()) {
                    std::vector<std::int32_t> out(static_cast<size_t>(count), -1);
                    BlockBound::dots(path, a.data(), base.data(), dim, rows.data(), count, sums.data(), out.data());
                    for (int t = 0; t < count; ++t) {
                        qint64 want = 0;
                        for (int c = 0; c < dim; ++c)
                            want += qint64(a[size_t(c)]) * base[size_t(rows[size_t(t)] * dim + c)];
                        QCOMPARE(qint64(out[size_t(t)]), want);
                    }
                }
            }
        }
    }

private:
    // The test images in the canonical layout, or each as a Tiny Images record (planes of columns).
    std::vector<std::uint8_t> inLayout(bool tiny) const
    {
        std::vector<std::uint8_t> images(m_images.size());
        for (qsizetype i = 0; i < m_count; ++i) {
            if (tiny)
                imageToTinyRecord(m_images.data() + i * kImageBytes, images.data() + i * kImageBytes);
            else
                std::copy_n(m_images.data() + i * kImageBytes, kImageBytes, images.data() + i * kImageBytes);
        }
        return images;
    }

    std::vector<std::uint8_t> m_images;
    qsizetype m_count = 0;
};

QTEST_GUILESS_MAIN(TestBlockBound)
#include "TestBlockBound.moc"
