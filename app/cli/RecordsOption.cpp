#include "RecordsOption.h"

namespace tc::cli {

namespace {
const QString kName = QStringLiteral("records");
}

QCommandLineOption RecordsOption::option(const QString &what)
{
    return {
        kName,
        QStringLiteral("%1 BEGIN:END (END exclusive; either side may be left out). Default: every record.").arg(what),
        QStringLiteral("range")};
}

bool RecordsOption::isSet(const QCommandLineParser &parser)
{
    return parser.isSet(kName);
}

bool RecordsOption::read(const QCommandLineParser &parser, qint64 count)
{
    m_range = {0, count};
    if (!parser.isSet(kName))
        return true;
    core::TinyRecordRangeParser rangeParser;
    const auto parsed = rangeParser.parse(parser.value(kName), count);
    if (!parsed) {
        m_error = rangeParser.errorString();
        return false;
    }
    m_range = *parsed;
    return true;
}

} // namespace tc::cli
