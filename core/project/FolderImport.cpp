#include "core/project/FolderImport.h"

#include "core/common/ImageSet.h"
#include "core/project/Project.h"
#include "core/project/Statement.h"
#include "core/project/Transaction.h"
#include "core/readers/ImageFolderReader.h"
#include "core/readers/KeywordCatalog.h"

#include <QDir>
#include <QHash>
#include <QSet>
#include <algorithm>

namespace tc::core {

namespace {

// Natural order ("img_2" before "img_10"): runs of digits compare by value, the rest by code point. Not
// QCollator, whose numeric mode depends on the collation backend: keyword_pos must not change with the locale.
bool folderNaturalLess(const QString &a, const QString &b)
{
    qsizetype i = 0, j = 0;
    while (i < a.size() && j < b.size()) {
        if (a[i].isDigit() && b[j].isDigit()) {
            const qsizetype si = i, sj = j;
            while (i < a.size() && a[i].isDigit())
                ++i;
            while (j < b.size() && b[j].isDigit())
                ++j;
            QStringView da = QStringView(a).mid(si, i - si), db = QStringView(b).mid(sj, j - sj);
            while (da.size() > 1 && da.front() == u'0')
                da = da.mid(1);
            while (db.size() > 1 && db.front() == u'0')
                db = db.mid(1);
            if (da.size() != db.size())
                return da.size() < db.size();
            if (const int c = da.compare(db); c != 0)
                return c < 0;
            continue;
        }
        if (a[i] != b[j])
            return a[i] < b[j];
        ++i;
        ++j;
    }
    if ((a.size() - i) != (b.size() - j))
        return (a.size() - i) < (b.size() - j);
    return a < b; // equal by value ("a01" / "a1"): code points decide, so the order is total
}

} // namespace

void FolderImport::scanClass(const QDir &rootDir, const QString &prefix, const QString &cls, QList<File> *files,
                             CatalogClass *catalogClass)
{
    const auto dirFilter = QDir::Dirs | QDir::NoDotAndDotDot;
    const QDir classDir(rootDir.filePath(prefix + cls));
    for (const QString &kw : classDir.entryList(dirFilter, QDir::Name)) {
        const QDir kwDir(classDir.filePath(kw));
        QStringList names = kwDir.entryList(QDir::Files, QDir::Unsorted);
        names.removeIf([](const QString &n) { return !ImageFolderReader::isImageFileName(n); }); // the one list
        std::sort(names.begin(), names.end(), folderNaturalLess);
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

// The rule of every class, keyword and superclass name (KeywordCatalog::nameProblem): a folder named
// with a newline must not become a class that splits a line of batches.meta.txt. Such folders are
// left out with an issue each.
Catalog FolderImport::folderCatalog(const QString &root)
{
    Catalog found;
    m_error.clear();
    m_report = {};
    QList<File> files = scan(root, &found);
    if (m_error.isEmpty())
        dropUnusableNames(root, &found, &files);
    return found;
}

void FolderImport::dropUnusableNames(const QString &root, Catalog *found, QList<File> *files)
{
    QSet<QString> dropped; // "class/keyword", or "class/" for a whole class
    Catalog kept;
    for (CatalogClass cls : std::as_const(*found)) {
        QString why = KeywordCatalog::nameProblem(cls.name);
        if (why.isEmpty() && !cls.superclass.isEmpty())
            why = KeywordCatalog::nameProblem(cls.superclass);
        if (!why.isEmpty()) {
            m_report.issues.append(
                {QDir(root).filePath(cls.superclass.isEmpty() ? cls.name : cls.superclass + u'/' + cls.name), 0,
                 QStringLiteral("folder left out: %1").arg(why)});
            dropped.insert(cls.name + u'/');
            continue;
        }
        QList<CatalogKeyword> keywords;
        for (const auto &kw : std::as_const(cls.keywords)) {
            if (const QString bad = KeywordCatalog::nameProblem(kw.keyword); !bad.isEmpty()) {
                m_report.issues.append({QDir(root).filePath(cls.name + u'/' + kw.keyword), 0,
                                        QStringLiteral("folder left out: %1").arg(bad)});
                dropped.insert(cls.name + u'/' + kw.keyword);
            } else {
                keywords.append(kw);
            }
        }
        cls.keywords = keywords;
        kept.append(cls);
    }
    if (dropped.isEmpty())
        return;
    *found = kept;
    files->removeIf([&](const File &f) {
        return dropped.contains(f.className + u'/') || dropped.contains(f.className + u'/' + f.keyword);
    });
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
    QList<File> files = scan(root, &found);
    if (!m_error.isEmpty())
        return false;
    dropUnusableNames(root, &found, &files);
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
    {
        // One commit for all the absent flags: a 200,000-keyword catalog is not 200,000 fsyncs.
        Transaction tx(m_project.database());
        for (const auto &kw : m_project.keywords()) {
            const bool absent = perKeyword.value(kw.className + QLatin1Char('/') + kw.keyword) == 0;
            if (absent)
                m_report.absentKeywords.append(kw.className + QLatin1Char('/') + kw.keyword);
            else
                ++m_report.keywordsFound;
            m_project.setKeywordAbsent(kw.id, absent);
        }
        if (!tx.commit()) {
            m_error = m_project.database().errorString();
            return false;
        }
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
    // One decoder for every image file (ImageFolderReader): regular files only, size-capped, the
    // header's dimensions checked before decoding, resized with area interpolation.
    ImageFolderReader decoder;
    QByteArray pixels(kImageBytes, Qt::Uninitialized);
    for (qint64 i = 0; i < files.size(); ++i) {
        const File &f = files[i];
        const qint64 keywordId = keywordIds.value(f.className + QLatin1Char('/') + f.keyword);
        const QString path = QDir(root).filePath(f.relativePath);
        bool resized = false;
        QString problem;
        if (keywordId == 0)
            problem = QStringLiteral("class/keyword folder is not in the catalog");
        else if (!decoder.decodeImage(path, reinterpret_cast<std::uint8_t *>(pixels.data()), &resized))
            problem = decoder.errorString().mid(path.size() + 2); // the issue list names the file itself
        else {
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
