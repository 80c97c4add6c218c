#pragma once

#include "core/common/Progress.h"

#include <QFutureWatcher>
#include <QObject>
#include <QString>
#include <functional>

namespace tc::ui {

// Runs one long core job (dedup pass, export) off the GUI thread with QtConcurrent::run and a QPromise,
// and turns its progress and end into signals a view binds to a progress bar and a cancel button.
class BackgroundTask final : public QObject {
    Q_OBJECT
public:
    // The job returns an error message, empty on success. It runs on a pool thread: it must open its own
    // database connection rather than use the GUI's.
    using Work = std::function<QString(const core::Progress &progress)>;

    explicit BackgroundTask(QObject *parent = nullptr);
    ~BackgroundTask() override;

    bool start(Work work);
    void cancel();
    bool isRunning() const;
    // Blocks until the job ends (tests; the GUI never waits).
    void waitForFinished();

signals:
    void started();
    void progressChanged(int value, int maximum);
    // cancelled is true when the user stopped the job; error is then empty.
    void finished(bool ok, bool cancelled, const QString &error);

private:
    void onFinished();

    QFutureWatcher<QString> m_watcher;
    int m_value = 0;   // the last progress value delivered
    int m_maximum = 0; // and range maximum (0: not known yet)
};

} // namespace tc::ui
