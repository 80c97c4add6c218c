// Issue 13.3: `locate` finds every dataset image's nearest Tiny Images records over a streamed
// record range. Oracle: NumPy's int64 brute force over the same range of the real files (Tiny's
// column-major planar records, read by numpy's own reshape), ties by the smaller index; the keyword
// read by Python from the 768-byte metadata records. Hostile inputs fail clearly without output.
#include "tests/cli/LocateCli.h"
#include "tests/support/TestSupport.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <sys/stat.h>

using tc::test::fixture;
using tc::test::locateArgs;
using tc::test::runCli;
using tc::test::runPython;
using tc::test::smallWorld;

namespace {

// Checks locate's CSV against NumPy; prints "OK" or the first difference.
const char *const kOracle = R"PY(
import csv, sys, math, numpy as np
tiny_dir, dataset, out, rng, k = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
raw = np.fromfile(tiny_dir + '/tiny_images.bin', dtype=np.uint8)
n = raw.size // 3072
tiny = raw.reshape(n, 3072).reshape(n, 3, 32, 32).transpose(0, 3, 2, 1)   # HWC from planes of columns
meta = np.fromfile(tiny_dir + '/tiny_metadata.bin', dtype=np.uint8).reshape(n, 768)
a, b = (rng or ':').split(':')
a = int(a) if a else 0
b = int(b) if b else n
if dataset.endswith('.npy'):
    ds = np.load(dataset)
else:
    import pickle
    ds = np.concatenate([pickle.load(open(dataset + '/data_batch_%d' % i, 'rb'), encoding='bytes')[b'data']
                         for i in (1, 2)]).reshape(-1, 3, 32, 32).transpose(0, 2, 3, 1)
X = ds.reshape(len(ds), -1).astype(np.int64)
Y = tiny[a:b].reshape(b - a, 3072).astype(np.int64)
rows = list(csv.reader(open(out, newline='')))
assert rows[0] == ['dataset_index', 'rank', 'tiny_index', 'keyword', 'l2', 'l2_squared', 'exact', 'records', 'dataset'], rows[0]
rows = rows[1:]
assert len(rows) == len(ds) * k, (len(rows), len(ds), k)
# float64 products of integers below 2^53 are exact: D is the int64 brute force, computed by BLAS.
Xf, Yf = X.astype(np.float64), Y.astype(np.float64)
D = np.rint((Xf * Xf).sum(1)[:, None] + (Yf * Yf).sum(1)[None, :] - 2 * Xf @ Yf.T).astype(np.int64)
assert D.size == 0 or (D[0] == ((Y - X[0]) ** 2).sum(axis=1)).all()
for i in range(len(ds)):
    d = D[i]
    order = np.argsort(d, kind='stable')[:k]   # stable: ties by the smaller index
    for r in range(k):
        row = rows[i * k + r]
        want = [str(i), str(r + 1)]
        if r < len(order):
            j = order[r]
            kw = bytes(meta[a + j, :80]).decode('ascii').strip()
            want += [str(a + j), kw, '%.3f' % math.sqrt(d[j]), str(d[j]), '1' if d[j] == 0 else '0']
        else:
            want += ['', '', '', '', '']
        want.append('%d:%d' % (a, b))
        if row[:8] != want:
            print('image', i, 'rank', r + 1, 'got', row[:8], 'want', want)
            sys.exit(1)
print('OK')
)PY";

} // namespace

class TestCommandLocateCli final : public QObject {
    Q_OBJECT
private slots:
    // Chunks of 7 records, so the small world's ranges
    // cross many chunk boundaries, at odd places.
    void initTestCase() { qputenv("TC_TINY_CHUNK_RECORDS", "7"); }

