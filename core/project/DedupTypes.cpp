#include "core/project/DedupTypes.h"

#include <algorithm>
#include <cmath>

// The spelling of the duplicate search's enums (CLI, CSV, meta values) and DedupSettings' own rules.
namespace tc::core {

QString roleName(ReferenceRole role)
{
    return role == ReferenceRole::Avoid ? QStringLiteral("avoid") : QStringLiteral("exclude");
}

std::optional<ReferenceRole> roleFromName(const QString &name)
{
    if (name == QLatin1String("exclude"))
        return ReferenceRole::Exclude;
    if (name == QLatin1String("avoid"))
        return ReferenceRole::Avoid;
    return std::nullopt;
}

QString pairStatusName(PairStatus status)
{
    switch (status) {
    case PairStatus::Duplicate:
        return QStringLiteral("duplicate");
    case PairStatus::Distinct:
        return QStringLiteral("distinct");
    case PairStatus::Unreviewed:
        break;
    }
    return QStringLiteral("unreviewed");
}

std::optional<PairStatus> pairStatusFromName(const QString &name)
{
    for (PairStatus s : {PairStatus::Unreviewed, PairStatus::Duplicate, PairStatus::Distinct})
        if (pairStatusName(s) == name)
            return s;
    return std::nullopt;
}

QString ssimWindowName(SsimWindow window)
{
    return window == SsimWindow::Gaussian11 ? QStringLiteral("gaussian") : QStringLiteral("uniform");
}

std::optional<SsimWindow> ssimWindowFromName(const QString &name)
{
    if (name == QLatin1String("uniform"))
        return SsimWindow::Uniform7;
    if (name == QLatin1String("gaussian"))
        return SsimWindow::Gaussian11;
    return std::nullopt;
}

double DedupSettings::transformL2Guarantee() const
{
    return transforms == TransformSet::None ? 0.0 : std::max(kProtocolL2, l2Threshold);
}

QString DedupSettings::searchMode() const
{
    // The plain protocol keeps the string of the versions before transforms, so its stored pairs stay current.
    // With transforms, `transform_search` names the revision of how the stage picks the pairs it scores:
    // 2 (2026-12-07) re-ranks over shifted variants and adds the proven L2 guarantee (ShiftL2Bound); pairs
    // stored by revision 1 missed ~0.4-1 % of flagged pairs, so a project searched by it is stale (export
    // says so; dedup measures again). `l2_guarantee` appears only above the protocol's 1000, so projects
    // searched at the default threshold keep their mode.
    QString mode = QStringLiteral("window=%1;exhaustive=%2;top_k=%3")
                       .arg(ssimWindowName(window))
                       .arg(exhaustive ? 1 : 0)
                       .arg(topK);
    if (transforms == TransformSet::None)
        return mode;
    mode += QStringLiteral(";transforms=%1;transform_search=%2").arg(transformSetName(transforms)).arg(2);
    if (const double guarantee = transformL2Guarantee(); guarantee > kProtocolL2)
        mode += QStringLiteral(";l2_guarantee=%1").arg(QString::number(guarantee, 'g', 10));
    return mode;
}

double DedupSettings::transformL2GuaranteeOf(const QString &mode)
{
    if (!mode.contains(QLatin1String(";transforms=")))
        return 0.0;
    static const QString key = QStringLiteral(";l2_guarantee=");
    const qsizetype at = mode.indexOf(key);
    if (at < 0)
        return kProtocolL2;
    bool ok = false;
    const double value = QStringView(mode).mid(at + key.size()).split(u';').first().toDouble(&ok);
    return ok ? value : kProtocolL2;
}

bool DedupSettings::differsOnlyInGuarantee(const QString &mode) const
{
    DedupSettings asStored = *this;
    asStored.l2Threshold = transformL2GuaranteeOf(mode);
    return asStored.searchMode() == mode;
}

bool DedupSettings::isServedBy(const QString &mode) const
{
    return mode == searchMode() ||
           (transformL2GuaranteeOf(mode) > transformL2Guarantee() && differsOnlyInGuarantee(mode));
}

QString DedupSettings::validate() const
{
    // Comparisons written so that NaN fails them.
    if (!(ssimThreshold >= -1.0 && ssimThreshold <= 1.0))
        return QStringLiteral("--ssim-threshold must be a number in [-1, 1] (SSIM's range), got %1").arg(ssimThreshold);
    if (!(l2Threshold >= 0.0 && std::isfinite(l2Threshold)))
        return QStringLiteral("--l2-threshold must be a number >= 0 (a distance), got %1").arg(l2Threshold);
    if (topK < 1)
        return QStringLiteral("--top-k must be a whole number >= 1, got %1").arg(topK);
    return {};
}

} // namespace tc::core
