// SaveFile: all or nothing, and the error that reaches the user names the file. Writers use the
// static form so that their own, more specific error survives when it was their write that failed.
#include "core/writers/CifarBinaryWriter.h"
#include "core/writers/CifarPythonWriter.h"
#include "core/writers/SaveFile.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace tc::core;

class TestSaveFile final : public QObject {
    Q_OBJECT
private slots:
    void writesAllOrNothing()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("out.bin"));
        SaveFile file;
        QVERIFY(file.save(path, [](QIODevice *d) { return d->write("first") == 5; }));
        QVERIFY(!file.save(path, [](QIODevice *d) { return d->write("second, cut short") > 0 && false; }));
        QVERIFY(file.errorString().isEmpty()); // the writer's failure: it says why, not SaveFile
        QFile in(path);
        QVERIFY(in.open(QIODevice::ReadOnly));
        QCOMPARE(in.readAll(), QByteArray("first")); // the old file is untouched
    }

    void namesTheFileItCannotCreate()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("no such folder/out.bin"));
        QString error = QStringLiteral("left from before");
        QVERIFY(!SaveFile::save(
            path, [](QIODevice *) { return true; }, error));
        QVERIFY2(error.startsWith(path + QStringLiteral(": cannot create")), qPrintable(error));
    }

    void keepsTheWritersError()
    {
        QTemporaryDir dir;
        QString error;
        QVERIFY(!SaveFile::save(
            dir.filePath(QStringLiteral("out.bin")),
            [&](QIODevice *) {
                error = QStringLiteral("image 7 has no label");
                return false;
            },
            error));
        QCOMPARE(error, QStringLiteral("image 7 has no label"));
        QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("out.bin"))));
    }

    void writersNameTheBatchTheyCannotCreate()
    {
        QTemporaryDir dir;
        const QString missing = dir.filePath(QStringLiteral("gone"));
        ImageSet set;
        set.labelNames = {QStringLiteral("a")};
        set.labels = {0};
        set.pixels.assign(kImageBytes, 1);
        CifarBinaryWriter binary;
        QVERIFY(!binary.writeFolder(missing, set, set, 1));
        QVERIFY2(binary.errorString().startsWith(missing + QStringLiteral("/data_batch_1.bin: cannot create")),
                 qPrintable(binary.errorString()));
        CifarPythonWriter python;
        QVERIFY(!python.writeFolder(missing, set, set, 1));
        QVERIFY2(python.errorString().startsWith(missing + QStringLiteral("/data_batch_1: cannot create")),
                 qPrintable(python.errorString()));
    }
};

QTEST_GUILESS_MAIN(TestSaveFile)
#include "TestSaveFile.moc"
