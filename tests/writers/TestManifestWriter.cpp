#include "core/writers/ManifestWriter.h"
#include "tests/writers/WriterTestData.h"

#include <QBuffer>
#include <QDateTime>
#include <QRandomGenerator>
#include <QTest>

using namespace tc::core;
using namespace tc::test;

class TestManifestWriter final : public QObject {
    Q_OBJECT
private slots:
    void csvQuotingAndColumns();
    void pythonParsesBoth();
    void timesMatchQDateTime();
    void unicodeAndControlCharacters();
    void csvAndJsonDescribeTheSameRow_data();
    void csvAndJsonDescribeTheSameRow();
};

static std::vector<ManifestRow> rows()
{
    ManifestRow a;
    a.split = QStringLiteral("train");
    a.index = 0;
    a.label = 3;
    a.className = QStringLiteral("cat");
    a.keyword = QStringLiteral("tabby, \"striped\"");
    a.tinyIndex = 12345;
    a.candidateId = 7;
    a.annotators = QStringList{QStringLiteral("ann"), QStringLiteral("bob")};
    a.decisionTimes = {0, 86400 * 1000 + 5};
    a.inAvoidSet = true;
    a.metrics = {ReferenceMetric{0.5, 1234.5}, ReferenceMetric{}};
    ManifestRow b;
    b.split = QStringLiteral("test");
    b.index = 1;
    b.className = QStringLiteral("airplane");
    b.keyword = QStringLiteral("jet");
    b.source = QStringLiteral("/data/x\\y.png");
    b.candidateId = 8;
    return {a, b};
}

void TestManifestWriter::csvQuotingAndColumns()
{
    QBuffer buf;
    buf.open(QIODevice::WriteOnly);
    ManifestWriter w({QStringLiteral("cifar10-test"), QStringLiteral("cifar10.1")});
    QVERIFY(w.writeCsv(&buf, rows()));
    const QList<QByteArray> lines = buf.data().split('\n');
    QCOMPARE(lines[0],
             QByteArray("split,index,label,class,keyword,tiny_index,source,candidate_id,annotators,decided_at,"
                        "in_avoid_set,ssim_max_cifar10-test,l2_min_cifar10-test,ssim_max_cifar10.1,l2_min_cifar10.1"));
    QCOMPARE(lines[1], QByteArray("train,0,3,cat,\"tabby, \"\"striped\"\"\",12345,,7,ann;bob,"
                                  "1970-01-01T00:00:00.000Z;1970-01-02T00:00:00.005Z,1,0.500000,1234.5000,,"));
}

void TestManifestWriter::pythonParsesBoth()
{
    TC_REQUIRE_PYTHON("numpy");
    QTemporaryDir tmp;
    ManifestWriter w({QStringLiteral("cifar10-test"), QStringLiteral("cifar10.1")});
    QFile csv(tmp.filePath(QStringLiteral("m.csv"))), json(tmp.filePath(QStringLiteral("m.json")));
    QVERIFY(csv.open(QIODevice::WriteOnly) && json.open(QIODevice::WriteOnly));
    QVERIFY(w.writeCsv(&csv, rows()) && w.writeJson(&json, rows()));
    csv.close();
    json.close();
    TC_PYTHON_OK(QStringLiteral(R"(
import csv, json, sys
c = list(csv.DictReader(open(sys.argv[1], newline='')))
j = json.load(open(sys.argv[2]))
assert len(c) == 2 and len(j) == 2
assert c[0]['keyword'] == 'tabby, "striped"' == j[0]['keyword']
assert j[0]['annotators'] == ['ann', 'bob'] and j[0]['decided_at'][1] == '1970-01-02T00:00:00.005Z'
assert j[0]['in_avoid_set'] is True and j[1]['tiny_index'] is None and j[1]['source'] == '/data/x\\y.png'
assert j[0]['references']['cifar10-test'] == {'ssim_max': 0.5, 'l2_min': 1234.5}
assert j[0]['references']['cifar10.1'] == {'ssim_max': None, 'l2_min': None}
assert c[1]['source'] == '/data/x\\y.png' and c[1]['split'] == 'test'
)"),
                 (QStringList{csv.fileName(), json.fileName()}));
}