    void matchesNumpyBruteForce_data()
    {
        QTest::addColumn<QString>("dataset");
        QTest::addColumn<QString>("records");
        QTest::addColumn<int>("k");
        const QString c101 = QStringLiteral("cifar10.1/cifar10.1_v6_data.npy");
        const QString batches = QStringLiteral("cifar-10-batches-py");
        QTest::newRow("cifar10.1 whole file k=1") << c101 << QString() << 1;
        QTest::newRow("cifar10.1 middle range k=3") << c101 << QStringLiteral("250:1130") << 3;
        QTest::newRow("cifar10.1 open end k=2") << c101 << QStringLiteral("1700:") << 2;
        QTest::newRow("cifar10.1 fewer records than k") << c101 << QStringLiteral(":2") << 3;
        QTest::newRow("cifar10.1 empty range") << c101 << QStringLiteral("900:900") << 2;
        QTest::newRow("python batches k=2") << batches << QStringLiteral("0:1800") << 2;
    }
    void matchesNumpyBruteForce()
    {
        TC_REQUIRE_SHARED();
        TC_REQUIRE_PYTHON(QStringLiteral("numpy"));
        QFETCH(QString, dataset);
        QFETCH(QString, records);
        QFETCH(int, k);
        QTemporaryDir tmp;
        const QString out = tmp.filePath(QStringLiteral("located.csv"));
        const auto r = runCli(locateArgs(smallWorld(dataset), out, records, k));
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(r.err.contains("records/s")); // progress and the rate go to standard error
        const auto py = runPython(QString::fromUtf8(kOracle), {smallWorld(QStringLiteral("tinyimages")),
                                                               smallWorld(dataset), out, records, QString::number(k)});
        QVERIFY2(py.exitCode == 0 && py.out.trimmed() == "OK", (py.out + py.err).constData());
    }

    // Every image of world-small's CIFAR-10.1 stand-in has exact copies in the Tiny file only when
    // the generator put them there: the exact column must agree with truth.csv's `exact` rows.
    void exactColumnAgreesWithTruth()
    {
        TC_REQUIRE_SHARED();
        QTemporaryDir tmp;
        const QString out = tmp.filePath(QStringLiteral("located.csv"));
        const auto r = runCli(locateArgs(smallWorld(QStringLiteral("cifar10.1/cifar10.1_v6_data.npy")), out));
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QSet<int> copied; // CIFAR-10.1 images the generator copied verbatim into Tiny Images
        for (const auto &row : tc::test::readTruthCsv())
            if (row.value(QStringLiteral("kind")) == QLatin1String("exact") &&
                row.value(QStringLiteral("ref_set")) == QLatin1String("cifar10.1"))
                copied.insert(row.value(QStringLiteral("ref_index")).toInt());
        QVERIFY(!copied.isEmpty());
        QFile f(out);
        QVERIFY(f.open(QIODevice::ReadOnly));
        f.readLine();
        int rows = 0;
        while (!f.atEnd()) {
            const QList<QByteArray> cells = f.readLine().split(',');
            QCOMPARE(cells.value(6) == "1", copied.contains(cells.value(0).toInt()));
            ++rows;
        }
        QCOMPARE(rows, 200);
    }

