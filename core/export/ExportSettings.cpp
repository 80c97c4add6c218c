#include "core/export/ExportSettings.h"

#include <cmath>
#include <limits>

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

std::optional<quint64> ExportSettings::parseSeed(QStringView text)
{
    const QStringView digits = text.trimmed();
    if (digits.isEmpty())
        return std::nullopt;
    quint64 value = 0;
    for (const QChar c : digits) {
        if (c < u'0' || c > u'9')
            return std::nullopt;
        const quint64 d = quint64(c.unicode() - u'0');
        if (value > (std::numeric_limits<quint64>::max() - d) / 10)
            return std::nullopt; // past 2^64 - 1
        value = value * 10 + d;
    }
    return value;
}

int ExportSettings::testCount(int selected) const
{
    return int(std::llround(selected * testFraction));
}

} // namespace tc::core
