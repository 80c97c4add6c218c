// The OpenBLAS wrapper: the product it computes (against a plain double loop), the kernels it makes
// OpenBLAS run on this CPU (judged by OpenBLAS's own report against /proc/cpuinfo), a forced core
// type honoured in a child process with the same product, and that it reports what ran.
#include "core/dedup/Blas.h"

#include <QCoreApplication>
#include <QFile>
#include <QProcess>
#include <QTest>
#include <cstdio>
#include <random>
#include <vector>

using namespace tc::core;

namespace {

// The core type OpenBLAS should run here, from /proc/cpuinfo (not from Blas.cpp's cpuid reading).
QString expectedCoreType()
{
    QFile f(QStringLiteral("/proc/cpuinfo"));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    QStringList flags;
    for (const QByteArray &line : f.readAll().split('\n'))
        if (line.startsWith("flags")) {
            flags = QString::fromLatin1(line.mid(line.indexOf(':') + 1)).split(u' ', Qt::SkipEmptyParts);
            break;
        }
    const auto has = [&](const char *flag) { return flags.contains(QLatin1String(flag)); };
    if (has("avx512f") && has("avx512bw") && has("avx512dq") && has("avx512vl") && has("avx512cd"))
        return has("avx512_bf16") ? QStringLiteral("COOPERLAKE") : QStringLiteral("SKYLAKEX");
    if (has("avx2") && has("fma"))
        return QStringLiteral("HASWELL");
    return {};
}

// A product whose float sums are exact in any order (values < 16, k = 3072: sums < 2^24).
qint64 productChecksum(const Blas &blas)
{
    const int m = 37, n = 53, k = 3072;
    std::vector<float> a(size_t(m) * k), b(size_t(n) * k), c(size_t(m) * n);
    for (size_t i = 0; i < a.size(); ++i)
        a[i] = float((i * 7919) % 16);
    for (size_t i = 0; i < b.size(); ++i)
        b[i] = float((i * 104729) % 16);
    blas.gemmABt(m, n, k, a.data(), b.data(), c.data(), n);
    qint64 sum = 0;
    for (size_t i = 0; i < c.size(); ++i)
        sum += qint64(c[i]) * qint64(i % 101 + 1);
    return sum;
}

} // namespace

