// The exact integer kernels: every path this machine runs gives NumPy's int64 dot products and
// squared distances (the independent oracle), bit for bit, on random and real CIFAR images, at
// shapes that are no multiple of any tile; and the dispatch, judged by behaviour: which paths
// exist (against /proc/cpuinfo and the kernel's own answer), what TC_INT_KERNEL forces, and that
// forcing a path this CPU lacks fails with a reason instead of falling back.
#include "core/dedup/IntKernels.h"
#include "tests/support/TestSupport.h"

#include <QTest>
#include <random>
#include <sys/syscall.h>
#include <unistd.h>

using namespace tc::core;

namespace {

// The oracle: NumPy int64 on the same bytes. Arguments: a file, a offset, a stride, n, b file, b
// offset, b stride, m, d, j0, cols, output file; writes n x cols dots then n x cols distances.
const char *kOracle = R"(
import sys, numpy as np
def rows(path, offset, stride, count, d):
    raw = np.fromfile(path, dtype=np.uint8)
    idx = offset + np.arange(count)[:, None] * stride + np.arange(d)[None, :]
    return raw[idx].astype(np.int64)
a_path, a_off, a_stride, n, b_path, b_off, b_stride, m, d, j0, cols, out = sys.argv[1:]
d = int(d); j0 = int(j0); cols = int(cols)
a = rows(a_path, int(a_off), int(a_stride), int(n), d)
b = rows(b_path, int(b_off), int(b_stride), int(m), d)[j0:j0 + cols]
dots = a @ b.T
dist = ((a[:, None, :] - b[None, :, :]) ** 2).sum(axis=2)
np.concatenate([dots.ravel(), dist.ravel()]).astype(np.int64).tofile(out)
)";

struct Block {
    QString path;
    qsizetype offset = 0, stride = 0, count = 0;
    QByteArray bytes;
    const std::uint8_t *data() const { return reinterpret_cast<const std::uint8_t *>(bytes.constData()) + offset; }
};

Block readBlock(const QString &path, qsizetype offset, qsizetype stride, qsizetype count, int d)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    Block b{path, offset, stride, count, f.read(offset + (count - 1) * stride + d)};
    return b.bytes.size() == offset + (count - 1) * stride + d ? b : Block{};
}

Block randomBlock(const QString &path, qsizetype count, int d, int seed, int extremePercent)
{
    std::mt19937 rng(seed);
    QByteArray bytes(count * d, Qt::Uninitialized);
    for (auto &c : bytes)
        c = char(int(rng() % 100) < extremePercent ? (rng() % 2 ? 255 : 0) : rng() % 256);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
        return {};
    return Block{path, 0, d, count, bytes};
}

QStringList cpuFlags()
{
    QFile f(QStringLiteral("/proc/cpuinfo"));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    for (const QByteArray &line : f.readAll().split('\n'))
        if (line.startsWith("flags"))
            return QString::fromLatin1(line.mid(line.indexOf(':') + 1)).split(u' ', Qt::SkipEmptyParts);
    return {};
}

// What this machine offers, from /proc/cpuinfo and Linux's answer to the AMX tile request, not
// from the code under test.
QList<IntKernel> expectedKernels()
{
    const QStringList f = cpuFlags();
    QList<IntKernel> out;
    const bool amxGranted = ::syscall(SYS_arch_prctl, 0x1023, 18) == 0;
    if (f.contains(QStringLiteral("amx_tile")) && f.contains(QStringLiteral("amx_int8")) && amxGranted)
        out << IntKernel::Amx;
    if (f.contains(QStringLiteral("avx512_vnni")) && f.contains(QStringLiteral("avx512bw")) &&
        f.contains(QStringLiteral("avx512vl")))
        out << IntKernel::Avx512Vnni;
    if (f.contains(QStringLiteral("avx_vnni")) && f.contains(QStringLiteral("avx2")))
        out << IntKernel::AvxVnni;
    if (f.contains(QStringLiteral("avx2")))
        out << IntKernel::Avx2;
    out << IntKernel::Scalar;
    return out;
}

const QList<IntKernel> kAll = {IntKernel::Amx, IntKernel::Avx512Vnni, IntKernel::AvxVnni, IntKernel::Avx2,
                               IntKernel::Scalar};

} // namespace

class TestIntKernels final : public QObject {
    Q_OBJECT
private slots:
    void init() { qunsetenv("TC_INT_KERNEL"); }
    void cleanup() { qunsetenv("TC_INT_KERNEL"); }

