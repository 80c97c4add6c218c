// Issue 12, item 8: the CSVs `pairs` and `near-dups` write are RFC 4180 CSV. A reference set named,
// or a reference folder called, `a,"b"<newline>c` gave rows of 3, 5, 7 and 8 columns; now every row
// has the header's columns and Python's csv module reads the name back intact, both to a file and
// to standard output ('-').
#include "tests/support/TestSupport.h"

#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

using tc::test::runCli;

namespace {

const QString kHostile = QStringLiteral("ref, \"quoted\"\nnext line");

// A 32x32 24-bit BMP of seeded noise.
QByteArray noiseBmp(quint32 seed)
{
    QByteArray bmp("BM");
    const auto le = [&bmp](quint32 v, int bytes) {
        for (int i = 0; i < bytes; ++i)
            bmp.append(char(v >> (8 * i)));
    };
    le(54 + 3072, 4);
    le(0, 4);
    le(54, 4);
    le(40, 4);
    le(32, 4);
    le(32, 4);
    le(1, 2);
    le(24, 2);
    le(0, 4);
    le(3072, 4);
    le(2835, 4);
    le(2835, 4);
    le(0, 4);
    le(0, 4);
    QRandomGenerator rng(seed);
    for (int i = 0; i < 3072; ++i)
        bmp.append(char(rng.bounded(256)));
    return bmp;
}

bool writeImages(const QString &root, int count, quint32 seed)
{
    if (!QDir().mkpath(root + QStringLiteral("/cat/tabby")))
        return false;
    for (int i = 0; i < count; ++i) {
        QFile f(root + QStringLiteral("/cat/tabby/%1.bmp").arg(i));
        if (!f.open(QIODevice::WriteOnly) || f.write(noiseBmp(seed + quint32(i))) != 54 + 3072)
            return false;
    }
    return true;
}

// Python's csv module's reading of a file: rows as JSON [[...], ...].
QList<QStringList> pythonRows(const QString &path)
{
    const auto r = tc::test::runPython(QStringLiteral("import csv, json, sys\n"
                                                      "print(json.dumps(list(csv.reader(open(sys.argv[1], "
                                                      "newline='', encoding='utf-8')))))\n"),
                                       {path});
    QList<QStringList> rows;
    for (const auto &row : QJsonDocument::fromJson(r.out).array())
        rows.append(row.toVariant().toStringList());
    if (rows.isEmpty())
        qWarning("python: %s", r.err.constData());
    return rows;
}

} // namespace

