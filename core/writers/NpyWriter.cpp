#include "core/writers/NpyWriter.h"

#include "core/writers/DeviceSink.h"

#include <QtEndian>

namespace tc::core {

NpyArray NpyArray::images(const ImageSet &set)
{
    NpyArray a;
    a.descr = "|u1";
    a.shape = {set.count(), kImageSide, kImageSide, kImageChannels};
    a.borrowed = QByteArrayView(reinterpret_cast<const char *>(set.pixels.data()), set.count() * kImageBytes);
    if (a.borrowed.isNull())
        a.borrowed = QByteArrayView("", 0); // empty but not null: zero images still borrow
    return a;
}

NpyArray NpyArray::images(const ImageRows &rows)
{
    NpyArray a;
    a.descr = "|u1";
    a.shape = {rows.count(), kImageSide, kImageSide, kImageChannels};
    a.gathered = &rows;
    return a;
}

qint64 NpyArray::byteSize() const
{
    return gathered ? qint64(gathered->count()) * kImageBytes : data().size();
}

void NpyArray::forEachChunk(const std::function<void(QByteArrayView)> &fn) const
{
    if (gathered)
        gathered->forEachChunk(0, gathered->count(), fn);
    else
        fn(data());
}

template <typename Out, typename In> static NpyArray littleEndianArray(const char *descr, std::span<const In> values)
{
    NpyArray a;
    a.descr = descr;
    a.shape = {qint64(values.size())};
    a.owned.resize(qsizetype(values.size() * sizeof(Out)));
    auto *out = a.owned.data();
    for (size_t i = 0; i < values.size(); ++i)
        qToLittleEndian<Out>(Out(values[i]), out + i * sizeof(Out));
    return a;
}

NpyArray NpyArray::int64s(std::span<const qint64> values)
{
    return littleEndianArray<qint64>("<i8", values);
}
NpyArray NpyArray::int64s(std::span<const int> values)
{
    return littleEndianArray<qint64>("<i8", values);
}
NpyArray NpyArray::int32s(std::span<const int> values)
{
    return littleEndianArray<qint32>("<i4", values);
}

NpyArray NpyArray::strings(const QStringList &values)
{
    qsizetype width = 1;
    std::vector<std::u32string> ucs4;
    ucs4.reserve(values.size());
    for (const auto &v : values) {
        const QList<uint> cps = v.toUcs4();
        ucs4.emplace_back(cps.begin(), cps.end());
        width = std::max<qsizetype>(width, cps.size());
    }
    NpyArray a;
    a.descr = "<U" + QByteArray::number(width);
    a.shape = {qint64(values.size())};
    a.owned.fill('\0', values.size() * width * 4); // numpy pads short strings with NUL code points
    for (size_t i = 0; i < ucs4.size(); ++i)
        for (size_t c = 0; c < ucs4[i].size(); ++c)
            qToLittleEndian<quint32>(quint32(ucs4[i][c]), a.owned.data() + (i * width + c) * 4);
    return a;
}

QByteArray NpyWriter::header(const NpyArray &array)
{
    QByteArray shape = "(";
    for (size_t i = 0; i < array.shape.size(); ++i)
        shape +=
            QByteArray::number(array.shape[i]) + (array.shape.size() == 1 || i + 1 < array.shape.size() ? "," : "");
    shape.replace(",", ", ");
    shape = shape.trimmed() + ")";
    // Same text numpy's write_array_header_1_0 produces, e.g. {'descr': '|u1', 'fortran_order': False, 'shape': (2, 3),
    // }
    QByteArray dict = "{'descr': '" + array.descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
    const qsizetype preamble = 10; // magic(6) + version(2) + header length(2)
    const qsizetype total = (preamble + dict.size() + 1 + 63) / 64 * 64;
    dict += QByteArray(total - preamble - dict.size() - 1, ' ') + '\n';
    QByteArray out("\x93NUMPY\x01\x00", 8);
    out += char(dict.size() & 0xff);
    out += char(dict.size() >> 8);
    return out + dict;
}

bool NpyWriter::write(QIODevice *device, const NpyArray &array)
{
    const QByteArray head = header(array);
    if (head.size() - 10 > 0xffff) {
        m_error = QStringLiteral("%1: npy header too long for format 1.0").arg(deviceName(device));
        return false;
    }
    DeviceSink sink(device, deviceName(device));
    sink.put(head);
    array.forEachChunk([&](QByteArrayView piece) { sink.put(piece); });
    if (!sink.flush()) {
        m_error = sink.errorString();
        return false;
    }
    return true;
}

} // namespace tc::core
