// core's pair list over a real project (world-small through the CLI: new, add-reference, dedup): every
// row and value against the project file as Python's sqlite3 reads it (SSIM and L2 recomputed from the
// pixels); each column's sort order by an order written here; the filters (against the CLI's `pairs
// --csv`), paging, and that a review changes one row (in place or out of the queue and back on undo)
// without resetting a view's selection.
#include "core/dedup/PairListModel.h"
#include "core/project/Project.h"
#include "core/project/Statement.h"
#include "tests/support/TestSupport.h"

#include <QAbstractItemModelTester>
#include <QCryptographicHash>
#include <QItemSelectionModel>
#include <QSignalSpy>
#include <QTemporaryDir>

using namespace tc::core;

// A member type of the test class: outside the anonymous namespace (gcc's -Wsubobject-linkage).
struct CsvPair {
    qint64 candidateId = 0;
    qint64 tinyIndex = -1;
    QString setName;
    qint32 refIndex = 0;
    double ssim = 0, l2 = 0;
    QString status;
};

namespace {

QString keyOf(qint64 candidateId, const QString &setName, qint64 refIndex)
{
    return QStringLiteral("%1/%2/%3").arg(candidateId).arg(setName).arg(refIndex);
}

QString keyOf(const QAbstractItemModel &m, int row)
{
    const QModelIndex i = m.index(row, 0);
    return keyOf(i.data(PairListModel::CandidateIdRole).toLongLong(), i.data(PairListModel::SetNameRole).toString(),
                 i.data(PairListModel::ReferenceIndexRole).toInt());
}

// Every page; false when the pages do not end (a paging bug would repeat rows forever).
bool fetchAll(PairListModel &m, int limit)
{
    while (m.canFetchMore({}) && m.rowCount() <= limit)
        m.fetchMore({});
    return !m.canFetchMore({});
}

// -1, 0, 1 like a comparison of a and b in ascending order (text as UTF-8 bytes, as SQLite compares).
int compare(const QVariant &a, const QVariant &b)
{
    if (a.typeId() == QMetaType::QString) {
        const QByteArray x = a.toString().toUtf8(), y = b.toString().toUtf8();
        return x < y ? -1 : x > y ? 1 : 0;
    }
    const double x = a.toDouble(), y = b.toDouble();
    return x < y ? -1 : x > y ? 1 : 0;
}

// The order the model promises, written independently of core: the column's value in the asked
// direction, then SSIM descending, L2 ascending, candidate, set, reference index ascending.
bool inOrder(const QAbstractItemModel &m, int row, int column, bool descending)
{
    const QModelIndex a = m.index(row, 0), b = m.index(row + 1, 0);
    using M = PairListModel;
    QList<std::pair<int, bool>> keys; // role, descending
    switch (column) {
    case M::CandidateCol:
        keys = {{M::TinyIndexRole, descending}, {M::CandidateIdRole, descending}};
        break;
    case M::KeywordCol:
        keys = {{M::KeywordRole, descending}};
        break;
    case M::ClassCol:
        keys = {{M::ClassRole, descending}};
        break;
    case M::ReferenceSetCol:
        keys = {{M::SetNameRole, descending}};
        break;
    case M::ReferenceIndexCol:
        keys = {{M::ReferenceIndexRole, descending}};
        break;
    case M::SsimCol:
        keys = {{M::SsimRole, descending}};
        break;
    case M::L2Col:
        keys = {{M::L2Role, descending}};
        break;
    case M::StatusCol:
        keys = {{M::StatusRole, descending}};
        break;
    }
    keys += {{M::SsimRole, true},
             {M::L2Role, false},
             {M::CandidateIdRole, false},
             {M::SetIdRole, false},
             {M::ReferenceIndexRole, false}};
    for (const auto &[role, desc] : keys) {
        const int c = compare(a.data(role), b.data(role));
        if (c != 0)
            return desc ? c > 0 : c < 0;
    }
    return false; // two rows with the same pair
}

} // namespace

class TestPairListModel final : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void everyPairAsTheProjectFileHoldsIt();
    void sortsByEveryColumn_data();
    void sortsByEveryColumn();
    void filtersByStatusThresholdAndSet_data();
    void filtersByStatusThresholdAndSet();
    void fetchesInPages();
    void reviewUpdatesOneRowInPlace();
    void reviewLeavesTheQueueAndUndoBringsItBack();
    void sortKeepsTheSelectedPair();

