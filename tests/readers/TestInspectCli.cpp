#include "tests/support/TestSupport.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

// `tinycurator-cli inspect` on every fixture format: the JSON report is parsed and checked
// against independent figures (numpy's label counts, a scan of the metadata file done here).
class TestInspectCli final : public QObject {
    Q_OBJECT

    static QJsonObject inspectJson(const QStringList &args)
    {
        const auto r = tc::test::runCli(QStringList{QStringLiteral("inspect"), QStringLiteral("--json")} + args);
        if (r.exitCode != 0)
            qWarning("inspect failed: %s", r.err.constData());
        return QJsonDocument::fromJson(r.out).object();
    }
    static QMap<int, qint64> counts(const QJsonObject &report)
    {
        QMap<int, qint64> m;
        for (const auto &v : report.value(QStringLiteral("label_counts")).toArray())
            m.insert(v.toObject().value(QStringLiteral("label")).toInt(),
                     v.toObject().value(QStringLiteral("count")).toInteger());
        return m;
    }

private slots:
    void formats_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("format");
        QTest::addColumn<int>("images");
        QTest::newRow("py folder") << "world-small/cifar-10-batches-py"
                                   << "cifar-python-folder" << 1000;
        QTest::newRow("py batch") << "world-small/cifar-10-batches-py/test_batch"
                                  << "cifar-python" << 500;
        QTest::newRow("py meta") << "world-small/cifar-10-batches-py/batches.meta"
                                 << "cifar-python" << 0;
        QTest::newRow("py3 protocol 2") << "pickle-variants/py3-protocol2/test_batch"
                                        << "cifar-python" << 500;
        QTest::newRow("py3 protocol 4") << "pickle-variants/py3-protocol4/test_batch"
                                        << "cifar-python" << 500;
        QTest::newRow("bin folder") << "world-small/cifar-10-batches-bin"
                                    << "cifar-binary-folder" << 1000;
        QTest::newRow("bin batch") << "world-small/cifar-10-batches-bin/test_batch.bin"
                                   << "cifar-binary" << 500;
        QTest::newRow("npy") << "world-small/cifar10.1/cifar10.1_v6_data.npy"
                             << "npy" << 200;
        QTest::newRow("catalog") << "world-small/keyword_counts.json"
                                 << "keyword-catalog" << -1;
        QTest::newRow("tiny") << "world-small/tinyimages"
                              << "tiny-images" << -1;
    }
    void formats()
    {
        TC_REQUIRE_SHARED();
        QFETCH(QString, path);
        QFETCH(QString, format);
        QFETCH(int, images);
        const QJsonObject r = inspectJson({tc::test::fixture(path)});
        QCOMPARE(r.value(QStringLiteral("format")).toString(), format);
        if (images >= 0)
            QCOMPARE(r.value(QStringLiteral("images")).toInt(-1), images);
    }

    // Label counts of the python and binary folders agree, and match numpy's count.
    void labelCountsMatchNumpy()
    {
        TC_REQUIRE_SHARED();
        TC_REQUIRE_PYTHON("numpy");
        const QString dir = tc::test::fixture(QStringLiteral("world-small/cifar-10-batches-py"));
        const auto py = tc::test::runPython(
            QStringLiteral("import pickle, sys, json, collections\n"
                           "c = collections.Counter()\n"
                           "for b in ('data_batch_1', 'data_batch_2'):\n"
                           "    c.update(pickle.load(open(sys.argv[1] + '/' + b, 'rb'), encoding='bytes')[b'labels'])\n"
                           "print(json.dumps({str(k): v for k, v in c.items()}))\n"),
            {dir});
        QCOMPARE(py.exitCode, 0);
        QMap<int, qint64> expected;
        const QJsonObject o = QJsonDocument::fromJson(py.out).object();
        for (auto it = o.begin(); it != o.end(); ++it)
            expected.insert(it.key().toInt(), it.value().toInteger());
        QCOMPARE(counts(inspectJson({dir})), expected);
        QCOMPARE(counts(inspectJson({tc::test::fixture(QStringLiteral("world-small/cifar-10-batches-bin"))})),
                 expected);
    }

    // The keyword range against a scan of the 768-byte metadata records, done here.
    void tinyKeywordRange()
    {
        TC_REQUIRE_SHARED();
        const QString dir = tc::test::fixture(QStringLiteral("world-small/tinyimages"));
        QFile meta(dir + QStringLiteral("/tiny_metadata.bin"));
        QVERIFY(meta.open(QIODevice::ReadOnly));
        const QByteArray all = meta.readAll();
        const qint64 records = all.size() / 768;
        qint64 begin = -1, end = -1;
        QSet<QByteArray> distinct;
        for (qint64 i = 0; i < records; ++i) {
            const QByteArray kw = all.mid(i * 768, 80).trimmed();
            distinct.insert(kw);
            if (kw == "airbus") {
                if (begin < 0)
                    begin = i;
                end = i + 1;
            }
        }
        const QJsonObject r = inspectJson({dir, QStringLiteral("--keyword"), QStringLiteral("airbus")});
        QCOMPARE(r.value(QStringLiteral("records")).toInteger(), records);
        QCOMPARE(r.value(QStringLiteral("distinct_keywords")).toInteger(), qint64(distinct.size()));
        const QJsonObject k = r.value(QStringLiteral("keyword")).toObject();
        QCOMPARE(k.value(QStringLiteral("begin")).toInteger(), begin);
        QCOMPARE(k.value(QStringLiteral("end")).toInteger(), end);
        const auto text =
            tc::test::runCli({QStringLiteral("inspect"), dir, QStringLiteral("--keyword"), QStringLiteral("airbus")});
        QCOMPARE(text.exitCode, 0);
        QVERIFY2(text.out.contains(QStringLiteral("keyword 'airbus': count %3, records [%1, %2)")
                                       .arg(begin)
                                       .arg(end)
                                       .arg(end - begin)
                                       .toUtf8()),
                 text.out.constData());
    }

    void damagedInput_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("expected");
        QTest::newRow("truncated pickle") << QByteArray("\x80\x02}q\x00(U\x04\x64\x61ta", 12) << "truncated";
        QTest::newRow("evil pickle") << QByteArray("\x80\x02\x63os\nsystem\n.", 14)
                                     << "global 'os.system' is not allowed";
        const QByteArray header("{'descr': '|O', 'fortran_order': False, 'shape': (2,), }\n");
        QTest::newRow("npy object") << QByteArray("\x93NUMPY\x01\x00", 8) + char(header.size()) + '\0' + header +
                                           QByteArray(16, 0)
                                    << "object arrays";
        QTest::newRow("bad json") << QByteArray("{\"airplane\": {\"jet\": ") << ""; // wording is KeywordCatalog's
        QTest::newRow("corrupt zip") << QByteArray("PK\x03\x04garbage", 11) << "zip";
        QTest::newRow("unknown") << QByteArray("hello world") << "unrecognized format";
    }
    void damagedInput()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("input"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(bytes);
        f.close();
        const auto r = tc::test::runCli({QStringLiteral("inspect"), path});
        QCOMPARE(r.exitCode, 1);
        const QString err = QString::fromUtf8(r.err).trimmed();
        QVERIFY2(!err.contains(QLatin1Char('\n')), qPrintable(err));
        QVERIFY2(err.startsWith(path), qPrintable(err));
        QVERIFY2(err.contains(expected, Qt::CaseInsensitive), qPrintable(err));
        QVERIFY(r.out.isEmpty());
    }

    void usage()
    {
        QCOMPARE(tc::test::runCli({QStringLiteral("inspect")}).exitCode, 2);
        QCOMPARE(tc::test::runCli({QStringLiteral("inspect"), QStringLiteral("/nonexistent/path")}).exitCode, 1);
    }
};

QTEST_GUILESS_MAIN(TestInspectCli)
#include "TestInspectCli.moc"
