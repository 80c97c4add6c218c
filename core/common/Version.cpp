#include "core/common/Version.h"

namespace tc::core {
QString toolVersion() { return QStringLiteral("TinyCurator %1").arg(QStringLiteral(TC_VERSION)); }
}
