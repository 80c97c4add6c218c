#pragma once

#include "core/project/ImportReport.h"

#include <QString>

namespace tc::core {

class Project;

// Decisions kept in spreadsheets. Columns (header row required, any order, extra columns ignored):
//   tiny_index,verdict,annotator[,class][,keyword][,source]
// verdict is accept / reject / unsure. export writes every annotator's current verdict per
// candidate in filter order with all six columns, so a round trip restores the same state.
// class disambiguates a Tiny index whose keyword is listed under two classes; source identifies
// folder-imported candidates (which have no Tiny index).
//
// import reports each bad row with its line number (unknown verdict, unknown index, ambiguous
// index, missing annotator) and applies the good ones, one transaction per annotator. Rows that
// repeat an annotator's current verdict are counted as existing, so re-importing changes nothing.
class DecisionCsv final {
public:
    explicit DecisionCsv(Project &project) : m_project(project) {}

    bool importFile(const QString &path);
    bool exportFile(const QString &path);

    const ImportReport &report() const { return m_report; }
    QString errorString() const { return m_error; }

    // One CSV line into cells (RFC 4180 quotes: "a,b" and "" for a quote).
    static QStringList splitLine(const QString &line);

private:
    qint64 resolve(const QHash<QString, QString> &row, QString *problem);

    Project &m_project;
    ImportReport m_report;
    QString m_error;
};

} // namespace tc::core
