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
    // On failure *error is one line naming the file and the problem. *format (optional) gets
    // what was detected, also on failure.
    static bool load(const QString &path, ImageSet &out, QString *error, DataFormat *format = nullptr,
                     const Progress &progress = {});
};

} // namespace tc::core
