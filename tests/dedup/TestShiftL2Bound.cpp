// ShiftL2Bound against its own proof, computed here straight from the pixels (block sums by plain
// loops, no integral image, no envelopes): it must list every pair whose per-shift block-sum test
// keeps it without the clip (what the proof needs), and no pair that the same test rejects even with
// the clip (its last test: the cheaper ones before it may only save work, never list more). On
// synthetic images built for the edges: copies moved by up to 2 px and mirrored, low-contrast ones
// that crowd together, painted squares whose blocks differ by more than the clip, saturated and
// constant images; more references than one 2,048-column tile, candidates not a multiple of a tile's
// eight; on every integer path this CPU runs, which must list the same.
#include "core/common/ImageSet.h"
#include "core/dedup/ShiftL2Bound.h"

#include <QTest>
#include <algorithm>
#include <cmath>
#include <random>
#include <set>

using namespace tc::core;

namespace {

using Image = std::vector<std::uint8_t>;

// A smooth random image (a gradient and a blob per channel) with some noise; `contrast` scales
// everything around mid-grey, so low-contrast images crowd together.
Image smooth(std::mt19937 &rng, double contrast)
{
    std::uniform_real_distribution<double> u(-1, 1);
    Image out(kImageBytes);
    for (int ch = 0; ch < 3; ++ch) {
        const double base = 128 + 100 * u(rng), gx = 4 * u(rng), gy = 4 * u(rng), amp = 120 * u(rng);
        const double bx = 16 + 12 * u(rng), by = 16 + 12 * u(rng), width = 30 + 25 * u(rng);
        for (int r = 0; r < 32; ++r)
            for (int c = 0; c < 32; ++c) {
                const double blob = amp * std::exp(-((r - by) * (r - by) + (c - bx) * (c - bx)) / width);
                const double v = base + gx * (c - 16) + gy * (r - 16) + blob + 6 * u(rng);
                out[size_t(pixelOffset(r, c, ch))] =
                    std::uint8_t(std::clamp(std::lround(128 + (v - 128) * contrast), 0L, 255L));
            }
    }
    return out;
}

// A candidate showing `ref` moved by (dx, dy) and perhaps mirrored (the uncovered border repeating
// the nearest pixels), brightness added.
Image moved(const std::uint8_t *ref, int dx, int dy, bool mirrored, int bright)
{
    Image out(kImageBytes);
    for (int r = 0; r < 32; ++r)
        for (int c = 0; c < 32; ++c) {
            const int rr = std::clamp(r - dy, 0, 31), cc0 = std::clamp(c - dx, 0, 31), cc = mirrored ? 31 - cc0 : cc0;
            for (int ch = 0; ch < 3; ++ch)
                out[size_t(pixelOffset(r, c, ch))] =
                    std::uint8_t(std::clamp(int(ref[pixelOffset(rr, cc, ch)]) + bright, 0, 255));
        }
    return out;
}

constexpr int kDim = ShiftL2Bound::kDim;

// Block (i, j)'s sum over rows [2 + 4i + v, +4) and columns [2 + 4j + u, +4), per channel.
void blockSums(const std::uint8_t *image, bool mirrored, int u, int v, std::int32_t *out)
{
    std::fill_n(out, kDim, 0);
    for (int i = 0; i < 7; ++i)
        for (int j = 0; j < 7; ++j)
            for (int r = 2 + 4 * i + v; r < 6 + 4 * i + v; ++r)
                for (int c = 2 + 4 * j + u; c < 6 + 4 * j + u; ++c)
                    for (int ch = 0; ch < 3; ++ch)
                        out[(i * 7 + j) * 3 + ch] += image[pixelOffset(r, mirrored ? 31 - c : c, ch)];
}

} // namespace

