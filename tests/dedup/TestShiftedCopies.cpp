// Shifted and mirrored copies of exclude-set images on a world-small project, end to end through the
// CLI, with Python as the oracle: a copy of CIFAR-10 test images moved by up to 2 px and/or mirrored
// (planted by Python into the Tiny Images file, uncovered pixels repeating the edge, like the world's
// own "shift1px" rows) is flagged by `dedup` with defaults, stored with the transform Python used, and
// absent from an export; with `dedup --transforms none` (the plain protocol) the same pairs are not
// flagged and reach the export.
#include "core/dedup/DedupStore.h"
#include "core/project/Project.h"
#include "tests/export/CliProject.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

using namespace tc::core;
using namespace tc::test;

// Outside the anonymous namespace: the test class holds it (gcc's -Wsubobject-linkage in unity builds).
struct Planted {
    qint64 tiny = 0;
    qint32 ref = 0;
    PairTransform transform;
};

namespace {

// argv: world, output tinyimages folder. Copies the Tiny Images pair and overwrites accepted `new`
// records with transformed CIFAR-10 test images; prints "tiny_index ref_index dx dy mirrored" per copy.
const char *kPlant = R"(
import csv, os, pickle, shutil, sys, numpy as np
world, out = sys.argv[1], sys.argv[2]
shutil.copytree(os.path.join(world, 'tinyimages'), out)
with open(os.path.join(world, 'cifar-10-batches-py/test_batch'), 'rb') as f:
    test = np.asarray(pickle.load(f, encoding='bytes')[b'data'], np.uint8).reshape(-1, 3, 32, 32).transpose(0, 2, 3, 1)
truth = list(csv.DictReader(open(os.path.join(world, 'truth.csv'), newline='')))
slots = [int(r['tiny_index']) for r in truth if r['kind'] == 'new' and r['correct'] == '1' and r['keyword_class']]
moves = [(0, 0, 1), (-1, 1, 1), (2, 0, 0), (0, -2, 0), (-1, -1, 0), (2, 2, 1), (1, 0, 1), (0, 1, 0)]
with open(os.path.join(out, 'tiny_images.bin'), 'r+b') as f:
    for n, (dx, dy, m) in enumerate(moves):
        tiny, ref = slots[7 * n + 3], 37 * n + 11
        img = test[ref][:, ::-1] if m else test[ref]
        padded = np.pad(img, ((2, 2), (2, 2), (0, 0)), mode='edge')
        cand = padded[2 - dy:34 - dy, 2 - dx:34 - dx]
        f.seek(tiny * 3072)
        f.write(np.ascontiguousarray(cand.transpose(2, 1, 0)).tobytes())  # rec[row + 32*col + 1024*ch]
        print(tiny, ref, dx, dy, m)
)";

// argv: export folder, world, planted tiny indices (comma-separated). Prints how many planted copies and
// truth.csv `near` shift1px copies of exclude images the export holds.
const char *kCount = R"(
import csv, os, sys, numpy as np
out, world, planted = sys.argv[1], sys.argv[2], {int(t) for t in sys.argv[3].split(',')}
exported = {int(t) for s in ('train', 'test') for t in np.load(os.path.join(out, s + '.npz'))['ti_indices']}
truth = csv.DictReader(open(os.path.join(world, 'truth.csv'), newline=''))
shifted = {int(r['tiny_index']) for r in truth
           if r['kind'] == 'near' and r['transform'] == 'shift1px' and r['ref_set'] in ('cifar10-test', 'cifar10.1')}
print(len(planted & exported), len(shifted & exported))
)";


} // namespace

class TestShiftedCopies final : public QObject {
    Q_OBJECT
private slots:
    void initTestCase()
    {
        TC_REQUIRE_SHARED();
        TC_REQUIRE_PYTHON("numpy");
        QVERIFY(m_dir.isValid());
        m_world = fixture(QStringLiteral("world-small"));
        const QString tiny = m_dir.filePath(QStringLiteral("tinyimages"));
        const ProcessResult py = runPython(QString::fromLatin1(kPlant), {m_world, tiny});
        QVERIFY2(py.exitCode == 0, py.err.constData());
        for (const QByteArray &line : py.out.trimmed().split('\n')) {
            const auto v = line.split(' ');
            QCOMPARE(v.size(), 5);
            m_planted.append({v[0].toLongLong(), qint32(v[1].toInt()), {v[2].toInt(), v[3].toInt(), v[4] == "1"}});
        }
        QCOMPARE(m_planted.size(), 8);
        for (const QString &name : {QStringLiteral("shifts"), QStringLiteral("plain")}) {
            const QString project = m_dir.filePath(name + QStringLiteral(".tcproj"));
            QString bad = makeCuratedProject(project, tiny, m_world + QStringLiteral("/keyword_counts.json"));
            QVERIFY2(bad.isEmpty(), qPrintable(bad));
            const QList<QStringList> sets{{QStringLiteral("cifar10-test"), QStringLiteral("exclude"),
                                           m_world + QStringLiteral("/cifar-10-batches-py/test_batch")},
                                          {QStringLiteral("cifar10.1"), QStringLiteral("exclude"),
                                           m_world + QStringLiteral("/cifar10.1/cifar10.1_v6_data.npy")}};
            for (const QStringList &s : sets) {
                bad = cli({QStringLiteral("add-reference"), project, QStringLiteral("--name"), s[0],
                           QStringLiteral("--role"), s[1], s[2]});
                QVERIFY2(bad.isEmpty(), qPrintable(bad));
            }
            QStringList dedup{QStringLiteral("dedup"), project};
            if (name == QLatin1String("plain"))
                dedup << QStringLiteral("--transforms") << QStringLiteral("none");
            bad = cli(dedup);
            QVERIFY2(bad.isEmpty(), qPrintable(bad));
        }
    }

