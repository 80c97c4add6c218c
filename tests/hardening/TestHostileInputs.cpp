// Issue 12, item 6: small files with huge costs. Each hostile input is built here and given to the
// real tinycurator-cli in a child process under setrlimit(RLIMIT_AS) = 1 GiB and a 60 s wall clock:
// the command must end by itself (no hang), normally (no crash, no abort on bad_alloc), refuse the
// input with a message naming the file, or, for the large but valid catalogs, do its work.
//
// The bombs: a 6 MB .npz whose deflated member claims 6.1 GB (before: inspect ran 42 s at 12 GB),
// a 2.6 MB PNG declaring 30000 x 30000 pixels (before: 5.3 GB in new --folder, imported as a
// resized candidate), a JPEG header declaring 65000 x 65000, an .npy header declaring 10^9 images,
// catalogs of 200,000 keywords and of 200,000 classes (before: quadratic, 76 s CPU for the first),
// and FIFOs given to every command that reads a file (before: inspect, import-decisions and
// add-reference hung forever).
#include "tests/support/TestSupport.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <sys/resource.h>
#include <sys/stat.h>
#include <zlib.h>

#if defined(__SANITIZE_ADDRESS__)
#define TC_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define TC_ASAN 1
#endif
#endif

namespace {

constexpr rlim_t kMemoryLimit = rlim_t(1) << 30;
constexpr int kWallClockMs = 60000;

struct Limited {
    bool finished = false; // ended by itself within the wall clock
    bool crashed = false;  // killed by a signal (abort, segfault)
    int exitCode = -1;
    QByteArray out, err;
    qint64 ms = 0;
};

// The CLI in a child whose address space is capped before exec (RLIMIT_AS counts what malloc
// reserves, so an allocation of gigabytes fails instead of swapping the machine).
Limited runLimited(const QStringList &args)
{
    QProcess p;
    p.setChildProcessModifier([] {
#ifndef TC_ASAN // ASan reserves terabytes of shadow memory: only the wall clock applies there
        const rlimit as{kMemoryLimit, kMemoryLimit};
        setrlimit(RLIMIT_AS, &as);
#endif
        const rlimit core{0, 0};
        setrlimit(RLIMIT_CORE, &core);
    });
    p.setStandardInputFile(QProcess::nullDevice());
    QElapsedTimer timer;
    timer.start();
    p.start(tc::test::cliPath(), args);
    Limited r;
    if (!p.waitForStarted())
        return r;
    r.finished = p.waitForFinished(kWallClockMs);
    if (!r.finished) {
        p.kill();
        p.waitForFinished();
    }
    r.ms = timer.elapsed();
    r.crashed = p.exitStatus() == QProcess::CrashExit;
    r.exitCode = p.exitCode();
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

// Raw deflate of n zero bytes, byte-aligned and not final, from a fresh compressor: its back
// references point only into its own output, so copies of it can be concatenated.
QByteArray deflatedZeros(qint64 n)
{
    const QByteArray zeros(n, '\0');
    z_stream z{};
    deflateInit2(&z, 9, Z_DEFLATED, -MAX_WBITS, 9, Z_DEFAULT_STRATEGY);
    QByteArray out(int(deflateBound(&z, uLong(n))) + 64, '\0');
    z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(zeros.constData()));
    z.avail_in = uInt(n);
    z.next_out = reinterpret_cast<Bytef *>(out.data());
    z.avail_out = uInt(out.size());
    deflate(&z, Z_SYNC_FLUSH);
    out.resize(qsizetype(z.total_out));
    deflateEnd(&z);
    return out;
}

QByteArray deflatedBytes(const QByteArray &bytes, bool final)
{
    z_stream z{};
    deflateInit2(&z, 9, Z_DEFLATED, -MAX_WBITS, 9, Z_DEFAULT_STRATEGY);
    QByteArray out(int(deflateBound(&z, uLong(bytes.size()))) + 64, '\0');
    z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(bytes.constData()));
    z.avail_in = uInt(bytes.size());
    z.next_out = reinterpret_cast<Bytef *>(out.data());
    z.avail_out = uInt(out.size());
    deflate(&z, final ? Z_FINISH : Z_SYNC_FLUSH);
    out.resize(qsizetype(z.total_out));
    deflateEnd(&z);
    return out;
}

