// Full disks and read-only folders, for real: a small tmpfs (mounted by the test; skipped where
// mounting is not allowed) and a directory made immutable with chattr +i (which stops root too,
// unlike permission bits: these tests run as root). Decisions confirmed before the disk filled
// stay; an export that does not fit leaves no file that looks complete; messages name the path.
#include "HardeningSupport.h"
#include "core/readers/CifarPythonReader.h"
#include "core/writers/CifarPythonWriter.h"
#include "tests/writers/WriterTestData.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStorageInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace tc::core;
using namespace tc::test::hardening;

namespace {

bool run(const QString &program, const QStringList &args)
{
    QProcess p;
    p.start(program, args);
    return p.waitForFinished(30000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
}

// Fills the file system of dir until about `leave` bytes are left.
bool fillDisk(const QString &dir, qint64 leave)
{
    QFile filler(dir + QStringLiteral("/filler"));
    if (!filler.open(QIODevice::WriteOnly | QIODevice::Append))
        return false;
    const QByteArray block(4096, 'x');
    QStorageInfo info(dir);
    while (true) {
        info.refresh();
        if (info.bytesAvailable() <= leave || filler.write(block) != block.size())
            break;
        filler.flush();
    }
    return true;
}

} // namespace

class TestFullDisk final : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_mount;
    QString m_immutable;

private slots:
    void initTestCase()
    {
        m_mount = m_dir.filePath(QStringLiteral("tmpfs"));
        QDir().mkpath(m_mount);
        if (!run(QStringLiteral("mount"), {"-t", "tmpfs", "-o", "size=4m", "tmpfs", m_mount}))
            m_mount.clear();
        m_immutable = m_dir.filePath(QStringLiteral("readonly"));
        QDir().mkpath(m_immutable);
        QVERIFY(makeSmallProject(m_immutable + QStringLiteral("/p.tcproj")));
        if (!run(QStringLiteral("chattr"), {"+i", m_immutable}))
            m_immutable.clear();
    }
    void cleanupTestCase()
    {
        if (!m_mount.isEmpty())
            run(QStringLiteral("umount"), {m_mount});
        if (!m_immutable.isEmpty())
            run(QStringLiteral("chattr"), {"-i", m_immutable});
    }

    void decisionsOnAFullDiskFailCleanly()
    {
        if (m_mount.isEmpty())
            QSKIP("cannot mount a tmpfs here (needs root / CAP_SYS_ADMIN)");
        const QString path = m_mount + QStringLiteral("/p.tcproj");
        QVERIFY(makeSmallProject(path, 40)); // 120 candidates, 370 KB of pixels
        // The disk fills while the project is open (opening on a full disk is refused earlier: the
        // lock file cannot be created, and the message says so).
        Project project;
        QVERIFY2(project.open(path), qPrintable(project.errorString()));
        QVERIFY(fillDisk(m_mount, 16 * 1024));
        QList<qint64> confirmed;
        QString error;
        for (qint64 id = 1; id <= 120 && error.isEmpty(); ++id) {
            if (project.recordDecision(id, Verdict::Accept,
                                       QStringLiteral("ann with a long name to fill pages faster")))
                confirmed << id;
            else
                error = project.errorString();
        }
        QVERIFY2(!error.isEmpty(), "120 decisions fitted in 16 KB: the disk never filled");
        QVERIFY2(error.contains(path) && error.contains(QStringLiteral("full")), qPrintable(error));
        project.close();
        QVERIFY(QFile::remove(m_mount + QStringLiteral("/filler")));
        QCOMPARE(integrityCheck(path), QStringLiteral("ok"));
        Project reopened;
        QVERIFY2(reopened.open(path), qPrintable(reopened.errorString()));
        for (qint64 id : confirmed)
            QVERIFY2(reopened.verdict(id, QStringLiteral("ann with a long name to fill pages faster")) ==
                         Verdict::Accept,
                     qPrintable(QStringLiteral("confirmed decision %1 lost").arg(id)));
        QVERIFY(reopened.recordDecision(120, Verdict::Reject, QStringLiteral("ann"))); // space again: works again
    }

