#pragma once

#include "core/common/Progress.h"
#include "core/project/ImportReport.h"
#include "core/project/ProjectTypes.h"

#include <QString>

namespace tc::core {

class Project;

// Imports image folders laid out as <root>/<class>/<keyword>/<file> (JPEG, PNG, BMP, ...; any size,
// resized to 32x32 with area interpolation and flagged `resized`). Each file becomes a candidate of
// that class and keyword; keyword_pos is the file's position in name order. source stores the
// path relative to root, which makes a re-run idempotent.
//
// Without a catalog the classes come from the folder names (sorted) and a keyword's catalog count
// is its number of files; with a catalog, its classes/counts are used and catalog keywords without
// a folder are reported absent. Files that cannot be decoded are listed in report().issues.
class FolderImport final {
public:
    explicit FolderImport(Project &project) : m_project(project) {}

    bool run(const QString &root, const Catalog &catalog = {}, const Progress &progress = {});

    const ImportReport &report() const { return m_report; }
    QString errorString() const { return m_error; }

private:
    struct File {
        QString className, keyword, relativePath;
        qint64 keywordPos;
    };
    QList<File> scan(const QString &root, Catalog *found);
    bool insertFiles(const QString &root, const QList<File> &files, const Progress &progress);

    Project &m_project;
    ImportReport m_report;
    QString m_error;
};

} // namespace tc::core