private:
    PairFilter everything() const;
    PairFilter mostSimilar(int count) const;
    QList<CsvPair> expected(const PairFilter &f) const;

    QTemporaryDir m_dir;
    QString m_path;
    QList<CsvPair> m_csv;
    // Candidates at L2 0 (identical bytes) from an image of the exclude set: not reviewable.
    QSet<qint64> m_exactCopies;
    QHash<QString, qint64> m_setIds;
    std::unique_ptr<Project> m_project;
};

void TestPairListModel::initTestCase()
{
    TC_REQUIRE_SHARED();
    QVERIFY(m_dir.isValid());
    m_path = m_dir.filePath("pairs.tcproj");
    const QString world = tc::test::fixture("world-small");
    auto r =
        tc::test::runCli({"new", m_path, "--tiny", world + "/tinyimages", "--catalog", world + "/keyword_counts.json"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QList<QStringList> refs = {{"cifar10-test", "exclude", world + "/cifar-10-batches-py/test_batch"},
                                     {"cifar10.1", "avoid", world + "/cifar10.1/cifar10.1_v6_data.npy"}};
    for (const auto &ref : refs) {
        r = tc::test::runCli({"add-reference", m_path, "--name", ref[0], "--role", ref[1], ref[2]});
        QVERIFY2(r.exitCode == 0, r.err.constData());
    }
    // The plain protocol: this test reads "L2 0" as "identical bytes", which a shifted alignment would break.
    r = tc::test::runCli({"dedup", m_path, "--transforms", "none"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    // A few reviews through the CLI, so statuses differ: the first reviewable pair duplicate, the third
    // distinct (exact copies of the exclude set are not reviewable: their L2 to it is 0).
    r = tc::test::runCli({"pairs", m_path, "--csv", "-"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QList<QByteArray> lines = r.out.split('\n');
    QVERIFY(lines.size() > 4);
    QSet<QByteArray> exactCopies;
    for (const QByteArray &line : lines.mid(1))
        if (const QList<QByteArray> f = line.split(',');
            f.size() == 7 && f[2] == "cifar10-test" && f[5].toDouble() == 0)
            exactCopies.insert(f[0]);
    QVERIFY(!exactCopies.isEmpty());
    for (const QByteArray &id : exactCopies)
        m_exactCopies.insert(id.toLongLong());
    int reviewable = 0;
    for (const QByteArray &line : lines.mid(1)) {
        const QList<QByteArray> f = line.split(',');
        if (f.size() != 7 || exactCopies.contains(f[0]) || (++reviewable != 1 && reviewable != 3))
            continue;
        r = tc::test::runCli({"review", m_path, "--candidate-id", f[0], "--set", f[2], "--ref-index", f[3], "--status",
                              reviewable == 1 ? "duplicate" : "distinct", "--annotator", "cli"});
        QVERIFY2(r.exitCode == 0, r.err.constData());
    }
    r = tc::test::runCli({"pairs", m_path, "--csv", "-"});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    lines = r.out.split('\n');
    QCOMPARE(lines.first(), QByteArray("candidate_id,tiny_index,reference_set,reference_index,ssim,l2,status"));
    for (const QByteArray &line : lines.mid(1)) {
        if (line.isEmpty())
            continue;
        const QList<QByteArray> f = line.split(',');
        QCOMPARE(f.size(), 7);
        m_csv.append({f[0].toLongLong(), f[1].isEmpty() ? -1 : f[1].toLongLong(), QString::fromUtf8(f[2]), f[3].toInt(),
                      f[4].toDouble(), f[5].toDouble(), QString::fromUtf8(f[6])});
    }
    // Enough pairs for several pages and both sets.
    QVERIFY2(m_csv.size() > 300, qPrintable(QString::number(m_csv.size())));
    Project p;
    QVERIFY(p.open(m_path));
    for (const ReferenceSetInfo &s : DedupStore(p.database()).referenceSets())
        m_setIds.insert(s.name, s.id);
    QCOMPARE(m_setIds.size(), 2);
}

void TestPairListModel::init()
{
    m_project = std::make_unique<Project>();
    QVERIFY(m_project->open(m_path));
}

void TestPairListModel::cleanup()
{
    m_project.reset();
}

PairFilter TestPairListModel::everything() const
{
    PairFilter f;
    f.flaggedOnly = false;
    f.statuses = kAllPairStatuses;
    return f;
}

// About `count` of the most similar pairs, every status: enough for many small pages, few enough for
// QAbstractItemModelTester, which walks every row after each change (and fetches every page itself).
PairFilter TestPairListModel::mostSimilar(int count) const
{
    PairFilter f = everything();
    f.flaggedOnly = true;
    f.l2Threshold = -1;
    // Halfway between two CSV values that differ by more than its rounding.
    for (int i = count; i + 1 < m_csv.size(); ++i)
        if (m_csv[i].ssim - m_csv[i + 1].ssim > 2e-6) {
            f.ssimThreshold = (m_csv[i].ssim + m_csv[i + 1].ssim) / 2;
            break;
        }
    return f;
}

QList<CsvPair> TestPairListModel::expected(const PairFilter &f) const
{
    QList<CsvPair> out;
    for (const CsvPair &p : m_csv) {
        const auto status = pairStatusFromName(p.status);
        if (!status || !(f.statuses & pairStatusBit(*status)))
            continue;
        if (f.flaggedOnly && !(p.ssim >= *f.ssimThreshold || p.l2 <= *f.l2Threshold))
            continue;
        if (f.setId && m_setIds.value(p.setName) != f.setId)
            continue;
        if (f.reviewableOnly && m_exactCopies.contains(p.candidateId))
            continue;
        out << p;
    }
    return out;
}

// The oracle is the project file itself, read by Python's sqlite3 without any of our code: the stored
// pairs joined to their candidate, keyword, class and reference image, each pair's status derived from
// the append-only review log (its newest review that no undo cancelled), SSIM (skimage, uniform 7x7
// window, the search's default) and L2 recomputed from the two images' pixels, sorted the way the
// model promises (SSIM descending, L2, candidate, set, reference index). Row by row, every value.
void TestPairListModel::everyPairAsTheProjectFileHoldsIt()
{
    TC_REQUIRE_PYTHON("numpy", "skimage");
    const QString script = QStringLiteral(
        "import sqlite3, sys, hashlib, numpy as np\n"
        "from skimage.metrics import structural_similarity as ssim\n"
        "db = sqlite3.connect('file:' + sys.argv[1] + '?mode=ro', uri=True)\n"
        "log = db.execute('SELECT id, candidate_id, set_id, ref_index, status, undoes FROM pair_reviews "
        "ORDER BY id').fetchall()\n"
        "undone = {r[5] for r in log if r[5] is not None}\n"
        "status = {}\n"
        "for rid, c, s, i, st, undoes in log:\n"
        "    if undoes is None and rid not in undone:\n"
        "        status[(c, s, i)] = st\n"
        "names = {0: 'unreviewed', 1: 'duplicate', 2: 'distinct'}\n"
        "rows = db.execute('SELECT p.candidate_id, c.tiny_index, s.name, p.set_id, p.ref_index, p.ssim, p.l2, "
        "k.keyword, cl.name, c.pixels, r.pixels FROM near_pairs p JOIN candidates c ON c.id = p.candidate_id "
        "JOIN keywords k ON k.id = c.keyword_id JOIN classes cl ON cl.id = k.class_id "
        "JOIN reference_sets s ON s.id = p.set_id "
        "JOIN reference_images r ON r.set_id = p.set_id AND r.idx = p.ref_index').fetchall()\n"
        "rows.sort(key=lambda r: (-r[5], r[6], r[0], r[3], r[4]))\n"
        "for c, tiny, name, sid, idx, s, l2, kw, cls, a, b in rows:\n"
        "    x = np.frombuffer(a, np.uint8).reshape(32, 32, 3)\n"
        "    y = np.frombuffer(b, np.uint8).reshape(32, 32, 3)\n"
        "    d = x.astype(np.float64) - y.astype(np.float64)\n"
        "    print('\\t'.join(map(str, [c, -1 if tiny is None else tiny, name, sid, idx, repr(s), repr(l2),\n"
        "        repr(float(ssim(x, y, channel_axis=-1, data_range=255))), repr(float(np.sqrt((d * d).sum()))),\n"
        "        names[status.get((c, sid, idx), 0)], kw, cls, hashlib.md5(a).hexdigest(),\n"
        "        hashlib.md5(b).hexdigest()])))\n");
    const auto py = tc::test::runPython(script, {m_path});
    QVERIFY2(py.exitCode == 0, py.err.constData());
    QList<QStringList> oracle;
    for (const QByteArray &line : py.out.split('\n'))
        if (!line.isEmpty())
            oracle << QString::fromUtf8(line).split(QLatin1Char('\t'));
    QVERIFY2(oracle.size() > 300, qPrintable(QString::number(oracle.size())));

    PairListModel model(m_project.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setFilter(everything());
    QVERIFY(fetchAll(model, int(oracle.size())));
    QCOMPARE(model.rowCount(), oracle.size());
    QCOMPARE(model.totalCount(), qint64(oracle.size()));
    QCOMPARE(model.columnCount(), int(PairListModel::ColumnCount));
    int exactCopies = 0, reviewed = 0;
    for (int row = 0; row < model.rowCount(); ++row) {
        const QStringList &e = oracle[row];
        QCOMPARE(e.size(), 14);
        auto at = [&](int column, int role = Qt::DisplayRole) { return model.index(row, column).data(role); };
        QCOMPARE(at(0, PairListModel::CandidateIdRole).toLongLong(), e[0].toLongLong());
        QCOMPARE(at(0, PairListModel::TinyIndexRole).toLongLong(), e[1].toLongLong());
        QCOMPARE(at(0, PairListModel::SetNameRole).toString(), e[2]);
        QCOMPARE(at(0, PairListModel::SetIdRole).toLongLong(), e[3].toLongLong());
        QCOMPARE(at(0, PairListModel::ReferenceIndexRole).toInt(), e[4].toInt());
        // The stored measurements as stored, and as the two images' pixels give them.
        const double ssim = at(0, PairListModel::SsimRole).toDouble(), l2 = at(0, PairListModel::L2Role).toDouble();
        QCOMPARE(ssim, e[5].toDouble());
        QCOMPARE(l2, e[6].toDouble());
        QVERIFY2(std::abs(ssim - e[7].toDouble()) < 1e-4, qPrintable(e.join(QLatin1Char(' '))));
        QVERIFY2(std::abs(l2 - e[8].toDouble()) < 1e-2, qPrintable(e.join(QLatin1Char(' '))));
        QCOMPARE(pairStatusName(PairStatus(at(0, PairListModel::StatusRole).toInt())), e[9]);
        reviewed += e[9] != QLatin1String("unreviewed");
        // Display text of each column.
        QCOMPARE(at(PairListModel::CandidateCol).toString(), QStringLiteral("Tiny #%1").arg(e[1]));
        QCOMPARE(at(PairListModel::KeywordCol).toString(), e[10]);
        QCOMPARE(at(PairListModel::ClassCol).toString(), e[11]);
        QCOMPARE(at(PairListModel::ReferenceSetCol).toString(), e[2]);
        QCOMPARE(at(PairListModel::ReferenceIndexCol).toString(), e[4]);
        QCOMPARE(at(PairListModel::SsimCol).toString(), QString::number(ssim, 'f', 4));
        QCOMPARE(at(PairListModel::L2Col).toString(), QString::number(l2, 'f', 1));
        // Pixels: both sides' bytes are the file's.
        const QByteArray a = at(0, PairListModel::CandidatePixelsRole).toByteArray();
        const QByteArray b = at(0, PairListModel::ReferencePixelsRole).toByteArray();
        QCOMPARE(QCryptographicHash::hash(a, QCryptographicHash::Md5).toHex(), e[12].toLatin1());
        QCOMPARE(QCryptographicHash::hash(b, QCryptographicHash::Md5).toHex(), e[13].toLatin1());
        exactCopies += e[8].toDouble() == 0;
    }
    QVERIFY(exactCopies > 0);
    QCOMPARE(reviewed, 2); // initTestCase's two reviews, one duplicate and one distinct
}

void TestPairListModel::sortsByEveryColumn_data()
{
    QTest::addColumn<int>("column");
    QTest::addColumn<int>("order");
    const char *names[] = {"candidate", "keyword", "class", "set", "ref index", "ssim", "l2", "status"};
    for (int c = 0; c < PairListModel::ColumnCount; ++c)
        for (Qt::SortOrder o : {Qt::AscendingOrder, Qt::DescendingOrder})
            QTest::addRow("%s %s", names[c], o == Qt::AscendingOrder ? "up" : "down") << c << int(o);
}

void TestPairListModel::sortsByEveryColumn()
{
    QFETCH(int, column);
    QFETCH(int, order);
    PairListModel model(m_project.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setPageSize(50); // the keyset paging must continue every order across pages
    const PairFilter f = mostSimilar(600);
    model.setFilter(f);
    model.sort(column, Qt::SortOrder(order));
    QVERIFY(fetchAll(model, int(m_csv.size())));
    const qsizetype want = expected(f).size();
    QVERIFY(want > 600 && want < 700);
    QCOMPARE(model.rowCount(), want);
    QSet<QString> seen;
    for (int row = 0; row < model.rowCount(); ++row) {
        seen.insert(keyOf(model, row));
        if (row + 1 < model.rowCount())
            QVERIFY2(inOrder(model, row, column, order == Qt::DescendingOrder),
                     qPrintable(QStringLiteral("rows %1 and %2 out of order").arg(row).arg(row + 1)));
    }
    QCOMPARE(seen.size(), want); // no pair twice, none missing
}

void TestPairListModel::filtersByStatusThresholdAndSet_data()
{
    QTest::addColumn<unsigned>("statuses");
    QTest::addColumn<double>("ssim");
    QTest::addColumn<double>("l2");
    QTest::addColumn<QString>("set");
    QTest::addColumn<bool>("reviewable");
    const unsigned queue = pairStatusBit(PairStatus::Unreviewed);
    QTest::newRow("queue at the defaults") << queue << 0.75 << 1000.0 << QString() << false;
    QTest::newRow("review queue at the defaults") << queue << 0.75 << 1000.0 << QString() << true;
    QTest::newRow("not distinct, strict")
        << (kAllPairStatuses & ~pairStatusBit(PairStatus::Distinct)) << 0.9 << 500.0 << QString() << false;
    QTest::newRow("everything flagged") << kAllPairStatuses << -1.0 << -1.0 << QString() << false;
    QTest::newRow("everything reviewable") << kAllPairStatuses << -1.0 << -1.0 << QString() << true;
    QTest::newRow("l2 only, one set") << kAllPairStatuses << 1.01 << 2000.0 << QStringLiteral("cifar10.1") << false;
    QTest::newRow("other set") << kAllPairStatuses << 0.5 << -1.0 << QStringLiteral("cifar10-test") << false;
    QTest::newRow("duplicates") << pairStatusBit(PairStatus::Duplicate) << -1.0 << -1.0 << QString() << false;
}

void TestPairListModel::filtersByStatusThresholdAndSet()
{
    QFETCH(unsigned, statuses);
    QFETCH(double, ssim);
    QFETCH(double, l2);
    QFETCH(QString, set);
    QFETCH(bool, reviewable);
    // The CSV's rounding must not decide a pair at a threshold.
    for (const CsvPair &p : m_csv)
        QVERIFY(std::abs(p.ssim - ssim) > 1e-6 && std::abs(p.l2 - l2) > 1e-3);
    PairListModel model(m_project.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setPageSize(2048);
    PairFilter f;
    f.statuses = statuses;
    f.ssimThreshold = ssim;
    f.l2Threshold = l2;
    f.setId = set.isEmpty() ? 0 : m_setIds.value(set);
    f.reviewableOnly = reviewable;
    model.setFilter(f);
    const QList<CsvPair> want = expected(f);
    QVERIFY(!want.isEmpty());
    if (reviewable) { // exact copies of the exclude set had pairs here: the filter does leave some out
        PairFilter all = f;
        all.reviewableOnly = false;
        QVERIFY(expected(all).size() > want.size());
    }
    QCOMPARE(model.totalCount(), qint64(want.size()));
    QVERIFY(fetchAll(model, int(m_csv.size())));
    QCOMPARE(model.rowCount(), want.size());
    for (int row = 0; row < want.size(); ++row)
        QCOMPARE(keyOf(model, row), keyOf(want[row].candidateId, want[row].setName, want[row].refIndex));
    // The convenience setters are the same filter.
    PairListModel other(m_project.get());
    other.setStatuses(statuses);
    other.setThresholds(ssim, l2);
    other.setReferenceSet(f.setId);
    if (!reviewable)
        QCOMPARE(other.totalCount(), qint64(want.size()));
}

void TestPairListModel::fetchesInPages()
{
    // No QAbstractItemModelTester here: it fetches every page itself after each change.
    PairListModel model(m_project.get());
    model.setPageSize(37);
    model.setFilter(everything());
    QCOMPARE(model.rowCount(), 37);
    QCOMPARE(model.totalCount(), qint64(m_csv.size()));
    QVERIFY(model.canFetchMore({}));
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    model.fetchMore({});
    QCOMPARE(model.rowCount(), 74);
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(inserted.first().at(1).toInt(), 37);
    QCOMPARE(inserted.first().at(2).toInt(), 73);
    for (int row = 0; row < 74; ++row)
        QCOMPARE(keyOf(model, row), keyOf(m_csv[row].candidateId, m_csv[row].setName, m_csv[row].refIndex));
    // ensureRow() loads up to a pair far down the list, page by page (pages of 500 keep this quick).
    PairListModel far(m_project.get());
    far.setPageSize(500);
    far.setFilter(everything());
    QVERIFY(m_csv.size() > 3 * 500);
    const CsvPair &last = m_csv.last();
    const int row = far.ensureRow(last.candidateId, m_setIds.value(last.setName), last.refIndex);
    QCOMPARE(row, m_csv.size() - 1);
    QVERIFY(!far.canFetchMore({}));
    QCOMPARE(far.rowCount(), m_csv.size());
    QCOMPARE(keyOf(far, row), keyOf(last.candidateId, last.setName, last.refIndex));
    // A pair that is not in the filter has no row.
    PairListModel queue(m_project.get());
    queue.setPageSize(10);
    queue.setStatuses(pairStatusBit(PairStatus::Unreviewed));
    const auto marked = std::find_if(m_csv.begin(), m_csv.end(),
                                     [](const CsvPair &p) { return p.status == QStringLiteral("duplicate"); });
    QVERIFY(marked != m_csv.end()); // reviewed in initTestCase
    const CsvPair &duplicate = *marked;
    QCOMPARE(queue.ensureRow(duplicate.candidateId, m_setIds.value(duplicate.setName), duplicate.refIndex), -1);
}

void TestPairListModel::reviewUpdatesOneRowInPlace()
{
    PairListModel model(m_project.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setPageSize(20);
    PairFilter similar = mostSimilar(100);
    similar.reviewableOnly = true; // exact copies of the exclude set cannot be reviewed
    model.setFilter(similar);
    QVERIFY(fetchAll(model, int(m_csv.size()))); // the tester would fetch pages during the review anyway
    const int rows = model.rowCount();
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    const int row = 4;
    const QString key = keyOf(model, row);
    const qint64 candidate = model.index(row, 0).data(PairListModel::CandidateIdRole).toLongLong();
    QCOMPARE(model.index(row, 0).data(PairListModel::StatusRole).toInt(), int(PairStatus::Unreviewed));
    QVERIFY2(model.review(row, PairStatus::Distinct, "ann"), qPrintable(model.errorString()));
    QCOMPARE(reset.size(), 0);
    QCOMPARE(removed.size(), 0);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.first().at(0).toModelIndex().row(), row);
    QCOMPARE(model.rowCount(), rows);
    QCOMPARE(keyOf(model, row), key);
    QCOMPARE(model.index(row, 0).data(PairListModel::StatusRole).toInt(), int(PairStatus::Distinct));
    QCOMPARE(model.index(row, PairListModel::StatusCol).data().toString(), pairStatusName(PairStatus::Distinct));
    // In the project: the derived status and the append-only log.
    Statement q(m_project->database(),
                QStringLiteral("SELECT p.status, r.annotator FROM near_pairs p JOIN pair_reviews "
                               "r USING(candidate_id, set_id, ref_index) WHERE p.candidate_id = "
                               "?1 AND r.annotator = 'ann'"));
    q.bind(1, candidate);
    QVERIFY(q.next());
    QCOMPARE(q.int64(0), qint64(PairStatus::Distinct));
    // Another list over the same project learns of it through refreshPair().
    PairListModel other(m_project.get());
    other.setFilter(similar);
    const QModelIndex i = model.index(row, 0);
    const int otherRow = other.ensureRow(candidate, i.data(PairListModel::SetIdRole).toLongLong(),
                                         i.data(PairListModel::ReferenceIndexRole).toInt());
    QCOMPARE(other.index(otherRow, 0).data(PairListModel::StatusRole).toInt(), int(PairStatus::Distinct));
    QVERIFY(model.undoReview("ann"));
    QCOMPARE(model.index(row, 0).data(PairListModel::StatusRole).toInt(), int(PairStatus::Unreviewed));
    QCOMPARE(other.index(otherRow, 0).data(PairListModel::StatusRole).toInt(), int(PairStatus::Distinct));
    other.refreshPair(candidate, i.data(PairListModel::SetIdRole).toLongLong(),
                      i.data(PairListModel::ReferenceIndexRole).toInt());
    QCOMPARE(other.index(otherRow, 0).data(PairListModel::StatusRole).toInt(), int(PairStatus::Unreviewed));
}

void TestPairListModel::reviewLeavesTheQueueAndUndoBringsItBack()
{
    PairListModel model(m_project.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setPageSize(25);
    PairFilter queue = mostSimilar(300);
    queue.statuses = pairStatusBit(PairStatus::Unreviewed);
    queue.reviewableOnly = true;
    model.setFilter(queue);
    const qint64 total = model.totalCount();
    QCOMPARE(total, qint64(expected(queue).size()));
    QItemSelectionModel selection(&model);
    selection.select(model.index(6, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    const QString selected = keyOf(model, 6);
    const QString reviewed = keyOf(model, 2), next = keyOf(model, 3);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QVERIFY(model.review(2, PairStatus::Duplicate, "ann"));
    QCOMPARE(reset.size(), 0);
    QCOMPARE(keyOf(model, 2), next);
    QCOMPARE(model.totalCount(), total - 1);
    // The selection followed its pair up one row.
    QCOMPARE(selection.selectedRows().size(), 1);
    QCOMPARE(selection.selectedRows().first().row(), 5);
    QCOMPARE(keyOf(model, 5), selected);
    // Undo brings it back where it was.
    QVERIFY(model.undoReview("ann"));
    QCOMPARE(keyOf(model, 2), reviewed);
    QCOMPARE(keyOf(model, 6), selected);
    QCOMPARE(selection.selectedRows().first().row(), 6);
    QCOMPARE(model.totalCount(), total);
    QCOMPARE(reset.size(), 0);

    // Reviewing away every loaded row: the next page still comes, and undo puts rows back in order.
    PairListModel paged(m_project.get());
    paged.setPageSize(25);
    paged.setFilter(queue);
    QCOMPARE(paged.rowCount(), 25);
    const QString first = keyOf(paged, 0);
    int bulk = 0;
    for (; paged.rowCount() > 0; ++bulk)
        QVERIFY(paged.review(0, PairStatus::Distinct, "bulk"));
    QCOMPARE(bulk, 25);
    QCOMPARE(paged.totalCount(), total - 25);
    QVERIFY(paged.canFetchMore({}));
    paged.fetchMore({});
    QCOMPARE(paged.rowCount(), 25);
    QCOMPARE(keyOf(paged, 0),
             keyOf(expected(queue)[25].candidateId, expected(queue)[25].setName, expected(queue)[25].refIndex));
    for (int i = 0; i < bulk; ++i)
        QVERIFY(paged.undoReview("bulk"));
    QCOMPARE(paged.totalCount(), total);
    QCOMPARE(keyOf(paged, 0), first);
    QCOMPARE(paged.rowCount(), 50);
}

void TestPairListModel::sortKeepsTheSelectedPair()
{
    PairListModel model(m_project.get());
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setFilter(mostSimilar(200));
    QItemSelectionModel selection(&model);
    selection.setCurrentIndex(model.index(10, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    const QString key = keyOf(model, 10);
    model.sort(PairListModel::KeywordCol, Qt::AscendingOrder);
    QVERIFY(selection.currentIndex().isValid());
    QCOMPARE(keyOf(model, selection.currentIndex().row()), key);
    QCOMPARE(model.filter().sortKey, PairSortKey::Keyword);
}

QTEST_GUILESS_MAIN(TestPairListModel)
#include "TestPairListModel.moc"
