#include "core/export/Exporter.h"
#include "core/project/Database.h"
#include "core/project/Statement.h"
#include "core/readers/CifarBinaryReader.h"
#include "core/readers/CifarPythonReader.h"
#include "core/readers/NpyReader.h"
#include "core/readers/NpzReader.h"
#include "tests/export/CliProject.h"
#include "tests/support/TestSupport.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace tc::core;
using namespace tc::test;

// End to end on world-small: a project decided by truth.csv (the `correct` candidates accepted),
// CIFAR-10 train as an avoid set, CIFAR-10 test and CIFAR-10.1 as exclude sets, exported through
// the CLI and checked by Python and by our own readers.
class TestExporter final : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void pythonChecksEveryFormat();
    void ourReadersReadBackIdentically();
    void sameSeedByteIdentical();
    void differentSeedDiffers();
    void refusesOverwriteWithoutForce();
    void dryRunWritesNothing();
    void noPartialOutputOnBadFormat();

private:
    QString exportTo(const QString &name, const QStringList &extra = {}, int expectedExit = 0);
    bool addReferenceSet(const QString &name, const QString &role, const ImageSet &images);

    QTemporaryDir m_dir;
    QString m_project;
    QString m_out; // the main export, made once
};

static const int kPerClass = 40;

bool TestExporter::addReferenceSet(const QString &name, const QString &role, const ImageSet &images)
{
    // Written through the documented schema, as add-reference does; the export must not depend on
    // whether the duplicate search ran (it compares exact copies itself).
    Database db;
    if (!db.open(m_project, Database::OpenMode::ReadWrite))
        return false;
    Statement set(db,
                  QStringLiteral("INSERT INTO reference_sets(name, role, source_path, count) VALUES (?1, ?2, '', ?3)"));
    if (!set.bind(1, name).bind(2, role).bind(3, qint64(images.count())).exec())
        return false;
    const qint64 id = db.lastInsertRowId();
    db.exec(QStringLiteral("BEGIN"));
    Statement img(db,
                  QStringLiteral("INSERT INTO reference_images(set_id, idx, label, pixels) VALUES (?1, ?2, ?3, ?4)"));
    for (qsizetype i = 0; i < images.count(); ++i) {
        img.reset();
        const int label = i < qsizetype(images.labels.size()) ? images.labels[i] : 0;
        if (!img.bind(1, id).bind(2, qint64(i)).bind(3, label).bindBlob(4, images.image(i)).exec())
            return false;
    }
    return db.exec(QStringLiteral("COMMIT"));
}

void TestExporter::initTestCase()
{
    TC_REQUIRE_SHARED();
    QVERIFY(m_dir.isValid());
    m_project = m_dir.filePath(QStringLiteral("world.tcproj"));
    const QString w = fixture(QStringLiteral("world-small"));
    const QString bad =
        makeCuratedProject(m_project, w + QStringLiteral("/tinyimages"), w + QStringLiteral("/keyword_counts.json"));
    QVERIFY2(bad.isEmpty(), qPrintable(bad));
    ImageSet train, test, c101;
    CifarPythonReader py;
    QVERIFY2(py.read(w + QStringLiteral("/cifar-10-batches-py"), train), qPrintable(py.errorString()));
    QVERIFY2(py.read(w + QStringLiteral("/cifar-10-batches-py/test_batch"), test), qPrintable(py.errorString()));
    NpyReader npy;
    QVERIFY2(npy.read(w + QStringLiteral("/cifar10.1/cifar10.1_v6_data.npy"), c101), qPrintable(npy.errorString()));
    QVERIFY(addReferenceSet(QStringLiteral("cifar10-train"), QStringLiteral("avoid"), train));
    QVERIFY(addReferenceSet(QStringLiteral("cifar10-test"), QStringLiteral("exclude"), test));
    QVERIFY(addReferenceSet(QStringLiteral("cifar10.1"), QStringLiteral("exclude"), c101));
    m_out = exportTo(QStringLiteral("out"));
}

QString TestExporter::exportTo(const QString &name, const QStringList &extra, int expectedExit)
{
    // The reference sets were written without a duplicate search, which export refuses unless told
    // (TestExportChecks covers that): these exports show what the export's own byte comparison removes.
    return tc::test::exportWithCli(m_project, m_dir.filePath(name), kPerClass, 7,
                                   QStringList{QStringLiteral("--no-dedup-check")} + extra, expectedExit);
}

static QMap<QString, QByteArray> folderBytes(const QString &dir)
{
    QMap<QString, QByteArray> files;
    QDirIterator it(dir, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile f(it.next());
        if (f.open(QIODevice::ReadOnly))
            files.insert(QDir(dir).relativeFilePath(f.fileName()), f.readAll());
    }
    return files;
}

