#include "core/common/ImageSet.h"
#include "core/project/FolderImport.h"
#include "core/project/Project.h"
#include "core/readers/ImageFolderReader.h"
#include "tests/support/TestSupport.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace tc::core;

namespace {

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

QByteArray imageOf(const ImageSet &set, qsizetype i)
{
    return QByteArray(reinterpret_cast<const char *>(set.image(i).data()), kImageBytes);
}

// PIL decodes each file (the README checked it agrees with OpenCV on the CIFAR-10 JPEGs).
QByteArray pilDecode(const QStringList &paths, const QString &tmpDir)
{
    const QString script = QStringLiteral(R"(
import sys, numpy as np
from PIL import Image
with open(sys.argv[1], 'wb') as out:
    for p in sys.argv[2:]:
        out.write(np.asarray(Image.open(p).convert('RGB'), dtype=np.uint8).tobytes())
)");
    const QString out = tmpDir + QStringLiteral("/decoded.raw");
    const auto r = tc::test::runPython(script, QStringList{out} + paths);
    if (r.exitCode != 0)
        qWarning("%s", r.err.constData());
    return readAll(out);
}

// Builds a small tree with PIL (an independent writer): sizes, modes and formats a user may have.
// A 64x64 image is also written as raw RGB so the test can compute the 2x2 area mean itself.
bool makeTree(const QString &root)
{
    const QString script = QStringLiteral(R"(
import os, sys, numpy as np
from PIL import Image
root = sys.argv[1]
rng = np.random.default_rng(7)
def save(rel, arr, mode=None, **kw):
    p = os.path.join(root, rel)
    os.makedirs(os.path.dirname(p), exist_ok=True)
    Image.fromarray(arr, mode).save(p, **kw)
small = rng.integers(0, 256, (32, 32, 3), dtype=np.uint8)
big = rng.integers(0, 256, (64, 64, 3), dtype=np.uint8)
save('dog/puppy/a.png', small)
save('dog/puppy/b.bmp', small[::-1].copy())
save('dog/c.PNG', big)
open(os.path.join(root, 'big.raw'), 'wb').write(big.tobytes())
open(os.path.join(root, 'small.raw'), 'wb').write(small.tobytes())
save('cat/grey.png', small[:, :, 0].copy(), 'L')
rgba = np.dstack([small, np.full((32, 32), 255, np.uint8)])
save('cat/tabby/alpha.png', rgba, 'RGBA')
save('cat/tabby/wide.jpg', rng.integers(0, 256, (20, 50, 3), dtype=np.uint8), quality=95)
open(os.path.join(root, 'cat/tabby/broken.jpg'), 'wb').write(b'\xff\xd8\xff\xe0 not really a jpeg')
open(os.path.join(root, 'cat/notes.txt'), 'w').write('annotator notes')
open(os.path.join(root, 'README'), 'w').write('top-level file')
os.makedirs(os.path.join(root, 'bird'), exist_ok=True)
)");
    return tc::test::runPython(script, {root}).exitCode == 0;
}

} // namespace

class TestImageFolderReader final : public QObject {
    Q_OBJECT
private slots:
    // The real CIFAR-10 test JPEGs: <root>/<class>/<file>, labels in sorted folder order.
    void cifar10JpegTestFolderEqualsPil()
    {
        TC_REQUIRE_SHARED();
        TC_REQUIRE_PYTHON("numpy", "PIL");
        const QString root = tc::test::sharedData(QStringLiteral("cifar10-jpg/test"));
        ImageFolderReader reader;
        ImageSet set;
        qint64 lastDone = 0, lastTotal = 0;
        QVERIFY2(reader.read(root, set, Progress([&](qint64 d, qint64 t) { lastDone = d, lastTotal = t; }, {})),
                 qPrintable(reader.errorString()));
        QCOMPARE(set.count(), 10000);
        QCOMPARE(lastDone, 10000);
        QCOMPARE(lastTotal, 10000);
        QCOMPARE(set.labelNames, (QStringList{"airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse",
                                              "ship", "truck"}));
        QVERIFY(reader.skipped().isEmpty());
        QCOMPARE(set.filenames.first(), QStringLiteral("airplane/0000.jpg"));
        QCOMPARE(set.filenames.last(), QStringLiteral("truck/0999.jpg"));
        QCOMPARE(set.labels[1500], 1);
        QCOMPARE(set.filenames[1500], QStringLiteral("automobile/0500.jpg"));
        QVERIFY(set.keywords[0].isEmpty());
        QVERIFY(std::all_of(set.resized.begin(), set.resized.end(), [](auto r) { return r == 0; }));
        QStringList paths;
        for (qsizetype i = 0; i < set.count(); i += 7)
            paths.append(root + QLatin1Char('/') + set.filenames[i]);
        QTemporaryDir tmp;
        const QByteArray expected = pilDecode(paths, tmp.path());
        QCOMPARE(expected.size(), paths.size() * kImageBytes);
        for (qsizetype i = 0, k = 0; i < set.count(); i += 7, ++k)
            QVERIFY2(imageOf(set, i) == expected.mid(k * kImageBytes, kImageBytes), qPrintable(set.filenames[i]));
    }