    // Each planted copy: flagged against its reference with the transform Python applied by default,
    // not flagged by the plain protocol.
    void plantedCopiesFlaggedWithTheirTransform()
    {
        for (const QString &name : {QStringLiteral("shifts"), QStringLiteral("plain")}) {
            Project project;
            QVERIFY(project.openReadOnly(m_dir.filePath(name + QStringLiteral(".tcproj"))));
            DedupStore store(project.database());
            const DedupSettings settings = store.settings();
            QCOMPARE(settings.transforms,
                     name == QLatin1String("plain") ? TransformSet::None : TransformSet::ShiftFlip);
            const auto set = store.referenceSet(QStringLiteral("cifar10-test"));
            QVERIFY(set);
            for (const Planted &p : m_planted) {
                const auto ids = project.candidatesByTinyIndex(p.tiny);
                QCOMPARE(ids.size(), 1);
                const auto pair = store.pair(ids.first(), set->id, p.ref);
                const bool flagged = pair && (pair->ssim >= settings.ssimThreshold || pair->l2 <= settings.l2Threshold);
                const QString what = QStringLiteral("%1: tiny %2 = test #%3 %4: %5")
                                         .arg(name)
                                         .arg(p.tiny)
                                         .arg(p.ref)
                                         .arg(p.transform.code(), pair ? QStringLiteral("SSIM %1 L2 %2 at %3")
                                                                             .arg(pair->ssim)
                                                                             .arg(pair->l2)
                                                                             .arg(pair->transform.code())
                                                                       : QStringLiteral("no pair"));
                if (name == QLatin1String("plain")) {
                    QVERIFY2(!flagged, qPrintable(what));
                } else {
                    QVERIFY2(flagged && pair->ssim > 0.95, qPrintable(what));
                    QVERIFY2(pair->transform == p.transform, qPrintable(what));
                }
            }
        }
    }

    // What users get: Python counts the shifted/mirrored copies of exclude images in each export.
    void exportHoldsNoShiftedCopy()
    {
        QStringList planted;
        for (const Planted &p : m_planted)
            planted << QString::number(p.tiny);
        int counts[2][2] = {};
        for (int i = 0; i < 2; ++i) {
            const QString name = i == 0 ? QStringLiteral("shifts") : QStringLiteral("plain");
            const QString out = m_dir.filePath(name + QStringLiteral("-out"));
            const QString bad = cli({QStringLiteral("export"), m_dir.filePath(name + QStringLiteral(".tcproj")),
                                     QStringLiteral("--out"), out, QStringLiteral("--per-class"),
                                     QStringLiteral("6000"), QStringLiteral("--allow-shortfall")});
            QVERIFY2(bad.isEmpty(), qPrintable(bad));
            const ProcessResult py = runPython(QString::fromLatin1(kCount), {out, m_world, planted.join(u',')});
            QVERIFY2(py.exitCode == 0, py.err.constData());
            const auto v = py.out.trimmed().split(' ');
            QCOMPARE(v.size(), 2);
            counts[i][0] = v[0].toInt();
            counts[i][1] = v[1].toInt();
        }
        qInfo("shifted/mirrored copies of exclude images exported: planted %d, shift1px %d by default; planted %d, "
              "shift1px %d with --transforms none",
              counts[0][0], counts[0][1], counts[1][0], counts[1][1]);
        QCOMPARE(counts[0][0], 0);
        QCOMPARE(counts[0][1], 0);
        // Not vacuous: the plain protocol lets them through.
        QVERIFY(counts[1][0] + counts[1][1] > 0);
    }

private:
    QTemporaryDir m_dir;
    QString m_world;
    QList<Planted> m_planted;
};

QTEST_GUILESS_MAIN(TestShiftedCopies)
#include "TestShiftedCopies.moc"
