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

} // namespace tc::core
