#include "core/project/FolderImport.h"

#include "core/common/ImageSet.h"
#include "core/project/Project.h"
#include "core/project/Statement.h"
#include "core/project/Transaction.h"

#include <QDir>
#include <QHash>
#include <algorithm>
#include <cstring>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

namespace tc::core {

namespace {

// Decodes any OpenCV-readable file to the canonical 32x32 RGB HWC bytes.
bool decodeCanonical(const QString &path, QByteArray *pixels, bool *resized, QString *error)
{
    const cv::Mat bgr = cv::imread(path.toStdString(), cv::IMREAD_COLOR);
    if (bgr.empty()) {
        *error = QStringLiteral("not a readable image");
        return false;
    }
    cv::Mat rgb;
    cv::cvtColor(bgr, rgb, cv::COLOR_BGR2RGB);
    *resized = rgb.cols != kImageSide || rgb.rows != kImageSide;
    if (*resized)
        cv::resize(rgb, rgb, cv::Size(kImageSide, kImageSide), 0, 0, cv::INTER_AREA);
    pixels->resize(kImageBytes);
    for (int row = 0; row < kImageSide; ++row)
        std::memcpy(pixels->data() + row * kRowBytes, rgb.ptr(row), kRowBytes);
    return true;
}

const QStringList kImagePatterns = {QStringLiteral("*.jpg"),  QStringLiteral("*.jpeg"), QStringLiteral("*.png"),
                                    QStringLiteral("*.bmp"),  QStringLiteral("*.tif"),  QStringLiteral("*.tiff"),
                                    QStringLiteral("*.webp"), QStringLiteral("*.ppm"),  QStringLiteral("*.pgm")};

} // namespace

void FolderImport::scanClass(const QDir &rootDir, const QString &prefix, const QString &cls, QList<File> *files,
                             CatalogClass *catalogClass)
{
    const auto dirFilter = QDir::Dirs | QDir::NoDotAndDotDot;
    const QDir classDir(rootDir.filePath(prefix + cls));
    for (const QString &kw : classDir.entryList(dirFilter, QDir::Name)) {
        const QDir kwDir(classDir.filePath(kw));
        const QStringList names = kwDir.entryList(kImagePatterns, QDir::Files, QDir::Name);
        for (qint64 i = 0; i < names.size(); ++i)
            files->append({cls, kw, prefix + cls + QLatin1Char('/') + kw + QLatin1Char('/') + names[i], i});
        catalogClass->keywords.append({kw, qint64(names.size())});
    }
}

QList<FolderImport::File> FolderImport::scan(const QString &root, Catalog *found)
{
    QList<File> files;
    const QDir rootDir(root);
    const auto dirFilter = QDir::Dirs | QDir::NoDotAndDotDot;
    if (!m_superclassFolders) {
        for (const QString &cls : rootDir.entryList(dirFilter, QDir::Name)) {
            CatalogClass catalogClass{cls, {}};
            scanClass(rootDir, QString(), cls, &files, &catalogClass);
            found->append(catalogClass);
        }
        return files;
    }
    QHash<QString, QString> superOf;
    for (const QString &super : rootDir.entryList(dirFilter, QDir::Name)) {
        for (const QString &cls : QDir(rootDir.filePath(super)).entryList(dirFilter, QDir::Name)) {
            if (superOf.contains(cls)) {
                m_error = QStringLiteral("%1: class '%2' is under two superclasses, '%3' and '%4'")
                              .arg(root, cls, superOf.value(cls), super);
                return {};
            }
            superOf.insert(cls, super);
            CatalogClass catalogClass{cls, {}, super};
            scanClass(rootDir, super + QLatin1Char('/'), cls, &files, &catalogClass);
            found->append(catalogClass);
        }
    }
    // Labels follow class names, not the superclass grouping (as CIFAR-100's fine labels do).
    std::sort(found->begin(), found->end(),
              [](const CatalogClass &a, const CatalogClass &b) { return a.name < b.name; });
    return files;
}

bool FolderImport::run(const QString &root, const Catalog &catalog, const Progress &progress)
{
    m_report = {};
    m_error.clear();
    if (!QFileInfo(root).isDir()) {
        m_error = QStringLiteral("%1: not a folder").arg(root);
        return false;
    }
    Catalog found;
    const QList<File> files = scan(root, &found);
    if (!m_error.isEmpty())
        return false;
    if (!m_project.defineCatalog(catalog.isEmpty() ? found : catalog)) {
        m_error = m_project.errorString();
        return false;
    }
    if (m_superclassFolders && !catalog.isEmpty()) {
        // The folders say the superclass of the catalog's classes they hold.
        QHash<QString, QString> supers;
        for (const auto &c : m_project.classes())
            for (const auto &f : found)
                if (f.name == c.name)
                    supers.insert(c.name, f.superclass);
        if (!m_project.setSuperclasses(supers)) {
            m_error = m_project.errorString();
            return false;
        }
    }
    QHash<QString, qint64> perKeyword;
    for (const auto &f : files)
        ++perKeyword[f.className + QLatin1Char('/') + f.keyword];
    for (const auto &kw : m_project.keywords()) {
        const bool absent = perKeyword.value(kw.className + QLatin1Char('/') + kw.keyword) == 0;
        if (absent)
            m_report.absentKeywords.append(kw.className + QLatin1Char('/') + kw.keyword);
        else
            ++m_report.keywordsFound;
        m_project.setKeywordAbsent(kw.id, absent);
    }
    // Recorded for export, which never writes into a folder the project came from (ExportFolder).
    const bool ok = insertFiles(root, files, progress) &&
                    m_project.setSetting(QStringLiteral("folder_root"), QFileInfo(root).absoluteFilePath());
    emit m_project.contentsChanged();
    return ok;
}

bool FolderImport::insertFiles(const QString &root, const QList<File> &files, const Progress &progress)
{
    Database &db = m_project.database();
    QHash<QString, qint64> keywordIds;
    for (const auto &kw : m_project.keywords())
        keywordIds.insert(kw.className + QLatin1Char('/') + kw.keyword, kw.id);
    Transaction tx(db);
    Statement insert(db, QStringLiteral("INSERT OR IGNORE INTO candidates(keyword_id, keyword_pos, source, filename, "
                                        "resized, pixels) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"));
    QByteArray pixels;
    for (qint64 i = 0; i < files.size(); ++i) {
        const File &f = files[i];
        const qint64 keywordId = keywordIds.value(f.className + QLatin1Char('/') + f.keyword);
        const QString path = QDir(root).filePath(f.relativePath);
        bool resized = false;
        QString problem;
        if (keywordId == 0)
            problem = QStringLiteral("class/keyword folder is not in the catalog");
        else if (decodeCanonical(path, &pixels, &resized, &problem)) {
            insert.bind(1, keywordId).bind(2, f.keywordPos).bind(3, f.relativePath);
            insert.bind(4, QFileInfo(path).fileName()).bind(5, resized ? 1 : 0).bindBlob(6, pixels);
            if (!insert.exec()) {
                m_error = insert.errorString();
                return false;
            }
            (db.changes() > 0 ? m_report.inserted : m_report.existing)++;
        }
        if (!problem.isEmpty())
            m_report.issues.append({path, 0, problem});
        if (progress.isCancelled()) {
            m_error = QStringLiteral("%1: import cancelled").arg(db.fileName());
            return false;
        }
        progress.report(i + 1, files.size());
    }
    if (!tx.commit()) {
        m_error = db.errorString();
        return false;
    }
    return true;
}

} // namespace tc::core
