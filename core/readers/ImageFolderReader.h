#pragma once

#include "core/common/ImageSet.h"
#include "core/common/Progress.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <cstdint>

namespace tc::core {

// A folder of ordinary image files, one sub-folder per class:
//   <root>/<class>/<keyword>/<file>   (keyword = the sub-folder's name)
//   <root>/<class>/<file>             (no keyword; like ../shared/data/cifar10-jpg/train)
// Both forms may be mixed. Image files (imageSuffixes(): PNG, JPEG, BMP, TIFF, WebP, PPM/PGM) of any
// size are decoded with OpenCV; images that are not 32x32 are resized with area interpolation and
// flagged in ImageSet::resized.
// labels = index of the class folder in sorted (code-point) order, labelNames = those folder names,
// filenames = paths relative to root with '/' separators, sourceIndices = position in that order.
//
// Files that are not images (by extension) are listed in ignoredFiles(). An image that cannot be
// decoded is never dropped silently: by default it is left out and listed in skipped() with the
// reason, so the caller can show it; with setStrict(true) it fails the whole read instead.
class ImageFolderReader final {
public:
    struct Problem {
        QString path; // relative to root
        QString reason;
    };

    void setStrict(bool strict) { m_strict = strict; }
    bool read(const QString &root, ImageSet &out, const Progress &progress = {});
    QString errorString() const { return m_error; }
    const QList<Problem> &skipped() const { return m_skipped; }
    const QStringList &ignoredFiles() const { return m_ignored; }

    // THE decoder of an image file (also the folder import's, core/project/FolderImport): one file to a
    // canonical 32x32 RGB image (out: kImageBytes). Regular files only, size-capped, the header checked
    // before decoding (ImageHeader), OpenCV's exceptions caught. *resized tells whether the file was another
    // size. False with errorString() ("<path>: <problem>") when it cannot be decoded. Parallel decoders use
    // one reader each (the error is the reader's state).
    bool decodeImage(const QString &path, std::uint8_t *out, bool *resized);
    // THE list of file name suffixes taken as images (lower case, without the dot), by every reader and
    // importer of image folders: one per format ImageHeader recognises and OpenCV decodes.
    static const QStringList &imageSuffixes();
    static bool isImageFileName(const QString &fileName);

private:
    struct Entry {
        QString relative;
        QString keyword;
        int label = 0;
    };
    bool listFiles(const QString &root, QStringList &classes, QList<Entry> &entries);
    bool decodeAll(const QString &root, const QList<Entry> &entries, ImageSet &out, const Progress &progress);

    bool m_strict = false;
    QString m_error;
    QList<Problem> m_skipped;
    QStringList m_ignored;
};

} // namespace tc::core