// A deflate stream of `head` followed by `zeros` zero bytes, in a few MB; *crc and *adler of the
// whole uncompressed data.
QByteArray zeroBomb(const QByteArray &head, qint64 zeros, quint32 *crc, quint32 *adler)
{
    constexpr qint64 kChunk = 16 << 20;
    const QByteArray chunk = deflatedZeros(kChunk);
    const QByteArray zeroChunk(kChunk, '\0');
    const uLong chunkCrc = crc32(0, reinterpret_cast<const Bytef *>(zeroChunk.constData()), uInt(kChunk));
    const uLong chunkAdler = adler32(1, reinterpret_cast<const Bytef *>(zeroChunk.constData()), uInt(kChunk));
    QByteArray stream = head.isEmpty() ? QByteArray() : deflatedBytes(head, false);
    uLong c = crc32(0, reinterpret_cast<const Bytef *>(head.constData()), uInt(head.size()));
    uLong a = adler32(1, reinterpret_cast<const Bytef *>(head.constData()), uInt(head.size()));
    qint64 left = zeros;
    for (; left >= kChunk; left -= kChunk) {
        stream += chunk;
        c = crc32_combine(c, chunkCrc, kChunk);
        a = adler32_combine(a, chunkAdler, kChunk);
    }
    if (left > 0) {
        stream += deflatedZeros(left);
        const QByteArray rest(left, '\0');
        c = crc32_combine(c, crc32(0, reinterpret_cast<const Bytef *>(rest.constData()), uInt(left)), left);
        a = adler32_combine(a, adler32(1, reinterpret_cast<const Bytef *>(rest.constData()), uInt(left)), left);
    }
    stream += deflatedBytes({}, true); // the final (empty) block
    *crc = quint32(c);
    *adler = quint32(a);
    return stream;
}

void putLe(QByteArray &b, quint64 v, int bytes)
{
    for (int i = 0; i < bytes; ++i)
        b.append(char(v >> (8 * i)));
}

void putBe(QByteArray &b, quint64 v, int bytes)
{
    for (int i = bytes - 1; i >= 0; --i)
        b.append(char(v >> (8 * i)));
}

