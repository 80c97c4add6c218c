#include "core/export/ExportSettings.h"

#include <cmath>

namespace tc::core {

QString ExportSettings::validate(bool needOutput) const
{
    if (perClass != kProjectTarget && (perClass < 1 || perClass > kMaxPerClass))
        return QStringLiteral("per-class target must be 1..%1, got %2").arg(kMaxPerClass).arg(perClass);
    if (!(testFraction > 0.0 && testFraction < 1.0))
        return QStringLiteral("test fraction must be between 0 and 1 (exclusive: neither the train nor the test "
                              "split may be empty), got %1")
            .arg(testFraction);
    if (formats.isEmpty())
        return QStringLiteral("no output format chosen (one or more of %1)").arg(kAllFormats.join(u','));
    for (const auto &f : formats)
        if (!kAllFormats.contains(f))
            return QStringLiteral("unknown format '%1' (known: %2)").arg(f, kAllFormats.join(u','));
    if (trainBatches < 1 || trainBatches > 100)
        return QStringLiteral("train batches must be 1..100, got %1").arg(trainBatches);
    if (needOutput && outputDir.trimmed().isEmpty())
        return QStringLiteral("no output folder given");
    return {};
}

int ExportSettings::testCount(int selected) const
{
    return int(std::llround(selected * testFraction));
}

} // namespace tc::core
