#pragma once

#include "core/common/Progress.h"
#include "core/project/ImportReport.h"
#include "core/project/ProjectTypes.h"

#include <QDir>
#include <QString>

namespace tc::core {

class Project;

// Imports image folders laid out as <root>/<class>/<keyword>/<file> (JPEG, PNG, BMP, ...; any size,
// resized to 32x32 with area interpolation and flagged `resized`). Each file becomes a candidate of
// that class and keyword; keyword_pos is the file's position in natural
// name order (runs of digits by value: img_2 before img_10). source stores the
// path relative to root, which makes a re-run idempotent.
//
// Without a catalog the classes come from the folder names (sorted) and a keyword's catalog count
// is its number of files; with a catalog, its classes/counts are used and catalog keywords without
// a folder are reported absent. Files that cannot be decoded (core/readers/ImageFolderReader: regular
// files only, headers over 4096 x 4096 pixels refused before decoding) and folders whose names break
// the name rule (KeywordCatalog::nameProblem) are left out and listed in report().issues.
//
// With setSuperclassFolders(true) the tree has one more level, <root>/<superclass>/<class>/<keyword>/
// <file> (CIFAR-100's grouping): each class gets its folder's superclass, and without a catalog the
// classes are sorted by name across superclasses. Only on request: a three-level tree is equally a
// valid <class>/<keyword>/<file> tree, so the depth cannot be guessed. A class under two
// superclasses is an error.
class FolderImport final {
public:
    explicit FolderImport(Project &project) : m_project(project) {}

    void setSuperclassFolders(bool on) { m_superclassFolders = on; }

    bool run(const QString &root, const Catalog &catalog = {}, const Progress &progress = {});
    // The classes and keywords (with their file counts) the tree holds, without importing: what the New
    // Project wizard shows quotas for. Empty with errorString() on a bad tree.
    // Folders the import would leave out (names breaking the name rule) are left out here too.
    Catalog folderCatalog(const QString &root);

    const ImportReport &report() const { return m_report; }
    QString errorString() const { return m_error; }

private:
    struct File {
        QString className, keyword, relativePath;
        qint64 keywordPos;
    };
    QList<File> scan(const QString &root, Catalog *found);
    void scanClass(const QDir &rootDir, const QString &prefix, const QString &cls, QList<File> *files,
                   CatalogClass *catalogClass);
    void dropUnusableNames(const QString &root, Catalog *found, QList<File> *files);
    bool insertFiles(const QString &root, const QList<File> &files, const Progress &progress);

    Project &m_project;
    ImportReport m_report;
    QString m_error;
    bool m_superclassFolders = false;
};

} // namespace tc::core
