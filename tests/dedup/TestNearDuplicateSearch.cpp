// L2 top-k against a brute-force NumPy oracle (exact int64 distances), SSIM top-1 of planted near
// copies, exact duplicates by construction, and cancellation.
#include "core/common/ImageSet.h"
#include "core/dedup/ExactDuplicates.h"
#include "core/dedup/ImageFeatures.h"
#include "core/dedup/NearDuplicateSearch.h"
#include "tests/support/TestSupport.h"

#include <QFile>
#include <QTemporaryDir>
#include <algorithm>
#include <cmath>
#include <random>

using namespace tc::core;

namespace {

// Tiny Images records: three 1024-byte planes, column-major inside a plane.
std::vector<std::uint8_t> readTiny(const QString &path, int count)
{
    QFile f(path);
    std::vector<std::uint8_t> out;
    if (!f.open(QIODevice::ReadOnly))
        return out;
    for (int i = 0; i < count; ++i) {
        const QByteArray rec = f.read(kImageBytes);
        if (rec.size() < kImageBytes)
            break;
        for (int r = 0; r < 32; ++r)
            for (int c = 0; c < 32; ++c)
                for (int ch = 0; ch < 3; ++ch)
                    out.push_back(std::uint8_t(rec[r + 32 * c + 1024 * ch]));
    }
    return out;
}

std::vector<std::uint8_t> readNpy(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const QByteArray all = f.readAll();
    const int header = quint8(all[8]) | (quint8(all[9]) << 8);
    return std::vector<std::uint8_t>(all.begin() + 10 + header, all.end());
}

} // namespace

