#include "core/project/CatalogJson.h"
#include "tests/support/TestSupport.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace tc::core;

// The project's keyword catalog loader: the published v6/v7 files, and the optional per-class
// superclass form (CatalogJson.h) mixed with them.
class TestCatalogJson final : public QObject {
    Q_OBJECT
private slots:
    void publishedCatalogUnchanged();
    void superclassForm();
    void rejects_data();
    void rejects();
    void bomTrimAndOrder();
    void newAndInspectAgree_data();
    void newAndInspectAgree();
};

void TestCatalogJson::publishedCatalogUnchanged()
{
    TC_REQUIRE_SHARED();
    // The oracle: the real keyword_counts_v7.json read by Qt's JSON parser on its own.
    const QString path = tc::test::sharedData(QStringLiteral("reference/keyword_counts_v7.json"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QJsonObject raw = QJsonDocument::fromJson(f.readAll()).object();
    CatalogJson reader;
    const Catalog catalog = reader.load(path);
    QVERIFY2(!catalog.isEmpty(), qPrintable(reader.errorString()));
    QCOMPARE(catalog.size(), raw.size());
    qsizetype keywords = 0;
    for (const CatalogClass &c : catalog) {
        QVERIFY(c.superclass.isEmpty());
        const QJsonObject counts = raw.value(c.name).toObject();
        QCOMPARE(c.keywords.size(), counts.size());
        qint64 sum = 0;
        for (const CatalogKeyword &k : c.keywords) {
            QCOMPARE(k.count, qint64(counts.value(k.keyword).toDouble(-1)));
            sum += k.count;
        }
        QCOMPARE(sum, 200); // each v7 class sums to 200 (../shared/README.md)
        keywords += c.keywords.size();
    }
    QCOMPARE(keywords, 299);
}

void TestCatalogJson::superclassForm()
{
    const QByteArray json = R"({
        "apple": {"superclass": " fruit_and_vegetables ", "keywords": {"crab_apple": 3, "apple": 12}},
        "bus": {"keywords": {"school_bus": 8}},
        "truck": {"lorry": 5, "dump_truck": 4, "keywords": 1}
    })";
    CatalogJson reader;
    const Catalog c = reader.parse(json, QStringLiteral("<test>"));
    QVERIFY2(reader.errorString().isEmpty(), qPrintable(reader.errorString()));
    QCOMPARE(c.size(), 3);
    QCOMPARE(c[0].name, QStringLiteral("apple"));
    QCOMPARE(c[0].superclass, QStringLiteral("fruit_and_vegetables"));
    QCOMPARE(c[0].keywords.size(), 2);
    QCOMPARE(c[0].keywords[0].keyword, QStringLiteral("apple")); // descending count
    QCOMPARE(c[0].keywords[0].count, 12);
    QVERIFY(c[1].superclass.isEmpty()); // the new form without a superclass
    QCOMPARE(c[1].keywords.size(), 1);
    // The old form: a keyword literally named "keywords" is a count, not the new form.
    QVERIFY(c[2].superclass.isEmpty());
    QCOMPARE(c[2].keywords.size(), 3);
    QCOMPARE(c[2].keywords[2].keyword, QStringLiteral("keywords"));
}

