#include "core/project/CohenKappa.h"
#include "core/project/Quotas.h"
#include "tests/support/TestSupport.h"

#include <QTest>
#include <cmath>
#include <numeric>

using namespace tc::core;

// Largest-remainder apportionment against hand-computed figures and Python's exact arithmetic, and
// Cohen's kappa against a textbook example.
class TestQuotas : public QObject {
    Q_OBJECT

private slots:
    void apportion_data()
    {
        QTest::addColumn<QList<qint64>>("weights");
        QTest::addColumn<qint64>("total");
        QTest::addColumn<QList<qint64>>("expected");
        // 6000 * (20, 18, 16) / 54 = 2222.2, 2000, 1777.8 -> the missing unit goes to .8.
        QTest::newRow("three") << QList<qint64>{20, 18, 16} << qint64(6000) << QList<qint64>{2222, 2000, 1778};
        // 10 * (1, 1, 1) / 3: remainders tie, the earlier entry wins.
        QTest::newRow("tie") << QList<qint64>{1, 1, 1} << qint64(10) << QList<qint64>{4, 3, 3};
        // 10 * (3, 1) / 4 = 7.5, 2.5: tie on remainder, the larger weight wins.
        QTest::newRow("larger weight") << QList<qint64>{1, 3} << qint64(10) << QList<qint64>{2, 8};
        QTest::newRow("zero weight") << QList<qint64>{0, 5} << qint64(7) << QList<qint64>{0, 7};
        QTest::newRow("all zero") << QList<qint64>{0, 0} << qint64(7) << QList<qint64>{0, 0};
        QTest::newRow("tiny target") << QList<qint64>{5, 4, 3, 2, 1} << qint64(2) << QList<qint64>{1, 1, 0, 0, 0};
        // Remainders that differ only past a double's 53 bits: 7 * (2^53 + 1, 2^53 - 1) / 2^54 = 3.5 +- 3.9e-16.
        QTest::newRow("beyond doubles") << QList<qint64>{(qint64(1) << 53) + 1, (qint64(1) << 53) - 1} << qint64(7)
                                        << QList<qint64>{4, 3};
        QTest::newRow("catalog v7 airplane")
            << QList<qint64>{20, 18, 16, 16, 15, 13, 13, 12, 11, 10, 10, 10, 6, 6, 4, 4, 4, 3, 3, 2, 1, 1, 1, 1}
            << qint64(2000) << QList<qint64>{200, 180, 160, 160, 150, 130, 130, 120, 110, 100, 100, 100,
                                             60,  60,  40,  40,  40,  30,  30,  20,  10,  10,  10,  10};
    }

    // The same rows through an independent implementation: Python's exact fractions, Hamilton's method, ties
    // to the larger weight and then the earlier entry.
    void apportionMatchesPython_data() { apportion_data(); }
    void apportionMatchesPython()
    {
        TC_REQUIRE_PYTHON();
        QFETCH(QList<qint64>, weights);
        QFETCH(qint64, total);
        QStringList w;
        for (qint64 x : weights)
            w << QString::number(x);
        const auto r = tc::test::runPython(
            QStringLiteral("import sys\n"
                           "from fractions import Fraction\n"
                           "w = [max(int(x), 0) for x in sys.argv[1].split(',')]; t = int(sys.argv[2]); s = sum(w)\n"
                           "if s <= 0 or t <= 0:\n"
                           "    print(','.join('0' for _ in w)); sys.exit()\n"
                           "exact = [Fraction(t * x, s) for x in w]\n"
                           "out = [int(e) for e in exact]\n"
                           "order = sorted(range(len(w)), key=lambda i: (-(exact[i] - out[i]), -w[i], i))\n"
                           "for i in order[:t - sum(out)]:\n"
                           "    out[i] += 1\n"
                           "print(','.join(map(str, out)))\n"),
            {w.join(u','), QString::number(total)});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const auto shares = Quotas::apportion(std::vector<qint64>(weights.begin(), weights.end()), total);
        QStringList mine;
        for (qint64 x : shares)
            mine << QString::number(x);
        QCOMPARE(mine.join(u','), QString::fromUtf8(r.out).trimmed());
    }

    void apportion()
    {
        QFETCH(QList<qint64>, weights);
        QFETCH(qint64, total);
        QFETCH(QList<qint64>, expected);
        const auto shares = Quotas::apportion(std::vector<qint64>(weights.begin(), weights.end()), total);
        QCOMPARE(QList<qint64>(shares.begin(), shares.end()), expected);
    }

    void sumsToTargetForTheRealCatalogShape()
    {
        // 24 keywords with CIFAR-10.1 v7 airplane counts, target 6000.
        const std::vector<qint64> w = {20, 18, 16, 16, 15, 13, 13, 12, 11, 10, 10, 10,
                                       6,  6,  4,  4,  4,  3,  3,  2,  1,  1,  1,  1};
        for (qint64 target : {1, 7, 199, 200, 6000, 6001}) {
            const auto shares = Quotas::apportion(w, target);
            QCOMPARE(std::accumulate(shares.begin(), shares.end(), qint64(0)), target);
        }
    }

    void kappaTextbookExample()
    {
        // 50 items, yes/yes 20, yes/no 5, no/yes 10, no/no 15: p_o = 0.7, p_e = 0.5*0.6 + 0.5*0.4 = 0.5,
        // kappa = 0.2 / 0.5 = 0.4.
        CohenKappa::Matrix m{};
        m[0][0] = 20;
        m[0][1] = 5;
        m[1][0] = 10;
        m[1][1] = 15;
        QVERIFY(std::abs(CohenKappa::kappa(m) - 0.4) < 1e-12);
        QCOMPARE(CohenKappa::total(m), 50);
        QCOMPARE(CohenKappa::agreed(m), 35);
        CohenKappa::Matrix same{};
        same[2][2] = 4; // one category only: chance agreement 1, kappa undefined
        QVERIFY(std::isnan(CohenKappa::kappa(same)));
        QVERIFY(std::isnan(CohenKappa::kappa(CohenKappa::Matrix{})));
    }
};

QTEST_GUILESS_MAIN(TestQuotas)
#include "TestQuotas.moc"
