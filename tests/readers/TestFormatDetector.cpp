#include "core/readers/FormatDetector.h"
#include "core/readers/ImageSetLoader.h"
#include "tests/support/TestSupport.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace tc::core;

// Recognition by content: the fixture files plus files written here whose names say nothing.
class TestFormatDetector final : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

    QString write(const QString &name, const QByteArray &bytes)
    {
        QFile f(m_dir.filePath(name));
        if (f.open(QIODevice::WriteOnly))
            f.write(bytes);
        return f.fileName();
    }

private slots:
    void fixtures_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<DataFormat>("format");
        QTest::newRow("tiny dir") << "world-small/tinyimages" << DataFormat::TinyImages;
        QTest::newRow("tiny file") << "world-small/tinyimages/tiny_images.bin" << DataFormat::TinyImages;
        QTest::newRow("py folder") << "world-small/cifar-10-batches-py" << DataFormat::CifarPythonFolder;
        QTest::newRow("py meta") << "pickle-variants/py3-protocol4/batches.meta" << DataFormat::CifarPython;
        QTest::newRow("bin folder") << "world-small/cifar-10-batches-bin" << DataFormat::CifarBinaryFolder;
        QTest::newRow("bin batch") << "world-small/cifar-10-batches-bin/data_batch_2.bin" << DataFormat::CifarBinary;
        QTest::newRow("npy") << "world-small/cifar10.1/cifar10.1_v6_labels.npy" << DataFormat::Npy;
        QTest::newRow("catalog") << "world-small/keyword_counts.json" << DataFormat::KeywordCatalog;
        QTest::newRow("truth.csv") << "world-small/truth.csv" << DataFormat::Unknown;
        QTest::newRow("labelimg xml dir") << "world-small/labelimg" << DataFormat::Unknown;
    }
    void fixtures()
    {
        TC_REQUIRE_SHARED();
        QFETCH(QString, path);
        QFETCH(DataFormat, format);
        FormatDetector detector;
        QCOMPARE(detector.detect(tc::test::fixture(path)), format);
        if (format == DataFormat::Unknown)
            QVERIFY(!detector.errorString().isEmpty());
    }

    void imageFolder()
    {
        TC_REQUIRE_SHARED();
        QCOMPARE(FormatDetector().detect(tc::test::sharedData(QStringLiteral("cifar10-jpg/test"))),
                 DataFormat::ImageFolder);
    }

    // Misleading names: content decides.
    void contentNotName_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<DataFormat>("format");
        QTest::newRow("zip named .npy") << "a.npy" << QByteArray("PK\x05\x06", 4) + QByteArray(18, 0)
                                        << DataFormat::Npz;
        QTest::newRow("npy named .json") << "b.json" << QByteArray("\x93NUMPY\x01\x00", 8) << DataFormat::Npy;
        QTest::newRow("pickle named .bin") << "c.bin" << QByteArray("\x80\x04N.", 4) << DataFormat::CifarPython;
        QTest::newRow("protocol 0 dict") << "d" << QByteArray("(dp0\nS'a'\np1\nI1\ns.") << DataFormat::CifarPython;
        QTest::newRow("CIFAR-10 records") << "e.pkl" << QByteArray(3 * 3073, '\x02') << DataFormat::CifarBinary;
        QTest::newRow("CIFAR-100 records") << "f" << QByteArray(2 * 3074, '\x13') << DataFormat::CifarBinary;
        QTest::newRow("label byte out of range") << "g" << QByteArray(3073, '\x7f') << DataFormat::Unknown;
        QTest::newRow("empty") << "h" << QByteArray() << DataFormat::Unknown;
        QTest::newRow("text") << "i.npz" << QByteArray("hello") << DataFormat::Unknown;
    }
    void contentNotName()
    {
        QFETCH(QString, name);
        QFETCH(QByteArray, bytes);
        QFETCH(DataFormat, format);
        QCOMPARE(FormatDetector().detect(write(name, bytes)), format);
    }

    void loaderNamesFileAndProblem()
    {
        ImageSet set;
        ImageSetLoader loader;
        const QString text = write(QStringLiteral("notes.txt"), "just text");
        QVERIFY(!loader.load(text, set));
        QVERIFY2(loader.errorString().startsWith(text + QStringLiteral(": unrecognized format")),
                 qPrintable(loader.errorString()));
        const QString evil = write(QStringLiteral("evil.pkl"), QByteArray("\x80\x02\x63posix\nsystem\n.", 17));
        QVERIFY(!loader.load(evil, set));
        QVERIFY2(loader.errorString().startsWith(evil + QStringLiteral(": global 'posix.system' is not allowed")),
                 qPrintable(loader.errorString()));
        QVERIFY(!loader.load(QDir(m_dir.path()).filePath(QStringLiteral("missing")), set));
        QVERIFY(loader.errorString().contains(QStringLiteral("does not exist")));
    }

    void loaderReadsFixtures()
    {
        TC_REQUIRE_SHARED();
        ImageSet py, bin;
        ImageSetLoader loader;
        QVERIFY2(loader.load(tc::test::fixture(QStringLiteral("world-small/cifar-10-batches-py")), py),
                 qPrintable(loader.errorString()));
        QCOMPARE(loader.format(), DataFormat::CifarPythonFolder);
        QVERIFY2(loader.load(tc::test::fixture(QStringLiteral("world-small/cifar-10-batches-bin")), bin),
                 qPrintable(loader.errorString()));
        QCOMPARE(loader.format(), DataFormat::CifarBinaryFolder);
        // Two formats, two readers, the same bytes.
        QCOMPARE(py.pixels, bin.pixels);
        QCOMPARE(py.labels, bin.labels);
    }
};

QTEST_GUILESS_MAIN(TestFormatDetector)
#include "TestFormatDetector.moc"
