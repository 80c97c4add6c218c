// Progress::report from many threads at once, as the engine's parallel loops call it: the callback
// never runs twice at the same time (a CLI's callback writes to one QTextStream; two writers at once
// corrupted its buffer: "double free or corruption" in `dedup`, 1 run in 20), copies share the lock,
// and every report arrives.
#include "core/common/Progress.h"

#include <QTest>
#include <thread>
#include <vector>

using namespace tc::core;

class TestProgress final : public QObject {
    Q_OBJECT
private slots:
    void reportsAreSerialised()
    {
        std::atomic<int> inside{0};
        std::atomic<bool> overlapped{false};
        qint64 calls = 0; // plain on purpose: only safe if the callback runs alone
        const Progress progress(
            [&](qint64, qint64) {
                if (inside.fetch_add(1) != 0)
                    overlapped = true;
                ++calls;
                std::this_thread::yield(); // widen the window another caller could enter in
                inside.fetch_sub(1);
            },
            {});
        const Progress copy = progress; // a stage's copy reports to the same callback
        constexpr int kThreads = 4, kReports = 2000;
        std::vector<std::thread> threads;
        for (int t = 0; t < kThreads; ++t)
            threads.emplace_back([&, t] {
                for (int i = 0; i < kReports; ++i)
                    (t % 2 ? copy : progress).report(i, kReports);
            });
        for (auto &thread : threads)
            thread.join();
        QVERIFY(!overlapped);
        QCOMPARE(calls, qint64(kThreads) * kReports);
    }

    void emptyCallbacksAreFine()
    {
        const Progress none;
        none.report(1, 2);
        QVERIFY(!none.isCancelled());
        const Progress onlyCancel({}, [] { return true; });
        onlyCancel.report(1, 2);
        QVERIFY(onlyCancel.isCancelled());
    }
};

QTEST_MAIN(TestProgress)
#include "TestProgress.moc"
