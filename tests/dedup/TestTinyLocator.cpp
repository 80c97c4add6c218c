// TinyLocator's nearest-neighbour pass prunes with block-mean bounds and must still give NumPy's
// int64 brute force (distance, then the smaller index) exactly: on photographs, where the bound
// rules out almost every pair (checked: the test fails if it stops mattering), with near copies
// planted late in the stream so thresholds tighten mid-range, twins for ties, an exact copy for the
// hash pass; on uniform noise, where the bound rules out nothing and tiles run dense; with both
// mixed in one stream (tiles switch back and forth); on every integer path this CPU runs. Break the
// bound (BlockBound's margin, a lane of its scan) and the photographs' rows differ from NumPy.
#include "core/common/ImageSet.h"
#include "core/dedup/CoarseBound.h"
#include "core/dedup/TinyLocator.h"
#include "core/readers/TinyRecordStream.h"
#include "tests/support/TestSupport.h"

#include <QTest>
#include <random>

using namespace tc::core;

namespace {

// The oracle: top-k over the Tiny records (planes of columns) for every reference (canonical HWC).
const char *const kOracle = R"PY(
import sys, numpy as np
refs = np.fromfile(sys.argv[1], dtype=np.uint8).reshape(-1, 32, 32, 3)
raw = np.fromfile(sys.argv[2], dtype=np.uint8)
n = raw.size // 3072
tiny = raw.reshape(n, 3, 32, 32).transpose(0, 3, 2, 1).reshape(n, 3072).astype(np.int64)
k = int(sys.argv[3])
norms = (tiny * tiny).sum(axis=1)  # |t - r|^2 = |t|^2 + |r|^2 - 2 <t, r>, exact in int64
with open(sys.argv[4], 'w') as out:
    for ref in refs.reshape(len(refs), 3072).astype(np.int64):
        d = norms + ref @ ref - 2 * (tiny @ ref)
        order = np.argsort(d, kind='stable')[:k]
        out.write(' '.join(f'{j}:{d[j]}' for j in order) + '\n')
)PY";

bool writeFile(const QString &path, const std::vector<std::uint8_t> &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) &&
           f.write(reinterpret_cast<const char *>(bytes.data()), qint64(bytes.size())) == qint64(bytes.size());
}

} // namespace

