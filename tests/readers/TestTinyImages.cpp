#include "core/common/ImageSet.h"
#include "core/readers/CifarBinaryReader.h"
#include "core/readers/TinyImages.h"
#include "tests/readers/TinyImagesFiles.h"
#include "tests/support/TestSupport.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <vector>

using namespace tc::core;
using namespace tc::test;

namespace {

QByteArray imageOf(const ImageSet &set, qsizetype i)
{
    return QByteArray(reinterpret_cast<const char *>(set.image(i).data()), kImageBytes);
}

// CIFAR-10.1's npy as numpy wrote it: a minimal inline parse (descr |u1, C order, N x 32 x 32 x 3).
QByteArray npyImages(const QString &path, qint64 *count)
{
    const QByteArray bytes = readAll(path);
    if (!bytes.startsWith("\x93NUMPY") || bytes.size() < 10)
        return {};
    const int headerLen = quint8(bytes[8]) | (quint8(bytes[9]) << 8);
    const QByteArray header = bytes.mid(10, headerLen);
    if (!header.contains("'descr': '|u1'") || !header.contains("'fortran_order': False"))
        return {};
    const auto m =
        QRegularExpression(QStringLiteral("'shape': \\((\\d+), 32, 32, 3\\)")).match(QString::fromLatin1(header));
    *count = m.captured(1).toLongLong();
    return bytes.mid(10 + headerLen);
}

// JPEG files decoded by PIL (the README checked PIL and OpenCV agree on these files).
QByteArray decodeJpegs(const QStringList &paths, const QString &tmpDir)
{
    const QString script = QStringLiteral(R"(
import sys, numpy as np
from PIL import Image
out = open(sys.argv[1], 'wb')
for p in sys.argv[2:]:
    out.write(np.asarray(Image.open(p).convert('RGB'), dtype=np.uint8).tobytes())
)");
    const QString out = tmpDir + QStringLiteral("/jpegs.raw");
    const auto r = tc::test::runPython(script, QStringList{out} + paths);
    if (r.exitCode != 0)
        qWarning("%s", r.err.constData());
    return readAll(out);
}

} // namespace

class TestTinyImages final : public QObject {
    Q_OBJECT

    TruthRows m_truth;

private slots:
    void initTestCase()
    {
        if (!tc::test::sharedDir().isEmpty())
            m_truth = tc::test::readTruthCsv();
    }

    void countMatchesTruth()
    {
        TC_REQUIRE_SHARED();
        TinyImages tiny;
        QVERIFY2(tiny.open(tinyDir()), qPrintable(tiny.errorString()));
        QCOMPARE(tiny.count(), qint64(m_truth.size()));
        QCOMPARE(tiny.count(), 1800);
        QVERIFY(tiny.isSorted());
        QVERIFY(tiny.isOpen());
    }

    void keywordOfEveryRecordMatchesTruth()
    {
        TC_REQUIRE_SHARED();
        TinyImages tiny;
        QVERIFY2(tiny.open(imagesPath(), metaPath()), qPrintable(tiny.errorString()));
        for (const auto &row : m_truth)
            QCOMPARE(tiny.keyword(indexOf(row)), row.value(QStringLiteral("keyword")));
    }

