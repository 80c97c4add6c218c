#pragma once

#include "core/common/Progress.h"
#include "core/project/AcceptRule.h"
#include "core/project/ImportReport.h"

#include <QHash>
#include <QString>
#include <QStringList>

class QIODevice;

namespace tc::core {

class Project;

// The decisions spreadsheet: the project's whole decision log, lossless, through core/common/Csv
// (RFC 4180). export writes one row per decision in log order:
//   seq,time,annotator,kind,verdict,undoes,batch,view_mode,tiny_index,class,keyword,source
// seq numbers the rows 1..N; time is the decision's time in ISO 8601 UTC with milliseconds
// (2026-11-28T14:40:00.123Z); kind is decision or adjudication; verdict is accept, reject,
// unsure or undo (then undoes is the seq it cancels); batch numbers the decisions committed
// together (a grid page) 1, 2, ... in order of first appearance. class/keyword/source identify
// the candidate (class disambiguates a Tiny index listed under two classes; source identifies
// folder-imported candidates, which have no Tiny index).
//
// import replays such a file: every decision keeps its time, kind, batch and undo link and the
// order between annotators, so export -> import into a fresh project -> export gives the same
// bytes and the same final verdicts under every accept rule. Rows already in the project (same
// candidate, annotator, kind, verdict and time) count as existing, so importing a file twice
// changes nothing. Older files (tiny_index,verdict,annotator[,class][,keyword][,source], any
// column order) still import: each row is a decision of now, a batch of its own (so undo takes
// them back one at a time), and a row repeating the annotator's current verdict is existing.
//
// All or nothing: when any row is bad (unknown verdict or candidate, ambiguous index, bad
// annotator name, time or undo link), nothing is recorded and every bad row is reported with its
// line (report().issues holds the first kMaxListedIssues, badRows() counts them all).
//
// Progress (read/importFile) is reported on one scale, twice the device's size: the bytes read
// while the rows are checked, then the decisions recorded mapped onto the second half (a
// sequential device, whose size is unknown, reports only the recording: decisions recorded out of
// all new ones). A cancel is honoured while reading and while recording (Project::appendLog's one
// transaction rolls back): nothing is recorded and errorString() says "cancelled".
class DecisionCsv final {
public:
    static constexpr int kMaxListedIssues = 50;
    static const QStringList &columns();

    explicit DecisionCsv(Project &project) : m_project(project) {}

    // name is what messages call the input or output (its path, or "standard input").
    bool read(QIODevice *device, const QString &name, const Progress &progress = {});
    bool write(QIODevice *device, const QString &name);
    bool importFile(const QString &path, const Progress &progress = {});
    bool exportFile(const QString &path);

    const ImportReport &report() const { return m_report; }
    qint64 badRows() const { return m_badRows; }
    // After a successful import: how the final verdicts under the project's rule moved.
    const FinalShift &shift() const { return m_shift; }
    QString errorString() const { return m_error; }

    // "2026-11-28T14:40:00.123Z" and back (nullopt unless exactly that form, in UTC).
    static QString timeText(qint64 msSinceEpoch);
    static std::optional<qint64> parseTime(const QString &text);

private:
    void addIssue(const QString &file, qint64 line, const QString &problem);

    Project &m_project;
    ImportReport m_report;
    qint64 m_badRows = 0;
    FinalShift m_shift;
    QString m_error;
};

} // namespace tc::core
