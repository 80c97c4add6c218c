#include "core/writers/NpyWriter.h"
#include "tests/writers/WriterTestData.h"

#include <QBuffer>
#include <QTest>

using namespace tc::core;
using namespace tc::test;

class TestNpyWriter final : public QObject {
    Q_OBJECT
private slots:
    void headerMatchesNumpy_data();
    void headerMatchesNumpy();
    void pythonLoadsCifar101Style();
};

void TestNpyWriter::headerMatchesNumpy_data()
{
    QTest::addColumn<int>("which");
    QTest::addColumn<QString>("numpyExpr");
    QTest::newRow("images") << 0 << QStringLiteral("np.zeros((3, 32, 32, 3), np.uint8)");
    QTest::newRow("int64") << 1 << QStringLiteral("np.array([5, -1, 1 << 40], np.int64)");
    QTest::newRow("int32") << 2 << QStringLiteral("np.array([0, 9], np.int32)");
    QTest::newRow("unicode") << 3 << QStringLiteral("np.array(['ab', 'caf\\u00e9s', ''])");
    QTest::newRow("empty") << 4 << QStringLiteral("np.zeros((0,), np.int64)");
}

// numpy's np.save output is the oracle: our bytes must equal it exactly.
void TestNpyWriter::headerMatchesNumpy()
{
    TC_REQUIRE_PYTHON("numpy");
    QFETCH(int, which);
    QFETCH(QString, numpyExpr);
    ImageSet images;
    images.pixels.assign(3 * kImageBytes, 0);
    const qint64 i64[] = {5, -1, qint64(1) << 40};
    const int i32[] = {0, 9};
    NpyArray a = which == 0   ? NpyArray::images(images)
                 : which == 1 ? NpyArray::int64s(std::span<const qint64>(i64))
                 : which == 2 ? NpyArray::int32s(std::span<const int>(i32))
                 : which == 3 ? NpyArray::strings({QStringLiteral("ab"), QStringLiteral("caf\u00e9s"), QString()})
                              : NpyArray::int64s(std::span<const qint64>());
    QBuffer buf;
    buf.open(QIODevice::WriteOnly);
    NpyWriter w;
    QVERIFY2(w.write(&buf, a), qPrintable(w.errorString()));
    QCOMPARE(NpyWriter::header(a).size() % 64, 0);
    const auto r = runPython(QStringLiteral("import numpy as np, io, sys\nb = io.BytesIO(); np.save(b, %1); "
                                            "sys.stdout.buffer.write(b.getvalue())")
                                 .arg(numpyExpr));
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(buf.data(), r.out);
}

void TestNpyWriter::pythonLoadsCifar101Style()
{
    TC_REQUIRE_PYTHON("numpy");
    const ImageSet s = syntheticSet(9);
    QTemporaryDir tmp;
    for (const auto &[name, array] :
         {std::pair{QStringLiteral("data.npy"), NpyArray::images(s)},
          std::pair{QStringLiteral("labels.npy"), NpyArray::int64s(std::span<const int>(s.labels))}}) {
        QFile f(tmp.filePath(name));
        QVERIFY(f.open(QIODevice::WriteOnly));
        NpyWriter w;
        QVERIFY2(w.write(&f, array), qPrintable(w.errorString()));
    }
    QVERIFY(writeRaw(tmp.filePath(QStringLiteral("px.raw")), rawPixels(s)));
    TC_PYTHON_OK(QStringLiteral(R"(
import sys, os, numpy as np
d = sys.argv[1]
x = np.load(os.path.join(d, 'data.npy'), allow_pickle=False)
y = np.load(os.path.join(d, 'labels.npy'), allow_pickle=False)
assert x.dtype == np.uint8 and x.shape == (9, 32, 32, 3), (x.dtype, x.shape)
assert y.dtype == np.int64 and y.tolist() == [i % 10 for i in range(9)]
assert np.array_equal(x, np.fromfile(os.path.join(d, 'px.raw'), np.uint8).reshape(-1, 32, 32, 3))
)"),
                 QStringList{tmp.path()});
}

QTEST_GUILESS_MAIN(TestNpyWriter)
#include "TestNpyWriter.moc"
