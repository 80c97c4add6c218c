// core::SuperclassMap: the class -> superclass files the CLI and the GUI both read (hand-written inputs with
// known meanings), hostile input refused naming the file and line, and missing() as superclassProblem() uses it.
#include "core/project/SuperclassMap.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <sys/stat.h>

using namespace tc::core;

class TestSuperclassMap final : public QObject {
    Q_OBJECT
private slots:
    void csvWithHeaderQuotesAndClears()
    {
        QHash<QString, QString> map;
        SuperclassMap reader;
        QVERIFY2(reader.parseCsv("class,superclass\r\n\"a,b\",\"x \"\"y\"\"\"\n\n  cat , pet \ndog,\n", "m.csv", &map),
                 qPrintable(reader.errorString()));
        QCOMPARE(map.size(), 3);
        QCOMPARE(map.value(QStringLiteral("a,b")), QStringLiteral("x \"y\""));
        QCOMPARE(map.value(QStringLiteral("cat")), QStringLiteral("pet"));
        QVERIFY(map.contains(QStringLiteral("dog")) && map.value(QStringLiteral("dog")).isEmpty());
    }

    void csvErrorsNameTheLine()
    {
        const QList<std::pair<QByteArray, QString>> bad{
            {"cat,pet\ndog\n", QStringLiteral("m.csv: line 2: expected 'class,superclass', got 1 field")},
            {"cat,pet,x\n", QStringLiteral("m.csv: line 1:")},
            {"\"cat,pet\n", QStringLiteral("m.csv: line 1: quoted field is not closed")},
            {"a,b\n,pet\n", QStringLiteral("m.csv: line 2: empty class")},
            {"cat,pet\ncat,animal\n", QStringLiteral("m.csv: line 2: class 'cat' is listed twice")},
            {"cat,\"pe\nt\"\n", QStringLiteral("m.csv: line 1: superclass \"pe\\u000at\" is not a usable name")},
            {"cat,pe\"t\n", QStringLiteral("m.csv: line 1: quote inside unquoted field 2")}};
        for (const auto &[bytes, expected] : bad) {
            QHash<QString, QString> map;
            SuperclassMap reader;
            QVERIFY(!reader.parseCsv(bytes, QStringLiteral("m.csv"), &map));
            QVERIFY2(reader.errorString().startsWith(expected), qPrintable(reader.errorString()));
        }
    }

    void jsonObjectWithNulls()
    {
        QHash<QString, QString> map;
        SuperclassMap reader;
        QVERIFY(reader.parseJson(R"({"cat": "pet", "dog": null})", "m.json", &map));
        QCOMPARE(map.size(), 2);
        QCOMPARE(map.value(QStringLiteral("cat")), QStringLiteral("pet"));
        QVERIFY(map.value(QStringLiteral("dog")).isEmpty());
        for (const QByteArray &bytes :
             {QByteArray(R"(["cat"])"), QByteArray(R"({"cat": 3})"), QByteArray("{"),
              QByteArray(R"({"cat": "pet", "cat": "animal"})"), QByteArray(R"({"cat": "pe\tt"})")}) {
            QVERIFY(!reader.parseJson(bytes, QStringLiteral("m.json"), &map));
            QVERIFY2(reader.errorString().startsWith(QLatin1String("m.json: ")), qPrintable(reader.errorString()));
        }
    }

    // Issue 12, item 8: one CSV dialect. A class name with a comma, a quote and a newline, written
    // by Python's csv module, reads back intact.
    void csvWrittenByPythonReadsBack()
    {
        if (!QFile::exists(QStringLiteral("/usr/bin/python3")))
            QSKIP("/usr/bin/python3 is not installed");
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("m.csv"));
        QProcess py;
        py.start(QStringLiteral("/usr/bin/python3"),
                 {QStringLiteral("-c"),
                  QStringLiteral("import csv, sys\n"
                                 "w = csv.writer(open(sys.argv[1], 'w', newline=''))\n"
                                 "w.writerow(['class', 'superclass'])\n"
                                 "w.writerow(['a, \"b\"\\nc', 'x,y'])\n"
                                 "w.writerow(['plain', ''])\n"),
                  path});
        QVERIFY(py.waitForFinished() && py.exitCode() == 0);
        QHash<QString, QString> map;
        SuperclassMap reader;
        QVERIFY2(reader.read(path, &map), qPrintable(reader.errorString()));
        QCOMPARE(map.size(), 2);
        QCOMPARE(map.value(QStringLiteral("a, \"b\"\nc")), QStringLiteral("x,y"));
        QVERIFY(map.contains(QStringLiteral("plain")) && map.value(QStringLiteral("plain")).isEmpty());
    }

    void readPicksTheParserBySuffixAndCapsTheSize()
    {
        QTemporaryDir dir;
        const QString json = dir.filePath(QStringLiteral("m.JSON"));
        QFile f(json);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(R"({"cat": "pet"})");
        f.close();
        QHash<QString, QString> map;
        SuperclassMap reader;
        QVERIFY2(reader.read(json, &map), qPrintable(reader.errorString()));
        QCOMPARE(map.value(QStringLiteral("cat")), QStringLiteral("pet"));
        // The same bytes named .csv are one field per line: refused.
        const QString csv = dir.filePath(QStringLiteral("m.csv"));
        QVERIFY(QFile::copy(json, csv));
        QVERIFY(!reader.read(csv, &map));
        QFile big(dir.filePath(QStringLiteral("big.csv")));
        QVERIFY(big.open(QIODevice::WriteOnly) && big.resize(SuperclassMap::kMaxBytes + 1));
        big.close();
        QVERIFY(!reader.read(big.fileName(), &map));
        QVERIFY2(reader.errorString().contains(QLatin1String("too large")), qPrintable(reader.errorString()));
        const QString fifo = dir.filePath(QStringLiteral("fifo.csv"));
        QVERIFY(::mkfifo(QFile::encodeName(fifo).constData(), 0600) == 0);
        QVERIFY(!reader.read(fifo, &map)); // at once: never opened
        QVERIFY2(reader.errorString().startsWith(fifo + QStringLiteral(": a FIFO")), qPrintable(reader.errorString()));
    }

    void missingOnlyWhenMixed()
    {
        const auto classes = [](const QStringList &supers) {
            QList<ClassInfo> list;
            for (int i = 0; i < supers.size(); ++i) {
                ClassInfo c;
                c.name = QStringLiteral("c%1").arg(i);
                c.superclass = supers[i];
                list << c;
            }
            return list;
        };
        QCOMPARE(SuperclassMap::missing({}), QStringList());
        QCOMPARE(SuperclassMap::missing(classes({{}, {}, {}})), QStringList());
        QCOMPARE(SuperclassMap::missing(classes({"a", "b", "a"})), QStringList());
        QCOMPARE(SuperclassMap::missing(classes({"a", {}, " "})), (QStringList{"c1", "c2"}));
    }
};

QTEST_MAIN(TestSuperclassMap)
#include "TestSuperclassMap.moc"
