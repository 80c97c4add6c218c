#include "core/project/DecisionCsv.h"

#include "core/common/Csv.h"
#include "core/project/Project.h"
#include "core/project/Statement.h"
#include "core/readers/InputFile.h"

#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QSaveFile>

namespace tc::core {

namespace {
const QString kKindDecision = QStringLiteral("decision");
const QString kKindAdjudication = QStringLiteral("adjudication");
const QString kVerdictUndo = QStringLiteral("undo");

// What an earlier row of the same file was, so an undo row can be checked against it by line.
struct CsvLogRow {
    qint64 mapped = 0; // > 0: the project's decision id (existing); < 0: -(k + 1), the k-th new entry
    qint64 candidateId = 0;
    QString annotator;
    bool adjudication = false;
    bool isUndo = false;
};

// The candidate a row of a decisions file names (by source, or tiny_index and class).
class DecisionRowResolver final {
public:
    explicit DecisionRowResolver(Project &project) : m_project(project) {}
    // The candidate's id, or 0 with errorString() saying why (no candidate, or more than one).
    qint64 resolve(const QHash<QString, QString> &row);
    QString errorString() const { return m_error; }

private:
    Project &m_project;
    QString m_error;
};

qint64 DecisionRowResolver::resolve(const QHash<QString, QString> &row)
{
    m_error.clear();
    const QString source = row.value(QStringLiteral("source")).trimmed();
    const QString indexText = row.value(QStringLiteral("tiny_index")).trimmed();
    const QString cls = row.value(QStringLiteral("class")).trimmed();
    QList<qint64> matches;
    if (indexText.isEmpty() && !source.isEmpty()) {
        Statement q(m_project.database(), QStringLiteral("SELECT id FROM candidates WHERE source = ?1"));
        q.bind(1, source);
        while (q.next())
            matches.append(q.int64(0));
    } else {
        bool ok = false;
        const qint64 index = indexText.toLongLong(&ok);
        if (!ok || index < 0) {
            m_error = QStringLiteral("tiny_index '%1' is not a non-negative integer").arg(indexText);
            return 0;
        }
        for (qint64 id : m_project.candidatesByTinyIndex(index)) {
            const auto c = m_project.candidate(id);
            if (cls.isEmpty() || (c && c->className == cls))
                matches.append(id);
        }
    }
    if (matches.size() == 1)
        return matches.first();
    m_error = matches.isEmpty()
                  ? QStringLiteral("no candidate with tiny_index '%1'%2")
                        .arg(indexText, source.isEmpty() ? QString() : QStringLiteral(" / source '%1'").arg(source))
                  : QStringLiteral("tiny_index %1 is a candidate in %2 classes: add a class column")
                        .arg(indexText)
                        .arg(matches.size());
    return 0;
}

} // namespace

const QStringList &DecisionCsv::columns()
{
    static const QStringList list{QStringLiteral("seq"),   QStringLiteral("time"),      QStringLiteral("annotator"),
                                  QStringLiteral("kind"),  QStringLiteral("verdict"),   QStringLiteral("undoes"),
                                  QStringLiteral("batch"), QStringLiteral("view_mode"), QStringLiteral("tiny_index"),
                                  QStringLiteral("class"), QStringLiteral("keyword"),   QStringLiteral("source")};
    return list;
}

QString DecisionCsv::timeText(qint64 msSinceEpoch)
{
    return QDateTime::fromMSecsSinceEpoch(msSinceEpoch, Qt::UTC).toString(Qt::ISODateWithMs);
}

std::optional<qint64> DecisionCsv::parseTime(const QString &text)
{
    const QDateTime t = QDateTime::fromString(text, Qt::ISODateWithMs);
    // Only the canonical form export writes: a time that does not print back the same is refused,
    // not reinterpreted (a local time without Z would shift by the importer's time zone).
    if (!t.isValid() || timeText(t.toMSecsSinceEpoch()) != text)
        return std::nullopt;
    return t.toMSecsSinceEpoch();
}

bool DecisionCsv::exportFile(const QString &path)
{
    m_error.clear();
    QSaveFile file(path); // all or nothing: a failed export never leaves half a spreadsheet
    if (!file.open(QIODevice::WriteOnly)) {
        m_error = QStringLiteral("%1: cannot write (%2)").arg(path, file.errorString());
        return false;
    }
    if (!write(&file, path))
        return false;
    if (!file.commit()) {
        m_error = QStringLiteral("%1: cannot write (%2)").arg(path, file.errorString());
        return false;
    }
    return true;
}

bool DecisionCsv::write(QIODevice *device, const QString &name)
{
    m_error.clear();
    CsvWriter out(device, name);
    out.writeRow(columns());
    Statement q(m_project.database(),
                QStringLiteral("SELECT d.id, d.created_at, d.annotator, d.adjudication, d.verdict, d.undoes, d.batch, "
                               "d.view_mode, c.tiny_index, cl.name, k.keyword, c.source FROM decisions d "
                               "JOIN candidates c ON c.id = d.candidate_id JOIN keywords k ON k.id = c.keyword_id "
                               "JOIN classes cl ON cl.id = k.class_id ORDER BY d.id"));
    // Ids and batch numbers are the project's own; the file numbers both from 1 in log order, so
    // the same log gives the same bytes in any project.
    QHash<qint64, qint64> seqOf, batchOf;
    qint64 seq = 0;
    while (out.ok() && q.next()) {
        seqOf.insert(q.int64(0), ++seq);
        const qint64 batch = batchOf.value(q.int64(6));
        const qint64 fileBatch = batch ? batch : batchOf.size() + 1;
        if (!batch)
            batchOf.insert(q.int64(6), fileBatch);
        const Verdict verdict = Verdict(q.int64(4));
        out.writeRow(
            {QString::number(seq), timeText(q.int64(1)), q.text(2), q.int64(3) ? kKindAdjudication : kKindDecision,
             verdict == Verdict::None ? kVerdictUndo : verdictName(verdict),
             q.isNull(5) ? QString() : QString::number(seqOf.value(q.int64(5))), QString::number(fileBatch), q.text(7),
             q.isNull(8) ? QString() : QString::number(q.int64(8)), q.text(9), q.text(10), q.text(11)});
    }
    if (q.hasError() || !out.ok()) {
        m_error =
            q.hasError() ? QStringLiteral("%1: %2").arg(m_project.fileName(), q.errorString()) : out.errorString();
        return false;
    }
    return true;
}

void DecisionCsv::addIssue(const QString &file, qint64 line, const QString &problem)
{
    if (++m_badRows <= kMaxListedIssues)
        m_report.issues.append({file, int(line), problem});
}

bool DecisionCsv::importFile(const QString &path, const Progress &progress)
{
    m_report = {};
    m_error.clear();
    if (const QString why = InputFile::problem(path); QFileInfo::exists(path) && !why.isEmpty()) {
        m_error = QStringLiteral("%1: %2").arg(path, why); // a FIFO would block the import forever
        return false;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        m_error = QStringLiteral("%1: cannot open (%2)").arg(path, file.errorString());
        return false;
    }
    return read(&file, path, progress);
}

bool DecisionCsv::read(QIODevice *device, const QString &name, const Progress &progress)
{
    m_report = {};
    m_badRows = 0;
    m_shift = {};
    m_error.clear();
    // One scale for both phases (see the class comment): bytes read, then decisions recorded.
    const qint64 size = device->isSequential() ? 0 : device->size();
    const auto cancelled = [&] {
        m_error = QStringLiteral("%1: import cancelled; nothing was recorded").arg(name);
        return false;
    };
    CsvReader reader(device, name);
    QStringList header;
    if (!reader.readRow(&header)) {
        m_error = reader.hasError() ? reader.errorString()
                                    : QStringLiteral("%1: empty file, expected a header row").arg(name);
        return false;
    }
    for (QString &h : header)
        h = h.trimmed().toLower();
    const bool log = header.contains(QStringLiteral("seq")) || header.contains(QStringLiteral("time"));
    QStringList required{QStringLiteral("verdict"), QStringLiteral("annotator")};
    if (log)
        required << QStringLiteral("seq") << QStringLiteral("time");
    if (!header.contains(QStringLiteral("tiny_index")) && !(log && header.contains(QStringLiteral("source"))))
        required << QStringLiteral("tiny_index");
    for (const QString &column : required)
        if (!header.contains(column)) {
            m_error = QStringLiteral("%1: line 1: header lacks the '%2' column (need %3)")
                          .arg(name, column,
                               log ? QStringLiteral("seq,time,annotator,verdict and tiny_index or source")
                                   : QStringLiteral("tiny_index,verdict,annotator"));
            return false;
        }

    Statement existing(m_project.database(),
                       QStringLiteral("SELECT id FROM decisions WHERE candidate_id = ?1 AND annotator = ?2 AND "
                                      "adjudication = ?3 AND verdict = ?4 AND created_at = ?5 AND "
                                      "coalesce(undoes, 0) = ?6 LIMIT 1"));
    QList<LogEntry> entries;
    QHash<qint64, CsvLogRow> bySeq;
    qint64 lastSeq = 0;
    QStringList cells;
    for (qint64 rows = 0; reader.readRow(&cells); ++rows) {
        if (rows % 1024 == 0) {
            if (progress.isCancelled())
                return cancelled();
            if (size > 0)
                progress.report(qMin(device->pos(), size), 2 * size);
        }
        const qint64 line = reader.lineNumber();
        QHash<QString, QString> row;
        for (qsizetype i = 0; i < header.size() && i < cells.size(); ++i)
            row.insert(header[i], cells[i]);
        const QString verdictText = row.value(QStringLiteral("verdict")).trimmed();
        const bool undo = log && verdictText.toLower() == kVerdictUndo;
        const auto verdict = undo ? std::optional<Verdict>(Verdict::None) : verdictFromName(verdictText);
        const QString annotator = row.value(QStringLiteral("annotator")).trimmed();
        if (!verdict) {
            addIssue(name, line,
                     QStringLiteral("verdict '%1' is not accept, reject or unsure%2")
                         .arg(verdictText, log ? QStringLiteral(" (or undo)") : QString()));
            continue;
        }
        if (const QString problem = annotatorNameProblem(annotator); !problem.isEmpty()) {
            addIssue(name, line, problem);
            continue;
        }
        DecisionRowResolver resolver(m_project);
        const qint64 id = resolver.resolve(row);
        if (id == 0) {
            addIssue(name, line, resolver.errorString());
            continue;
        }
        LogEntry e;
        e.candidateId = id;
        e.annotator = annotator;
        e.verdict = *verdict;
        if (!log) {
            if (m_project.verdict(id, annotator) == *verdict)
                ++m_report.existing;
            else
                entries.append(e);
            continue;
        }
        bool seqOk = false;
        const qint64 seq = row.value(QStringLiteral("seq")).trimmed().toLongLong(&seqOk);
        const auto time = parseTime(row.value(QStringLiteral("time")).trimmed());
        const QString kind = row.value(QStringLiteral("kind")).trimmed().toLower();
        const QString batchText = row.value(QStringLiteral("batch")).trimmed();
        bool batchOk = true;
        const qint64 batch = batchText.isEmpty() ? 0 : batchText.toLongLong(&batchOk);
        if (!seqOk || seq <= lastSeq) {
            addIssue(name, line,
                     QStringLiteral("seq '%1' is not a number greater than the previous row's (%2)")
                         .arg(row.value(QStringLiteral("seq")))
                         .arg(lastSeq));
            continue;
        }
        lastSeq = seq;
        if (!time) {
            addIssue(name, line,
                     QStringLiteral("time '%1' is not ISO 8601 UTC with milliseconds (2026-11-28T14:40:00.123Z)")
                         .arg(row.value(QStringLiteral("time"))));
            continue;
        }
        if (!kind.isEmpty() && kind != kKindDecision && kind != kKindAdjudication) {
            addIssue(name, line, QStringLiteral("kind '%1' is not decision or adjudication").arg(kind));
            continue;
        }
        if (!batchOk || batch < 0) {
            addIssue(name, line, QStringLiteral("batch '%1' is not a positive number").arg(batchText));
            continue;
        }
        e.adjudication = kind == kKindAdjudication;
        e.createdAtMs = *time;
        e.batchKey = batch;
        e.viewMode =
            row.contains(QStringLiteral("view_mode")) ? row.value(QStringLiteral("view_mode")) : QStringLiteral("csv");
        if (undo) {
            bool ok = false;
            const qint64 target = row.value(QStringLiteral("undoes")).trimmed().toLongLong(&ok);
            const auto it = bySeq.constFind(target);
            if (!ok || it == bySeq.constEnd()) {
                addIssue(name, line,
                         QStringLiteral("undoes '%1', which is not the seq of an earlier row")
                             .arg(row.value(QStringLiteral("undoes"))));
                continue;
            }
            if (it->isUndo || it->annotator != annotator || it->candidateId != id ||
                it->adjudication != e.adjudication) {
                addIssue(name, line,
                         QStringLiteral("undoes seq %1, which is not a %2 of %3 on the same candidate")
                             .arg(target)
                             .arg(e.adjudication ? kKindAdjudication : kKindDecision, annotator));
                continue;
            }
            e.undoes = it->mapped;
        }
        CsvLogRow seen{0, id, annotator, e.adjudication, undo};
        // Already in the project (the same file imported twice, or this project's own export).
        if (e.undoes >= 0) {
            existing.reset();
            existing.bind(1, id).bind(2, annotator).bind(3, qint64(e.adjudication)).bind(4, int(e.verdict));
            existing.bind(5, e.createdAtMs).bind(6, e.undoes);
            if (existing.next())
                seen.mapped = existing.int64(0);
        }
        if (seen.mapped > 0) {
            ++m_report.existing;
        } else {
            seen.mapped = -(qint64(entries.size()) + 1);
            entries.append(e);
        }
        bySeq.insert(seq, seen);
    }
    if (reader.hasError()) {
        m_error = reader.errorString();
        return false;
    }
    if (m_badRows > 0) {
        m_error = QStringLiteral("%1: %2 bad row(s); nothing was recorded").arg(name).arg(m_badRows);
        return false;
    }
    if (progress.isCancelled())
        return cancelled();
    const Progress recording(
        [&](qint64 done, qint64 total) {
            if (size <= 0)
                progress.report(done, total);
            else
                progress.report(size + (total > 0 ? size * done / total : size), 2 * size);
        },
        [&] { return progress.isCancelled(); });
    if (!m_project.appendLog(entries, &m_shift, recording)) {
        // A cancel rolled the transaction back: say so in the file's name, not the project's.
        if (progress.isCancelled())
            return cancelled();
        m_error = m_project.errorString();
        return false;
    }
    m_report.inserted = entries.size();
    recording.report(1, 1); // also when nothing was new: the bar ends full
    return true;
}

} // namespace tc::core
