#include "core/readers/CifarPythonReader.h"
#include "tests/support/TestSupport.h"

#include <QDir>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace tc::core;

// CIFAR python batches read against two independent oracles: numpy's own unpickling and
// transposition (run by /usr/bin/python3), and the CIFAR binary batches of the same images.
class TestCifarPythonReader final : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    bool m_generated = false;

    static QString generatorScript()
    {
        return QStringLiteral(R"PY(
import pickle, sys, os, json, numpy as np
out, shared = sys.argv[1], sys.argv[2]
def key(k): return k.decode() if isinstance(k, bytes) else k
def oracle(d, name):
    d = {key(k): v for k, v in d.items()}
    open(os.path.join(out, name + '.hwc'), 'wb').write(np.asarray(d['data']).reshape(-1, 3, 32, 32).transpose(0, 2, 3, 1).tobytes())
    labels = d.get('labels', d.get('fine_labels'))
    json.dump({'labels': [int(x) for x in labels], 'coarse': [int(x) for x in d.get('coarse_labels', [])],
               'filenames': [key(f) for f in d.get('filenames', [])]}, open(os.path.join(out, name + '.json'), 'w'))
for i, rel in enumerate(['world-small/cifar-10-batches-py/data_batch_1', 'world-small/cifar-10-batches-py/data_batch_2',
            'world-small/cifar-10-batches-py/test_batch', 'pickle-variants/py3-protocol2/test_batch',
            'pickle-variants/py3-protocol4/test_batch']):
    oracle(pickle.load(open(os.path.join(shared, 'fixtures', rel), 'rb'), encoding='bytes'), 'fixture%d' % i)
rng = np.random.default_rng(7)
def c100(name, protocol, bytes_keys=False, fortran=False):
    d = os.path.join(out, name); os.makedirs(d)
    data = rng.integers(0, 256, (7, 3072), dtype=np.uint8)
    batch = {'batch_label': 'training batch 1 of 1', 'data': np.asfortranarray(data) if fortran else data,
             'fine_labels': [int(x) for x in rng.integers(0, 100, 7)], 'coarse_labels': [int(x) for x in rng.integers(0, 20, 7)],
             'filenames': ['img_%d.png' % i for i in range(7)]}
    meta = {'fine_label_names': ['fine%d' % i for i in range(100)], 'coarse_label_names': ['coarse%d' % i for i in range(20)]}
    if bytes_keys:
        batch = {k.encode(): v for k, v in batch.items()}; meta = {k.encode(): v for k, v in meta.items()}
    pickle.dump(batch, open(os.path.join(d, 'train'), 'wb'), protocol=protocol)
    pickle.dump(meta, open(os.path.join(d, 'meta'), 'wb'), protocol=protocol)
    oracle(batch, name)
for p in range(2, 6): c100('c100_p%d' % p, p)
c100('c100_fortran', 2, fortran=True)
c100('c100_byteskeys', 4, bytes_keys=True)
# Eleven batches: numeric order puts data_batch_10 and _11 last.
folder = os.path.join(out, 'eleven'); os.makedirs(folder)
all_data, all_labels = [], []
for k in range(1, 12):
    data = rng.integers(0, 256, (2, 3072), dtype=np.uint8)
    pickle.dump({'data': data, 'labels': [k % 10, k % 10]}, open(os.path.join(folder, 'data_batch_%d' % k), 'wb'), protocol=2)
    all_data.append(data); all_labels += [k % 10, k % 10]
oracle({'data': np.concatenate(all_data), 'labels': all_labels}, 'eleven')
bad = os.path.join(out, 'bad'); os.makedirs(bad)
def dump(name, obj): pickle.dump(obj, open(os.path.join(bad, name), 'wb'), protocol=2)
ok = np.zeros((3, 3072), np.uint8)
dump('label_count', {'data': ok, 'labels': [1, 2]})
dump('wrong_shape', {'data': np.zeros((3, 3000), np.uint8), 'labels': [1, 2, 3]})
dump('wrong_dtype', {'data': np.zeros((3, 3072), np.int16), 'labels': [1, 2, 3]})
dump('no_labels', {'data': ok})
dump('negative_label', {'data': ok, 'labels': [1, -2, 3]})
dump('filename_count', {'data': ok, 'labels': [1, 2, 3], 'filenames': ['a']})
dump('top_list', [1, 2, 3])
dump('other_dict', {'weights': 1})
dump('data_list', {'data': [1, 2], 'labels': [1, 2]})
dump('coarse_missing', {'data': ok, 'fine_labels': [1, 2, 3]})
)PY");
    }

    QByteArray readAll(const QString &path)
    {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }
    QJsonObject oracleJson(const QString &name)
    {
        return QJsonDocument::fromJson(readAll(m_dir.filePath(name + QStringLiteral(".json")))).object();
    }
    static std::vector<int> ints(const QJsonArray &a)
    {
        std::vector<int> v;
        for (const auto &x : a)
            v.push_back(x.toInt());
        return v;
    }
    void compareWithOracle(const ImageSet &set, const QString &name)
    {
        const QByteArray hwc = readAll(m_dir.filePath(name + QStringLiteral(".hwc")));
        QCOMPARE(qsizetype(set.pixels.size()), hwc.size());
        QVERIFY(std::equal(set.pixels.begin(), set.pixels.end(), reinterpret_cast<const uchar *>(hwc.constData())));
        const QJsonObject o = oracleJson(name);
        QCOMPARE(set.labels, ints(o.value(QStringLiteral("labels")).toArray()));
        QCOMPARE(set.coarseLabels, ints(o.value(QStringLiteral("coarse")).toArray()));
        QStringList filenames;
        for (const auto &f : o.value(QStringLiteral("filenames")).toArray())
            filenames << f.toString();
        QCOMPARE(set.filenames, filenames);
    }
    bool needGenerated()
    {
        if (!m_generated)
            QTest::qSkip("/usr/bin/python3 with numpy or ../shared is missing", __FILE__, __LINE__);
        return m_generated;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        if (tc::test::sharedDir().isEmpty() || !tc::test::havePython({QStringLiteral("numpy")}))
            return;
        const auto r = tc::test::runPython(generatorScript(), {m_dir.path(), tc::test::sharedDir()});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        m_generated = true;
    }

    void fixturesMatchNumpy_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("oracle");
        const QStringList rel{"world-small/cifar-10-batches-py/data_batch_1",
                              "world-small/cifar-10-batches-py/data_batch_2",
                              "world-small/cifar-10-batches-py/test_batch", "pickle-variants/py3-protocol2/test_batch",
                              "pickle-variants/py3-protocol4/test_batch"};
        for (int i = 0; i < rel.size(); ++i)
            QTest::newRow(qPrintable(rel[i])) << rel[i] << QStringLiteral("fixture%1").arg(i);
    }
    void fixturesMatchNumpy()
    {
        if (!needGenerated())
            return;
        QFETCH(QString, path);
        QFETCH(QString, oracle);
        CifarPythonReader reader;
        ImageSet set;
        QVERIFY2(reader.read(tc::test::fixture(path), set), qPrintable(reader.errorString()));
        QCOMPARE(set.count(), 500);
        compareWithOracle(set, oracle);
        QCOMPARE(reader.batchLabel().isEmpty(), false);
        QCOMPARE(set.labelNames.size(), 10); // from the sibling batches.meta
        QCOMPARE(set.labelNames.first(), QStringLiteral("airplane"));
    }

    // The binary batches hold the same images: `<label><1024 R><1024 G><1024 B>`, parsed here.
    void matchesBinaryBatches_data()
    {
        QTest::addColumn<QString>("name");
        for (const char *n : {"data_batch_1", "data_batch_2", "test_batch"})
            QTest::newRow(n) << QString::fromLatin1(n);
    }
    void matchesBinaryBatches()
    {
        TC_REQUIRE_SHARED();
        QFETCH(QString, name);
        CifarPythonReader reader;
        ImageSet set;
        QVERIFY2(reader.read(tc::test::fixture(QStringLiteral("world-small/cifar-10-batches-py/") + name), set),
                 qPrintable(reader.errorString()));
        const QByteArray bin =
            readAll(tc::test::fixture(QStringLiteral("world-small/cifar-10-batches-bin/%1.bin").arg(name)));
        QCOMPARE(bin.size(), set.count() * 3073);
        for (qsizetype i = 0; i < set.count(); ++i) {
            const auto *rec = reinterpret_cast<const uchar *>(bin.constData()) + i * 3073;
            QCOMPARE(set.labels[size_t(i)], int(rec[0]));
            for (int row = 0; row < 32; ++row)
                for (int col = 0; col < 32; ++col)
                    for (int ch = 0; ch < 3; ++ch)
                        if (set.image(i)[pixelOffset(row, col, ch)] != rec[1 + ch * 1024 + row * 32 + col])
                            QFAIL(qPrintable(
                                QStringLiteral("image %1 differs at (%2,%3,%4)").arg(i).arg(row).arg(col).arg(ch)));
        }
    }

    // The other writers' files hold the same 500 pictures in another order, with the same labels.
    void variantsHoldTheSameImages()
    {
        TC_REQUIRE_SHARED();
        CifarPythonReader reader;
        ImageSet original;
        QVERIFY(reader.read(tc::test::fixture(QStringLiteral("world-small/cifar-10-batches-py/test_batch")), original));
        QHash<QByteArray, int> labelOf;
        for (qsizetype i = 0; i < original.count(); ++i)
            labelOf.insert(QByteArray(reinterpret_cast<const char *>(original.image(i).data()), kImageBytes),
                           original.labels[size_t(i)]);
        for (const char *variant : {"py3-protocol2", "py3-protocol4"}) {
            ImageSet set;
            QVERIFY2(reader.read(
                         tc::test::fixture(QStringLiteral("pickle-variants/%1/test_batch").arg(QLatin1String(variant))),
                         set),
                     qPrintable(reader.errorString()));
            QCOMPARE(set.count(), original.count());
            for (qsizetype i = 0; i < set.count(); ++i) {
                const QByteArray key(reinterpret_cast<const char *>(set.image(i).data()), kImageBytes);
                QVERIFY2(
                    labelOf.contains(key),
                    qPrintable(QStringLiteral("%1 image %2 not in test_batch").arg(QLatin1String(variant)).arg(i)));
                QCOMPARE(set.labels[size_t(i)], labelOf.value(key));
            }
        }
    }

    void metaFilesGiveNames_data()
    {
        QTest::addColumn<QString>("path");
        QTest::newRow("py2") << QStringLiteral("world-small/cifar-10-batches-py/batches.meta");
        QTest::newRow("py3-protocol2") << QStringLiteral("pickle-variants/py3-protocol2/batches.meta");
        QTest::newRow("py3-protocol4") << QStringLiteral("pickle-variants/py3-protocol4/batches.meta");
    }
    void metaFilesGiveNames()
    {
        TC_REQUIRE_SHARED();
        QFETCH(QString, path);
        CifarPythonReader reader;
        ImageSet set;
        QVERIFY2(reader.read(tc::test::fixture(path), set), qPrintable(reader.errorString()));
        QCOMPARE(set.count(), 0);
        QCOMPARE(set.labelNames,
                 QString("airplane automobile bird cat deer dog frog horse ship truck").split(QLatin1Char(' ')));
    }

    void folderIsTheBatchesInOrder()
    {
        TC_REQUIRE_SHARED();
        const QString dir = tc::test::fixture(QStringLiteral("world-small/cifar-10-batches-py"));
        CifarPythonReader reader;
        ImageSet folder, one, two;
        QVERIFY2(reader.read(dir, folder), qPrintable(reader.errorString()));
        QVERIFY(reader.read(dir + QStringLiteral("/data_batch_1"), one));
        QVERIFY(reader.read(dir + QStringLiteral("/data_batch_2"), two));
        QCOMPARE(folder.count(), one.count() + two.count());
        QVERIFY(std::equal(one.pixels.begin(), one.pixels.end(), folder.pixels.begin()));
        QVERIFY(std::equal(two.pixels.begin(), two.pixels.end(), folder.pixels.begin() + qsizetype(one.pixels.size())));
        QCOMPARE(folder.sourceIndices.back(), folder.count() - 1);
        QCOMPARE(folder.filenames.size(), folder.count());
        QCOMPARE(folder.labelNames.size(), 10);
    }

    void folderUsesNumericOrder()
    {
        if (!needGenerated())
            return;
        CifarPythonReader reader;
        ImageSet set;
        QVERIFY2(reader.read(m_dir.filePath(QStringLiteral("eleven")), set), qPrintable(reader.errorString()));
        QCOMPARE(CifarPythonReader::batchFilesIn(m_dir.filePath(QStringLiteral("eleven")))
                     .at(9)
                     .section(QLatin1Char('/'), -1),
                 QStringLiteral("data_batch_10"));
        compareWithOracle(set, QStringLiteral("eleven"));
    }

    void cifar100_data()
    {
        QTest::addColumn<QString>("name");
        for (const char *n : {"c100_p2", "c100_p3", "c100_p4", "c100_p5", "c100_fortran", "c100_byteskeys"})
            QTest::newRow(n) << QString::fromLatin1(n);
    }
    void cifar100()
    {
        if (!needGenerated())
            return;
        QFETCH(QString, name);
        CifarPythonReader reader;
        ImageSet file, folder;
        QVERIFY2(reader.read(m_dir.filePath(name + QStringLiteral("/train")), file), qPrintable(reader.errorString()));
        compareWithOracle(file, name);
        QCOMPARE(file.labelNames.size(), 100);
        QCOMPARE(file.coarseLabelNames.size(), 20);
        QCOMPARE(file.coarseLabelNames.last(), QStringLiteral("coarse19"));
        QCOMPARE(reader.batchLabel(), QStringLiteral("training batch 1 of 1"));
        QVERIFY2(reader.read(m_dir.filePath(name), folder), qPrintable(reader.errorString()));
        QCOMPARE(folder.pixels, file.pixels);
    }

    void badBatches_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("expected");
        QTest::newRow("label count") << "label_count"
                                     << "2 labels for 3 images";
        QTest::newRow("wrong shape") << "wrong_shape"
                                     << "'data': expected uint8 rows of shape (N, 3072), found |u1 (3, 3000)";
        QTest::newRow("wrong dtype") << "wrong_dtype"
                                     << "found <i2 (3, 3072)";
        QTest::newRow("no labels") << "no_labels"
                                   << "batch has no 'labels'";
        QTest::newRow("negative label") << "negative_label"
                                        << "label -2 of image 1 is out of range";
        QTest::newRow("filename count") << "filename_count"
                                        << "1 filenames for 3 images";
        QTest::newRow("top-level list") << "top_list"
                                        << "top-level object is a list, expected a dict";
        QTest::newRow("other dict") << "other_dict"
                                    << "not a CIFAR batch or meta file (keys: weights)";
        QTest::newRow("data list") << "data_list"
                                   << "'data' is a list, expected a numpy array";
        QTest::newRow("coarse missing") << "coarse_missing"
                                        << "'coarse_labels' missing";
    }
    void badBatches()
    {
        if (!needGenerated())
            return;
        QFETCH(QString, name);
        QFETCH(QString, expected);
        const QString path = m_dir.filePath(QStringLiteral("bad/") + name);
        CifarPythonReader reader;
        ImageSet set;
        const QString failure = tc::test::readFailure(reader, path, set, expected);
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
    }

    void emptyFolderIsAnError()
    {
        QTemporaryDir empty;
        CifarPythonReader reader;
        ImageSet set;
        QVERIFY(!reader.read(empty.path(), set));
        QVERIFY(reader.errorString().startsWith(empty.path() + QStringLiteral(": no CIFAR python batches")));
    }
};

QTEST_GUILESS_MAIN(TestCifarPythonReader)
#include "TestCifarPythonReader.moc"
