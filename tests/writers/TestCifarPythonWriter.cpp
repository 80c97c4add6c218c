#include "core/readers/CifarPythonReader.h"
#include "core/writers/CifarPythonWriter.h"
#include "tests/writers/WriterTestData.h"

#include <QBuffer>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace tc::core;
using namespace tc::test;

class TestCifarPythonWriter final : public QObject {
    Q_OBJECT
private slots:
    void batchIntoBuffer();
    void rejectsMismatchedLabels();
    void pythonLoadsFolderBothEncodings();
    void mirrorsOriginalCifarOpcodes();
    void cifar100Style();
    void ourReaderReadsBack();
};

void TestCifarPythonWriter::batchIntoBuffer()
{
    const ImageSet s = syntheticSet(3);
    QBuffer buf;
    buf.open(QIODevice::WriteOnly);
    CifarPythonWriter w;
    QVERIFY2(w.writeBatch(&buf, s, 0, 3, QStringLiteral("testing batch 1 of 1")), qPrintable(w.errorString()));
    const QByteArray b = buf.data();
    QVERIFY(b.startsWith(QByteArray("\x80\x02}(U\x0b"
                                    "batch_label",
                                    16)));
    QVERIFY(b.contains("cnumpy.core.multiarray\n_reconstruct\n"));
    QVERIFY(b.endsWith("u."));
    // The pixel block is stored whole: 3 * 3072 bytes after a BINSTRING length.
    QVERIFY(b.contains(QByteArray("T\x00\x24\x00\x00", 5)));
}

void TestCifarPythonWriter::rejectsMismatchedLabels()
{
    ImageSet s = syntheticSet(4);
    s.labels.pop_back();
    QBuffer buf;
    buf.open(QIODevice::WriteOnly);
    CifarPythonWriter w;
    QVERIFY(!w.writeBatch(&buf, s, 0, 4, QStringLiteral("x")));
    QVERIFY2(w.errorString().contains(QLatin1String("3 labels for 4 images")), qPrintable(w.errorString()));
}

static const char *kLoadCheck = R"(
import pickle, sys, os, numpy as np
d, raw_train, raw_test = sys.argv[1], sys.argv[2], sys.argv[3]
train = np.fromfile(raw_train, np.uint8).reshape(-1, 32, 32, 3)
test = np.fromfile(raw_test, np.uint8).reshape(-1, 32, 32, 3)
assert sorted(os.listdir(d)) == ['batches.meta', 'data_batch_1', 'data_batch_2', 'test_batch'], os.listdir(d)
for enc in ('bytes', 'latin1'):
    k = (lambda s: s.encode()) if enc == 'bytes' else (lambda s: s)
    meta = pickle.load(open(os.path.join(d, 'batches.meta'), 'rb'), encoding=enc)
    assert meta[k('label_names')] == [k('class%d' % i) for i in range(10)], meta
    assert meta[k('num_cases_per_batch')] == 10 and meta[k('num_vis')] == 3072, meta
    rows, labels = [], []
    for i, name in enumerate(['data_batch_1', 'data_batch_2']):
        b = pickle.load(open(os.path.join(d, name), 'rb'), encoding=enc)
        assert set(b) == {k('data'), k('labels'), k('filenames'), k('batch_label')}, b.keys()
        assert b[k('batch_label')] == k('training batch %d of 2' % (i + 1))
        assert b[k('data')].dtype == np.uint8 and b[k('data')].shape == (10, 3072)
        rows.append(b[k('data')]); labels += b[k('labels')]
    hwc = np.concatenate(rows).reshape(-1, 3, 32, 32).transpose(0, 2, 3, 1)
    assert np.array_equal(hwc, train), 'train pixels differ'
    assert labels == [i % 10 for i in range(20)], labels
    t = pickle.load(open(os.path.join(d, 'test_batch'), 'rb'), encoding=enc)
    assert np.array_equal(t[k('data')].reshape(-1, 3, 32, 32).transpose(0, 2, 3, 1), test)
    assert t[k('filenames')][1] == k('kw_1_s_000001.png'), t[k('filenames')][:2]
)";

void TestCifarPythonWriter::pythonLoadsFolderBothEncodings()
{
    TC_REQUIRE_PYTHON("numpy");
    const ImageSet train = syntheticSet(20, 10, 1), test = syntheticSet(5, 10, 2);
    QTemporaryDir tmp;
    const QString out = tmp.filePath(QStringLiteral("py"));
    QVERIFY(QDir().mkpath(out));
    CifarPythonWriter w;
    QVERIFY2(w.writeFolder(out, train, test, 2), qPrintable(w.errorString()));
    QVERIFY(writeRaw(tmp.filePath(QStringLiteral("train.raw")), rawPixels(train)));
    QVERIFY(writeRaw(tmp.filePath(QStringLiteral("test.raw")), rawPixels(test)));
    TC_PYTHON_OK(QString::fromLatin1(kLoadCheck), (QStringList{out, tmp.filePath(QStringLiteral("train.raw")),
                                                               tmp.filePath(QStringLiteral("test.raw"))}));
}

