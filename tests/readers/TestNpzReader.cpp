#include "core/readers/NpzReader.h"
#include "tests/support/TestSupport.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace tc::core;

// .npz archives as numpy writes them (np.savez, np.savez_compressed, a zip64 directory), in
// CIFAR-10.2's layout, and damaged archives that must fail with the file and member named.
class TestNpzReader final : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    bool m_generated = false;

    static QString script()
    {
        return QStringLiteral(R"PY(
import sys, os, struct, zipfile, io, numpy as np
out = sys.argv[1]
p = lambda n: os.path.join(out, n)
rng = np.random.default_rng(5)
n = 6
images = rng.integers(0, 256, (n, 32, 32, 3), dtype=np.uint8)
arrays = dict(images=images, labels=np.array([0, 9, 3, 3, 1, 2], np.int64),
              label_names=np.array(['airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck']),
              ti_indices=np.array([79302016, 5, 17, 2**40, 0, 3], np.int64),
              keywords=np.array(['jumbo_jet', 'tabby', 'h\u00e9', 'x', 'y', 'z']))
open(p('images.raw'), 'wb').write(images.tobytes())
np.savez(p('stored.npz'), **arrays)
np.savez_compressed(p('deflated.npz'), **arrays)
np.savez_compressed(p('fortran.npz'), **dict(arrays, images=np.asfortranarray(images)))
np.savez(p('data_key.npz'), data=images, labels=np.array([1, 2, 3, 4, 5, 6], np.uint8))
# More than 65535 members forces zip64 end-of-directory records.
with zipfile.ZipFile(p('zip64.npz'), 'w') as z:
    buf = io.BytesIO(); np.save(buf, images); z.writestr('images.npy', buf.getvalue())
    for i in range(65536): z.writestr('e%d' % i, b'')
np.savez(p('no_images.npz'), labels=np.arange(3))
np.savez(p('label_count.npz'), images=images, labels=np.arange(5))
np.savez(p('object_member.npz'), images=images, labels=np.array([1, 'a'], dtype=object))
np.savez(p('bad_name.npz'), images=images, labels=np.array([0, 1, 2, 3, 4, 10]), label_names=np.array(['a', 'b']))
raw = open(p('deflated.npz'), 'rb').read()
open(p('truncated.npz'), 'wb').write(raw[:len(raw) // 2])
open(p('garbage.npz'), 'wb').write(b'PK\x03\x04' + bytes(range(256)) * 4)
# Flip bytes inside the first member's deflate stream.
local = raw.index(b'PK\x03\x04'); name_len, extra_len = struct.unpack('<HH', raw[local + 26:local + 30])
start = local + 30 + name_len + extra_len
bad = bytearray(raw)
for i in range(start + 10, start + 60): bad[i] ^= 0x5A
open(p('bad_deflate.npz'), 'wb').write(bytes(bad))
cd = raw.index(b'PK\x01\x02')
lie = bytearray(raw); lie[cd + 24:cd + 28] = struct.pack('<I', 0xFFFFFFF0)
open(p('lying_size.npz'), 'wb').write(bytes(lie))
meth = bytearray(raw); meth[cd + 10:cd + 12] = struct.pack('<H', 12)
open(p('method.npz'), 'wb').write(bytes(meth))
eocd = raw.rindex(b'PK\x05\x06')
off = bytearray(raw); off[eocd + 16:eocd + 20] = struct.pack('<I', len(raw) + 1000)
open(p('bad_directory.npz'), 'wb').write(bytes(off))
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
            QTest::qSkip("/usr/bin/python3 with numpy is missing", __FILE__, __LINE__);
        return m_generated;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        if (!tc::test::havePython({QStringLiteral("numpy")}))
            return;
        const auto r = tc::test::runPython(script(), {m_dir.path()});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        m_generated = true;
    }

    void cifar102Layout_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("np.savez") << "stored.npz";
        QTest::newRow("np.savez_compressed") << "deflated.npz";
        QTest::newRow("fortran images") << "fortran.npz";
    }
    void cifar102Layout()
    {
        if (!needGenerated())
            return;
        QFETCH(QString, name);
        NpzReader reader;
        ImageSet set;
        QVERIFY2(reader.read(m_dir.filePath(name), set), qPrintable(reader.errorString()));
        const QByteArray expected = readAll(m_dir.filePath(QStringLiteral("images.raw")));
        QCOMPARE(set.count(), 6);
        QVERIFY(
            std::equal(set.pixels.begin(), set.pixels.end(), reinterpret_cast<const uchar *>(expected.constData())));
        QCOMPARE(set.labels, std::vector<int>({0, 9, 3, 3, 1, 2}));
        QCOMPARE(set.labelNames.size(), 10);
        QCOMPARE(set.labelNames[9], QStringLiteral("truck"));
        QCOMPARE(set.sourceIndices, std::vector<qint64>({79302016, 5, 17, qint64(1) << 40, 0, 3}));
        QCOMPARE(set.keywords, QStringList({"jumbo_jet", "tabby", "h\u00e9", "x", "y", "z"}));
        QCOMPARE(reader.arrayNames(), QStringList({"images", "labels", "label_names", "ti_indices", "keywords"}));
    }

    void dataKeyAndUint8Labels()
    {
        if (!needGenerated())
            return;
        NpzReader reader;
        ImageSet set;
        QVERIFY2(reader.read(m_dir.filePath(QStringLiteral("data_key.npz")), set), qPrintable(reader.errorString()));
        QCOMPARE(set.labels, std::vector<int>({1, 2, 3, 4, 5, 6}));
        QCOMPARE(set.sourceIndices.back(), 5);
    }

    void zip64Directory()
    {
        if (!needGenerated())
            return;
        NpzReader reader;
        ImageSet set;
        QVERIFY2(reader.read(m_dir.filePath(QStringLiteral("zip64.npz")), set), qPrintable(reader.errorString()));
        QCOMPARE(set.count(), 6);
        QCOMPARE(reader.arrayNames().size(), 1);
    }

    void damaged_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("expected");
        QTest::newRow("no images") << "no_images.npz"
                                   << "no 'images' array (arrays: labels)";
        QTest::newRow("label count") << "label_count.npz"
                                     << "'labels' has 5 entries for 6 images";
        QTest::newRow("object member") << "object_member.npz"
                                       << "member 'labels.npy': object arrays";
        QTest::newRow("unnamed label") << "bad_name.npz"
                                       << "label 2 has no name (2 label_names)";
        QTest::newRow("truncated") << "truncated.npz"
                                   << "no end of central directory";
        QTest::newRow("garbage") << "garbage.npz"
                                 << "not a zip archive";
        QTest::newRow("bad deflate") << "bad_deflate.npz"
                                     << "member 'images.npy'";
        QTest::newRow("lying size") << "lying_size.npz"
                                    << "claims 4294967280 bytes";
        QTest::newRow("method 12") << "method.npz"
                                   << "compression method 12 is not supported";
        QTest::newRow("bad directory offset") << "bad_directory.npz"
                                              << "lies outside";
    }
    void damaged()
    {
        if (!needGenerated())
            return;
        QFETCH(QString, name);
        QFETCH(QString, expected);
        const QString path = m_dir.filePath(name);
        NpzReader reader;
        ImageSet set;
        const QString failure = tc::test::readFailure(reader, path, set, expected);
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
    }

    void truncatedAtManyOffsets()
    {
        if (!needGenerated())
            return;
        const QByteArray all = readAll(m_dir.filePath(QStringLiteral("deflated.npz")));
        const QString path = m_dir.filePath(QStringLiteral("cut.npz"));
        for (qsizetype cut = 0; cut < all.size(); cut += 211) {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
            f.write(all.first(cut));
            f.close();
            NpzReader reader;
            ImageSet set;
            QVERIFY2(!reader.read(path, set), qPrintable(QString::number(cut)));
            QVERIFY(reader.errorString().startsWith(path + QStringLiteral(": ")));
        }
    }
};

QTEST_GUILESS_MAIN(TestNpzReader)
#include "TestNpzReader.moc"
