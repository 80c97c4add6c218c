#pragma once

#include "core/project/DedupTypes.h"

#include <QCoreApplication>
#include <QString>

namespace tc::core {

class Database;

// The duplicate search's settings in the project's meta table (ssim_threshold, l2_threshold, top_k,
// ssim_exhaustive, ssim_window) and the state of the stored search (dedup_search_mode,
// dedup_completed_at, dedup_progress): what a run saves when it completes and what export checks
// before it trusts the stored pairs. Works on a Database it does not own.
class DedupSettingsStore final {
    // The search problems are shown in the review pane, so they are translated where they are
    // worded; the CLI installs no translator and prints them in English.
    Q_DECLARE_TR_FUNCTIONS(tc::core::DedupSettingsStore)

public:
    explicit DedupSettingsStore(Database &db) : m_db(db) {}
    QString errorString() const { return m_error; }

    DedupSettings settings();
    // Refuses settings that fail DedupSettings::validate(), writing nothing.
    bool setSettings(const DedupSettings &settings);
    DedupSearchState searchState();

    // The mode the stored pairs were measured in (meta dedup_search_mode); empty: never recorded.
    QString storedSearchMode();
    // Whether any reference set was ever searched (a dedup_progress row exists).
    bool anySetSearched();
    // Records a completed run's mode and end time (ISO 8601 UTC). Part of the caller's transaction.
    bool setSearchCompleted(const QString &mode, const QString &completedAt);

private:
    bool fail(const QString &message);
    // Why the stored pairs, measured in `mode`, do not serve `settings`.
    static QString modeProblem(const DedupSettings &settings, const QString &mode);

    Database &m_db;
    QString m_error;
};

} // namespace tc::core
