#pragma once

#include "core/common/ImageSet.h"
#include "core/readers/NdArray.h"

#include <QByteArray>
#include <QString>

namespace tc::core {

// numpy .npy files (format 1.0, 2.0 and 3.0 headers). The header's shape and dtype are bounded
// against the bytes actually present, so a lying header never drives an allocation.
class NpyReader final {
public:
    // Any non-object array: dtype, shape, order and raw bytes.
    bool readArray(const QString &path, NdArray &out);
    // The same from bytes in memory (an .npz member); `name` is what messages call it.
    bool parseArray(const QByteArray &bytes, const QString &name, NdArray &out);

    // An image file: uint8 (N, 32, 32, 3) in C or Fortran order -> canonical pixels. When a
    // sibling "<stem>labels.npy" exists next to "<stem>data.npy" (CIFAR-10.1's naming), its labels
    // are read too, named with CIFAR-10's class names for CIFAR-10.1 files (Cifar10LabelNames.h).
    bool read(const QString &path, ImageSet &out);

    QString errorString() const { return m_error; }

    static bool hasMagic(const QByteArray &head);

private:
    bool fail(const QString &name, const QString &problem);
    bool parseHeader(const QByteArray &header, const QString &name, NdArray &out);
    QString m_error;
};

} // namespace tc::core