    // The fields follow the generator's documented scheme: x = position of the record among its
    // keyword's records (from truth.csv order), 20 results per engine page, 7 engines in turn.
    void metadataFieldsOfEveryRecord()
    {
        TC_REQUIRE_SHARED();
        TinyImages tiny;
        QVERIFY2(tiny.open(tinyDir()), qPrintable(tiny.errorString()));
        const QStringList engines = {"google", "altavista", "ask", "flickr", "cydral", "picsearch", "webshots"};
        const QRegularExpression date(
            QStringLiteral("^\\d{1,2} (May|Jun|Jul|Aug|Sep|Oct|Nov) 2006 \\d\\d:\\d\\d:\\d\\d \\+0000$"));
        QHash<QString, int> seen;
        for (const auto &row : m_truth) {
            const QString k = row.value(QStringLiteral("keyword"));
            const int x = seen[k]++;
            const auto m = tiny.metadata(indexOf(row));
            QVERIFY2(m.has_value(), qPrintable(tiny.errorString()));
            const int page = x / (20 * 7) + 1;
            const QString engine = engines[(x / 20) % 7];
            const QString source = QStringLiteral("http://www.example.org/img/%1/%2.jpg").arg(k).arg(x + 1);
            QCOMPARE(m->keyword, k);
            QCOMPARE(m->filename, QStringLiteral("%1_s_%2.png").arg(k).arg(x + 1, 6, 10, QLatin1Char('0')));
            QCOMPARE(m->imageSpec, QStringLiteral("32323"));
            QVERIFY2(date.match(m->crawlDate).hasMatch(), qPrintable(m->crawlDate));
            QCOMPARE(m->engine, engine);
            QVERIFY(m->thumbnailUrl.startsWith(QStringLiteral("http://images.%1.com/thumb?q=tbn:").arg(engine)));
            QVERIFY(m->thumbnailUrl.endsWith(QLatin1Char(':') + source));
            QCOMPARE(m->sourceUrl, source);
            QCOMPARE(m->page, page);
            QCOMPARE(m->positionOnPage, x % 20 + 1);
            QCOMPARE(m->positionInEngine, x % 20 + 1 + 20 * (page - 1));
            QCOMPARE(m->indexInKeyword, x + 1);
            QCOMPARE(m->sentinel, -1);
        }
    }

    void keywordRanges_data()
    {
        QTest::addColumn<QString>("keyword");
        for (const char *k : {"aardvark", "airbus", "accentor", "cat", "catamaran", "catbird", "dogsled", "zebra",
                              "yosemite_toad", "young", "truckle_bed", "tabby_cat"})
            QTest::newRow(k) << QString::fromLatin1(k);
    }
    void keywordRanges()
    {
        TC_REQUIRE_SHARED();
        QFETCH(QString, keyword);
        TinyImages tiny;
        QVERIFY2(tiny.open(tinyDir()), qPrintable(tiny.errorString()));
        const KeywordRange expected = truthRange(m_truth, keyword);
        QVERIFY(!expected.isEmpty());
        QCOMPARE(tiny.keywordRange(keyword), expected);
        QCOMPARE(tiny.keywordRange(QStringLiteral("  %1 ").arg(keyword)), expected);
        QCOMPARE(tiny.keywordRanges(keyword), QList<KeywordRange>{expected});
    }

    void everyTruthKeywordRange()
    {
        TC_REQUIRE_SHARED();
        TinyImages tiny;
        QVERIFY2(tiny.open(tinyDir()), qPrintable(tiny.errorString()));
        QSet<QString> keywords;
        for (const auto &row : m_truth)
            keywords.insert(row.value(QStringLiteral("keyword")));
        for (const QString &k : keywords)
            QCOMPARE(tiny.keywordRange(k), truthRange(m_truth, k));
        QCOMPARE(tiny.distinctKeywordCount(), qint64(keywords.size()));
    }

    void absentKeywordsGiveEmptyRanges_data()
    {
        QTest::addColumn<QString>("keyword");
        for (const char *k : {"hangar_queen", "funny_wagon", "", "a", "zzzz", "cat_", "aardvar", "Cat"})
            QTest::newRow(k) << QString::fromLatin1(k);
        QTest::newRow("longer than the field") << QString(81, QLatin1Char('a'));
    }
    void absentKeywordsGiveEmptyRanges()
    {
        TC_REQUIRE_SHARED();
        QFETCH(QString, keyword);
        TinyImages tiny;
        QVERIFY2(tiny.open(tinyDir()), qPrintable(tiny.errorString()));
        QVERIFY(tiny.keywordRange(keyword).isEmpty());
        QVERIFY(tiny.keywordRanges(keyword).isEmpty());
    }

