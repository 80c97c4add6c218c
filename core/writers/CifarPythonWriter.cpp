#include "core/writers/CifarPythonWriter.h"

#include "core/writers/CifarLayout.h"
#include "core/writers/DeviceSink.h"
#include "core/writers/PickleWriter.h"
#include "core/writers/SaveFile.h"

#include <QDir>
#include <functional>

namespace tc::core {

QString cifarFilename(const ImageSet &set, qsizetype i)
{
    if (i < set.filenames.size() && !set.filenames[i].isEmpty())
        return set.filenames[i];
    return QStringLiteral("image_%1.png").arg(i, 6, 10, QLatin1Char('0'));
}

bool CifarPythonWriter::check(const ImageSet &set, qsizetype images, qsizetype begin, qsizetype count,
                              const QString &name)
{
    if (begin < 0 || count < 0 || begin + count > images)
        m_error =
            QStringLiteral("%1: batch [%2, +%3) outside the %4 images").arg(name).arg(begin).arg(count).arg(images);
    else if (qsizetype(set.labels.size()) != images)
        m_error = QStringLiteral("%1: %2 labels for %3 images").arg(name).arg(set.labels.size()).arg(images);
    else if (isCifar100Style(set) && qsizetype(set.coarseLabels.size()) != images)
        m_error =
            QStringLiteral("%1: %2 coarse labels for %3 images").arg(name).arg(set.coarseLabels.size()).arg(images);
    else if (count * qint64(kImageBytes) > std::numeric_limits<qint32>::max())
        m_error = QStringLiteral("%1: %2 images exceed what one pickle string can hold").arg(name).arg(count);
    else
        return true;
    return false;
}

bool CifarPythonWriter::writeBatch(QIODevice *device, const ImageSet &set, qsizetype begin, qsizetype count,
                                   const QString &batchLabel)
{
    return writeBatch(device, set, ImageRows(set), begin, count, batchLabel);
}

bool CifarPythonWriter::writeBatch(QIODevice *device, const ImageSet &set, const ImageRows &pixels, qsizetype begin,
                                   qsizetype count, const QString &batchLabel)
{
    if (!check(set, pixels.count(), begin, count, deviceName(device)))
        return false;
    const std::span<const int> labels(set.labels.data() + begin, count);

    PickleWriter p(device);
    p.begin();
    p.emptyDict();
    p.mark();
    p.string(QByteArrayView("batch_label"));
    p.string(batchLabel.toUtf8());
    if (isCifar100Style(set)) {
        p.string(QByteArrayView("fine_labels"));
        p.intList(labels);
        p.string(QByteArrayView("coarse_labels"));
        p.intList(std::span<const int>(set.coarseLabels.data() + begin, count));
    } else {
        p.string(QByteArrayView("labels"));
        p.intList(labels);
    }
    p.string(QByteArrayView("data"));
    const qint64 shape[] = {count, kImageBytes};
    p.ndarray(shape, "u1", '|', count * kImageBytes, [&](DeviceSink &sink) {
        CifarRowChunks rows(count);
        for (qsizetype i = 0; i < count && sink.ok(); i += rows.capacity())
            sink.put(rows.convert(pixels, begin + i, std::min(rows.capacity(), count - i)));
    });
    p.string(QByteArrayView("filenames"));
    p.emptyList();
    if (count > 0) {
        p.mark();
        for (qsizetype i = 0; i < count; ++i)
            p.string(cifarFilename(set, begin + i).toUtf8());
        p.appends();
    }
    p.setItems();
    if (!p.finish()) {
        m_error = p.errorString();
        return false;
    }
    return true;
}

bool CifarPythonWriter::writeMeta(QIODevice *device, const ImageSet &set, qsizetype casesPerBatch)
{
    PickleWriter p(device);
    p.begin();
    p.emptyDict();
    p.mark();
    if (isCifar100Style(set)) {
        p.string(QByteArrayView("fine_label_names"));
        p.stringList(set.labelNames);
        p.string(QByteArrayView("coarse_label_names"));
        p.stringList(set.coarseLabelNames);
    } else {
        p.string(QByteArrayView("num_cases_per_batch"));
        p.integer(casesPerBatch);
        p.string(QByteArrayView("label_names"));
        p.stringList(set.labelNames);
        p.string(QByteArrayView("num_vis"));
        p.integer(kImageBytes);
    }
    p.setItems();
    if (!p.finish()) {
        m_error = p.errorString();
        return false;
    }
    return true;
}

bool CifarPythonWriter::writeFolder(const QString &dir, const ImageSet &train, const ImageSet &test, int trainBatches)
{
    return writeFolder(dir, train, ImageRows(train), test, ImageRows(test), trainBatches);
}

bool CifarPythonWriter::writeFolder(const QString &dir, const ImageSet &train, const ImageRows &trainPixels,
                                    const ImageSet &test, const ImageRows &testPixels, int trainBatches)
{
    const QDir d(dir);
    const bool c100 = isCifar100Style(train) || isCifar100Style(test);
    const auto files = cifarBatchFiles(trainPixels.count(), testPixels.count(), trainBatches, c100);
    for (const CifarBatchFile &file : files) {
        const QString label = file.train ? QStringLiteral("training batch %1 of %2").arg(file.batch).arg(file.batches)
                                         : QStringLiteral("testing batch 1 of 1");
        const ImageSet &set = file.train ? train : test;
        const ImageRows &rows = file.train ? trainPixels : testPixels;
        if (!SaveFile::save(
                d.filePath(file.stem),
                [&](QIODevice *f) { return writeBatch(f, set, rows, file.images.first, file.images.size, label); },
                m_error))
            return false;
    }
    // batches.meta's num_cases_per_batch is the first batch's size; CIFAR-100's meta has no such field.
    const qsizetype perBatch = files.front().images.size;
    return SaveFile::save(
        d.filePath(c100 ? QStringLiteral("meta") : QStringLiteral("batches.meta")),
        [&](QIODevice *f) { return writeMeta(f, train, perBatch); }, m_error);
}

} // namespace tc::core
