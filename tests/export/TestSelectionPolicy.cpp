#include "core/export/SeededShuffle.h"
#include "core/export/SelectionPolicy.h"
#include "core/project/Quotas.h"
#include "tests/support/TestSupport.h"

#include <QTest>
#include <numeric>
#include <set>

using namespace tc::core;

// The policy on hand-built snapshots, where the right answer is known by construction.
class TestSelectionPolicy final : public QObject {
    Q_OBJECT
private slots:
    void shuffleMatchesAnIndependentImplementation_data();
    void shuffleMatchesAnIndependentImplementation();
    void shuffleIsSeededPermutation();
    void keywordQuotasAreTheProjectQuotas_data();
    void keywordQuotasAreTheProjectQuotas();
    void keywordSharesFollowCatalog();
    void avoidSetUsedOnlyToFill();
    void removals();
    void splitCountsAndDeterminism();
    void shortfallReported();
};

namespace {
// One class "c" with keywords of the given catalog counts; `perKeyword` candidates each, every
// image distinct. References: set 0 "exclude", set 1 "avoid".
ExportInput snapshot(const std::vector<qint64> &counts, int perKeyword)
{
    ExportInput in;
    ExportClass cls{1, QStringLiteral("c"), 0, {}};
    for (size_t k = 0; k < counts.size(); ++k)
        cls.keywords.push_back({qint64(k + 1), QStringLiteral("k%1").arg(k), counts[k], false});
    in.classes.push_back(cls);
    in.referenceSets = {{1, QStringLiteral("test"), QStringLiteral("exclude"), 0},
                        {2, QStringLiteral("train"), QStringLiteral("avoid"), 0}};
    qint64 id = 0;
    for (size_t k = 0; k < counts.size(); ++k)
        for (int i = 0; i < perKeyword; ++i) {
            ExportCandidate c;
            c.id = ++id;
            c.keywordIndex = int(k);
            c.pixelIndex = qsizetype(id - 1);
            c.references.resize(2);
            in.accepted.push_back(c);
        }
    in.pixels.pixels.resize(in.accepted.size() * kImageBytes);
    for (size_t i = 0; i < in.accepted.size(); ++i)
        std::memcpy(in.pixels.image(qsizetype(i)).data(), &i, sizeof i); // distinct images
    return in;
}

std::vector<qint64> perKeyword(const Selection &s)
{
    std::vector<qint64> v;
    for (const auto &k : s.classes[0].keywords)
        v.push_back(k.selected);
    return v;
}

ExportSettings settings(int perClass, quint64 seed = 1)
{
    ExportSettings s;
    s.perClass = perClass;
    s.seed = seed;
    return s;
}
} // namespace

void TestSelectionPolicy::shuffleMatchesAnIndependentImplementation_data()
{
    QTest::addColumn<quint64>("seed");
    QTest::addColumn<quint64>("stream");
    QTest::addColumn<quint64>("substream");
    QTest::addColumn<int>("size");
    QTest::newRow("seed 0") << quint64(0) << quint64(1) << quint64(0) << 10;
    QTest::newRow("seed 7, a class's substream") << quint64(7) << quint64(2) << quint64(3) << 1000;
    QTest::newRow("largest seed") << ~quint64(0) << quint64(3) << quint64(1) << 257;
    QTest::newRow("one element") << quint64(42) << quint64(1) << quint64(0) << 1;
}

