// TinyKeywordIndex and its cache, through TinyImages::open(): an unsorted metadata file gets a
// keyword index in one pass, cached under a digest of the keyword fields; the cache is used only for
// the bytes it was built from (issue 12, item 5), and `inspect --keyword` counts every run.
#include "core/common/ImageSet.h"
#include "core/readers/TinyImages.h"
#include "core/readers/TinyKeywordIndex.h"
#include "tests/readers/TinyImagesFiles.h"
#include "tests/support/TestSupport.h"

#include <QDataStream>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <vector>

using namespace tc::core;
using namespace tc::test;

class TestTinyKeywordIndex final : public QObject {
    Q_OBJECT

    TruthRows m_truth;

private slots:
    void initTestCase()
    {
        if (!tc::test::sharedDir().isEmpty())
            m_truth = tc::test::readTruthCsv();
    }

    // An unsorted file (keyword runs out of order, one keyword split in two) gets a keyword index in
    // one pass; the index is cached where we were told and reused while the file is unchanged.
    void unsortedFileBuildsAndCachesAnIndex()
    {
        TC_REQUIRE_SHARED();
        const KeywordRange aardvark = truthRange(m_truth, QStringLiteral("aardvark"));
        const KeywordRange airbus = truthRange(m_truth, QStringLiteral("airbus"));
        QVERIFY(aardvark.begin == 0 && airbus.size() >= 4);
        // New order: second half of airbus, then everything else except aardvark, then aardvark.
        const qint64 split = airbus.begin + airbus.size() / 2;
        std::vector<qint64> order;
        for (qint64 i = split; i < airbus.end; ++i)
            order.push_back(i);
        for (qint64 i = aardvark.end; i < qint64(m_truth.size()); ++i)
            if (i < split || i >= airbus.end)
                order.push_back(i);
        for (qint64 i = aardvark.begin; i < aardvark.end; ++i)
            order.push_back(i);
        QCOMPARE(qsizetype(order.size()), m_truth.size());
        const QByteArray meta = readAll(metaPath()), images = readAll(imagesPath());
        QByteArray newMeta, newImages;
        for (qint64 i : order) {
            newMeta += meta.mid(i * 768, 768);
            newImages += images.mid(i * 3072, 3072);
        }
        QTemporaryDir tmp;
        QVERIFY(writeFile(tmp.filePath(QStringLiteral("tiny_metadata.bin")), newMeta));
        QVERIFY(writeFile(tmp.filePath(QStringLiteral("tiny_images.bin")), newImages));
        const QString cache = tmp.filePath(QStringLiteral("cache"));

        // Expected runs, from truth.csv's keywords in the new order.
        QHash<QString, QList<KeywordRange>> expected;
        for (qint64 pos = 0; pos < qint64(order.size()); ++pos) {
            auto &runs = expected[m_truth[order[pos]].value(QStringLiteral("keyword"))];
            if (!runs.isEmpty() && runs.last().end == pos)
                runs.last().end = pos + 1;
            else
                runs.append(KeywordRange{pos, pos + 1});
        }
        QCOMPARE(expected.value(QStringLiteral("airbus")).size(), 2);

        qint64 reports = 0, lastDone = -1, lastTotal = -1;
        const Progress progress(
            [&](qint64 done, qint64 total) {
                ++reports;
                lastDone = done;
                lastTotal = total;
            },
            {});
        TinyImages first;
        first.setIndexCacheDir(cache);
        QVERIFY2(first.open(tmp.path(), progress), qPrintable(first.errorString()));
        QVERIFY(!first.isSorted());
        QVERIFY(!first.indexLoadedFromCache());
        QVERIFY(reports > 0 && lastDone == 1800 && lastTotal == 1800);
        QVERIFY(QFileInfo(first.indexCachePath()).isFile());
        QVERIFY(first.indexCachePath().startsWith(cache));
        for (auto it = expected.cbegin(); it != expected.cend(); ++it)
            QCOMPARE(first.keywordRanges(it.key()), it.value());
        QCOMPARE(first.keywordRange(QStringLiteral("aardvark")), expected.value(QStringLiteral("aardvark")).first());
        QVERIFY(first.keywordRange(QStringLiteral("hangar_queen")).isEmpty());
        QCOMPARE(first.distinctKeywordCount(), qint64(expected.size()));
        TinyImages sorted;
        QVERIFY(sorted.open(tinyDir()));
        QVERIFY(tinyImage(first, 0) == tinyImage(sorted, split));

        // The file was written a moment before the pass: its change time cannot vouch for the bytes
        // yet, so the cache is used after a digest pass over the keyword fields.
        TinyImages second;
        second.setIndexCacheDir(cache);
        reports = 0;
        QVERIFY2(second.open(tmp.path(), progress), qPrintable(second.errorString()));
        QVERIFY(second.indexLoadedFromCache());
        QVERIFY(second.indexCacheCheckedByDigest());
        QVERIFY(reports > 0 && lastDone == 1800);
        for (auto it = expected.cbegin(); it != expected.cend(); ++it)
            QCOMPARE(second.keywordRanges(it.key()), it.value());
        QCOMPARE(second.distinctKeywordCount(), qint64(expected.size()));
    }

