#include "core/readers/CifarBinaryReader.h"
#include "core/readers/CifarPythonReader.h"
#include "core/readers/NpzReader.h"
#include "tests/export/CliProject.h"
#include "tests/support/TestSupport.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace tc::core;
using namespace tc::test;

// CIFAR-100 style export end to end on world-small: the truth.csv-correct candidates accepted,
// every class given a superclass through the `superclasses` command, exported through the CLI,
// then loaded by Python the way users load the real CIFAR-100 download and by our own readers.
// The oracle for each image's coarse label is the superclass map below, applied to the class
// truth.csv says the image shows (found through the image's Tiny Images index).
class TestCifar100Export final : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void pythonLoadsItAsCifar100();
    void ourReadersReadBackIdentically();
    void mixedSuperclassesRefuseToExport();
    void clearingAllGivesCifar10Again();

private:
    QString exportTo(const QString &name, const QStringList &extra = {}, int expectedExit = 0);

    QTemporaryDir m_dir;
    QString m_project;
    QString m_out;
};

static const int kPerClass = 20;

// Three superclasses over CIFAR-10's classes; sorted they are coarse labels 0, 1, 2.
static const QList<std::pair<const char *, const char *>> kSuperclasses = {
    {"airplane", "vehicle"}, {"automobile", "vehicle"}, {"bird", "animal_other"}, {"cat", "animal_land"},
    {"deer", "animal_land"}, {"dog", "animal_land"},    {"frog", "animal_other"}, {"horse", "animal_land"},
    {"ship", "vehicle"},     {"truck", "vehicle"}};

