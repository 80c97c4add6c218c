#include "core/writers/NpzWriter.h"
#include "tests/writers/WriterTestData.h"

#include <QBuffer>
#include <QTest>

using namespace tc::core;
using namespace tc::test;

class TestNpzWriter final : public QObject {
    Q_OBJECT
private slots:
    void zipStructure();
    void identicalInputIdenticalBytes();
    void pythonLoadsCifar102Style();
    void zipfileTestsCrc();
};

static QByteArray cifar102Npz(const ImageSet &s)
{
    QBuffer buf;
    buf.open(QIODevice::WriteOnly);
    NpzWriter w(&buf);
    std::vector<qint64> ti;
    QStringList kw;
    for (qsizetype i = 0; i < s.count(); ++i) {
        ti.push_back(1000000 + i * 7);
        kw << QStringLiteral("keyword_%1").arg(i % 3);
    }
    const bool ok = w.add(QStringLiteral("images"), NpyArray::images(s)) &&
                    w.add(QStringLiteral("labels"), NpyArray::int64s(std::span<const int>(s.labels))) &&
                    w.add(QStringLiteral("label_names"), NpyArray::strings(s.labelNames)) &&
                    w.add(QStringLiteral("ti_indices"), NpyArray::int64s(std::span<const qint64>(ti))) &&
                    w.add(QStringLiteral("keywords"), NpyArray::strings(kw)) && w.finish();
    return ok ? buf.data() : QByteArray();
}

void TestNpzWriter::zipStructure()
{
    const QByteArray z = cifar102Npz(syntheticSet(4));
    QVERIFY(!z.isEmpty());
    QVERIFY(z.startsWith("PK\x03\x04"));
    QCOMPARE(z.mid(8, 2), QByteArray("\x00\x00", 2)); // stored, not deflated
    QCOMPARE(z.mid(30, 10), QByteArray("images.npy"));
    QVERIFY(z.mid(z.size() - 22).startsWith("PK\x05\x06"));
    QCOMPARE(quint8(z[z.size() - 22 + 10]), quint8(5)); // five members
}

void TestNpzWriter::identicalInputIdenticalBytes()
{
    QCOMPARE(cifar102Npz(syntheticSet(5)), cifar102Npz(syntheticSet(5)));
    QVERIFY(cifar102Npz(syntheticSet(5)) != cifar102Npz(syntheticSet(5, 10, 2)));
}

void TestNpzWriter::pythonLoadsCifar102Style()
{
    TC_REQUIRE_PYTHON("numpy");
    const ImageSet s = syntheticSet(7);
    QTemporaryDir tmp;
    QVERIFY(writeRaw(tmp.filePath(QStringLiteral("a.npz")), cifar102Npz(s)));
    QVERIFY(writeRaw(tmp.filePath(QStringLiteral("px.raw")), rawPixels(s)));
    TC_PYTHON_OK(QStringLiteral(R"(
import sys, os, numpy as np
d = sys.argv[1]
z = np.load(os.path.join(d, 'a.npz'), allow_pickle=False)
assert sorted(z.files) == ['images', 'keywords', 'label_names', 'labels', 'ti_indices'], z.files
assert z['images'].dtype == np.uint8 and z['images'].shape == (7, 32, 32, 3)
assert np.array_equal(z['images'], np.fromfile(os.path.join(d, 'px.raw'), np.uint8).reshape(-1, 32, 32, 3))
assert z['labels'].dtype == np.int64 and z['labels'].tolist() == [i % 10 for i in range(7)]
assert z['label_names'].dtype.kind == 'U' and z['label_names'].tolist() == ['class%d' % i for i in range(10)]
assert z['ti_indices'].dtype == np.int64 and z['ti_indices'][3] == 1000021
assert z['keywords'].tolist()[:4] == ['keyword_0', 'keyword_1', 'keyword_2', 'keyword_0']
)"),
                 QStringList{tmp.path()});
}

void TestNpzWriter::zipfileTestsCrc()
{
    TC_REQUIRE_PYTHON("numpy");
    QTemporaryDir tmp;
    QVERIFY(writeRaw(tmp.filePath(QStringLiteral("a.npz")), cifar102Npz(syntheticSet(3))));
    // testzip() re-reads every member and checks its CRC-32.
    TC_PYTHON_OK(QStringLiteral("import zipfile, sys\nz = zipfile.ZipFile(sys.argv[1])\nassert z.testzip() is None\n"
                                "assert all(i.compress_type == zipfile.ZIP_STORED for i in z.infolist())"),
                 QStringList{tmp.filePath(QStringLiteral("a.npz"))});
}

QTEST_GUILESS_MAIN(TestNpzWriter)
#include "TestNpzWriter.moc"
