#include "core/writers/PickleWriter.h"
#include "tests/writers/WriterTestData.h"

#include <QBuffer>
#include <QTest>

using namespace tc::core;

// The emitter's opcodes checked byte for byte against CPython's pickle docs, then loaded by
// Python itself with both encodings the CIFAR recipes use.
class TestPickleWriter final : public QObject {
    Q_OBJECT
private slots:
    void integers_data();
    void integers();
    void stringOpcodes();
    void failsOnClosedDevice();
    void pythonLoadsStructure();
};

void TestPickleWriter::integers_data()
{
    QTest::addColumn<qint64>("value");
    QTest::addColumn<QByteArray>("bytes");
    QTest::newRow("BININT1 0") << qint64(0) << QByteArray("K\x00", 2);
    QTest::newRow("BININT1 255") << qint64(255) << QByteArray("K\xff", 2);
    QTest::newRow("BININT2 256") << qint64(256) << QByteArray("M\x00\x01", 3);
    QTest::newRow("BININT2 3072") << qint64(3072) << QByteArray("M\x00\x0c", 3);
    QTest::newRow("BININT 65536") << qint64(65536) << QByteArray("J\x00\x00\x01\x00", 5);
    QTest::newRow("BININT -1") << qint64(-1) << QByteArray("J\xff\xff\xff\xff", 5);
    QTest::newRow("LONG1 2^40") << (qint64(1) << 40) << QByteArray("\x8a\x08\x00\x00\x00\x00\x00\x01\x00\x00", 10);
}

void TestPickleWriter::integers()
{
    QFETCH(qint64, value);
    QFETCH(QByteArray, bytes);
    QBuffer buf;
    buf.open(QIODevice::WriteOnly);
    PickleWriter p(&buf);
    p.integer(value);
    QVERIFY(p.finish());
    QCOMPARE(buf.data(), bytes + '.');
}

void TestPickleWriter::stringOpcodes()
{
    QBuffer buf;
    buf.open(QIODevice::WriteOnly);
    PickleWriter p(&buf);
    p.string(QByteArrayView("data"));
    p.string(QByteArray(300, 'x'));
    QVERIFY(p.finish());
    const QByteArray b = buf.data();
    QCOMPARE(b.left(6), QByteArray("U\x04"
                                   "data"));
    QCOMPARE(b.mid(6, 5), QByteArray("T\x2c\x01\x00\x00", 5)); // 300 little endian
    QCOMPARE(b.size(), 6 + 5 + 300 + 1);
}

void TestPickleWriter::failsOnClosedDevice()
{
    QBuffer buf; // never opened
    PickleWriter p(&buf);
    p.begin();
    QVERIFY(!p.finish());
    QVERIFY2(p.errorString().contains(QLatin1String("not open")), qPrintable(p.errorString()));
}

void TestPickleWriter::pythonLoadsStructure()
{
    TC_REQUIRE_PYTHON("numpy");
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("obj.pkl"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    PickleWriter p(&f);
    p.begin();
    p.emptyDict();
    p.mark();
    p.string(QByteArrayView("ints"));
    const int ints[] = {0, 255, 256, 70000, -5};
    p.intList(ints);
    p.string(QByteArrayView("big"));
    p.integer(qint64(1) << 40);
    p.string(QByteArrayView("arr"));
    const qint64 shape[] = {2, 3};
    p.ndarray(shape, "u1", '|', QByteArrayView("\x00\x01\x02\xfd\xfe\xff", 6));
    p.setItems();
    QVERIFY2(p.finish(), qPrintable(p.errorString()));
    f.close();
    TC_PYTHON_OK(QStringLiteral(R"(
import pickle, sys, numpy as np
for enc, key in (('bytes', b'arr'), ('latin1', 'arr')):
    d = pickle.load(open(sys.argv[1], 'rb'), encoding=enc)
    k = lambda s: s.encode() if enc == 'bytes' else s
    assert d[k('ints')] == [0, 255, 256, 70000, -5], d
    assert d[k('big')] == 1 << 40
    a = d[key]
    assert a.dtype == np.uint8 and a.shape == (2, 3), (a.dtype, a.shape)
    assert a.tolist() == [[0, 1, 2], [253, 254, 255]], a
)"),
                 QStringList{path});
}

QTEST_GUILESS_MAIN(TestPickleWriter)
#include "TestPickleWriter.moc"
