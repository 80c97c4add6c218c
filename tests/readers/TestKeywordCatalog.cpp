#include "core/readers/KeywordCatalog.h"
#include "tests/support/TestSupport.h"

#include <QFile>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>
#include <sys/stat.h>

using namespace tc::core;

namespace {

QString reference(const char *name)
{
    return tc::test::sharedData(QStringLiteral("reference/") + QLatin1String(name));
}

// Python's json keeps the file's key order (dicts are ordered): the oracle lists
// "class<TAB>keyword<TAB>count" lines (class empty for a flat catalog) in file order.
QStringList pythonListing(const QString &path)
{
    const QString script = QStringLiteral(R"(
import json, sys
d = json.load(open(sys.argv[1]))
for c, v in d.items():
    if isinstance(v, dict):
        for k, n in v.items():
            print(f'{c}\t{k}\t{n}')
    else:
        print(f'\t{c}\t{v}')
)");
    const auto r = tc::test::runPython(script, {path});
    return QString::fromUtf8(r.out).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

QStringList listing(const KeywordCatalog &catalog)
{
    QStringList lines;
    for (const auto &cls : catalog.classes())
        for (const auto &k : cls.keywords)
            lines.append(QStringLiteral("%1\t%2\t%3").arg(cls.name, k.keyword).arg(k.count));
    return lines;
}

} // namespace

class TestKeywordCatalog final : public QObject {
    Q_OBJECT
private slots:
    void matchesPythonInFileOrder_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<bool>("flat");
        QTest::addColumn<int>("keywords");
        QTest::newRow("v7") << reference("keyword_counts_v7.json") << false << 299;
        QTest::newRow("v6") << reference("keyword_counts_v6.json") << false << -1;
        QTest::newRow("v4 flat") << reference("keyword_counts_v4.json") << true << 250;
        QTest::newRow("fixture") << tc::test::fixture(QStringLiteral("world-small/keyword_counts.json")) << false
                                 << 299;
    }
    void matchesPythonInFileOrder()
    {
        TC_REQUIRE_SHARED();
        TC_REQUIRE_PYTHON();
        QFETCH(QString, path);
        QFETCH(bool, flat);
        QFETCH(int, keywords);
        KeywordCatalog catalog;
        QVERIFY2(catalog.load(path), qPrintable(catalog.errorString()));
        QCOMPARE(catalog.isFlat(), flat);
        const QStringList expected = pythonListing(path);
        QVERIFY(!expected.isEmpty());
        QCOMPARE(listing(catalog), expected);
        if (keywords >= 0)
            QCOMPARE(catalog.keywordCount(), keywords);
    }

    void v7ClassesInCifarLabelOrderEachSummingTo200()
    {
        TC_REQUIRE_SHARED();
        KeywordCatalog catalog;
        QVERIFY2(catalog.load(reference("keyword_counts_v7.json")), qPrintable(catalog.errorString()));
        const QStringList cifar10 = {"airplane", "automobile", "bird",  "cat",  "deer",
                                     "dog",      "frog",       "horse", "ship", "truck"};
        QCOMPARE(catalog.classNames(), cifar10);
        for (int i = 0; i < cifar10.size(); ++i) {
            QCOMPARE(catalog.classIndex(cifar10[i]), i);
            QCOMPARE(catalog.total(cifar10[i]), 200);
        }
        QCOMPARE(catalog.grandTotal(), 2000);
        QCOMPARE(catalog.keywords(QStringLiteral("airplane")).first(), (KeywordCatalog::Keyword{"stealth_bomber", 20}));
        QCOMPARE(catalog.count(QStringLiteral("airplane"), QStringLiteral("airbus")), 18);
        QCOMPARE(catalog.classOf(QStringLiteral("airbus")), QStringLiteral("airplane"));
        QCOMPARE(catalog.classOf(QStringLiteral("hangar_queen")), QStringLiteral("airplane"));
        QCOMPARE(catalog.classOf(QStringLiteral("funny_wagon")), QStringLiteral("automobile"));
        QVERIFY(catalog.classOf(QStringLiteral("aardvark")).isEmpty());
        // "cruiser" is listed under two classes; classOf() answers with the first in file order.
        QCOMPARE(catalog.classOf(QStringLiteral("cruiser")), QStringLiteral("automobile"));
        QCOMPARE(catalog.count(QStringLiteral("ship"), QStringLiteral("cruiser")), 1);
        QCOMPARE(catalog.classIndex(QStringLiteral("zebra")), -1);
        QVERIFY(catalog.keywords(QStringLiteral("zebra")).isEmpty());
    }

