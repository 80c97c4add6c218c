#pragma once

#include <QObject>
#include <QString>
#include <QTimer>

namespace tc::core {

class Project;

// Notices what other connections commit to an open project (the CLI, another window, a worker
// thread's connection) and makes the Project emit its usual change signals, so counts, lists and
// statistics refresh without anyone re-opening it: decisionsChanged(the candidates that got new
// decisions) when decisions were added, contentsChanged() when anything else changed (an import,
// targets, settings, duplicate pairs).
//
// Cheap enough for a 1 s timer: PRAGMA data_version on the project's own connection says whether
// anything was committed by another connection since the last look (it never counts the project's
// own writes, which already emitted their signals); only then are the new decisions and a small
// fingerprint of the rest read.
class ProjectWatcher final : public QObject {
    Q_OBJECT
public:
    explicit ProjectWatcher(Project *project, QObject *parent = nullptr);

    // Polls every intervalMs (default 1000) while started.
    void start(int intervalMs = 1000);
    void stop();
    bool isActive() const { return m_timer.isActive(); }

    // One look (the timer calls it). True when other connections changed something since the last
    // look; the project's signals have been emitted then.
    bool poll();

signals:
    // After the project's own signals, when a look found changes made elsewhere (for what follows
    // neither signal, such as a status bar's counts).
    void changedElsewhere();

private:
    void rememberState();
    QString contentsFingerprint();

    Project *m_project;
    QTimer m_timer;
    QString m_file;
    qint64 m_dataVersion = -1;
    qint64 m_lastDecision = 0;
    QString m_fingerprint;
};

} // namespace tc::core