class TestTinyLocator final : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        TC_REQUIRE_SHARED();
        TC_REQUIRE_PYTHON(QStringLiteral("numpy"));
        m_refs = tc::test::cifarBinaryImages(tc::test::fixture("world-small/cifar-10-batches-bin/test_batch.bin"), 300);
        QCOMPARE(m_refs.size(), size_t(300 * kImageBytes));
        QFile tiny(tc::test::fixture("world-small/tinyimages/tiny_images.bin"));
        QVERIFY(tiny.open(QIODevice::ReadOnly));
        const QByteArray photos = tiny.readAll();
        QVERIFY(photos.size() >= 1500 * kImageBytes);
        std::mt19937 rng(3);
        std::vector<std::uint8_t> record(kImageBytes);
        const auto append = [](std::vector<std::uint8_t> &to, const std::uint8_t *from) {
            to.insert(to.end(), from, from + kImageBytes);
        };
        const auto photo = [&](int i) {
            return reinterpret_cast<const std::uint8_t *>(photos.constData()) + i * kImageBytes;
        };
        const auto nearCopy = [&](int ref, int spread) {
            std::vector<std::uint8_t> image(m_refs.begin() + ref * kImageBytes,
                                            m_refs.begin() + (ref + 1) * kImageBytes);
            for (auto &v : image)
                v = std::uint8_t(std::clamp(int(v) + int(rng() % (2 * spread + 1)) - spread, 0, 255));
            imageToTinyRecord(image.data(), record.data());
            return record.data();
        };
        // Photographs: 1,500 Tiny records; near copies of references 0-39, farther ones first
        // (thresholds tighten record by record); twins (ties); an exact copy of reference 50.
        for (int i = 0; i < 1500; ++i) {
            append(m_photos, photo(i));
            if (i % 37 == 36)
                append(m_photos, nearCopy((i / 37) % 40, 40 - i / 60));
            if (i % 101 == 100)
                append(m_photos, photo(i - 3)); // a twin of an earlier record
        }
        imageToTinyRecord(m_refs.data() + 50 * kImageBytes, record.data());
        append(m_photos, record.data());
        // Long: the photographs four times over (twins everywhere), each round with nearer copies
        // of references 0-39 than the last, so the nearest of those lie in the last chunks.
        for (int round = 0; round < 4; ++round)
            for (int i = 0; i < 1500; ++i) {
                append(m_long, photo(i));
                if (i % 37 == 36)
                    append(m_long, nearCopy((i / 37) % 40, std::max(1, 40 - 10 * round - i / 60)));
            }
        for (int i = 0; i < 600; ++i) {
            for (auto &v : record)
                v = std::uint8_t(rng());
            append(m_noise, record.data());
        }
        // Mixed: noise, then photographs, then noise again.
        m_mixed = m_noise;
        m_mixed.insert(m_mixed.end(), m_photos.begin(), m_photos.end());
        m_mixed.insert(m_mixed.end(), m_noise.begin(), m_noise.begin() + 300 * kImageBytes);
        QVERIFY(writeFile(m_dir.filePath("refs.u8"), m_refs));
    }

    void equalsNumpyBruteForce_data()
    {
        QTest::addColumn<QString>("stream");
        QTest::addColumn<int>("k");
        QTest::addColumn<qint64>("chunk");
        QTest::newRow("photographs, k=1") << "photos" << 1 << qint64(256);
        QTest::newRow("photographs, k=3, small chunks") << "photos" << 3 << qint64(64);
        // Chunks that grow to hold several of the blocks compareChunk bounds at a time (2,048
        // records), which every reference must meet in order, none skipped.
        QTest::newRow("long photographs, k=2, chunks of several blocks") << "long" << 2 << qint64(8192);
        QTest::newRow("noise, k=2") << "noise" << 2 << qint64(128);
        QTest::newRow("noise then photographs then noise, k=1") << "mixed" << 1 << qint64(200);
    }
    void equalsNumpyBruteForce()
    {
        QFETCH(QString, stream);
        QFETCH(int, k);
        QFETCH(qint64, chunk);
        const std::vector<std::uint8_t> &records = stream == QLatin1String("photos")  ? m_photos
                                                   : stream == QLatin1String("long")  ? m_long
                                                   : stream == QLatin1String("noise") ? m_noise
                                                                                      : m_mixed;
        const QString file = m_dir.filePath(stream + QStringLiteral(".bin")), oracle = m_dir.filePath("oracle.txt");
        QVERIFY(writeFile(file, records));
        const auto py = tc::test::runPython(QString::fromUtf8(kOracle),
                                            {m_dir.filePath("refs.u8"), file, QString::number(k), oracle});
        QVERIFY2(py.exitCode == 0, py.err.constData());
        QFile f(oracle);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QList<QByteArray> want = f.readAll().split('\n');
        const qsizetype m = qsizetype(m_refs.size() / kImageBytes), n = qsizetype(records.size() / kImageBytes);
        for (IntKernel path : supportedIntKernels()) {
            qputenv("TC_INT_KERNEL", intKernelName(path).toLatin1());
            TinyLocator locator(m_refs.data(), m, TinyLocateOptions{.topK = k, .chunkRecords = chunk, .threads = 2});
            QVERIFY2(locator.run(file, TinyRecordRange{0, n}), qPrintable(locator.errorString()));
            for (qsizetype i = 0; i < m; ++i) {
                QStringList got;
                for (const TinyMatch &match : locator.matchesOf(i))
                    got << QStringLiteral("%1:%2").arg(match.tinyIndex).arg(match.distance2);
                if (got.join(' ').toLatin1() != want.value(i))
                    QFAIL(qPrintable(QStringLiteral("%1, reference %2: %3, numpy %4")
                                         .arg(intKernelName(path), QString::number(i), got.join(' '),
                                              QString::fromLatin1(want.value(i)))));
            }
            // The bound has to matter on photographs and must step aside on noise.
            const qint64 pairs = qint64(m - locator.exactlyLocated()) * n;
            if (stream == QLatin1String("photos") || stream == QLatin1String("long")) {
                // Beyond the first chunk (dense: nothing to bound against yet), under a tenth.
                QVERIFY2(locator.exactPairs() - chunk * (m - locator.exactlyLocated()) < pairs / 10,
                         qPrintable(QString::number(locator.exactPairs())));
                // Where the 8x8 level runs first, it leaves the 4x4 bound a minority of the pairs.
                if (CoarseBound::fastOn(path))
                    QVERIFY2(locator.narrowedPairs() > 0 && locator.narrowedPairs() < locator.boundedPairs() / 2,
                             qPrintable(
                                 QStringLiteral("%1 of %2").arg(locator.narrowedPairs()).arg(locator.boundedPairs())));
                else
                    QCOMPARE(locator.narrowedPairs(), 0);
            } else if (stream == QLatin1String("noise")) {
                QVERIFY2(locator.exactPairs() > pairs / 2, qPrintable(QString::number(locator.exactPairs())));
            } else {
                // Noise is 37% of the stream: dense there, bounded on the photographs (less a chunk
                // of lag at each switch).
                QVERIFY2(locator.boundedPairs() > pairs / 2 && locator.exactPairs() > pairs / 4,
                         qPrintable(QStringLiteral("%1 bounded, %2 exact of %3")
                                        .arg(locator.boundedPairs())
                                        .arg(locator.exactPairs())
                                        .arg(pairs)));
            }
        }
        qunsetenv("TC_INT_KERNEL");
    }

private:
    QTemporaryDir m_dir;
    std::vector<std::uint8_t> m_refs, m_photos, m_long, m_noise, m_mixed;
};

QTEST_GUILESS_MAIN(TestTinyLocator)
#include "TestTinyLocator.moc"