    // Issue 12, item 5: rewriting an unsorted metadata file with other keywords, the same size and
    // the same mtime made the old index label 9,111 of 9,169 candidates wrongly. The cache now
    // answers only for the bytes it was built from.
    void cacheIsNeverTrustedForOtherBytes()
    {
        TC_REQUIRE_SHARED();
        QTemporaryDir tmp;
        QByteArray meta = readAll(metaPath());
        const QByteArray firstMeta = meta.mid(0, 768), lastMeta = meta.mid(1799 * 768, 768);
        meta.replace(0, 768, lastMeta).replace(1799 * 768, 768, firstMeta); // unsorted: zebra first
        const QString metaFile = tmp.filePath(QStringLiteral("tiny_metadata.bin"));
        QVERIFY(writeFile(metaFile, meta));
        QVERIFY(QFile::copy(imagesPath(), tmp.filePath(QStringLiteral("tiny_images.bin"))));
        const QDateTime mtime = QFileInfo(metaFile).lastModified();
        const auto stamp = TinyFileStamp::of(metaFile);
        QVERIFY(stamp.has_value());
        // Let the file's change time settle (the cache trusts no change time younger than 2 s).
        QTest::qSleep(2200);
        const QString cache = tmp.filePath(QStringLiteral("cache"));
        qint64 reports = 0;
        const Progress counting([&](qint64, qint64) { ++reports; }, {});
        {
            TinyImages tiny;
            tiny.setIndexCacheDir(cache);
            QVERIFY2(tiny.open(tmp.path()), qPrintable(tiny.errorString()));
            QVERIFY(!tiny.isSorted() && !tiny.indexLoadedFromCache());
            QCOMPARE(tiny.keywordRanges(QStringLiteral("zebra")).first(), (KeywordRange{0, 1}));
        }
        if (stamp->ctimeKept) { // ext4, xfs, btrfs, tmpfs: an unchanged file is not read again
            TinyImages tiny;
            tiny.setIndexCacheDir(cache);
            QVERIFY(tiny.open(tmp.path(), counting));
            QVERIFY(tiny.indexLoadedFromCache() && !tiny.indexCacheCheckedByDigest());
            QCOMPARE(reports, 0);
        }

        // The trick: other keywords (aardvark and zebra swapped back), same size, mtime set back.
        QByteArray other = readAll(metaPath());
        QVERIFY(other.size() == meta.size() && other != meta);
        QVERIFY(writeFile(metaFile, other));
        QFile touch(metaFile);
        QVERIFY(touch.open(QIODevice::ReadWrite));
        QVERIFY(touch.setFileTime(mtime, QFileDevice::FileModificationTime));
        touch.close();
        QCOMPARE(QFileInfo(metaFile).lastModified(), mtime);
        QCOMPARE(QFileInfo(metaFile).size(), meta.size());
        {
            TinyImages tiny;
            tiny.setIndexCacheDir(cache);
            QVERIFY2(tiny.open(tmp.path()), qPrintable(tiny.errorString()));
            QVERIFY(!tiny.indexLoadedFromCache());
            QVERIFY(tiny.isSorted()); // the file is the sorted original now
            QCOMPARE(tiny.keywordRange(QStringLiteral("zebra")), truthRange(m_truth, QStringLiteral("zebra")));
            QCOMPARE(tiny.keywordRange(QStringLiteral("aardvark")), truthRange(m_truth, QStringLiteral("aardvark")));
        }

        // Back to the indexed bytes (a new inode, mtime and change time): the digest recognises the
        // content and the cache serves again.
        QVERIFY(QFile::remove(metaFile));
        QVERIFY(writeFile(metaFile, meta));
        TinyImages tiny;
        tiny.setIndexCacheDir(cache);
        QVERIFY(tiny.open(tmp.path()));
        QVERIFY(tiny.indexLoadedFromCache() && tiny.indexCacheCheckedByDigest());
        QCOMPARE(tiny.keywordRanges(QStringLiteral("zebra")).first(), (KeywordRange{0, 1}));
    }

