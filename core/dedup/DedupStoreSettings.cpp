#include "core/dedup/DedupStore.h"
#include "core/project/Database.h"
#include "core/project/Statement.h"

#include <cmath>

// DedupStore's settings (meta keys) and the state of the stored search: what a run saves when it
// completes and what export checks before it trusts the stored pairs.
namespace tc::core {

QString DedupSettings::searchMode() const
{
    // The plain protocol keeps the string of the versions before transforms, so its stored pairs stay current.
    return QStringLiteral("window=%1;exhaustive=%2;top_k=%3")
               .arg(ssimWindowName(window))
               .arg(exhaustive ? 1 : 0)
               .arg(topK) +
           (transforms == TransformSet::None ? QString()
                                             : QStringLiteral(";transforms=%1").arg(transformSetName(transforms)));
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

DedupSettings DedupStore::settings()
{
    DedupSettings s;
    Statement q(m_db, QStringLiteral("SELECT key, value FROM meta WHERE key IN ('ssim_threshold', 'l2_threshold', "
                                     "'top_k', 'ssim_exhaustive', 'ssim_window', "
                                     "'dedup_transforms')"));
    while (q.next()) {
        const QString key = q.text(0), value = q.text(1);
        if (key == QLatin1String("ssim_threshold"))
            s.ssimThreshold = value.toDouble();
        else if (key == QLatin1String("l2_threshold"))
            s.l2Threshold = value.toDouble();
        else if (key == QLatin1String("top_k"))
            s.topK = std::max(1, value.toInt());
        else if (key == QLatin1String("ssim_exhaustive"))
            s.exhaustive = value == QLatin1String("1");
        else if (key == QLatin1String("dedup_transforms"))
            s.transforms = transformSetFromName(value).value_or(TransformSet::ShiftFlip);
        else
            s.window = ssimWindowFromName(value).value_or(SsimWindow::Uniform7);
    }
    return s;
}

bool DedupStore::setSettings(const DedupSettings &s)
{
    if (const QString bad = s.validate(); !bad.isEmpty())
        return fail(QStringLiteral("%1: %2").arg(m_db.fileName(), bad));
    Statement q(m_db, QStringLiteral("INSERT OR REPLACE INTO meta(key, value) VALUES(?, ?)"));
    const QList<QPair<QString, QString>> values = {
        {QStringLiteral("ssim_threshold"), QString::number(s.ssimThreshold)},
        {QStringLiteral("l2_threshold"), QString::number(s.l2Threshold)},
        {QStringLiteral("top_k"), QString::number(s.topK)},
        {QStringLiteral("ssim_exhaustive"), s.exhaustive ? "1" : "0"},
        {QStringLiteral("ssim_window"), ssimWindowName(s.window)},
        {QStringLiteral("dedup_transforms"), transformSetName(s.transforms)}};
    for (const auto &[key, value] : values) {
        q.reset();
        if (!q.bind(1, key).bind(2, value).exec())
            return fail(q.errorString());
    }
    return true;
}

DedupSearchState DedupStore::searchState()
{
    DedupSearchState state;
    state.settings = settings();
    Statement meta(m_db, QStringLiteral("SELECT key, value FROM meta WHERE key IN ('dedup_search_mode', "
                                        "'dedup_completed_at')"));
    while (meta.next())
        (meta.text(0) == QLatin1String("dedup_search_mode") ? state.mode : state.completedAt) = meta.text(1);
    state.candidates = m_db.queryInt(QStringLiteral("SELECT COUNT(*) FROM candidates"));
    const QList<ReferenceSetInfo> sets = referenceSets();
    state.referenceSets = int(sets.size());
    if (sets.isEmpty() || state.candidates == 0)
        return state; // nothing to compare
    // Thresholds saved by an older version without the check would silently flag nothing.
    if (const QString bad = state.settings.validate(); !bad.isEmpty())
        state.problems << QStringLiteral("the project's duplicate settings are invalid (%1)").arg(bad);
    Statement done(m_db, QStringLiteral("SELECT max_candidate_id FROM dedup_progress WHERE set_id = ?"));
    Statement added(m_db, QStringLiteral("SELECT COUNT(*) FROM candidates WHERE id > ?"));
    bool anySearched = false;
    for (const ReferenceSetInfo &set : sets) {
        done.reset();
        done.bind(1, set.id);
        if (!done.next()) {
            state.problems << QStringLiteral("reference set \"%1\" was never searched").arg(set.name);
            continue;
        }
        anySearched = true;
        added.reset();
        added.bind(1, done.int64(0));
        if (const qint64 n = added.next() ? added.int64(0) : 0; n > 0)
            state.problems << QStringLiteral("%1 candidate(s) were added since reference set \"%2\" was searched")
                                  .arg(n)
                                  .arg(set.name);
    }
    if (anySearched && state.mode.isEmpty())
        state.problems << QStringLiteral("the stored pairs were measured by an older version that did not record the "
                                         "search mode");
    else if (anySearched && state.mode != state.settings.searchMode())
        state.problems << QStringLiteral("the search options (%1) differ from those of the stored pairs (%2)")
                              .arg(state.settings.searchMode(), state.mode);
    state.current = state.problems.isEmpty();
    return state;
}

} // namespace tc::core
