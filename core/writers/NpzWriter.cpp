#include "core/writers/NpzWriter.h"

#include <limits>
#include <zlib.h>

namespace tc::core {

namespace {
constexpr quint32 kLocalSig = 0x04034b50, kCentralSig = 0x02014b50, kEndSig = 0x06054b50;
constexpr quint16 kVersion = 20;           // 2.0: what zipfile writes for stored members
constexpr quint16 kDosTime = 0;            // 00:00:00
constexpr quint16 kDosDate = (1 << 5) | 1; // 1980-01-01, the earliest DOS date
constexpr quint64 kLimit = std::numeric_limits<quint32>::max();

quint32 crcOf(QByteArrayView a, quint32 crc)
{
    // zlib's crc32 takes uInt lengths; feed in 1 GiB slices.
    const char *p = a.data();
    qsizetype left = a.size();
    while (left > 0) {
        const uInt n = uInt(std::min<qsizetype>(left, qsizetype(1) << 30));
        crc = quint32(crc32(crc, reinterpret_cast<const Bytef *>(p), n));
        p += n;
        left -= n;
    }
    return crc;
}
} // namespace

NpzWriter::NpzWriter(QIODevice *device) : m_sink(device, deviceName(device)), m_deviceName(deviceName(device)) {}

bool NpzWriter::fail(const QString &problem)
{
    m_error = QStringLiteral("%1: %2").arg(m_deviceName, problem);
    return false;
}

bool NpzWriter::add(const QString &name, const NpyArray &array)
{
    if (!m_sink.ok())
        return false;
    const QByteArray head = NpyWriter::header(array);
    const quint64 size = quint64(head.size()) + quint64(array.byteSize());
    const quint64 offset = quint64(m_sink.bytesWritten());
    if (size > kLimit || offset > kLimit)
        return fail(QStringLiteral("member %1.npy would pass 4 GiB, which needs zip64 (not supported)").arg(name));
    Entry e;
    e.name = (name + QStringLiteral(".npy")).toUtf8();
    e.crc = crcOf(head, quint32(crc32(0, nullptr, 0)));
    array.forEachChunk([&](QByteArrayView piece) { e.crc = crcOf(piece, e.crc); });
    e.size = quint32(size);
    e.offset = quint32(offset);
    localHeader(e);
    m_sink.put(head);
    array.forEachChunk([&](QByteArrayView piece) { m_sink.put(piece); });
    m_entries.push_back(e);
    return m_sink.ok();
}

void NpzWriter::localHeader(const Entry &e)
{
    m_sink.putLe32(kLocalSig);
    m_sink.putLe16(kVersion);
    m_sink.putLe16(0); // flags
    m_sink.putLe16(0); // method: stored
    m_sink.putLe16(kDosTime);
    m_sink.putLe16(kDosDate);
    m_sink.putLe32(e.crc);
    m_sink.putLe32(e.size); // compressed
    m_sink.putLe32(e.size); // uncompressed
    m_sink.putLe16(quint16(e.name.size()));
    m_sink.putLe16(0); // extra length
    m_sink.put(e.name);
}

void NpzWriter::centralHeader(const Entry &e)
{
    m_sink.putLe32(kCentralSig);
    m_sink.putLe16(kVersion); // made by
    m_sink.putLe16(kVersion); // needed
    m_sink.putLe16(0);
    m_sink.putLe16(0);
    m_sink.putLe16(kDosTime);
    m_sink.putLe16(kDosDate);
    m_sink.putLe32(e.crc);
    m_sink.putLe32(e.size);
    m_sink.putLe32(e.size);
    m_sink.putLe16(quint16(e.name.size()));
    m_sink.putLe16(0); // extra
    m_sink.putLe16(0); // comment
    m_sink.putLe16(0); // disk
    m_sink.putLe16(0); // internal attributes
    m_sink.putLe32(0); // external attributes
    m_sink.putLe32(e.offset);
    m_sink.put(e.name);
}

bool NpzWriter::finish()
{
    if (!m_sink.ok())
        return false;
    const quint64 start = quint64(m_sink.bytesWritten());
    for (const auto &e : m_entries)
        centralHeader(e);
    const quint64 dirSize = quint64(m_sink.bytesWritten()) - start;
    if (start > kLimit || m_entries.size() > 0xffff)
        return fail(QStringLiteral("archive would need zip64 (not supported)"));
    m_sink.putLe32(kEndSig);
    m_sink.putLe16(0); // this disk
    m_sink.putLe16(0); // disk with the directory
    m_sink.putLe16(quint16(m_entries.size()));
    m_sink.putLe16(quint16(m_entries.size()));
    m_sink.putLe32(quint32(dirSize));
    m_sink.putLe32(quint32(start));
    m_sink.putLe16(0); // comment length
    return m_sink.flush();
}

} // namespace tc::core
