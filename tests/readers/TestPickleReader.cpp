#include "core/readers/PickleReader.h"
#include "tests/support/TestSupport.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace tc::core;
using Kind = PickleValue::Kind;

// The strict pickle parser against pickles written by Python itself (the oracle), across
// protocols 0-5, and against hostile byte strings that must fail with a located error.
class TestPickleReader final : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

    bool m_generated = false;

    // One Python run writes every pickle the tests read (Python start-up dominates otherwise).
    static QStringList arrayExpressions()
    {
        return {
            QStringLiteral("np.arange(24, dtype=np.uint8).reshape(2, 3, 4)"),
            QStringLiteral("np.asfortranarray(np.arange(24, dtype=np.uint8).reshape(2, 3, 4))"),
            QStringLiteral("np.array([-5, 1 << 40, 3], dtype='<i8')"),
            QStringLiteral("np.array([-5, 70000, 3], dtype='>i4')"),
            QStringLiteral("np.asfortranarray(np.arange(6, dtype='>i4').reshape(2, 3))"),
            QStringLiteral("np.array(['cat', 'h\\u00e9'], dtype='<U5')"),
            QStringLiteral("np.zeros((0, 3072), dtype=np.uint8)"),
        };
    }
    bool generate()
    {
        QString script =
            QStringLiteral(
                "import pickle, sys, os, numpy as np\nL = [7, 8]\nd = sys.argv[1]\n"
                "plain = {'i': 5, 'neg': -70000, 'big': 2**62, 'min': -2**63, 'f': 1.5, 's': 'h\\u00e9llo \\u4e16',"
                " 'b': b'\\x00\\xff\\n', 'e': b'', 'l': [1, 2, 3], 't': (1, 'a'), 'n': None, 'T': True,"
                " 'F': False, 'shared': [L, L], b'k': 1}\n"
                "for p in range(6):\n    pickle.dump(plain, open(os.path.join(d, 'plain%d.pkl' % p), 'wb'), "
                "protocol=p)\n"
                "pickle.dump(np.array([1, 'a'], dtype=object), open(os.path.join(d, 'obj.pkl'), 'wb'), protocol=2)\n"
                "arrays = [%1]\n"
                "for i, a in enumerate(arrays):\n"
                "    open(os.path.join(d, 'arr%d.txt' % i), 'w').write(a.dtype.str + ' ' + ','.join(map(str, a.shape)) "
                "+ ' ' + a.tobytes(order='C').hex())\n"
                "    for p in range(2, 6):\n"
                "        pickle.dump(a, open(os.path.join(d, 'arr%d_p%d.pkl' % (i, p)), 'wb'), protocol=p)\n")
                .arg(arrayExpressions().join(QStringLiteral(", ")));
        const auto r = tc::test::runPython(script, {m_dir.path()});
        if (r.exitCode != 0)
            qWarning("%s", r.err.constData());
        return r.exitCode == 0;
    }
    QString generated(const QString &name)
    {
        if (!m_generated)
            QTest::qSkip("/usr/bin/python3 with numpy is not installed", __FILE__, __LINE__);
        return m_dir.filePath(name);
    }

    static PickleValuePtr parseBytes(const QByteArray &bytes, QString *error)
    {
        PickleReader reader;
        const bool ok = reader.parse(bytes, QStringLiteral("mem.pkl"));
        *error = reader.errorString();
        return ok ? reader.result() : nullptr;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_generated = tc::test::havePython({QStringLiteral("numpy")}) && generate();
    }

    void plainValues_data()
    {
        QTest::addColumn<int>("protocol");
        for (int p = 0; p <= 5; ++p)
            QTest::addRow("protocol %d", p) << p;
    }
    void plainValues()
    {
        QFETCH(int, protocol);
        const QString path = generated(QStringLiteral("plain%1.pkl").arg(protocol));
        if (!m_generated)
            return;
        PickleReader reader;
        QVERIFY2(reader.readFile(path), qPrintable(reader.errorString() + path));
        const auto root = reader.result();
        QCOMPARE(root->kind, Kind::Dict);
        QCOMPARE(root->get("i")->integer, 5);
        QCOMPARE(root->get("neg")->integer, -70000);
        QCOMPARE(root->get("big")->integer, qint64(1) << 62);
        QCOMPARE(root->get("min")->integer, std::numeric_limits<qint64>::min());
        QCOMPARE(root->get("f")->real, 1.5);
        QCOMPARE(root->get("s")->kind, Kind::Str);
        QCOMPARE(root->get("s")->toQString(), QStringLiteral("h\u00e9llo \u4e16"));
        QCOMPARE(root->get("b")->kind, Kind::Bytes);
        QCOMPARE(root->get("b")->bytes, QByteArray("\x00\xff\n", 3));
        QCOMPARE(root->get("e")->bytes, QByteArray());
        QCOMPARE(root->get("l")->items.size(), size_t(3));
        QCOMPARE(root->get("l")->items[2]->integer, 3);
        QCOMPARE(root->get("t")->kind, Kind::Tuple);
        QCOMPARE(root->get("t")->items[1]->toQString(), QStringLiteral("a"));
        QCOMPARE(root->get("n")->kind, Kind::None);
        QCOMPARE(root->get("T")->kind, Kind::Bool);
        QCOMPARE(root->get("T")->integer, 1);
        QCOMPARE(root->get("F")->integer, 0);
        QCOMPARE(root->get("k")->integer, 1); // bytes key
        // The same list object twice: both entries see its complete contents.
        const auto shared = root->get("shared");
        QCOMPARE(shared->items[1]->items.size(), size_t(2));
        QCOMPARE(shared->items[1]->items[1]->integer, 8);
    }

    void ndarrays_data()
    {
        QTest::addColumn<int>("index");
        QTest::addColumn<int>("protocol");
        for (int p = 2; p <= 5; ++p)
            for (int i = 0; i < arrayExpressions().size(); ++i)
                QTest::addRow("p%d %s", p, qPrintable(arrayExpressions()[i])) << i << p;
    }
    void ndarrays()
    {
        QFETCH(int, index);
        QFETCH(int, protocol);
        const QString path = generated(QStringLiteral("arr%1_p%2.pkl").arg(index).arg(protocol));
        if (!m_generated)
            return;
        QFile f(m_dir.filePath(QStringLiteral("arr%1.txt").arg(index)));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QList<QByteArray> expected = f.readAll().split(' ');
        PickleReader reader;
        QVERIFY2(reader.readFile(path), qPrintable(reader.errorString()));
        const auto v = reader.result();
        QCOMPARE(v->kind, Kind::NdArray);
        QCOMPARE(v->array->dtype.descr().toLatin1(), expected[0]);
        QStringList dims;
        for (qint64 d : v->array->shape)
            dims << QString::number(d);
        QCOMPARE(dims.join(QLatin1Char(',')).toLatin1(), expected[1]);
        QCOMPARE(ndarray::cOrderBytes(*v->array).toHex(), expected.value(2));
    }

    void py2StringsFollowTheCallersChoice()
    {
        TC_REQUIRE_SHARED();
        const QString path = tc::test::fixture(QStringLiteral("world-small/cifar-10-batches-py/batches.meta"));
        PickleReader asBytes(PickleReader::Py2Strings::Bytes);
        QVERIFY2(asBytes.readFile(path), qPrintable(asBytes.errorString()));
        QCOMPARE(asBytes.result()->get("label_names")->items[0]->kind, Kind::Bytes);
        PickleReader asText(PickleReader::Py2Strings::Latin1);
        QVERIFY2(asText.readFile(path), qPrintable(asText.errorString()));
        const auto names = asText.result()->get("label_names");
        QCOMPARE(names->items[0]->kind, Kind::Str);
        QCOMPARE(names->items[9]->toQString(), QStringLiteral("truck"));
        QCOMPARE(asText.result()->get("num_vis")->integer, 3072);
    }

    void textOpcodesOfProtocol0()
    {
        // Python 2's protocol 0 as it wrote str, unicode, int, long, float, True.
        const QByteArray bytes(
            "(dp0\nS'a\\'b\\x41\\n'\np1\nI-12\nsVu\\u00e9\np2\nL123456789012L\nsS\"k\"\nF2.5\nsS't'\nI01\ns.");
        QString error;
        const auto v = parseBytes(bytes, &error);
        QVERIFY2(v, qPrintable(error));
        QCOMPARE(v->get("a'bA\n")->integer, -12);
        QCOMPARE(v->get("u\xc3\xa9")->integer, 123456789012);
        QCOMPARE(v->get("k")->real, 2.5);
        QCOMPARE(v->get("t")->kind, Kind::Bool);
    }

    void deepNestingNeitherCrashesNorRecurses()
    {
        // 200,000 nested lists: the tree is freed iteratively.
        const int depth = 200000;
        const QByteArray bytes = QByteArray("\x80\x02") + QByteArray(depth, ']') + QByteArray(depth - 1, 'a') + '.';
        QString error;
        QVERIFY2(parseBytes(bytes, &error), qPrintable(error));
    }

    void hostile_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("expected");
        QTest::addRow("os.system") << QByteArray("\x80\x02\x63os\nsystem\nq\x00X\x02\x00\x00\x00lsq\x01\x85q\x02R.", 30)
                                   << QStringLiteral("global 'os.system' is not allowed (opcode GLOBAL at byte 2)");
        QTest::addRow("stack global builtins.eval")
            << QByteArray("\x80\x04\x8c\x08\x62uiltins\x8c\x04\x65val\x93.", 20)
            << QStringLiteral("global 'builtins.eval' is not allowed (opcode STACK_GLOBAL at byte 18)");
        QTest::addRow("unknown opcode") << QByteArray("\x80\x02\xff.", 4)
                                        << QStringLiteral("unknown opcode (opcode 0xff at byte 2)");
        QTest::addRow("persistent id") << QByteArray("\x80\x02N\x51.", 5)
                                       << QStringLiteral(
                                              "opcode not supported by this data reader (opcode BINPERSID at byte 3)");
        QTest::addRow("newobj") << QByteArray("\x80\x02NN\x81.", 6) << QStringLiteral("opcode NEWOBJ at byte 4");
        QTest::addRow("protocol 6") << QByteArray("\x80\x06N.", 4) << QStringLiteral("unsupported protocol 6");
        QTest::addRow("lying BINBYTES") << QByteArray("\x80\x03\x42\xff\xff\xff\x7f\x00\x00.", 10)
                                        << QStringLiteral("length 2147483647 exceeds the 3 bytes that remain");
        QTest::addRow("lying BINUNICODE8") << QByteArray("\x80\x04\x8d\xff\xff\xff\xff\xff\xff\xff\xff.", 12)
                                           << QStringLiteral("exceeds the 1 bytes that remain (opcode BINUNICODE8");
        QTest::addRow("negative BINSTRING")
            << QByteArray("\x80\x02T\xff\xff\xff\xff.", 8) << QStringLiteral("string length -1");
        QTest::addRow("lying FRAME") << QByteArray("\x80\x04\x95\x00\x00\x00\x00\x00\x00\x01\x00N.", 13)
                                     << QStringLiteral("exceeds");
        QTest::addRow("int beyond 64 bits") << QByteArray("\x80\x02\x8a\x09\x00\x00\x00\x00\x00\x00\x00\x00\x01.", 14)
                                            << QStringLiteral("does not fit 64 bits");
        QTest::addRow("uint64 max") << QByteArray("\x80\x02\x8a\x09\xff\xff\xff\xff\xff\xff\xff\xff\x00.", 14)
                                    << QStringLiteral("does not fit 64 bits");
        QTest::addRow("missing memo") << QByteArray("\x80\x02h\x05.", 5)
                                      << QStringLiteral("memo entry 5 was never stored");
        QTest::addRow("underflow") << QByteArray("\x80\x02\x61.", 4)
                                   << QStringLiteral("stack underflow (opcode APPEND");
        QTest::addRow("no mark") << QByteArray("\x80\x02N\x65.", 5) << QStringLiteral("no MARK");
        QTest::addRow("self reference") << QByteArray("\x80\x02]q\x00h\x00\x61.", 8)
                                        << QStringLiteral("self-referencing list");
        QTest::addRow("no stop") << QByteArray("\x80\x02N", 3) << QStringLiteral("ends before the STOP opcode");
        QTest::addRow("empty") << QByteArray() << QStringLiteral("empty file");
        QTest::addRow("leftovers") << QByteArray("\x80\x02NN.", 5) << QStringLiteral("values left on the stack");
        QTest::addRow("bad utf8") << QByteArray("\x80\x04\x8c\x02\xc3\x28.", 7) << QStringLiteral("not valid UTF-8");
        QTest::addRow("unhashable key") << QByteArray("\x80\x02}]N\x73.", 6)
                                        << QStringLiteral("unhashable dict key of type list");
        QTest::addRow("reduce non-global") << QByteArray("\x80\x02N)R.", 6) << QStringLiteral("cannot call None");
        QTest::addRow("codecs other encoding")
            << QByteArray("\x80\x02\x63_codecs\nencode\nX\x01\x00\x00\x00\x61X\x05\x00\x00\x00utf_7\x86R.", 38)
            << QStringLiteral("encoding 'utf_7' is not supported");
        QTest::addRow("reconstruct other class")
            << QByteArray("\x80\x02\x63numpy.core.multiarray\n_reconstruct\nNN\x85N\x87R.", 45)
            << QStringLiteral("_reconstruct supports only numpy.ndarray");
        QTest::addRow("text int overflow")
            << QByteArray("I99999999999999999999\n.", 23) << QStringLiteral("is not a 64-bit integer");
        QTest::addRow("line without end") << QByteArray("\x63os\nsys", 7) << QStringLiteral("line without end");
    }
    void hostile()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, expected);
        QString error;
        QVERIFY(!parseBytes(bytes, &error));
        QVERIFY2(error.startsWith(QStringLiteral("mem.pkl: ")), qPrintable(error));
        QVERIFY2(error.contains(expected), qPrintable(error));
    }

    void objectArraysAreRejected()
    {
        const QString path = generated(QStringLiteral("obj.pkl"));
        if (!m_generated)
            return;
        PickleReader reader;
        QVERIFY(!reader.readFile(path));
        QVERIFY2(reader.errorString().startsWith(path + QStringLiteral(": ")), qPrintable(reader.errorString()));
        QVERIFY2(reader.errorString().contains(QStringLiteral("objects")) ||
                     reader.errorString().contains(QStringLiteral("not allowed")),
                 qPrintable(reader.errorString()));
    }

    void stackLimitIsEnforced()
    {
        PickleReader reader;
        PickleReader::Limits limits;
        limits.maxStack = 100;
        reader.setLimits(limits);
        QVERIFY(!reader.parse(QByteArray("\x80\x02(") + QByteArray(200, 'N') + "l.", QStringLiteral("big.pkl")));
        QVERIFY2(reader.errorString().contains(QStringLiteral("stack exceeds 100 entries")),
                 qPrintable(reader.errorString()));
    }

    void truncationAtEveryOffsetFails()
    {
        TC_REQUIRE_SHARED();
        for (const char *name :
             {"world-small/cifar-10-batches-py/batches.meta", "pickle-variants/py3-protocol4/batches.meta",
              "pickle-variants/py3-protocol2/test_batch"}) {
            QFile f(tc::test::fixture(QString::fromLatin1(name)));
            QVERIFY(f.open(QIODevice::ReadOnly));
            const QByteArray all = f.readAll();
            // Every offset of the small files, about 150 spread over the large one.
            const qsizetype step = all.size() < 4096 ? 1 : all.size() / 149;
            for (qsizetype cut = 0; cut < all.size(); cut += step) {
                PickleReader reader;
                QVERIFY2(!reader.parse(QByteArrayView(all).first(cut), QStringLiteral("cut.pkl")),
                         qPrintable(QStringLiteral("%1 cut at %2 parsed").arg(QLatin1String(name)).arg(cut)));
                QVERIFY(reader.errorString().startsWith(QStringLiteral("cut.pkl: ")));
            }
        }
    }

    void missingFileNamesThePath()
    {
        PickleReader reader;
        QVERIFY(!reader.readFile(QStringLiteral("/nonexistent/x.pkl")));
        QVERIFY(reader.errorString().startsWith(QStringLiteral("/nonexistent/x.pkl: cannot open")));
    }
};

QTEST_GUILESS_MAIN(TestPickleReader)
#include "TestPickleReader.moc"