static const char *kOracle = R"(
import csv, os, pickle, sys, numpy as np
out, world, per_class = sys.argv[1], sys.argv[2], int(sys.argv[3])
tiny = np.memmap(os.path.join(world, 'tinyimages/tiny_images.bin'), np.uint8, 'r').reshape(-1, 3072)
def tiny_hwc(i): return tiny[i].reshape(32, 32, 3, order='F')
rows = list(csv.DictReader(open(os.path.join(out, 'manifest.csv'), newline='')))
for split, n_batches in (('train', 5), ('test', 1)):
    man = [r for r in rows if r['split'] == split]
    z = np.load(os.path.join(out, split + '.npz'), allow_pickle=False)
    imgs = z['images']
    assert imgs.dtype == np.uint8 and imgs.shape == (len(man), 32, 32, 3), imgs.shape
    assert z['labels'].dtype == np.int64 and z['ti_indices'].dtype == np.int64
    assert z['label_names'].dtype.kind == 'U' and z['keywords'].dtype.kind == 'U'
    assert z['ti_indices'].tolist() == [int(r['tiny_index']) for r in man]
    assert z['keywords'].tolist() == [r['keyword'] for r in man]
    for k, r in enumerate(man):
        assert np.array_equal(imgs[k], tiny_hwc(int(r['tiny_index']))), ('pixels differ from Tiny record', split, k)
    counts = np.bincount(z['labels'], minlength=10)
    want = per_class - round(per_class * 0.25) if split == 'train' else round(per_class * 0.25)
    assert (counts == want).all(), (split, counts)
    names = ['data_batch_%d' % i for i in range(1, 6)] if split == 'train' else ['test_batch']
    for enc in ('bytes', 'latin1'):
        k = (lambda s: s.encode()) if enc == 'bytes' else (lambda s: s)
        bs = [pickle.load(open(os.path.join(out, 'cifar-10-batches-py', n), 'rb'), encoding=enc) for n in names]
        data = np.concatenate([b[k('data')] for b in bs])
        assert data.dtype == np.uint8 and data.shape == (len(man), 3072)
        assert np.array_equal(data.reshape(-1, 3, 32, 32).transpose(0, 2, 3, 1), imgs)
        assert sum((b[k('labels')] for b in bs), []) == z['labels'].tolist()
    meta = pickle.load(open(os.path.join(out, 'cifar-10-batches-py/batches.meta'), 'rb'), encoding='latin1')
    assert meta['label_names'] == z['label_names'].tolist()
    binf = ['data_batch_%d.bin' % i for i in range(1, 6)] if split == 'train' else ['test_batch.bin']
    rec = np.concatenate([np.fromfile(os.path.join(out, 'cifar-10-batches-bin', n), np.uint8).reshape(-1, 3073) for n in binf])
    assert rec[:, 0].tolist() == z['labels'].tolist()
    assert np.array_equal(rec[:, 1:].reshape(-1, 3, 32, 32).transpose(0, 2, 3, 1), imgs)
    d = np.load(os.path.join(out, 'npy', split + '_data.npy'), allow_pickle=False)
    assert np.array_equal(d, imgs) and np.load(os.path.join(out, 'npy', split + '_labels.npy')).tolist() == z['labels'].tolist()
    # No exported image is an exact copy of a CIFAR-10 test or CIFAR-10.1 image.
    ref = pickle.load(open(os.path.join(world, 'cifar-10-batches-py/test_batch'), 'rb'), encoding='bytes')[b'data']
    ref = ref.reshape(-1, 3, 32, 32).transpose(0, 2, 3, 1)
    c101 = np.load(os.path.join(world, 'cifar10.1/cifar10.1_v6_data.npy'))
    refs = {bytes(x) for x in np.concatenate([ref, c101]).reshape(-1, 3072)}
    hits = [i for i, x in enumerate(imgs.reshape(-1, 3072)) if bytes(x) in refs]
    assert not hits, ('exact copies of exclude references exported', split, hits)
    assert len({bytes(x) for x in imgs.reshape(-1, 3072)}) == len(imgs), 'exact duplicates inside the split'
print('ok')
)";

void TestExporter::pythonChecksEveryFormat()
{
    TC_REQUIRE_PYTHON("numpy");
    QVERIFY(!m_out.isEmpty());
    const auto r = runPython(QString::fromLatin1(kOracle),
                             {m_out, fixture(QStringLiteral("world-small")), QString::number(kPerClass)});
    QVERIFY2(r.exitCode == 0, (r.out + r.err).constData());
    // world-small plants exact copies of CIFAR-10 test / CIFAR-10.1 images among the correct
    // candidates: the README must report them removed (so the Python check above was not vacuous).
    const QByteArray readme = folderBytes(m_out).value(QStringLiteral("README.txt"));
    QVERIFY2(readme.contains("exact copies of exclude-set images:") &&
                 !readme.contains("exact copies of exclude-set images:      0\n"),
             readme.left(1500).constData());
}

