// CoarseBound: the fused 8x8 scan and the 4x4 narrowing of its survivors rule out only pairs whose
// exact squared L2 distance (int64, pixel by pixel here) is above the limit, on every path, down to
// the limit equal to the distance, for real CIFAR images and images built to stress the bound
// (constant, checkerboards, noise, rounding-edge block sums: some have the bound equal to the
// distance); column ranges that start past 0 and end inside a group of 16. And they must prune: at
// the median distance they rule out nearly every pair the unrounded bound computed from the pixels
// (a double-precision oracle) rules out.
#include "core/common/ImageSet.h"
#include "core/dedup/CoarseBound.h"
#include "tests/support/TestSupport.h"

#include <QTest>
#include <algorithm>
#include <cmath>
#include <limits>
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

// One image's B x B block sums and |Qx| (x minus its block means), from the pixels, in double.
struct OracleFeatures {
    std::vector<double> sums;
    double q = 0;
};

OracleFeatures oracleFeatures(const std::uint8_t *x, int block)
{
    OracleFeatures f;
    double q = 0;
    for (int ch = 0; ch < 3; ++ch)
        for (int br = 0; br < 32 / block; ++br)
            for (int bc = 0; bc < 32 / block; ++bc) {
                double s = 0;
                for (int row = br * block; row < (br + 1) * block; ++row)
                    for (int col = bc * block; col < (bc + 1) * block; ++col)
                        s += x[row * 96 + col * 3 + ch];
                for (int row = br * block; row < (br + 1) * block; ++row)
                    for (int col = bc * block; col < (bc + 1) * block; ++col)
                        q += std::pow(x[row * 96 + col * 3 + ch] - s / (block * block), 2);
                f.sums.push_back(s);
            }
    f.q = std::sqrt(q);
    return f;
}

// The block bound with unrounded means: |P(x - y)|^2 + (|Qx| - |Qy|)^2.
double oracleBound(const OracleFeatures &x, const OracleFeatures &y, int block)
{
    double p = 0;
    for (size_t t = 0; t < x.sums.size(); ++t)
        p += (x.sums[t] - y.sums[t]) * (x.sums[t] - y.sums[t]);
    return p / (block * block) + (x.q - y.q) * (x.q - y.q);
}

} // namespace