class TestCsvCli final : public QObject {
    Q_OBJECT
private slots:
    void pairsQuotesTheSetName()
    {
        TC_REQUIRE_PYTHON();
        QTemporaryDir tmp;
        const QString project = tmp.filePath(QStringLiteral("p.tcproj"));
        QVERIFY(writeImages(tmp.filePath(QStringLiteral("cands")), 4, 1));
        QVERIFY(writeImages(tmp.filePath(QStringLiteral("refs")), 6, 3)); // 2 of them equal candidates 2, 3
        auto r =
            runCli({QStringLiteral("new"), project, QStringLiteral("--folder"), tmp.filePath(QStringLiteral("cands"))});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        r = runCli({QStringLiteral("add-reference"), project, tmp.filePath(QStringLiteral("refs")),
                    QStringLiteral("--name"), kHostile, QStringLiteral("--role"), QStringLiteral("exclude")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        r = runCli({QStringLiteral("dedup"), project, QStringLiteral("--top-k"), QStringLiteral("2")});
        QVERIFY2(r.exitCode == 0, r.err.constData());

        const QString file = tmp.filePath(QStringLiteral("pairs.csv"));
        r = runCli({QStringLiteral("pairs"), project, QStringLiteral("--csv"), file});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const auto toStdout = runCli({QStringLiteral("pairs"), project, QStringLiteral("--csv"), QStringLiteral("-")});
        QCOMPARE(toStdout.exitCode, 0);
        QFile written(file);
        QVERIFY(written.open(QIODevice::ReadOnly));
        QCOMPARE(toStdout.out, written.readAll()); // '-' is standard output, with the same bytes

        const auto rows = pythonRows(file);
        QVERIFY(rows.size() > 1);
        QCOMPARE(rows.first(), (QStringList{"candidate_id", "tiny_index", "reference_set", "reference_index", "ssim",
                                            "l2", "status"}));
        for (const QStringList &row : rows.mid(1)) {
            QCOMPARE(row.size(), 7);
            QCOMPARE(row[2], kHostile);
        }
        // The exact copies (candidates 2, 3 = references 0, 1) are there with SSIM 1.
        const auto exact = std::count_if(
            rows.begin(), rows.end(), [](const QStringList &row) { return row.value(4) == QLatin1String("1.000000"); });
        QVERIFY(exact >= 2);
    }

    void nearDupsQuotesTheReferencePath()
    {
        TC_REQUIRE_PYTHON();
        QTemporaryDir tmp;
        const QString refs = tmp.filePath(kHostile);
        QVERIFY(writeImages(tmp.filePath(QStringLiteral("cands")), 3, 1));
        QVERIFY(writeImages(refs, 5, 1)); // references 0-2 equal candidates 0-2
        const QString file = tmp.filePath(QStringLiteral("near.csv"));
        const QStringList args{QStringLiteral("near-dups"),
                               QStringLiteral("--candidates"),
                               tmp.filePath(QStringLiteral("cands")),
                               QStringLiteral("--references"),
                               refs,
                               QStringLiteral("--top-k"),
                               QStringLiteral("2"),
                               QStringLiteral("--csv")};
        auto r = runCli(args + QStringList{file});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const auto toStdout = runCli(args + QStringList{QStringLiteral("-")});
        QCOMPARE(toStdout.exitCode, 0);
        QFile written(file);
        QVERIFY(written.open(QIODevice::ReadOnly));
        QCOMPARE(toStdout.out, written.readAll());

        const auto rows = pythonRows(file);
        QCOMPARE(rows.size(), 1 + 3 * 2 * 2); // 3 candidates x 2 measures x top 2
        QCOMPARE(rows.first(), (QStringList{"candidate_index", "reference", "reference_index", "measure", "rank",
                                            "ssim", "l2", "transform"}));
        for (const QStringList &row : rows.mid(1)) {
            QCOMPARE(row.size(), 8);
            QCOMPARE(row[1], refs);
        }
        // Candidate 0 is reference 0: SSIM 1 and L2 0 at rank 1.
        QCOMPARE(rows[1].mid(0, 6), (QStringList{"0", refs, "0", "l2", "1", "1.000000"}));
    }

    // The superclass map the CLI reads, written by Python's csv module with the same hostile text.
    void superclassMapFromPythonCsv()
    {
        TC_REQUIRE_PYTHON();
        QTemporaryDir tmp;
        const QString project = tmp.filePath(QStringLiteral("p.tcproj"));
        QVERIFY(writeImages(tmp.filePath(QStringLiteral("cands")), 1, 1));
        QVERIFY(
            runCli({QStringLiteral("new"), project, QStringLiteral("--folder"), tmp.filePath(QStringLiteral("cands"))})
                .exitCode == 0);
        const QString map = tmp.filePath(QStringLiteral("map.csv"));
        const auto py = tc::test::runPython(
            QStringLiteral("import csv, sys\n"
                           "w = csv.writer(open(sys.argv[1], 'w', newline=''))\n"
                           "w.writerows([['class', 'superclass'], ['cat', 'pets, \"small\" ones']])\n"),
            {map});
        QCOMPARE(py.exitCode, 0);
        const auto r =
            runCli({QStringLiteral("superclasses"), project, QStringLiteral("--file"), map, QStringLiteral("--json")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QJsonObject o = QJsonDocument::fromJson(r.out).object();
        QCOMPARE(o.value(QStringLiteral("classes"))
                     .toArray()
                     .first()
                     .toObject()
                     .value(QStringLiteral("superclass"))
                     .toString(),
                 QStringLiteral("pets, \"small\" ones"));
    }
};

QTEST_GUILESS_MAIN(TestCsvCli)
#include "TestCsvCli.moc"
