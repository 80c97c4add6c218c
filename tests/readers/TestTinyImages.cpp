#include "core/common/ImageSet.h"
#include "core/readers/TinyImages.h"
#include "tests/support/TestSupport.h"

#include <QTemporaryDir>
#include <QTest>

using namespace tc::core;
using tc::test::fixture;

namespace {

QString tinyDir()
{
    return fixture(QStringLiteral("world-small/tinyimages"));
}

// truth.csv rows are in Tiny Images order with their keyword: an oracle written by the generator,
// independent of the metadata file this reader parses.
KeywordRange truthRange(const QList<QHash<QString, QString>> &rows, const QString &keyword)
{
    KeywordRange r{-1, -1};
    for (const auto &row : rows) {
        if (row.value(QStringLiteral("keyword")) != keyword)
            continue;
        const qint64 i = row.value(QStringLiteral("tiny_index")).toLongLong();
        if (r.begin < 0)
            r.begin = i;
        r.end = i + 1;
    }
    return r.begin < 0 ? KeywordRange{} : r;
}

} // namespace

class TestTinyImages final : public QObject {
    Q_OBJECT
private slots:
    void init() { TC_REQUIRE_SHARED(); }

    void countMatchesTruth()
    {
        TinyImages tiny;
        QVERIFY2(tiny.open(tinyDir()), qPrintable(tiny.errorString()));
        QCOMPARE(tiny.count(), qint64(tc::test::readTruthCsv().size()));
        QVERIFY(tiny.isSorted());
    }

    void keywordOfEveryRecordMatchesTruth()
    {
        TinyImages tiny;
        QVERIFY2(tiny.open(tinyDir()), qPrintable(tiny.errorString()));
        const auto rows = tc::test::readTruthCsv();
        for (const auto &row : rows) {
            const qint64 i = row.value(QStringLiteral("tiny_index")).toLongLong();
            QCOMPARE(tiny.keyword(i), row.value(QStringLiteral("keyword")));
        }
    }

    void keywordRanges_data()
    {
        QTest::addColumn<QString>("keyword");
        for (const char *k : {"aardvark", "airbus", "accentor", "cat", "catamaran", "catbird", "dogsled", "zebra",
                              "yosemite_toad", "young"})
            QTest::newRow(k) << QString::fromLatin1(k);
    }
    void keywordRanges()
    {
        QFETCH(QString, keyword);
        TinyImages tiny;
        QVERIFY2(tiny.open(tinyDir()), qPrintable(tiny.errorString()));
        const KeywordRange expected = truthRange(tc::test::readTruthCsv(), keyword);
        QVERIFY(!expected.isEmpty());
        QCOMPARE(tiny.keywordRange(keyword), expected);
        QCOMPARE(tiny.keywordRange(QStringLiteral("  %1 ").arg(keyword)), expected);
    }

    void absentKeywordsGiveEmptyRanges_data()
    {
        QTest::addColumn<QString>("keyword");
        for (const char *k : {"hangar_queen", "funny_wagon", "", "a", "zzzz", "cat_", "aardvar"})
            QTest::newRow(k) << QString::fromLatin1(k);
    }
    void absentKeywordsGiveEmptyRanges()
    {
        QFETCH(QString, keyword);
        TinyImages tiny;
        QVERIFY2(tiny.open(tinyDir()), qPrintable(tiny.errorString()));
        QVERIFY(tiny.keywordRange(keyword).isEmpty());
        QVERIFY(tiny.keywordRanges(keyword).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestTinyImages)
#include "TestTinyImages.moc"
