#pragma once

#include "core/common/Progress.h"
#include "core/readers/TinyImages.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QHash>
#include <QList>
#include <QString>

namespace tc::core {

// The trimmed keyword field of a 768-byte metadata record: the padding is spaces (NULs in
// sparse or damaged files), and lookups compare trimmed bytes.
QByteArrayView tinyKeywordField(const uchar *record);

// What one sequential pass over tiny_metadata.bin learns: whether the records are sorted by
// keyword (each keyword one run, runs in increasing byte order), how many distinct keywords there
// are, and, for an unsorted file, every keyword's runs. Saved to a cache file so that the pass,
// minutes long on the real 57 GB file, happens once per file version.
class TinyKeywordIndex final {
public:
    // One pass over count records at meta; false when progress asked to cancel.
    bool build(const uchar *meta, qint64 count, const Progress &progress);
    // identity ties the cache to one version of the metadata file (path, size, mtime).
    bool save(const QString &path, const QByteArray &identity, QString *error) const;
    bool load(const QString &path, const QByteArray &identity, qint64 count);
    void clear();

    bool isSorted() const { return m_sorted; }
    qint64 distinctCount() const { return m_distinct; }
    QList<KeywordRange> ranges(QByteArrayView keyword) const;

private:
    void addRun(QByteArrayView keyword, qint64 begin, qint64 end);

    bool m_sorted = true;
    qint64 m_distinct = 0;
    QHash<QByteArray, QList<KeywordRange>> m_runs; // filled only for an unsorted file
};

} // namespace tc::core
