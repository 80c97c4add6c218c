#include "TinyRecordStream.h"

#include "core/common/ImageSet.h"
#include "core/readers/InputFile.h"
#include "core/readers/TinyKeywordIndex.h"

#include <algorithm>
#include <fcntl.h>

namespace tc::core {

void tinyRecordToImage(const std::uint8_t *record, std::uint8_t *image)
{
    for (int ch = 0; ch < 3; ++ch) {
        const std::uint8_t *plane = record + 1024 * ch;
        for (int col = 0; col < 32; ++col) {
            const std::uint8_t *column = plane + 32 * col;
            std::uint8_t *dst = image + col * 3 + ch;
            for (int row = 0; row < 32; ++row)
                dst[row * kRowBytes] = column[row];
        }
    }
}

void imageToTinyRecord(const std::uint8_t *image, std::uint8_t *record)
{
    for (int ch = 0; ch < 3; ++ch) {
        std::uint8_t *plane = record + 1024 * ch;
        for (int col = 0; col < 32; ++col) {
            std::uint8_t *column = plane + 32 * col;
            const std::uint8_t *src = image + col * 3 + ch;
            for (int row = 0; row < 32; ++row)
                column[row] = src[row * kRowBytes];
        }
    }
}

std::optional<TinyRecordRange> TinyRecordRangeParser::parse(const QString &text, qint64 count)
{
    m_error.clear();
    const auto fail = [&](const QString &why) -> std::optional<TinyRecordRange> {
        m_error = QStringLiteral("--records '%1': %2").arg(text, why);
        return std::nullopt;
    };
    const qsizetype colon = text.indexOf(QLatin1Char(':'));
    if (colon < 0 || text.indexOf(QLatin1Char(':'), colon + 1) >= 0)
        return fail(QStringLiteral("expected BEGIN:END (record indices, END exclusive)"));
    const QString a = text.left(colon).trimmed(), b = text.mid(colon + 1).trimmed();
    TinyRecordRange r{0, count};
    bool ok = true;
    // Digits only: toLongLong() would also take "+5" or " 5", and "1e9" must not pass as anything.
    const auto number = [&](const QString &s, qint64 *out) {
        for (const QChar c : s)
            if (!c.isDigit() || c.unicode() > 127)
                return false;
        *out = s.toLongLong(&ok);
        return ok;
    };
    if (!a.isEmpty() && !number(a, &r.begin))
        return fail(QStringLiteral("the start (before the colon) is not a non-negative integer"));
    if (!b.isEmpty() && !number(b, &r.end))
        return fail(QStringLiteral("the end (after the colon) is not a non-negative integer"));
    if (r.begin > r.end)
        return fail(QStringLiteral("the start is after the end"));
    if (r.end > count)
        return fail(QStringLiteral("beyond the file, which holds %1 records (0:%1)").arg(count));
    return r;
}

bool TinyRecordStream::open(const QString &imagesPath, TinyRecordRange range)
{
    m_error.clear();
    m_range = range;
    m_next = range.begin;
    m_file.close();
    InputFile input;
    if (!input.open(m_file, imagesPath)) {
        m_error = input.errorString();
        return false;
    }
    if (m_file.size() < range.end * TinyImages::kImageRecordBytes) {
        m_error = QStringLiteral("%1: holds %2 records, fewer than the range %3 needs")
                      .arg(imagesPath)
                      .arg(m_file.size() / TinyImages::kImageRecordBytes)
                      .arg(range.toString());
        return false;
    }
    // The kernel may read ahead aggressively: every byte of the range is read once, in order.
    ::posix_fadvise(m_file.handle(), range.begin * TinyImages::kImageRecordBytes,
                    range.size() * TinyImages::kImageRecordBytes, POSIX_FADV_SEQUENTIAL);
    return rewind();
}

qint64 TinyRecordStream::chunkRecords(qint64 preferred)
{
    bool ok = false;
    const qint64 forced = qEnvironmentVariable("TC_TINY_CHUNK_RECORDS").toLongLong(&ok);
    return ok && forced > 0 && forced < preferred ? forced : preferred;
}

bool TinyRecordStream::rewind()
{
    m_next = m_range.begin;
    if (!m_file.seek(m_range.begin * TinyImages::kImageRecordBytes)) {
        m_error = QStringLiteral("%1: cannot seek to record %2 (%3)")
                      .arg(m_file.fileName())
                      .arg(m_range.begin)
                      .arg(m_file.errorString());
        return false;
    }
    return true;
}

qint64 TinyRecordStream::read(std::uint8_t *buffer, qint64 maxRecords, qint64 *first)
{
    if (hasError() || !m_file.isOpen())
        return 0;
    const qint64 n = std::min(maxRecords, m_range.end - m_next);
    if (n <= 0)
        return 0;
    const qint64 want = n * TinyImages::kImageRecordBytes;
    qint64 got = 0;
    while (got < want) {
        const qint64 r = m_file.read(reinterpret_cast<char *>(buffer) + got, want - got);
        if (r <= 0) {
            m_error = r < 0 ? QStringLiteral("%1: read error at record %2 (%3)")
                                  .arg(m_file.fileName())
                                  .arg(m_next + got / TinyImages::kImageRecordBytes)
                                  .arg(m_file.errorString())
                            : QStringLiteral("%1: ends at record %2, inside the range %3 (the file was truncated "
                                             "while it was read)")
                                  .arg(m_file.fileName())
                                  .arg(m_next + got / TinyImages::kImageRecordBytes)
                                  .arg(m_range.toString());
            return 0;
        }
        got += r;
    }
    // Already used: let the page cache drop it rather than evict everyone else's files.
    ::posix_fadvise(m_file.handle(), m_next * TinyImages::kImageRecordBytes, want, POSIX_FADV_DONTNEED);
    *first = m_next;
    m_next += n;
    return n;
}

bool TinyKeywordReader::read(const QString &metadataPath, QList<qint64> indices, QHash<qint64, QString> *keywords)
{
    m_error.clear();
    QFile file;
    InputFile input;
    if (!input.open(file, metadataPath)) {
        m_error = input.errorString();
        return false;
    }
    std::sort(indices.begin(), indices.end()); // one forward sweep over the file
    indices.erase(std::unique(indices.begin(), indices.end()), indices.end());
    uchar field[TinyImages::kKeywordFieldBytes];
    for (const qint64 i : indices) {
        if (!file.seek(i * TinyImages::kMetadataRecordBytes) ||
            file.read(reinterpret_cast<char *>(field), sizeof field) != qint64(sizeof field)) {
            m_error = QStringLiteral("%1: cannot read the keyword of record %2 (%3)")
                          .arg(metadataPath)
                          .arg(i)
                          .arg(file.errorString());
            return false;
        }
        const QByteArrayView kw = tinyKeywordField(field);
        keywords->insert(i, QString::fromLatin1(kw.data(), kw.size()));
    }
    return true;
}

} // namespace tc::core
