#include "core/project/DedupSettingsStore.h"

#include "core/project/Database.h"
#include "core/project/ReferenceSets.h"
#include "core/project/Statement.h"

#include <utility>

namespace tc::core {

// The usual cause in the review pane: an L2 threshold raised above what the shift/flip search proved
// it found, which only a new search can serve.
QString DedupSettingsStore::modeProblem(const DedupSettings &settings, const QString &mode)
{
    const double stored = DedupSettings::transformL2GuaranteeOf(mode);
    if (stored > 0 && settings.transformL2Guarantee() > stored && settings.differsOnlyInGuarantee(mode))
        return tr("the L2 threshold %1 is above the L2 up to which the stored search found every shifted or mirrored "
                  "pair (%2); search again to flag pairs up to %1")
            .arg(settings.l2Threshold)
            .arg(stored);
    return tr("the search options (%1) differ from those of the stored pairs (%2)").arg(settings.searchMode(), mode);
}

bool DedupSettingsStore::fail(const QString &message)
{
    m_error = message;
    return false;
}

DedupSettings DedupSettingsStore::settings()
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

bool DedupSettingsStore::setSettings(const DedupSettings &s)
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

DedupSearchState DedupSettingsStore::searchState()
{
    DedupSearchState state;
    state.settings = settings();
    Statement meta(m_db, QStringLiteral("SELECT key, value FROM meta WHERE key IN ('dedup_search_mode', "
                                        "'dedup_completed_at')"));
    while (meta.next())
        (meta.text(0) == QLatin1String("dedup_search_mode") ? state.mode : state.completedAt) = meta.text(1);
    state.candidates = m_db.queryInt(QStringLiteral("SELECT COUNT(*) FROM candidates"));
    const QList<ReferenceSetInfo> sets = ReferenceSets(m_db).list();
    state.referenceSets = int(sets.size());
    if (sets.isEmpty() || state.candidates == 0)
        return state; // nothing to compare
    // Thresholds saved by an older version without the check would silently flag nothing.
    if (const QString bad = state.settings.validate(); !bad.isEmpty())
        state.problems << tr("the project's duplicate settings are invalid (%1)").arg(bad);
    Statement done(m_db, QStringLiteral("SELECT max_candidate_id FROM dedup_progress WHERE set_id = ?"));
    Statement added(m_db, QStringLiteral("SELECT COUNT(*) FROM candidates WHERE id > ?"));
    bool anySearched = false;
    for (const ReferenceSetInfo &set : sets) {
        done.reset();
        done.bind(1, set.id);
        if (!done.next()) {
            state.problems << tr("reference set \"%1\" was never searched").arg(set.name);
            continue;
        }
        anySearched = true;
        added.reset();
        added.bind(1, done.int64(0));
        if (const qint64 n = added.next() ? added.int64(0) : 0; n > 0)
            state.problems << tr("%n candidate(s) were added since reference set \"%1\" was searched", nullptr, int(n))
                                  .arg(set.name);
    }
    if (anySearched && state.mode.isEmpty())
        state.problems << tr("the stored pairs were measured by an older version that did not record the search "
                             "mode");
    else if (anySearched && !state.settings.isServedBy(state.mode))
        state.problems << modeProblem(state.settings, state.mode);
    state.current = state.problems.isEmpty();
    return state;
}

QString DedupSettingsStore::storedSearchMode()
{
    Statement q(m_db, QStringLiteral("SELECT value FROM meta WHERE key = 'dedup_search_mode'"));
    return q.next() ? q.text(0) : QString();
}

bool DedupSettingsStore::anySetSearched()
{
    return m_db.queryInt(QStringLiteral("SELECT EXISTS(SELECT 1 FROM dedup_progress)")) != 0;
}

bool DedupSettingsStore::setSearchCompleted(const QString &mode, const QString &completedAt)
{
    Statement meta(m_db, QStringLiteral("INSERT OR REPLACE INTO meta(key, value) VALUES(?, ?)"));
    for (const auto &[key, value] : {std::pair{QStringLiteral("dedup_search_mode"), mode},
                                     std::pair{QStringLiteral("dedup_completed_at"), completedAt}}) {
        meta.reset();
        if (!meta.bind(1, key).bind(2, value).exec())
            return fail(meta.errorString());
    }
    return true;
}

} // namespace tc::core