    // Killed in the middle of the stream (SIGKILL at its first progress line), locate leaves the
    // previous result under the output name byte for byte: never half a CSV.
    void killedRunLeavesThePreviousOutput()
    {
        TC_REQUIRE_SHARED();
        QTemporaryDir tmp;
        const QString out = tmp.filePath(QStringLiteral("located.csv"));
        const QByteArray previous("dataset_index,rank\nan earlier result\n");
        {
            QFile f(out);
            QVERIFY(f.open(QIODevice::WriteOnly) && f.write(previous) == previous.size());
        }
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("TC_TINY_CHUNK_RECORDS"), QStringLiteral("1")); // 3,600 small steps
        p.setProcessEnvironment(env);
        p.start(tc::test::cliPath(), locateArgs(smallWorld(QStringLiteral("cifar-10-batches-py")), out));
        QVERIFY(p.waitForStarted(30000));
        QVERIFY2(tc::test::killWhenStderrShows(p, "/3600 ("), "the run ended before it could be killed");
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitStatus(), QProcess::CrashExit);
        QFile f(out);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), previous);
    }

    void refusesAbsurdArguments_data()
    {
        QTest::addColumn<QStringList>("extra");
        QTest::addColumn<int>("exit");
        QTest::addColumn<QString>("message");
        QTest::newRow("beyond the file") << QStringList{"--records", "0:1801"} << 2
                                         << "beyond the file, which holds 1800";
        QTest::newRow("begin beyond") << QStringList{"--records", "5000:"} << 2 << "the start is after the end";
        QTest::newRow("reversed") << QStringList{"--records", "10:5"} << 2 << "the start is after the end";
        QTest::newRow("negative") << QStringList{"--records", "-5:10"} << 2 << "not a non-negative integer";
        QTest::newRow("exponent") << QStringList{"--records", "1e3:"} << 2 << "not a non-negative integer";
        QTest::newRow("no colon") << QStringList{"--records", "100"} << 2 << "expected BEGIN:END";
        QTest::newRow("two colons") << QStringList{"--records", "1:2:3"} << 2 << "expected BEGIN:END";
        QTest::newRow("huge") << QStringList{"--records", "0:99999999999999999999"} << 2 << "not a non-negative";
        QTest::newRow("top-k 0") << QStringList{"--top-k", "0"} << 2 << "--top-k takes a whole number from 1";
        QTest::newRow("top-k 101") << QStringList{"--top-k", "101"} << 2 << "--top-k takes a whole number from 1";
        QTest::newRow("dataset '-'") << QStringList{"--dataset", "-"} << 2 << "'-' (standard input)";
    }
    void refusesAbsurdArguments()
    {
        TC_REQUIRE_SHARED();
        QFETCH(QStringList, extra);
        QFETCH(int, exit);
        QFETCH(QString, message);
        QTemporaryDir tmp;
        const QString out = tmp.filePath(QStringLiteral("located.csv"));
        QStringList args = locateArgs(smallWorld(QStringLiteral("cifar10.1/cifar10.1_v6_data.npy")), out);
        args += extra; // QCommandLineParser::value() takes the last of a repeated option
        const auto r = runCli(args);
        QVERIFY2(r.exitCode == exit, r.err.constData());
        QVERIFY2(r.err.contains(message.toUtf8()), r.err.constData());
        QVERIFY(!QFile::exists(out));
    }

    // A FIFO where tiny_images.bin belongs, a file cut mid-record and one cut by whole records:
    // refused by name before anything is read, no output.
    void refusesHostileTinyFiles_data()
    {
        QTest::addColumn<QString>("damage");
        QTest::addColumn<QString>("message");
        QTest::newRow("fifo") << "fifo"
                              << "FIFO";
        QTest::newRow("cut mid-record") << "cut-bytes"
                                        << "not a multiple of the 3072-byte image record";
        QTest::newRow("cut by records") << "cut-records"
                                        << "holds 1799 image records but";
    }
    void refusesHostileTinyFiles()
    {
        TC_REQUIRE_SHARED();
        QFETCH(QString, damage);
        QFETCH(QString, message);
        QTemporaryDir tmp;
        const QString dir = tmp.filePath(QStringLiteral("tiny"));
        QVERIFY(QDir().mkpath(dir));
        QVERIFY(QFile::copy(smallWorld(QStringLiteral("tinyimages/tiny_metadata.bin")), dir + "/tiny_metadata.bin"));
        const QString images = dir + QStringLiteral("/tiny_images.bin");
        if (damage == QLatin1String("fifo")) {
            QCOMPARE(::mkfifo(QFile::encodeName(images).constData(), 0600), 0);
        } else {
            QVERIFY(QFile::copy(smallWorld(QStringLiteral("tinyimages/tiny_images.bin")), images));
            QFile f(images);
            QVERIFY(f.open(QIODevice::ReadWrite));
            QVERIFY(f.resize(f.size() - (damage == QLatin1String("cut-bytes") ? 100 : 3072)));
        }
        const QString out = tmp.filePath(QStringLiteral("located.csv"));
        const auto r = runCli({QStringLiteral("locate"), QStringLiteral("--dataset"),
                               smallWorld(QStringLiteral("cifar10.1/cifar10.1_v6_data.npy")), QStringLiteral("--tiny"),
                               dir, QStringLiteral("--csv"), out},
                              60000);
        QVERIFY2(r.exitCode == 1, r.err.constData());
        QVERIFY2(r.err.contains(message.toUtf8()) && r.err.contains(images.toUtf8()), r.err.constData());
        QVERIFY(!QFile::exists(out));
    }
};

QTEST_GUILESS_MAIN(TestCommandLocateCli)
#include "TestCommandLocateCli.moc"
