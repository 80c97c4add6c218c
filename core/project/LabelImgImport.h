#pragma once

#include "core/project/ImportReport.h"

#include <QString>

namespace tc::core {

class Project;

// Imports the accepts of an earlier LabelImg workflow: each Pascal VOC XML in a folder (as LabelImg
// saved it when an annotator kept a candidate) names the image in <path> as
// ...\<class>\<keyword>\<keyword>_<x>.jpg (Windows or POSIX separators); x is the 0-based position of
// the record among the keyword's records in Tiny Images order, i.e. the candidate's keyword_pos.
// Each mapped file records an accept for the annotator (one batch, view mode "labelimg").
//
// All or nothing (the rule of every import of decisions): every XML that is not a readable regular
// file, does not parse, has no <path>, or does not map to a candidate of the project is listed in
// report().issues, and if there is any, nothing is recorded and run() fails. Re-running adds
// nothing new: candidates the annotator already accepted are counted in report().existing.
class LabelImgImport final {
public:
    static constexpr qint64 kMaxXmlBytes = 1 << 20;

    explicit LabelImgImport(Project &project) : m_project(project) {}

    bool run(const QString &xmlDir, const QString &annotator = QStringLiteral("labelimg"));

    const ImportReport &report() const { return m_report; }
    QString errorString() const { return m_error; }

    // The class, keyword and position a LabelImg path names; false when it has another shape.
    static bool parsePath(const QString &path, QString *className, QString *keyword, qint64 *position);

private:
    qint64 mapFile(const QString &xmlPath);

    Project &m_project;
    ImportReport m_report;
    QString m_error;
};

} // namespace tc::core
