#include "core/common/PairTransform.h"

#include "core/common/ImageSet.h"

#include <QCoreApplication>
#include <QStringList>
#include <cstdlib>

namespace tc::core {

int PairTransform::width() const
{
    return kImageSide - std::abs(dx);
}

int PairTransform::height() const
{
    return kImageSide - std::abs(dy);
}

QString PairTransform::describe() const
{
    // No plural forms: "px" does not inflect, and a lambda hides the count from lupdate, which then
    // writes a single-form entry that a plural lookup (n >= 2 in German) never finds.
    const auto tr = [](const char *text) { return QCoreApplication::translate("tc::core::PairTransform", text); };
    if (isIdentity())
        return tr("same alignment");
    QString horizontal, vertical;
    if (dx != 0)
        horizontal = dx > 0 ? tr("%1 px right").arg(dx) : tr("%1 px left").arg(-dx);
    if (dy != 0)
        vertical = dy > 0 ? tr("%1 px down").arg(dy) : tr("%1 px up").arg(-dy);
    QString shift;
    if (!horizontal.isEmpty() && !vertical.isEmpty())
        shift = tr("shifted %1 and %2").arg(horizontal, vertical);
    else if (!horizontal.isEmpty() || !vertical.isEmpty())
        shift = tr("shifted %1").arg(horizontal + vertical);
    if (!mirrored)
        return shift;
    return shift.isEmpty() ? tr("mirrored") : tr("mirrored, %1").arg(shift);
}

QString PairTransform::code() const
{
    QStringList parts;
    if (mirrored)
        parts << QStringLiteral("mirror");
    if (dx != 0)
        parts << QStringLiteral("dx=%1").arg(dx);
    if (dy != 0)
        parts << QStringLiteral("dy=%1").arg(dy);
    return parts.isEmpty() ? QStringLiteral("none") : parts.join(u',');
}

std::optional<PairTransform> PairTransform::fromCode(const QString &code)
{
    PairTransform t;
    if (code == QLatin1String("none"))
        return t;
    for (const QString &part : code.split(u',')) {
        bool ok = true;
        if (part == QLatin1String("mirror") && !t.mirrored)
            t.mirrored = true;
        else if (part.startsWith(QLatin1String("dx=")) && t.dx == 0)
            t.dx = part.mid(3).toInt(&ok);
        else if (part.startsWith(QLatin1String("dy=")) && t.dy == 0)
            t.dy = part.mid(3).toInt(&ok);
        else
            return std::nullopt;
        if (!ok || std::abs(t.dx) > kMaxShift || std::abs(t.dy) > kMaxShift)
            return std::nullopt;
    }
    return t;
}

QString transformSetName(TransformSet set)
{
    return set == TransformSet::None ? QStringLiteral("none") : QStringLiteral("shift-flip");
}

std::optional<TransformSet> transformSetFromName(const QString &name)
{
    if (name == QLatin1String("none"))
        return TransformSet::None;
    if (name == QLatin1String("shift-flip"))
        return TransformSet::ShiftFlip;
    return std::nullopt;
}

const std::array<PairTransform, kShiftFlipTransforms> &shiftFlipTransforms()
{
    static const auto all = [] {
        std::array<PairTransform, kShiftFlipTransforms> out{};
        int i = 0;
        out[i++] = PairTransform{};
        for (int m = 0; m < 2; ++m)
            for (int dy = -PairTransform::kMaxShift; dy <= PairTransform::kMaxShift; ++dy)
                for (int dx = -PairTransform::kMaxShift; dx <= PairTransform::kMaxShift; ++dx)
                    if (m || dx || dy)
                        out[i++] = PairTransform{dx, dy, m == 1};
        return out;
    }();
    return all;
}

} // namespace tc::core
