#include "core/readers/NpyReader.h"

#include "core/readers/Cifar10LabelNames.h"
#include "core/readers/InputFile.h"
#include "core/readers/ReadError.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QtEndian>
#include <limits>

namespace tc::core {

namespace {
constexpr char kMagic[] = "\x93NUMPY";
constexpr int kMagicSize = 6;
constexpr qint64 kMaxHeader = 1 << 20; // numpy itself refuses headers above 10 KB unless asked
} // namespace

bool NpyReader::hasMagic(const QByteArray &head)
{
    return head.startsWith(QByteArray(kMagic, kMagicSize));
}

bool NpyReader::fail(const QString &name, const QString &problem)
{
    m_error = fileError(name, problem);
    return false;
}

bool NpyReader::readArray(const QString &path, NdArray &out)
{
    m_error.clear();
    QFile file;
    InputFile input;
    if (!input.open(file, path)) {
        m_error = input.errorString();
        return false;
    }
    const QByteArray bytes = file.readAll();
    if (bytes.size() != file.size())
        return fail(path, QStringLiteral("read error: %1").arg(file.errorString()));
    return parseArray(bytes, path, out);
}

bool NpyReader::parseArray(const QByteArray &bytes, const QString &name, NdArray &out)
{
    m_error.clear();
    if (!hasMagic(bytes))
        return fail(name, QStringLiteral("not a .npy file (no \\x93NUMPY magic)"));
    if (bytes.size() < 10)
        return fail(name, QStringLiteral("truncated .npy preamble (%1 bytes)").arg(bytes.size()));
    const int major = uchar(bytes[6]);
    const auto *p = reinterpret_cast<const uchar *>(bytes.constData());
    qint64 headerLength = 0, headerStart = 0;
    if (major == 1) {
        headerLength = qFromLittleEndian<quint16>(p + 8);
        headerStart = 10;
    } else if (major == 2 || major == 3) { // 3.0 only changes the header's encoding to UTF-8
        if (bytes.size() < 12)
            return fail(name, QStringLiteral("truncated .npy preamble (%1 bytes)").arg(bytes.size()));
        headerLength = qFromLittleEndian<quint32>(p + 8);
        headerStart = 12;
    } else {
        return fail(name, QStringLiteral("unsupported .npy format version %1.%2").arg(major).arg(uchar(bytes[7])));
    }
    if (headerLength > kMaxHeader || headerStart + headerLength > bytes.size())
        return fail(name,
                    QStringLiteral("header length %1 exceeds the file (%2 bytes)").arg(headerLength).arg(bytes.size()));
    if (!parseHeader(bytes.mid(headerStart, headerLength), name, out))
        return false;
    const qint64 dataStart = headerStart + headerLength;
    const qint64 n = out.elementCount();
    if (n < 0 || (out.dtype.itemSize > 0 && n > (bytes.size() - dataStart) / out.dtype.itemSize + 1))
        return fail(name, QStringLiteral("shape %1 needs more data than the file holds (%2 bytes)")
                              .arg(out.shapeString())
                              .arg(bytes.size() - dataStart));
    const qint64 needed = n * out.dtype.itemSize;
    if (needed != bytes.size() - dataStart)
        return fail(name, QStringLiteral("array %1 of %2 needs %3 data bytes, file has %4")
                              .arg(out.shapeString(), out.dtype.descr())
                              .arg(needed)
                              .arg(bytes.size() - dataStart));
    out.data = bytes.mid(dataStart);
    return true;
}

// The header is a Python dict literal: {'descr': '<u1', 'fortran_order': False, 'shape': (2, 32, 32, 3), }
bool NpyReader::parseHeader(const QByteArray &header, const QString &name, NdArray &out)
{
    const QString text = QString::fromUtf8(header).trimmed();
    static const QRegularExpression descrRe(QStringLiteral("['\"]descr['\"]\\s*:\\s*['\"]([^'\"]*)['\"]"));
    static const QRegularExpression orderRe(QStringLiteral("['\"]fortran_order['\"]\\s*:\\s*(True|False)"));
    static const QRegularExpression shapeRe(QStringLiteral("['\"]shape['\"]\\s*:\\s*\\(([^)]*)\\)"));
    const auto descr = descrRe.match(text), order = orderRe.match(text), shape = shapeRe.match(text);
    if (!text.startsWith(QLatin1Char('{')) || !descr.hasMatch() || !order.hasMatch() || !shape.hasMatch())
        return fail(name, QStringLiteral("malformed .npy header: %1").arg(text.left(120)));
    if (descr.captured(1).startsWith(QLatin1Char('|')) && descr.captured(1).mid(1) == QLatin1String("O"))
        return fail(name, QStringLiteral("object arrays (dtype 'O') are not supported"));
    if (!DType::parse(descr.captured(1).toLatin1(), &out.dtype))
        return fail(name,
                    QStringLiteral("unsupported dtype '%1' (structured or unknown)").arg(descr.captured(1).left(60)));
    if (out.dtype.kind == 'O')
        return fail(name, QStringLiteral("object arrays (dtype 'O') are not supported"));
    out.fortranOrder = order.captured(1) == QLatin1String("True");
    out.shape.clear();
    for (const QString &dim : shape.captured(1).split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        bool ok = false;
        const qint64 v = dim.trimmed().toLongLong(&ok);
        if (!ok || v < 0)
            return fail(name, QStringLiteral("bad shape (%1)").arg(shape.captured(1).left(60)));
        out.shape.push_back(v);
    }
    return true;
}

bool NpyReader::read(const QString &path, ImageSet &out)
{
    out = ImageSet();
    NdArray images;
    if (!readArray(path, images))
        return false;
    NdArrayConverter convert;
    if (!convert.nhwcToCanonical(images, &out.pixels))
        return fail(path, convert.errorString());
    for (qsizetype i = 0; i < out.count(); ++i)
        out.sourceIndices.push_back(i);
    // CIFAR-10.1 ships cifar10.1_v6_data.npy next to cifar10.1_v6_labels.npy.
    const QFileInfo info(path);
    if (!info.fileName().endsWith(QLatin1String("data.npy")))
        return true;
    const QString labelsPath = info.dir().filePath(info.fileName().chopped(8) + QStringLiteral("labels.npy"));
    if (!QFileInfo::exists(labelsPath))
        return true;
    NdArray labels;
    std::vector<qint64> values;
    if (!readArray(labelsPath, labels))
        return false;
    if (labels.shape.size() != 1)
        return fail(labelsPath, QStringLiteral("labels must be 1-D, found %1").arg(labels.shapeString()));
    if (!convert.toIntegers(labels, &values))
        return fail(labelsPath, convert.errorString());
    if (qsizetype(values.size()) != out.count())
        return fail(labelsPath,
                    QStringLiteral("%1 labels for %2 images in %3").arg(values.size()).arg(out.count()).arg(path));
    for (qint64 v : values) {
        if (v < 0 || v > std::numeric_limits<int>::max())
            return fail(labelsPath, QStringLiteral("label %1 is out of range").arg(v));
        out.labels.push_back(int(v));
    }
    nameCifar10Labels(path, out);
    return true;
}

} // namespace tc::core
