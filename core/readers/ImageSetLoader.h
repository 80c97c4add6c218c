#pragma once

#include "core/common/ImageSet.h"
#include "core/common/Progress.h"
#include "core/readers/FormatDetector.h"

#include <QString>

namespace tc::core {

// Reads any file or folder that holds a set of images (CIFAR python/binary batch or folder,
// .npy, .npz, image folder) into canonical form, choosing the reader by content. Used wherever
// the user hands over "a dataset" (reference sets, near-duplicate sources, inspect).
class ImageSetLoader final {
public:
    // On failure errorString() is one line naming the file and the problem.
    bool load(const QString &path, ImageSet &out, const Progress &progress = {});
    QString errorString() const { return m_error; }
    // What the last load() detected, also on failure.
    DataFormat format() const { return m_format; }

private:
    template <typename Reader> bool readWith(Reader &reader, const QString &path, ImageSet &out);

    QString m_error;
    DataFormat m_format = DataFormat::Unknown;
};

} // namespace tc::core