static QByteArray superclassJson()
{
    QJsonObject o;
    for (const auto &[cls, super] : kSuperclasses)
        o.insert(QString::fromLatin1(cls), QString::fromLatin1(super));
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

void TestCifar100Export::initTestCase()
{
    TC_REQUIRE_SHARED();
    QVERIFY(m_dir.isValid());
    m_project = m_dir.filePath(QStringLiteral("world.tcproj"));
    const QString w = fixture(QStringLiteral("world-small"));
    const QString bad =
        makeCuratedProject(m_project, w + QStringLiteral("/tinyimages"), w + QStringLiteral("/keyword_counts.json"));
    QVERIFY2(bad.isEmpty(), qPrintable(bad));

    QFile map(m_dir.filePath(QStringLiteral("superclasses.json")));
    QVERIFY(map.open(QIODevice::WriteOnly));
    map.write(superclassJson());
    map.close();
    auto r = runCli({QStringLiteral("superclasses"), m_project, QStringLiteral("--file"), map.fileName(),
                     QStringLiteral("--json")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QJsonObject listed = QJsonDocument::fromJson(r.out).object();
    QVERIFY2(listed.value(QStringLiteral("cifar100_style")).toBool(), r.out.constData());
    QCOMPARE(listed.value(QStringLiteral("coarse_label_names")).toVariant().toStringList(),
             (QStringList{QStringLiteral("animal_land"), QStringLiteral("animal_other"), QStringLiteral("vehicle")}));
    m_out = exportTo(QStringLiteral("out"));
}

QString TestCifar100Export::exportTo(const QString &name, const QStringList &extra, int expectedExit)
{
    return tc::test::exportWithCli(m_project, m_dir.filePath(name), kPerClass, 11, extra, expectedExit);
}

// argv: out folder, world folder, per class, superclass map JSON.
static const char *kOracle = R"(
import csv, json, os, pickle, sys, numpy as np
out, world, per_class, supers = sys.argv[1], sys.argv[2], int(sys.argv[3]), json.loads(sys.argv[4])
truth = {int(r['tiny_index']): r for r in csv.DictReader(open(os.path.join(world, 'truth.csv'), newline=''))}
tiny = np.memmap(os.path.join(world, 'tinyimages/tiny_images.bin'), np.uint8, 'r').reshape(-1, 3072)
py = os.path.join(out, 'cifar-100-python')
assert sorted(os.listdir(py)) == ['meta', 'test', 'train'], os.listdir(py)
assert not os.path.exists(os.path.join(out, 'cifar-10-batches-py'))
man = list(csv.DictReader(open(os.path.join(out, 'manifest.csv'), newline='')))
with open(os.path.join(out, 'manifest.json')) as f:
    manifest = json.load(f)
header, mjson = manifest['tinycurator_export'], manifest['images']
assert header['format'] == 'TinyCurator export' and header['version'] == 1, header
listed = {e['path']: e['bytes'] for e in header['files']}
on_disk = {os.path.relpath(os.path.join(d, f), out): os.path.getsize(os.path.join(d, f))
           for d, _, fs in os.walk(out) for f in fs if f != 'manifest.json'}
assert listed == on_disk, (sorted(listed), sorted(on_disk))
for enc in ('latin1', 'bytes'):
    k = (lambda s: s.encode()) if enc == 'bytes' else (lambda s: s)
    s = (lambda b: b.decode()) if enc == 'bytes' else (lambda b: b)
    meta = pickle.load(open(os.path.join(py, 'meta'), 'rb'), encoding=enc)
    assert set(meta) == {k('fine_label_names'), k('coarse_label_names')}, meta.keys()
    fine_names = [s(x) for x in meta[k('fine_label_names')]]
    coarse_names = [s(x) for x in meta[k('coarse_label_names')]]
    assert fine_names == ['airplane', 'automobile', 'bird', 'cat', 'deer', 'dog', 'frog', 'horse', 'ship', 'truck']
    assert coarse_names == sorted(set(supers.values())), coarse_names
    for split in ('train', 'test'):
        d = pickle.load(open(os.path.join(py, split), 'rb'), encoding=enc)
        assert set(d) == {k('data'), k('fine_labels'), k('coarse_labels'), k('filenames'), k('batch_label')}, d.keys()
        want_label = 'training batch 1 of 1' if split == 'train' else 'testing batch 1 of 1'
        assert s(d[k('batch_label')]) == want_label
        data, fine, coarse = d[k('data')], d[k('fine_labels')], d[k('coarse_labels')]
        n_test = round(per_class * 0.25)
        n = 10 * (per_class - n_test if split == 'train' else n_test)
        assert data.dtype == np.uint8 and data.shape == (n, 3072), data.shape
        assert len(fine) == len(coarse) == len(d[k('filenames')]) == n
        z = np.load(os.path.join(out, split + '.npz'), allow_pickle=False)
        ti = z['ti_indices'].tolist()
        rows = [r for r in man if r['split'] == split]
        jrows = [r for r in mjson if r['split'] == split]
        for i in range(n):
            t = truth[ti[i]]
            # The image is the Tiny Images record the npz names (pixels), of the class truth.csv says
            # it shows (fine label), and its coarse label is that class's superclass.
            rec = tiny[ti[i]].reshape(32, 32, 3, order='F')
            assert np.array_equal(data[i].reshape(3, 32, 32).transpose(1, 2, 0), rec), (split, i)
            assert t['correct'] == '1' and fine_names[fine[i]] == t['true_class'], (split, i, t)
            assert coarse_names[coarse[i]] == supers[t['true_class']], (split, i, coarse[i], t['true_class'])
            assert rows[i]['superclass'] == supers[rows[i]['class']] and int(rows[i]['coarse_label']) == coarse[i]
            assert jrows[i]['superclass'] == rows[i]['superclass'] and jrows[i]['coarse_label'] == coarse[i]
        assert np.bincount(fine, minlength=10).tolist() == [n // 10] * 10
        assert z['labels'].tolist() == fine and z['coarse_labels'].tolist() == coarse
        assert z['coarse_labels'].dtype == np.int64 and z['coarse_label_names'].tolist() == coarse_names
        assert z['label_names'].tolist() == fine_names
        # CIFAR-100 binary: <coarse><fine><3072 bytes> records.
        b = np.fromfile(os.path.join(out, 'cifar-100-binary', split + '.bin'), np.uint8).reshape(-1, 3074)
        assert b[:, 0].tolist() == coarse and b[:, 1].tolist() == fine and np.array_equal(b[:, 2:], data)
for name, names in (('fine', fine_names), ('coarse', coarse_names)):
    lines = open(os.path.join(out, 'cifar-100-binary', name + '_label_names.txt')).read().split('\n')
    assert [x for x in lines if x] == names, (name, lines)
print('ok')
)";

void TestCifar100Export::pythonLoadsItAsCifar100()
{
    TC_REQUIRE_PYTHON("numpy");
    QVERIFY(!m_out.isEmpty());
    const auto r =
        runPython(QString::fromLatin1(kOracle), {m_out, fixture(QStringLiteral("world-small")),
                                                 QString::number(kPerClass), QString::fromUtf8(superclassJson())});
    QVERIFY2(r.exitCode == 0 && r.out.trimmed() == "ok", (r.out + r.err).constData());
}

void TestCifar100Export::ourReadersReadBackIdentically()
{
    QVERIFY(!m_out.isEmpty());
    QFile readme(m_out + QStringLiteral("/README.txt"));
    QVERIFY(readme.open(QIODevice::ReadOnly));
    const QByteArray text = readme.readAll();
    QVERIFY2(text.contains("  0 animal_land: cat, deer, dog, horse\n  1 animal_other: bird, frog\n"
                           "  2 vehicle: airplane, automobile, ship, truck\n"),
             text.left(800).constData());
    for (const QString &split : {QStringLiteral("train"), QStringLiteral("test")}) {
        ImageSet py, bin, npz;
        CifarPythonReader pr;
        CifarBinaryReader br;
        NpzReader zr;
        QVERIFY2(pr.read(m_out + QStringLiteral("/cifar-100-python/") + split, py), qPrintable(pr.errorString()));
        QVERIFY2(br.read(m_out + QStringLiteral("/cifar-100-binary/") + split + QStringLiteral(".bin"), bin),
                 qPrintable(br.errorString()));
        QVERIFY2(zr.read(m_out + QLatin1Char('/') + split + QStringLiteral(".npz"), npz), qPrintable(zr.errorString()));
        QCOMPARE(py.count(), qsizetype(split == QLatin1String("train") ? 10 * (kPerClass - 5) : 10 * 5));
        QVERIFY(py.pixels == bin.pixels && py.pixels == npz.pixels);
        QVERIFY(py.labels == bin.labels && py.labels == npz.labels);
        QCOMPARE(py.coarseLabels.size(), size_t(py.count()));
        QVERIFY(py.coarseLabels == bin.coarseLabels);
        QCOMPARE(py.labelNames, bin.labelNames);
        QCOMPARE(py.coarseLabelNames, bin.coarseLabelNames);
        QCOMPARE(py.coarseLabelNames, (QStringList{QStringLiteral("animal_land"), QStringLiteral("animal_other"),
                                                   QStringLiteral("vehicle")}));
        // Independently of the writers: each image's coarse label is its class's superclass.
        QHash<QString, QString> super;
        for (const auto &[cls, s] : kSuperclasses)
            super.insert(QString::fromLatin1(cls), QString::fromLatin1(s));
        for (qsizetype i = 0; i < py.count(); ++i)
            QCOMPARE(py.coarseLabelNames[py.coarseLabels[size_t(i)]], super.value(py.labelNames[py.labels[size_t(i)]]));
    }
}

void TestCifar100Export::mixedSuperclassesRefuseToExport()
{
    auto r = runCli({QStringLiteral("superclasses"), m_project, QStringLiteral("--set"), QStringLiteral("frog=")});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.err.contains("frog") && r.err.contains("9 of 10"), r.err.constData());
    const QString dir = m_dir.filePath(QStringLiteral("mixed"));
    r = runCli({QStringLiteral("export"), m_project, QStringLiteral("--out"), dir, QStringLiteral("--per-class"),
                QString::number(kPerClass)});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("frog") && r.err.contains("superclass"), r.err.constData());
    QVERIFY2(r.err.contains("hint: tinycurator-cli superclasses"), r.err.constData()); // the CLI's way to fix it
    QVERIFY(!QFileInfo::exists(dir));
    // The dry run refuses too, so the GUI's preview warns before anything is written.
    r = runCli({QStringLiteral("export"), m_project, QStringLiteral("--out"), dir, QStringLiteral("--dry-run")});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("frog"), r.err.constData());
    r = runCli(
        {QStringLiteral("superclasses"), m_project, QStringLiteral("--set"), QStringLiteral("frog=animal_other")});
    QVERIFY2(r.exitCode == 0 && r.err.isEmpty(), r.err.constData());
    // Same project, same settings: the same bytes as the first export.
    const QString again = exportTo(QStringLiteral("again"));
    QVERIFY(!again.isEmpty());
    for (const char *f : {"cifar-100-python/train", "cifar-100-python/meta", "cifar-100-binary/test.bin", "train.npz",
                          "manifest.csv"}) {
        QFile a(m_out + QLatin1Char('/') + QLatin1String(f)), b(again + QLatin1Char('/') + QLatin1String(f));
        QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
        QVERIFY2(a.readAll() == b.readAll(), f);
    }
}

