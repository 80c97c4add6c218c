#pragma once

#include "core/readers/TinyImages.h"

#include <QFile>
#include <QHash>
#include <QList>
#include <QString>
#include <cstdint>
#include <optional>

namespace tc::core {

// Record layout of tiny_images.bin (three 1024-byte planes R, G, B, each column by column) to and
// from the canonical HWC image. The one owner of that layout: TinyImages and the streamed
// searches convert through these.
void tinyRecordToImage(const std::uint8_t *record, std::uint8_t *image);
void imageToTinyRecord(const std::uint8_t *image, std::uint8_t *record);

// A record range [begin, end) of tiny_images.bin, as a command line gives it ("A:B", "A:", ":B").
struct TinyRecordRange {
    qint64 begin = 0, end = 0;
    qint64 size() const { return end - begin; }
    bool operator==(const TinyRecordRange &) const = default;
    QString toString() const { return QStringLiteral("%1:%2").arg(begin).arg(end); }
};

// Parses a TinyRecordRange from its command line text.
//
//     TinyRecordRangeParser parser;
//     const auto range = parser.parse(text, tiny.count());
//     if (!range)
//         return fail(parser.errorString());
class TinyRecordRangeParser final {
public:
    // Parses "A:B" (either side may be left out: 0 and count) against a file of count records.
    // nullopt with errorString() in words for anything absurd: not two integers, negative,
    // begin > end, or beyond the file (naming its record count). An empty range (A:A) is valid: an
    // empty shard.
    std::optional<TinyRecordRange> parse(const QString &text, qint64 count);
    QString errorString() const { return m_error; }

private:
    QString m_error;
};

// Streams the raw records of a range of tiny_images.bin in chunks with plain reads into a buffer
// the caller owns, so memory stays at one chunk whatever the range (a memory map would leave every
// page it touched resident in the process for the whole 227 GB pass). Records come in file order,
// in the file's own layout (tinyRecordToImage() converts one).
class TinyRecordStream final {
public:
    // imagesPath is a validated tiny_images.bin (TinyImages::open() checked its size against the
    // metadata); range must lie within it.
    bool open(const QString &imagesPath, TinyRecordRange range);
    // Up to maxRecords next records into buffer (maxRecords * 3072 bytes); *first gets the index of
    // the first one. Returns the number read: 0 at the end of the range or on an error (hasError()),
    // e.g. a file truncated while it is read.
    qint64 read(std::uint8_t *buffer, qint64 maxRecords, qint64 *first);
    // Back to the start of the range (a second pass).
    bool rewind();
    bool hasError() const { return !m_error.isEmpty(); }
    QString errorString() const { return m_error; }
    TinyRecordRange range() const { return m_range; }

    // Records a streamed search should read at a time: preferred, unless TC_TINY_CHUNK_RECORDS sets a
    // smaller positive number (tests use it to cross chunk boundaries on small files).
    static qint64 chunkRecords(qint64 preferred);

private:
    QFile m_file;
    TinyRecordRange m_range;
    qint64 m_next = 0;
    QString m_error;
};

// The keywords of a few records of tiny_metadata.bin, read with plain reads (80 bytes each), trimmed
// the way TinyImages reads them (tinyKeywordField). TinyImages::keyword() would fault in the
// memory map around every record (64 KB or more each), so a search that reports 60,000 scattered
// records would hold gigabytes of the 57 GB file in its resident set. False with errorString().
class TinyKeywordReader final {
public:
    bool read(const QString &metadataPath, QList<qint64> indices, QHash<qint64, QString> *keywords);
    QString errorString() const { return m_error; }

private:
    QString m_error;
};

} // namespace tc::core