// The writer formats times itself (QDateTime::toString per time was most of its cost): it must
// agree with Qt's ISO form everywhere, including before 1970, at day, month and leap-year edges and
// outside the years 1..9999 where it defers to Qt.
void TestManifestWriter::timesMatchQDateTime()
{
    QList<qint64> times{0,
                        -1,
                        1,
                        86399999,
                        86400000,
                        -86400000,
                        -86400001,
                        951782400000,     // 2000-02-29
                        951868800000,     // 2000-03-01
                        4107542399999,    // 2100-02-28T23:59:59.999
                        253402300799999,  // 9999-12-31T23:59:59.999
                        253402300800000,  // year 10000
                        -62135596800000,  // 0001-01-01
                        -62135596800001,  // just before year 1
                        -62198755200000}; // year 0 (Qt: -1)
    QRandomGenerator rng(7);
    for (int i = 0; i < 20000; ++i)
        times << qint64(rng.bounded(quint64(2 * 253402300800000LL))) - 253402300800000LL / 4;
    ManifestRow r;
    r.split = QStringLiteral("train");
    r.decisionTimes = times;
    for (int i = 0; i < times.size(); ++i)
        r.annotators << QStringLiteral("a");
    QBuffer csv, json;
    csv.open(QIODevice::WriteOnly);
    json.open(QIODevice::WriteOnly);
    ManifestWriter w({});
    QVERIFY(w.writeCsv(&csv, {r}) && w.writeJson(&json, {r}));
    const QList<QByteArray> fields = csv.data().split('\n')[1].split(',');
    const QList<QByteArray> written = fields[9].split(';');
    QCOMPARE(written.size(), times.size());
    QByteArray jsonTimes;
    for (int i = 0; i < times.size(); ++i) {
        const QByteArray qt = QDateTime::fromMSecsSinceEpoch(times[i], Qt::UTC).toString(Qt::ISODateWithMs).toUtf8();
        QVERIFY2(written[i] == qt, qPrintable(QStringLiteral("%1: %2 vs Qt %3")
                                                  .arg(times[i])
                                                  .arg(QString::fromUtf8(written[i]), QString::fromUtf8(qt))));
        jsonTimes += (i ? ", \"" : "\"") + qt + '"';
    }
    QVERIFY(json.data().contains("\"decided_at\": [" + jsonTimes + "]"));
}

static QString text(std::initializer_list<char32_t> codePoints)
{
    const std::u32string s(codePoints);
    return QString::fromUcs4(s.data(), qsizetype(s.size()));
}

// Text goes through as UTF-8, characters outside the BMP included (a surrogate pair must not turn
// into two replacement characters), and JSON escapes quotes, backslashes and control characters.
void TestManifestWriter::unicodeAndControlCharacters()
{
    TC_REQUIRE_PYTHON("numpy");
    ManifestRow r;
    r.split = QStringLiteral("train");
    r.className = text({'c', 'a', 'f', 0xe9, ' ', 0x1F600, ' ', 0x732b});
    r.keyword = QString::fromLatin1("tab\tnl\ncr\rbell") + QChar(1) + QString::fromLatin1(" quote\" back\\ comma,");
    r.source = QStringLiteral("/d/") + text({0x1F431}) + QStringLiteral(".png");
    r.annotators = QStringList{QStringLiteral("J") + QChar(0xfc) + QStringLiteral("rgen"), QStringLiteral("b;c")};
    r.decisionTimes = {1, 2};
    QTemporaryDir tmp;
    // A reference set name with a quote, a comma and a newline: its header columns stay one field each.
    ManifestWriter w({QStringLiteral("r") + QChar(0xe9) + QStringLiteral("f \"x\", y\nz")});
    QFile csv(tmp.filePath(QStringLiteral("m.csv"))), json(tmp.filePath(QStringLiteral("m.json")));
    QVERIFY(csv.open(QIODevice::WriteOnly) && json.open(QIODevice::WriteOnly));
    QVERIFY(w.writeCsv(&csv, {r}) && w.writeJson(&json, {r}));
    csv.close();
    json.close();
    TC_PYTHON_OK(QStringLiteral(R"(
import csv, json, sys
c = list(csv.DictReader(open(sys.argv[1], newline='', encoding='utf-8')))
j = json.load(open(sys.argv[2], encoding='utf-8'))
cls = 'caf\u00e9 \U0001F600 \u732b'
kw = 'tab\tnl\ncr\rbell\x01 quote\x22 back\\ comma,'
for row in (c[0], j[0]):
    assert row['class'] == cls, ascii(row['class'])
    assert row['keyword'] == kw, ascii(row['keyword'])
    assert row['source'] == '/d/\U0001F431.png', ascii(row['source'])
assert c[0]['annotators'] == 'J\u00fcrgen;b;c' and j[0]['annotators'] == ['J\u00fcrgen', 'b;c']
assert list(j[0]['references']) == ['r\u00e9f \x22x\x22, y\nz'] and 'ssim_max_r\u00e9f \x22x\x22, y\nz' in c[0]
assert len(c[0]) == 13 and 'l2_min_r\u00e9f \x22x\x22, y\nz' in c[0]
assert b'\\u0001' in open(sys.argv[2], 'rb').read()
)"),
                 (QStringList{csv.fileName(), json.fileName()}));
}

