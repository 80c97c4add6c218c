#include "core/readers/CifarBinaryReader.h"

#include "core/readers/InputFile.h"
#include "core/readers/ReadError.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <algorithm>

namespace tc::core {

namespace {

constexpr qint64 kCifar10Record = 1 + kImageBytes;
constexpr qint64 kCifar100Record = 2 + kImageBytes;

// CIFAR rows: 1024 R, 1024 G, 1024 B, each plane row-major.
void planarRowMajorToHwc(const uchar *rec, std::uint8_t *out)
{
    for (int ch = 0; ch < 3; ++ch) {
        const uchar *plane = rec + 1024 * ch;
        for (int p = 0; p < 1024; ++p)
            out[p * 3 + ch] = plane[p];
    }
}

bool labelsBelow(const uchar *data, qint64 records, qint64 recordBytes, int offset, int limit)
{
    for (qint64 i = 0; i < records; ++i)
        if (data[i * recordBytes + offset] >= limit)
            return false;
    return true;
}

QString siblingPath(const QString &dataPath, const char *name)
{
    return QFileInfo(dataPath).dir().filePath(QString::fromLatin1(name));
}

} // namespace

bool CifarBinaryReader::fail(const QString &path, const QString &problem)
{
    return failWith(fileError(path, problem));
}

bool CifarBinaryReader::failWith(const QString &message)
{
    m_error = message;
    return false;
}

QStringList CifarBinaryReader::batchFilesIn(const QString &dir)
{
    const QDir folder(dir);
    static const QRegularExpression batchName(QStringLiteral("^data_batch_(\\d+)\\.bin$"));
    QList<QPair<qint64, QString>> numbered;
    for (const QString &name : folder.entryList(QDir::Files)) {
        const auto m = batchName.match(name);
        if (m.hasMatch())
            numbered.append({m.captured(1).toLongLong(), folder.filePath(name)});
    }
    std::sort(numbered.begin(), numbered.end()); // numeric: data_batch_10 after data_batch_9
    QStringList files;
    for (const auto &[n, path] : numbered)
        files.append(path);
    for (const char *fallback : {"train.bin", "test_batch.bin", "test.bin"}) {
        if (files.isEmpty() && folder.exists(QString::fromLatin1(fallback)))
            files.append(folder.filePath(QString::fromLatin1(fallback)));
    }
    return files;
}

bool CifarBinaryReader::readLabelNames(const QString &path, QStringList &names)
{
    m_error.clear();
    QFile file;
    InputFile input;
    if (!input.open(file, path))
        return failWith(input.errorString());
    if (file.size() > (1 << 20)) // a label list is a few hundred bytes; anything else is not one
        return fail(path, QStringLiteral("too large for a label-names file (%1 bytes)").arg(file.size()));
    names.clear();
    for (const QByteArray &line : file.readAll().split('\n')) {
        const QString name = QString::fromUtf8(line).trimmed();
        if (!name.isEmpty())
            names.append(name);
    }
    return true;
}

bool CifarBinaryReader::read(const QString &path, ImageSet &out)
{
    m_error.clear();
    out = ImageSet{};
    const QFileInfo info(path);
    if (!info.exists())
        return fail(path, QStringLiteral("no such file or folder"));
    const QStringList files = info.isDir() ? batchFilesIn(path) : QStringList{path};
    if (files.isEmpty())
        return fail(path,
                    QStringLiteral("folder holds no CIFAR binary batch (data_batch_N.bin, train.bin, test_batch.bin)"));
    for (const QString &file : files) {
        const qsizetype first = out.count();
        if (!readFile(file, out, first))
            return false;
        // Names sit next to the data; the first file tells which variant's names to look for.
        if (first == 0 && !readNamesNextTo(file, variant(), out))
            return false;
        if (!checkLabels(file, out, first))
            return false;
    }
    return true;
}

bool CifarBinaryReader::detectVariant(const QString &path, const uchar *bytes, qint64 size, Variant &variant)
{
    const bool fits10 = size % kCifar10Record == 0, fits100 = size % kCifar100Record == 0;
    if (m_variant != Variant::Auto) {
        variant = m_variant;
        const qint64 rec = variant == Variant::Cifar10 ? kCifar10Record : kCifar100Record;
        if (size % rec != 0)
            return fail(
                path,
                QStringLiteral("size %1 is not a multiple of the %2-byte record (truncated?)").arg(size).arg(rec));
        return true;
    }
    if (!fits10 && !fits100)
        return fail(path, QStringLiteral("size %1 is neither a multiple of the 3073-byte CIFAR-10 record nor of the "
                                         "3074-byte CIFAR-100 record (truncated, or not a CIFAR binary batch)")
                              .arg(size));
    // Both sizes fit only for multiples of 3073*3074 bytes; then the label bytes decide.
    const bool labels10 = fits10 && labelsBelow(bytes, size / kCifar10Record, kCifar10Record, 0, 10);
    const bool labels100 = fits100 && labelsBelow(bytes, size / kCifar100Record, kCifar100Record, 0, 20) &&
                           labelsBelow(bytes, size / kCifar100Record, kCifar100Record, 1, 100);
    if (fits10 && fits100 && labels10 == labels100)
        variant = QFileInfo::exists(siblingPath(path, "fine_label_names.txt")) ? Variant::Cifar100 : Variant::Cifar10;
    else if (fits10 && fits100)
        variant = labels10 ? Variant::Cifar10 : Variant::Cifar100;
    else
        variant = fits10 ? Variant::Cifar10 : Variant::Cifar100;
    return true;
}

bool CifarBinaryReader::readFile(const QString &path, ImageSet &out, qint64 sourceOffset)
{
    QFile file;
    InputFile input;
    if (!input.open(file, path)) {
        m_error = input.errorString();
        return false;
    }
    if (file.size() == 0)
        return fail(path, QStringLiteral("empty file (no records)"));
    // Mapped, not read: a wrong file (a 227 GB tiny_images.bin, say) costs nothing until its size
    // has been checked, and a good one is not held twice in memory.
    QByteArray copy;
    const uchar *bytes = file.map(0, file.size());
    if (!bytes) {
        copy = file.readAll();
        if (copy.size() != file.size())
            return fail(
                path,
                QStringLiteral("read %1 of %2 bytes (%3)").arg(copy.size()).arg(file.size()).arg(file.errorString()));
        bytes = reinterpret_cast<const uchar *>(copy.constData());
    }
    const qint64 size = file.size();
    Variant variant = Variant::Cifar10;
    if (!detectVariant(path, bytes, size, variant))
        return false;
    if (sourceOffset > 0 && variant != m_detected)
        return fail(path, QStringLiteral("record layout differs from the folder's first batch"));
    m_detected = variant;
    const bool is100 = variant == Variant::Cifar100;
    const qint64 rec = is100 ? kCifar100Record : kCifar10Record;
    const qint64 n = size / rec;
    const qsizetype first = out.count();
    out.pixels.resize(size_t(first + n) * kImageBytes);
    for (qint64 i = 0; i < n; ++i) {
        const uchar *r = bytes + i * rec;
        out.labels.push_back(r[is100 ? 1 : 0]);
        if (is100)
            out.coarseLabels.push_back(r[0]);
        out.sourceIndices.push_back(sourceOffset + i);
        planarRowMajorToHwc(r + (is100 ? 2 : 1), out.pixels.data() + (first + i) * kImageBytes);
    }
    return true;
}

bool CifarBinaryReader::readNamesNextTo(const QString &dataPath, Variant variant, ImageSet &out)
{
    if (variant == Variant::Cifar10) {
        const QString meta = siblingPath(dataPath, "batches.meta.txt");
        return !QFileInfo::exists(meta) || readLabelNames(meta, out.labelNames);
    }
    const QString fine = siblingPath(dataPath, "fine_label_names.txt");
    const QString coarse = siblingPath(dataPath, "coarse_label_names.txt");
    if (QFileInfo::exists(fine) && !readLabelNames(fine, out.labelNames))
        return false;
    return !QFileInfo::exists(coarse) || readLabelNames(coarse, out.coarseLabelNames);
}

// A label the names file does not cover means a wrong file or a wrong layout; say so.
bool CifarBinaryReader::checkLabels(const QString &path, const ImageSet &out, qsizetype first)
{
    const bool is100 = variant() == Variant::Cifar100;
    const int fineLimit = out.labelNames.isEmpty() ? (is100 ? 100 : 10) : int(out.labelNames.size());
    const int coarseLimit = out.coarseLabelNames.isEmpty() ? 20 : int(out.coarseLabelNames.size());
    for (qsizetype i = first; i < out.count(); ++i) {
        if (out.labels[size_t(i)] >= fineLimit)
            return fail(path, QStringLiteral("record %1: label %2 outside the %3 known classes")
                                  .arg(i - first)
                                  .arg(out.labels[size_t(i)])
                                  .arg(fineLimit));
        if (is100 && out.coarseLabels[size_t(i)] >= coarseLimit)
            return fail(path, QStringLiteral("record %1: coarse label %2 outside the %3 known superclasses")
                                  .arg(i - first)
                                  .arg(out.coarseLabels[size_t(i)])
                                  .arg(coarseLimit));
    }
    return true;
}

} // namespace tc::core