class TestNearDuplicateSearch final : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        TC_REQUIRE_SHARED();
        m_cands = readTiny(tc::test::fixture("world-small/tinyimages/tiny_images.bin"), 600);
        m_refs = readNpy(tc::test::fixture("world-small/cifar10.1/cifar10.1_v6_data.npy"));
        // Twice the references, the second copy brightened: more, and harder, neighbours.
        const size_t n = m_refs.size();
        for (size_t i = 0; i < n; ++i)
            m_refs.push_back(std::uint8_t(std::min(255, m_refs[i] + 9)));
        QCOMPARE(m_cands.size(), size_t(600 * kImageBytes));
    }

    void l2TopKEqualsNumpyBruteForce_data()
    {
        QTest::addColumn<bool>("exhaustive");
        QTest::newRow("default") << false;
        QTest::newRow("exhaustive") << true;
    }
    void l2TopKEqualsNumpyBruteForce()
    {
        TC_REQUIRE_PYTHON("numpy");
        QFETCH(bool, exhaustive);
        const qsizetype n = qsizetype(m_cands.size() / kImageBytes), m = qsizetype(m_refs.size() / kImageBytes);
        NearDuplicateOptions options;
        options.topK = 5;
        options.exhaustive = exhaustive;
        NearDuplicateSearch search(m_refs.data(), m, options);
        NearDuplicateResult result;
        QVERIFY(search.run(m_cands.data(), n, &result));
        const QList<QByteArray> lines = numpyTop5();
        QCOMPARE(lines.size(), n);
        for (qsizetype i = 0; i < n; ++i) {
            const auto expected = lines[i].split(' ');
            const auto got = result.l2Of(i);
            for (int r = 0; r < 5; ++r) {
                // The reported distance is the square root of the exact integer sum.
                const double want = std::sqrt(expected[r].toDouble());
                QVERIFY2(std::abs(got[size_t(r)].value - want) <= 1e-4 * std::max(1.0, want),
                         qPrintable(QStringLiteral("candidate %1 rank %2: %3 vs numpy %4")
                                        .arg(i)
                                        .arg(r)
                                        .arg(got[size_t(r)].value)
                                        .arg(want)));
            }
        }
    }

    // A planted near copy (contrast change: large L2, high SSIM) is the SSIM top-1 in both modes.
    void plantedNearCopyIsSsimTopOne()
    {
        std::vector<std::uint8_t> cands;
        const qsizetype m = qsizetype(m_refs.size() / kImageBytes);
        const std::vector<qint32> planted = {3, 50, 120, 199};
        for (qint32 j : planted)
            for (int i = 0; i < kImageBytes; ++i)
                cands.push_back(
                    std::uint8_t(std::clamp(int(m_refs[size_t(j) * kImageBytes + i]) * 4 / 5 + 30, 0, 255)));
        for (bool exhaustive : {false, true}) {
            NearDuplicateOptions options;
            options.exhaustive = exhaustive;
            NearDuplicateSearch search(m_refs.data(), m, options);
            NearDuplicateResult result;
            QVERIFY(search.run(cands.data(), qsizetype(planted.size()), &result));
            for (size_t i = 0; i < planted.size(); ++i) {
                // Reference j or its brightened copy j + 200 (closer in brightness to the planted one).
                QCOMPARE(result.ssimOf(qsizetype(i))[0].index % 200, planted[i]);
                QVERIFY(result.ssimOf(qsizetype(i))[0].value > 0.75f);
            }
        }
    }

    void exactDuplicates()
    {
        std::vector<std::uint8_t> cands(m_refs.begin(), m_refs.begin() + 10 * kImageBytes);          // refs 0..9
        cands.insert(cands.end(), cands.begin() + 2 * kImageBytes, cands.begin() + 3 * kImageBytes); // 10 = 2
        cands.insert(cands.end(), cands.begin(), cands.begin() + kImageBytes);                       // 11 = 0
        cands[5 * kImageBytes + 100] ^= 1; // 5 no longer equals reference 5
        const auto matches = findExactMatches(cands.data(), 12, m_refs.data(), qsizetype(m_refs.size() / kImageBytes));
        QList<QPair<int, int>> got;
        for (const auto &mt : matches)
            got.append({mt.candidate, mt.reference});
        const QList<QPair<int, int>> want = {{0, 0}, {1, 1}, {2, 2}, {3, 3},  {4, 4}, {6, 6},
                                             {7, 7}, {8, 8}, {9, 9}, {10, 2}, {11, 0}};
        QCOMPARE(got, want);
        const auto groups = findInternalDuplicates(cands.data(), 12);
        QCOMPARE(groups.size(), size_t(2));
        QCOMPARE(groups[0], (std::vector<qint32>{0, 11}));
        QCOMPARE(groups[1], (std::vector<qint32>{2, 10}));
    }

    // A top-k beyond the reference count is capped at it (more neighbours cannot exist), so the result
    // holds every reference once per measure instead of growing with k.
    void topKBeyondTheReferencesIsCapped()
    {
        const qsizetype m = 50;
        NearDuplicateOptions huge;
        huge.topK = 5000;
        NearDuplicateSearch search(m_refs.data(), m, huge);
        QCOMPARE(search.options().topK, 50);
        NearDuplicateResult result;
        QVERIFY(search.run(m_cands.data(), 100, &result));
        QCOMPARE(result.k, 50);
        QCOMPARE(result.l2.size(), size_t(100 * 50));
        for (qsizetype i = 0; i < 100; ++i) {
            // Every reference once, nearest first, at its exact distance.
            std::vector<std::pair<double, qint32>> want;
            for (qint32 j = 0; j < m; ++j)
                want.push_back({std::sqrt(double(squaredDistance(m_cands.data() + i * kImageBytes,
                                                                 m_refs.data() + j * kImageBytes))),
                                j});
            std::sort(want.begin(), want.end());
            const auto got = result.l2Of(i);
            for (qsizetype s = 0; s < m; ++s)
                QVERIFY2(got[s].index == want[size_t(s)].second &&
                             std::abs(got[s].value - want[size_t(s)].first) < 1e-3,
                         qPrintable(QStringLiteral("candidate %1 rank %2").arg(i).arg(s)));
            std::vector<qint32> bySsim;
            for (const Neighbor &nb : result.ssimOf(i))
                bySsim.push_back(nb.index);
            std::sort(bySsim.begin(), bySsim.end());
            QCOMPARE(bySsim.size(), size_t(m));
            QVERIFY(std::adjacent_find(bySsim.begin(), bySsim.end()) == bySsim.end() && bySsim.front() == 0);
        }
    }

    // Working in many small chunks (bounded memory) gives exactly the result of one big chunk.
    void chunkedRunEqualsOneChunk_data()
    {
        QTest::addColumn<bool>("exhaustive");
        QTest::newRow("default") << false;
        QTest::newRow("exhaustive") << true;
    }
    void chunkedRunEqualsOneChunk()
    {
        QFETCH(bool, exhaustive);
        const qsizetype m = qsizetype(m_refs.size() / kImageBytes);
        NearDuplicateOptions whole;
        whole.exhaustive = exhaustive;
        NearDuplicateOptions chunked = whole;
        chunked.workingBytes = 1; // the minimum chunk, 64 candidates: 600 candidates in 10 chunks
        NearDuplicateSearch a(m_refs.data(), m, whole), b(m_refs.data(), m, chunked);
        QCOMPARE(a.chunkSize() >= 600, true);
        QCOMPARE(b.chunkSize(), qsizetype(64));
        NearDuplicateResult ra, rb;
        QVERIFY(a.run(m_cands.data(), 600, &ra));
        QVERIFY(b.run(m_cands.data(), 600, &rb));
        QCOMPARE(rb.ssimPairs, ra.ssimPairs);
        for (size_t i = 0; i < ra.l2.size(); ++i) {
            QCOMPARE(rb.l2[i].index, ra.l2[i].index);
            QCOMPARE(rb.l2[i].value, ra.l2[i].value);
            QCOMPARE(rb.ssim[i].index, ra.ssim[i].index);
            QCOMPARE(rb.ssim[i].value, ra.ssim[i].value);
        }
    }

    void cancellationStops()
    {
        NearDuplicateOptions options;
        options.exhaustive = true;
        NearDuplicateSearch search(m_refs.data(), qsizetype(m_refs.size() / kImageBytes), options);
        NearDuplicateResult result;
        const Progress cancelled([](qint64, qint64) {}, [] { return true; });
        QVERIFY(!search.run(m_cands.data(), 100, &result, cancelled));
    }