// What SeededShuffle.h promises: the same seed gives the same export on every platform and compiler.
// The oracle is Python written from that documentation alone (SplitMix64 seeding, MT19937-64 as the
// C++ standard defines it, rejection-sampled bounded draws, Durstenfeld's Fisher-Yates): a shuffle that
// changed the order for a seed (std::shuffle, another draw, another seeding) fails here, while the
// permutation and determinism checks below would still pass.
void TestSelectionPolicy::shuffleMatchesAnIndependentImplementation()
{
    TC_REQUIRE_PYTHON();
    QFETCH(quint64, seed);
    QFETCH(quint64, stream);
    QFETCH(quint64, substream);
    QFETCH(int, size);
    const QString script =
        QStringLiteral("import sys\n"
                       "M = (1 << 64) - 1\n"
                       "def mix(z):\n"
                       "    z = (z + 0x9e3779b97f4a7c15) & M\n"
                       "    z = ((z ^ (z >> 30)) * 0xbf58476d1ce4e5b9) & M\n"
                       "    z = ((z ^ (z >> 27)) * 0x94d049bb133111eb) & M\n"
                       "    return z ^ (z >> 31)\n"
                       "class MT64:\n"
                       "    def __init__(self, seed):\n"
                       "        self.mt = [seed & M]\n"
                       "        for i in range(1, 312):\n"
                       "            p = self.mt[-1]\n"
                       "            self.mt.append((6364136223846793005 * (p ^ (p >> 62)) + i) & M)\n"
                       "        self.i = 312\n"
                       "    def next(self):\n"
                       "        mt = self.mt\n"
                       "        if self.i >= 312:\n"
                       "            for k in range(312):\n"
                       "                x = (mt[k] & 0xFFFFFFFF80000000) | (mt[(k + 1) % 312] & 0x7FFFFFFF)\n"
                       "                mt[k] = mt[(k + 156) % 312] ^ (x >> 1) ^ (0xB5026F5AA96619E9 if x & 1 else 0)\n"
                       "            self.i = 0\n"
                       "        x = mt[self.i]\n"
                       "        self.i += 1\n"
                       "        x ^= (x >> 29) & 0x5555555555555555\n"
                       "        x ^= (x << 17) & 0x71D67FFFEDA60000\n"
                       "        x ^= (x << 37) & 0xFFF7EEE000000000\n"
                       "        return (x ^ (x >> 43)) & M\n"
                       "check = MT64(5489)\n"
                       "for _ in range(9999): check.next()\n"
                       "assert check.next() == 9981545732273789042  # the oracle itself, by C++ [rand.predef]\n"
                       "seed, stream, sub, n = (int(a) for a in sys.argv[1:5])\n"
                       "rng = MT64(mix(mix(mix(seed) ^ stream) ^ sub))\n"
                       "def below(bound):\n"
                       "    limit = M - (M % bound)\n"
                       "    while True:\n"
                       "        x = rng.next()\n"
                       "        if x < limit: return x % bound\n"
                       "v = list(range(n))\n"
                       "for i in range(n, 1, -1):\n"
                       "    j = below(i)\n"
                       "    v[i - 1], v[j] = v[j], v[i - 1]\n"
                       "print(' '.join(map(str, v)))\n");
    const auto py = tc::test::runPython(
        script, {QString::number(seed), QString::number(stream), QString::number(substream), QString::number(size)});
    QVERIFY2(py.exitCode == 0, py.err.constData());
    std::vector<int> v(size_t(size), 0);
    std::iota(v.begin(), v.end(), 0);
    SeededRng rng(seed, stream, substream);
    seededShuffle(v, rng);
    QStringList ours;
    for (int x : v)
        ours << QString::number(x);
    QCOMPARE(ours.join(QLatin1Char(' ')), QString::fromLatin1(py.out.trimmed()));
}

void TestSelectionPolicy::shuffleIsSeededPermutation()
{
    std::vector<int> a(100), b;
    std::iota(a.begin(), a.end(), 0);
    b = a;
    SeededRng r1(5, 1), r2(5, 1), r3(6, 1);
    seededShuffle(a, r1);
    seededShuffle(b, r2);
    QVERIFY(a == b);
    QCOMPARE(std::set<int>(a.begin(), a.end()).size(), size_t(100));
    std::vector<int> c(100);
    std::iota(c.begin(), c.end(), 0);
    seededShuffle(c, r3);
    QVERIFY(a != c);
    SeededRng r4(0, 0);
    for (int i = 0; i < 1000; ++i)
        QVERIFY(r4.below(7) < 7);
}

void TestSelectionPolicy::keywordQuotasAreTheProjectQuotas_data()
{
    QTest::addColumn<QList<qint64>>("counts");
    QTest::addColumn<int>("perClass");
    QTest::addColumn<QList<qint64>>("expected");
    // 10 over 1:3 = 2.5, 7.5: the remainders tie and the larger weight gets the unit, as Statistics shows
    // (export's own double-based split used to give 3, 7 here).
    QTest::newRow("tie to the larger weight") << QList<qint64>{1, 3} << 10 << QList<qint64>{2, 8};
    QTest::newRow("thirds") << QList<qint64>{1, 1, 1} << 10 << QList<qint64>{4, 3, 3};
    QTest::newRow("exact") << QList<qint64>{10, 20, 170} << 100 << QList<qint64>{5, 10, 85};
    // 7 over 5:3:2 = 3.5, 2.1, 1.4: floors 3, 2, 1, the missing unit to .5.
    QTest::newRow("remainders") << QList<qint64>{5, 3, 2} << 7 << QList<qint64>{4, 2, 1};
    QTest::newRow("zero weight") << QList<qint64>{0, 1} << 5 << QList<qint64>{0, 5};
}

// The quota an annotator sees (Project::keywordQuotas, Quotas::apportion) is the quota export fills: the
// report's quota and, with candidates to spare, the number taken per keyword.
void TestSelectionPolicy::keywordQuotasAreTheProjectQuotas()
{
    QFETCH(QList<qint64>, counts);
    QFETCH(int, perClass);
    QFETCH(QList<qint64>, expected);
    const std::vector<qint64> weights(counts.begin(), counts.end());
    const Selection s = SelectionPolicy::select(snapshot(weights, perClass), settings(perClass)); // candidates to spare
    std::vector<qint64> quotas;
    for (const auto &k : s.classes[0].keywords)
        quotas.push_back(k.quota);
    QCOMPARE(quotas, Quotas::apportion(weights, perClass));
    QCOMPARE(QList<qint64>(quotas.begin(), quotas.end()), expected);
    const std::vector<qint64> taken = perKeyword(s);
    QCOMPARE(QList<qint64>(taken.begin(), taken.end()), expected);
}

