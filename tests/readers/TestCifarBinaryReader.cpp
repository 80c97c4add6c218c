#include "core/common/ImageSet.h"
#include "core/readers/CifarBinaryReader.h"
#include "tests/support/TestSupport.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace tc::core;
using tc::test::fixture;

namespace {

QString binDir()
{
    return fixture(QStringLiteral("world-small/cifar-10-batches-bin"));
}

// The oracle: Python unpickles the *python* batches (a different file format written from the same
// images) and writes canonical HWC bytes + labels; the binary reader must agree byte for byte.
struct Oracle {
    QByteArray pixels;
    QList<int> labels;
};

Oracle pythonOracle(const QStringList &pickles, const QString &tmpDir)
{
    const QString script = QStringLiteral(R"(
import pickle, sys, numpy as np
out, files = sys.argv[1], sys.argv[2:]
data, labels = [], []
for f in files:
    d = pickle.load(open(f, 'rb'), encoding='bytes')
    data.append(np.asarray(d[b'data'], dtype=np.uint8).reshape(-1, 3, 32, 32).transpose(0, 2, 3, 1))
    labels += d[b'labels']
open(out + '/pixels.raw', 'wb').write(np.concatenate(data).tobytes())
open(out + '/labels.txt', 'w').write(' '.join(map(str, labels)))
)");
    Oracle o;
    const auto r = tc::test::runPython(script, QStringList{tmpDir} + pickles);
    if (r.exitCode != 0) {
        qWarning("%s", r.err.constData());
        return o;
    }
    QFile px(tmpDir + QStringLiteral("/pixels.raw")), lb(tmpDir + QStringLiteral("/labels.txt"));
    if (px.open(QIODevice::ReadOnly))
        o.pixels = px.readAll();
    if (lb.open(QIODevice::ReadOnly))
        for (const QByteArray &t : lb.readAll().split(' '))
            o.labels.append(t.toInt());
    return o;
}

QByteArray pixelsOf(const ImageSet &set)
{
    return QByteArray(reinterpret_cast<const char *>(set.pixels.data()), qsizetype(set.pixels.size()));
}

QList<int> labelsOf(const std::vector<int> &labels)
{
    return QList<int>(labels.begin(), labels.end());
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

// A CIFAR-10 binary record whose pixel (row, col, ch) has a value derived from its position.
QByteArray cifar10Record(int label, int seed)
{
    QByteArray rec(1 + kImageBytes, '\0');
    rec[0] = char(label);
    for (int i = 0; i < kImageBytes; ++i)
        rec[1 + i] = char((i * 7 + seed) & 0xff);
    return rec;
}

} // namespace

class TestCifarBinaryReader final : public QObject {
    Q_OBJECT
private slots:
    void folderEqualsPythonBatchesInOrder()
    {
        TC_REQUIRE_SHARED();
        TC_REQUIRE_PYTHON("numpy");
        QTemporaryDir tmp;
        const QString py = fixture(QStringLiteral("world-small/cifar-10-batches-py/"));
        const Oracle o =
            pythonOracle({py + QStringLiteral("data_batch_1"), py + QStringLiteral("data_batch_2")}, tmp.path());
        QCOMPARE(o.labels.size(), 1000);
        CifarBinaryReader reader;
        ImageSet set;
        QVERIFY2(reader.read(binDir(), set), qPrintable(reader.errorString()));
        QCOMPARE(set.count(), 1000);
        QVERIFY(reader.variant() == CifarBinaryReader::Variant::Cifar10);
        QCOMPARE(labelsOf(set.labels), o.labels);
        QVERIFY(pixelsOf(set) == o.pixels);
        QCOMPARE(set.labelNames, (QStringList{"airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse",
                                              "ship", "truck"}));
        QCOMPARE(set.sourceIndices.back(), qint64(999));
        QVERIFY(set.coarseLabels.empty());
    }

    void testBatchFile()
    {
        TC_REQUIRE_SHARED();
        TC_REQUIRE_PYTHON("numpy");
        QTemporaryDir tmp;
        const Oracle o =
            pythonOracle({fixture(QStringLiteral("world-small/cifar-10-batches-py/test_batch"))}, tmp.path());
        CifarBinaryReader reader;
        ImageSet set;
        QVERIFY2(reader.read(binDir() + QStringLiteral("/test_batch.bin"), set), qPrintable(reader.errorString()));
        QCOMPARE(labelsOf(set.labels), o.labels);
        QVERIFY(pixelsOf(set) == o.pixels);
        QCOMPARE(set.labelNames.size(), 10);
    }

    // Pixel (row, col, ch) sits at ch*1024 + row*32 + col in the file: pin the orientation down
    // on a hand-made record rather than trusting a round trip.
    void orientationOfOneRecord()
    {
        QTemporaryDir tmp;
        const QString path = tmp.filePath(QStringLiteral("one.bin"));
        QVERIFY(writeFile(path, cifar10Record(3, 1)));
        CifarBinaryReader reader;
        ImageSet set;
        QVERIFY2(reader.read(path, set), qPrintable(reader.errorString()));
        QCOMPARE(set.count(), 1);
        QCOMPARE(set.labels.front(), 3);
        for (int row : {0, 5, 31})
            for (int col : {0, 17, 31})
                for (int ch = 0; ch < 3; ++ch)
                    QCOMPARE(int(set.image(0)[pixelOffset(row, col, ch)]),
                             ((ch * 1024 + row * 32 + col) * 7 + 1) & 0xff);
    }

