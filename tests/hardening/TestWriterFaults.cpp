// Writers against devices that fail: a disk that fills up after N bytes (every writer must return
// false with a message, at every cut point), and a device that accepts only part of each write
// (the bytes must still come out complete, or the writer must report failure - never a silently
// truncated file).
#include "core/writers/CifarBinaryWriter.h"
#include "core/writers/CifarPythonWriter.h"
#include "core/writers/NpyWriter.h"
#include "core/writers/NpzWriter.h"
#include "tests/writers/WriterTestData.h"

#include <QBuffer>
#include <QTest>
#include <functional>

using namespace tc::core;

// One writer run into a device; false with the writer's message in *error.
using WriteFn = std::function<bool(QIODevice *, QString *)>;
Q_DECLARE_METATYPE(WriteFn)

namespace {

// A disk with `capacity` bytes free (capacity < 0: unlimited) whose writes also may be short
// (at most `chunk` bytes accepted per call, like a pipe or a network file system).
class FaultyDevice final : public QIODevice {
public:
    FaultyDevice(qint64 capacity, qint64 chunk = 1 << 30) : m_capacity(capacity), m_chunk(chunk)
    {
        open(QIODevice::WriteOnly);
    }
    QByteArray data;

protected:
    qint64 readData(char *, qint64) override { return -1; }
    qint64 writeData(const char *bytes, qint64 len) override
    {
        if (m_capacity >= 0 && data.size() >= m_capacity) {
            setErrorString(QStringLiteral("No space left on device"));
            return -1;
        }
        qint64 n = std::min(len, m_chunk);
        if (m_capacity >= 0)
            n = std::min(n, m_capacity - data.size());
        data.append(bytes, n);
        return n;
    }

private:
    qint64 m_capacity, m_chunk;
};

const ImageSet &sampleSet()
{
    static const ImageSet set = tc::test::syntheticSet(5);
    return set;
}

WriteFn cifarPythonBatch()
{
    return [](QIODevice *d, QString *e) {
        CifarPythonWriter w;
        const bool ok = w.writeBatch(d, sampleSet(), 0, 5, QStringLiteral("testing batch 1 of 1"));
        *e = w.errorString();
        return ok;
    };
}

WriteFn cifarBinaryBatch()
{
    return [](QIODevice *d, QString *e) {
        CifarBinaryWriter w;
        const bool ok = w.writeBatch(d, sampleSet(), 0, 5);
        *e = w.errorString();
        return ok;
    };
}

WriteFn npyImages()
{
    return [](QIODevice *d, QString *e) {
        NpyWriter w;
        const bool ok = w.write(d, NpyArray::images(sampleSet()));
        *e = w.errorString();
        return ok;
    };
}

WriteFn npzArchive()
{
    return [](QIODevice *d, QString *e) {
        NpzWriter w(d);
        const bool ok = w.add(QStringLiteral("images"), NpyArray::images(sampleSet())) &&
                        w.add(QStringLiteral("labels"), NpyArray::int64s(std::span<const int>(sampleSet().labels))) &&
                        w.finish();
        *e = w.errorString();
        return ok;
    };
}

} // namespace

class TestWriterFaults final : public QObject {
    Q_OBJECT

    void addWriters()
    {
        QTest::addColumn<WriteFn>("write");
        QTest::newRow("cifar python batch") << cifarPythonBatch();
        QTest::newRow("cifar binary batch") << cifarBinaryBatch();
        QTest::newRow("npy images") << npyImages();
        QTest::newRow("npz archive") << npzArchive();
    }

    static QByteArray reference(const WriteFn &write)
    {
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        QString error;
        if (!write(&buffer, &error))
            qFatal("reference write failed: %s", qPrintable(error));
        return buffer.data();
    }

private slots:
    void fullDiskAtEveryCut_data() { addWriters(); }
    void fullDiskAtEveryCut()
    {
        QFETCH(WriteFn, write);
        const QByteArray full = reference(write);
        // Cut points: the start, the headers byte by byte, then spread over the pixels, the last byte.
        QList<qint64> cuts;
        for (qint64 c = 0; c < std::min<qint64>(300, full.size()); ++c)
            cuts << c;
        for (qint64 c = 300; c < full.size(); c += 997)
            cuts << c;
        cuts << full.size() - 1;
        for (qint64 cut : cuts) {
            FaultyDevice disk(cut);
            QString error;
            QVERIFY2(
                !write(&disk, &error),
                qPrintable(QStringLiteral("reported success with %1 of %2 bytes written").arg(cut).arg(full.size())));
            QVERIFY2(!error.isEmpty(), qPrintable(QStringLiteral("no message at cut %1").arg(cut)));
        }
    }

    void shortWritesKeepEveryByte_data() { addWriters(); }
    void shortWritesKeepEveryByte()
    {
        QFETCH(WriteFn, write);
        const QByteArray full = reference(write);
        for (qint64 chunk : {1000, 4096, 65535}) {
            FaultyDevice pipe(-1, chunk);
            QString error;
            const bool ok = write(&pipe, &error);
            QVERIFY2(!ok || pipe.data == full, qPrintable(QStringLiteral("success reported but %1 of %2 bytes arrived "
                                                                         "(device accepting %3 bytes per write)")
                                                              .arg(pipe.data.size())
                                                              .arg(full.size())
                                                              .arg(chunk)));
            QVERIFY2(ok || !error.isEmpty(), "failure without a message");
        }
    }

    void exactCapacityIsEnough_data() { addWriters(); }
    void exactCapacityIsEnough()
    {
        QFETCH(WriteFn, write);
        const QByteArray full = reference(write);
        FaultyDevice disk(full.size());
        QString error;
        QVERIFY2(write(&disk, &error), qPrintable(error));
        QCOMPARE(disk.data, full);
    }
};

QTEST_GUILESS_MAIN(TestWriterFaults)
#include "TestWriterFaults.moc"
