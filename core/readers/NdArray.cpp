#include "core/readers/NdArray.h"

#include "core/common/ImageSet.h"

#include <QtEndian>
#include <cstring>
#include <limits>

namespace tc::core {

bool DType::parse(const QByteArray &descr, DType *out)
{
    DType d;
    QByteArray rest = descr;
    if (!rest.isEmpty() && QByteArray("<>|=").contains(rest.front())) {
        d.byteOrder = rest.front() == '=' ? '<' : rest.front(); // every supported host is little-endian
        rest.remove(0, 1);
    }
    if (rest.isEmpty() || !QChar::isLetter(uchar(rest.front())))
        return false;
    d.kind = rest.front();
    bool ok = false;
    const int count = rest.size() > 1 ? rest.mid(1).toInt(&ok) : 0;
    if (rest.size() > 1 && (!ok || count <= 0 || count > (1 << 20)))
        return false;
    if (d.kind == 'O')
        d.itemSize = 8;
    else if (rest.size() == 1)
        return false;
    else
        d.itemSize = d.kind == 'U' ? count * 4 : count;
    if (d.itemSize == 1)
        d.byteOrder = '|';
    *out = d;
    return true;
}

QString DType::descr() const
{
    const int count = kind == 'U' ? itemSize / 4 : itemSize;
    return QStringLiteral("%1%2%3").arg(QChar::fromLatin1(byteOrder), QChar::fromLatin1(kind)).arg(count);
}

qint64 NdArray::elementCount() const
{
    qint64 n = 1;
    for (qint64 dim : shape) {
        if (dim < 0 || (dim > 0 && n > std::numeric_limits<qint64>::max() / dim))
            return -1;
        n *= dim;
    }
    return n;
}

QString NdArray::shapeString() const
{
    QStringList dims;
    for (qint64 dim : shape)
        dims << QString::number(dim);
    return QStringLiteral("(%1%2)").arg(dims.join(QStringLiteral(", ")),
                                        shape.size() == 1 ? QStringLiteral(",") : QString());
}

bool NdArrayConverter::fail(const QString &message)
{
    m_error = message;
    return false;
}

bool NdArrayConverter::validate(const NdArray &a)
{
    const DType &dtype = a.dtype;
    const QByteArray &data = a.data;
    const qint64 n = a.elementCount();
    if (n < 0 || dtype.itemSize <= 0 || n > std::numeric_limits<qint64>::max() / dtype.itemSize) {
        return fail(QStringLiteral("array shape %1 is not valid").arg(a.shapeString()));
    }
    if (n * dtype.itemSize != data.size()) {
        return fail(QStringLiteral("array %1 of %2 needs %3 bytes but has %4")
                        .arg(a.shapeString(), dtype.descr())
                        .arg(n * dtype.itemSize)
                        .arg(data.size()));
    }
    return true;
}

namespace ndarray {

QByteArray cOrderBytes(const NdArray &a)
{
    if (!a.fortranOrder || a.shape.size() < 2)
        return a.data;
    // Walk the output in C order with an odometer and keep the Fortran source offset in step,
    // so any rank and item size works with one pass.
    const size_t rank = a.shape.size();
    const qint64 itemSize = a.dtype.itemSize;
    std::vector<qint64> stride(rank);
    qint64 acc = 1;
    for (size_t j = 0; j < rank; ++j) {
        stride[j] = acc;
        acc *= a.shape[j];
    }
    QByteArray out(a.data.size(), Qt::Uninitialized);
    std::vector<qint64> index(rank, 0);
    const char *in = a.data.constData();
    char *dst = out.data();
    qint64 src = 0;
    const qint64 n = a.elementCount();
    for (qint64 k = 0; k < n; ++k) {
        std::memcpy(dst + k * itemSize, in + src * itemSize, size_t(itemSize));
        for (size_t j = rank; j-- > 0;) {
            if (++index[j] < a.shape[j]) {
                src += stride[j];
                break;
            }
            src -= stride[j] * (a.shape[j] - 1);
            index[j] = 0;
        }
    }
    return out;
}

} // namespace ndarray

static bool readInteger(const uchar *p, const DType &t, qint64 *value)
{
    const bool big = t.isBigEndian();
    switch (t.itemSize) {
    case 1:
        *value = t.kind == 'i' ? qint64(qint8(*p)) : qint64(*p);
        return true;
    case 2: {
        const quint16 v = big ? qFromBigEndian<quint16>(p) : qFromLittleEndian<quint16>(p);
        *value = t.kind == 'i' ? qint64(qint16(v)) : qint64(v);
        return true;
    }
    case 4: {
        const quint32 v = big ? qFromBigEndian<quint32>(p) : qFromLittleEndian<quint32>(p);
        *value = t.kind == 'i' ? qint64(qint32(v)) : qint64(v);
        return true;
    }
    case 8: {
        const quint64 v = big ? qFromBigEndian<quint64>(p) : qFromLittleEndian<quint64>(p);
        if (t.kind != 'i' && v > quint64(std::numeric_limits<qint64>::max()))
            return false; // a uint64 label beyond int64 is not a label
        *value = qint64(v);
        return true;
    }
    default:
        return false;
    }
}

bool NdArrayConverter::toIntegers(const NdArray &a, std::vector<qint64> *out)
{
    if (!a.dtype.isInteger()) {
        return fail(QStringLiteral("expected an integer array, found dtype %1").arg(a.dtype.descr()));
    }
    const QByteArray bytes = ndarray::cOrderBytes(a);
    const auto *p = reinterpret_cast<const uchar *>(bytes.constData());
    const qint64 n = a.elementCount();
    out->resize(size_t(n));
    for (qint64 i = 0; i < n; ++i) {
        if (!readInteger(p + i * a.dtype.itemSize, a.dtype, &(*out)[size_t(i)])) {
            return fail(QStringLiteral("integer %1 of dtype %2 does not fit 64 bits").arg(i).arg(a.dtype.descr()));
        }
    }
    return true;
}

bool NdArrayConverter::toStrings(const NdArray &a, QStringList *out)
{
    if (a.shape.size() != 1 || (a.dtype.kind != 'U' && a.dtype.kind != 'S')) {
        return fail(QStringLiteral("expected a 1-D string array, found %1 %2").arg(a.dtype.descr(), a.shapeString()));
    }
    out->clear();
    const int size = a.dtype.itemSize;
    for (qint64 i = 0; i < a.shape[0]; ++i) {
        const char *p = a.data.constData() + i * size;
        if (a.dtype.kind == 'S') {
            out->append(QString::fromUtf8(p, qstrnlen(p, size)));
            continue;
        }
        std::vector<char32_t> chars;
        for (int c = 0; c < size / 4; ++c) {
            const auto *q = reinterpret_cast<const uchar *>(p + 4 * c);
            const quint32 v = a.dtype.isBigEndian() ? qFromBigEndian<quint32>(q) : qFromLittleEndian<quint32>(q);
            if (v == 0)
                break; // numpy pads shorter strings with NULs
            if (v > 0x10FFFF) {
                return fail(QStringLiteral("string %1 holds an invalid code point").arg(i));
            }
            chars.push_back(char32_t(v));
        }
        out->append(QString::fromUcs4(chars.data(), qsizetype(chars.size())));
    }
    return true;
}

static bool isUint8(const NdArray &a)
{
    return a.dtype.kind == 'u' && a.dtype.itemSize == 1;
}

bool NdArrayConverter::nhwcToCanonical(const NdArray &a, std::vector<std::uint8_t> *pixels)
{
    const bool shapeOk =
        a.shape.size() == 4 && a.shape[1] == kImageSide && a.shape[2] == kImageSide && a.shape[3] == kImageChannels;
    if (!isUint8(a) || !shapeOk) {
        return fail(QStringLiteral("expected uint8 images of shape (N, 32, 32, 3), found %1 %2")
                        .arg(a.dtype.descr(), a.shapeString()));
    }
    const QByteArray bytes = ndarray::cOrderBytes(a); // C-order NHWC is already the canonical layout
    pixels->assign(bytes.begin(), bytes.end());
    return true;
}

bool NdArrayConverter::cifarRowsInto(const NdArray &a, std::uint8_t *pixels)
{
    const bool rows = a.shape.size() == 2 && a.shape[1] == kImageBytes;
    const bool planes =
        a.shape.size() == 4 && a.shape[1] == kImageChannels && a.shape[2] == kImageSide && a.shape[3] == kImageSide;
    if (!isUint8(a) || !(rows || planes)) {
        return fail(QStringLiteral("expected uint8 rows of shape (N, 3072), found %1 %2")
                        .arg(a.dtype.descr(), a.shapeString()));
    }
    if (!pixels)
        return true;
    const QByteArray bytes = ndarray::cOrderBytes(a);
    const auto *src = reinterpret_cast<const std::uint8_t *>(bytes.constData());
    for (qint64 i = 0; i < a.shape[0]; ++i)
        planesToHwc(src + i * kImageBytes, pixels + i * kImageBytes);
    return true;
}

bool NdArrayConverter::cifarRowsToCanonical(const NdArray &a, std::vector<std::uint8_t> *pixels)
{
    if (!cifarRowsInto(a, nullptr))
        return false;
    pixels->resize(size_t(a.shape[0]) * kImageBytes);
    return cifarRowsInto(a, pixels->data());
}

} // namespace tc::core