void TestCatalogJson::rejects_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("message");
    QTest::newRow("superclass in the old form")
        << QByteArray(R"({"apple": {"superclass": "fruit", "apple": 3}})") << "a superclass needs the form";
    QTest::newRow("superclass not a string")
        << QByteArray(R"({"apple": {"superclass": 7, "keywords": {"apple": 3}}})") << "expected a string (got 7)";
    QTest::newRow("empty superclass") << QByteArray(R"({"apple": {"superclass": "  ", "keywords": {"apple": 3}}})")
                                      << "not a usable name (empty name)";
    QTest::newRow("unknown member") << QByteArray(R"({"apple": {"super": "fruit", "keywords": {"apple": 3}}})")
                                    << "\"apple\" -> \"super\": expected \"keywords\" and a \"superclass\"";
    QTest::newRow("bad count in the new form")
        << QByteArray(R"({"apple": {"superclass": "fruit", "keywords": {"apple": -1}}})")
        << "\"apple\" -> \"apple\": count must be";
    QTest::newRow("flat v4") << QByteArray(R"({"apple": 3})") << "flat keyword -> count catalog";
    // Issue 12, item 7: `new` accepted what `inspect` refused. One parser now refuses each for both.
    QTest::newRow("fraction") << QByteArray(R"({"apple": {"apple": 2.5}})") << "(got 2.5)";
    QTest::newRow("1e300") << QByteArray(R"({"apple": {"apple": 1e300}})") << "(got 1e300)";
    QTest::newRow("int64 max") << QByteArray(R"({"apple": {"a": 9223372036854775807, "b": 9223372036854775807}})")
                               << "(got 9223372036854775807)";
    QTest::newRow("duplicate class") << QByteArray(R"({"apple": {"a": 1}, "apple": {"b": 2}})")
                                     << "the key \"apple\" appears twice";
    QTest::newRow("duplicate keyword") << QByteArray(R"({"apple": {"a": 1, "a": 2}})") << "the key \"a\" appears twice";
    QTest::newRow("newline in a class name")
        << QByteArray(R"({"apple": {"a": 1}, "pe\nar": {"b": 1}})") << "control character U+000a";
}

void TestCatalogJson::rejects()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, message);
    CatalogJson reader;
    QVERIFY(reader.parse(json, QStringLiteral("cat.json")).isEmpty());
    QVERIFY2(reader.errorString().startsWith(QLatin1String("cat.json: ")) && reader.errorString().contains(message),
             qPrintable(reader.errorString()));
}

// The one parser's extras: a BOM is accepted (inspect took it, new refused it), names are trimmed,
// and the project's order (classes by name, keywords by descending count then name) is kept.
void TestCatalogJson::bomTrimAndOrder()
{
    CatalogJson reader;
    const Catalog c = reader.parse("\xEF\xBB\xBF{\"zebra\": {\"b\": 1, \"a\": 1, \"c\": 5}, \" apple \": {}}",
                                 QStringLiteral("bom.json"));
    QVERIFY2(reader.errorString().isEmpty(), qPrintable(reader.errorString()));
    QCOMPARE(c.size(), 2);
    QCOMPARE(c[0].name, QStringLiteral("apple"));
    QCOMPARE(c[1].name, QStringLiteral("zebra"));
    QCOMPARE(c[1].keywords[0].keyword, QStringLiteral("c"));
    QCOMPARE(c[1].keywords[1].keyword, QStringLiteral("a"));
    QCOMPARE(c[1].keywords[2].keyword, QStringLiteral("b"));
}

// The CLI's `new` and `inspect` agree on every hostile catalog: both refuse it, naming the file.
void TestCatalogJson::newAndInspectAgree_data()
{
    rejects_data();
}

void TestCatalogJson::newAndInspectAgree()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, message);
    QTemporaryDir tmp;
    const QString path = tmp.filePath(QStringLiteral("catalog.json"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly) && f.write(json) == json.size());
    f.close();
    const auto inspect = tc::test::runCli({QStringLiteral("inspect"), path});
    const auto created = tc::test::runCli({QStringLiteral("new"), tmp.filePath(QStringLiteral("p.tcproj")),
                                           QStringLiteral("--folder"), tmp.path(), QStringLiteral("--catalog"), path});
    const bool flat = message.contains(QLatin1String("flat"));
    QCOMPARE(inspect.exitCode, flat ? 0 : 1); // a flat catalog is a catalog; only a project needs classes
    QCOMPARE(created.exitCode, 1);
    for (const auto *r : {&inspect, &created}) {
        if (r == &inspect && flat)
            continue;
        QVERIFY2(QString::fromUtf8(r->err).contains(path + QStringLiteral(": ")), r->err.constData());
        QVERIFY2(QString::fromUtf8(r->err).simplified().contains(message.simplified()), r->err.constData());
    }
}

QTEST_GUILESS_MAIN(TestCatalogJson)
#include "TestCatalogJson.moc"
