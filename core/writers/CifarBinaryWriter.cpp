#include "core/writers/CifarBinaryWriter.h"

#include "core/writers/CifarLayout.h"
#include "core/writers/CifarPythonWriter.h"
#include "core/writers/DeviceSink.h"
#include "core/writers/SaveFile.h"

#include <QDir>

namespace tc::core {

namespace {
bool labelFitsByte(int v)
{
    return v >= 0 && v <= 255;
}
} // namespace

bool CifarBinaryWriter::writeBatch(QIODevice *device, const ImageSet &set, qsizetype begin, qsizetype count)
{
    return writeBatch(device, set, ImageRows(set), begin, count);
}

bool CifarBinaryWriter::writeBatch(QIODevice *device, const ImageSet &set, const ImageRows &pixels, qsizetype begin,
                                   qsizetype count)
{
    const QString name = deviceName(device);
    const bool c100 = CifarPythonWriter::isCifar100Style(set);
    const qsizetype images = pixels.count();
    if (begin < 0 || count < 0 || begin + count > images || qsizetype(set.labels.size()) != images ||
        (c100 && qsizetype(set.coarseLabels.size()) != images)) {
        m_error = QStringLiteral("%1: batch [%2, +%3) does not match %4 images with their labels")
                      .arg(name)
                      .arg(begin)
                      .arg(count)
                      .arg(images);
        return false;
    }
    for (qsizetype k = begin; k < begin + count; ++k) {
        if (!labelFitsByte(set.labels[k]) || (c100 && !labelFitsByte(set.coarseLabels[k]))) {
            m_error = QStringLiteral("%1: label of image %2 does not fit the one-byte label field").arg(name).arg(k);
            return false;
        }
    }
    DeviceSink sink(device, name);
    CifarRowChunks records(count, c100 ? 2 : 1);
    const CifarRowChunks::HeadFn head = [&](qsizetype k, std::uint8_t *rec) {
        if (c100)
            *rec++ = std::uint8_t(set.coarseLabels[k]);
        *rec = std::uint8_t(set.labels[k]);
    };
    for (qsizetype i = 0; i < count && sink.ok(); i += records.capacity())
        sink.put(records.convert(pixels, begin + i, std::min(records.capacity(), count - i), head));
    if (!sink.flush()) {
        m_error = sink.errorString();
        return false;
    }
    return true;
}

bool CifarBinaryWriter::writeNames(QIODevice *device, const QStringList &names)
{
    DeviceSink sink(device, deviceName(device));
    for (const auto &n : names) {
        sink.put(n.toUtf8());
        sink.put('\n');
    }
    sink.put('\n'); // the original batches.meta.txt ends with an empty line; readers skip it
    if (!sink.flush()) {
        m_error = sink.errorString();
        return false;
    }
    return true;
}

bool CifarBinaryWriter::writeFolder(const QString &dir, const ImageSet &train, const ImageSet &test, int trainBatches)
{
    return writeFolder(dir, train, ImageRows(train), test, ImageRows(test), trainBatches);
}

bool CifarBinaryWriter::writeFolder(const QString &dir, const ImageSet &train, const ImageRows &trainPixels,
                                    const ImageSet &test, const ImageRows &testPixels, int trainBatches)
{
    const QDir d(dir);
    const bool c100 = CifarPythonWriter::isCifar100Style(train) || CifarPythonWriter::isCifar100Style(test);
    for (const CifarBatchFile &file : cifarBatchFiles(trainPixels.count(), testPixels.count(), trainBatches, c100)) {
        const ImageSet &set = file.train ? train : test;
        const ImageRows &rows = file.train ? trainPixels : testPixels;
        if (!SaveFile::save(
                d.filePath(file.stem + QStringLiteral(".bin")),
                [&](QIODevice *f) { return writeBatch(f, set, rows, file.images.first, file.images.size); }, m_error))
            return false;
    }
    if (!c100)
        return SaveFile::save(
            d.filePath(QStringLiteral("batches.meta.txt")),
            [&](QIODevice *f) { return writeNames(f, train.labelNames); }, m_error);
    return SaveFile::save(
               d.filePath(QStringLiteral("fine_label_names.txt")),
               [&](QIODevice *f) { return writeNames(f, train.labelNames); }, m_error) &&
           SaveFile::save(
               d.filePath(QStringLiteral("coarse_label_names.txt")),
               [&](QIODevice *f) { return writeNames(f, train.coarseLabelNames); }, m_error);
}

} // namespace tc::core
