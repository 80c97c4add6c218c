// Names that come from outside data (class and keyword names, file names, LabelImg <path>s) with
// spaces, non-ASCII, "..", separators and absolute components: they are carried as data, never
// turned into a location outside the folder the user chose.
#include "HardeningSupport.h"
#include "core/project/FolderImport.h"
#include "core/project/LabelImgImport.h"
#include "core/readers/CifarPythonReader.h"
#include "core/writers/CifarBinaryWriter.h"
#include "core/writers/CifarPythonWriter.h"
#include "tests/writers/WriterTestData.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace tc::core;

namespace {

const QStringList kHostile{QStringLiteral("../../escaped"),
                           QStringLiteral("/tmp/absolute"),
                           QStringLiteral("..\\..\\windows"),
                           QStringLiteral("jet liner"),
                           QStringLiteral("caf\u00e9 \u00fc\u4e2d"),
                           QStringLiteral("a/b"),
                           QStringLiteral(".."),
                           QStringLiteral("C:\\evil"),
                           QStringLiteral("nul\u0001ctl"),
                           QStringLiteral("tabby")};

// Every file under root, relative to it.
QStringList filesUnder(const QString &root)
{
    QStringList files;
    QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext())
        files << QDir(root).relativeFilePath(it.next());
    files.sort();
    return files;
}

bool writeXml(const QString &path, const QString &imagePath)
{
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return false;
    f.write(QStringLiteral("<annotation><folder>x</folder><filename>f.jpg</filename><path>%1</path></annotation>")
                .arg(imagePath.toHtmlEscaped())
                .toUtf8());
    return true;
}

// A 32x32 24-bit BMP of one colour (the core test libraries do not link QtGui's QImage).
QByteArray solidBmp(char blue)
{
    QByteArray bmp;
    const auto le32 = [&bmp](quint32 v) {
        for (int i = 0; i < 4; ++i)
            bmp.append(char(v >> (8 * i)));
    };
    const auto le16 = [&bmp](quint16 v) {
        bmp.append(char(v));
        bmp.append(char(v >> 8));
    };
    bmp.append("BM");
    le32(54 + 32 * 32 * 3);
    le32(0);
    le32(54);
    le32(40);
    le32(32);
    le32(32);
    le16(1);
    le16(24);
    le32(0);
    le32(32 * 32 * 3);
    le32(2835);
    le32(2835);
    le32(0);
    le32(0);
    bmp.append(QByteArray(32 * 32 * 3, blue));
    return bmp;
}

} // namespace

class TestHostilePaths final : public QObject {
    Q_OBJECT

private slots:
    // Label names and file names end up inside the batch files only; the folder holds exactly
    // the files of the format, and the sandbox around it stays empty.
    void writersKeepNamesAsData()
    {
        QTemporaryDir sandbox;
        const QString out = sandbox.filePath(QStringLiteral("export"));
        QVERIFY(QDir().mkpath(out + QStringLiteral("/py")) && QDir().mkpath(out + QStringLiteral("/bin")));
        ImageSet set = tc::test::syntheticSet(10);
        set.labelNames = kHostile;
        for (int i = 0; i < 10; ++i)
            set.filenames[i] = kHostile[i] + QStringLiteral(".png");
        CifarPythonWriter py;
        QVERIFY2(py.writeFolder(out + QStringLiteral("/py"), set, set, 2), qPrintable(py.errorString()));
        CifarBinaryWriter bin;
        QVERIFY2(bin.writeFolder(out + QStringLiteral("/bin"), set, set, 2), qPrintable(bin.errorString()));
        QCOMPARE(filesUnder(sandbox.path()),
                 QStringList({"export/bin/batches.meta.txt", "export/bin/data_batch_1.bin",
                              "export/bin/data_batch_2.bin", "export/bin/test_batch.bin", "export/py/batches.meta",
                              "export/py/data_batch_1", "export/py/data_batch_2", "export/py/test_batch"}));
        CifarPythonReader reader;
        ImageSet back;
        QVERIFY2(reader.read(out + QStringLiteral("/py/test_batch"), back), qPrintable(reader.errorString()));
        QCOMPARE(back.labelNames, kHostile); // carried through intact, as data
        QCOMPARE(back.filenames, set.filenames);
    }

