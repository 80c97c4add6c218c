// The exact L2 top-k: on real images with planted exact copies, near copies and tied references,
// every integer path gives NumPy's int64 brute force (distance, then index) exactly, with as few or
// as many seeds as wanted, and the block-mean bounds must prune most pairs.
#include "core/common/ImageSet.h"
#include "core/dedup/ExactL2Search.h"
#include "tests/support/TestSupport.h"

#include <QTest>

using namespace tc::core;

namespace {

// The oracle: int64 squared distances, top-k by (distance, index) with a stable sort.
const char *kOracle = R"(
import sys, numpy as np
x = np.fromfile(sys.argv[1], dtype=np.uint8).reshape(-1, 3072).astype(np.int64)
y = np.fromfile(sys.argv[2], dtype=np.uint8).reshape(-1, 3072).astype(np.int64)
k = int(sys.argv[3])
with open(sys.argv[4], 'w') as out:
    for row in x:
        d = ((y - row) ** 2).sum(axis=1)
        order = np.argsort(d, kind='stable')[:k]
        out.write(' '.join(f'{j}:{d[j]}' for j in order) + '\n')
)";

} // namespace

class TestExactL2Search final : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        TC_REQUIRE_SHARED();
        TC_REQUIRE_PYTHON("numpy");
        m_refs =
            tc::test::cifarBinaryImages(tc::test::fixture("world-small/cifar-10-batches-bin/data_batch_1.bin"), 400);
        m_cands =
            tc::test::cifarBinaryImages(tc::test::fixture("world-small/cifar-10-batches-bin/test_batch.bin"), 150);
        QCOMPARE(m_refs.size(), size_t(400 * kImageBytes));
        QCOMPARE(m_cands.size(), size_t(150 * kImageBytes));
        const auto image = [](std::vector<std::uint8_t> &v, qsizetype i) { return v.begin() + i * kImageBytes; };
        // Ties: references 400-409 repeat references 10-19, so equal distances need the index rule.
        for (qsizetype j = 10; j < 20; ++j)
            m_refs.insert(m_refs.end(), image(m_refs, j), image(m_refs, j) + kImageBytes);
        // Candidates 150-159: exact copies of references; 160-169: copies off by one level here and there.
        for (qsizetype j = 0; j < 20; ++j) {
            const qsizetype src = j < 10 ? 3 * j : 5 * j + 1;
            m_cands.insert(m_cands.end(), image(m_refs, src), image(m_refs, src) + kImageBytes);
            if (j >= 10)
                for (int t = 0; t < kImageBytes; t += 97)
                    m_cands[m_cands.size() - kImageBytes + t] ^= 1;
        }
        const QString cands = m_dir.filePath("cands.u8"), refs = m_dir.filePath("refs.u8"),
                      out = m_dir.filePath("oracle.txt");
        for (const auto &[path, data] : {std::pair{cands, &m_cands}, std::pair{refs, &m_refs}}) {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            QCOMPARE(f.write(reinterpret_cast<const char *>(data->data()), qint64(data->size())), qint64(data->size()));
        }
        const auto py = tc::test::runPython(QString::fromLatin1(kOracle), {cands, refs, QString::number(kK), out});
        QVERIFY2(py.exitCode == 0, py.err.constData());
        QFile f(out);
        QVERIFY(f.open(QIODevice::ReadOnly));
        for (const QByteArray &line : f.readAll().split('\n')) {
            if (line.isEmpty())
                continue;
            std::vector<IntNeighbor> row;
            for (const QByteArray &item : line.split(' ')) {
                const auto parts = item.split(':');
                row.push_back({parts[0].toInt(), parts[1].toInt()});
            }
            m_want.push_back(row);
        }
        QCOMPARE(qsizetype(m_want.size()), qsizetype(m_cands.size() / kImageBytes));
    }

    void topKEqualsNumpy_data()
    {
        QTest::addColumn<int>("k");
        QTest::addColumn<int>("seeds");
        QTest::newRow("top-5, default seeds") << 5 << 0;
        QTest::newRow("top-1, default seeds") << 1 << 0;
        QTest::newRow("top-12 (past the ties)") << 12 << 0;
        // As few seeds as the list is long: the bounds and the threshold's tightening do the work.
        QTest::newRow("top-5, seeds = k") << 5 << 1;
        QTest::newRow("seeds past the references") << 5 << 100000;
    }
    void topKEqualsNumpy()
    {
        QFETCH(int, k);
        QFETCH(int, seeds);
        const qsizetype n = qsizetype(m_cands.size() / kImageBytes), m = qsizetype(m_refs.size() / kImageBytes);
        for (IntKernel kernel : supportedIntKernels()) {
            ExactL2Search search(IntKernels(kernel), m_refs.data(), m);
            search.setSeeds(seeds);
            ExactL2Search::Result result;
            QVERIFY(search.run(m_cands.data(), n, k, 2 * k, &result));
            QCOMPARE(result.k, k);
            QCOMPARE(result.fallbacks, 0);
            // The bounds must matter: most references never reach the 2x2 bound, and fewer the
            // exact distance (unless every reference is a seed).
            if (seeds < m) {
                QVERIFY2(result.refined < n * m / 4, qPrintable(QString::number(result.refined)));
                QVERIFY2(result.measured < n * m / 8, qPrintable(QString::number(result.measured)));
            }
            for (qsizetype i = 0; i < n; ++i)
                for (int r = 0; r < k; ++r) {
                    const IntNeighbor got = result.top[size_t(i * k + r)], want = m_want[size_t(i)][size_t(r)];
                    if (got.index != want.index || got.value != want.value)
                        QFAIL(qPrintable(QStringLiteral("%1, candidate %2 rank %3: reference %4 at %5, numpy %6 at %7")
                                             .arg(intKernelName(kernel))
                                             .arg(i)
                                             .arg(r)
                                             .arg(got.index)
                                             .arg(got.value)
                                             .arg(want.index)
                                             .arg(want.value)));
                }
        }
    }

    // The planted copies: distance 0 to their source (and to its twin, the lower index first).
    void exactCopiesComeFirst()
    {
        const qsizetype m = qsizetype(m_refs.size() / kImageBytes);
        ExactL2Search search(IntKernels::chosen(), m_refs.data(), m);
        ExactL2Search::Result result;
        QVERIFY(search.run(m_cands.data() + 150 * kImageBytes, 10, 2, 2, &result));
        for (int j = 0; j < 10; ++j) {
            QCOMPARE(result.top[size_t(2 * j)].index, 3 * j);
            QCOMPARE(result.top[size_t(2 * j)].value, 0);
            if (3 * j >= 10 && 3 * j < 20) { // its twin 390 + 3j is just as near
                QCOMPARE(result.top[size_t(2 * j + 1)].index, 390 + 3 * j);
                QCOMPARE(result.top[size_t(2 * j + 1)].value, 0);
            }
        }
    }

    void emptyInputsAndAbsurdK()
    {
        const qsizetype m = qsizetype(m_refs.size() / kImageBytes);
        ExactL2Search search(IntKernels::chosen(), m_refs.data(), m);
        ExactL2Search::Result result;
        QVERIFY(search.run(m_cands.data(), 0, 5, 5, &result));
        QVERIFY(result.top.empty());
        // k beyond the references: capped, every reference listed once, nearest first.
        QVERIFY(search.run(m_cands.data(), 1, 1000000, 0, &result));
        QCOMPARE(result.k, int(m));
        std::vector<bool> seen(size_t(m), false);
        for (int r = 0; r < result.k; ++r) {
            QVERIFY(!seen[size_t(result.top[size_t(r)].index)]);
            seen[size_t(result.top[size_t(r)].index)] = true;
            if (r > 0)
                QVERIFY(result.top[size_t(r - 1)].value <= result.top[size_t(r)].value);
        }
        ExactL2Search none(IntKernels::chosen(), m_refs.data(), 0);
        QVERIFY(none.run(m_cands.data(), 3, 5, 5, &result));
        QCOMPARE(result.top[0].index, -1);
    }

private:
    static constexpr int kK = 12;
    QTemporaryDir m_dir;
    std::vector<std::uint8_t> m_refs, m_cands;
    std::vector<std::vector<IntNeighbor>> m_want;
};

QTEST_GUILESS_MAIN(TestExactL2Search)
#include "TestExactL2Search.moc"
