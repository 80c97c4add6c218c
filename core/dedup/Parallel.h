#pragma once

#include <QtGlobal>
#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

namespace tc::core {

// Number of worker threads to use: requested, or every core when 0.
inline int workerCount(int requested)
{
    if (requested > 0)
        return requested;
    return std::max(1, int(std::thread::hardware_concurrency()));
}

// Calls body(begin, end) over [0, count) in chunks of `grain`, on `threads` threads that take the
// next chunk when done (chunks differ in cost: shortlists vary, fallbacks happen). Returns early
// without starting new chunks once stop() is true; body runs on the calling thread too.
template <typename Body, typename Stop>
void parallelChunks(qsizetype count, qsizetype grain, int threads, Body body, Stop stop)
{
    grain = std::max<qsizetype>(1, grain);
    std::atomic<qsizetype> next{0};
    auto work = [&] {
        for (;;) {
            if (stop())
                return;
            const qsizetype begin = next.fetch_add(grain);
            if (begin >= count)
                return;
            body(begin, std::min(count, begin + grain));
        }
    };
    const int extra = std::min<qsizetype>(threads, (count + grain - 1) / grain) - 1;
    std::vector<std::thread> pool;
    for (int t = 0; t < extra; ++t)
        pool.emplace_back(work);
    work();
    for (auto &t : pool)
        t.join();
}

template <typename Body> void parallelChunks(qsizetype count, qsizetype grain, int threads, Body body)
{
    parallelChunks(count, grain, threads, body, [] { return false; });
}

} // namespace tc::core