// Re-writes the fixture's test_batch (made like the original download) from its canonical pixels
// and checks Python sees the same dict and the same opcode sequence, memo puts aside.
void TestCifarPythonWriter::mirrorsOriginalCifarOpcodes()
{
    TC_REQUIRE_SHARED();
    TC_REQUIRE_PYTHON("numpy");
    QTemporaryDir tmp;
    const QString original = fixture(QStringLiteral("world-small/cifar-10-batches-py/test_batch"));
    const auto dump = runPython(QStringLiteral(R"(
import pickle, sys, json, numpy as np
b = pickle.load(open(sys.argv[1], 'rb'), encoding='bytes')
b[b'data'].reshape(-1, 3, 32, 32).transpose(0, 2, 3, 1).tofile(sys.argv[2])
print(json.dumps({'labels': b[b'labels'], 'filenames': [f.decode() for f in b[b'filenames']]}))
)"),
                                {original, tmp.filePath(QStringLiteral("canon.raw"))});
    QVERIFY2(dump.exitCode == 0, dump.err.constData());
    const QJsonObject o = QJsonDocument::fromJson(dump.out).object();
    ImageSet s;
    QFile raw(tmp.filePath(QStringLiteral("canon.raw")));
    QVERIFY(raw.open(QIODevice::ReadOnly));
    const QByteArray px = raw.readAll();
    s.pixels.assign(px.begin(), px.end());
    for (const auto &v : o.value(QStringLiteral("labels")).toArray())
        s.labels.push_back(v.toInt());
    for (const auto &v : o.value(QStringLiteral("filenames")).toArray())
        s.filenames << v.toString();
    QCOMPARE(s.count(), qsizetype(s.labels.size()));

    const QString ours = tmp.filePath(QStringLiteral("test_batch"));
    QFile f(ours);
    QVERIFY(f.open(QIODevice::WriteOnly));
    CifarPythonWriter w;
    QVERIFY2(w.writeBatch(&f, s, 0, s.count(), QStringLiteral("testing batch 1 of 1")), qPrintable(w.errorString()));
    f.close();
    TC_PYTHON_OK(QStringLiteral(R"(
import pickle, pickletools, sys, numpy as np
ops = lambda p: [(o.name, a if o.name != 'BINSTRING' else len(a)) for o, a, _ in pickletools.genops(open(p, 'rb').read())
                 if o.name not in ('BINPUT', 'LONG_BINPUT')]
a, b = ops(sys.argv[1]), ops(sys.argv[2])
assert a == b, [x for x in zip(a, b) if x[0] != x[1]][:5]
for enc in ('bytes', 'latin1'):
    x = pickle.load(open(sys.argv[1], 'rb'), encoding=enc); y = pickle.load(open(sys.argv[2], 'rb'), encoding=enc)
    assert x.keys() == y.keys()
    for k in x:
        assert (np.array_equal(x[k], y[k]) if isinstance(x[k], np.ndarray) else x[k] == y[k]), k
)"),
                 (QStringList{original, ours}));
}

void TestCifarPythonWriter::cifar100Style()
{
    TC_REQUIRE_PYTHON("numpy");
    ImageSet train = syntheticSet(6, 4), test = syntheticSet(2, 4, 3);
    for (ImageSet *s : {&train, &test}) {
        for (int l : s->labels)
            s->coarseLabels.push_back(l / 2);
        s->coarseLabelNames = QStringList{QStringLiteral("low"), QStringLiteral("high")};
    }
    QTemporaryDir tmp;
    CifarPythonWriter w;
    QVERIFY2(w.writeFolder(tmp.path(), train, test, 5), qPrintable(w.errorString()));
    QVERIFY(writeRaw(tmp.filePath(QStringLiteral("train.raw")), rawPixels(train)));
    TC_PYTHON_OK(QStringLiteral(R"(
import pickle, sys, os, numpy as np
d = sys.argv[1]
assert {'train', 'test', 'meta'} <= set(os.listdir(d)), os.listdir(d)
t = pickle.load(open(os.path.join(d, 'train'), 'rb'), encoding='latin1')
assert set(t) == {'data', 'fine_labels', 'coarse_labels', 'filenames', 'batch_label'}, t.keys()
assert t['fine_labels'] == [0, 1, 2, 3, 0, 1] and t['coarse_labels'] == [0, 0, 1, 1, 0, 0]
px = np.fromfile(os.path.join(d, 'train.raw'), np.uint8).reshape(-1, 32, 32, 3)
assert np.array_equal(t['data'].reshape(-1, 3, 32, 32).transpose(0, 2, 3, 1), px)
m = pickle.load(open(os.path.join(d, 'meta'), 'rb'), encoding='bytes')
assert m[b'fine_label_names'] == [b'class0', b'class1', b'class2', b'class3'] and m[b'coarse_label_names'] == [b'low', b'high'], m
)"),
                 QStringList{tmp.path()});
}

void TestCifarPythonWriter::ourReaderReadsBack()
{
    const ImageSet train = syntheticSet(23, 10, 4), test = syntheticSet(7, 10, 5);
    QTemporaryDir tmp;
    CifarPythonWriter w;
    QVERIFY2(w.writeFolder(tmp.path(), train, test, 3), qPrintable(w.errorString()));
    CifarPythonReader r;
    ImageSet back;
    QVERIFY2(r.read(tmp.path(), back), qPrintable(r.errorString()));
    QVERIFY(back.pixels == train.pixels);
    QVERIFY(back.labels == train.labels);
    QCOMPARE(back.labelNames, train.labelNames);
    QCOMPARE(back.filenames, train.filenames);
    ImageSet backTest;
    QVERIFY2(r.read(tmp.filePath(QStringLiteral("test_batch")), backTest), qPrintable(r.errorString()));
    QVERIFY(backTest.pixels == test.pixels);
    QVERIFY(backTest.labels == test.labels);
}

QTEST_GUILESS_MAIN(TestCifarPythonWriter)
#include "TestCifarPythonWriter.moc"
