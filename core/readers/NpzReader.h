#pragma once

#include "core/common/ImageSet.h"
#include "core/readers/NdArray.h"

#include <QString>
#include <QStringList>
#include <memory>

namespace tc::core {

class ZipArchive;

// numpy .npz archives (np.savez / np.savez_compressed: a zip of .npy members, stored or
// deflated, zip64 when large). read() builds an ImageSet the way CIFAR-10.2 ships its data:
// `images` (N,32,32,3) uint8, `labels`, optional `label_names`, `ti_indices` (Tiny Images index
// per image) and `keywords` (per image). `data` is accepted for the images as well.
class NpzReader final {
public:
    NpzReader();
    ~NpzReader();

    bool open(const QString &path);
    // Array names without the ".npy" suffix, in archive order.
    QStringList arrayNames() const;
    bool array(const QString &name, NdArray &out);

    bool read(const QString &path, ImageSet &out);
    QString errorString() const { return m_error; }

private:
    bool fail(const QString &problem);
    bool readImages(ImageSet &out);
    bool readIntegers(const QString &name, qsizetype count, std::vector<qint64> *out);
    bool readStrings(const QString &name, QStringList *out);

    std::unique_ptr<ZipArchive> m_zip;
    QString m_path;
    QString m_error;
};

} // namespace tc::core
