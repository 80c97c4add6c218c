// Issue 13.3: near-dups takes Tiny Images as a streamed candidate source. Oracle: Python cuts the
// same record range out of tiny_images.bin with numpy's own reshape into an .npy file; near-dups on
// that file (the image-set path, tested against skimage and NumPy elsewhere) must give the same
// rows, candidate_index shifted by the range's start. The L2 ranks are also checked against NumPy's
// int64 brute force. --records is validated.
#include "tests/support/TestSupport.h"

#include <QTemporaryDir>
#include <QTest>

using tc::test::fixture;
using tc::test::runCli;
using tc::test::runPython;

namespace {

const char *const kCut = R"PY(
import sys, numpy as np
raw = np.fromfile(sys.argv[1] + '/tiny_images.bin', dtype=np.uint8)
a, b = int(sys.argv[2]), int(sys.argv[3])
recs = raw.reshape(-1, 3072)[a:b]
np.save(sys.argv[4], recs.reshape(-1, 3, 32, 32).transpose(0, 3, 2, 1).copy())
)PY";

const char *const kL2 = R"PY(
import csv, sys, math, numpy as np
cands, refs, out, k = np.load(sys.argv[1]).reshape(-1, 3072).astype(np.int64), np.load(sys.argv[2]).reshape(-1, 3072).astype(np.int64), sys.argv[3], int(sys.argv[4])
base = int(sys.argv[5])
rows = [r for r in csv.reader(open(out, newline=''))][1:]
l2 = {}
for r in rows:
    if r[3] == 'l2':
        l2.setdefault(int(r[0]), []).append(r)
for i in range(len(cands)):
    d = ((refs - cands[i]) ** 2).sum(axis=1)
    best = sorted(d)[:k]
    got = [round(float(r[6]) ** 2) for r in l2[base + i]]
    if any(abs(g - w) > 0.01 * w + 1 for g, w in zip(got, best)) or len(got) != k:
        print('candidate', base + i, 'got', got, 'want', best); sys.exit(1)
print('OK')
)PY";

QByteArray body(const QString &path, int shift)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    QByteArray out = f.readLine(); // header
    while (!f.atEnd()) {
        QByteArray line = f.readLine();
        const qsizetype comma = line.indexOf(',');
        out += QByteArray::number(line.left(comma).toLongLong() + shift) + line.mid(comma);
    }
    return out;
}

} // namespace

class TestCommandNearDupsTinyCli final : public QObject {
    Q_OBJECT
private slots:
    // Chunks of 7 records, so the small world's ranges
    // cross many chunk boundaries, at odd places.
    void initTestCase() { qputenv("TC_TINY_CHUNK_RECORDS", "7"); }

    void equalsTheImageSetPath_data()
    {
        QTest::addColumn<int>("begin");
        QTest::addColumn<int>("end");
        QTest::newRow("first records") << 0 << 150;
        QTest::newRow("inside") << 1000 << 1800;
    }
    void equalsTheImageSetPath()
    {
        TC_REQUIRE_SHARED();
        TC_REQUIRE_PYTHON(QStringLiteral("numpy"));
        QFETCH(int, begin);
        QFETCH(int, end);
        QTemporaryDir tmp;
        const QString tiny = fixture(QStringLiteral("world-small/tinyimages"));
        const QString refs = fixture(QStringLiteral("world-small/cifar10.1/cifar10.1_v6_data.npy"));
        const QString cut = tmp.filePath(QStringLiteral("cut.npy"));
        const auto py = runPython(QString::fromUtf8(kCut), {tiny, QString::number(begin), QString::number(end), cut});
        QVERIFY2(py.exitCode == 0, py.err.constData());
        const QString fromTiny = tmp.filePath(QStringLiteral("tiny.csv")),
                      fromNpy = tmp.filePath(QStringLiteral("npy.csv"));
        auto r = runCli({QStringLiteral("near-dups"), QStringLiteral("--candidates"), tiny, QStringLiteral("--records"),
                         QStringLiteral("%1:%2").arg(begin).arg(end), QStringLiteral("--references"), refs,
                         QStringLiteral("--top-k"), QStringLiteral("3"), QStringLiteral("--csv"), fromTiny});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        r = runCli({QStringLiteral("near-dups"), QStringLiteral("--candidates"), cut, QStringLiteral("--references"),
                    refs, QStringLiteral("--top-k"), QStringLiteral("3"), QStringLiteral("--csv"), fromNpy});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QByteArray a = body(fromTiny, -begin), b = body(fromNpy, 0);
        QVERIFY(a.count('\n') > end - begin);
        QVERIFY2(a == b, "Tiny Images rows differ from the same images read as .npy");
        // The plain protocol's L2 neighbours against NumPy's brute force (the default also scores shifted and
        // mirrored alignments, which a plain L2 oracle does not know).
        const QString plain = tmp.filePath(QStringLiteral("plain.csv"));
        r = runCli({QStringLiteral("near-dups"), QStringLiteral("--candidates"), tiny, QStringLiteral("--records"),
                    QStringLiteral("%1:%2").arg(begin).arg(end), QStringLiteral("--references"), refs,
                    QStringLiteral("--top-k"), QStringLiteral("3"), QStringLiteral("--transforms"),
                    QStringLiteral("none"), QStringLiteral("--csv"), plain});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const auto l2 =
            runPython(QString::fromUtf8(kL2), {cut, refs, plain, QStringLiteral("3"), QString::number(begin)});
        QVERIFY2(l2.exitCode == 0 && l2.out.trimmed() == "OK", (l2.out + l2.err).constData());
    }

    void refusesBadRecords_data()
    {
        QTest::addColumn<QString>("candidates");
        QTest::addColumn<QString>("records");
        QTest::addColumn<QString>("message");
        QTest::newRow("beyond the file") << "tinyimages"
                                         << "0:1801"
                                         << "beyond the file, which holds 1800 records";
        QTest::newRow("reversed") << "tinyimages"
                                  << "9:3"
                                  << "the start is after the end";
        QTest::newRow("not numbers") << "tinyimages"
                                     << "a:b"
                                     << "not a non-negative integer";
        QTest::newRow("records without Tiny Images") << "cifar10.1/cifar10.1_v6_data.npy"
                                                     << "0:10"
                                                     << "--records needs Tiny Images candidates";
    }
    void refusesBadRecords()
    {
        TC_REQUIRE_SHARED();
        QFETCH(QString, candidates);
        QFETCH(QString, records);
        QFETCH(QString, message);
        QTemporaryDir tmp;
        const QString out = tmp.filePath(QStringLiteral("near.csv"));
        const auto r = runCli({QStringLiteral("near-dups"), QStringLiteral("--candidates"),
                               fixture(QStringLiteral("world-small/") + candidates), QStringLiteral("--records"),
                               records, QStringLiteral("--references"),
                               fixture(QStringLiteral("world-small/cifar10.1/cifar10.1_v6_data.npy")),
                               QStringLiteral("--csv"), out});
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(message.toUtf8()), r.err.constData());
        QVERIFY(!QFile::exists(out));
    }
};

QTEST_GUILESS_MAIN(TestCommandNearDupsTinyCli)
#include "TestCommandNearDupsTinyCli.moc"
