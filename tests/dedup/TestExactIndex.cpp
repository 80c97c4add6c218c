#include "core/common/ImageSet.h"
#include "core/dedup/ExactDuplicates.h"
#include "core/dedup/ExactIndex.h"

#include <QRandomGenerator>
#include <QTest>
#include <cstring>

using namespace tc::core;

namespace {
// count images drawn from `distinct` patterns (pattern p: bytes seeded by p, one byte = p), so copies are
// planted where patterns repeat; images differing in their last byte only are planted too.
std::vector<std::uint8_t> images(int count, int distinct, quint32 seed)
{
    std::vector<std::uint8_t> out(std::size_t(count) * kImageBytes);
    QRandomGenerator pick(seed);
    for (int i = 0; i < count; ++i) {
        const int p = int(pick.bounded(distinct));
        QRandomGenerator bytes(quint32(p) + 1000);
        std::uint8_t *im = out.data() + std::size_t(i) * kImageBytes;
        for (int b = 0; b < kImageBytes; ++b)
            im[b] = std::uint8_t(bytes.bounded(256));
        im[kImageBytes - 1] = std::uint8_t(p); // patterns differing in one byte stay apart
    }
    return out;
}

// The oracle: every pair compared byte by byte, no hash.
std::vector<std::vector<qsizetype>> bruteGroups(const std::vector<std::uint8_t> &px)
{
    const qsizetype n = qsizetype(px.size() / kImageBytes);
    std::vector<std::vector<qsizetype>> groups;
    std::vector<bool> taken(std::size_t(n), false);
    for (qsizetype i = 0; i < n; ++i) {
        if (taken[std::size_t(i)])
            continue;
        std::vector<qsizetype> g{i};
        for (qsizetype j = i + 1; j < n; ++j)
            if (std::memcmp(px.data() + i * kImageBytes, px.data() + j * kImageBytes, kImageBytes) == 0) {
                g.push_back(j);
                taken[std::size_t(j)] = true;
            }
        if (g.size() > 1)
            groups.push_back(g);
    }
    return groups;
}
} // namespace

// The one exact-copy search (ExactIndex) against a byte-by-byte brute force: its groups, its lookups, and
// the duplicate search's two functions built on it.
class TestExactIndex final : public QObject {
    Q_OBJECT
private slots:
    void matchesBruteForce_data()
    {
        QTest::addColumn<int>("count");
        QTest::addColumn<int>("distinct");
        QTest::addColumn<quint32>("seed");
        QTest::newRow("empty") << 0 << 1 << 1u;
        QTest::newRow("one") << 1 << 1 << 2u;
        QTest::newRow("all the same") << 9 << 1 << 3u;
        QTest::newRow("no copies") << 40 << 1000000 << 4u;
        QTest::newRow("some copies") << 300 << 120 << 5u;
        QTest::newRow("many copies") << 500 << 7 << 6u;
    }

    void matchesBruteForce()
    {
        QFETCH(int, count);
        QFETCH(int, distinct);
        QFETCH(quint32, seed);
        const auto px = images(count, distinct, seed);
        const auto expected = bruteGroups(px);
        QCOMPARE(ExactIndex(px.data(), count, 3).groups(), expected);
        // Through an accessor (how export indexes candidates scattered in its pixel buffer): reversed order.
        const ExactIndex reversed(count, [&](qsizetype i) { return px.data() + (count - 1 - i) * kImageBytes; });
        QCOMPARE(reversed.groups().size(), expected.size());
        // Lookups: every image finds exactly the members of its group (or itself alone), ascending.
        const ExactIndex index(px.data(), count);
        for (qsizetype i = 0; i < count; ++i) {
            std::vector<qsizetype> copies;
            index.forEachCopy(px.data() + i * kImageBytes, [&](qsizetype c) { copies.push_back(c); });
            std::vector<qsizetype> want{i};
            for (const auto &g : expected)
                if (std::find(g.begin(), g.end(), i) != g.end())
                    want = g;
            QCOMPARE(copies, want);
        }
        // An image not in the index finds nothing, also when it differs in the last byte only.
        std::vector<std::uint8_t> stranger(px.begin(), px.begin() + std::min<qsizetype>(px.size(), kImageBytes));
        if (!stranger.empty()) {
            stranger.back() ^= 0x80;
            int found = 0;
            index.forEachCopy(stranger.data(), [&](qsizetype) { ++found; });
            QCOMPARE(found, 0);
        }
        // The duplicate search's functions agree with the oracle.
        const auto internal = findInternalDuplicates(px.data(), count);
        QCOMPARE(internal.size(), expected.size());
        for (std::size_t g = 0; g < internal.size(); ++g)
            QCOMPARE(std::vector<qsizetype>(internal[g].begin(), internal[g].end()), expected[g]);
        const auto half = qsizetype(count / 2);
        const auto matches = findExactMatches(px.data(), half, px.data() + half * kImageBytes, count - half);
        std::size_t pairs = 0;
        for (qsizetype c = 0; c < half; ++c)
            for (qsizetype r = 0; r < count - half; ++r)
                if (std::memcmp(px.data() + c * kImageBytes, px.data() + (half + r) * kImageBytes, kImageBytes) == 0) {
                    QVERIFY(pairs < matches.size());
                    QCOMPARE(matches[pairs].candidate, qint32(c));
                    QCOMPARE(matches[pairs].reference, qint32(r));
                    ++pairs;
                }
        QCOMPARE(matches.size(), pairs);
    }
};

QTEST_GUILESS_MAIN(TestExactIndex)
#include "TestExactIndex.moc"
