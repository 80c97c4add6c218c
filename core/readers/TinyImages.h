#pragma once

#include "core/common/Progress.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>
#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>

class QFile;

namespace tc::core {

// Keyword comparisons in the metadata run on std::string_view (plain byte order, as the file is sorted).
inline std::string_view byteView(QByteArrayView v)
{
    return std::string_view(v.data(), size_t(v.size()));
}

// One fully parsed 768-byte record of tiny_metadata.bin (text fields trimmed of their padding).
struct TinyMetadata {
    QString keyword, filename, imageSpec, crawlDate, engine, thumbnailUrl, sourceUrl;
    int page = 0;
    int positionOnPage = 0;
    int positionInEngine = 0;
    int indexInKeyword = 0; // 1-based position of the record among its keyword's records
    int sentinel = 0;       // -1 in every record of the real file
};

// Record indices [begin, end) of one keyword.
struct KeywordRange {
    qint64 begin = 0, end = 0;
    bool isEmpty() const { return end <= begin; }
    qint64 size() const { return isEmpty() ? 0 : end - begin; }
    bool operator==(const KeywordRange &) const = default;
};

// The 80 Million Tiny Images pair: tiny_images.bin (3072-byte column-major planar records) and
// tiny_metadata.bin (768-byte ASCII records sorted by keyword). Both files are memory-mapped, so
// opening a 227 GB file costs nothing and a record read is a page fault, not a read() call.
//
// Keyword lookup is a binary search over the metadata (O(log N) record reads). When open() finds
// the file not sorted by keyword (sampled check), it builds a keyword index in one sequential
// pass and caches it under indexCacheDir() (the data usually sits on a read-only disk). The cache
// is keyed by content: a digest of every keyword field, re-checked whenever the file's stat() stamp
// (inode, size, mtime and the kernel's change time) is not the one it had when the digest was
// last computed, so a rewritten file is never read through the index of its former bytes
// (TinyImages.cpp, Impl::useCache, says exactly when the file is read again).
//
// After a successful open(), the const readers are safe to call from several threads at once.
class TinyImages final {
public:
    static constexpr qint64 kImageRecordBytes = 3072;
    static constexpr qint64 kMetadataRecordBytes = 768;
    static constexpr int kKeywordFieldBytes = 80;

    TinyImages();
    ~TinyImages();
    TinyImages(const TinyImages &) = delete;
    TinyImages &operator=(const TinyImages &) = delete;

    // Where an index for an unsorted metadata file is cached. Default: the generic cache location
    // + "/tinycurator/tiny-index". Set before open().
    void setIndexCacheDir(const QString &dir);
    QString indexCacheDir() const;

    // dir holds tiny_images.bin and tiny_metadata.bin.
    bool open(const QString &dir, const Progress &progress = {});
    bool open(const QString &imagesPath, const QString &metadataPath, const Progress &progress = {});
    void close();
    bool isOpen() const;

    QString errorString() const;
    QString imagesPath() const;
    QString metadataPath() const;
    qint64 count() const;
    // True when keyword lookups are binary searches; false when they use the keyword index.
    bool isSorted() const;
    // True when the keyword index came from the cache rather than a fresh pass (for tests, UI).
    bool indexLoadedFromCache() const;
    // True when that cache was only used after a digest pass over the keyword fields confirmed it
    // (the file's stamp had changed, or was too recent to vouch for the bytes).
    bool indexCacheCheckedByDigest() const;
    QString indexCachePath() const;

    // Canonical 32x32 RGB HWC image (3072 bytes) of record index. False when out of range.
    bool readImage(qint64 index, std::uint8_t *out) const;
    // Records [first, first + n) into out (n * 3072 bytes). False when the range is out of bounds.
    bool readImages(qint64 first, qint64 n, std::uint8_t *out) const;

    // The parsed record, or nullopt (with errorString() naming file and record) when the index is
    // out of range or the record's integers are garbage. Not const: the failure is the reader's state.
    std::optional<TinyMetadata> metadata(qint64 index);
    // Just the trimmed keyword field (cheap: no URL parsing).
    QString keyword(qint64 index) const;

    // The records of keyword (trimmed, compared byte-wise); empty if the file has none.
    // In an unsorted file a keyword may be split over several runs: keywordRange() returns
    // the first, keywordRanges() all of them (always one or none in a sorted file).
    KeywordRange keywordRange(const QString &keyword) const;
    QList<KeywordRange> keywordRanges(const QString &keyword) const;

    // Distinct keywords in the file. With the index this is immediate; for a sorted file it is
    // one sequential pass over the keyword fields (reported through progress). -1 if cancelled.
    qint64 distinctKeywordCount(const Progress &progress = {}) const;

    // Forces the sequential pass that builds (and caches) the keyword index, e.g. when a caller
    // distrusts the sampled sortedness check. False with errorString() when cancelled or failing.
    bool buildKeywordIndex(const Progress &progress = {});

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace tc::core
