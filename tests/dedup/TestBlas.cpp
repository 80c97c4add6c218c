// The OpenBLAS wrapper: the product it computes (against a plain double loop), the kernel choice
// for this CPU, and that it reports what ran.
#include "core/dedup/Blas.h"

#include <QTest>
#include <random>
#include <vector>

using namespace tc::core;

class TestBlas final : public QObject {
    Q_OBJECT
private slots:
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

    void choosesAvx512KernelsOnAvx512Cpus()
    {
        const QString choice = QString::fromLatin1(Blas::coreTypeForThisCpu());
        if (__builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
            __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512dq"))
            QVERIFY2(choice == "SKYLAKEX" || choice == "COOPERLAKE", qPrintable(choice));
        else if (__builtin_cpu_supports("avx2"))
            QCOMPARE(choice, QStringLiteral("HASWELL"));
    }

    void reportsWhatRan()
    {
        Blas blas;
        QVERIFY(!blas.coreName().isEmpty());
        QVERIFY(blas.summary().contains(blas.coreName()));
        if (!qEnvironmentVariableIsEmpty("OPENBLAS_CORETYPE") && blas.isOpenBlas())
            QVERIFY(blas.coreTypeOrigin() != Blas::CoreTypeOrigin::Library);
    }
};

QTEST_GUILESS_MAIN(TestBlas)
#include "TestBlas.moc"