    // The same trick through the CLI: `inspect --keyword` counts the records the file holds now,
    // over every run of an unsorted file (it reported the first run only: "count 1" for 39).
    void inspectCountsEveryRunOfTheCurrentBytes()
    {
        TC_REQUIRE_SHARED();
        QTemporaryDir tmp;
        qputenv("XDG_CACHE_HOME", tmp.filePath(QStringLiteral("xdg")).toUtf8()); // the CLI's default cache
        const QByteArray sorted = readAll(metaPath());
        // airbus split into three runs: its second record moved to the front, its last to the end.
        const KeywordRange airbus = truthRange(m_truth, QStringLiteral("airbus"));
        QVERIFY(airbus.size() >= 4);
        std::vector<qint64> order{airbus.begin + 1};
        for (qint64 i = 0; i < qint64(m_truth.size()); ++i)
            if (i != airbus.begin + 1 && i != airbus.end - 1)
                order.push_back(i);
        order.push_back(airbus.end - 1);
        QByteArray meta;
        for (qint64 i : order)
            meta += sorted.mid(i * 768, 768);
        const QString metaFile = tmp.filePath(QStringLiteral("tiny_metadata.bin"));
        QVERIFY(writeFile(metaFile, meta));
        QVERIFY(QFile::copy(imagesPath(), tmp.filePath(QStringLiteral("tiny_images.bin"))));
        const auto count = [&](const QString &keyword) {
            const auto r = tc::test::runCli({QStringLiteral("inspect"), tmp.path(), QStringLiteral("--keyword"),
                                             keyword, QStringLiteral("--json")});
            return QJsonDocument::fromJson(r.out)
                .object()
                .value(QStringLiteral("keyword"))
                .toObject()
                .value(QStringLiteral("count"))
                .toInteger(-1);
        };
        QCOMPARE(count(QStringLiteral("airbus")), airbus.size());
        QCOMPARE(count(QStringLiteral("aardvark")), truthRange(m_truth, QStringLiteral("aardvark")).size());
        // Same size, same mtime, airbus moved elsewhere: the CLI's cached index must not answer.
        const QDateTime mtime = QFileInfo(metaFile).lastModified();
        QByteArray other = meta;
        other.replace(0, 768, meta.mid(5 * 768, 768)).replace(5 * 768, 768, meta.mid(0, 768));
        QVERIFY(writeFile(metaFile, other));
        QFile touch(metaFile);
        QVERIFY(touch.open(QIODevice::ReadWrite) && touch.setFileTime(mtime, QFileDevice::FileModificationTime));
        touch.close();
        qint64 expected = 0;
        for (qint64 i = 0; i < qint64(order.size()); ++i)
            expected += other.mid(i * 768, 80).trimmed() == "airbus";
        QCOMPARE(count(QStringLiteral("airbus")), expected);
        const auto text = tc::test::runCli(
            {QStringLiteral("inspect"), tmp.path(), QStringLiteral("--keyword"), QStringLiteral("airbus")});
        QVERIFY2(text.out.contains(QStringLiteral("keyword 'airbus': count %1, records [").arg(expected).toUtf8()),
                 text.out.constData());
    }

    void staleOrDamagedCacheIsRebuilt()
    {
        TC_REQUIRE_SHARED();
        QTemporaryDir tmp;
        QByteArray meta = readAll(metaPath()), images = readAll(imagesPath());
        // Swap the first and last records: unsorted, two runs moved.
        const QByteArray firstMeta = meta.mid(0, 768), lastMeta = meta.mid(1799 * 768, 768);
        meta.replace(0, 768, lastMeta).replace(1799 * 768, 768, firstMeta);
        QVERIFY(writeFile(tmp.filePath(QStringLiteral("tiny_metadata.bin")), meta));
        QVERIFY(writeFile(tmp.filePath(QStringLiteral("tiny_images.bin")), images));
        TinyImages tiny;
        tiny.setIndexCacheDir(tmp.filePath(QStringLiteral("cache")));
        QVERIFY(tiny.open(tmp.path()));
        QVERIFY(!tiny.isSorted() && !tiny.indexLoadedFromCache());
        const QString cachePath = tiny.indexCachePath();
        QCOMPARE(tiny.keywordRanges(QStringLiteral("zebra")).first(), (KeywordRange{0, 1}));
        tiny.close();

        QFile cache(cachePath); // damage the cache: it must be ignored, not trusted
        QVERIFY(cache.open(QIODevice::ReadWrite) && cache.resize(cache.size() / 2));
        cache.close();
        QVERIFY(tiny.open(tmp.path()));
        QVERIFY(!tiny.indexLoadedFromCache());
        QCOMPARE(tiny.keywordRanges(QStringLiteral("zebra")).first(), (KeywordRange{0, 1}));

        // A cache of the old format (keyed by path, size and mtime) is never trusted.
        tiny.close();
        QFile old(cachePath);
        QVERIFY(old.open(QIODevice::ReadWrite));
        QDataStream(&old) << quint32(0x54434b49) << quint32(1);
        old.close();
        QVERIFY(tiny.open(tmp.path()));
        QVERIFY(!tiny.indexLoadedFromCache());
        QCOMPARE(tiny.indexCachePath(), cachePath); // one cache per metadata path, rewritten
    }

