#include "core/readers/CifarBinaryReader.h"
#include "core/writers/CifarBinaryWriter.h"
#include "tests/writers/WriterTestData.h"

#include <QBuffer>
#include <QDir>
#include <QTest>

using namespace tc::core;
using namespace tc::test;

class TestCifarBinaryWriter final : public QObject {
    Q_OBJECT
private slots:
    void recordsIntoBuffer();
    void rejectsLabelBeyondByte();
    void metaTextLikeOriginal();
    void pythonDecodesFolder();
    void ourReaderReadsBack();
};

void TestCifarBinaryWriter::recordsIntoBuffer()
{
    const ImageSet s = syntheticSet(2);
    QBuffer buf;
    buf.open(QIODevice::WriteOnly);
    CifarBinaryWriter w;
    QVERIFY2(w.writeBatch(&buf, s, 0, 2), qPrintable(w.errorString()));
    const QByteArray b = buf.data();
    QCOMPARE(b.size(), 2 * 3073);
    QCOMPARE(int(b[3073]), 1); // label of image 1
    // Red plane first, row-major: record byte 1 + 33 is pixel (row 1, col 1, R) = HWC 96 + 3.
    QCOMPARE(quint8(b[1 + 33]), s.image(0)[pixelOffset(1, 1, 0)]);
    QCOMPARE(quint8(b[1 + 1024 + 33]), s.image(0)[pixelOffset(1, 1, 1)]);
    QCOMPARE(quint8(b[3073 + 1 + 2048 + 31 * 32 + 31]), s.image(1)[pixelOffset(31, 31, 2)]);
}

void TestCifarBinaryWriter::rejectsLabelBeyondByte()
{
    ImageSet s = syntheticSet(2);
    s.labels[1] = 300;
    QBuffer buf;
    buf.open(QIODevice::WriteOnly);
    CifarBinaryWriter w;
    QVERIFY(!w.writeBatch(&buf, s, 0, 2));
    QVERIFY2(w.errorString().contains(QLatin1String("image 1")), qPrintable(w.errorString()));
}

void TestCifarBinaryWriter::metaTextLikeOriginal()
{
    TC_REQUIRE_SHARED();
    QFile original(fixture(QStringLiteral("world-small/cifar-10-batches-bin/batches.meta.txt")));
    QVERIFY(original.open(QIODevice::ReadOnly));
    QBuffer buf;
    buf.open(QIODevice::WriteOnly);
    CifarBinaryWriter w;
    QVERIFY(
        w.writeNames(&buf, {"airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"}));
    QCOMPARE(buf.data(), original.readAll());
}

void TestCifarBinaryWriter::pythonDecodesFolder()
{
    TC_REQUIRE_PYTHON("numpy");
    const ImageSet train = syntheticSet(12, 10, 7), test = syntheticSet(4, 10, 8);
    QTemporaryDir tmp;
    const QString out = tmp.filePath(QStringLiteral("bin"));
    QVERIFY(QDir().mkpath(out));
    CifarBinaryWriter w;
    QVERIFY2(w.writeFolder(out, train, test, 5), qPrintable(w.errorString()));
    QVERIFY(writeRaw(tmp.filePath(QStringLiteral("train.raw")), rawPixels(train)));
    TC_PYTHON_OK(QStringLiteral(R"(
import sys, os, numpy as np
d = sys.argv[1]
names = ['data_batch_%d.bin' % i for i in range(1, 6)]
assert sorted(os.listdir(d)) == sorted(names + ['test_batch.bin', 'batches.meta.txt']), os.listdir(d)
recs = np.concatenate([np.fromfile(os.path.join(d, n), np.uint8).reshape(-1, 3073) for n in names])
assert recs.shape == (12, 3073)
assert recs[:, 0].tolist() == [i % 10 for i in range(12)]
px = np.fromfile(sys.argv[2], np.uint8).reshape(-1, 32, 32, 3)
assert np.array_equal(recs[:, 1:].reshape(-1, 3, 32, 32).transpose(0, 2, 3, 1), px)
assert open(os.path.join(d, 'batches.meta.txt')).read().split() == ['class%d' % i for i in range(10)]
)"),
                 (QStringList{out, tmp.filePath(QStringLiteral("train.raw"))}));
}

void TestCifarBinaryWriter::ourReaderReadsBack()
{
    const ImageSet train = syntheticSet(21, 10, 9), test = syntheticSet(3, 10, 10);
    QTemporaryDir tmp;
    CifarBinaryWriter w;
    QVERIFY2(w.writeFolder(tmp.path(), train, test, 4), qPrintable(w.errorString()));
    CifarBinaryReader r;
    ImageSet back;
    QVERIFY2(r.read(tmp.path(), back), qPrintable(r.errorString()));
    QVERIFY(back.pixels == train.pixels);
    QVERIFY(back.labels == train.labels);
    QCOMPARE(back.labelNames, train.labelNames);
    ImageSet backTest;
    QVERIFY2(r.read(tmp.filePath(QStringLiteral("test_batch.bin")), backTest), qPrintable(r.errorString()));
    QVERIFY(backTest.pixels == test.pixels);
    QVERIFY(backTest.labels == test.labels);
}

QTEST_GUILESS_MAIN(TestCifarBinaryWriter)
#include "TestCifarBinaryWriter.moc"