// A zip64 archive of one deflated member, as numpy.savez_compressed writes large members.
QByteArray zip64(const QByteArray &name, const QByteArray &data, quint64 size, quint32 crc)
{
    QByteArray zip;
    putLe(zip, 0x04034b50, 4);
    putLe(zip, 45, 2);
    putLe(zip, 0, 2);
    putLe(zip, 8, 2);
    putLe(zip, 0, 4); // time, date
    putLe(zip, crc, 4);
    putLe(zip, 0xFFFFFFFF, 4);
    putLe(zip, 0xFFFFFFFF, 4);
    putLe(zip, quint64(name.size()), 2);
    putLe(zip, 20, 2);
    zip += name;
    putLe(zip, 1, 2);
    putLe(zip, 16, 2);
    putLe(zip, size, 8);
    putLe(zip, quint64(data.size()), 8);
    zip += data;
    const quint64 cdOffset = quint64(zip.size());
    putLe(zip, 0x02014b50, 4);
    putLe(zip, 45, 2);
    putLe(zip, 45, 2);
    putLe(zip, 0, 2);
    putLe(zip, 8, 2);
    putLe(zip, 0, 4);
    putLe(zip, crc, 4);
    putLe(zip, 0xFFFFFFFF, 4);
    putLe(zip, 0xFFFFFFFF, 4);
    putLe(zip, quint64(name.size()), 2);
    putLe(zip, 28, 2);
    putLe(zip, 0, 2); // comment
    putLe(zip, 0, 2); // disk
    putLe(zip, 0, 2); // internal attributes
    putLe(zip, 0, 4); // external attributes
    putLe(zip, 0xFFFFFFFF, 4);
    zip += name;
    putLe(zip, 1, 2);
    putLe(zip, 24, 2);
    putLe(zip, size, 8);
    putLe(zip, quint64(data.size()), 8);
    putLe(zip, 0, 8); // local header offset
    const quint64 cdSize = quint64(zip.size()) - cdOffset;
    const quint64 end64 = quint64(zip.size());
    putLe(zip, 0x06064b50, 4);
    putLe(zip, 44, 8);
    putLe(zip, 45, 2);
    putLe(zip, 45, 2);
    putLe(zip, 0, 4);
    putLe(zip, 0, 4);
    putLe(zip, 1, 8);
    putLe(zip, 1, 8);
    putLe(zip, cdSize, 8);
    putLe(zip, cdOffset, 8);
    putLe(zip, 0x07064b50, 4);
    putLe(zip, 0, 4);
    putLe(zip, end64, 8);
    putLe(zip, 1, 4);
    putLe(zip, 0x06054b50, 4);
    putLe(zip, 0, 4);
    putLe(zip, 0xFFFF, 2);
    putLe(zip, 0xFFFF, 2);
    putLe(zip, 0xFFFFFFFF, 4);
    putLe(zip, 0xFFFFFFFF, 4);
    putLe(zip, 0, 2);
    return zip;
}

QByteArray npyHeader(const QByteArray &shape)
{
    QByteArray dict = "{'descr': '|u1', 'fortran_order': False, 'shape': (" + shape + "), }";
    while ((10 + dict.size() + 1) % 64)
        dict += ' ';
    dict += '\n';
    QByteArray h("\x93NUMPY\x01\x00", 8);
    putLe(h, quint64(dict.size()), 2);
    return h + dict;
}

QByteArray pngChunk(const QByteArray &type, const QByteArray &data)
{
    QByteArray c;
    putBe(c, quint64(data.size()), 4);
    c += type + data;
    putBe(c,
          crc32(crc32(0, reinterpret_cast<const Bytef *>(type.constData()), 4),
                reinterpret_cast<const Bytef *>(data.constData()), uInt(data.size())),
          4);
    return c;
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QDir().mkpath(QFileInfo(path).path());
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

bool makeFifo(const QString &path)
{
    QDir().mkpath(QFileInfo(path).path());
    return ::mkfifo(QFile::encodeName(path).constData(), 0600) == 0;
}

QByteArray tinyBmp()
{
    QByteArray bmp("BM");
    for (quint64 v : {54ull + 3072, 0ull, 54ull, 40ull, 32ull, 32ull})
        putLe(bmp, v, 4);
    putLe(bmp, 1, 2);
    putLe(bmp, 24, 2);
    for (quint64 v : {0ull, 3072ull, 2835ull, 2835ull, 0ull, 0ull})
        putLe(bmp, v, 4);
    return bmp + QByteArray(3072, '\x40');
}

} // namespace

class TestHostileInputs final : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_project; // a small valid project for the commands that need one

    QString path(const QString &relative) const { return m_dir.filePath(relative); }

    // Ended by itself, normally, with `exitCode`, and (when given) naming `file` with `expected`.
    static void check(const Limited &r, int exitCode, const QString &file, const QString &expected)
    {
        QVERIFY2(r.finished, qPrintable(QStringLiteral("still running after %1 ms (hang)").arg(r.ms)));
        QVERIFY2(!r.crashed, qPrintable(QStringLiteral("crashed: %1").arg(QString::fromUtf8(r.err.right(400)))));
        QVERIFY2(r.exitCode == exitCode,
                 qPrintable(QStringLiteral("exit %1: %2").arg(r.exitCode).arg(QString::fromUtf8(r.err.left(600)))));
        if (!file.isEmpty()) {
            const QString err = QString::fromUtf8(r.err);
            QVERIFY2(err.contains(file) && err.contains(expected),
                     qPrintable(QStringLiteral("expected '%1' naming %2 in: %3").arg(expected, file, err.left(600))));
        }
    }