    void exportThatDoesNotFitLeavesNoCompleteLookingFile()
    {
        if (m_mount.isEmpty())
            QSKIP("cannot mount a tmpfs here (needs root / CAP_SYS_ADMIN)");
        const QString out = m_mount + QStringLiteral("/export");
        QVERIFY(QDir().mkpath(out));
        const ImageSet set = tc::test::syntheticSet(1000); // 2 x 3 MB of batches into a 4 MB disk
        CifarPythonWriter writer;
        QVERIFY(!writer.writeFolder(out, set, set, 5));
        QVERIFY2(writer.errorString().contains(out), qPrintable(writer.errorString()));
        // Whatever is left must be a whole batch that loads; no truncated file under a final name.
        for (const QString &name : QDir(out).entryList(QDir::Files)) {
            CifarPythonReader reader;
            ImageSet back;
            QVERIFY2(
                reader.read(out + QLatin1Char('/') + name, back),
                qPrintable(QStringLiteral("%1 left behind and does not load: %2").arg(name, reader.errorString())));
        }
    }

    void readOnlyProjectFolderIsRefusedWithAClearMessage()
    {
        if (m_immutable.isEmpty())
            QSKIP("chattr +i is not available on this file system");
        Project project;
        QVERIFY(!project.create(m_immutable + QStringLiteral("/new.tcproj")));
        QVERIFY2(project.errorString().contains(m_immutable), qPrintable(project.errorString()));
        QVERIFY(!project.open(m_immutable + QStringLiteral("/p.tcproj")));
        QVERIFY2(project.errorString().contains(QStringLiteral("read-only")), qPrintable(project.errorString()));
        // Readers need no lock and, for a project without a -wal, no -wal or -shm: it reads as it is.
        QVERIFY2(project.openReadOnly(m_immutable + QStringLiteral("/p.tcproj")), qPrintable(project.errorString()));
        QCOMPARE(project.candidateCount(), 12);
    }

    void readOnlyProjectFileIsReadButNotWritten()
    {
        if (m_immutable.isEmpty())
            QSKIP("chattr +i is not available on this file system");
        const QString path = m_dir.filePath(QStringLiteral("immutable-file.tcproj"));
        QVERIFY(makeSmallProject(path));
        QVERIFY(run(QStringLiteral("chattr"), {"+i", path}));
        Project project;
        const bool opened = project.open(path); // SQLite alone would open it read-only and fail later
        const Project::OpenFailure failure = project.openFailure();
        const QString error = project.errorString();
        const bool read = project.openReadOnly(path) && project.candidateCount() == 12;
        project.close();
        QVERIFY(run(QStringLiteral("chattr"), {"-i", path}));
        QVERIFY(!opened);
        QCOMPARE(failure, Project::OpenFailure::CannotLock); // the GUI opens it read-only instead
        QVERIFY2(error.contains(path) && error.contains(QStringLiteral("read-only")), qPrintable(error));
        QVERIFY(read);
    }

    void readOnlyExportFolderIsRefusedWithAClearMessage()
    {
        if (m_immutable.isEmpty())
            QSKIP("chattr +i is not available on this file system");
        CifarPythonWriter writer;
        QVERIFY(!writer.writeFolder(m_immutable, tc::test::syntheticSet(4), tc::test::syntheticSet(2), 1));
        QVERIFY2(writer.errorString().contains(m_immutable), qPrintable(writer.errorString()));
        QCOMPARE(QDir(m_immutable).entryList(QDir::Files), QStringList{QStringLiteral("p.tcproj")});
    }
};

QTEST_GUILESS_MAIN(TestFullDisk)
#include "TestFullDisk.moc"