    void mixedTreeWithKeywordsResizingAndProblems()
    {
        TC_REQUIRE_PYTHON("numpy", "PIL");
        QTemporaryDir tmp;
        QVERIFY(makeTree(tmp.path()));
        const QString root = tmp.path();
        ImageFolderReader reader;
        ImageSet set;
        QVERIFY2(reader.read(root, set), qPrintable(reader.errorString()));
        QCOMPARE(set.labelNames, (QStringList{"bird", "cat", "dog"})); // empty "bird" keeps its label
        QCOMPARE(set.filenames, (QStringList{"cat/grey.png", "cat/tabby/alpha.png", "cat/tabby/wide.jpg", "dog/c.PNG",
                                             "dog/puppy/a.png", "dog/puppy/b.bmp"}));
        QCOMPARE(set.keywords, (QStringList{"", "tabby", "tabby", "", "puppy", "puppy"}));
        QCOMPARE(QList<int>(set.labels.begin(), set.labels.end()), (QList<int>{1, 1, 1, 2, 2, 2}));
        QCOMPARE(QList<int>(set.resized.begin(), set.resized.end()), (QList<int>{0, 0, 1, 1, 0, 0}));
        QCOMPARE(reader.skipped().size(), 1);
        QCOMPARE(reader.skipped().first().path, QStringLiteral("cat/tabby/broken.jpg"));
        QVERIFY(!reader.skipped().first().reason.isEmpty());
        QCOMPARE(reader.ignoredFiles(), (QStringList{"README", "big.raw", "small.raw", "cat/notes.txt"}));

        const QByteArray small = readAll(tmp.filePath(QStringLiteral("small.raw")));
        QVERIFY(imageOf(set, 4) == small);                   // PNG, RGB order kept
        QVERIFY(imageOf(set, 1) == small);                   // RGBA: alpha dropped
        QCOMPARE(imageOf(set, 5).left(96), small.right(96)); // BMP (written upside down on purpose)
        for (int p = 0; p < 1024; ++p) {                     // greyscale: R = G = B
            QCOMPARE(imageOf(set, 0)[p * 3], small[p * 3]);
            QCOMPARE(imageOf(set, 0)[p * 3 + 2], small[p * 3]);
        }
        // 64x64 -> 32x32 with area interpolation is the rounded mean of each 2x2 block.
        const QByteArray big = readAll(tmp.filePath(QStringLiteral("big.raw")));
        const QByteArray c = imageOf(set, 3);
        for (int row = 0; row < 32; ++row)
            for (int col = 0; col < 32; ++col)
                for (int ch = 0; ch < 3; ++ch) {
                    int sum = 0;
                    for (int dy = 0; dy < 2; ++dy)
                        for (int dx = 0; dx < 2; ++dx)
                            sum += quint8(big[((2 * row + dy) * 64 + 2 * col + dx) * 3 + ch]);
                    QVERIFY(qAbs(int(quint8(c[pixelOffset(row, col, ch)])) - (sum + 2) / 4) <= 1);
                }
    }

    // One list of image suffixes for the folder reader and the folder import (it used to be 4 here and 9 there):
    // a file of each suffix, written by PIL, is read by both, with the same pixels, which PIL decodes too.
    void everySuffixIsReadByBothFolderReaders_data()
    {
        QTest::addColumn<QString>("suffix");
        QTest::addColumn<bool>("lossless");
        QTest::addColumn<bool>("grey");
        // Every format ImageHeader recognises and OpenCV decodes, listed here rather than taken from the code under
        // test: a suffix dropped from the list fails its row.
        for (const char *suffix : {"jpg", "jpeg", "png", "bmp", "tif", "tiff", "webp", "ppm", "pgm"}) {
            const QString s = QString::fromLatin1(suffix);
            QTest::newRow(suffix) << s << !s.startsWith(QLatin1String("jp")) << (s == QLatin1String("pgm"));
        }
        QTest::newRow("upper case") << QStringLiteral("PNG") << true << false;
    }