    void everyPathMatchesNumpy_data()
    {
        QTest::addColumn<QString>("source"); // "random" or "cifar"
        QTest::addColumn<int>("n");
        QTest::addColumn<int>("m");
        QTest::addColumn<int>("d");
        QTest::addColumn<int>("j0");
        QTest::addColumn<int>("cols");
        QTest::addColumn<int>("extremes"); // percent of 0 / 255 bytes
        QTest::newRow("1x1x1") << "random" << 1 << 1 << 1 << 0 << 1 << 50;
        QTest::newRow("tiny-d3") << "random" << 5 << 17 << 3 << 0 << 17 << 10;
        QTest::newRow("odd-shapes") << "random" << 37 << 45 << 131 << 0 << 45 << 10;
        QTest::newRow("column-window") << "random" << 13 << 70 << 67 << 5 << 58 << 10;
        QTest::newRow("tile-multiples") << "random" << 32 << 64 << 128 << 16 << 32 << 10;
        QTest::newRow("all-255") << "random" << 33 << 35 << 3072 << 0 << 35 << 100;
        QTest::newRow("image-width") << "random" << 40 << 97 << 3072 << 1 << 95 << 20;
        QTest::newRow("past-tile-depth") << "random" << 17 << 33 << 65 << 0 << 33 << 30;
        // The passes' shapes (AVX-512: 8-row strips x 3-panel groups stored straight to the output
        // with the distance epilogue fused, a partial group and a ragged strip through the tile):
        // ExactL2Search's 4x4 means, ShiftL2Bound's 7x7 means (d padded to 148), the structure vectors.
        QTest::newRow("block-means-192") << "random" << 24 << 100 << 192 << 2 << 96 << 20;
        QTest::newRow("shift-means-147") << "random" << 17 << 64 << 147 << 0 << 64 << 20;
        QTest::newRow("structure-512") << "random" << 16 << 50 << 512 << 0 << 48 << 40;
        QTest::newRow("cifar-records") << "cifar" << 41 << 150 << 3072 << 3 << 140 << 0;
    }
    void everyPathMatchesNumpy()
    {
        QFETCH(QString, source);
        QFETCH(int, n);
        QFETCH(int, m);
        QFETCH(int, d);
        QFETCH(int, j0);
        QFETCH(int, cols);
        QFETCH(int, extremes);
        TC_REQUIRE_PYTHON("numpy");
        QTemporaryDir dir;
        Block a, b;
        if (source == u"cifar") {
            TC_REQUIRE_SHARED();
            // Records as stored (label byte, then 3072 pixels): stride 3073 exercises unaligned rows.
            a = readBlock(tc::test::fixture(QStringLiteral("world-small/cifar-10-batches-bin/test_batch.bin")), 1, 3073,
                          n, d);
            b = readBlock(tc::test::fixture(QStringLiteral("world-small/cifar-10-batches-bin/data_batch_1.bin")), 1,
                          3073, m, d);
        } else {
            a = randomBlock(dir.filePath(QStringLiteral("a.u8")), n, d, n * 7 + d, extremes);
            b = randomBlock(dir.filePath(QStringLiteral("b.u8")), m, d, m * 11 + d, extremes);
        }
        QVERIFY2(!a.bytes.isEmpty() && !b.bytes.isEmpty(), "inputs not readable");
        const QString outPath = dir.filePath(QStringLiteral("oracle.i64"));
        const auto py =
            tc::test::runPython(QString::fromLatin1(kOracle),
                                {a.path, QString::number(a.offset), QString::number(a.stride), QString::number(n),
                                 b.path, QString::number(b.offset), QString::number(b.stride), QString::number(m),
                                 QString::number(d), QString::number(j0), QString::number(cols), outPath});
        QVERIFY2(py.exitCode == 0, py.err.constData());
        QFile f(outPath);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray raw = f.readAll();
        QCOMPARE(raw.size(), qsizetype(2 * n * cols * 8));
        const auto *want = reinterpret_cast<const qint64 *>(raw.constData());

        const QList<IntKernel> kernels = supportedIntKernels();
        QVERIFY(kernels.contains(IntKernel::Scalar));
        for (IntKernel kernel : kernels) {
            const IntKernels k(kernel);
            QVERIFY2(k.isValid(), qPrintable(k.errorString()));
            const PackedRows packed = k.pack(b.data(), m, d, b.stride);
            QCOMPARE(packed.count(), qsizetype(m));
            // Guard columns around the window catch writes outside it.
            const qsizetype ldo = cols + 3;
            std::vector<std::int32_t> dots(size_t(n) * ldo, -7), dist(size_t(n) * ldo, -7);
            k.dot(a.data(), n, a.stride, packed, j0, cols, dots.data(), ldo);
            k.squaredL2(a.data(), n, a.stride, packed, j0, cols, dist.data(), ldo);
            for (int i = 0; i < n; ++i) {
                for (int j = 0; j < cols; ++j) {
                    const qint64 wd = want[qsizetype(i) * cols + j], wl = want[qsizetype(n) * cols + i * cols + j];
                    if (dots[size_t(i) * ldo + j] != wd || dist[size_t(i) * ldo + j] != wl)
                        QFAIL(qPrintable(QStringLiteral("%1: (%2, %3): dot %4 (numpy %5), distance %6 (numpy %7)")
                                             .arg(k.name())
                                             .arg(i)
                                             .arg(j0 + j)
                                             .arg(dots[size_t(i) * ldo + j])
                                             .arg(wd)
                                             .arg(dist[size_t(i) * ldo + j])
                                             .arg(wl)));
                }
                for (qsizetype j = cols; j < ldo; ++j)
                    QVERIFY2(dots[size_t(i) * ldo + j] == -7 && dist[size_t(i) * ldo + j] == -7,
                             qPrintable(k.name() + QStringLiteral(" wrote past its column window")));
            }
        }
    }

