#pragma once

#include <QtGlobal>
#include <atomic>
#include <functional>
#include <memory>
#include <mutex>

namespace tc::core {

// How long-running core work reports progress and learns it should stop, without knowing whether
// a CLI prints the figures or a QFutureWatcher drives a progress bar (see fromPromise()).
// Both callbacks may be empty. Calls come from worker threads, often several at once (the engine's
// parallel loops report per chunk): report() runs its callback for one caller at a time, so a
// callback that writes to a stream or a progress bar needs no lock of its own. isCancelled() is not
// serialised: its callback must be safe to call from any thread (an atomic, QPromise::isCanceled).
class Progress final {
public:
    using ReportFn = std::function<void(qint64 done, qint64 total)>;
    using CancelFn = std::function<bool()>;

    Progress() = default;
    Progress(ReportFn report, CancelFn cancelled)
        : m_report(std::move(report)), m_cancelled(std::move(cancelled)), m_lock(std::make_shared<std::mutex>())
    {}

    void report(qint64 done, qint64 total) const
    {
        if (!m_report)
            return;
        const std::lock_guard guard(*m_lock);
        m_report(done, total);
    }
    bool isCancelled() const { return m_cancelled && m_cancelled(); }

    // Adapts a QPromise (QtConcurrent::run with a promise argument) to a Progress.
    template <typename Promise> static Progress fromPromise(Promise &promise)
    {
        return Progress(
            [&promise](qint64 done, qint64 total) {
                // QFuture progress is int; scale so 64-bit totals still map onto the range.
                const qint64 scale = total > 1000000 ? total / 1000000 : 1;
                promise.setProgressRange(0, int(total / scale));
                promise.setProgressValue(int(done / scale));
            },
            [&promise] { return promise.isCanceled(); });
    }

private:
    ReportFn m_report;
    CancelFn m_cancelled;
    std::shared_ptr<std::mutex> m_lock; // shared by copies: they report to the same callback
};

} // namespace tc::core
