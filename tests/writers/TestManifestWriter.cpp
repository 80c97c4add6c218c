#include "core/writers/ManifestWriter.h"
#include "tests/writers/WriterTestData.h"

#include <QBuffer>
#include <QTest>

using namespace tc::core;
using namespace tc::test;

class TestManifestWriter final : public QObject {
    Q_OBJECT
private slots:
    void csvQuotingAndColumns();
    void pythonParsesBoth();
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

QTEST_GUILESS_MAIN(TestManifestWriter)
#include "TestManifestWriter.moc"
