#pragma once

#include "core/common/ImageSet.h"
#include "core/writers/ImageRows.h"

#include <QIODevice>
#include <QString>
#include <functional>

namespace tc::core {

// Writes CIFAR "binary version" batches: records of <label byte><3072 pixel bytes> (CIFAR-10) or
// <coarse byte><fine byte><3072 bytes> (CIFAR-100 style, when the set has coarse labels), pixels
// in CIFAR row layout; plus the label-name text files.
class CifarBinaryWriter final {
public:
    bool writeBatch(QIODevice *device, const ImageSet &set, qsizetype begin, qsizetype count);
    // The same with the pixels taken from `pixels`; set supplies the labels, aligned with pixels.
    bool writeBatch(QIODevice *device, const ImageSet &set, const ImageRows &pixels, qsizetype begin, qsizetype count);
    // One name per line, as batches.meta.txt (or fine/coarse_label_names.txt).
    bool writeNames(QIODevice *device, const QStringList &names);
    // data_batch_1.bin..n + test_batch.bin + batches.meta.txt, or CIFAR-100 style train.bin,
    // test.bin, fine_label_names.txt, coarse_label_names.txt.
    bool writeFolder(const QString &dir, const ImageSet &train, const ImageSet &test, int trainBatches);
    bool writeFolder(const QString &dir, const ImageSet &train, const ImageRows &trainPixels, const ImageSet &test,
                     const ImageRows &testPixels, int trainBatches);

    QString errorString() const { return m_error; }

private:
    QString m_error;
};

} // namespace tc::core
