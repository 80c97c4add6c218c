#include "core/readers/ImageFolderReader.h"

#include "core/readers/ImageHeader.h"
#include "core/readers/InputFile.h"
#include "core/readers/ReadError.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMutex>
#include <QtConcurrent/QtConcurrentMap>
#include <algorithm>
#include <atomic>
#include <cstring>
#include <numeric>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

namespace tc::core {

namespace {

// No 32x32 source needs more; a bigger file is refused before it is read into memory.
constexpr qint64 kMaxFileBytes = 256 << 20;

// Code-point order, independent of the user's locale, so labels are the same on every machine.
QStringList sortedEntries(const QDir &dir, QDir::Filters filters)
{
    QStringList names = dir.entryList(filters | QDir::NoDotAndDotDot, QDir::Unsorted);
    std::sort(names.begin(), names.end());
    return names;
}

// Decodes bytes into out (32x32 RGB); the problem in words (without the path), empty when decoded.
QString imageDecodeProblem(const QByteArray &bytes, std::uint8_t *out, bool *resized)
{
    // The header first: a decoder allocates whatever it declares.
    ImageHeader header;
    if (!header.checkDecodable(bytes))
        return header.errorString();
    cv::Mat bgr;
    try {
        const cv::Mat raw(1, int(bytes.size()), CV_8UC1, const_cast<char *>(bytes.constData()));
        bgr = cv::imdecode(raw, cv::IMREAD_COLOR); // grey, alpha and 16-bit become 8-bit BGR
        if (bgr.empty()) {
            return QStringLiteral("%1 header, but the image data cannot be decoded")
                .arg(ImageHeader::formatName(header.format));
        }
        *resized = bgr.cols != kImageSide || bgr.rows != kImageSide;
        if (*resized)
            cv::resize(bgr, bgr, cv::Size(kImageSide, kImageSide), 0, 0, cv::INTER_AREA);
        cv::Mat rgb(kImageSide, kImageSide, CV_8UC3, out); // written in place, row-major HWC
        cv::cvtColor(bgr, rgb, cv::COLOR_BGR2RGB);
        return {};
    } catch (const cv::Exception &e) {
        return QStringLiteral("OpenCV could not decode it (%1)").arg(QString::fromStdString(e.msg).trimmed());
    }
}

} // namespace

const QStringList &ImageFolderReader::imageSuffixes()
{
    static const QStringList suffixes{QStringLiteral("jpg"),  QStringLiteral("jpeg"), QStringLiteral("png"),
                                      QStringLiteral("bmp"),  QStringLiteral("tif"),  QStringLiteral("tiff"),
                                      QStringLiteral("webp"), QStringLiteral("ppm"),  QStringLiteral("pgm")};
    return suffixes;
}

bool ImageFolderReader::isImageFileName(const QString &fileName)
{
    return imageSuffixes().contains(QFileInfo(fileName).suffix().toLower());
}

bool ImageFolderReader::decodeImage(const QString &path, std::uint8_t *out, bool *resized)
{
    m_error.clear();
    QFile file;
    InputFile input;
    QString problem;
    bool isResized = false;
    if (!input.open(file, path))
        problem = input.errorString().mid(path.size() + 2); // fileError() adds the path back below
    else if (file.size() > kMaxFileBytes)
        problem = QStringLiteral("%1 bytes is too large for an image this tool reads").arg(file.size());
    else if (file.size() == 0)
        problem = QStringLiteral("empty file");
    else
        problem = imageDecodeProblem(file.readAll(), out, &isResized);
    if (resized)
        *resized = isResized;
    if (!problem.isEmpty())
        m_error = fileError(path, problem);
    return problem.isEmpty();
}

bool ImageFolderReader::listFiles(const QString &root, QStringList &classes, QList<Entry> &entries)
{
    const QDir rootDir(root);
    classes = sortedEntries(rootDir, QDir::Dirs);
    for (const QString &file : sortedEntries(rootDir, QDir::Files))
        m_ignored.append(file); // images need a class folder to get a label
    for (int label = 0; label < classes.size(); ++label) {
        const QDir classDir(rootDir.filePath(classes[label]));
        for (const QString &file : sortedEntries(classDir, QDir::Files)) {
            const QString relative = classes[label] + QLatin1Char('/') + file;
            if (isImageFileName(file))
                entries.append(Entry{relative, QString(), label});
            else
                m_ignored.append(relative);
        }
        for (const QString &keyword : sortedEntries(classDir, QDir::Dirs)) {
            const QDir keywordDir(classDir.filePath(keyword));
            for (const QString &file : sortedEntries(keywordDir, QDir::Files)) {
                const QString relative = classes[label] + QLatin1Char('/') + keyword + QLatin1Char('/') + file;
                if (isImageFileName(file))
                    entries.append(Entry{relative, keyword, label});
                else
                    m_ignored.append(relative);
            }
            for (const QString &deeper : sortedEntries(keywordDir, QDir::Dirs))
                m_ignored.append(classes[label] + QLatin1Char('/') + keyword + QLatin1Char('/') + deeper +
                                 QLatin1Char('/'));
        }
    }
    if (entries.isEmpty()) {
        m_error = fileError(root, QStringLiteral("no image files (%1) in <class>/<file> or <class>/<keyword>/<file> "
                                                 "sub-folders")
                                      .arg(imageSuffixes().join(QStringLiteral(", "))));
        return false;
    }
    return true;
}

// Decoding is the slow part (JPEG), so files are decoded in parallel into fixed slotCount and then
// compacted in listing order: the result does not depend on thread timing.
bool ImageFolderReader::decodeAll(const QString &root, const QList<Entry> &entries, ImageSet &out,
                                  const Progress &progress)
{
    const qsizetype n = entries.size();
    const size_t slotCount = size_t(n);
    std::vector<std::uint8_t> pixels(slotCount * kImageBytes);
    std::vector<char> ok(slotCount, 0), resized(slotCount, 0);
    std::vector<QString> problems(slotCount);
    std::vector<qsizetype> order(slotCount);
    std::iota(order.begin(), order.end(), 0);
    std::atomic<qint64> done{0};
    QMutex reportLock; // the Progress callbacks are not required to be thread-safe
    const QDir rootDir(root);
    QtConcurrent::blockingMap(order, [&](qsizetype i) {
        if (progress.isCancelled())
            return;
        bool wasResized = false;
        ImageFolderReader decoder;
        ok[size_t(i)] =
            decoder.decodeImage(rootDir.filePath(entries[i].relative), pixels.data() + i * kImageBytes, &wasResized);
        problems[size_t(i)] = decoder.errorString();
        resized[size_t(i)] = wasResized;
        const qint64 finished = ++done;
        if (finished % 256 == 0 || finished == n) {
            QMutexLocker lock(&reportLock);
            progress.report(finished, n);
        }
    });
    if (progress.isCancelled()) {
        m_error = fileError(root, QStringLiteral("reading the image folder was cancelled"));
        return false;
    }
    for (qsizetype i = 0; i < n; ++i) {
        if (!ok[size_t(i)]) {
            const QString reason = problems[size_t(i)].mid(rootDir.filePath(entries[i].relative).size() + 2);
            if (m_strict) {
                m_error = problems[size_t(i)];
                return false;
            }
            m_skipped.append(Problem{entries[i].relative, reason});
            continue;
        }
        const size_t at = out.pixels.size();
        out.pixels.resize(at + kImageBytes);
        std::memcpy(out.pixels.data() + at, pixels.data() + i * kImageBytes, kImageBytes);
        out.labels.push_back(entries[i].label);
        out.keywords.append(entries[i].keyword);
        out.filenames.append(entries[i].relative);
        out.sourceIndices.push_back(i);
        out.resized.push_back(std::uint8_t(resized[size_t(i)]));
    }
    return true;
}

bool ImageFolderReader::read(const QString &root, ImageSet &out, const Progress &progress)
{
    m_error.clear();
    m_skipped.clear();
    m_ignored.clear();
    out = ImageSet{};
    if (!QFileInfo(root).isDir()) {
        m_error = fileError(root, QFileInfo::exists(root) ? QStringLiteral("not a folder")
                                                          : QStringLiteral("no such folder"));
        return false;
    }
    QStringList classes;
    QList<Entry> entries;
    if (!listFiles(root, classes, entries) || !decodeAll(root, entries, out, progress)) {
        out = ImageSet{};
        return false;
    }
    out.labelNames = classes;
    if (out.count() == 0) {
        m_error = fileError(root, QStringLiteral("none of the %1 image files could be decoded (first: %2: %3)")
                                      .arg(entries.size())
                                      .arg(m_skipped.first().path, m_skipped.first().reason));
        return false;
    }
    return true;
}

} // namespace tc::core
