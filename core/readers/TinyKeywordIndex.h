#pragma once

#include "core/common/Progress.h"
#include "core/readers/TinyImages.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QHash>
#include <QList>
#include <QString>
#include <optional>

namespace tc::core {

// The trimmed keyword field of a 768-byte metadata record: the padding is spaces (NULs in
// sparse or damaged files), and lookups compare trimmed bytes.
QByteArrayView tinyKeywordField(const uchar *record);

// What stat() says about a file, to tell cheaply whether it can have changed. The change time
// (ctime) is set by the kernel on every write and on every utime(): unlike the modification time,
// no program can set it back, so a rewrite "with the same size and mtime" still changes it.
struct TinyFileStamp {
    quint64 device = 0, inode = 0;
    qint64 size = 0, mtimeNs = 0, ctimeNs = 0;
    // The file system keeps a change time of its own (ext4, xfs, btrfs, tmpfs, ...). FAT and exFAT
    // do not (their "ctime" is the creation time): there, only the digest can vouch for the bytes.
    bool ctimeKept = false;

    static std::optional<TinyFileStamp> of(const QString &path);
    bool sameFile(const TinyFileStamp &o) const
    {
        return device == o.device && inode == o.inode && size == o.size && mtimeNs == o.mtimeNs && ctimeNs == o.ctimeNs;
    }
};

// What the cache says about the bytes its index was built from.
struct TinyIndexCacheHeader {
    QString path;           // absolute path of the metadata file
    QByteArray digest;      // BLAKE2b-256 of the record count and every record's 80-byte keyword field
    TinyFileStamp stamp;    // the file's stamp when the digest was last computed or checked ...
    qint64 checkedAtNs = 0; // ... at this wall-clock time (ns since the epoch), taken before the pass
};

// What one sequential pass over tiny_metadata.bin learns: whether the records are sorted by
// keyword (each keyword one run, runs in increasing byte order), how many distinct keywords there
// are, and, for an unsorted file, every keyword's runs. Saved to a cache file so that the pass,
// minutes long on the real 57 GB file, happens once per content of the file (TinyImages.cpp says
// when a cache is trusted).
class TinyKeywordIndex final {
public:
    // One pass over count records at meta; false when progress asked to cancel. *digest gets
    // keywordDigest() of the same records, computed in the same pass.
    bool build(const uchar *meta, qint64 count, const Progress &progress, QByteArray *digest);
    // The digest the cache is keyed by: every byte the index depends on (the keyword fields), and
    // nothing else. nullopt when cancelled.
    static std::optional<QByteArray> keywordDigest(const uchar *meta, qint64 count, const Progress &progress);

    // Atomically; false with errorString() naming the cache file.
    bool save(const QString &path, const TinyIndexCacheHeader &header);
    QString errorString() const { return m_error; }
    // False (and cleared) for a missing, damaged or foreign cache, or one that does not fit a file
    // of count records. The caller decides from *header whether the index may be used.
    bool load(const QString &path, qint64 count, TinyIndexCacheHeader *header);
    void clear();

    bool isSorted() const { return m_sorted; }
    qint64 distinctCount() const { return m_distinct; }
    QList<KeywordRange> ranges(QByteArrayView keyword) const;

private:
    void addRun(QByteArrayView keyword, qint64 begin, qint64 end);

    bool m_sorted = true;
    qint64 m_distinct = 0;
    QHash<QByteArray, QList<KeywordRange>> m_runs; // filled only for an unsorted file
    QString m_error;
};

} // namespace tc::core
