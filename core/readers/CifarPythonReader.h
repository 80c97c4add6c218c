#pragma once

#include "core/common/ImageSet.h"

#include <QString>
#include <QStringList>

namespace tc::core {

struct PickleValue;

// CIFAR-10 / CIFAR-100 "python version" files, parsed with the strict PickleReader:
//  - a batch (data_batch_N, test_batch, CIFAR-100 train/test): `data` uint8 (N, 3072) rows of
//    1024 R, 1024 G, 1024 B (each row-major), `labels` or `fine_labels` + `coarse_labels`,
//    optional `filenames` and `batch_label`. Label names come from a sibling batches.meta / meta.
//  - a meta file (batches.meta, CIFAR-100 meta): label names only, an ImageSet with no images.
//  - a folder (cifar-10-batches-py): data_batch_1..N in numeric order as one set indexed 0..N-1
//    (CIFAR-100: `train`; a folder with only test_batch: that), names from the folder's meta.
// Keys may be str or bytes (Python 2, Python 3, any protocol).
class CifarPythonReader final {
public:
    bool read(const QString &path, ImageSet &out);
    QString errorString() const { return m_error; }
    // batch_label of the last batch read ("training batch 1 of 5"), empty for meta files.
    QString batchLabel() const { return m_batchLabel; }

    // The batch files a folder read uses, in order (empty when the folder has none).
    static QStringList batchFilesIn(const QString &dir);
    // The folder's meta file (batches.meta or meta), empty when absent.
    static QString metaFileIn(const QString &dir);

private:
    bool readFolder(const QString &dir, ImageSet &out);
    bool readFile(const QString &path, ImageSet &out, bool append);
    bool readBatch(const QString &path, const PickleValue &root, ImageSet &out);
    bool readMeta(const QString &path, const PickleValue &root, ImageSet &out);
    bool readSiblingMeta(const QString &batchPath, ImageSet &out);
    bool fail(const QString &path, const QString &problem);

    QString m_error;
    QString m_batchLabel;
};

} // namespace tc::core
