#pragma once

#include <QtGlobal>

#include <atomic>
#include <functional>

namespace tc::core {

// How long-running core work reports progress and learns it should stop, without knowing whether
// a CLI prints the figures or a QFutureWatcher drives a progress bar (see fromPromise()).
// Both callbacks may be empty. Calls come from the worker thread.
class Progress final {
public:
    using ReportFn = std::function<void(qint64 done, qint64 total)>;
    using CancelFn = std::function<bool()>;

    Progress() = default;
    Progress(ReportFn report, CancelFn cancelled) : m_report(std::move(report)), m_cancelled(std::move(cancelled)) {}

    void report(qint64 done, qint64 total) const
    {
        if (m_report)
            m_report(done, total);
    }
    bool isCancelled() const { return m_cancelled && m_cancelled(); }

    // Adapts a QPromise (QtConcurrent::run with a promise argument) to a Progress.
    template <typename Promise>
    static Progress fromPromise(Promise &promise)
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
};

} // namespace tc::core