    // Orientation: the records truth.csv marks `exact` are byte copies of a reference image that
    // another format holds (CIFAR binary batches, CIFAR-10.1 npy).
    void exactRecordsEqualTheirReference()
    {
        TC_REQUIRE_SHARED();
        TinyImages tiny;
        QVERIFY2(tiny.open(tinyDir()), qPrintable(tiny.errorString()));
        CifarBinaryReader cifar;
        ImageSet train, test;
        const QString bin = fixture(QStringLiteral("world-small/cifar-10-batches-bin"));
        QVERIFY2(cifar.read(bin, train), qPrintable(cifar.errorString()));
        QVERIFY2(cifar.read(bin + QStringLiteral("/test_batch.bin"), test), qPrintable(cifar.errorString()));
        qint64 c101Count = 0;
        const QByteArray c101 =
            npyImages(fixture(QStringLiteral("world-small/cifar10.1/cifar10.1_v6_data.npy")), &c101Count);
        QCOMPARE(c101Count, 200);
        QCOMPARE(c101.size(), c101Count * kImageBytes);
        QHash<QString, int> checked;
        for (const auto &row : m_truth) {
            if (row.value(QStringLiteral("kind")) != QLatin1String("exact"))
                continue;
            const QString set = row.value(QStringLiteral("ref_set"));
            const int j = row.value(QStringLiteral("ref_index")).toInt();
            QByteArray ref;
            if (set == QLatin1String("cifar10-train"))
                ref = imageOf(train, j);
            else if (set == QLatin1String("cifar10-test"))
                ref = imageOf(test, j);
            else if (set == QLatin1String("cifar10.1"))
                ref = c101.mid(qsizetype(j) * kImageBytes, kImageBytes);
            QVERIFY2(tinyImage(tiny, indexOf(row)) == ref,
                     qPrintable(QStringLiteral("record %1 vs %2[%3]").arg(indexOf(row)).arg(set).arg(j)));
            ++checked[set];
        }
        QCOMPARE(checked.value(QStringLiteral("cifar10-train")), 90);
        QCOMPARE(checked.value(QStringLiteral("cifar10-test")), 30);
        QCOMPARE(checked.value(QStringLiteral("cifar10.1")), 15);
    }

    // Every record but the `near` ones (transformed on purpose) is the decoded source JPEG itself.
    void recordsEqualTheirSourceJpeg()
    {
        TC_REQUIRE_SHARED();
        TC_REQUIRE_PYTHON("numpy", "PIL");
        TinyImages tiny;
        QVERIFY2(tiny.open(tinyDir()), qPrintable(tiny.errorString()));
        QStringList jpegs;
        for (const auto &row : m_truth)
            jpegs.append(
                tc::test::sharedData(QStringLiteral("cifar10-jpg/") + row.value(QStringLiteral("source_jpg"))));
        QTemporaryDir tmp;
        const QByteArray decoded = decodeJpegs(jpegs, tmp.path());
        QCOMPARE(decoded.size(), qsizetype(m_truth.size()) * kImageBytes);
        QHash<QString, int> equal, differ;
        for (const auto &row : m_truth) {
            const QByteArray jpeg = decoded.mid(indexOf(row) * kImageBytes, kImageBytes);
            (tinyImage(tiny, indexOf(row)) == jpeg ? equal : differ)[row.value(QStringLiteral("kind"))]++;
        }
        for (const char *kind : {"new", "filler", "exact", "internal"})
            QVERIFY2(differ.value(QLatin1String(kind)) == 0, kind);
        QCOMPARE(equal.value(QStringLiteral("new")), 1500);
        QCOMPARE(equal.value(QStringLiteral("filler")), 83);
        QCOMPARE(differ.value(QStringLiteral("near")), 60); // transformed: none may read as the original
    }