private:
    // NumPy's five smallest squared distances per candidate, computed once for both rows. float64
    // matrix products of 0-255 integers are exact (every partial sum stays below 2^53).
    QList<QByteArray> numpyTop5()
    {
        if (!m_numpyTop5.isEmpty())
            return m_numpyTop5;
        QTemporaryDir dir;
        QFile x(dir.filePath("x")), y(dir.filePath("y"));
        if (!x.open(QIODevice::WriteOnly) || !y.open(QIODevice::WriteOnly))
            return {};
        x.write(reinterpret_cast<const char *>(m_cands.data()), qint64(m_cands.size()));
        y.write(reinterpret_cast<const char *>(m_refs.data()), qint64(m_refs.size()));
        x.close();
        y.close();
        const auto py =
            tc::test::runPython("import sys, numpy as np\n"
                                "X = np.fromfile(sys.argv[1], np.uint8).reshape(-1, 3072).astype(np.float64)\n"
                                "Y = np.fromfile(sys.argv[2], np.uint8).reshape(-1, 3072).astype(np.float64)\n"
                                "D = (X * X).sum(1)[:, None] + (Y * Y).sum(1)[None, :] - 2 * (X @ Y.T)\n"
                                "for row in np.sort(D, axis=1)[:, :5].astype(np.int64):\n"
                                "    print(' '.join(str(v) for v in row))\n",
                                {x.fileName(), y.fileName()});
        if (py.exitCode != 0)
            qWarning("%s", py.err.constData());
        m_numpyTop5 = py.out.trimmed().split('\n');
        return m_numpyTop5;
    }

    QList<QByteArray> m_numpyTop5;
    std::vector<std::uint8_t> m_cands, m_refs;
};

QTEST_GUILESS_MAIN(TestNearDuplicateSearch)
#include "TestNearDuplicateSearch.moc"
