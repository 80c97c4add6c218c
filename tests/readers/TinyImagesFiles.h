#pragma once

// world-small's Tiny Images files and the truth.csv oracle for them, and the small file writers the
// Tiny Images tests use to make damaged, sparse and hand-made metadata/image files.
#include "core/common/ImageSet.h"
#include "core/readers/TinyImages.h"
#include "tests/support/TestSupport.h"

#include <QByteArray>
#include <QFile>
#include <QHash>
#include <QList>
#include <QString>

namespace tc::test {

using TruthRows = QList<QHash<QString, QString>>;

inline QString tinyDir()
{
    return fixture(QStringLiteral("world-small/tinyimages"));
}

inline QString metaPath()
{
    return tinyDir() + QStringLiteral("/tiny_metadata.bin");
}

inline QString imagesPath()
{
    return tinyDir() + QStringLiteral("/tiny_images.bin");
}

inline qint64 indexOf(const QHash<QString, QString> &row)
{
    return row.value(QStringLiteral("tiny_index")).toLongLong();
}

// truth.csv rows are in Tiny Images order with their keyword: an oracle written by the generator,
// independent of the metadata file this reader parses.
inline core::KeywordRange truthRange(const TruthRows &rows, const QString &keyword)
{
    core::KeywordRange r{-1, -1};
    for (const auto &row : rows) {
        if (row.value(QStringLiteral("keyword")) != keyword)
            continue;
        if (r.begin < 0)
            r.begin = indexOf(row);
        r.end = indexOf(row) + 1;
    }
    return r.begin < 0 ? core::KeywordRange{} : r;
}

inline QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

inline bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

inline bool writeAt(const QString &path, qint64 offset, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::ReadWrite) && f.seek(offset) && f.write(bytes) == bytes.size();
}

// A sparse file of exactly size bytes (holes cost no disk).
inline bool makeSparse(const QString &path, qint64 size)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.resize(size);
}

inline QByteArray tinyImage(const core::TinyImages &tiny, qint64 i)
{
    QByteArray img(core::kImageBytes, '\0');
    if (!tiny.readImage(i, reinterpret_cast<std::uint8_t *>(img.data())))
        return {};
    return img;
}

// A 768-byte record in the documented layout, for hand-made files.
inline QByteArray metadataRecord(const QByteArray &keyword, int indexInKeyword = 1)
{
    QByteArray rec(768, ' ');
    rec.replace(0, keyword.size(), keyword);
    const QByteArray tail =
        QByteArray("1   1   1   ") + QByteArray::number(indexInKeyword).leftJustified(4, ' ') + "-1";
    rec.replace(750, 18, tail);
    return rec;
}

} // namespace tc::test
