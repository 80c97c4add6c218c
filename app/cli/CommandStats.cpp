// tinycurator-cli stats PROJECT [--json] [--annotator NAME]
#include "Command.h"
#include "ProjectCommandSupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace tc::cli {
namespace {

QJsonObject toJson(const core::KeywordStats &s)
{
    QJsonObject o{{QStringLiteral("class"), s.className},       {QStringLiteral("catalog_count"), s.catalogCount},
                  {QStringLiteral("candidates"), s.candidates}, {QStringLiteral("decided"), s.decided},
                  {QStringLiteral("accepted"), s.accepted},     {QStringLiteral("rejected"), s.rejected},
                  {QStringLiteral("unsure"), s.unsure},         {QStringLiteral("quota"), s.quota},
                  {QStringLiteral("conflicts"), s.conflicts},   {QStringLiteral("awaiting"), s.awaiting}};
    if (s.keywordId != 0) {
        o.insert(QStringLiteral("keyword"), s.keyword);
        o.insert(QStringLiteral("absent"), s.absent);
    }
    return o;
}

void printJson(const QString &rule, const QList<core::KeywordStats> &classes, const QList<core::KeywordStats> &keywords,
               QTextStream &out)
{
    QJsonArray classArray, keywordArray;
    for (const auto &c : classes)
        classArray.append(toJson(c));
    for (const auto &k : keywords)
        keywordArray.append(toJson(k));
    const QJsonObject root{{QStringLiteral("accept_rule"), rule},
                           {QStringLiteral("classes"), classArray},
                           {QStringLiteral("keywords"), keywordArray}};
    out << QJsonDocument(root).toJson(QJsonDocument::Indented);
}

void printRow(const core::KeywordStats &s, const QString &name, QTextStream &out)
{
    out << name.leftJustified(36) << QString::number(s.candidates).rightJustified(10)
        << QString::number(s.decided).rightJustified(9) << QString::number(s.accepted).rightJustified(9)
        << QString::number(s.rejected).rightJustified(9) << QString::number(s.unsure).rightJustified(8)
        << QString::number(s.quota).rightJustified(7) << QString::number(s.conflicts).rightJustified(10)
        << QString::number(s.awaiting).rightJustified(9) << (s.absent ? "  absent" : "") << '\n';
}

void printTable(const QString &rule, const QList<core::KeywordStats> &classes,
                const QList<core::KeywordStats> &keywords, QTextStream &out)
{
    if (!rule.isEmpty())
        out << "accept rule: " << rule << '\n';
    out << QStringLiteral("class / keyword").leftJustified(36)
        << "candidates  decided accepted rejected  unsure  quota conflicts awaiting\n";
    for (const auto &c : classes) {
        printRow(c, c.className, out);
        for (const auto &k : keywords)
            if (k.classId == c.classId)
                printRow(k, QStringLiteral("  ") + k.keyword, out);
    }
}

int runStats(const QStringList &args, QTextStream &out, QTextStream &err)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Per class and per keyword: candidates, decided, accepted, "
                       "rejected, unsure, quota, unsettled conflicts and candidates awaiting adjudication (final "
                       "verdicts under the project's accept rule unless --annotator)."));
    parser.addPositionalArgument(QStringLiteral("project"), QStringLiteral("The .tcproj file."));
    parser.addOption({QStringLiteral("json"), QStringLiteral("Print JSON {classes: [...], keywords: [...]}.")});
    parser.addOption(
        {QStringLiteral("annotator"), QStringLiteral("Count this annotator's verdicts."), QStringLiteral("name")});
    if (!parseProjectArgs(parser, args, err))
        return 2;
    core::Project project;
    if (!openProjectForReading(project, parser.positionalArguments().first(), err))
        return 1;
    const QString annotator = parser.value(QStringLiteral("annotator"));
    const auto keywords = project.keywordStats(annotator);
    const auto classes = project.classStats(annotator);
    // One annotator's own verdicts follow no rule.
    const QString rule = annotator.isEmpty() ? core::acceptRuleName(project.acceptRule()) : QString();
    if (parser.isSet(QStringLiteral("json")))
        printJson(rule, classes, keywords, out);
    else
        printTable(rule, classes, keywords, out);
    return 0;
}

const CommandRegistrar registrarStats({QStringLiteral("stats"),
                                       QStringLiteral("Candidates, decisions and quotas per class and keyword"),
                                       runStats});

} // namespace
} // namespace tc::cli
