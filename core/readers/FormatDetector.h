#pragma once

#include <QString>

namespace tc::core {

// Every input TinyCurator reads, as recognised from content (magic bytes, pickle protocol,
// record-size arithmetic, folder contents), not from the file name alone.
enum class DataFormat {
    Unknown,
    TinyImages,        // a folder (or tiny_images.bin) with tiny_images.bin + tiny_metadata.bin
    CifarPython,       // one pickled batch or meta file
    CifarPythonFolder, // cifar-10-batches-py, cifar-100-python
    CifarBinary,       // one binary batch (<label><3072 bytes> records)
    CifarBinaryFolder, // cifar-10-batches-bin, cifar-100-binary
    Npy,
    Npz,
    KeywordCatalog, // JSON class -> keyword -> count
    ImageFolder,    // <root>/<class>[/<keyword>]/<image files>
};

class FormatDetector final {
public:
    // What `path` holds; on Unknown, errorString() says what was seen (without the path: see
    // unknownError()). A path that is neither a folder nor a regular file (a FIFO, a device) is
    // Unknown without being opened.
    //
    //     FormatDetector detector;
    //     if (detector.detect(path) == DataFormat::Unknown)
    //         return fail(FormatDetector::unknownError(path, detector.errorString()));
    DataFormat detect(const QString &path);
    QString errorString() const { return m_error; }
    // The error for an Unknown path: "<path>: unrecognized format: <why>", or "<path>: <why>" when
    // the path was refused by type (a FIFO is not an unrecognized format).
    static QString unknownError(const QString &path, const QString &why);
    static QString name(DataFormat format);     // "CIFAR python batch", for people
    static QString jsonName(DataFormat format); // "cifar-python", for scripts
    // True for formats ImageSetLoader turns into an ImageSet.
    static bool holdsImageSet(DataFormat format);

private:
    DataFormat detectFile(const QString &path);
    DataFormat detectFolder(const QString &path);

    QString m_error;
};

} // namespace tc::core
