#pragma once

#include <QString>

namespace tc::core {
QString toolVersion();  // "TinyCurator x.y.z", for exports' README and provenance
}