    // Beyond the full-check size, open() samples; a sample out of order triggers the indexed pass.
    void largeUnsortedFileIsDetectedBySampling()
    {
        QTemporaryDir tmp;
        const qint64 count = 300000;
        const QString meta = tmp.filePath(QStringLiteral("tiny_metadata.bin"));
        QVERIFY(makeSparse(tmp.filePath(QStringLiteral("tiny_images.bin")), count * 3072));
        QVERIFY(makeSparse(meta, count * 768));
        QVERIFY(writeAt(meta, 0, metadataRecord("b")));
        QVERIFY(writeAt(meta, (count - 1) * 768, metadataRecord("a")));
        TinyImages tiny;
        tiny.setIndexCacheDir(tmp.filePath(QStringLiteral("cache")));
        QVERIFY2(tiny.open(tmp.path()), qPrintable(tiny.errorString()));
        QVERIFY(!tiny.isSorted());
        QCOMPARE(tiny.keywordRange(QStringLiteral("a")), (KeywordRange{count - 1, count}));
        QCOMPARE(tiny.keywordRange(QStringLiteral("b")), (KeywordRange{0, 1}));
        QCOMPARE(tiny.distinctKeywordCount(), 3); // "", "a", "b"
    }

    // A large sorted file: open() only samples; counting keywords is one pass, which can be cancelled.
    void distinctKeywordsOfALargeSortedFile()
    {
        QTemporaryDir tmp;
        const qint64 count = 300000;
        const QString meta = tmp.filePath(QStringLiteral("tiny_metadata.bin"));
        QVERIFY(makeSparse(tmp.filePath(QStringLiteral("tiny_images.bin")), count * 3072));
        QVERIFY(makeSparse(meta, count * 768));
        QVERIFY(writeAt(meta, (count - 3) * 768, metadataRecord("m") + metadataRecord("m", 2) + metadataRecord("z")));
        TinyImages tiny;
        tiny.setIndexCacheDir(tmp.filePath(QStringLiteral("cache")));
        QVERIFY2(tiny.open(tmp.path()), qPrintable(tiny.errorString()));
        QVERIFY(tiny.isSorted());
        QCOMPARE(tiny.distinctKeywordCount(Progress({}, [] { return true; })), -1);
        qint64 lastDone = 0;
        QCOMPARE(tiny.distinctKeywordCount(Progress([&](qint64 done, qint64) { lastDone = done; }, {})), 3);
        QCOMPARE(lastDone, count);
        QCOMPARE(tiny.keywordRange(QStringLiteral("m")), (KeywordRange{count - 3, count - 1}));
    }

    void cancelledIndexPassFailsOpen()
    {
        TC_REQUIRE_SHARED();
        QTemporaryDir tmp;
        QByteArray meta = readAll(metaPath());
        meta.replace(0, 768, meta.mid(1799 * 768, 768));
        QVERIFY(writeFile(tmp.filePath(QStringLiteral("tiny_metadata.bin")), meta));
        QVERIFY(QFile::copy(imagesPath(), tmp.filePath(QStringLiteral("tiny_images.bin"))));
        TinyImages tiny;
        tiny.setIndexCacheDir(tmp.filePath(QStringLiteral("cache")));
        QVERIFY(!tiny.open(tmp.path(), Progress({}, [] { return true; })));
        QVERIFY2(tiny.errorString().contains(QStringLiteral("cancelled")), qPrintable(tiny.errorString()));
        QVERIFY(!tiny.isOpen());
    }

    void explicitIndexPassOnSortedFileKeepsBinarySearch()
    {
        TC_REQUIRE_SHARED();
        QTemporaryDir tmp;
        TinyImages tiny;
        tiny.setIndexCacheDir(tmp.path());
        QVERIFY(tiny.open(tinyDir()));
        QVERIFY(tiny.buildKeywordIndex());
        QVERIFY(tiny.isSorted());
        QCOMPARE(tiny.keywordRange(QStringLiteral("airbus")), truthRange(m_truth, QStringLiteral("airbus")));
    }
};

QTEST_GUILESS_MAIN(TestTinyKeywordIndex)
#include "TestTinyKeywordIndex.moc"