class TestCoarseBound final : public QObject {
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
        add([](int t) { return (t / 3 + t / 96) % 2 ? 255 : 0; });   // pixel checkerboard: all energy in Q
        add([](int t) { return (t / 24 + t / 768) % 2 ? 255 : 0; }); // 8x8 checkerboard: all in P
        add([&](int) { return int(rng() % 256); });                  // noise
        add([](int t) { return t % 64 == 0 ? 40 : 39; });            // block sums at the rounding edge
        add([](int t) { return t / 96 < 16 ? 200 : 10; });           // two flat halves
        m_count = qsizetype(m_images.size() / kImageBytes);
        m_exact.resize(size_t(m_count * m_count));
        for (qsizetype y = 0; y < m_count; ++y)
            for (qsizetype x = 0; x < m_count; ++x)
                m_exact[size_t(y * m_count + x)] =
                    exactDistance(m_images.data() + y * kImageBytes, m_images.data() + x * kImageBytes);
        for (const int block : {8, 4}) {
            std::vector<double> &oracle = m_oracle[block == 8 ? 0 : 1];
            std::vector<OracleFeatures> f;
            for (qsizetype i = 0; i < m_count; ++i)
                f.push_back(oracleFeatures(m_images.data() + i * kImageBytes, block));
            oracle.resize(size_t(m_count * m_count));
            for (qsizetype y = 0; y < m_count; ++y)
                for (qsizetype x = 0; x < m_count; ++x)
                    oracle[size_t(y * m_count + x)] = oracleBound(f[size_t(x)], f[size_t(y)], block);
        }
        m_coarse.compute(m_images.data(), m_count, kImageBytes, BlockBound::Layout::Canonical, &m_rows, 2);
        m_columns.features = m_rows;
        CoarseBound::pack(&m_columns);
        m_quarter.compute(m_images.data(), m_count, kImageBytes, BlockBound::Layout::Canonical, &m_quarterFeatures, 2);
    }

    void scanKeepsEveryPairWithinTheLimit_data()
    {
        QTest::addColumn<qsizetype>("c0");
        QTest::newRow("all columns") << qsizetype(0);
        QTest::newRow("columns from 16") << qsizetype(16);
        QTest::newRow("columns from 144 (one partial group)") << qsizetype(144);
    }
    // Every row at once, row y's limit the distance to column (y * 7 + round) % count: over the
    // rounds, every pair's own distance is a limit once, the tightest case. Then the median.
    void scanKeepsEveryPairWithinTheLimit()
    {
        QFETCH(qsizetype, c0);
        const qsizetype cols = m_count - c0, stride = cols + CoarseBound::kListSlack;
        for (IntKernel path : supportedIntKernels()) {
            std::vector<qint32> lists(static_cast<size_t>(m_count * stride));
            std::vector<qsizetype> counts(static_cast<size_t>(m_count));
            std::vector<qint64> limits(static_cast<size_t>(m_count));
            for (qsizetype round = 0; round <= m_count; ++round) {
                for (qsizetype y = 0; y < m_count; ++y)
                    limits[size_t(y)] =
                        round < m_count ? m_exact[size_t(y * m_count + (y * 7 + round) % m_count)] : median(y);
                // Rows 3 .. count: a first row that is not a multiple of four.
                m_coarse.scan(path, m_rows, 3, m_count - 3, m_columns, c0, cols, limits.data() + 3, lists.data(),
                              stride, counts.data());
                for (qsizetype r = 0; r < m_count - 3; ++r) {
                    const qsizetype y = r + 3;
                    const qint32 *begin = lists.data() + r * stride, *end = begin + counts[size_t(r)];
                    QVERIFY(std::is_sorted(begin, end));
                    QVERIFY(counts[size_t(r)] <= cols && (begin == end || (*begin >= c0 && end[-1] < m_count)));
                    for (qsizetype x = c0; x < m_count; ++x)
                        if (m_exact[size_t(y * m_count + x)] <= limits[size_t(y)] && !std::binary_search(begin, end, x))
                            QFAIL(qPrintable(QStringLiteral("%1: image %2 dropped for %3 at distance %4, limit %5")
                                                 .arg(intKernelName(path))
                                                 .arg(x)
                                                 .arg(y)
                                                 .arg(m_exact[size_t(y * m_count + x)])
                                                 .arg(limits[size_t(y)])));
                }
                if (round == m_count && c0 == 0)
                    checkPrunes(path, lists, counts, stride, limits, 3, 8);
            }
        }
    }

    // narrow(): the 4x4 bound over a row's candidates (all columns, or a shuffled subset whose
    // count is not a multiple of 16), every pair's distance a limit once.
    void narrowKeepsEveryPairWithinTheLimit()
    {
        std::mt19937 rng(3);
        std::vector<qint32> all(static_cast<size_t>(m_count));
        for (qsizetype x = 0; x < m_count; ++x)
            all[size_t(x)] = qint32(x);
        std::vector<qint32> subset = all;
        std::shuffle(subset.begin(), subset.end(), rng);
        subset.resize(37);
        const int dim = m_quarter.dim();
        for (IntKernel path : supportedIntKernels())
            for (const std::vector<qint32> *candidates : {&all, &subset}) {
                std::vector<qint64> limits(static_cast<size_t>(m_count));
                std::vector<std::vector<qint32>> kept(static_cast<size_t>(m_count));
                for (qsizetype y = 0; y < m_count; ++y)
                    for (qsizetype round = 0; round <= m_count; ++round) {
                        const qint64 limit =
                            round < m_count ? m_exact[size_t(y * m_count + (y + round) % m_count)] : median(y);
                        std::vector<qint32> out{-1}; // appended to, not replaced
                        CoarseBound::narrow(path, m_quarter, m_quarterFeatures.means.data() + y * dim,
                                            m_quarterFeatures.meanNorm[size_t(y)], m_quarterFeatures.rho[size_t(y)],
                                            m_quarterFeatures.tau[size_t(y)], m_quarterFeatures, candidates->data(),
                                            qsizetype(candidates->size()), limit, out);
                        QCOMPARE(out.front(), -1);
                        std::vector<char> in(static_cast<size_t>(m_count));
                        for (auto it = out.begin() + 1; it != out.end(); ++it)
                            in[size_t(*it)] = 1;
                        for (const qint32 x : *candidates)
                            if (m_exact[size_t(y * m_count + x)] <= limit && !in[size_t(x)])
                                QFAIL(qPrintable(QStringLiteral("%1: image %2 dropped for %3 at distance %4, limit %5")
                                                     .arg(intKernelName(path))
                                                     .arg(x)
                                                     .arg(y)
                                                     .arg(m_exact[size_t(y * m_count + x)])
                                                     .arg(limit)));
                        if (round == m_count && candidates == &all) {
                            kept[size_t(y)].assign(out.begin() + 1, out.end());
                            std::sort(kept[size_t(y)].begin(), kept[size_t(y)].end());
                            limits[size_t(y)] = limit;
                        }
                    }
                if (candidates == &all) {
                    std::vector<qint32> lists;
                    std::vector<qsizetype> counts;
                    for (const auto &k : kept) {
                        counts.push_back(qsizetype(k.size()));
                        lists.insert(lists.end(), k.begin(), k.end());
                        lists.resize(lists.size() + size_t(m_count + CoarseBound::kListSlack) - k.size());
                    }
                    checkPrunes(path, lists, counts, m_count + CoarseBound::kListSlack, limits, 0, 4);
                }
            }
    }

    // boundsOf(): for the 4x4 and 2x2 levels, every candidate within the limit kept, with the bound
    // BlockBound::lowerBound gives the pair (from block-mean distances computed here), on every path.
    void boundsOfKeepsEveryPairWithItsBound_data()
    {
        QTest::addColumn<int>("block");
        QTest::newRow("4x4") << 4;
        QTest::newRow("2x2") << 2;
    }
    void boundsOfKeepsEveryPairWithItsBound()
    {
        QFETCH(int, block);
        const BlockBound level(block);
        BlockBound::Features f;
        level.compute(m_images.data(), m_count, kImageBytes, BlockBound::Layout::Canonical, &f, 2);
        const int dim = level.dim();
        std::vector<qint32> candidates;
        for (qsizetype x = m_count - 1; x >= 0; x -= 2) // descending, every other one: 79 of them
            candidates.push_back(qint32(x));
        const qsizetype count = qsizetype(candidates.size());
        std::vector<float> want(size_t(m_count * m_count)); // lowerBound of (y, x), from distances here
        for (qsizetype y = 0; y < m_count; ++y)
            for (qsizetype x = 0; x < m_count; ++x) {
                std::int32_t d = 0;
                for (int t = 0; t < dim; ++t)
                    d += (int(f.means[size_t(x * dim + t)]) - int(f.means[size_t(y * dim + t)])) *
                         (int(f.means[size_t(x * dim + t)]) - int(f.means[size_t(y * dim + t)]));
                want[size_t(y * m_count + x)] =
                    level.lowerBound(d, f.rho[size_t(x)], f.tau[size_t(x)], f.rho[size_t(y)], f.tau[size_t(y)]);
            }
        std::vector<qint32> index(size_t(count + CoarseBound::kListSlack));
        std::vector<float> bounds(index.size());
        for (IntKernel path : supportedIntKernels())
            for (qsizetype y = 0; y < m_count; ++y)
                for (qsizetype round = 0; round <= 12; ++round) { // twelve candidates' own distances, then none
                    const qint64 limit =
                        round < 12 ? m_exact[size_t(y * m_count + candidates[size_t((y + 7 * round) % count)])]
                                   : std::numeric_limits<qint64>::max();
                    const qsizetype kept = CoarseBound::boundsOf(
                        path, level, f.means.data() + y * dim, f.meanNorm[size_t(y)], f.rho[size_t(y)],
                        f.tau[size_t(y)], f, candidates.data(), count, limit, index.data(), bounds.data());
                    QVERIFY(kept <= count);
                    qsizetype at = 0;
                    for (const qint32 x : candidates) {
                        const bool in = at < kept && index[size_t(at)] == x;
                        if (m_exact[size_t(y * m_count + x)] <= limit && !in)
                            QFAIL(
                                qPrintable(QStringLiteral("%1, %2x%2: image %3 dropped for %4 at distance %5, limit %6")
                                               .arg(intKernelName(path))
                                               .arg(block)
                                               .arg(x)
                                               .arg(y)
                                               .arg(m_exact[size_t(y * m_count + x)])
                                               .arg(limit)));
                        if (!in)
                            continue;
                        const float w = want[size_t(y * m_count + x)];
                        if (std::abs(bounds[size_t(at)] - w) > 1e-5f * std::max(1.0f, std::abs(w)))
                            QFAIL(qPrintable(QStringLiteral("%1: bound %2, want %3")
                                                 .arg(intKernelName(path))
                                                 .arg(double(bounds[size_t(at)]))
                                                 .arg(double(w))));
                        if (double(bounds[size_t(at)]) > double(m_exact[size_t(y * m_count + x)]))
                            QFAIL("a bound above the distance");
                        ++at;
                    }
                    QCOMPARE(at, kept); // all kept ones were candidates, in their order
                }
    }

