#include "ProjectFixture.h"
#include "tests/support/TestSupport.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace tc::core;
using namespace tc::test;

// `tinycurator-cli superclasses`: map files (CSV, JSON), --set, --clear, errors; the result is
// read back through the Project API (the CLI's own listing is checked against it).
class TestSuperclassesCli final : public QObject {
    Q_OBJECT
private slots:
    void init();
    void csvFileWithHeaderAndQuotes();
    void jsonFileNullClears();
    void setOverridesFileAndClear();
    void errorsChangeNothing_data();
    void errorsChangeNothing();

private:
    QString writeFile(const QString &name, const QByteArray &bytes);
    QHash<QString, QString> superclasses();

    QTemporaryDir m_dir;
    QString m_project;
    int m_n = 0;
};

void TestSuperclassesCli::init()
{
    QVERIFY(m_dir.isValid());
    m_project = m_dir.filePath(QStringLiteral("p%1.tcproj").arg(++m_n));
    Project p; // closed again before the CLI opens the file (one writer per file)
    QVERIFY2(makeFixtureProject(p, m_project), qPrintable(p.errorString()));
}

QString TestSuperclassesCli::writeFile(const QString &name, const QByteArray &bytes)
{
    QFile f(m_dir.filePath(name));
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
        return {};
    return f.fileName();
}

QHash<QString, QString> TestSuperclassesCli::superclasses()
{
    QHash<QString, QString> map;
    Project p;
    if (p.open(m_project))
        for (const auto &c : p.classes())
            map.insert(c.name, c.superclass);
    return map;
}

