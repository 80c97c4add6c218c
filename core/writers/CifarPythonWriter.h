#pragma once

#include "core/common/ImageSet.h"
#include "core/writers/ImageRows.h"

#include <QIODevice>
#include <QString>
#include <functional>

namespace tc::core {

// Writes CIFAR "python version" batches: pickled dicts as in the original download.
// CIFAR-10 style (labels, batches.meta) unless the set carries coarse labels, then CIFAR-100
// style (fine_labels + coarse_labels, files train/test/meta).
class CifarPythonWriter final {
public:
    // One batch dict with images [begin, begin + count) of set.
    bool writeBatch(QIODevice *device, const ImageSet &set, qsizetype begin, qsizetype count,
                    const QString &batchLabel);
    // The same with the pixels taken from `pixels` (image i of the batch file = pixels.image(i));
    // set supplies labels, filenames and names, aligned with pixels.
    bool writeBatch(QIODevice *device, const ImageSet &set, const ImageRows &pixels, qsizetype begin, qsizetype count,
                    const QString &batchLabel);
    // batches.meta (label_names, num_cases_per_batch, num_vis) or, CIFAR-100 style, meta
    // (fine_label_names, coarse_label_names).
    bool writeMeta(QIODevice *device, const ImageSet &set, qsizetype casesPerBatch);
    // A complete folder: data_batch_1..trainBatches + test_batch + batches.meta (or train, test,
    // meta). Train images are split into trainBatches batches of near-equal size, in order.
    bool writeFolder(const QString &dir, const ImageSet &train, const ImageSet &test, int trainBatches);
    bool writeFolder(const QString &dir, const ImageSet &train, const ImageRows &trainPixels, const ImageSet &test,
                     const ImageRows &testPixels, int trainBatches);

    QString errorString() const { return m_error; }

    static bool isCifar100Style(const ImageSet &set) { return !set.coarseLabels.empty(); }

private:
    bool check(const ImageSet &set, qsizetype images, qsizetype begin, qsizetype count, const QString &name);

    QString m_error;
};

// Filename of image i of set as written into batches: the set's own, or a stable made-up one.
QString cifarFilename(const ImageSet &set, qsizetype i);

} // namespace tc::core