class TestShiftL2Bound final : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        std::mt19937 rng(11);
        for (int j = 0; j < 2100; ++j) {
            const Image image = smooth(rng, j % 3 == 0 ? 0.08 : j % 3 == 1 ? 0.4 : 1.0);
            m_refs.insert(m_refs.end(), image.begin(), image.end());
        }
        for (int level : {0, 255, 128}) // constant images, and one half saturated
            m_refs.insert(m_refs.end(), kImageBytes, std::uint8_t(level));
        Image half(kImageBytes, 0);
        std::fill(half.begin(), half.begin() + kImageBytes / 2, 255);
        m_refs.insert(m_refs.end(), half.begin(), half.end());
        m_m = qsizetype(m_refs.size() / kImageBytes);
        const auto add = [&](const Image &image) { m_cands.insert(m_cands.end(), image.begin(), image.end()); };
        for (int i = 0; i < 30; ++i) { // moved copies, every other low-contrast reference
            const std::uint8_t *ref = m_refs.data() + qsizetype(rng() % 2100) * kImageBytes;
            add(moved(ref, int(rng() % 5) - 2, int(rng() % 5) - 2, i % 2 == 1, int(rng() % 11) - 5));
        }
        for (int i = 0; i < 6; ++i) { // a square painted black or white: blocks past the clip
            Image image = moved(m_refs.data() + qsizetype(rng() % 2100) * kImageBytes, i % 3 - 1, 1, i % 2 == 0, 0);
            const int r0 = 4 + int(rng() % 18), c0 = 4 + int(rng() % 18);
            for (int r = r0; r < r0 + 8; ++r)
                for (int c = c0; c < c0 + 8; ++c)
                    for (int ch = 0; ch < 3; ++ch)
                        image[size_t(pixelOffset(r, c, ch))] = i % 2 ? 255 : 0;
            add(image);
        }
        add(moved(half.data(), 1, -2, false, 0));
        add(Image(kImageBytes, 250));
        add(smooth(rng, 1.0));
        m_n = qsizetype(m_cands.size() / kImageBytes);
        QVERIFY(m_n % 8 != 0 && m_m > 2048);

        // Per pair, the least maxL2^2 at which the per-shift test keeps it, without and with the clip:
        // min over the 50 transforms of |Sc_t - Sr|^2 * 64 / area_t (SSD >= d2 / 16, L2^2 = SSD * 1024 / area).
        std::vector<std::int32_t> refSums(size_t(m_m) * kDim), cand(size_t(50) * kDim);
        for (qsizetype j = 0; j < m_m; ++j)
            blockSums(m_refs.data() + j * kImageBytes, false, 0, 0, refSums.data() + j * kDim);
        m_needPlain.assign(size_t(m_n * m_m), 0);
        m_needClipped.assign(size_t(m_n * m_m), 0);
        double area[50];
        for (qsizetype i = 0; i < m_n; ++i) {
            int t = 0;
            for (bool mirrored : {false, true})
                for (int v = -2; v <= 2; ++v)
                    for (int u = -2; u <= 2; ++u) {
                        blockSums(m_cands.data() + i * kImageBytes, mirrored, u, v, cand.data() + t * kDim);
                        area[t++] = double((32 - std::abs(u)) * (32 - std::abs(v)));
                    }
            for (qsizetype j = 0; j < m_m; ++j) {
                double plain = HUGE_VAL, clipped = HUGE_VAL;
                for (t = 0; t < 50; ++t) {
                    std::int64_t d2 = 0, c2 = 0; // differences of at most 4,080: squares fit in an int32
                    for (int d = 0; d < kDim; ++d) {
                        const std::int32_t diff = std::abs(cand[size_t(t * kDim + d)] - refSums[size_t(j * kDim + d)]);
                        d2 += diff * diff;
                        c2 += std::min(diff, 2047) * std::min(diff, 2047);
                    }
                    plain = std::min(plain, double(d2) * 64 / area[t]);
                    clipped = std::min(clipped, double(c2) * 64 / area[t]);
                }
                m_needPlain[size_t(i * m_m + j)] = plain;
                m_needClipped[size_t(i * m_m + j)] = clipped;
            }
        }
    }

    void listsExactlyWhatItsProofAllows_data()
    {
        QTest::addColumn<double>("maxL2");
        QTest::newRow("tight 400") << 400.0;
        QTest::newRow("protocol 1000") << 1000.0;
        QTest::newRow("loose 2500") << 2500.0;
        QTest::newRow("clip decides 6000") << 6000.0;
        QTest::newRow("everything 1e6") << 1e6;
        QTest::newRow("nothing 0") << 0.0;
    }
    void listsExactlyWhatItsProofAllows()
    {
        QFETCH(double, maxL2);
        const double limit = maxL2 * maxL2;
        std::vector<std::set<qint32>> first;
        for (IntKernel kernel : supportedIntKernels()) {
            ShiftL2Bound bound(m_refs.data(), m_m, maxL2, kernel, 2);
            bound.prepare();
            std::vector<std::vector<qint32>> lists(static_cast<size_t>(m_n));
            bound.candidatesOf(m_cands.data(), m_n, lists);
            std::vector<std::set<qint32>> kept;
            qint64 must = 0, mustNot = 0, listed = 0;
            for (qsizetype i = 0; i < m_n; ++i) {
                kept.emplace_back(lists[size_t(i)].begin(), lists[size_t(i)].end());
                listed += qint64(kept.back().size());
                for (qsizetype j = 0; j < m_m; ++j) {
                    const double plain = m_needPlain[size_t(i * m_m + j)], clipped = m_needClipped[size_t(i * m_m + j)];
                    const bool in = kept.back().count(qint32(j)) > 0;
                    const QString pair = QStringLiteral("candidate %1, reference %2 (%3; need %4, clipped %5)")
                                             .arg(i)
                                             .arg(j)
                                             .arg(intKernelName(kernel))
                                             .arg(plain)
                                             .arg(clipped);
                    if (maxL2 > 0 && plain < limit * (1 - 1e-9)) {
                        ++must;
                        QVERIFY2(in, qPrintable(pair + QStringLiteral(": kept by the proof, not listed")));
                    }
                    if (maxL2 <= 0 || clipped > limit * (1 + 1e-6) + 1) {
                        ++mustNot;
                        QVERIFY2(!in, qPrintable(pair + QStringLiteral(": rejected by the last test, listed")));
                    }
                }
            }
            if (maxL2 > 0 && maxL2 < 1e5) // both sides of the proof are in the sample
                QVERIFY2(must > m_n && mustNot > m_n, qPrintable(QStringLiteral("%1 %2").arg(must).arg(mustNot)));
            if (maxL2 > 0 && maxL2 <= 1000) // a third of the references are flat and crowd within 2,500
                QVERIFY2(listed < m_n * m_m / 5, qPrintable(QString::number(listed)));
            if (maxL2 >= 1e5)
                QCOMPARE(listed, m_n * m_m);
            if (first.empty())
                first = kept;
            else
                QVERIFY2(kept == first, qPrintable(intKernelName(kernel) + QStringLiteral(" lists differently")));
        }
    }

    // Only the pairs whose clip matters: some are kept by the clipped test and not by the plain one,
    // so the upper check above has teeth where the two differ.
    void clipMattersInTheSample()
    {
        qint64 differ = 0;
        for (size_t p = 0; p < m_needPlain.size(); ++p)
            differ += m_needClipped[p] <= 6000.0 * 6000.0 && m_needPlain[p] > 6000.0 * 6000.0;
        QVERIFY(differ > 0);
    }

    // Flat images are where every test is tight: all 25 shifts give the same block sums (the first
    // test's spread is 0), each block's Cauchy-Schwarz bound is exact, and the byte means are exact.
    // A candidate at level v and a reference at v + d are within maxL2 = 4 sqrt(147) k exactly when
    // |d| <= k (block sums differ by 16 d: 147 * (16 d)^2 * 64 <= maxL2^2 * 1024). So the lists must
    // be exactly the references within k levels, on every path: any one test tightened by a few
    // percent (the first, an envelope, a row's) loses the pairs at |d| = k.
    void flatPairsAtTheBoundary_data()
    {
        QTest::addColumn<int>("k");
        for (int k : {1, 3, 10, 40, 100})
            QTest::newRow(qPrintable(QStringLiteral("within %1 levels").arg(k))) << k;
    }
    void flatPairsAtTheBoundary()
    {
        QFETCH(int, k);
        const std::vector<int> levels = {0, 37, 128, 201, 255};
        std::vector<std::uint8_t> cands, refs;
        std::vector<int> refLevel;
        for (int v : levels)
            cands.insert(cands.end(), kImageBytes, std::uint8_t(v));
        for (int level = 0; level <= 255; ++level) { // every level near one of the candidates'
            bool near = false;
            for (int v : levels)
                near = near || std::abs(level - v) <= k + 2;
            if (!near)
                continue;
            refs.insert(refs.end(), kImageBytes, std::uint8_t(level));
            refLevel.push_back(level);
        }
        const qsizetype n = qsizetype(levels.size()), m = qsizetype(refLevel.size());
        const double maxL2 = 4 * std::sqrt(147.0) * k;
        for (IntKernel kernel : supportedIntKernels()) {
            ShiftL2Bound bound(refs.data(), m, maxL2, kernel, 1);
            bound.prepare();
            std::vector<std::vector<qint32>> lists(static_cast<size_t>(n));
            bound.candidatesOf(cands.data(), n, lists);
            for (qsizetype i = 0; i < n; ++i) {
                const std::set<qint32> kept(lists[size_t(i)].begin(), lists[size_t(i)].end());
                for (qsizetype j = 0; j < m; ++j) {
                    const int d = std::abs(refLevel[size_t(j)] - levels[size_t(i)]);
                    QVERIFY2((kept.count(qint32(j)) > 0) == (d <= k),
                             qPrintable(QStringLiteral("level %1 against %2 (%3): %4")
                                            .arg(levels[size_t(i)])
                                            .arg(refLevel[size_t(j)])
                                            .arg(intKernelName(kernel))
                                            .arg(d <= k ? QStringLiteral("within, not listed")
                                                        : QStringLiteral("beyond, listed"))));
                }
            }
        }
    }

private:
    std::vector<std::uint8_t> m_refs, m_cands;
    qsizetype m_m = 0, m_n = 0;
    std::vector<double> m_needPlain, m_needClipped;
};

QTEST_GUILESS_MAIN(TestShiftL2Bound)
#include "TestShiftL2Bound.moc"
