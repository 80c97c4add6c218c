#include "core/readers/TinyImages.h"

#include "core/readers/InputFile.h"
#include "core/readers/ReadError.h"
#include "core/readers/TinyKeywordIndex.h"
#include "core/readers/TinyRecordStream.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>
#include <atomic>
#include <cstring>
#include <string_view>

#ifdef Q_OS_UNIX
#include <sys/mman.h>
#endif

namespace tc::core {

namespace {

constexpr qint64 kImageRec = TinyImages::kImageRecordBytes;
constexpr qint64 kMetaRec = TinyImages::kMetadataRecordBytes;
// Up to this many records (about 200 MB of metadata) the sortedness check reads every keyword;
// beyond it, evenly spread samples keep open() fast on the real 79 M-record file.
constexpr qint64 kFullCheckLimit = 1 << 18;
constexpr qint64 kSortSamples = 512;
// A cache is trusted without reading the file only when the file's change time lies this far
// before the pass that vouched for it: a write in the same tick of a coarse file-system clock
// would otherwise leave the change time as it was (git's "racy clean" problem).
constexpr qint64 kSettledNs = qint64(2) * 1000000000;

QString field(const uchar *rec, int begin, int end)
{
    return QString::fromLatin1(reinterpret_cast<const char *>(rec) + begin, end - begin).trimmed();
}

// The five integers at offset 750 are written "%-4d%-4d%-4d%-4d%-2d". Fixed widths are tried first
// (they survive 4-digit values that touch their neighbour); whitespace-separated tokens second
// (they survive values wider than their column, which shift the rest).
bool parseIntegers(const uchar *rec, int values[5])
{
    static constexpr int widths[5] = {4, 4, 4, 4, 2};
    const QByteArray tail(reinterpret_cast<const char *>(rec) + 750, 18);
    bool ok = true;
    for (int i = 0, pos = 0; i < 5 && ok; pos += widths[i], ++i)
        values[i] = tail.mid(pos, widths[i]).trimmed().toInt(&ok);
    if (ok)
        return true;
    const QList<QByteArray> tokens = tail.simplified().split(' ');
    if (tokens.size() != 5)
        return false;
    ok = true;
    for (int i = 0; i < 5 && ok; ++i)
        values[i] = tokens[i].toInt(&ok);
    return ok;
}

QString defaultCacheDir()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation) +
           QStringLiteral("/tinycurator/tiny-index");
}

void adviseSequential(const uchar *p, qint64 size, bool sequential)
{
#ifdef Q_OS_UNIX
    posix_madvise(const_cast<uchar *>(p), size_t(size), sequential ? POSIX_MADV_SEQUENTIAL : POSIX_MADV_NORMAL);
#else
    Q_UNUSED(p)
    Q_UNUSED(size)
    Q_UNUSED(sequential)
#endif
}

} // namespace

struct TinyImages::Impl {
    QString imagesPath, metadataPath, error, cacheDir = defaultCacheDir(), cachePath;
    QFile imagesFile, metadataFile;
    const uchar *images = nullptr;
    const uchar *meta = nullptr;
    qint64 count = 0;
    bool sorted = true;
    bool fromCache = false;
    bool cacheCheckedByDigest = false;
    TinyKeywordIndex index;
    mutable std::atomic<qint64> distinct{-1};

    const uchar *metaRecord(qint64 i) const { return meta + i * kMetaRec; }
    QByteArrayView keywordAt(qint64 i) const { return tinyKeywordField(metaRecord(i)); }

    bool fail(const QString &message)
    {
        error = message;
        return false;
    }
    bool openFile(QFile &file, const QString &path, qint64 recordBytes, const char *what);
    bool sampledSortCheck() const;
    QString absoluteMetadataPath() const { return QFileInfo(metadataPath).absoluteFilePath(); }
    bool decideSortedness(const Progress &progress);
    bool useCache(const Progress &progress);
    void saveCache(const TinyIndexCacheHeader &header);
    bool runFullPass(const Progress &progress);
    KeywordRange binarySearch(QByteArrayView key) const;
};

