#include "core/readers/NpyReader.h"
#include "tests/support/TestSupport.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace tc::core;

// .npy files written by numpy itself (the oracle): every header version, C and Fortran order,
// label dtypes in both byte orders, string arrays, and the hostile cases.
class TestNpyReader final : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    bool m_generated = false;

    static QString script()
    {
        return QStringLiteral(R"PY(
import sys, os, numpy as np
from numpy.lib import format as fmt
out, shared = sys.argv[1], sys.argv[2]
p = lambda n: os.path.join(out, n)
rng = np.random.default_rng(3)
imgs = rng.integers(0, 256, (5, 32, 32, 3), dtype=np.uint8)
open(p('imgs.raw'), 'wb').write(imgs.tobytes())
for v in [(1, 0), (2, 0), (3, 0)]:
    for order in ['C', 'F']:
        a = np.asfortranarray(imgs) if order == 'F' else imgs
        with open(p('imgs_v%d_%s.npy' % (v[0], order)), 'wb') as f: fmt.write_array(f, a, version=v)
labels = [3, -1, 70000, 0, 9]
for dt in ['<i4', '>i4', '<i8', '>i8', '<u2', '>u2', 'u1', 'i1']:
    vals = [x % 256 if dt in ('u1',) else x for x in labels]
    vals = [max(-128, min(127, x)) for x in vals] if dt == 'i1' else vals
    vals = [x % 65536 for x in vals] if 'u2' in dt else vals
    np.save(p('lab_%s.npy' % dt.replace('<', 'le').replace('>', 'be')), np.array(vals, dtype=dt))
    open(p('lab_%s.txt' % dt.replace('<', 'le').replace('>', 'be')), 'w').write(' '.join(map(str, vals)))
np.save(p('str_U.npy'), np.array(['airplane', 'h\u00e9', '\u4e16\u754c', ''], dtype='<U8'))
np.save(p('str_bigU.npy'), np.array(['cat', 'dog'], dtype='>U3'))
np.save(p('str_S.npy'), np.array([b'ab', b'cde'], dtype='S5'))
np.save(p('object.npy'), np.array([1, 'a'], dtype=object), allow_pickle=True)
np.save(p('shape3.npy'), np.zeros((4, 32, 32), np.uint8))
np.save(p('chw.npy'), np.zeros((4, 3, 32, 32), np.uint8))
np.save(p('float.npy'), np.zeros((4, 32, 32, 3), np.float32))
np.save(p('structured.npy'), np.zeros(3, dtype=[('a', '<i4'), ('b', '<f4')]))
d = os.path.join(out, 'c101'); os.makedirs(d)
np.save(os.path.join(d, 'set_data.npy'), imgs)
np.save(os.path.join(d, 'set_labels.npy'), np.array([1, 2, 3, 4, 5], np.int32))
np.save(os.path.join(d, 'bad_data.npy'), imgs)
np.save(os.path.join(d, 'bad_labels.npy'), np.array([1, 2], np.int32))
src = os.path.join(shared, 'fixtures/world-small/cifar10.1/')
open(p('c101.raw'), 'wb').write(np.load(src + 'cifar10.1_v6_data.npy').tobytes())
open(p('c101_labels.txt'), 'w').write(' '.join(map(str, np.load(src + 'cifar10.1_v6_labels.npy').tolist())))
)PY");
    }
    QByteArray readAll(const QString &path)
    {
        QFile f(path);
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }
    bool needGenerated()
    {
        if (!m_generated)
            QTest::qSkip("/usr/bin/python3 with numpy or ../shared is missing", __FILE__, __LINE__);
        return m_generated;
    }
    void writeFile(const QString &path, const QByteArray &bytes)
    {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(bytes);
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        if (tc::test::sharedDir().isEmpty() || !tc::test::havePython({QStringLiteral("numpy")}))
            return;
        const auto r = tc::test::runPython(script(), {m_dir.path(), tc::test::sharedDir()});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        m_generated = true;
    }

    void imagesEveryVersionAndOrder_data()
    {
        QTest::addColumn<QString>("name");
        for (const char *v : {"1", "2", "3"})
            for (const char *o : {"C", "F"})
                QTest::addRow("v%s.0 %s", v, o)
                    << QStringLiteral("imgs_v%1_%2.npy").arg(QLatin1String(v), QLatin1String(o));
    }
    void imagesEveryVersionAndOrder()
    {
        if (!needGenerated())
            return;
        QFETCH(QString, name);
        NpyReader reader;
        ImageSet set;
        QVERIFY2(reader.read(m_dir.filePath(name), set), qPrintable(reader.errorString()));
        const QByteArray expected = readAll(m_dir.filePath(QStringLiteral("imgs.raw")));
        QCOMPARE(set.count(), 5);
        QVERIFY(
            std::equal(set.pixels.begin(), set.pixels.end(), reinterpret_cast<const uchar *>(expected.constData())));
    }

    void fixtureCifar101()
    {
        if (!needGenerated())
            return;
        NpyReader reader;
        ImageSet set;
        QVERIFY2(reader.read(tc::test::fixture(QStringLiteral("world-small/cifar10.1/cifar10.1_v6_data.npy")), set),
                 qPrintable(reader.errorString()));
        const QByteArray expected = readAll(m_dir.filePath(QStringLiteral("c101.raw")));
        QCOMPARE(qsizetype(set.pixels.size()), expected.size());
        QVERIFY(
            std::equal(set.pixels.begin(), set.pixels.end(), reinterpret_cast<const uchar *>(expected.constData())));
        QStringList labels;
        for (int l : set.labels)
            labels << QString::number(l);
        QCOMPARE(labels.join(QLatin1Char(' ')).toLatin1(), readAll(m_dir.filePath(QStringLiteral("c101_labels.txt"))));
    }

    // CIFAR-10.1 has labels but no names: they are CIFAR-10's, so the images copied from it into
    // Tiny Images show, by truth.csv, the class its label names.
    void cifar101LabelsNamedAsCifar10()
    {
        TC_REQUIRE_SHARED();
        NpyReader reader;
        ImageSet set;
        QVERIFY2(reader.read(tc::test::fixture(QStringLiteral("world-small/cifar10.1/cifar10.1_v6_data.npy")), set),
                 qPrintable(reader.errorString()));
        QCOMPARE(set.labelNames.size(), 10);
        int checked = 0;
        for (const auto &row : tc::test::readTruthCsv()) {
            if (row[QStringLiteral("ref_set")] != QLatin1String("cifar10.1"))
                continue;
            const int index = row[QStringLiteral("ref_index")].toInt();
            QVERIFY(index >= 0 && index < set.count());
            QCOMPARE(set.labelNames[set.labels[size_t(index)]], row[QStringLiteral("true_class")]);
            ++checked;
        }
        QVERIFY(checked >= 10);
        // A file named otherwise keeps its labels unnamed (set_data.npy + set_labels.npy).
        if (m_generated) {
            QVERIFY(reader.read(m_dir.filePath(QStringLiteral("c101/set_data.npy")), set));
            QVERIFY(set.labelNames.isEmpty());
        }
    }

    void siblingLabelsMustMatch()
    {
        if (!needGenerated())
            return;
        NpyReader reader;
        ImageSet set;
        QVERIFY(reader.read(m_dir.filePath(QStringLiteral("c101/set_data.npy")), set));
        QCOMPARE(set.labels, std::vector<int>({1, 2, 3, 4, 5}));
        QVERIFY(!reader.read(m_dir.filePath(QStringLiteral("c101/bad_data.npy")), set));
        QVERIFY2(reader.errorString().contains(QStringLiteral("2 labels for 5 images")),
                 qPrintable(reader.errorString()));
    }

    void labelDtypes_data()
    {
        QTest::addColumn<QString>("stem");
        for (const char *s :
             {"lab_lei4", "lab_bei4", "lab_lei8", "lab_bei8", "lab_leu2", "lab_beu2", "lab_u1", "lab_i1"})
            QTest::newRow(s) << QString::fromLatin1(s);
    }
    void labelDtypes()
    {
        if (!needGenerated())
            return;
        QFETCH(QString, stem);
        NpyReader reader;
        NdArray a;
        QVERIFY2(reader.readArray(m_dir.filePath(stem + QStringLiteral(".npy")), a), qPrintable(reader.errorString()));
        std::vector<qint64> values;
        NdArrayConverter convert;
        QVERIFY2(convert.toIntegers(a, &values), qPrintable(convert.errorString()));
        QStringList text;
        for (qint64 v : values)
            text << QString::number(v);
        QCOMPARE(text.join(QLatin1Char(' ')).toLatin1(), readAll(m_dir.filePath(stem + QStringLiteral(".txt"))));
    }

    void stringArrays_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("<U8") << "str_U.npy" << QStringList{"airplane", "h\u00e9", "\u4e16\u754c", ""};
        QTest::newRow(">U3") << "str_bigU.npy" << QStringList{"cat", "dog"};
        QTest::newRow("S5") << "str_S.npy" << QStringList{"ab", "cde"};
    }
    void stringArrays()
    {
        if (!needGenerated())
            return;
        QFETCH(QString, name);
        QFETCH(QStringList, expected);
        NpyReader reader;
        NdArray a;
        QVERIFY2(reader.readArray(m_dir.filePath(name), a), qPrintable(reader.errorString()));
        QStringList strings;
        NdArrayConverter convert;
        QVERIFY2(convert.toStrings(a, &strings), qPrintable(convert.errorString()));
        QCOMPARE(strings, expected);
    }

    void rejected_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("expected");
        QTest::newRow("object dtype") << "object.npy"
                                      << "object arrays (dtype 'O') are not supported";
        QTest::newRow("(N,32,32)") << "shape3.npy"
                                   << "expected uint8 images of shape (N, 32, 32, 3), found |u1 (4, 32, 32)";
        QTest::newRow("(N,3,32,32)") << "chw.npy"
                                     << "found |u1 (4, 3, 32, 32)";
        QTest::newRow("float32") << "float.npy"
                                 << "found <f4 (4, 32, 32, 3)";
        QTest::newRow("structured") << "structured.npy"
                                    << "malformed .npy header";
    }
    void rejected()
    {
        if (!needGenerated())
            return;
        QFETCH(QString, name);
        QFETCH(QString, expected);
        const QString path = m_dir.filePath(name);
        NpyReader reader;
        ImageSet set;
        const QString failure = tc::test::readFailure(reader, path, set, expected);
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
    }

    void hostileBytes_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("expected");
        const QByteArray header("{'descr': '|u1', 'fortran_order': False, 'shape': (1000000000, 32, 32, 3), }");
        QByteArray lying("\x93NUMPY\x01\x00", 8);
        lying += char(header.size()) + QByteArray(1, 0) + header + QByteArray(100, 'x');
        QTest::newRow("lying shape") << lying << "needs more data than the file holds";
        QTest::newRow("lying header length")
            << QByteArray("\x93NUMPY\x02\x00\xff\xff\xff\x7f{", 13) << "header length 2147483647 exceeds the file";
        QTest::newRow("no magic") << QByteArray("PK\x03\x04 not npy") << "not a .npy file";
        QTest::newRow("version 9") << QByteArray("\x93NUMPY\x09\x00\x00\x00", 10)
                                   << "unsupported .npy format version 9.0";
        QTest::newRow("short preamble") << QByteArray("\x93NUMPY\x01", 7) << "truncated .npy preamble";
        const QByteArray bad("garbage header");
        QTest::newRow("malformed header")
            << QByteArray("\x93NUMPY\x01\x00", 8) + char(bad.size()) + '\0' + bad << "malformed .npy header";
    }
    void hostileBytes()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, expected);
        NpyReader reader;
        NdArray a;
        QVERIFY(!reader.parseArray(bytes, QStringLiteral("x.npy"), a));
        QVERIFY2(reader.errorString().startsWith(QStringLiteral("x.npy: ")), qPrintable(reader.errorString()));
        QVERIFY2(reader.errorString().contains(expected), qPrintable(reader.errorString()));
    }

    void truncatedAtManyOffsets()
    {
        if (!needGenerated())
            return;
        const QByteArray all = readAll(m_dir.filePath(QStringLiteral("imgs_v1_C.npy")));
        for (qsizetype cut = 0; cut < all.size(); cut += cut < 200 ? 1 : 997) {
            NpyReader reader;
            NdArray a;
            QVERIFY2(!reader.parseArray(all.first(cut), QStringLiteral("cut.npy"), a),
                     qPrintable(QString::number(cut)));
            QVERIFY(reader.errorString().startsWith(QStringLiteral("cut.npy: ")));
        }
    }
};

QTEST_GUILESS_MAIN(TestNpyReader)
#include "TestNpyReader.moc"
