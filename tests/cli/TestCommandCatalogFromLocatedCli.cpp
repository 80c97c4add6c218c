// Issue 13.3: the CIFAR-10.1 derivation of keyword_counts, reproduced on a world whose dataset was
// drawn from its own Tiny Images file. Python draws the dataset (records whose keyword's class is
// their true class, bytes unique in the file; every fourth one changed by one grey level so that
// only the nearest-neighbour pass can find it) and writes the expected catalog from truth.csv's
// keyword of each drawn record with json.dumps(indent=2): the independent oracle, compared byte
// for byte. The pipeline runs as a cluster would: two shards, merge-shards, catalog-from-located.
#include "core/readers/KeywordCatalog.h"
#include "tests/cli/LocateCli.h"
#include "tests/support/TestSupport.h"

#include <QTemporaryDir>
#include <QTest>

using tc::test::fixture;
using tc::test::runCli;
using tc::test::runPython;

namespace {

const char *const kDraw = R"PY(
import csv, json, sys, collections, numpy as np
world, out = sys.argv[1], sys.argv[2]
raw = np.fromfile(world + '/tinyimages/tiny_images.bin', dtype=np.uint8)
n = raw.size // 3072
recs = raw.reshape(n, 3072)
seen = collections.Counter(r.tobytes() for r in recs)
truth = list(csv.DictReader(open(world + '/truth.csv', newline='')))
classes = ['airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck']
drawn = [t for t in truth if t['keyword_class'] and t['correct'] == '1' and seen[recs[int(t['tiny_index'])].tobytes()] == 1]
drawn = drawn[::3]
imgs, labels = [], []
counts = {c: collections.Counter() for c in classes}
exact = {c: collections.Counter() for c in classes}
for j, t in enumerate(drawn):
    im = recs[int(t['tiny_index'])].reshape(3, 32, 32).transpose(2, 1, 0).copy()   # HWC
    if j % 4 == 3:
        im[5, 7, 1] = im[5, 7, 1] + 1 if im[5, 7, 1] < 255 else 254
    else:
        exact[t['keyword_class']][t['keyword']] += 1
    imgs.append(im)
    labels.append(classes.index(t['keyword_class']))
    counts[t['keyword_class']][t['keyword']] += 1
np.save(out + '/cifar10_drawn_data.npy', np.stack(imgs))
np.save(out + '/cifar10_drawn_labels.npy', np.array(labels, dtype=np.int32))
def layout(c):
    return {cls: dict(sorted(c[cls].items(), key=lambda kv: (-kv[1], kv[0]))) for cls in classes}
open(out + '/expected.json', 'w').write(json.dumps(layout(counts), indent=2))
open(out + '/expected-exact.json', 'w').write(json.dumps(layout(exact), indent=2))
print(len(drawn))
)PY";

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

} // namespace

class TestCommandCatalogFromLocatedCli final : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        TC_REQUIRE_SHARED();
        TC_REQUIRE_PYTHON(QStringLiteral("numpy"));
        QVERIFY(m_tmp.isValid());
        const auto py = runPython(QString::fromUtf8(kDraw), {fixture(QStringLiteral("world-small")), m_tmp.path()});
        QVERIFY2(py.exitCode == 0, py.err.constData());
        m_drawn = py.out.trimmed().toInt();
        QVERIFY(m_drawn > 100);
        m_dataset = m_tmp.filePath(QStringLiteral("cifar10_drawn_data.npy"));
        QStringList shards;
        for (const QString &range : {QStringLiteral("0:1234"), QStringLiteral("1234:")}) {
            shards << m_tmp.filePath(QStringLiteral("shard-%1.csv").arg(shards.size()));
            const auto r = runCli(tc::test::locateArgs(m_dataset, shards.last(), range));
            QVERIFY2(r.exitCode == 0, r.err.constData());
        }
        m_located = m_tmp.filePath(QStringLiteral("located.csv"));
        const auto r = runCli(QStringList{QStringLiteral("merge-shards"), m_located} + shards);
        QVERIFY2(r.exitCode == 0, r.err.constData());
    }

    void derivesTheTruthCatalog_data()
    {
        QTest::addColumn<QStringList>("extra");
        QTest::addColumn<QString>("expected");
        QTest::newRow("default: exact copies only") << QStringList{} << "expected-exact.json";
        QTest::newRow("within l2 1") << QStringList{"--max-l2", "1"} << "expected.json";
        QTest::newRow("any distance") << QStringList{"--max-l2", "1e9"} << "expected.json";
    }
    void derivesTheTruthCatalog()
    {
        QFETCH(QStringList, extra);
        QFETCH(QString, expected);
        const QString out = m_tmp.filePath(QStringLiteral("keyword_counts-%1.json").arg(QTest::currentDataTag()));
        const auto r = runCli(QStringList{QStringLiteral("catalog-from-located"), m_located, QStringLiteral("--labels"),
                                          m_dataset, QStringLiteral("--out"), out} +
                              extra);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QByteArray want = readAll(m_tmp.filePath(expected));
        QVERIFY(!want.isEmpty());
        QCOMPARE(readAll(out), want);

        // What catalog-from-located writes, the product's catalog reader reads: ten classes in
        // label order, as many images as were counted.
        tc::core::KeywordCatalog catalog;
        QVERIFY2(catalog.load(out), qPrintable(catalog.errorString()));
        QCOMPARE(catalog.classNames(), (QStringList{"airplane", "automobile", "bird", "cat", "deer", "dog", "frog",
                                                    "horse", "ship", "truck"}));
        QCOMPARE(catalog.grandTotal(), qint64(extra.isEmpty() ? m_drawn - m_drawn / 4 : m_drawn));
    }

    void refusesAnotherDatasetsLabels()
    {
        const QString out = m_tmp.filePath(QStringLiteral("wrong.json"));
        const auto r = runCli({QStringLiteral("catalog-from-located"), m_located, QStringLiteral("--labels"),
                               fixture(QStringLiteral("world-small/cifar10.1/cifar10.1_v6_data.npy")),
                               QStringLiteral("--out"), out});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("another dataset"), r.err.constData());
        QVERIFY(!QFile::exists(out));
    }

    void refusesAbsurdOptions_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exit");
        QTest::addColumn<QString>("message");
        QTest::newRow("negative max-l2") << QStringList{"--max-l2", "-1"} << 2 << "non-negative number";
        QTest::newRow("nan max-l2") << QStringList{"--max-l2", "nan"} << 2 << "non-negative number";
        QTest::newRow("no labels") << QStringList{"--labels"} << 2 << "";
    }
    void refusesAbsurdOptions()
    {
        QFETCH(QStringList, args);
        QFETCH(int, exit);
        QFETCH(QString, message);
        const QString out = m_tmp.filePath(QStringLiteral("absurd.json"));
        QStringList all{QStringLiteral("catalog-from-located"), m_located, QStringLiteral("--out"), out};
        if (args.first() != QLatin1String("--labels"))
            all << QStringLiteral("--labels") << m_dataset;
        const auto r = runCli(all + args);
        QCOMPARE(r.exitCode, exit);
        QVERIFY2(r.err.contains(message.toUtf8()), r.err.constData());
        QVERIFY(!QFile::exists(out));
    }

private:
    QTemporaryDir m_tmp;
    QString m_dataset, m_located;
    int m_drawn = 0;
};

QTEST_GUILESS_MAIN(TestCommandCatalogFromLocatedCli)
#include "TestCommandCatalogFromLocatedCli.moc"
