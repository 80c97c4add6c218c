#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace tc::core {

// What an import did, for the CLI's summary and the wizard's last page. Problems are listed
// per file/line, never dropped silently.
struct ImportIssue {
    QString file; // the input file (or "class/keyword" for catalog entries)
    int line = 0; // 1-based line for text inputs, 0 otherwise
    QString problem;
};

struct ImportReport {
    qint64 inserted = 0; // new candidates (or decisions)
    qint64 existing = 0; // already in the project (re-run): left untouched
    qint64 keywordsFound = 0;
    QStringList absentKeywords; // "class/keyword" of catalog keywords the source does not have
    QList<ImportIssue> issues;

    QString issueText(const ImportIssue &issue) const
    {
        return issue.line > 0 ? QStringLiteral("%1:%2: %3").arg(issue.file).arg(issue.line).arg(issue.problem)
                              : QStringLiteral("%1: %2").arg(issue.file, issue.problem);
    }
};

} // namespace tc::core