    void escapedKeysKeepOrder()
    {
        KeywordCatalog catalog;
        const QByteArray json =
            "\xEF\xBB\xBF{ \"z\\u00e9bra\" : {\"k\\\"x\": 3, \"a\": 0},\n \"a\": {\"[not] {a key}\": 2} }";
        QVERIFY2(catalog.loadFromData(json, QStringLiteral("inline")), qPrintable(catalog.errorString()));
        QCOMPARE(catalog.classNames(), (QStringList{QStringLiteral("z\u00e9bra"), QStringLiteral("a")}));
        QCOMPARE(catalog.keywords(QStringLiteral("z\u00e9bra")),
                 (QList<KeywordCatalog::Keyword>{{"k\"x", 3}, {"a", 0}}));
        QCOMPARE(catalog.count(QStringLiteral("a"), QStringLiteral("[not] {a key}")), 2);
    }

    void superclassFormKeepsFileOrder()
    {
        KeywordCatalog catalog;
        const QByteArray json = R"({"zebra": {"keywords": {"b": 2, "a": 1, "keywords": 3}, "superclass": " equid "},
                                     "bus": {"school_bus": 4, "superclass": 1, "minibus": 0},
                                     "apple": {"superclass": "fruit", "keywords": {}}})";
        // "bus" is the old form, where "superclass": 1 is just a keyword with a count.
        QVERIFY2(catalog.loadFromData(json, QStringLiteral("inline")), qPrintable(catalog.errorString()));
        QCOMPARE(catalog.classNames(),
                 (QStringList{QStringLiteral("zebra"), QStringLiteral("bus"), QStringLiteral("apple")}));
        QCOMPARE(catalog.classes()[0].superclass, QStringLiteral("equid"));
        QCOMPARE(catalog.keywords(QStringLiteral("zebra")),
                 (QList<KeywordCatalog::Keyword>{{"b", 2}, {"a", 1}, {"keywords", 3}}));
        QVERIFY(catalog.classes()[1].superclass.isEmpty());
        QCOMPARE(catalog.count(QStringLiteral("bus"), QStringLiteral("superclass")), 1);
        QCOMPARE(catalog.keywords(QStringLiteral("bus")).size(), 3);
        QCOMPARE(catalog.classes()[2].superclass, QStringLiteral("fruit"));
        QVERIFY(catalog.keywords(QStringLiteral("apple")).isEmpty());
        QVERIFY(!catalog.loadFromData(R"({"a": {"superclass": "", "keywords": {"x": 1}}})", QStringLiteral("e")));
        QVERIFY2(catalog.errorString().contains(QLatin1String("\"superclass\"")), qPrintable(catalog.errorString()));
        QVERIFY(!catalog.loadFromData(R"({"a": {"super": "s", "keywords": {"x": 1}}})", QStringLiteral("e")));
        QVERIFY2(catalog.errorString().contains(QLatin1String("\"super\"")), qPrintable(catalog.errorString()));
    }

    void badInput_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("expected");
        QTest::newRow("truncated") << QByteArray("{\"airplane\": {\"airbus\": 18,") << "not valid JSON: ";
        QTest::newRow("garbage") << QByteArray("airplane,airbus,18\n")
                                 << "not valid JSON: unexpected character at line 1, column 1";
        QTest::newRow("empty file") << QByteArray() << "not valid JSON";
        QTest::newRow("array") << QByteArray("[1, 2]") << "expected a JSON object";
        QTest::newRow("empty object") << QByteArray("{}") << "lists no classes";
        QTest::newRow("negative") << QByteArray("{\"cat\": {\"tabby\": -3}}")
                                  << "\"cat\" -> \"tabby\": count must be a whole number from 0 to 2147483647 (got -3)";
        QTest::newRow("fraction") << QByteArray("{\"cat\": {\"tabby\": 2.5}}") << "(got 2.5)";
        QTest::newRow("string count") << QByteArray("{\"cat\": {\"tabby\": \"7\"}}") << "(got the string \"7\")";
        QTest::newRow("mixed") << QByteArray("{\"cat\": {\"tabby\": 7}, \"dog\": 5}") << "\"dog\": expected an object";
        QTest::newRow("flat with object") << QByteArray("{\"tabby\": 7, \"dog\": {}}") << "\"dog\": count must be";
        QTest::newRow("huge") << QByteArray("{\"cat\": {\"tabby\": 1e300}}") << "(got 1e300)";
        // Issue 12, item 7: what `new` took and `inspect` refused (or the reverse), now one rule.
        QTest::newRow("2^31") << QByteArray("{\"cat\": {\"tabby\": 2147483648}}") << "(got 2147483648)";
        QTest::newRow("int64 max") << QByteArray("{\"cat\": {\"a\": 9223372036854775807, \"b\": 1}}")
                                   << "(got 9223372036854775807)";
        QTest::newRow("duplicate class") << QByteArray("{\"cat\": {\"a\": 1}, \"dog\": {}, \"cat\": {\"b\": 2}}")
                                         << "the key \"cat\" appears twice in the same object at line 1, column 30";
        QTest::newRow("duplicate keyword") << QByteArray("{\"cat\": {\"a\": 1,\n \"a\": 2}}")
                                           << "\"cat\": the key \"a\" appears twice in the same object at line 2";
        QTest::newRow("duplicate once trimmed")
            << QByteArray("{\"cat\": {\"a\": 1, \" a \": 2}}") << "\"cat\" -> \" a \": \"a\" is listed twice";
        QTest::newRow("duplicate superclass member")
            << QByteArray("{\"c\": {\"superclass\": \"s\", \"keywords\": {\"a\": 1}, \"superclass\": \"t\"}}")
            << "the key \"superclass\" appears twice";
        QTest::newRow("newline in a class") << QByteArray("{\"air\\nplane\": {\"jet\": 1}}")
                                            << "not a usable name (contains the control character U+000a)";
        QTest::newRow("tab in a keyword") << QByteArray("{\"cat\": {\"tab\\tby\": 1}}") << "control character U+0009";
        QTest::newRow("line separator") << QByteArray("{\"cat\": {\"a\\u2028b\": 1}}") << "U+2028";
        QTest::newRow("empty class") << QByteArray("{\" \": {\"a\": 1}}") << "not a usable name (empty name)";
        QTest::newRow("control in superclass")
            << QByteArray("{\"c\": {\"superclass\": \"s\\u0000\", \"keywords\": {}}}") << "U+0000";
        QTest::newRow("invalid UTF-8") << QByteArray("{\"caf\xE9\": {\"a\": 1}}") << "not valid UTF-8";
        QTest::newRow("lone surrogate") << QByteArray("{\"a\\ud800\": {}}") << "surrogate";
        QTest::newRow("trailing text") << QByteArray("{\"cat\": {}} x") << "after the end of the document";
        QTest::newRow("deep") << QByteArray(100, '[') << "nested deeper than 64 levels";
    }
    void badInput()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, expected);
        QTemporaryDir tmp;
        const QString path = tmp.filePath(QStringLiteral("catalog.json"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(json);
        f.close();
        KeywordCatalog catalog;
        QVERIFY(!catalog.load(path));
        QVERIFY2(catalog.errorString().startsWith(path + QStringLiteral(": ")), qPrintable(catalog.errorString()));
        QVERIFY2(catalog.errorString().contains(expected), qPrintable(catalog.errorString()));
        QVERIFY(catalog.isEmpty());
    }

    void parseErrorNamesThePosition()
    {
        KeywordCatalog catalog;
        const QByteArray json = "{\"cat\": {\"tabby\": 7,, \"x\": 1}}";
        QVERIFY(!catalog.loadFromData(json, QStringLiteral("c.json")));
        // The second comma is byte 20: column 21 of line 1.
        QCOMPARE(catalog.errorString(),
                 QStringLiteral("c.json: \"cat\": not valid JSON: expected a quoted key at line 1, column 21"));
        QVERIFY(!catalog.loadFromData("{\n  \"cat\": {\n    \"tabby\": 07\n  }\n}", QStringLiteral("c.json")));
        QVERIFY2(catalog.errorString().endsWith(QLatin1String("at line 3, column 15")),
                 qPrintable(catalog.errorString()));
    }

    void missingFileAndFifo()
    {
        KeywordCatalog catalog;
        QVERIFY(!catalog.load(QStringLiteral("/nonexistent/k.json")));
        QCOMPARE(catalog.errorString(), QStringLiteral("/nonexistent/k.json: cannot open (no such file)"));
        QTemporaryDir tmp;
        const QString fifo = tmp.filePath(QStringLiteral("k.json"));
        QVERIFY(::mkfifo(QFile::encodeName(fifo).constData(), 0600) == 0);
        QVERIFY(!catalog.load(fifo)); // returns at once: a FIFO is never opened
        QVERIFY2(catalog.errorString().startsWith(fifo + QStringLiteral(": a FIFO")),
                 qPrintable(catalog.errorString()));
    }

    // What every front end reads: counts at the edges of the rule, a BOM, escapes, 1e3 (a whole number).
    void acceptedEdges()
    {
        KeywordCatalog catalog;
        const QByteArray json =
            "\xEF\xBB\xBF{\" cat \": {\"max\": 2147483647, \"zero\": 0, \"exp\": 1e3, \"neg0\": -0, "
            "\"caf\\u00e9\": 1, \"\\ud83d\\ude00\": 2}}";
        QVERIFY2(catalog.loadFromData(json, QStringLiteral("e.json")), qPrintable(catalog.errorString()));
        QCOMPARE(catalog.classNames(), QStringList{QStringLiteral("cat")}); // trimmed
        QCOMPARE(catalog.keywords(QStringLiteral("cat")),
                 (QList<KeywordCatalog::Keyword>{{"max", 2147483647},
                                                 {"zero", 0},
                                                 {"exp", 1000},
                                                 {"neg0", 0},
                                                 {QStringLiteral("caf\u00e9"), 1},
                                                 {QString::fromUtf8("\xF0\x9F\x98\x80"), 2}}));
        QCOMPARE(catalog.total(QStringLiteral("cat")), qint64(2147483647) + 1003);
    }

    // Linear time: 200,000 keywords in one class, and 200,000 classes of one keyword each, parse in
    // one pass (the former parser took 76 s CPU for the first). Checked by count, not by time.
    void manyKeywordsAndClasses()
    {
        QByteArray one = "{\"cat\": {", many = "{";
        for (int i = 0; i < 200000; ++i) {
            const QByteArray k = "\"k" + QByteArray::number(i) + "\": " + QByteArray::number(i % 7);
            one += (i ? ", " : "") + k;
            many += (i ? ", \"c" : "\"c") + QByteArray::number(i) + "\": {" + k + "}";
        }
        one += "}}";
        many += "}";
        KeywordCatalog catalog;
        QVERIFY2(catalog.loadFromData(one, QStringLiteral("one")), qPrintable(catalog.errorString()));
        QCOMPARE(catalog.keywordCount(), 200000);
        QCOMPARE(catalog.keywords(QStringLiteral("cat")).at(199999).keyword, QStringLiteral("k199999"));
        QVERIFY2(catalog.loadFromData(many, QStringLiteral("many")), qPrintable(catalog.errorString()));
        QCOMPARE(catalog.classes().size(), 200000);
        QCOMPARE(catalog.classIndex(QStringLiteral("c123456")), 123456);
    }
};

QTEST_GUILESS_MAIN(TestKeywordCatalog)
#include "TestKeywordCatalog.moc"