    void everySuffixIsReadByBothFolderReaders()
    {
        TC_REQUIRE_PYTHON("numpy", "PIL");
        QFETCH(QString, suffix);
        QFETCH(bool, lossless);
        QFETCH(bool, grey);
        QTemporaryDir tmp;
        const QString root = tmp.filePath(QStringLiteral("images"));
        const QString file = root + QStringLiteral("/cat/tabby/a.") + suffix;
        QDir().mkpath(QFileInfo(file).absolutePath());
        const auto made = tc::test::runPython(
            QStringLiteral(
                "import sys, numpy as np\nfrom PIL import Image\n"
                "a = np.random.default_rng(3).integers(0, 256, (32, 32, 3), dtype=np.uint8)\n"
                "im = Image.fromarray(a).convert('L') if sys.argv[2] == '1' else Image.fromarray(a)\n"
                "fmt = {'jpg': 'JPEG', 'tif': 'TIFF', 'pgm': 'PPM'}.get(sys.argv[1].lower().rsplit('.', 1)[1])\n"
                "im.save(sys.argv[1], fmt, **({'lossless': True} if sys.argv[1].endswith('webp') else {}))\n"),
            {file, grey ? QStringLiteral("1") : QStringLiteral("0")});
        QVERIFY2(made.exitCode == 0, made.err.constData());

        ImageFolderReader reader;
        ImageSet set;
        QVERIFY2(reader.read(root, set), qPrintable(reader.errorString()));
        QCOMPARE(set.count(), 1);
        QVERIFY(reader.ignoredFiles().isEmpty());

        Project project;
        QVERIFY(project.create(tmp.filePath(QStringLiteral("p.tcproj"))));
        FolderImport import(project);
        QVERIFY2(import.run(root), qPrintable(import.errorString()));
        QVERIFY2(import.report().issues.isEmpty(), qPrintable(import.report().issues.value(0).problem));
        const auto ids = project.candidateIds({}, 0, 10);
        QCOMPARE(ids.size(), 1);
        QCOMPARE(project.pixels(ids.first()), imageOf(set, 0));
        if (lossless)
            QCOMPARE(imageOf(set, 0), pilDecode({file}, tmp.path()));
    }

    void strictModeFailsOnTheUnreadableImage()
    {
        TC_REQUIRE_PYTHON("numpy", "PIL");
        QTemporaryDir tmp;
        QVERIFY(makeTree(tmp.path()));
        ImageFolderReader reader;
        reader.setStrict(true);
        ImageSet set;
        QVERIFY(!reader.read(tmp.path(), set));
        QVERIFY2(reader.errorString().startsWith(tmp.filePath(QStringLiteral("cat/tabby/broken.jpg: "))),
                 qPrintable(reader.errorString()));
        QCOMPARE(set.count(), 0);
    }

    void decodeImageReportsProblems()
    {
        QTemporaryDir tmp;
        std::uint8_t out[kImageBytes];
        bool resized = true;
        ImageFolderReader decoder;
        QVERIFY(!decoder.decodeImage(tmp.filePath(QStringLiteral("missing.png")), out, &resized));
        QVERIFY2(decoder.errorString().startsWith(tmp.filePath(QStringLiteral("missing.png: "))),
                 qPrintable(decoder.errorString()));
        const QString empty = tmp.filePath(QStringLiteral("empty.png"));
        QVERIFY(writeFile(empty, {}));
        QVERIFY(!decoder.decodeImage(empty, out, &resized));
        QCOMPARE(decoder.errorString(), empty + QStringLiteral(": empty file"));
        const QString garbage = tmp.filePath(QStringLiteral("garbage.png"));
        QVERIFY(writeFile(garbage, QByteArray("\x89PNG\r\n\x1a\n", 8) + QByteArray(100, 'x')));
        QVERIFY(!decoder.decodeImage(garbage, out, &resized));
        QVERIFY2(decoder.errorString().startsWith(garbage + QStringLiteral(": ")), qPrintable(decoder.errorString()));
    }

    void badFolders()
    {
        QTemporaryDir tmp;
        ImageFolderReader reader;
        ImageSet set;
        QVERIFY(!reader.read(tmp.filePath(QStringLiteral("nope")), set));
        QCOMPARE(reader.errorString(), tmp.filePath(QStringLiteral("nope: no such folder")));
        QVERIFY(!reader.read(tmp.path(), set));
        QVERIFY2(reader.errorString().contains(QStringLiteral("no image files (jpg, jpeg, png, bmp")),
                 qPrintable(reader.errorString()));
        QVERIFY(writeFile(tmp.filePath(QStringLiteral("cat/bad.jpg")), "nope"));
        QVERIFY(!reader.read(tmp.path(), set));
        QVERIFY2(reader.errorString().contains(QStringLiteral("none of the 1 image files could be decoded")),
                 qPrintable(reader.errorString()));
        QCOMPARE(reader.skipped().size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestImageFolderReader)
#include "TestImageFolderReader.moc"