    void batchedReadEqualsSingleReads()
    {
        TC_REQUIRE_SHARED();
        TinyImages tiny;
        QVERIFY2(tiny.open(tinyDir()), qPrintable(tiny.errorString()));
        QByteArray batch(100 * kImageBytes, '\0');
        QVERIFY(tiny.readImages(1700, 100, reinterpret_cast<std::uint8_t *>(batch.data())));
        for (int i = 0; i < 100; ++i)
            QVERIFY(batch.mid(i * kImageBytes, kImageBytes) == tinyImage(tiny, 1700 + i));
        QVERIFY(!tiny.readImages(1701, 100, reinterpret_cast<std::uint8_t *>(batch.data())));
        QVERIFY(!tiny.readImages(-1, 1, reinterpret_cast<std::uint8_t *>(batch.data())));
        QVERIFY(tinyImage(tiny, 1800).isNull());
        QVERIFY(tinyImage(tiny, -1).isNull());
        QVERIFY(!tiny.metadata(1800).has_value());
        QVERIFY(tiny.keyword(1800).isEmpty());
    }

    // 64-bit offsets: a sparse pair whose last records lie past 4 GiB, one straddling the boundary.
    void recordsBeyondFourGigabytes()
    {
        QTemporaryDir tmp;
        const qint64 count = 1400000; // 4.3 GB of images, 1.07 GB of metadata, nearly all holes
        const QString images = tmp.filePath(QStringLiteral("tiny_images.bin"));
        const QString meta = tmp.filePath(QStringLiteral("tiny_metadata.bin"));
        if (!makeSparse(images, count * 3072) || !makeSparse(meta, count * 768))
            QSKIP("this file system cannot hold a 4.3 GB sparse file");
        const qint64 straddling = (qint64(1) << 32) / 3072; // starts below 4 GiB, ends above
        QVERIFY(straddling * 3072 < (qint64(1) << 32) && (straddling + 1) * 3072 > (qint64(1) << 32));
        QByteArray planar(3072, '\0');
        for (int i = 0; i < 3072; ++i)
            planar[i] = char(i % 251);
        QVERIFY(writeAt(images, straddling * 3072, planar));
        QVERIFY(writeAt(images, (count - 1) * 3072, planar));
        QVERIFY(writeAt(meta, straddling * 768, metadataRecord("")));
        QVERIFY(writeAt(meta, (count - 2) * 768, metadataRecord("zz_last", 1) + metadataRecord("zz_last", 2)));
        TinyImages tiny;
        tiny.setIndexCacheDir(tmp.filePath(QStringLiteral("cache")));
        QVERIFY2(tiny.open(tmp.path()), qPrintable(tiny.errorString()));
        QCOMPARE(tiny.count(), count);
        QVERIFY(tiny.isSorted());
        QCOMPARE(tiny.keywordRange(QStringLiteral("zz_last")), (KeywordRange{count - 2, count}));
        QCOMPARE(tiny.metadata(count - 1)->indexInKeyword, 2);
        for (qint64 i : {straddling, count - 1}) {
            const QByteArray img = tinyImage(tiny, i);
            QCOMPARE(img.size(), kImageBytes);
            for (int row : {0, 13, 31})
                for (int col : {0, 20, 31})
                    for (int ch = 0; ch < 3; ++ch)
                        QCOMPARE(int(quint8(img[pixelOffset(row, col, ch)])), (row + 32 * col + 1024 * ch) % 251);
        }
        QVERIFY(tinyImage(tiny, count - 3) == QByteArray(kImageBytes, '\0'));
    }

