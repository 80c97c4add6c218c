#include "ui/BackgroundTask.h"

#include <QPromise>
#include <QtConcurrent/QtConcurrentRun>

namespace tc::ui {

BackgroundTask::BackgroundTask(QObject *parent) : QObject(parent)
{
    // The watcher delivers range and value changes in the order the job made them; the future's live
    // value may already be ahead of a value still queued (and Qt resets it to the minimum with every
    // range), so a bar fed from it jumped back. Only what was delivered is shown.
    connect(&m_watcher, &QFutureWatcherBase::progressRangeChanged, this, [this](int, int maximum) {
        m_maximum = maximum;
        emit progressChanged(qMin(m_value, maximum), maximum);
    });
    connect(&m_watcher, &QFutureWatcherBase::progressValueChanged, this, [this](int value) {
        m_value = value;
        emit progressChanged(value, m_maximum);
    });
    connect(&m_watcher, &QFutureWatcherBase::finished, this, &BackgroundTask::onFinished);
}

BackgroundTask::~BackgroundTask()
{
    // The job may still reference objects its creator owns: stop it and wait rather than leave it running.
    if (isRunning()) {
        m_watcher.cancel();
        m_watcher.waitForFinished();
    }
}

bool BackgroundTask::start(Work work)
{
    if (isRunning())
        return false;
    m_value = 0;
    m_maximum = 0;
    m_watcher.setFuture(QtConcurrent::run([work = std::move(work)](QPromise<QString> &promise) {
        const core::Progress progress = core::Progress::fromPromise(promise);
        promise.addResult(work(progress));
    }));
    emit started();
    return true;
}

void BackgroundTask::cancel()
{
    m_watcher.cancel();
}
bool BackgroundTask::isRunning() const
{
    return m_watcher.isRunning();
}

void BackgroundTask::waitForFinished()
{
    m_watcher.waitForFinished();
}

void BackgroundTask::onFinished()
{
    const QFuture<QString> future = m_watcher.future();
    if (future.isCanceled() || future.resultCount() == 0) {
        emit finished(false, true, QString());
        return;
    }
    const QString error = future.result();
    emit finished(error.isEmpty(), false, error);
}

} // namespace tc::ui
