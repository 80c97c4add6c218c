#pragma once

#include "core/common/ImageSet.h"

#include <QString>
#include <QStringList>

namespace tc::core {

// CIFAR "binary version" files:
//  - CIFAR-10: records of <1 byte label><3072 bytes> (data_batch_N.bin, test_batch.bin)
//  - CIFAR-100: records of <1 byte coarse label><1 byte fine label><3072 bytes> (train.bin, test.bin)
// The 3072 bytes are 1024 R, 1024 G, 1024 B, each row-major; out gets canonical HWC images.
// A folder (cifar-10-batches-bin) reads its data_batch_N.bin in numeric order as one set indexed
// 0..N-1 (CIFAR-100 folder: train.bin; a folder with only a test batch: that).
// Label names come from batches.meta.txt (CIFAR-10) or fine/coarse_label_names.txt (CIFAR-100)
// next to the data. Labels beyond the known classes are errors, not silently kept.
class CifarBinaryReader final {
public:
    enum class Variant { Auto, Cifar10, Cifar100 };

    // Auto decides by record size, then by valid label ranges, then by sibling file names.
    void setVariant(Variant variant) { m_variant = variant; }
    // The variant of the last successful read (never Auto afterwards).
    Variant variant() const { return m_variant == Variant::Auto ? m_detected : m_variant; }

    bool read(const QString &path, ImageSet &out);
    QString errorString() const { return m_error; }

    // The batch files a folder read uses, in order (empty when the folder has none).
    static QStringList batchFilesIn(const QString &dir);
    // Non-empty trimmed lines of a label-names file (batches.meta.txt and the CIFAR-100 ones).
    // False with errorString() naming the file.
    bool readLabelNames(const QString &path, QStringList &names);

private:
    bool readFile(const QString &path, ImageSet &out, qint64 sourceOffset);
    bool detectVariant(const QString &path, const uchar *bytes, qint64 size, Variant &variant);
    bool readNamesNextTo(const QString &dataPath, Variant variant, ImageSet &out);
    bool checkLabels(const QString &path, const ImageSet &out, qsizetype first);
    bool fail(const QString &path, const QString &problem);
    bool failWith(const QString &message);

    Variant m_variant = Variant::Auto;
    Variant m_detected = Variant::Cifar10;
    QString m_error;
};

} // namespace tc::core