void TestSuperclassesCli::csvFileWithHeaderAndQuotes()
{
    const QString csv = writeFile(QStringLiteral("map.csv"), "class,superclass\r\ncat,\"big, \"\"furry\"\" things\"\n\n"
                                                             "dog , animals\n");
    const auto r =
        runCli({QStringLiteral("superclasses"), m_project, QStringLiteral("--file"), csv, QStringLiteral("--json")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    const QHash<QString, QString> want{{QStringLiteral("cat"), QStringLiteral("big, \"furry\" things")},
                                       {QStringLiteral("dog"), QStringLiteral("animals")}};
    QCOMPARE(superclasses(), want);
    // The listing: coarse labels index the sorted superclass names.
    const QJsonObject o = QJsonDocument::fromJson(r.out).object();
    QCOMPARE(o.value(QStringLiteral("coarse_label_names")).toVariant().toStringList(),
             (QStringList{QStringLiteral("animals"), QStringLiteral("big, \"furry\" things")}));
    const QJsonArray rows = o.value(QStringLiteral("classes")).toArray();
    QCOMPARE(rows.size(), 2);
    QCOMPARE(rows[0].toObject().value(QStringLiteral("class")).toString(), QStringLiteral("cat"));
    QCOMPARE(rows[0].toObject().value(QStringLiteral("coarse_label")).toInt(-1), 1);
    QCOMPARE(rows[1].toObject().value(QStringLiteral("coarse_label")).toInt(-1), 0);
    QVERIFY(o.value(QStringLiteral("problem")).toString().isEmpty());
}

void TestSuperclassesCli::jsonFileNullClears()
{
    auto r = runCli({QStringLiteral("superclasses"), m_project, QStringLiteral("--file"),
                     writeFile(QStringLiteral("a.json"), R"({"cat": "mammal", "dog": "mammal"})")});
    QVERIFY2(r.exitCode == 0 && r.out.contains("CIFAR-100 style, 1 superclasses"), (r.out + r.err).constData());
    r = runCli({QStringLiteral("superclasses"), m_project, QStringLiteral("--file"),
                writeFile(QStringLiteral("b.json"), R"({"dog": null})")});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.err.contains("warning") && r.err.contains("dog"), r.err.constData());
    QCOMPARE(superclasses().value(QStringLiteral("cat")), QStringLiteral("mammal"));
    QCOMPARE(superclasses().value(QStringLiteral("dog")), QString());
}

void TestSuperclassesCli::setOverridesFileAndClear()
{
    const QString json = writeFile(QStringLiteral("m.json"), R"({"cat": "a", "dog": "b"})");
    auto r = runCli({QStringLiteral("superclasses"), m_project, QStringLiteral("--file"), json, QStringLiteral("--set"),
                     QStringLiteral("dog=c")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QCOMPARE(superclasses().value(QStringLiteral("dog")), QStringLiteral("c"));
    r = runCli({QStringLiteral("superclasses"), m_project, QStringLiteral("--clear"), QStringLiteral("--set"),
                QStringLiteral("cat=z")});
    QCOMPARE(r.exitCode, 0);
    const QHash<QString, QString> want{{QStringLiteral("cat"), QStringLiteral("z")},
                                       {QStringLiteral("dog"), QString()}};
    QCOMPARE(superclasses(), want);
    r = runCli({QStringLiteral("superclasses"), m_project, QStringLiteral("--clear")});
    QVERIFY2(r.exitCode == 0 && r.err.isEmpty() && r.out.contains("CIFAR-10 style"), (r.out + r.err).constData());
}

void TestSuperclassesCli::errorsChangeNothing_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QStringList>("extra");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");
    QTest::newRow("unknown class") << "u.json" << QByteArray(R"({"cat": "x", "cow": "y"})") << QStringList() << 1
                                   << "no class named 'cow'";
    QTest::newRow("csv three fields") << "t.csv" << QByteArray("cat,x\ndog,y,z\n") << QStringList() << 1
                                      << "t.csv: line 2: expected 'class,superclass'";
    QTest::newRow("csv open quote") << "q.csv" << QByteArray("cat,\"x\n") << QStringList() << 1
                                    << "q.csv: line 1: quoted field is not closed";
    QTest::newRow("csv class twice") << "d.csv" << QByteArray("cat,x\ncat,y\n") << QStringList() << 1
                                     << "d.csv: line 2: class 'cat' is listed twice";
    QTest::newRow("set with a tab") << "" << QByteArray()
                                    << QStringList{QStringLiteral("--set"), QStringLiteral("cat=a\tb")} << 2
                                    << "not a usable name (contains the control character U+0009)";
    QTest::newRow("json not an object") << "n.json" << QByteArray("[1]") << QStringList() << 1 << "not a JSON object";
    QTest::newRow("json number") << "v.json" << QByteArray(R"({"cat": 3})") << QStringList() << 1
                                 << "not a string or null";
    QTest::newRow("set without =") << "" << QByteArray() << QStringList{QStringLiteral("--set"), QStringLiteral("cat")}
                                   << 2 << "expected CLASS=SUPERCLASS";
}

void TestSuperclassesCli::errorsChangeNothing()
{
    QFETCH(QString, file);
    QFETCH(QByteArray, bytes);
    QFETCH(QStringList, extra);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    QStringList args{QStringLiteral("superclasses"), m_project, QStringLiteral("--set"), QStringLiteral("dog=kept")};
    QCOMPARE(runCli(args).exitCode, 0);
    if (!file.isEmpty())
        args << QStringLiteral("--file") << writeFile(file, bytes);
    args << QStringLiteral("--set") << QStringLiteral("dog=changed") << extra;
    const auto r = runCli(args);
    QCOMPARE(r.exitCode, exitCode);
    QVERIFY2(r.err.contains(message.toUtf8()), r.err.constData());
    const QHash<QString, QString> want{{QStringLiteral("cat"), QString()},
                                       {QStringLiteral("dog"), QStringLiteral("kept")}};
    QCOMPARE(superclasses(), want);
}

QTEST_GUILESS_MAIN(TestSuperclassesCli)
#include "TestSuperclassesCli.moc"
