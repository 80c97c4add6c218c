#include "core/project/SqlLiterals.h"

namespace tc::core {

QString sqlLiteral(Verdict verdict)
{
    return QString::number(int(verdict));
}

QString sqlLiteral(PairStatus status)
{
    return QString::number(int(status));
}

QString sqlLiteral(ReferenceRole role)
{
    // roleName() is the stored spelling; quoted as an SQL string literal (the names hold no quote).
    return QLatin1Char('\'') + roleName(role) + QLatin1Char('\'');
}

QString sqlEffectiveDecision()
{
    return QStringLiteral(" verdict <> ") + sqlLiteral(Verdict::None) +
           QStringLiteral(" AND NOT EXISTS (SELECT 1 FROM decisions u WHERE u.undoes = decisions.id) ");
}

} // namespace tc::core
