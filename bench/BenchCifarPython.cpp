// Loading 60,000 images from CIFAR python batches (6 x 10,000):
//   build-x/bench/bench_cifar_python
// Generates once under /tmp (removed at exit), with /usr/bin/python3 + numpy:
//   py2/   data_batch_1..6 as the original CIFAR-10 download (protocol 2, Python 2 str opcodes)
//   py3p4/ the same dicts as Python 3 pickle.dump(protocol=4) writes them (bytes keys, FRAME)
// Baseline in the same run: Python's own pickle.load of the same files (C unpickler, numpy
// arrays), with and without the transpose to HWC that our reader also performs; Python times
// itself so interpreter start-up is not counted.
#include "core/readers/CifarPythonReader.h"

#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QTemporaryDir>
#include <benchmark/benchmark.h>
#include <memory>

using namespace tc::core;

namespace {

constexpr char kMakeBatches[] = R"PY(
import pickle, sys, os, numpy as np
class Py2Pickler(pickle._Pickler):
    def save_bytes(self, obj):
        n = len(obj)
        self.write((pickle.SHORT_BINSTRING + bytes([n]) if n < 256 else pickle.BINSTRING + n.to_bytes(4, 'little')) + obj)
        self.memoize(obj)
    dispatch = dict(pickle._Pickler.dispatch)
    dispatch[bytes] = save_bytes
out = sys.argv[1]
rng = np.random.default_rng(1)
for style in ('py2', 'py3p4'):
    os.makedirs(os.path.join(out, style))
for b in range(1, 7):
    labels = [int(x) for x in rng.integers(0, 10, 10000)]
    obj = {b'batch_label': b'training batch %d of 6' % b, b'labels': labels,
           b'data': rng.integers(0, 256, (10000, 3072), dtype=np.uint8),
           b'filenames': [b'img_%06d.png' % (b * 10000 + i) for i in range(10000)]}
    with open(os.path.join(out, 'py2', 'data_batch_%d' % b), 'wb') as f:
        Py2Pickler(f, protocol=2).dump(obj)
    with open(os.path.join(out, 'py3p4', 'data_batch_%d' % b), 'wb') as f:
        pickle.dump(obj, f, protocol=4)
)PY";

constexpr char kPythonLoad[] = R"PY(
import pickle, sys, os, time, numpy as np
d, hwc = sys.argv[1], sys.argv[2] == '1'
files = [os.path.join(d, 'data_batch_%d' % b) for b in range(1, 7)]
t = time.perf_counter()
for p in files:
    with open(p, 'rb') as f:
        x = pickle.load(f, encoding='bytes')
    if hwc:
        np.ascontiguousarray(x[b'data'].reshape(-1, 3, 32, 32).transpose(0, 2, 3, 1))
print(time.perf_counter() - t)
)PY";

struct Batches {
    QTemporaryDir dir{QDir::tempPath() + QStringLiteral("/tc-bench-cifar-XXXXXX")};
    bool ok = false;
    QString path(const char *style) const { return dir.filePath(QString::fromLatin1(style)); }
    qint64 bytes(const char *style) const
    {
        qint64 total = 0;
        for (const auto &f : QDir(path(style)).entryInfoList(QDir::Files))
            total += f.size();
        return total;
    }
};

Batches &batches()
{
    static std::unique_ptr<Batches> b = [] {
        auto made = std::make_unique<Batches>();
        QProcess p;
        p.start(QStringLiteral("/usr/bin/python3"),
                {QStringLiteral("-c"), QString::fromLatin1(kMakeBatches), made->dir.path()});
        made->ok = p.waitForFinished(600000) && p.exitCode() == 0;
        return made;
    }();
    return *b;
}

void BM_CifarPythonLoad60k(benchmark::State &state, const char *style)
{
    const Batches &b = batches();
    if (!b.ok) {
        state.SkipWithError("could not generate batches with /usr/bin/python3 + numpy");
        return;
    }
    qint64 images = 0;
    for (auto _ : state) {
        CifarPythonReader reader;
        ImageSet set;
        if (!reader.read(b.path(style), set)) {
            state.SkipWithError(qPrintable(reader.errorString()));
            return;
        }
        images = set.count();
        benchmark::DoNotOptimize(set.pixels.data());
    }
    state.counters["images"] = double(images);
    state.SetBytesProcessed(state.iterations() * b.bytes(style));
}
BENCHMARK_CAPTURE(BM_CifarPythonLoad60k, py2, "py2")->Unit(benchmark::kMillisecond)->Iterations(5)->UseRealTime();
BENCHMARK_CAPTURE(BM_CifarPythonLoad60k, py3_protocol4, "py3p4")
    ->Unit(benchmark::kMillisecond)
    ->Iterations(5)
    ->UseRealTime();

// Baseline: Python's pickle.load of the same six files, timed by Python itself.
void BM_PythonPickleLoad60k(benchmark::State &state, const char *style, bool toHwc)
{
    const Batches &b = batches();
    if (!b.ok) {
        state.SkipWithError("could not generate batches with /usr/bin/python3 + numpy");
        return;
    }
    for (auto _ : state) {
        QProcess p;
        p.start(QStringLiteral("/usr/bin/python3"), {QStringLiteral("-c"), QString::fromLatin1(kPythonLoad),
                                                     b.path(style), toHwc ? QStringLiteral("1") : QStringLiteral("0")});
        bool ok = false;
        const double seconds = p.waitForFinished(600000) ? p.readAllStandardOutput().trimmed().toDouble(&ok) : 0;
        if (!ok) {
            state.SkipWithError("python baseline failed");
            return;
        }
        state.SetIterationTime(seconds);
    }
    state.SetBytesProcessed(state.iterations() * b.bytes(style));
}
BENCHMARK_CAPTURE(BM_PythonPickleLoad60k, py2, "py2", false)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(5)
    ->UseManualTime();
BENCHMARK_CAPTURE(BM_PythonPickleLoad60k, py2_with_hwc, "py2", true)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(5)
    ->UseManualTime();
BENCHMARK_CAPTURE(BM_PythonPickleLoad60k, py3_protocol4_with_hwc, "py3p4", true)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(5)
    ->UseManualTime();

} // namespace