    // The paths offered are exactly those /proc/cpuinfo (and Linux, for AMX tiles) say this machine
    // has, fastest first; the default is the first.
    void offersWhatTheMachineHas()
    {
        const QList<IntKernel> expected = expectedKernels();
        QCOMPARE(supportedIntKernels(), expected);
        const IntKernels chosen = IntKernels::chosen();
        QVERIFY2(chosen.isValid(), qPrintable(chosen.errorString()));
        qInfo("%s", qPrintable(chosen.summary()));
        QCOMPARE(chosen.kernel(), expected.first());
        QVERIFY2(chosen.summary().contains(intKernelName(expected.first())), qPrintable(chosen.summary()));
        QVERIFY(!chosen.summary().contains(QStringLiteral("forced")));
    }

    void forcedPathRunsOrRefuses_data()
    {
        QTest::addColumn<QString>("name");
        for (IntKernel k : kAll)
            QTest::newRow(qPrintable(intKernelName(k))) << intKernelName(k);
        QTest::newRow("upper-case") << "AVX2";
    }
    void forcedPathRunsOrRefuses()
    {
        QFETCH(QString, name);
        const IntKernel kernel = *intKernelFromName(name);
        qputenv("TC_INT_KERNEL", name.toLatin1());
        const IntKernels chosen = IntKernels::chosen();
        if (expectedKernels().contains(kernel)) {
            QVERIFY2(chosen.isValid(), qPrintable(chosen.errorString()));
            QCOMPARE(chosen.kernel(), kernel);
            QVERIFY2(chosen.summary().contains(QStringLiteral("forced by TC_INT_KERNEL")),
                     qPrintable(chosen.summary()));
        } else {
            // Refused, naming the variable and the path; never a silent fallback.
            QVERIFY(!chosen.isValid());
            QVERIFY2(chosen.errorString().contains(QStringLiteral("TC_INT_KERNEL=") + name) &&
                         chosen.errorString().contains(intKernelName(kernel)),
                     qPrintable(chosen.errorString()));
            QVERIFY(!IntKernels(kernel).isValid());
        }
    }

    // The CLI names the kernel it used, runs the one forced, and refuses (exit 1, no CSV) one this
    // machine lacks, for near-dups and dedup alike.
    void cliNamesAndHonoursTheKernel_data()
    {
        QTest::addColumn<QString>("forced");
        QTest::newRow("default") << QString();
        for (IntKernel k : kAll)
            QTest::newRow(qPrintable(intKernelName(k))) << intKernelName(k);
    }
    void cliNamesAndHonoursTheKernel()
    {
        QFETCH(QString, forced);
        TC_REQUIRE_SHARED();
        if (!forced.isEmpty())
            qputenv("TC_INT_KERNEL", forced.toLatin1());
        const QList<IntKernel> expected = expectedKernels();
        const bool runs = forced.isEmpty() || expected.contains(*intKernelFromName(forced));
        const QString ran = forced.isEmpty() ? intKernelName(expected.first()) : forced;
        QTemporaryDir dir;
        const QString csv = dir.filePath(QStringLiteral("near.csv"));
        const auto r =
            tc::test::runCli({QStringLiteral("near-dups"), QStringLiteral("--candidates"),
                              tc::test::fixture(QStringLiteral("world-small/cifar10.1/cifar10.1_v6_data.npy")),
                              QStringLiteral("--references"),
                              tc::test::fixture(QStringLiteral("world-small/cifar-10-batches-bin/test_batch.bin")),
                              QStringLiteral("--csv"), csv});
        const QString all = QString::fromUtf8(r.out + r.err);
        if (runs) {
            QVERIFY2(r.exitCode == 0, qPrintable(all));
            QVERIFY2(QString::fromUtf8(r.out).contains(QStringLiteral("integer kernel: ") + ran), qPrintable(all));
            QVERIFY(QFile::exists(csv));
        } else {
            QCOMPARE(r.exitCode, 1);
            QVERIFY2(QString::fromUtf8(r.err).contains(QStringLiteral("TC_INT_KERNEL=") + forced) &&
                         QString::fromUtf8(r.err).contains(QStringLiteral("cannot run here")),
                     qPrintable(all));
            QVERIFY(!QFile::exists(csv));
        }
    }

    void unknownNameIsRefused()
    {
        qputenv("TC_INT_KERNEL", "sse9");
        const IntKernels chosen = IntKernels::chosen();
        QVERIFY(!chosen.isValid());
        QVERIFY2(chosen.errorString().contains(QStringLiteral("sse9")) &&
                     chosen.errorString().contains(QStringLiteral("avx512vnni")),
                 qPrintable(chosen.errorString()));
    }
};

QTEST_GUILESS_MAIN(TestIntKernels)
#include "TestIntKernels.moc"
