#include "core/readers/ZipArchive.h"

#include "core/readers/InputFile.h"
#include "core/readers/ReadError.h"

#include <QFile>
#include <QtEndian>
#include <algorithm>
#include <zlib.h>

namespace tc::core {

namespace {
constexpr quint32 kEndSig = 0x06054b50, kEnd64Sig = 0x06064b50, kLocator64Sig = 0x07064b50;
constexpr quint32 kCentralSig = 0x02014b50, kLocalSig = 0x04034b50;
constexpr quint64 kMaxDeflateRatio = 1032; // deflate's best case: 258 bytes from about 2 bits

quint64 le(const QByteArray &d, qint64 pos, int bytes)
{
    quint64 v = 0;
    for (int i = bytes - 1; i >= 0; --i)
        v = (v << 8) | uchar(d[pos + i]);
    return v;
}
} // namespace

bool ZipArchive::fail(const QString &problem)
{
    m_error = fileError(m_name, problem);
    return false;
}

bool ZipArchive::open(const QString &path)
{
    QFile file;
    m_name = path;
    InputFile input;
    if (!input.open(file, path)) {
        m_error = input.errorString();
        return false;
    }
    const QByteArray data = file.readAll();
    if (data.size() != file.size())
        return fail(QStringLiteral("read error: %1").arg(file.errorString()));
    return openData(data, path);
}

bool ZipArchive::openData(const QByteArray &data, const QString &name)
{
    m_name = name;
    m_data = data;
    m_entries.clear();
    m_error.clear();
    quint64 count = 0, offset = 0, size = 0;
    return findDirectory(&count, &offset, &size) && parseDirectory(count, offset, size);
}

// The end-of-central-directory record sits in the last 22 + 65535 (comment) bytes.
bool ZipArchive::findDirectory(quint64 *count, quint64 *offset, quint64 *size)
{
    const qint64 n = m_data.size();
    qint64 end = -1;
    for (qint64 pos = n - 22; pos >= 0 && pos >= n - 22 - 65535; --pos)
        if (le(m_data, pos, 4) == kEndSig) {
            end = pos;
            break;
        }
    if (end < 0)
        return fail(QStringLiteral("not a zip archive or truncated (no end of central directory)"));
    *count = le(m_data, end + 10, 2);
    *size = le(m_data, end + 12, 4);
    *offset = le(m_data, end + 16, 4);
    const bool zip64 = *count == 0xFFFF || *size == 0xFFFFFFFF || *offset == 0xFFFFFFFF;
    if (end >= 20 && le(m_data, end - 20, 4) == kLocator64Sig) {
        const quint64 rec = le(m_data, end - 20 + 8, 8);
        if (rec > quint64(n) - 56 || le(m_data, qint64(rec), 4) != kEnd64Sig)
            return fail(QStringLiteral("corrupt zip64 end of central directory"));
        *count = le(m_data, qint64(rec) + 32, 8);
        *size = le(m_data, qint64(rec) + 40, 8);
        *offset = le(m_data, qint64(rec) + 48, 8);
    } else if (zip64) {
        return fail(QStringLiteral("zip64 archive without its zip64 locator"));
    }
    if (*offset > quint64(n) || *size > quint64(n) - *offset || *count > *size / 46)
        return fail(QStringLiteral("central directory (%1 entries at %2, %3 bytes) lies outside the %4-byte file")
                        .arg(*count)
                        .arg(*offset)
                        .arg(*size)
                        .arg(n));
    return true;
}

bool ZipArchive::applyZip64(const QByteArray &extra, Entry &e)
{
    for (qint64 p = 0; p + 4 <= extra.size();) {
        const quint64 id = le(extra, p, 2), len = le(extra, p + 2, 2);
        if (p + 4 + qint64(len) > extra.size())
            return fail(QStringLiteral("member '%1': corrupt extra field").arg(e.name));
        if (id == 0x0001) {
            qint64 q = p + 4;
            const qint64 stop = q + qint64(len);
            for (quint64 *field : {&e.size, &e.compressedSize, &e.localOffset}) {
                if (*field != 0xFFFFFFFF)
                    continue;
                if (q + 8 > stop)
                    return fail(QStringLiteral("member '%1': short zip64 field").arg(e.name));
                *field = le(extra, q, 8);
                q += 8;
            }
        }
        p += 4 + qint64(len);
    }
    return true;
}

bool ZipArchive::parseDirectory(quint64 count, quint64 offset, quint64 size)
{
    qint64 p = qint64(offset);
    const qint64 end = qint64(offset + size);
    for (quint64 i = 0; i < count; ++i) {
        if (p + 46 > end || le(m_data, p, 4) != kCentralSig)
            return fail(QStringLiteral("corrupt central directory entry %1").arg(i));
        Entry e;
        e.method = int(le(m_data, p + 10, 2));
        e.crc = quint32(le(m_data, p + 16, 4));
        e.compressedSize = le(m_data, p + 20, 4);
        e.size = le(m_data, p + 24, 4);
        const qint64 nameLen = qint64(le(m_data, p + 28, 2)), extraLen = qint64(le(m_data, p + 30, 2)),
                     commentLen = qint64(le(m_data, p + 32, 2));
        e.localOffset = le(m_data, p + 42, 4);
        if (p + 46 + nameLen + extraLen + commentLen > end)
            return fail(QStringLiteral("corrupt central directory entry %1").arg(i));
        e.name = QString::fromUtf8(m_data.mid(p + 46, nameLen));
        if (!applyZip64(m_data.mid(p + 46 + nameLen, extraLen), e))
            return false;
        m_entries.push_back(e);
        p += 46 + nameLen + extraLen + commentLen;
    }
    return true;
}

QStringList ZipArchive::names() const
{
    QStringList list;
    for (const auto &e : m_entries)
        list << e.name;
    return list;
}

bool ZipArchive::contains(const QString &member) const
{
    return names().contains(member);
}

bool ZipArchive::read(const QString &member, QByteArray *out)
{
    const auto it = std::find_if(m_entries.begin(), m_entries.end(), [&](const Entry &e) { return e.name == member; });
    if (it == m_entries.end())
        return fail(QStringLiteral("no member '%1'").arg(member));
    const Entry &e = *it;
    const quint64 n = quint64(m_data.size());
    if (e.localOffset > n - 30 || n < 30 || le(m_data, qint64(e.localOffset), 4) != kLocalSig)
        return fail(QStringLiteral("member '%1': bad local header offset %2").arg(member).arg(e.localOffset));
    const quint64 start =
        e.localOffset + 30 + le(m_data, qint64(e.localOffset) + 26, 2) + le(m_data, qint64(e.localOffset) + 28, 2);
    if (start > n || e.compressedSize > n - start)
        return fail(
            QStringLiteral("member '%1': %2 compressed bytes exceed the file").arg(member).arg(e.compressedSize));
    if (e.method == 0) {
        if (e.size != e.compressedSize)
            return fail(QStringLiteral("member '%1': stored sizes disagree").arg(member));
        *out = m_data.mid(qint64(start), qint64(e.size));
    } else if (e.method == 8) {
        if (!inflate(e, m_data.constData() + start, out))
            return false;
    } else {
        return fail(QStringLiteral("member '%1': compression method %2 is not supported").arg(member).arg(e.method));
    }
    const quint32 crc = quint32(crc32_z(0, reinterpret_cast<const Bytef *>(out->constData()), size_t(out->size())));
    if (crc != e.crc)
        return fail(QStringLiteral("member '%1': CRC mismatch (corrupt data)").arg(member));
    return true;
}

bool ZipArchive::inflate(const Entry &e, const char *src, QByteArray *out)
{
    // The directory's size is a claim, checked before anything is allocated: an expansion beyond
    // deflate's limit is a lie, and one beyond what image data compresses to is a bomb (a 6 MB
    // member of zeros claims 6 GB; real pixels, labels and names stay far below kMaxRatio).
    if (e.size > e.compressedSize * kMaxDeflateRatio + 1024)
        return fail(QStringLiteral("member '%1': claims %2 bytes from %3 compressed, more than deflate can expand "
                                   "to")
                        .arg(e.name)
                        .arg(e.size)
                        .arg(e.compressedSize));
    if (e.size > kMaxMemberBytes || (e.size > kRatioFreeBytes && e.size / kMaxRatio > e.compressedSize))
        return fail(QStringLiteral("member '%1' would inflate %3 compressed bytes to %2 bytes (%4:1); members are "
                                   "limited to %5 bytes and, above %6 bytes, to %7:1, so it is refused as a "
                                   "decompression bomb")
                        .arg(e.name)
                        .arg(e.size)
                        .arg(e.compressedSize)
                        .arg(e.size / std::max<quint64>(e.compressedSize, 1))
                        .arg(kMaxMemberBytes)
                        .arg(kRatioFreeBytes)
                        .arg(kMaxRatio));
    out->resize(qsizetype(e.size));
    z_stream z{};
    if (inflateInit2(&z, -MAX_WBITS) != Z_OK) // raw deflate: zip has no zlib header
        return fail(QStringLiteral("zlib initialisation failed"));
    z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(src));
    z.avail_in = 0;
    z.next_out = reinterpret_cast<Bytef *>(out->data());
    quint64 inLeft = e.compressedSize, outLeft = e.size;
    int rc = Z_OK;
    while (rc == Z_OK) {
        // zlib counts in 32 bits; feed members larger than 4 GB in pieces.
        if (z.avail_in == 0) {
            z.avail_in = uInt(std::min<quint64>(inLeft, 1u << 30));
            inLeft -= z.avail_in;
        }
        if (z.avail_out == 0) {
            z.avail_out = uInt(std::min<quint64>(outLeft, 1u << 30));
            outLeft -= z.avail_out;
        }
        rc = ::inflate(&z, Z_NO_FLUSH);
        if (rc == Z_BUF_ERROR && (z.avail_in > 0 || inLeft > 0) && z.avail_out == 0 && outLeft == 0)
            break; // more output than claimed
        if (rc == Z_BUF_ERROR && z.avail_in == 0 && inLeft == 0)
            break; // input ended before the stream did
        if (rc == Z_BUF_ERROR)
            rc = Z_OK;
    }
    const quint64 produced = quint64(z.total_out);
    const QString zmsg = z.msg ? QString::fromLatin1(z.msg) : QString();
    inflateEnd(&z);
    if (rc != Z_STREAM_END)
        return fail(QStringLiteral("member '%1': bad deflate data%2")
                        .arg(e.name, zmsg.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(zmsg)));
    if (produced != e.size)
        return fail(QStringLiteral("member '%1': inflated to %2 bytes, directory says %3")
                        .arg(e.name)
                        .arg(produced)
                        .arg(e.size));
    return true;
}

} // namespace tc::core
