// intTopK, the exact integer L2 top-k (the plain pass's structure shortlist runs on it): for every
// path this machine runs and one or two threads, the k nearest rows by exact squared distance,
// ties towards the lower index, exactly as NumPy's int64 distances and a lexsort give them. Few
// distinct byte values make many equal distances, so the tie order is really tested; the shapes
// cross the row chunk (96) and the column tile (512) with ragged ends.
#include "core/dedup/IntTopK.h"
#include "tests/support/TestSupport.h"

#include <QTemporaryDir>
#include <QTest>
#include <random>

using namespace tc::core;

namespace {

// Arguments: a file, n, b file, m, d, k, output file; writes n x k (index, distance) int64 pairs,
// index -1 and distance 2^31 - 1 past the m-th.
const char *kOracle = R"(
import sys, numpy as np
a_path, n, b_path, m, d, k, out = sys.argv[1:]
n, m, d, k = int(n), int(m), int(d), int(k)
a = np.fromfile(a_path, dtype=np.uint8).reshape(n, d).astype(np.int64)
b = np.fromfile(b_path, dtype=np.uint8).reshape(m, d).astype(np.int64)
dist = (a * a).sum(1)[:, None] + (b * b).sum(1)[None, :] - 2 * (a @ b.T)
res = np.empty((n, k, 2), dtype=np.int64)
res[:, :, 0] = -1
res[:, :, 1] = 2**31 - 1
for i in range(n):
    order = np.lexsort((np.arange(m), dist[i]))[:k]
    res[i, :len(order), 0] = order
    res[i, :len(order), 1] = dist[i][order]
res.tofile(out)
)";

QByteArray randomBytes(qsizetype count, int levels, unsigned seed)
{
    std::mt19937 rng(seed);
    QByteArray bytes(count, Qt::Uninitialized);
    for (auto &c : bytes)
        c = char(levels >= 256 ? rng() % 256 : (rng() % levels) * (255 / (levels - 1)));
    return bytes;
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

} // namespace

class TestIntTopK final : public QObject {
    Q_OBJECT
private slots:
    void matchesNumpyLexsort_data()
    {
        QTest::addColumn<int>("n");
        QTest::addColumn<int>("m");
        QTest::addColumn<int>("d");
        QTest::addColumn<int>("k");
        QTest::addColumn<int>("levels"); // distinct byte values (256: any byte)
        QTest::newRow("structure-512") << 100 << 1100 << 512 << 5 << 256;
        QTest::newRow("many-ties") << 97 << 1030 << 64 << 8 << 2;
        QTest::newRow("odd-dim-ties") << 13 << 600 << 147 << 20 << 3;
        QTest::newRow("k-beyond-m") << 5 << 7 << 33 << 10 << 4;
    }
    void matchesNumpyLexsort()
    {
        QFETCH(int, n);
        QFETCH(int, m);
        QFETCH(int, d);
        QFETCH(int, k);
        QFETCH(int, levels);
        TC_REQUIRE_PYTHON("numpy");
        QTemporaryDir dir;
        const QByteArray a = randomBytes(qsizetype(n) * d, levels, 3u * n + d);
        const QByteArray b = randomBytes(qsizetype(m) * d, levels, 5u * m + d);
        const QString aPath = dir.filePath(QStringLiteral("a.u8")), bPath = dir.filePath(QStringLiteral("b.u8")),
                      outPath = dir.filePath(QStringLiteral("oracle.i64"));
        QVERIFY(writeFile(aPath, a) && writeFile(bPath, b));
        const auto py =
            tc::test::runPython(QString::fromLatin1(kOracle), {aPath, QString::number(n), bPath, QString::number(m),
                                                               QString::number(d), QString::number(k), outPath});
        QVERIFY2(py.exitCode == 0, py.err.constData());
        QFile f(outPath);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray raw = f.readAll();
        QCOMPARE(raw.size(), qsizetype(n) * k * 2 * 8);
        const auto *want = reinterpret_cast<const qint64 *>(raw.constData());
        const auto *aBytes = reinterpret_cast<const std::uint8_t *>(a.constData());
        const auto *bBytes = reinterpret_cast<const std::uint8_t *>(b.constData());
        for (IntKernel kernel : supportedIntKernels()) {
            const IntKernels ints(kernel);
            const PackedRows packed = ints.pack(bBytes, m, d, d);
            for (int threads : {1, 2}) {
                std::vector<IntNeighbor> got(size_t(n) * k);
                QVERIFY(intTopK(ints, aBytes, n, d, packed, k, threads, got.data()));
                for (qsizetype s = 0; s < qsizetype(n) * k; ++s)
                    if (got[size_t(s)].index != want[2 * s] || got[size_t(s)].value != want[2 * s + 1])
                        QFAIL(qPrintable(QStringLiteral("%1, %2 threads: row %3 slot %4: (%5, %6), numpy (%7, %8)")
                                             .arg(ints.name())
                                             .arg(threads)
                                             .arg(s / k)
                                             .arg(s % k)
                                             .arg(got[size_t(s)].index)
                                             .arg(got[size_t(s)].value)
                                             .arg(want[2 * s])
                                             .arg(want[2 * s + 1])));
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestIntTopK)
#include "TestIntTopK.moc"