private slots:
    void initTestCase()
    {
        QVERIFY(writeFile(path(QStringLiteral("images/cat/tabby/a.bmp")), tinyBmp()));
        m_project = path(QStringLiteral("p.tcproj"));
        const auto r = tc::test::runCli(
            {QStringLiteral("new"), m_project, QStringLiteral("--folder"), path(QStringLiteral("images"))});
        QVERIFY2(r.exitCode == 0, r.err.constData());
    }

    void npzMemberClaimingGigabytes_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        // 2,000,000 zero images: 6,144,000,000 bytes from about 6 MB.
        const QByteArray head = npyHeader("2000000, 32, 32, 3");
        quint32 crc = 0, adler = 0;
        const QByteArray stream = zeroBomb(head, qint64(2000000) * 3072, &crc, &adler);
        const QString bomb = path(QStringLiteral("bomb.npz"));
        QVERIFY(writeFile(bomb, zip64("images.npy", stream, quint64(head.size()) + 2000000ull * 3072, crc)));
        QVERIFY(QFileInfo(bomb).size() < 7 << 20);
        QTest::newRow("inspect") << QStringList{QStringLiteral("inspect"), bomb} << 1;
        QTest::newRow("add-reference") << QStringList{QStringLiteral("add-reference"), m_project, bomb,
                                                      QStringLiteral("--name"), QStringLiteral("bomb")}
                                       << 1;
        QTest::newRow("near-dups") << QStringList{QStringLiteral("near-dups"),
                                                  QStringLiteral("--candidates"),
                                                  bomb,
                                                  QStringLiteral("--references"),
                                                  path(QStringLiteral("images")),
                                                  QStringLiteral("--csv"),
                                                  QStringLiteral("-")}
                                   << 1;
    }
    void npzMemberClaimingGigabytes()
    {
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        check(runLimited(args), exitCode, path(QStringLiteral("bomb.npz")),
              QStringLiteral("refused as a decompression bomb"));
    }

    // The bomb is what it claims: Python's zipfile sees a 6.1 GB member whose stream starts with the
    // npy header (read lazily; nothing is inflated beyond the first bytes).
    void npzBombIsARealZip()
    {
        TC_REQUIRE_PYTHON();
        const auto r =
            tc::test::runPython(QStringLiteral("import sys, zipfile\n"
                                               "z = zipfile.ZipFile(sys.argv[1])\n"
                                               "i = z.infolist()[0]\n"
                                               "head = z.open(i).read(16)\n"
                                               "print(i.filename, i.file_size, head[:6] == b'\\x93NUMPY')\n"),
                                {path(QStringLiteral("bomb.npz"))});
        QCOMPARE(QString::fromUtf8(r.out).trimmed(), QStringLiteral("images.npy 6144000128 True"));
    }

    void imageHeadersDeclaringGiantImages_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("expected");
        // 30000 x 30000 RGB zeros: 2.7 GB of scanlines in about 2.6 MB of IDAT.
        QByteArray ihdr;
        putBe(ihdr, 30000, 4);
        putBe(ihdr, 30000, 4);
        ihdr.append("\x08\x02\x00\x00\x00", 5);
        quint32 crc = 0, adler = 0;
        const qint64 raw = qint64(30000) * (1 + 3 * 30000);
        QByteArray idat("\x78\xda", 2);
        idat += zeroBomb({}, raw, &crc, &adler);
        putBe(idat, adler, 4);
        const QByteArray png =
            "\x89PNG\r\n\x1a\n" + pngChunk("IHDR", ihdr) + pngChunk("IDAT", idat) + pngChunk("IEND", {});
        const QString pngPath = path(QStringLiteral("png/cat/tabby/huge.png"));
        QVERIFY(writeFile(pngPath, png));
        QVERIFY(png.size() < 3 << 20);
        // A JPEG whose frame header declares 65000 x 65000 (its data is a few bytes).
        const QString jpgPath = path(QStringLiteral("jpg/dog/puppy/huge.jpg"));
        QVERIFY(writeFile(jpgPath, QByteArray("\xFF\xD8\xFF\xE0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
                                              "\xFF\xC0\x00\x11\x08\xFD\xE8\xFD\xE8\x03\x01\x22\x00\x02\x11\x01"
                                              "\x03\x11\x01\xFF\xD9",
                                              41)));
        const QString pngText = QStringLiteral("PNG of 30000 x 30000 pixels: images larger than 4096 x 4096");
        const QString jpgText = QStringLiteral("JPEG of 65000 x 65000 pixels");
        QTest::newRow("inspect png") << QStringList{QStringLiteral("inspect"), path(QStringLiteral("png"))} << 1
                                     << QStringLiteral("huge.png") << pngText;
        // new --folder leaves the file out with a warning naming it (it imported a resized copy).
        QTest::newRow("new --folder png") << QStringList{QStringLiteral("new"), path(QStringLiteral("png.tcproj")),
                                                         QStringLiteral("--folder"), path(QStringLiteral("png"))}
                                          << 0 << pngPath << pngText;
        QTest::newRow("add-reference png")
            << QStringList{QStringLiteral("add-reference"), m_project, path(QStringLiteral("png")),
                           QStringLiteral("--name"), QStringLiteral("png")}
            << 1 << QStringLiteral("huge.png") << pngText;
        QTest::newRow("inspect jpeg") << QStringList{QStringLiteral("inspect"), path(QStringLiteral("jpg"))} << 1
                                      << QStringLiteral("huge.jpg") << jpgText;
        QTest::newRow("new --folder jpeg") << QStringList{QStringLiteral("new"), path(QStringLiteral("jpg.tcproj")),
                                                          QStringLiteral("--folder"), path(QStringLiteral("jpg"))}
                                           << 0 << jpgPath << jpgText;
        // An .npy header declaring a billion images over 200 bytes of data.
        const QString npy = path(QStringLiteral("big.npy"));
        QVERIFY(writeFile(npy, npyHeader("1000000000, 32, 32, 3") + QByteArray(200, '\0')));
        QTest::newRow("inspect npy") << QStringList{QStringLiteral("inspect"), npy} << 1 << npy
                                     << QStringLiteral("needs more data than the file holds");
    }
    void imageHeadersDeclaringGiantImages()
    {
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        QFETCH(QString, file);
        QFETCH(QString, expected);
        const Limited r = runLimited(args);
        check(r, exitCode, file, expected);
        if (args.first() == QLatin1String("new"))
            QVERIFY2(r.out.contains("candidates added: 0"), r.out.constData());
    }

    // Large but valid catalogs: parsed in linear time, and `new` defines them in one transaction.
    void catalogsOfTwoHundredThousandEntries_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QByteArray>("expected");
        QByteArray keywords = "{\"cat\": {", classes = "{";
        for (int i = 0; i < 200000; ++i) {
            const QByteArray k = "\"k" + QByteArray::number(i) + "\": 1";
            keywords += (i ? ", " : "") + k;
            classes += (i ? ", \"c" : "\"c") + QByteArray::number(i) + "\": {" + k + "}";
        }
        QVERIFY(writeFile(path(QStringLiteral("keywords.json")), keywords + "}}"));
        QVERIFY(writeFile(path(QStringLiteral("classes.json")), classes + "}"));
        QVERIFY(QDir().mkpath(path(QStringLiteral("empty"))));
        QTest::newRow("inspect 200k keywords")
            << QStringList{QStringLiteral("inspect"), path(QStringLiteral("keywords.json"))}
            << QByteArray("class cat: 200000 keywords, total 200000");
        QTest::newRow("inspect 200k classes")
            << QStringList{QStringLiteral("inspect"), path(QStringLiteral("classes.json"))}
            << QByteArray("class c199999: 1 keywords, total 1");
        QTest::newRow("new with 200k keywords")
            << QStringList{QStringLiteral("new"),       path(QStringLiteral("k.tcproj")),
                           QStringLiteral("--folder"),  path(QStringLiteral("empty")),
                           QStringLiteral("--catalog"), path(QStringLiteral("keywords.json"))}
            << QByteArray("absent catalog keywords (200000):");
    }
    void catalogsOfTwoHundredThousandEntries()
    {
        QFETCH(QStringList, args);
        QFETCH(QByteArray, expected);
        const Limited r = runLimited(args);
        check(r, 0, {}, {});
        QVERIFY2(r.out.contains(expected), r.out.left(400).constData());
    }

    // A FIFO wherever a command reads a file: refused by type at once, never opened (opening one
    // for reading blocks until a writer appears).
    void fifosAreNeverOpened_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("fifo");
        const QString fifo = path(QStringLiteral("fifos/input.npz"));
        const QString csv = path(QStringLiteral("fifos/decisions.csv"));
        const QString json = path(QStringLiteral("fifos/catalog.json"));
        const QString map = path(QStringLiteral("fifos/map.csv"));
        const QString xml = path(QStringLiteral("fifos/xml/a.xml"));
        const QString tinyMeta = path(QStringLiteral("fifos/tiny/tiny_metadata.bin"));
        for (const QString &f : {fifo, csv, json, map, xml, tinyMeta})
            QVERIFY(makeFifo(f));
        QVERIFY(writeFile(path(QStringLiteral("fifos/tiny/tiny_images.bin")), QByteArray(3072, '\0')));
        QTest::newRow("inspect") << QStringList{QStringLiteral("inspect"), fifo} << fifo;
        QTest::newRow("inspect tiny") << QStringList{QStringLiteral("inspect"), path(QStringLiteral("fifos/tiny"))}
                                      << tinyMeta;
        QTest::newRow("import-decisions")
            << QStringList{QStringLiteral("import-decisions"), m_project, QStringLiteral("--csv"), csv} << csv;
        QTest::newRow("add-reference") << QStringList{QStringLiteral("add-reference"), m_project, fifo,
                                                      QStringLiteral("--name"), QStringLiteral("f")}
                                       << fifo;
        QTest::newRow("near-dups") << QStringList{QStringLiteral("near-dups"),
                                                  QStringLiteral("--candidates"),
                                                  fifo,
                                                  QStringLiteral("--references"),
                                                  path(QStringLiteral("images")),
                                                  QStringLiteral("--csv"),
                                                  QStringLiteral("-")}
                                   << fifo;
        QTest::newRow("new --catalog") << QStringList{QStringLiteral("new"),       path(QStringLiteral("f.tcproj")),
                                                      QStringLiteral("--folder"),  path(QStringLiteral("images")),
                                                      QStringLiteral("--catalog"), json}
                                       << json;
        QTest::newRow("superclasses --file")
            << QStringList{QStringLiteral("superclasses"), m_project, QStringLiteral("--file"), map} << map;
        QTest::newRow("import-labelimg") << QStringList{QStringLiteral("import-labelimg"), m_project,
                                                        QStringLiteral("--dir"), QFileInfo(xml).path()}
                                         << xml;
    }
    void fifosAreNeverOpened()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, fifo);
        const Limited r = runLimited(args);
        check(r, 1, fifo, QStringLiteral("not a regular file"));
        QVERIFY(!QFile::exists(path(QStringLiteral("f.tcproj"))));
    }
};

QTEST_GUILESS_MAIN(TestHostileInputs)
#include "TestHostileInputs.moc"
