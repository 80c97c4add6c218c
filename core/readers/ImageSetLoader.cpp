#include "core/readers/ImageSetLoader.h"

#include "core/readers/CifarBinaryReader.h"
#include "core/readers/CifarPythonReader.h"
#include "core/readers/ImageFolderReader.h"
#include "core/readers/NpyReader.h"
#include "core/readers/NpzReader.h"
#include "core/readers/ReadError.h"

namespace tc::core {

namespace {
template <typename Reader> bool readWith(Reader &reader, const QString &path, ImageSet &out, QString *error)
{
    if (reader.read(path, out))
        return true;
    if (error)
        *error = reader.errorString();
    return false;
}
} // namespace

bool ImageSetLoader::load(const QString &path, ImageSet &out, QString *error, DataFormat *format,
                          const Progress &progress)
{
    QString why;
    const DataFormat detected = FormatDetector::detect(path, &why);
    if (format)
        *format = detected;
    switch (detected) {
    case DataFormat::CifarPython:
    case DataFormat::CifarPythonFolder: {
        CifarPythonReader reader;
        return readWith(reader, path, out, error);
    }
    case DataFormat::CifarBinary:
    case DataFormat::CifarBinaryFolder: {
        CifarBinaryReader reader;
        return readWith(reader, path, out, error);
    }
    case DataFormat::Npy: {
        NpyReader reader;
        return readWith(reader, path, out, error);
    }
    case DataFormat::Npz: {
        NpzReader reader;
        return readWith(reader, path, out, error);
    }
    case DataFormat::ImageFolder: {
        ImageFolderReader reader;
        if (reader.read(path, out, progress))
            return true;
        if (error)
            *error = reader.errorString();
        return false;
    }
    case DataFormat::TinyImages:
    case DataFormat::KeywordCatalog:
        if (error)
            *error = fileError(path, QStringLiteral("%1 is not an image set").arg(FormatDetector::name(detected)));
        return false;
    case DataFormat::Unknown:
        break;
    }
    if (error)
        *error = FormatDetector::unknownError(path, why);
    return false;
}

} // namespace tc::core
