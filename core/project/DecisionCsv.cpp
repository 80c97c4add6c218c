#include "core/project/DecisionCsv.h"

#include "core/project/Project.h"
#include "core/project/Statement.h"
#include "core/readers/InputFile.h"

#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QSaveFile>
#include <QTextStream>
#include <map>

namespace tc::core {

namespace {
QString quoted(const QString &cell)
{
    if (!cell.contains(QLatin1Char(',')) && !cell.contains(QLatin1Char('"')) && !cell.contains(QLatin1Char('\n')))
        return cell;
    QString escaped = cell;
    escaped.replace(QLatin1String("\""), QLatin1String("\"\""));
    return QLatin1Char('"') + escaped + QLatin1Char('"');
}
} // namespace

QStringList DecisionCsv::splitLine(const QString &line)
{
    QStringList cells;
    QString cell;
    bool inQuotes = false;
    for (qsizetype i = 0; i < line.size(); ++i) {
        const QChar ch = line.at(i);
        if (inQuotes && ch == u'"' && i + 1 < line.size() && line.at(i + 1) == u'"') {
            cell += ch;
            ++i;
        } else if (ch == u'"') {
            inQuotes = !inQuotes;
        } else if (ch == u',' && !inQuotes) {
            cells.append(cell);
            cell.clear();
        } else {
            cell += ch;
        }
    }
    cells.append(cell);
    return cells;
}

bool DecisionCsv::exportFile(const QString &path)
{
    m_error.clear();
    QSaveFile file(path); // all or nothing: a failed export never leaves half a spreadsheet
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text)) {
        m_error = QStringLiteral("%1: cannot write (%2)").arg(path, file.errorString());
        return false;
    }
    QTextStream out(&file);
    out << "tiny_index,verdict,annotator,class,keyword,source\n";
    Statement q(m_project.database(),
                QStringLiteral("SELECT c.tiny_index, s.verdict, s.annotator, cl.name, k.keyword, c.source "
                               "FROM candidate_state s JOIN candidates c ON c.id = s.candidate_id "
                               "JOIN keywords k ON k.id = c.keyword_id JOIN classes cl ON cl.id = k.class_id "
                               "ORDER BY c.keyword_id, c.keyword_pos, c.id, s.decision_id"));
    while (q.next()) {
        out << (q.isNull(0) ? QString() : QString::number(q.int64(0))) << ',' << verdictName(Verdict(q.int64(1))) << ','
            << quoted(q.text(2)) << ',' << quoted(q.text(3)) << ',' << quoted(q.text(4)) << ',' << quoted(q.text(5))
            << '\n';
    }
    out.flush();
    if (q.hasError() || !file.commit()) {
        m_error =
            q.hasError() ? q.errorString() : QStringLiteral("%1: cannot write (%2)").arg(path, file.errorString());
        return false;
    }
    return true;
}

// The candidate a row names, or 0 with *problem.
qint64 DecisionCsv::resolve(const QHash<QString, QString> &row, QString *problem)
{
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
            *problem = QStringLiteral("tiny_index '%1' is not a non-negative integer").arg(indexText);
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
    *problem = matches.isEmpty()
                   ? QStringLiteral("no candidate with tiny_index '%1'%2")
                         .arg(indexText, source.isEmpty() ? QString() : QStringLiteral(" / source '%1'").arg(source))
                   : QStringLiteral("tiny_index %1 is a candidate in %2 classes: add a class column")
                         .arg(indexText)
                         .arg(matches.size());
    return 0;
}

bool DecisionCsv::importFile(const QString &path)
{
    m_report = {};
    m_error.clear();
    if (const QString why = InputFile::problem(path); QFileInfo::exists(path) && !why.isEmpty()) {
        m_error = QStringLiteral("%1: %2").arg(path, why); // a FIFO would block the import forever
        return false;
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) {
        m_error = QStringLiteral("%1: cannot open (%2)").arg(path, file.errorString());
        return false;
    }
    QTextStream in(&file);
    const QStringList header = splitLine(in.readLine().trimmed());
    for (const char *required : {"tiny_index", "verdict", "annotator"})
        if (!header.contains(QLatin1String(required))) {
            m_error = QStringLiteral("%1:1: header lacks the '%2' column (need tiny_index,verdict,annotator)")
                          .arg(path, QLatin1String(required));
            return false;
        }
    std::map<QString, QList<DecisionInput>> perAnnotator;
    for (int line = 2; !in.atEnd(); ++line) {
        const QString text = in.readLine();
        if (text.trimmed().isEmpty())
            continue;
        const QStringList cells = splitLine(text);
        QHash<QString, QString> row;
        for (int i = 0; i < header.size() && i < cells.size(); ++i)
            row.insert(header[i].trimmed(), cells[i]);
        const auto verdict = verdictFromName(row.value(QStringLiteral("verdict")));
        const QString annotator = row.value(QStringLiteral("annotator")).trimmed();
        QString problem;
        qint64 id = 0;
        if (!verdict)
            problem = QStringLiteral("verdict '%1' is not accept, reject or unsure")
                          .arg(row.value(QStringLiteral("verdict")));
        else if (annotator.isEmpty())
            problem = QStringLiteral("annotator is empty");
        else
            id = resolve(row, &problem);
        if (id == 0) {
            m_report.issues.append({path, line, problem});
            continue;
        }
        if (m_project.verdict(id, annotator) == *verdict)
            ++m_report.existing;
        else
            perAnnotator[annotator].append({id, *verdict});
    }
    for (const auto &[annotator, decisions] : perAnnotator) {
        if (!m_project.recordDecisions(decisions, annotator, QStringLiteral("csv"))) {
            m_error = m_project.errorString();
            return false;
        }
        m_report.inserted += decisions.size();
    }
    return true;
}

} // namespace tc::core