void TestManifestWriter::csvAndJsonDescribeTheSameRow_data()
{
    QTest::addColumn<QStringList>("sets");
    QTest::addColumn<bool>("superclasses");
    QTest::newRow("CIFAR-10 style, two sets") << QStringList{"cifar10-test", "cifar10.1"} << false;
    QTest::newRow("CIFAR-100 style, one set") << QStringList{"cifar10-test"} << true;
    QTest::newRow("no reference sets") << QStringList{} << false;
}

// One row description, two formats: Python reads both files and finds every CSV column as a JSON field (the
// metrics nested per set) with the same value, and no JSON field without its column.
void TestManifestWriter::csvAndJsonDescribeTheSameRow()
{
    TC_REQUIRE_PYTHON();
    QFETCH(QStringList, sets);
    QFETCH(bool, superclasses);
    std::vector<ManifestRow> r = rows();
    r[0].superclass = QStringLiteral("pets, \"small\"");
    r[0].coarseLabel = 4;
    QTemporaryDir tmp;
    ManifestWriter w(sets, superclasses);
    QFile csv(tmp.filePath(QStringLiteral("m.csv"))), json(tmp.filePath(QStringLiteral("m.json")));
    QVERIFY(csv.open(QIODevice::WriteOnly) && json.open(QIODevice::WriteOnly));
    QVERIFY(w.writeCsv(&csv, r) && w.writeJson(&json, r));
    csv.close();
    json.close();
    TC_PYTHON_OK(QStringLiteral(R"(
import csv, json, sys
c = list(csv.DictReader(open(sys.argv[1], newline='')))
j = json.load(open(sys.argv[2]))
sets = [s for s in sys.argv[3].split(',') if s]
superclasses = sys.argv[4] == '1'
assert len(c) == len(j) == 2
def as_csv(v, digits=None):
    if v is None: return ''
    if isinstance(v, bool): return '1' if v else '0'
    if isinstance(v, list): return ';'.join(v)
    if digits is not None: return '%.*f' % (digits, v)
    return str(v)
for crow, jrow in zip(c, j):
    plain = {k: v for k, v in jrow.items() if k != 'references'}
    expected = list(plain) + [f'{m}_{s}' for s in sets for m in ('ssim_max', 'l2_min')]
    assert list(crow) == expected, (list(crow), expected)
    assert ('superclass' in plain) == superclasses and ('coarse_label' in plain) == superclasses
    for k, v in plain.items():
        assert crow[k] == as_csv(v), (k, crow[k], v)
    assert list(jrow['references']) == sets
    for s in sets:
        assert crow['ssim_max_' + s] == as_csv(jrow['references'][s]['ssim_max'], 6)
        assert crow['l2_min_' + s] == as_csv(jrow['references'][s]['l2_min'], 4)
)"),
                 (QStringList{csv.fileName(), json.fileName(), sets.join(u','),
                              superclasses ? QStringLiteral("1") : QStringLiteral("0")}));
}

QTEST_GUILESS_MAIN(TestManifestWriter)
#include "TestManifestWriter.moc"