class TestBlas final : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        // Whether this executable loads OpenBLAS before main by itself (a linker that keeps libblas.so.3 as
        // DT_NEEDED does): then a child without LD_PRELOAD also reports it loaded. Read before any Blas exists.
        QFile maps(QStringLiteral("/proc/self/maps"));
        m_linkedAtStart = maps.open(QIODevice::ReadOnly) && maps.readAll().contains("libopenblas");
    }
    void productMatchesPlainLoop_data()
    {
        QTest::addColumn<int>("m");
        QTest::addColumn<int>("n");
        QTest::addColumn<int>("k");
        QTest::newRow("small") << 3 << 5 << 7;
        QTest::newRow("image-sized") << 65 << 130 << 3072;
    }
    void productMatchesPlainLoop()
    {
        QFETCH(int, m);
        QFETCH(int, n);
        QFETCH(int, k);
        std::mt19937 rng(1);
        std::vector<float> a(size_t(m) * k), b(size_t(n) * k), c(size_t(m) * n, -1);
        for (auto &v : a)
            v = float(rng() % 256);
        for (auto &v : b)
            v = float(rng() % 256);
        Blas blas;
        blas.gemmABt(m, n, k, a.data(), b.data(), c.data(), n);
        for (int i = 0; i < m; ++i)
            for (int j = 0; j < n; ++j) {
                double want = 0;
                for (int t = 0; t < k; ++t)
                    want += double(a[size_t(i) * k + t]) * b[size_t(j) * k + t];
                QVERIFY(std::abs(c[size_t(i) * n + j] - want) <= 1e-6 * want + 1e-3);
            }
    }

    // The dispatch judged by what runs, not by repeating Blas.cpp's checks: the core type expected
    // from /proc/cpuinfo's flags is what OpenBLAS itself reports running (re-selected if a dependency
    // loaded it first), and a core type the user forces is kept and run, with equal products.
    void runsTheKernelsThisCpuCallsFor()
    {
        Blas blas;
        if (!blas.isOpenBlas())
            QSKIP("libopenblas.so.0 is not installed");
        if (blas.coreTypeOrigin() == Blas::CoreTypeOrigin::User)
            QSKIP("OPENBLAS_CORETYPE was set before the test started: the choice is the user's");
        const QString expected = expectedCoreType();
        if (expected.isEmpty())
            QSKIP("a CPU without AVX2: OpenBLAS decides alone");
        QCOMPARE(blas.coreTypeOrigin(), Blas::CoreTypeOrigin::Chosen);
        QCOMPARE(blas.coreTypeSetting(), expected);
        QCOMPARE(blas.coreName().toUpper(), expected); // what OpenBLAS runs, in its own words
    }

    void childRunsTheRightKernels_data()
    {
        QTest::addColumn<QString>("forced"); // OPENBLAS_CORETYPE for the child, empty for none
        QTest::addColumn<bool>("preloaded"); // OpenBLAS initialised before main (LD_PRELOAD)
        QTest::newRow("forced Haswell") << "HASWELL" << false;
        QTest::newRow("forced Prescott") << "PRESCOTT" << false;
        QTest::newRow("forced Haswell, preloaded") << "HASWELL" << true;
        // OpenBLAS picks its kernels before main(), without our setting: they must be re-selected.
        QTest::newRow("chosen, preloaded") << "" << true;
    }
    void childRunsTheRightKernels()
    {
        QFETCH(QString, forced);
        QFETCH(bool, preloaded);
        if (!Blas().isOpenBlas())
            QSKIP("libopenblas.so.0 is not installed");
        const QString expected = forced.isEmpty() ? expectedCoreType() : forced;
        if (expected.isEmpty())
            QSKIP("a CPU without AVX2: OpenBLAS decides alone");
        // A child (this executable, childReport below) so that OpenBLAS initialises with the setting.
        QProcess child;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("OPENBLAS_CORETYPE"));
        if (!forced.isEmpty())
            env.insert(QStringLiteral("OPENBLAS_CORETYPE"), forced);
        if (preloaded)
            env.insert(QStringLiteral("LD_PRELOAD"), QStringLiteral("libopenblas.so.0"));
        env.insert(QStringLiteral("TC_BLAS_CHILD"), QStringLiteral("1"));
        child.setProcessEnvironment(env);
        child.start(QCoreApplication::applicationFilePath(), {QStringLiteral("childReport")});
        QVERIFY(child.waitForFinished(60000));
        const QString out = QString::fromUtf8(child.readAllStandardOutput());
        QVERIFY2(out.contains(QStringLiteral("core=") + expected + u'\n'), qPrintable(out));
        QVERIFY2(out.contains(QStringLiteral("origin=") + (forced.isEmpty() ? "chosen" : "user")), qPrintable(out));
        QVERIFY2(out.contains(QStringLiteral("preloaded=") + (preloaded || m_linkedAtStart ? "yes" : "no")),
                 qPrintable(out));
        // Small integers: every kernel's float sums are exact, so the products are equal bit for bit.
        QVERIFY2(out.contains(QStringLiteral("checksum=") + QString::number(productChecksum(Blas())) + u'\n'),
                 qPrintable(out));
    }
    void childReport()
    {
        if (qEnvironmentVariableIsEmpty("TC_BLAS_CHILD"))
            QSKIP("runs as the child of childRunsTheRightKernels");
        Blas blas;
        const auto origin = blas.coreTypeOrigin();
        std::printf("core=%s\norigin=%s\npreloaded=%s\nchecksum=%s\n", qPrintable(blas.coreName().toUpper()),
                    origin == Blas::CoreTypeOrigin::User     ? "user"
                    : origin == Blas::CoreTypeOrigin::Chosen ? "chosen"
                                                             : "library",
                    blas.wasPreloaded() ? "yes" : "no", qPrintable(QString::number(productChecksum(blas))));
        std::fflush(stdout);
    }

    void reportsWhatRan()
    {
        Blas blas;
        QVERIFY(!blas.coreName().isEmpty());
        QVERIFY(blas.summary().contains(blas.coreName()));
        if (!qEnvironmentVariableIsEmpty("OPENBLAS_CORETYPE") && blas.isOpenBlas())
            QVERIFY(blas.coreTypeOrigin() != Blas::CoreTypeOrigin::Library);
    }

private:
    bool m_linkedAtStart = false;
};

QTEST_GUILESS_MAIN(TestBlas)
#include "TestBlas.moc"