    // LabelImg paths name a candidate by their last three components; ".." or absolute prefixes
    // select nothing else and the import writes no file anywhere.
    void labelImgPathsOnlySelectCandidates()
    {
        QTemporaryDir dir;
        const QString projectPath = dir.filePath(QStringLiteral("p.tcproj"));
        Project project;
        QVERIFY(project.create(projectPath));
        QVERIFY(project.defineCatalog(
            {{QStringLiteral("air plane"), {{QStringLiteral("jet liner"), 1}, {QStringLiteral("caf\u00e9"), 1}}}}));
        QVERIFY(project.database().exec(
            QStringLiteral("INSERT INTO candidates(keyword_id, tiny_index, keyword_pos, pixels) VALUES "
                           "(1, 10, 0, zeroblob(3072)), (1, 11, 1, zeroblob(3072)), (2, 20, 0, zeroblob(3072));")));
        const QString xmlDir = dir.filePath(QStringLiteral("xml"));
        QVERIFY(QDir().mkpath(xmlDir));
        const QStringList paths{
            QStringLiteral("C:\\data\\air plane\\jet liner\\jet liner_1.jpg"), // maps: spaces, Windows separators
            QStringLiteral("/abs/root/air plane/caf\u00e9/caf\u00e9_0.jpg"),   // maps: non-ASCII, absolute
            QStringLiteral("../../air plane/jet liner/../jet liner_0.jpg"),    // ".." as a keyword: no match
            QStringLiteral("air plane/jet liner/../../etc/passwd"),            // not a LabelImg image name
            QStringLiteral("/etc/shadow"),
            QStringLiteral("..\\..\\..\\air plane\\jet liner\\jet liner_99.jpg"), // no such record
        };
        for (int i = 0; i < paths.size(); ++i)
            QVERIFY(writeXml(QStringLiteral("%1/%2.xml").arg(xmlDir).arg(i), paths[i]));
        QStringList before = filesUnder(dir.path());
        LabelImgImport import(project);
        QVERIFY(!import.run(xmlDir, QStringLiteral("ann"))); // all or nothing: 4 files map to no candidate
        QCOMPARE(import.report().issues.size(), 4);
        QCOMPARE(project.verdict(2, QStringLiteral("ann")), Verdict::None);
        for (int i = 2; i < paths.size(); ++i) {
            QVERIFY(QFile::remove(QStringLiteral("%1/%2.xml").arg(xmlDir).arg(i)));
            before.removeAll(QStringLiteral("xml/%1.xml").arg(i));
        }
        QVERIFY2(import.run(xmlDir, QStringLiteral("ann")), qPrintable(import.errorString()));
        QCOMPARE(import.report().inserted, 2);
        QCOMPARE(project.verdict(2, QStringLiteral("ann")), Verdict::Accept); // jet liner_1
        QCOMPARE(project.verdict(3, QStringLiteral("ann")), Verdict::Accept); // café_0
        QCOMPARE(project.verdict(1, QStringLiteral("ann")), Verdict::None);
        QStringList after = filesUnder(dir.path());
        after.removeIf([](const QString &f) { return f.startsWith(QStringLiteral("p.tcproj")); }); // -wal, -shm, lock
        QStringList expected = before;
        expected.removeIf([](const QString &f) { return f.startsWith(QStringLiteral("p.tcproj")); });
        QCOMPARE(after, expected);
    }

    // Folders and files with spaces and non-ASCII names import as candidates; the import reads
    // the tree and writes nothing into it.
    void folderImportWithUnusualNames()
    {
        QTemporaryDir dir;
        const QString root = dir.filePath(QStringLiteral("images"));
        const QStringList files{QStringLiteral("air plane/jet liner/a b.bmp"),
                                QStringLiteral("air plane/caf\u00e9/\u00fc\u4e2d.bmp"),
                                QStringLiteral("cat/tabby/dots..in..name.bmp")};
        for (int i = 0; i < files.size(); ++i) {
            QVERIFY(QDir().mkpath(QFileInfo(root + QLatin1Char('/') + files[i]).path()));
            QFile f(root + QLatin1Char('/') + files[i]);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(solidBmp(char(40 * i)));
        }
        const QStringList before = filesUnder(root);
        Project project;
        QVERIFY(project.create(dir.filePath(QStringLiteral("p.tcproj"))));
        FolderImport import(project);
        QVERIFY2(import.run(root), qPrintable(import.errorString()));
        QCOMPARE(import.report().inserted, 3);
        QVERIFY(project.keywordByName(QStringLiteral("air plane"), QStringLiteral("caf\u00e9")).has_value());
        QCOMPARE(filesUnder(root), before);
    }
};

QTEST_GUILESS_MAIN(TestHostilePaths)
#include "TestHostilePaths.moc"
