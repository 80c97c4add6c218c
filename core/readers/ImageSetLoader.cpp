#include "core/readers/ImageSetLoader.h"

#include "core/readers/CifarBinaryReader.h"
#include "core/readers/CifarPythonReader.h"
#include "core/readers/ImageFolderReader.h"
#include "core/readers/NpyReader.h"
#include "core/readers/NpzReader.h"
#include "core/readers/ReadError.h"

namespace tc::core {

template <typename Reader> bool ImageSetLoader::readWith(Reader &reader, const QString &path, ImageSet &out)
{
    if (reader.read(path, out))
        return true;
    m_error = reader.errorString();
    return false;
}

bool ImageSetLoader::load(const QString &path, ImageSet &out, const Progress &progress)
{
    m_error.clear();
    FormatDetector detector;
    m_format = detector.detect(path);
    switch (m_format) {
    case DataFormat::CifarPython:
    case DataFormat::CifarPythonFolder: {
        CifarPythonReader reader;
        return readWith(reader, path, out);
    }
    case DataFormat::CifarBinary:
    case DataFormat::CifarBinaryFolder: {
        CifarBinaryReader reader;
        return readWith(reader, path, out);
    }
    case DataFormat::Npy: {
        NpyReader reader;
        return readWith(reader, path, out);
    }
    case DataFormat::Npz: {
        NpzReader reader;
        return readWith(reader, path, out);
    }
    case DataFormat::ImageFolder: {
        ImageFolderReader reader;
        if (reader.read(path, out, progress))
            return true;
        m_error = reader.errorString();
        return false;
    }
    case DataFormat::TinyImages:
    case DataFormat::KeywordCatalog:
        m_error = fileError(path, QStringLiteral("%1 is not an image set").arg(FormatDetector::name(m_format)));
        return false;
    case DataFormat::Unknown:
        break;
    }
    m_error = FormatDetector::unknownError(path, detector.errorString());
    return false;
}

} // namespace tc::core
