#include "core/project/ProjectTypes.h"

namespace tc::core {

QString verdictName(Verdict verdict)
{
    switch (verdict) {
    case Verdict::Accept:
        return QStringLiteral("accept");
    case Verdict::Reject:
        return QStringLiteral("reject");
    case Verdict::Unsure:
        return QStringLiteral("unsure");
    case Verdict::None:
        break;
    }
    return {};
}

std::optional<Verdict> verdictFromName(const QString &name)
{
    const QString n = name.trimmed().toLower();
    if (n == u"accept" || n == u"accepted" || n == u"1" || n == u"y" || n == u"yes")
        return Verdict::Accept;
    if (n == u"reject" || n == u"rejected" || n == u"2" || n == u"n" || n == u"no")
        return Verdict::Reject;
    if (n == u"unsure" || n == u"3" || n == u"u" || n == u"?")
        return Verdict::Unsure;
    return std::nullopt;
}

QString annotatorNameProblem(const QString &name)
{
    if (name.trimmed().isEmpty())
        return QStringLiteral("annotator name is empty");
    if (name != name.trimmed())
        return QStringLiteral("annotator name '%1' has leading or trailing spaces").arg(name);
    if (name.size() > 200)
        return QStringLiteral("annotator name is longer than 200 characters");
    if (name.contains(QChar::ReplacementCharacter))
        return QStringLiteral("annotator name '%1' is not valid UTF-8 (U+FFFD marks bytes that were not)").arg(name);
    for (const QChar ch : name)
        if (ch.category() == QChar::Other_Control || ch == QChar::LineSeparator || ch == QChar::ParagraphSeparator)
            return QStringLiteral("annotator name contains a control character (U+%1)")
                .arg(QString::number(ch.unicode(), 16).toUpper().rightJustified(4, QLatin1Char('0')));
    return {};
}

} // namespace tc::core