void TestExporter::ourReadersReadBackIdentically()
{
    QVERIFY(!m_out.isEmpty());
    ImageSet py, bin, npz, npy;
    CifarPythonReader pr;
    CifarBinaryReader br;
    NpzReader zr;
    NpyReader yr;
    QVERIFY2(pr.read(m_out + QStringLiteral("/cifar-10-batches-py"), py), qPrintable(pr.errorString()));
    QVERIFY2(br.read(m_out + QStringLiteral("/cifar-10-batches-bin"), bin), qPrintable(br.errorString()));
    QVERIFY2(zr.read(m_out + QStringLiteral("/train.npz"), npz), qPrintable(zr.errorString()));
    QVERIFY2(yr.read(m_out + QStringLiteral("/npy/train_data.npy"), npy), qPrintable(yr.errorString()));
    QCOMPARE(py.count(), qsizetype(10 * (kPerClass - 10)));
    QVERIFY(py.pixels == bin.pixels && py.pixels == npz.pixels && py.pixels == npy.pixels);
    QVERIFY(py.labels == bin.labels && py.labels == npz.labels && py.labels == npy.labels);
    QCOMPARE(py.labelNames, bin.labelNames);
    QCOMPARE(npz.keywords.size(), npz.count());
}

void TestExporter::sameSeedByteIdentical()
{
    const QString again = exportTo(QStringLiteral("again"));
    QVERIFY(!again.isEmpty());
    const auto a = folderBytes(m_out), b = folderBytes(again);
    QVERIFY(a.size() >= 20);
    QCOMPARE(a.keys(), b.keys());
    for (const auto &k : a.keys())
        QVERIFY2(a[k] == b[k], qPrintable(k));
}

void TestExporter::differentSeedDiffers()
{
    const QString other = exportTo(QStringLiteral("seed8"), {QStringLiteral("--seed"), QStringLiteral("8")});
    QVERIFY(!other.isEmpty());
    QVERIFY(folderBytes(m_out).value(QStringLiteral("train.npz")) !=
            folderBytes(other).value(QStringLiteral("train.npz")));
}

void TestExporter::refusesOverwriteWithoutForce()
{
    const QString target = exportTo(QStringLiteral("twice"));
    QVERIFY(!target.isEmpty());
    QFile marker(target + QStringLiteral("/mine.txt"));
    QVERIFY(marker.open(QIODevice::WriteOnly));
    marker.close();
    QVERIFY(!exportTo(QStringLiteral("twice"), {}, 1).isEmpty());
    QVERIFY2(QFile::exists(marker.fileName()), "refused export must leave the folder alone");
    // --force replaces a previous export, never a file the export did not write.
    QVERIFY(!exportTo(QStringLiteral("twice"), {QStringLiteral("--force")}, 1).isEmpty());
    QVERIFY2(QFile::exists(marker.fileName()), "--force must not delete a file the export did not write");
    QVERIFY(QFile::remove(marker.fileName()));
    QVERIFY(!exportTo(QStringLiteral("twice"), {QStringLiteral("--force")}, 0).isEmpty());
    QCOMPARE(folderBytes(target).value(QStringLiteral("README.txt")),
             folderBytes(m_out).value(QStringLiteral("README.txt")));
}

void TestExporter::dryRunWritesNothing()
{
    const QString dir = m_dir.filePath(QStringLiteral("dry"));
    const auto r =
        runCli({QStringLiteral("export"), m_project, QStringLiteral("--out"), dir, QStringLiteral("--dry-run"),
                QStringLiteral("--per-class"), QStringLiteral("5000"), QStringLiteral("--no-dedup-check")});
    QVERIFY2(r.exitCode == 3, r.err.constData()); // a shortfall, reported as the real run would
    QVERIFY(!QFileInfo::exists(dir));
    QVERIFY2(r.out.contains("airplane") && r.out.contains("shortfall"), r.out.constData());
}

void TestExporter::noPartialOutputOnBadFormat()
{
    const QString dir = m_dir.filePath(QStringLiteral("bad"));
    const auto r = runCli({QStringLiteral("export"), m_project, QStringLiteral("--out"), dir,
                           QStringLiteral("--format"), QStringLiteral("npz,jpeg")});
    QCOMPARE(r.exitCode, 2);
    QVERIFY2(r.err.contains("jpeg"), r.err.constData());
    QVERIFY(!QFileInfo::exists(dir));
}

QTEST_GUILESS_MAIN(TestExporter)
#include "TestExporter.moc"