private:
    qint64 median(qsizetype y) const
    {
        std::vector<qint64> row(m_exact.begin() + y * m_count, m_exact.begin() + (y + 1) * m_count);
        std::nth_element(row.begin(), row.begin() + m_count / 2, row.end());
        return row[size_t(m_count / 2)];
    }

    // At the median, of the pairs the pixel oracle's bound puts clearly beyond the limit (by 1%
    // and 1000: the rounded means' slack), the scan must rule out at least 95%; and more than a
    // tenth of all (the photographs are far from most others at 8x8 already).
    void checkPrunes(IntKernel path, const std::vector<qint32> &lists, const std::vector<qsizetype> &counts,
                     qsizetype stride, const std::vector<qint64> &limits, qsizetype r0, int block)
    {
        qint64 oracleOut = 0, out = 0, pairs = 0;
        for (qsizetype y = r0; y < m_count; ++y) {
            const qint32 *begin = lists.data() + (y - r0) * stride, *end = begin + counts[size_t(y - r0)];
            for (qsizetype x = 0; x < m_count; ++x) {
                const bool ruledOut = !std::binary_search(begin, end, qint32(x));
                const double bound = m_oracle[block == 8 ? 0 : 1][size_t(y * m_count + x)];
                if (bound > double(limits[size_t(y)]) * 1.01 + 1000) {
                    ++oracleOut;
                    out += ruledOut;
                }
                if (ruledOut)
                    QVERIFY(double(m_exact[size_t(y * m_count + x)]) > double(limits[size_t(y)]));
                ++pairs;
            }
        }
        QVERIFY2(out >= 0.95 * double(oracleOut) && out > 0.1 * double(pairs),
                 qPrintable(QStringLiteral("%1, %2x%2: %3 ruled out of %4 pairs, the pixel oracle %5")
                                .arg(intKernelName(path))
                                .arg(block)
                                .arg(out)
                                .arg(pairs)
                                .arg(oracleOut)));
    }

    std::vector<std::uint8_t> m_images;
    qsizetype m_count = 0;
    std::vector<qint64> m_exact;
    std::vector<double> m_oracle[2]; // the pixel oracle's 8x8 and 4x4 bounds, y * count + x
    CoarseBound m_coarse;
    BlockBound m_quarter{4};
    BlockBound::Features m_rows, m_quarterFeatures;
    CoarseBound::Columns m_columns;
};

QTEST_GUILESS_MAIN(TestCoarseBound)
#include "TestCoarseBound.moc"
