#include "core/readers/FormatDetector.h"

#include "core/readers/CifarBinaryReader.h"
#include "core/readers/CifarPythonReader.h"
#include "core/readers/ImageFolderReader.h"
#include "core/readers/InputFile.h"
#include "core/readers/NpyReader.h"
#include "core/readers/ReadError.h"
#include "core/readers/ZipArchive.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>

namespace tc::core {

namespace {

// Nothing is opened that is not a regular file: a FIFO would block the detector forever.
QByteArray head(const QString &path, qint64 n)
{
    QFile f;
    return InputFile().open(f, path) ? f.read(n) : QByteArray();
}

// Binary pickles start with PROTO 2..5: distinctive enough that a truncated one is still reported
// as a damaged pickle. Protocol 0/1 dicts start with MARK or EMPTY_DICT, weak evidence, so they
// must also end with STOP.
bool looksLikePickle(const QString &path, const QByteArray &start)
{
    if (start.size() < 2)
        return false;
    if (uchar(start[0]) == 0x80 && uchar(start[1]) >= 2 && uchar(start[1]) <= 5)
        return true;
    if (start[0] != '(' && start[0] != '}')
        return false;
    QFile f;
    return InputFile().open(f, path) && f.seek(f.size() - 1) && f.read(1) == ".";
}

// By name: TinyImages::open() then says what is wrong with either file (a FIFO, a folder, a size).
bool isTinyPair(const QDir &dir)
{
    return QFileInfo::exists(dir.filePath(QStringLiteral("tiny_images.bin"))) &&
           QFileInfo::exists(dir.filePath(QStringLiteral("tiny_metadata.bin")));
}

// Binary batches have no header: the size must be a whole number of records, and the label
// bytes of the first records must be in range (< 10 for CIFAR-10; < 20 coarse, < 100 fine).
bool looksLikeCifarBinary(const QString &path, qint64 size)
{
    const QByteArray h = head(path, 16 * 3074);
    auto labelsOk = [&](qint64 record, int first, int second) {
        for (qint64 off = 0; off + record <= h.size() && off < 16 * record; off += record) {
            if (uchar(h[off]) >= first || (second && uchar(h[off + 1]) >= second))
                return false;
        }
        return true;
    };
    if (size > 0 && size % 3073 == 0 && labelsOk(3073, 10, 0))
        return true;
    return size > 0 && size % 3074 == 0 && labelsOk(3074, 20, 100);
}

bool hasImageSubfolders(const QString &path)
{
    QDirIterator it(path, QDir::Files, QDirIterator::Subdirectories);
    for (int seen = 0; it.hasNext() && seen < 1000; ++seen) {
        const QFileInfo f(it.next());
        if (f.absolutePath() != QFileInfo(path).absoluteFilePath() && ImageFolderReader::isImageFileName(f.fileName()))
            return true;
    }
    return false;
}

} // namespace

DataFormat FormatDetector::detect(const QString &path)
{
    m_error.clear();
    const QFileInfo info(path);
    if (!info.exists()) {
        m_error = QStringLiteral("does not exist");
        return DataFormat::Unknown;
    }
    if (info.isDir())
        return detectFolder(path);
    if (const QString problem = InputFile::problem(path); !problem.isEmpty()) {
        m_error = problem;
        return DataFormat::Unknown;
    }
    return detectFile(path);
}

DataFormat FormatDetector::detectFile(const QString &path)
{
    const QFileInfo info(path);
    const QByteArray start = head(path, 64);
    if (NpyReader::hasMagic(start))
        return DataFormat::Npy;
    if (ZipArchive::hasMagic(start))
        return DataFormat::Npz;
    if (looksLikePickle(path, start))
        return DataFormat::CifarPython;
    if (start.trimmed().startsWith('{') || start.trimmed().startsWith('['))
        return DataFormat::KeywordCatalog;
    // tiny_images.bin has no header; it is recognised by its metadata partner.
    if (info.fileName() == QLatin1String("tiny_images.bin") && isTinyPair(info.dir()))
        return DataFormat::TinyImages;
    if (looksLikeCifarBinary(path, info.size()))
        return DataFormat::CifarBinary;
    m_error = start.isEmpty() ? QStringLiteral("empty or unreadable file")
                              : QStringLiteral("unrecognized content (starts with %1)")
                                    .arg(QString::fromLatin1(start.left(8).toHex(' ')));
    return DataFormat::Unknown;
}

DataFormat FormatDetector::detectFolder(const QString &path)
{
    const QDir dir(path);
    if (isTinyPair(dir))
        return DataFormat::TinyImages;
    const QStringList pyBatches = CifarPythonReader::batchFilesIn(path);
    if (!pyBatches.isEmpty() && looksLikePickle(pyBatches.first(), head(pyBatches.first(), 64)))
        return DataFormat::CifarPythonFolder;
    const QStringList binBatches = CifarBinaryReader::batchFilesIn(path);
    if (!binBatches.isEmpty() && looksLikeCifarBinary(binBatches.first(), QFileInfo(binBatches.first()).size()))
        return DataFormat::CifarBinaryFolder;
    if (hasImageSubfolders(path))
        return DataFormat::ImageFolder;
    m_error = QStringLiteral("folder holds no Tiny Images pair, CIFAR batches or class folders of images");
    return DataFormat::Unknown;
}

QString FormatDetector::unknownError(const QString &path, const QString &why)
{
    if (!QFileInfo(path).isDir() && QFileInfo::exists(path) && !InputFile::problem(path).isEmpty())
        return fileError(path, why);
    return fileError(path, QStringLiteral("unrecognized format: %1").arg(why));
}

QString FormatDetector::name(DataFormat format)
{
    switch (format) {
    case DataFormat::Unknown:
        return QStringLiteral("unknown");
    case DataFormat::TinyImages:
        return QStringLiteral("Tiny Images");
    case DataFormat::CifarPython:
        return QStringLiteral("CIFAR python batch");
    case DataFormat::CifarPythonFolder:
        return QStringLiteral("CIFAR python batches folder");
    case DataFormat::CifarBinary:
        return QStringLiteral("CIFAR binary batch");
    case DataFormat::CifarBinaryFolder:
        return QStringLiteral("CIFAR binary batches folder");
    case DataFormat::Npy:
        return QStringLiteral("numpy .npy");
    case DataFormat::Npz:
        return QStringLiteral("numpy .npz");
    case DataFormat::KeywordCatalog:
        return QStringLiteral("keyword catalog (JSON)");
    case DataFormat::ImageFolder:
        return QStringLiteral("image folder");
    }
    return {};
}

QString FormatDetector::jsonName(DataFormat format)
{
    switch (format) {
    case DataFormat::Unknown:
        return QStringLiteral("unknown");
    case DataFormat::TinyImages:
        return QStringLiteral("tiny-images");
    case DataFormat::CifarPython:
        return QStringLiteral("cifar-python");
    case DataFormat::CifarPythonFolder:
        return QStringLiteral("cifar-python-folder");
    case DataFormat::CifarBinary:
        return QStringLiteral("cifar-binary");
    case DataFormat::CifarBinaryFolder:
        return QStringLiteral("cifar-binary-folder");
    case DataFormat::Npy:
        return QStringLiteral("npy");
    case DataFormat::Npz:
        return QStringLiteral("npz");
    case DataFormat::KeywordCatalog:
        return QStringLiteral("keyword-catalog");
    case DataFormat::ImageFolder:
        return QStringLiteral("image-folder");
    }
    return {};
}

bool FormatDetector::holdsImageSet(DataFormat format)
{
    return format != DataFormat::Unknown && format != DataFormat::TinyImages && format != DataFormat::KeywordCatalog;
}

} // namespace tc::core
