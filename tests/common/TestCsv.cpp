#include "core/common/Csv.h"
#include "tests/support/TestSupport.h"

#include <QBuffer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTemporaryDir>
#include <QTest>

using namespace tc::core;

namespace {
// Rows whose names break naive CSV: separators, quotes, both newlines, leading spaces, non-ASCII.
const QList<QStringList> kHostileRows = {
    {QStringLiteral("tiny_index"), QStringLiteral("verdict"), QStringLiteral("annotator")},
    {QStringLiteral("12"), QStringLiteral("accept"), QStringLiteral("alice")},
    {QStringLiteral("13"), QStringLiteral("reject"), QStringLiteral("bob, the second")},
    {QStringLiteral("14"), QStringLiteral("unsure"), QStringLiteral("carol \"cc\" smith")},
    {QStringLiteral("15"), QStringLiteral("accept"), QStringLiteral("dave\nnewline")},
    {QStringLiteral("16"), QStringLiteral("accept"), QStringLiteral("erin\r\ncrlf")},
    {QStringLiteral(""), QStringLiteral(" spaced "), QStringLiteral("Jürgen 猫")},
    {QStringLiteral("\""), QStringLiteral(","), QStringLiteral("\"\"")},
};

QList<QStringList> parseOk(const QByteArray &bytes)
{
    QBuffer device;
    device.setData(bytes);
    device.open(QIODevice::ReadOnly);
    CsvReader reader(&device, QStringLiteral("in.csv"));
    QList<QStringList> rows;
    if (!reader.readAll(&rows))
        qWarning() << reader.errorString();
    return rows;
}
} // namespace

class TestCsv final : public QObject {
    Q_OBJECT
private slots:
    void writerQuotesOnlyWhenNeeded()
    {
        QCOMPARE(CsvWriter::field(u"plain"), QByteArray("plain"));
        QCOMPARE(CsvWriter::field(u"a,b"), QByteArray("\"a,b\""));
        QCOMPARE(CsvWriter::field(u"say \"hi\""), QByteArray("\"say \"\"hi\"\"\""));
        QCOMPARE(CsvWriter::field(u"two\nlines"), QByteArray("\"two\nlines\""));
        QCOMPARE(CsvWriter::row({QStringLiteral("a"), QString(), QStringLiteral("c")}), QByteArray("a,,c\n"));
    }

    // Python's csv module (the reader our users load manifests and decision files with) must read
    // back exactly what we wrote.
    void pythonReadsWhatWeWrite()
    {
        TC_REQUIRE_PYTHON();
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("out.csv"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        CsvWriter writer(&file, path);
        for (const auto &row : kHostileRows)
            QVERIFY(writer.writeRow(row));
        file.close();
        const auto result =
            tc::test::runPython(QStringLiteral("import csv, json, sys\n"
                                               "with open(sys.argv[1], newline='', encoding='utf-8') as f:\n"
                                               "    print(json.dumps(list(csv.reader(f, strict=True))))\n"),
                                {path});
        QVERIFY2(result.exitCode == 0, result.err.constData());
        const QJsonArray rows = QJsonDocument::fromJson(result.out).array();
        QCOMPARE(rows.size(), kHostileRows.size());
        for (qsizetype i = 0; i < rows.size(); ++i)
            QCOMPARE(rows[i].toVariant().toStringList(), kHostileRows[i]);
    }

    // And we read what Python's csv.writer writes (CRLF records, minimal quoting).
    void weReadWhatPythonWrites()
    {
        TC_REQUIRE_PYTHON();
        QJsonArray input;
        for (const auto &row : kHostileRows)
            input.append(QJsonArray::fromStringList(row));
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("py.csv"));
        const auto result =
            tc::test::runPython(QStringLiteral("import csv, json, sys\n"
                                               "rows = json.loads(sys.argv[2])\n"
                                               "with open(sys.argv[1], 'w', newline='', encoding='utf-8-sig') as f:\n"
                                               "    csv.writer(f).writerows(rows)\n"),
                                {path, QString::fromUtf8(QJsonDocument(input).toJson(QJsonDocument::Compact))});
        QVERIFY2(result.exitCode == 0, result.err.constData());
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        CsvReader reader(&file, path);
        QList<QStringList> rows;
        QStringList fields;
        while (reader.readRow(&fields))
            rows.append(fields);
        QVERIFY2(!reader.hasError(), qPrintable(reader.errorString()));
        QCOMPARE(rows, kHostileRows);
    }