    void badInput_data()
    {
        QTest::addColumn<QString>("damage");
        QTest::addColumn<QString>("expected");
        QTest::newRow("truncated metadata")
            << "truncate-meta"
            << "tiny_metadata.bin: size 1382300 is not a multiple of the 768-byte metadata record";
        QTest::newRow("truncated images")
            << "truncate-images"
            << "tiny_images.bin: size 5529599 is not a multiple of the 3072-byte image record";
        QTest::newRow("count mismatch") << "short-images"
                                        << "tiny_images.bin: holds 1799 image records but";
        QTest::newRow("missing images") << "no-images"
                                        << "tiny_images.bin: no such file";
        QTest::newRow("missing metadata") << "no-meta"
                                          << "tiny_metadata.bin: no such file";
        QTest::newRow("empty files") << "empty"
                                     << "tiny_metadata.bin: empty file";
    }
    void badInput()
    {
        TC_REQUIRE_SHARED();
        QFETCH(QString, damage);
        QFETCH(QString, expected);
        QTemporaryDir tmp;
        QByteArray meta = readAll(metaPath()), images = readAll(imagesPath());
        if (damage == QLatin1String("truncate-meta"))
            meta.chop(100);
        if (damage == QLatin1String("truncate-images"))
            images.chop(1);
        if (damage == QLatin1String("short-images"))
            images.chop(3072);
        if (damage == QLatin1String("empty"))
            meta.clear(), images.clear();
        if (damage != QLatin1String("no-meta"))
            QVERIFY(writeFile(tmp.filePath(QStringLiteral("tiny_metadata.bin")), meta));
        if (damage != QLatin1String("no-images"))
            QVERIFY(writeFile(tmp.filePath(QStringLiteral("tiny_images.bin")), images));
        TinyImages tiny;
        tiny.setIndexCacheDir(tmp.filePath(QStringLiteral("cache")));
        QVERIFY(!tiny.open(tmp.path()));
        QVERIFY2(tiny.errorString().startsWith(tmp.path() + QLatin1Char('/')), qPrintable(tiny.errorString()));
        QVERIFY2(tiny.errorString().contains(expected), qPrintable(tiny.errorString()));
        QVERIFY(!tiny.isOpen());
        QCOMPARE(tiny.count(), 0);
        QVERIFY(tiny.keywordRange(QStringLiteral("airbus")).isEmpty());
    }

    void notAFolder()
    {
        TinyImages tiny;
        QVERIFY(!tiny.open(QStringLiteral("/nonexistent/tiny")));
        QVERIFY2(tiny.errorString().startsWith(QStringLiteral("/nonexistent/tiny: not a folder")),
                 qPrintable(tiny.errorString()));
    }

    void garbageIntegersAreReportedPerRecord_data()
    {
        QTest::addColumn<QByteArray>("tail");
        QTest::addColumn<bool>("valid");
        QTest::newRow("letters") << QByteArray("abcd1   1   1   -1") << false;
        QTest::newRow("blank") << QByteArray(18, ' ') << false;
        QTest::newRow("four fields") << QByteArray("1   2   3   4     ") << false;
        QTest::newRow("binary") << QByteArray("\x01\x02\xff\x00 1  1   1   -1", 18) << false;
        QTest::newRow("wide values shift") << QByteArray("1   12345 7 8   -1") << true;
        QTest::newRow("touching values") << QByteArray("1   1234567899  -1") << true;
    }
    void garbageIntegersAreReportedPerRecord()
    {
        TC_REQUIRE_SHARED();
        QFETCH(QByteArray, tail);
        QFETCH(bool, valid);
        QTemporaryDir tmp;
        QByteArray meta = readAll(metaPath());
        meta.replace(5 * 768 + 750, 18, tail);
        QVERIFY(writeFile(tmp.filePath(QStringLiteral("tiny_metadata.bin")), meta));
        QVERIFY(QFile::copy(imagesPath(), tmp.filePath(QStringLiteral("tiny_images.bin"))));
        TinyImages tiny;
        QVERIFY2(tiny.open(tmp.path()), qPrintable(tiny.errorString()));
        const auto m = tiny.metadata(5);
        QCOMPARE(m.has_value(), valid);
        if (!valid) {
            QVERIFY2(tiny.errorString().startsWith(
                         tmp.filePath(QStringLiteral("tiny_metadata.bin: record 5: malformed integer"))),
                     qPrintable(tiny.errorString()));
        } else if (QByteArray(QTest::currentDataTag()) == "wide values shift") {
            QCOMPARE(m->positionOnPage, 12345);
            QCOMPARE(m->sentinel, -1);
        } else {
            QCOMPARE(m->positionInEngine, 5678);
            QCOMPARE(m->indexInKeyword, 99);
        }
        QCOMPARE(tiny.keyword(5), m_truth[5].value(QStringLiteral("keyword"))); // the rest of the record still reads
        QVERIFY(tiny.metadata(6).has_value());
    }
};

QTEST_GUILESS_MAIN(TestTinyImages)
#include "TestTinyImages.moc"