    void cifar100WithNames()
    {
        QTemporaryDir tmp;
        QByteArray data;
        for (int i = 0; i < 3; ++i) {
            QByteArray rec = cifar10Record(0, i);
            rec[0] = char(19 - i);                                          // coarse
            data += rec.left(1) + QByteArray(1, char(97 + i)) + rec.mid(1); // fine = 97..99
        }
        QVERIFY(writeFile(tmp.filePath(QStringLiteral("train.bin")), data));
        QByteArray fine, coarse;
        for (int i = 0; i < 100; ++i)
            fine += "fine" + QByteArray::number(i) + "\n";
        for (int i = 0; i < 20; ++i)
            coarse += "coarse" + QByteArray::number(i) + "\n";
        QVERIFY(writeFile(tmp.filePath(QStringLiteral("fine_label_names.txt")), fine));
        QVERIFY(writeFile(tmp.filePath(QStringLiteral("coarse_label_names.txt")), coarse));
        CifarBinaryReader reader;
        ImageSet set;
        QVERIFY2(reader.read(tmp.path(), set), qPrintable(reader.errorString()));
        QVERIFY(reader.variant() == CifarBinaryReader::Variant::Cifar100);
        QCOMPARE(set.count(), 3);
        QCOMPARE(labelsOf(set.labels), (QList<int>{97, 98, 99}));
        QCOMPARE(labelsOf(set.coarseLabels), (QList<int>{19, 18, 17}));
        QCOMPARE(set.labelNames.value(99), QStringLiteral("fine99"));
        QCOMPARE(set.coarseLabelNames.size(), 20);
        QCOMPARE(int(set.image(2)[pixelOffset(0, 1, 0)]), (1 * 7 + 2) & 0xff);
    }

    void folderOrderIsNumeric()
    {
        QTemporaryDir tmp;
        for (int n : {10, 2, 1})
            QVERIFY(writeFile(tmp.filePath(QStringLiteral("data_batch_%1.bin").arg(n)), cifar10Record(n % 10, n)));
        CifarBinaryReader reader;
        ImageSet set;
        QVERIFY2(reader.read(tmp.path(), set), qPrintable(reader.errorString()));
        QCOMPARE(labelsOf(set.labels), (QList<int>{1, 2, 0}));
        QCOMPARE(CifarBinaryReader::batchFilesIn(tmp.path()).last(), tmp.filePath(QStringLiteral("data_batch_10.bin")));
    }

    // 3074 CIFAR-10 records are exactly 3073 CIFAR-100 records: the label bytes settle it.
    void ambiguousSizeDecidedByLabels()
    {
        QTemporaryDir tmp;
        QByteArray data;
        for (int i = 0; i < 3074; ++i)
            data += cifar10Record(i % 10, 200);
        const QString path = tmp.filePath(QStringLiteral("b.bin"));
        QVERIFY(writeFile(path, data));
        CifarBinaryReader reader;
        ImageSet set;
        QVERIFY2(reader.read(path, set), qPrintable(reader.errorString()));
        QVERIFY(reader.variant() == CifarBinaryReader::Variant::Cifar10);
        QCOMPARE(set.count(), 3074);
        QCOMPARE(set.labels[13], 3);
    }

    void badInput_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("expected");
        QTest::newRow("truncated") << cifar10Record(1, 0).left(3000) << "neither a multiple of the 3073-byte";
        QTest::newRow("truncated second record")
            << cifar10Record(1, 0) + cifar10Record(2, 0).left(50) << "neither a multiple of the 3073-byte";
        QTest::newRow("empty") << QByteArray() << "empty file";
        QTest::newRow("label out of range")
            << cifar10Record(1, 0) + cifar10Record(42, 0) << "record 1: label 42 outside the 10 known classes";
    }
    void badInput()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, expected);
        QTemporaryDir tmp;
        const QString path = tmp.filePath(QStringLiteral("bad.bin"));
        QVERIFY(writeFile(path, bytes));
        CifarBinaryReader reader;
        ImageSet set;
        const QString failure = tc::test::readFailure(reader, path, set, expected);
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
    }

    void explicitVariantRejectsWrongSize()
    {
        QTemporaryDir tmp;
        const QString path = tmp.filePath(QStringLiteral("x.bin"));
        QVERIFY(writeFile(path, cifar10Record(1, 0)));
        CifarBinaryReader reader;
        reader.setVariant(CifarBinaryReader::Variant::Cifar100);
        ImageSet set;
        QVERIFY(!reader.read(path, set));
        QVERIFY2(reader.errorString().contains(QStringLiteral("3074-byte")), qPrintable(reader.errorString()));
    }

    void missingPathAndEmptyFolder()
    {
        QTemporaryDir tmp;
        CifarBinaryReader reader;
        ImageSet set;
        QVERIFY(!reader.read(tmp.filePath(QStringLiteral("nope.bin")), set));
        QVERIFY(reader.errorString().contains(QStringLiteral("nope.bin: no such file")));
        QVERIFY(!reader.read(tmp.path(), set));
        QVERIFY(reader.errorString().startsWith(tmp.path()));
    }
};

QTEST_GUILESS_MAIN(TestCifarBinaryReader)
#include "TestCifarBinaryReader.moc"
