// The curator's path on world-small, checked by Python the way users load the dataset: with CIFAR-10
// test and CIFAR-10.1 added as exclude sets (CIFAR-10 train as an avoid set) and truth.csv's decisions
// imported, an export without the duplicate search is refused; after `dedup` the export holds no exact
// copy of any exclude image, and every accepted `exact` row of truth.csv is absent. Python also counts
// the near copies (truth.csv `near` rows) that reach the dataset with and without the search.
#include "tests/export/CliProject.h"

#include <QTemporaryDir>
#include <QTest>

using namespace tc::test;

namespace {

// argv: export folder, world folder. Prints "exact <n accepted exact rows> near <n near copies exported>".
const char *kOracle = R"(
import csv, json, os, pickle, sys, numpy as np
out, world = sys.argv[1], sys.argv[2]
def batch(path):
    with open(path, 'rb') as f:
        d = pickle.load(f, encoding='bytes')
    return np.asarray(d[b'data'], np.uint8).reshape(-1, 3, 32, 32).transpose(0, 2, 3, 1)
exclude = np.concatenate([batch(os.path.join(world, 'cifar-10-batches-py/test_batch')),
                          np.load(os.path.join(world, 'cifar10.1/cifar10.1_v6_data.npy'), allow_pickle=False)])
exclude_bytes = {bytes(x) for x in exclude.reshape(-1, 3072)}
# The dataset as users load it: every CIFAR python batch, and the npz files.
py = os.path.join(out, 'cifar-10-batches-py')
names = sorted(n for n in os.listdir(py) if n.startswith('data_batch_')) + ['test_batch']
images = np.concatenate([batch(os.path.join(py, n)) for n in names])
npz = [np.load(os.path.join(out, s + '.npz'), allow_pickle=False) for s in ('train', 'test')]
for kind, arr in (('CIFAR batches', images), ('npz', np.concatenate([z['images'] for z in npz]))):
    assert len(arr) > 0
    copies = [i for i, x in enumerate(arr.reshape(-1, 3072)) if bytes(x) in exclude_bytes]
    assert not copies, (kind, 'images byte-identical to exclude images', copies[:10])
exported = {int(t) for z in npz for t in z['ti_indices']}
header = json.load(open(os.path.join(out, 'manifest.json')))['tinycurator_export']
assert header['duplicate_search']['current'] and header['duplicate_search']['checked'], header
truth = list(csv.DictReader(open(os.path.join(world, 'truth.csv'), newline='')))
exact = [int(r['tiny_index']) for r in truth
         if r['kind'] == 'exact' and r['ref_set'] in ('cifar10-test', 'cifar10.1') and r['correct'] == '1']
present = sorted(set(exact) & exported)
assert not present, ('accepted exact copies of exclude images exported', present)
near = [int(r['tiny_index']) for r in truth if r['kind'] == 'near' and r['ref_set'] in ('cifar10-test', 'cifar10.1')]
print('exact', len(exact), 'near', len(set(near) & exported))
)";

// The same count of near copies for an export made without the search (its exact copies are removed
// by the export's own byte comparison, so only the near copies tell the two apart).
const char *kNearCount = R"(
import csv, os, sys, numpy as np
out, world = sys.argv[1], sys.argv[2]
exported = {int(t) for s in ('train', 'test') for t in np.load(os.path.join(out, s + '.npz'))['ti_indices']}
truth = csv.DictReader(open(os.path.join(world, 'truth.csv'), newline=''))
print(len({int(r['tiny_index']) for r in truth
           if r['kind'] == 'near' and r['ref_set'] in ('cifar10-test', 'cifar10.1')} & exported))
)";

} // namespace

class TestExportExcludesCopies final : public QObject {
    Q_OBJECT
private slots:
    void refusedWithoutSearchThenClean();
};

void TestExportExcludesCopies::refusedWithoutSearchThenClean()
{
    TC_REQUIRE_SHARED();
    TC_REQUIRE_PYTHON("numpy");
    QTemporaryDir dir;
    const QString project = dir.filePath(QStringLiteral("P.tcproj"));
    const QString w = fixture(QStringLiteral("world-small"));
    QString bad =
        makeCuratedProject(project, w + QStringLiteral("/tinyimages"), w + QStringLiteral("/keyword_counts.json"));
    QVERIFY2(bad.isEmpty(), qPrintable(bad));
    const QList<QStringList> sets{
        {QStringLiteral("cifar10-test"), QStringLiteral("exclude"),
         w + QStringLiteral("/cifar-10-batches-py/test_batch")},
        {QStringLiteral("cifar10.1"), QStringLiteral("exclude"),
         w + QStringLiteral("/cifar10.1/cifar10.1_v6_data.npy")},
        {QStringLiteral("cifar10-train"), QStringLiteral("avoid"), w + QStringLiteral("/cifar-10-batches-py")}};
    for (const QStringList &s : sets) {
        bad = cli({QStringLiteral("add-reference"), project, QStringLiteral("--name"), s[0], QStringLiteral("--role"),
                   s[1], s[2]});
        QVERIFY2(bad.isEmpty(), qPrintable(bad));
    }
    // Every eligible image goes out, so whatever the search removes shows.
    const auto exportArgs = [&](const QString &out, const QStringList &extra = {}) {
        return QStringList{QStringLiteral("export"),
                           project,
                           QStringLiteral("--out"),
                           dir.filePath(out),
                           QStringLiteral("--per-class"),
                           QStringLiteral("6000"),
                           QStringLiteral("--allow-shortfall")} +
               extra;
    };
    // No duplicate search yet: refused, naming every set never searched, nothing written.
    ProcessResult r = runCli(exportArgs(QStringLiteral("out")));
    QCOMPARE(r.exitCode, 4);
    for (const QStringList &s : sets)
        QVERIFY2(r.err.contains(QStringLiteral("\"%1\" was never searched").arg(s[0]).toUtf8()), r.err.constData());
    QVERIFY(!QFileInfo::exists(dir.filePath(QStringLiteral("out"))));
    r = runCli(exportArgs(QStringLiteral("unchecked"), {QStringLiteral("--no-dedup-check")}));
    QVERIFY2(r.exitCode == 0, r.err.constData());
    // With the search: the export runs, and Python finds no copy of an exclude image in it.
    bad = cli({QStringLiteral("dedup"), project});
    QVERIFY2(bad.isEmpty(), qPrintable(bad));
    r = runCli(exportArgs(QStringLiteral("out")));
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const ProcessResult py = runPython(QString::fromLatin1(kOracle), {dir.filePath(QStringLiteral("out")), w});
    QVERIFY2(py.exitCode == 0, (py.out + py.err).constData());
    const QList<QByteArray> counts = py.out.trimmed().split(' ');
    QCOMPARE(counts.size(), 4);
    QVERIFY2(counts[1].toInt() >= 40, py.out.constData()); // truth.csv's 45 accepted exact copies were there to find
    const ProcessResult unchecked =
        runPython(QString::fromLatin1(kNearCount), {dir.filePath(QStringLiteral("unchecked")), w});
    QVERIFY2(unchecked.exitCode == 0, unchecked.err.constData());
    qInfo("near copies of exclude images exported: %d without the search, %d after it", unchecked.out.trimmed().toInt(),
          counts[3].toInt());
    QVERIFY(counts[3].toInt() < unchecked.out.trimmed().toInt());
}

QTEST_GUILESS_MAIN(TestExportExcludesCopies)
#include "TestExportExcludesCopies.moc"