void TestSelectionPolicy::keywordSharesFollowCatalog()
{
    const ExportInput in = snapshot({10, 30, 60}, 100);
    const Selection s = SelectionPolicy::select(in, settings(50));
    QCOMPARE(perKeyword(s), (std::vector<qint64>{5, 15, 30}));
    QCOMPARE(s.classes[0].maxDeviation, 0.0);
    // A keyword with too few candidates gives its share to the others, and the report says so.
    ExportInput scarce = snapshot({10, 30, 60}, 100);
    scarce.accepted.erase(scarce.accepted.begin() + 2, scarce.accepted.begin() + 100); // k0 keeps 2
    const Selection t = SelectionPolicy::select(scarce, settings(50));
    QCOMPARE(t.classes[0].selected, 50);
    QCOMPARE(perKeyword(t)[0], 2);
    QVERIFY(t.classes[0].maxDeviation > 5.0);
    QCOMPARE(t.classes[0].worstKeyword, QStringLiteral("k0"));
}

void TestSelectionPolicy::avoidSetUsedOnlyToFill()
{
    ExportInput in = snapshot({1, 1}, 10);
    for (int i : {0, 1, 2, 3, 10, 11}) // 4 of k0 and 2 of k1 are in CIFAR-10 train
        in.accepted[i].references[1].exact = true;
    const Selection s = SelectionPolicy::select(in, settings(14));
    QCOMPARE(s.classes[0].availableInAvoid, 6);
    QCOMPARE(s.classes[0].selectedInAvoid, 0); // 14 <= 20 - 6 fresh ones
    const Selection all = SelectionPolicy::select(in, settings(18));
    QCOMPARE(all.classes[0].selectedInAvoid, 4); // only the 4 needed beyond the 14 fresh
}

void TestSelectionPolicy::removals()
{
    ExportInput in = snapshot({1}, 10);
    in.accepted[0].references[0].exact = true;           // exact copy of an exclude image
    in.accepted[1].references[0].markedDuplicate = true; // reviewed duplicate
    in.accepted[2].references[0].unreviewedAbove = true; // unreviewed, above thresholds
    in.accepted[3].references[1].markedDuplicate = true; // avoid set: kept, only deprioritised
    std::memcpy(in.pixels.image(5).data(), in.pixels.image(4).data(), kImageBytes); // 4 and 5 identical
    Selection s = SelectionPolicy::select(in, settings(100));
    QCOMPARE(s.removed.excludeExact, 1);
    QCOMPARE(s.removed.markedDuplicate, 1);
    QCOMPARE(s.removed.unreviewedAbove, 1);
    QCOMPARE(s.removed.internalExact, 1);
    QCOMPARE(s.classes[0].available, 6);
    std::vector<qsizetype> chosen = s.train;
    chosen.insert(chosen.end(), s.test.begin(), s.test.end());
    QVERIFY(std::find(chosen.begin(), chosen.end(), 4) != chosen.end()); // lowest id of the pair stays
    QVERIFY(std::find(chosen.begin(), chosen.end(), 5) == chosen.end());
    ExportSettings keep = settings(100);
    keep.unreviewedAboveThresholdIsDuplicate = false;
    QCOMPARE(SelectionPolicy::select(in, keep).classes[0].available, 7);
}

void TestSelectionPolicy::splitCountsAndDeterminism()
{
    const ExportInput in = snapshot({3, 1}, 500);
    ExportSettings s = settings(1000, 9);
    const Selection a = SelectionPolicy::select(in, s), b = SelectionPolicy::select(in, s);
    QCOMPARE(a.train.size(), size_t(800));
    QCOMPARE(a.test.size(), size_t(200));
    QVERIFY(a.train == b.train && a.test == b.test);
    s.seed = 10;
    const Selection c = SelectionPolicy::select(in, s);
    QVERIFY(a.test != c.test);
    std::set<qsizetype> all(a.train.begin(), a.train.end());
    all.insert(a.test.begin(), a.test.end());
    QCOMPARE(all.size(), size_t(1000)); // disjoint splits
}

void TestSelectionPolicy::shortfallReported()
{
    const ExportInput in = snapshot({1, 1}, 30);
    const Selection s = SelectionPolicy::select(in, settings(100));
    QCOMPARE(s.classes[0].selected, 60);
    QCOMPARE(s.classes[0].shortfall, 40);
    QCOMPARE(s.shortfall(), 40);
    QCOMPARE(s.classes[0].test, 12);
}

QTEST_GUILESS_MAIN(TestSelectionPolicy)
#include "TestSelectionPolicy.moc"