bool TinyImages::Impl::openFile(QFile &file, const QString &path, qint64 recordBytes, const char *what)
{
    if (const QString problem = InputFile::problem(path); !problem.isEmpty())
        return fail(fileError(path, QStringLiteral("%1 (expected the Tiny Images %2 file)").arg(problem, what)));
    file.setFileName(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(fileError(path, file.errorString()));
    const qint64 size = file.size();
    if (size == 0)
        return fail(fileError(path, QStringLiteral("empty file (no %1 records)").arg(what)));
    if (size % recordBytes != 0)
        return fail(fileError(path, QStringLiteral("size %1 is not a multiple of the %2-byte %3 record "
                                                   "(truncated, or not a Tiny Images %3 file)")
                                        .arg(size)
                                        .arg(recordBytes)
                                        .arg(what)));
    return true;
}

// Adjacent pairs at evenly spread positions, plus the order of the samples among themselves.
// A file merely "almost sorted" may slip through; buildKeywordIndex() settles it for good.
bool TinyImages::Impl::sampledSortCheck() const
{
    QByteArrayView previous;
    for (qint64 k = 0; k <= kSortSamples; ++k) {
        const qint64 i = (count - 2) * k / kSortSamples;
        const QByteArrayView a = keywordAt(i), b = keywordAt(i + 1);
        if (byteView(b) < byteView(a) || (k > 0 && byteView(a) < byteView(previous)))
            return false;
        previous = b;
    }
    return true;
}

bool TinyImages::Impl::runFullPass(const Progress &progress)
{
    TinyKeywordIndex fresh; // a cancelled pass leaves the current index untouched
    TinyIndexCacheHeader header;
    header.path = absoluteMetadataPath();
    header.checkedAtNs = QDateTime::currentMSecsSinceEpoch() * 1000000;
    const auto before = TinyFileStamp::of(metadataPath);
    adviseSequential(meta, count * kMetaRec, true);
    const bool done = fresh.build(meta, count, progress, &header.digest);
    adviseSequential(meta, count * kMetaRec, false);
    if (!done)
        return fail(fileError(metadataPath, QStringLiteral("keyword index cancelled")));
    index = std::move(fresh);
    sorted = index.isSorted();
    distinct = index.distinctCount();
    fromCache = false;
    cacheCheckedByDigest = false;
    // Small sorted files are re-checked in a blink; everything else is worth remembering. A file
    // that changed during the pass may not be what was indexed: the index serves this open only.
    const auto after = TinyFileStamp::of(metadataPath);
    if ((!sorted || count > kFullCheckLimit) && before && after && before->sameFile(*after)) {
        header.stamp = *after;
        saveCache(header);
    }
    return true;
}

void TinyImages::Impl::saveCache(const TinyIndexCacheHeader &header)
{
    if (!index.save(cachePath, header))
        qWarning("Tiny Images keyword index not cached: %s", qPrintable(index.errorString()));
}

// A cached index is used only for the bytes it was built from. Its header holds a digest of every
// keyword field the index depends on, and the file's stat() stamp when that digest was last
// computed. Same device, inode, size, mtime and change time, on a file system that keeps a change
// time, settled before that pass began: no write can have happened since (a write, or a utime()
// that sets the mtime back, moves the change time), so the index is used without reading the file.
// Anything else (a rewritten, copied or touched file, FAT/exFAT, a write racing the last pass)
// costs one digest pass over the keyword fields: equal digest, the index is used and the new stamp
// remembered; different, the index is rebuilt. False only when cancelled.
bool TinyImages::Impl::useCache(const Progress &progress)
{
    TinyIndexCacheHeader header;
    if (!index.load(cachePath, count, &header) || header.path != absoluteMetadataPath())
        return index.clear(), false;
    const auto stamp = TinyFileStamp::of(metadataPath);
    if (stamp && stamp->ctimeKept && stamp->sameFile(header.stamp) &&
        stamp->ctimeNs + kSettledNs < header.checkedAtNs) {
        cacheCheckedByDigest = false;
        return true;
    }
    const qint64 startedNs = QDateTime::currentMSecsSinceEpoch() * 1000000;
    adviseSequential(meta, count * kMetaRec, true);
    const auto digest = TinyKeywordIndex::keywordDigest(meta, count, progress);
    adviseSequential(meta, count * kMetaRec, false);
    const auto after = TinyFileStamp::of(metadataPath);
    if (!digest || *digest != header.digest || !stamp || !after || !stamp->sameFile(*after))
        return index.clear(), false;
    header.stamp = *after;
    header.checkedAtNs = startedNs;
    saveCache(header);
    cacheCheckedByDigest = true;
    return true;
}

bool TinyImages::Impl::decideSortedness(const Progress &progress)
{
    // One cache per metadata path (rewritten when the file changes), named by the path's hash.
    cachePath = cacheDir + QLatin1Char('/') +
                QString::fromLatin1(
                    QCryptographicHash::hash(absoluteMetadataPath().toUtf8(), QCryptographicHash::Sha1).toHex()) +
                QStringLiteral(".tcki");
    if (useCache(progress)) {
        sorted = index.isSorted();
        distinct = index.distinctCount();
        fromCache = true;
        return true;
    }
    if (progress.isCancelled())
        return fail(fileError(metadataPath, QStringLiteral("keyword index cancelled")));
    if (count > kFullCheckLimit && sampledSortCheck()) {
        sorted = true;
        return true;
    }
    return runFullPass(progress);
}

KeywordRange TinyImages::Impl::binarySearch(QByteArrayView key) const
{
    const std::string_view k = byteView(key);
    qint64 lo = 0, hi = count;
    while (lo < hi) { // first record whose keyword is not less than key
        const qint64 mid = lo + (hi - lo) / 2;
        if (byteView(keywordAt(mid)) < k)
            lo = mid + 1;
        else
            hi = mid;
    }
    const qint64 begin = lo;
    hi = count;
    while (lo < hi) { // first record whose keyword is greater than key
        const qint64 mid = lo + (hi - lo) / 2;
        if (k < byteView(keywordAt(mid)))
            hi = mid;
        else
            lo = mid + 1;
    }
    return KeywordRange{begin, lo};
}

TinyImages::TinyImages() : d(std::make_unique<Impl>()) {}
TinyImages::~TinyImages() = default;

void TinyImages::setIndexCacheDir(const QString &dir)
{
    d->cacheDir = dir;
}
QString TinyImages::indexCacheDir() const
{
    return d->cacheDir;
}

bool TinyImages::open(const QString &dir, const Progress &progress)
{
    const QDir folder(dir);
    if (!QFileInfo(dir).isDir()) {
        close();
        return d->fail(fileError(dir, QStringLiteral("not a folder (expected tiny_images.bin and tiny_metadata.bin)")));
    }
    return open(folder.filePath(QStringLiteral("tiny_images.bin")),
                folder.filePath(QStringLiteral("tiny_metadata.bin")), progress);
}

bool TinyImages::open(const QString &imagesPath, const QString &metadataPath, const Progress &progress)
{
    close();
    d->imagesPath = imagesPath;
    d->metadataPath = metadataPath;
    if (!d->openFile(d->metadataFile, metadataPath, kMetaRec, "metadata") ||
        !d->openFile(d->imagesFile, imagesPath, kImageRec, "image")) {
        const QString error = d->error;
        close();
        d->error = error;
        return false;
    }
    const qint64 metaCount = d->metadataFile.size() / kMetaRec;
    const qint64 imageCount = d->imagesFile.size() / kImageRec;
    bool ok = true;
    if (metaCount != imageCount)
        ok = d->fail(fileError(imagesPath, QStringLiteral("holds %1 image records but %2 holds %3 metadata records")
                                               .arg(imageCount)
                                               .arg(metadataPath)
                                               .arg(metaCount)));
    if (ok) {
        d->meta = d->metadataFile.map(0, d->metadataFile.size());
        d->images = d->imagesFile.map(0, d->imagesFile.size());
        if (!d->meta || !d->images)
            ok = d->fail(fileError(d->meta ? imagesPath : metadataPath,
                                   QStringLiteral("cannot be memory-mapped (%1)")
                                       .arg(d->meta ? d->imagesFile.errorString() : d->metadataFile.errorString())));
    }
    d->count = metaCount;
    ok = ok && d->decideSortedness(progress);
    if (!ok) {
        const QString error = d->error;
        close();
        d->error = error;
    }
    return ok;
}

void TinyImages::close()
{
    d->metadataFile.close(); // closing unmaps
    d->imagesFile.close();
    d->images = d->meta = nullptr;
    d->count = 0;
    d->sorted = true;
    d->fromCache = false;
    d->cacheCheckedByDigest = false;
    d->index.clear();
    d->distinct = -1;
    d->error.clear();
    d->cachePath.clear();
}

bool TinyImages::isOpen() const
{
    return d->meta != nullptr;
}
QString TinyImages::errorString() const
{
    return d->error;
}
QString TinyImages::imagesPath() const
{
    return d->imagesPath;
}
QString TinyImages::metadataPath() const
{
    return d->metadataPath;
}
qint64 TinyImages::count() const
{
    return d->count;
}
bool TinyImages::isSorted() const
{
    return d->sorted;
}
bool TinyImages::indexLoadedFromCache() const
{
    return d->fromCache;
}
bool TinyImages::indexCacheCheckedByDigest() const
{
    return d->fromCache && d->cacheCheckedByDigest;
}
QString TinyImages::indexCachePath() const
{
    return d->cachePath;
}

bool TinyImages::readImage(qint64 index, std::uint8_t *out) const
{
    if (!d->images || index < 0 || index >= d->count)
        return false;
    tinyRecordToImage(d->images + index * kImageRec, out);
    return true;
}

bool TinyImages::readImages(qint64 first, qint64 n, std::uint8_t *out) const
{
    if (!d->images || first < 0 || n < 0 || first > d->count || n > d->count - first)
        return false;
    const uchar *rec = d->images + first * kImageRec;
    for (qint64 i = 0; i < n; ++i)
        tinyRecordToImage(rec + i * kImageRec, out + i * kImageRec);
    return true;
}

std::optional<TinyMetadata> TinyImages::metadata(qint64 index)
{
    if (!d->meta || index < 0 || index >= d->count) {
        d->error =
            fileError(d->metadataPath, QStringLiteral("record %1 out of range (%2 records)").arg(index).arg(d->count));
        return std::nullopt;
    }
    const uchar *rec = d->metaRecord(index);
    int values[5] = {};
    if (!parseIntegers(rec, values)) {
        d->error = fileError(d->metadataPath, QStringLiteral("record %1: malformed integer fields \"%2\" at offset 750")
                                                  .arg(index)
                                                  .arg(field(rec, 750, 768)));
        return std::nullopt;
    }
    TinyMetadata m;
    m.keyword = QString::fromLatin1(d->keywordAt(index));
    m.filename = field(rec, 80, 160);
    m.imageSpec = field(rec, 175, 180);
    m.crawlDate = field(rec, 180, 212);
    m.engine = field(rec, 212, 222);
    m.thumbnailUrl = field(rec, 222, 422);
    m.sourceUrl = field(rec, 422, 720);
    m.page = values[0];
    m.positionOnPage = values[1];
    m.positionInEngine = values[2];
    m.indexInKeyword = values[3];
    m.sentinel = values[4];
    return m;
}

QString TinyImages::keyword(qint64 index) const
{
    if (!d->meta || index < 0 || index >= d->count)
        return {};
    return QString::fromLatin1(d->keywordAt(index));
}

QList<KeywordRange> TinyImages::keywordRanges(const QString &keyword) const
{
    const QByteArray key = keyword.trimmed().toLatin1();
    if (!d->meta || key.isEmpty() || key.size() > kKeywordFieldBytes)
        return {};
    if (!d->sorted)
        return d->index.ranges(key);
    const KeywordRange r = d->binarySearch(key);
    return r.isEmpty() ? QList<KeywordRange>{} : QList<KeywordRange>{r};
}

KeywordRange TinyImages::keywordRange(const QString &keyword) const
{
    if (d->sorted) { // the common case, without the list
        const QByteArray key = keyword.trimmed().toLatin1();
        if (!d->meta || key.isEmpty() || key.size() > kKeywordFieldBytes)
            return {};
        const KeywordRange r = d->binarySearch(key);
        return r.isEmpty() ? KeywordRange{} : r;
    }
    const QList<KeywordRange> ranges = keywordRanges(keyword);
    return ranges.isEmpty() ? KeywordRange{} : ranges.first();
}

qint64 TinyImages::distinctKeywordCount(const Progress &progress) const
{
    if (d->distinct >= 0 || !d->meta)
        return d->meta ? qint64(d->distinct) : 0;
    // Sorted file: a keyword starts wherever the field differs from the previous record's.
    adviseSequential(d->meta, d->count * kMetaRec, true);
    qint64 distinct = 0;
    QByteArrayView previous;
    for (qint64 i = 0; i < d->count; ++i) {
        if (i % (1 << 16) == 0) {
            if (progress.isCancelled())
                break;
            progress.report(i, d->count);
        }
        const QByteArrayView kw = d->keywordAt(i);
        if (i == 0 || kw != previous)
            ++distinct;
        previous = kw;
    }
    adviseSequential(d->meta, d->count * kMetaRec, false);
    if (progress.isCancelled())
        return -1;
    progress.report(d->count, d->count);
    d->distinct = distinct;
    return distinct;
}

bool TinyImages::buildKeywordIndex(const Progress &progress)
{
    if (!d->meta)
        return d->fail(QStringLiteral("Tiny Images: no file open"));
    return d->runFullPass(progress);
}

} // namespace tc::core
