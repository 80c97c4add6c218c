#include "core/project/LabelImgImport.h"

#include "core/project/Project.h"
#include "core/project/Statement.h"
#include "core/readers/InputFile.h"

#include <QDir>
#include <QRegularExpression>
#include <QSet>
#include <pugixml.hpp>

namespace tc::core {

bool LabelImgImport::parsePath(const QString &path, QString *className, QString *keyword, qint64 *position)
{
    // Split on both separators: files saved on Windows keep their backslashes on Linux.
    const QStringList parts = path.trimmed().split(QRegularExpression(QStringLiteral("[\\\\/]")), Qt::SkipEmptyParts);
    if (parts.size() < 3)
        return false;
    const QString file = parts.at(parts.size() - 1);
    *keyword = parts.at(parts.size() - 2);
    *className = parts.at(parts.size() - 3);
    static const QRegularExpression pattern(QStringLiteral("^(.+)_(\\d+)\\.[A-Za-z]+$"));
    const auto match = pattern.match(file);
    if (!match.hasMatch() || match.captured(1) != *keyword)
        return false;
    bool ok = false;
    *position = match.captured(2).toLongLong(&ok);
    return ok;
}

// The candidate an XML file names, or 0 after adding an issue that says why not.
qint64 LabelImgImport::mapFile(const QString &xmlPath)
{
    const auto issue = [&](const QString &problem) {
        m_report.issues.append({xmlPath, 0, problem});
        return qint64(0);
    };
    QByteArray bytes;
    InputFile input;
    // A LabelImg file is about 1 kB; a FIFO named *.xml is never opened.
    if (!input.readAll(xmlPath, kMaxXmlBytes, &bytes, QStringLiteral("LabelImg XML file")))
        return issue(input.errorString().mid(xmlPath.size() + 2));
    pugi::xml_document doc;
    const pugi::xml_parse_result parsed = doc.load_buffer(bytes.constData(), size_t(bytes.size()));
    if (!parsed)
        return issue(QStringLiteral("not well-formed XML (%1 at offset %2)")
                         .arg(QString::fromUtf8(parsed.description()))
                         .arg(qint64(parsed.offset)));
    const pugi::xml_node pathNode = doc.child("annotation").child("path");
    if (!pathNode)
        return issue(QStringLiteral("no <annotation><path> element"));
    const QString path = QString::fromUtf8(pathNode.text().get());
    QString cls, kw;
    qint64 pos = 0;
    if (!parsePath(path, &cls, &kw, &pos))
        return issue(QStringLiteral("path '%1' is not ...<class>/<keyword>/<keyword>_<x>.<ext>").arg(path));
    const auto keyword = m_project.keywordByName(cls, kw);
    if (!keyword)
        return issue(QStringLiteral("path '%1': keyword '%2' of class '%3' is not in the project").arg(path, kw, cls));
    Statement q(m_project.database(),
                QStringLiteral("SELECT id FROM candidates WHERE keyword_id = ?1 AND keyword_pos = ?2"));
    q.bind(1, keyword->id).bind(2, pos);
    if (!q.next())
        return issue(QStringLiteral("path '%1': %2 has no record %3 in the project (%4 imported)")
                         .arg(path, kw)
                         .arg(pos)
                         .arg(keyword->candidates));
    return q.int64(0);
}

bool LabelImgImport::run(const QString &xmlDir, const QString &annotator)
{
    m_report = {};
    m_error.clear();
    const QDir dir(xmlDir);
    if (!dir.exists()) {
        m_error = QStringLiteral("%1: no such folder").arg(xmlDir);
        return false;
    }
    QList<DecisionInput> accepts;
    QSet<qint64> seen; // two XML files naming the same record count once
    const QStringList names = dir.entryList({QStringLiteral("*.xml")}, QDir::Files | QDir::System, QDir::Name);
    const qsizetype files = names.size();
    for (const QString &name : names) {
        const qint64 id = mapFile(dir.filePath(name));
        if (id == 0)
            continue;
        if (seen.contains(id) || m_project.verdict(id, annotator) == Verdict::Accept)
            ++m_report.existing;
        else
            accepts.append({id, Verdict::Accept});
        seen.insert(id);
    }
    if (!m_report.issues.isEmpty()) {
        // All or nothing: a folder with a bad file records none of its accepts, so fixing the file
        // and running again gives exactly one clean import.
        m_report.existing = 0;
        m_error = QStringLiteral("%1: %2 of %3 LabelImg files cannot be imported; nothing was recorded")
                      .arg(xmlDir)
                      .arg(m_report.issues.size())
                      .arg(files);
        return false;
    }
    if (!m_project.recordDecisions(accepts, annotator, QStringLiteral("labelimg"))) {
        m_error = m_project.errorString();
        return false;
    }
    m_report.inserted = accepts.size();
    return true;
}

} // namespace tc::core