    void lineNumbersCountEmbeddedNewlines()
    {
        QBuffer buffer;
        buffer.setData("a,b\n\"x\ny\",z\n\nlast,row\n");
        QVERIFY(buffer.open(QIODevice::ReadOnly));
        CsvReader reader(&buffer, QStringLiteral("f.csv"));
        QStringList fields;
        QVERIFY(reader.readRow(&fields));
        QCOMPARE(reader.lineNumber(), 1);
        QVERIFY(reader.readRow(&fields));
        QCOMPARE(fields, QStringList({QStringLiteral("x\ny"), QStringLiteral("z")}));
        QCOMPARE(reader.lineNumber(), 2);
        QVERIFY(reader.readRow(&fields)); // the blank line is skipped
        QCOMPARE(reader.lineNumber(), 5);
        QVERIFY(!reader.readRow(&fields));
        QVERIFY(!reader.hasError());
    }

    void lenientWhereHarmless()
    {
        // No final newline, a trailing empty field, a BOM, CR-only endings.
        QCOMPARE(parseOk("a,b"), (QList<QStringList>{{QStringLiteral("a"), QStringLiteral("b")}}));
        QCOMPARE(parseOk("a,\n"), (QList<QStringList>{{QStringLiteral("a"), QString()}}));
        QCOMPARE(parseOk("\xEF\xBB\xBFkey\n"), (QList<QStringList>{{QStringLiteral("key")}}));
        QCOMPARE(parseOk("a\rb\r"), (QList<QStringList>{{QStringLiteral("a")}, {QStringLiteral("b")}}));
    }

    void malformed_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("expected");
        QTest::newRow("unclosed quote") << QByteArray("a,b\nc,\"open\n\n")
                                        << QStringLiteral("line 2: quoted field is not closed");
        QTest::newRow("text after quote")
            << QByteArray("\"a\"b,c\n") << QStringLiteral("line 1: text after the closing quote of field 1");
        QTest::newRow("bare quote") << QByteArray("a,b\"c\n")
                                    << QStringLiteral("line 1: quote inside unquoted field 2");
        QTest::newRow("latin-1") << QByteArray("ok\nJ\xfcrgen,x\n")
                                 << QStringLiteral("line 2: field 1 is not valid UTF-8");
        QTest::newRow("huge field") << QByteArray(CsvReader::kMaxFieldBytes + 10, 'x')
                                    << QStringLiteral("line 1: field longer than");
        QTest::newRow("too many fields") << QByteArray(CsvReader::kMaxFields + 5, ',')
                                         << QStringLiteral("line 1: more than 4096 fields");
    }
    void malformed()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, expected);
        QBuffer device;
        device.setData(bytes);
        device.open(QIODevice::ReadOnly);
        CsvReader reader(&device, QStringLiteral("bad.csv"));
        QList<QStringList> rows;
        QVERIFY(!reader.readAll(&rows));
        const QString error = reader.errorString();
        QVERIFY2(error.startsWith(QStringLiteral("bad.csv: ")) && error.contains(expected), qPrintable(error));
    }

    void writerReportsDeviceFailure()
    {
        QBuffer buffer;
        QVERIFY(buffer.open(QIODevice::ReadOnly)); // not writable
        CsvWriter writer(&buffer, QStringLiteral("ro.csv"));
        QVERIFY(!writer.writeRow({QStringLiteral("x")}));
        QVERIFY(writer.errorString().startsWith(QStringLiteral("ro.csv: cannot write")));
        QVERIFY(!writer.writeRow({QStringLiteral("y")})); // sticky
    }
};

QTEST_GUILESS_MAIN(TestCsv)
#include "TestCsv.moc"