void TestCifar100Export::clearingAllGivesCifar10Again()
{
    auto r = runCli({QStringLiteral("superclasses"), m_project, QStringLiteral("--clear")});
    QVERIFY2(r.exitCode == 0 && r.out.contains("CIFAR-10 style"), (r.out + r.err).constData());
    const QString out = exportTo(QStringLiteral("plain"));
    QVERIFY(!out.isEmpty());
    QVERIFY(QFileInfo::exists(out + QStringLiteral("/cifar-10-batches-py/batches.meta")));
    QVERIFY(QFileInfo::exists(out + QStringLiteral("/cifar-10-batches-bin/data_batch_5.bin")));
    QVERIFY(!QFileInfo::exists(out + QStringLiteral("/cifar-100-python")));
    QFile manifest(out + QStringLiteral("/manifest.csv"));
    QVERIFY(manifest.open(QIODevice::ReadOnly));
    QVERIFY(!manifest.readLine().contains("superclass"));
    ImageSet set;
    CifarPythonReader pr;
    QVERIFY2(pr.read(out + QStringLiteral("/cifar-10-batches-py"), set), qPrintable(pr.errorString()));
    QVERIFY(set.coarseLabels.empty());
}

QTEST_GUILESS_MAIN(TestCifar100Export)
#include "TestCifar100Export.moc"
