#pragma once

#include <QString>

namespace tc::core {

// Every reader error names the file and the problem, in one line: "<path>: <problem>".
inline QString fileError(const QString &path, const QString &problem)
{
    return QStringLiteral("%1: %2").arg(path, problem);
}

} // namespace tc::core
