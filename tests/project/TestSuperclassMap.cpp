// core::SuperclassMap: the class -> superclass files the CLI and the GUI both read (hand-written inputs with
// known meanings), hostile input refused naming the file and line, and missing() as superclassProblem() uses it.
#include "core/project/SuperclassMap.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace tc::core;

class TestSuperclassMap final : public QObject {
    Q_OBJECT
private slots:
    void csvWithHeaderQuotesAndClears()
    {
        QHash<QString, QString> map;
        QString error;
        QVERIFY2(SuperclassMap::parseCsv("class,superclass\r\n\"a,b\",\"x \"\"y\"\"\"\n\n  cat , pet \ndog,\n", "m.csv",
                                         &map, &error),
                 qPrintable(error));
        QCOMPARE(map.size(), 3);
        QCOMPARE(map.value(QStringLiteral("a,b")), QStringLiteral("x \"y\""));
        QCOMPARE(map.value(QStringLiteral("cat")), QStringLiteral("pet"));
        QVERIFY(map.contains(QStringLiteral("dog")) && map.value(QStringLiteral("dog")).isEmpty());
    }

    void csvErrorsNameTheLine()
    {
        const QList<std::pair<QByteArray, QString>> bad{{"cat,pet\ndog\n", QStringLiteral("m.csv:2:")},
                                                        {"cat,pet,x\n", QStringLiteral("m.csv:1:")},
                                                        {"\"cat,pet\n", QStringLiteral("m.csv:1:")},
                                                        {"a,b\n,pet\n", QStringLiteral("m.csv:2: empty class")}};
        for (const auto &[bytes, expected] : bad) {
            QHash<QString, QString> map;
            QString error;
            QVERIFY(!SuperclassMap::parseCsv(bytes, QStringLiteral("m.csv"), &map, &error));
            QVERIFY2(error.startsWith(expected), qPrintable(error));
        }
    }

    void jsonObjectWithNulls()
    {
        QHash<QString, QString> map;
        QString error;
        QVERIFY(SuperclassMap::parseJson(R"({"cat": "pet", "dog": null})", "m.json", &map, &error));
        QCOMPARE(map.size(), 2);
        QCOMPARE(map.value(QStringLiteral("cat")), QStringLiteral("pet"));
        QVERIFY(map.value(QStringLiteral("dog")).isEmpty());
        for (const QByteArray &bytes : {QByteArray(R"(["cat"])"), QByteArray(R"({"cat": 3})"), QByteArray("{")}) {
            QVERIFY(!SuperclassMap::parseJson(bytes, QStringLiteral("m.json"), &map, &error));
            QVERIFY2(error.startsWith(QLatin1String("m.json: ")), qPrintable(error));
        }
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
        QString error;
        QVERIFY2(SuperclassMap::read(json, &map, &error), qPrintable(error));
        QCOMPARE(map.value(QStringLiteral("cat")), QStringLiteral("pet"));
        // The same bytes named .csv are one field per line: refused.
        const QString csv = dir.filePath(QStringLiteral("m.csv"));
        QVERIFY(QFile::copy(json, csv));
        QVERIFY(!SuperclassMap::read(csv, &map, &error));
        QFile big(dir.filePath(QStringLiteral("big.csv")));
        QVERIFY(big.open(QIODevice::WriteOnly) && big.resize(SuperclassMap::kMaxBytes + 1));
        big.close();
        QVERIFY(!SuperclassMap::read(big.fileName(), &map, &error));
        QVERIFY2(error.contains(QLatin1String("too large")), qPrintable(error));
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
