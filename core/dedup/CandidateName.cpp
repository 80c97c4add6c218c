#include "core/dedup/CandidateName.h"

namespace tc::core {

QString candidateName(qint64 tinyIndex, const QString &filename, qint64 candidateId)
{
    if (tinyIndex >= 0)
        return QStringLiteral("Tiny #%1").arg(tinyIndex);
    if (!filename.isEmpty())
        return filename;
    return QStringLiteral("candidate %1").arg(candidateId);
}

} // namespace tc::core
