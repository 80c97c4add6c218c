// tc_bench_readers: Tiny Images reader at a size where O(log N) vs O(N) shows.
//   build-x/bench/tc_bench_readers [--benchmark_filter=Tiny] [--tiny_records=2097152]
// Generates once, in a temporary folder under /tmp (removed at exit):
//   tiny_metadata.bin  2^21 sorted 768-byte records (1.6 GB): 20,972 keywords x 100 records
//   tiny_images.bin    the matching 6.4 GB file, sparse except the first 2^18 records (805 MB of
//                      real pixel data), which the random-read benchmarks draw from.
// Baselines in the same run: a linear scan of the same metadata for the same keywords, and reads
// from the page cache vs reads after the file's pages were dropped (posix_fadvise DONTNEED).
#include "core/common/ImageSet.h"
#include "core/readers/TinyImages.h"

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <benchmark/benchmark.h>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <memory>
#include <random>
#include <string_view>
#include <unistd.h>
#include <vector>

using namespace tc::core;

namespace {

constexpr qint64 kRecordsPerKeyword = 100;
constexpr qint64 kImageRecordsWithData = qint64(1) << 18;
constexpr int kRandomReads = 100000;
qint64 g_records = qint64(1) << 21;

QByteArray keywordName(qint64 k)
{
    return "kw_" + QByteArray::number(k).rightJustified(7, '0');
}

QByteArray metadataRecord(const QByteArray &keyword, qint64 x)
{
    QByteArray rec(768, ' ');
    rec.replace(0, keyword.size(), keyword);
    const QByteArray file = keyword + "_s_" + QByteArray::number(x + 1).rightJustified(6, '0') + ".png";
    rec.replace(80, file.size(), file);
    rec.replace(175, 5, "32323");
    const QByteArray tail = QByteArray::number(x / 140 + 1).leftJustified(4) + "1   1   " +
                            QByteArray::number((x + 1) % 10000).leftJustified(4) + "-1";
    rec.replace(750, 18, tail);
    return rec;
}

// The generated world, built on first use and removed when the process exits.
struct World {
    QTemporaryDir dir{QDir::tempPath() + QStringLiteral("/tc-bench-tiny-XXXXXX")};
    TinyImages tiny;
    const uchar *meta = nullptr;
    QFile metaFile;
    qint64 keywords = 0;

    QString path(const char *name) const { return dir.filePath(QString::fromLatin1(name)); }
    bool generate();
    void dropImagesFromPageCache() const;
};

bool World::generate()
{
    QFile m(path("tiny_metadata.bin")), im(path("tiny_images.bin"));
    if (!m.open(QIODevice::WriteOnly) || !im.open(QIODevice::WriteOnly))
        return false;
    keywords = (g_records + kRecordsPerKeyword - 1) / kRecordsPerKeyword;
    QByteArray chunk;
    for (qint64 i = 0; i < g_records; ++i) {
        chunk += metadataRecord(keywordName(i / kRecordsPerKeyword), i % kRecordsPerKeyword);
        if (chunk.size() >= (8 << 20) || i + 1 == g_records) {
            m.write(chunk);
            chunk.clear();
        }
    }
    std::mt19937_64 rng(42);
    QByteArray pixels(1 << 20, '\0');
    for (qint64 written = 0; written < std::min(g_records, kImageRecordsWithData) * 3072; written += pixels.size()) {
        for (qsizetype j = 0; j < pixels.size(); j += 8) {
            const quint64 v = rng();
            std::memcpy(pixels.data() + j, &v, 8);
        }
        im.write(pixels.left(int(std::min<qint64>(pixels.size(), kImageRecordsWithData * 3072 - written))));
    }
    if (!im.resize(g_records * 3072))
        return false;
    m.close();
    im.close();
    tiny.setIndexCacheDir(path("cache"));
    if (!tiny.open(dir.path())) {
        std::fprintf(stderr, "%s\n", qPrintable(tiny.errorString()));
        return false;
    }
    metaFile.setFileName(path("tiny_metadata.bin"));
    meta = metaFile.open(QIODevice::ReadOnly) ? metaFile.map(0, metaFile.size()) : nullptr;
    return meta != nullptr;
}

// Clean pages of a file can be dropped by anyone: the next read then goes to the disk.
void World::dropImagesFromPageCache() const
{
    const int fd = ::open(QFile::encodeName(path("tiny_images.bin")).constData(), O_RDONLY);
    if (fd >= 0) {
        ::fdatasync(fd);
        ::posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
        ::close(fd);
    }
}

World *world()
{
    static std::unique_ptr<World> w;
    if (!w) {
        w = std::make_unique<World>();
        if (!w->dir.isValid() || !w->generate()) {
            std::fprintf(stderr, "could not generate the benchmark files under %s\n", qPrintable(QDir::tempPath()));
            std::exit(1);
        }
    }
    return w.get();
}

std::vector<QString> lookupKeywords(qint64 keywords, int n)
{
    std::mt19937_64 rng(7);
    std::vector<QString> out;
    for (int i = 0; i < n; ++i) // one in ten is absent, sorting between two present keywords
        out.push_back(QString::fromLatin1(keywordName(qint64(rng() % quint64(keywords))) + (i % 10 == 9 ? "x" : "")));
    return out;
}

// The baseline: what finding a keyword costs without the sort order, the same trimmed comparison
// on every record.
KeywordRange linearScan(const uchar *meta, qint64 count, const QByteArray &key)
{
    KeywordRange r;
    bool found = false;
    const std::string_view k(key.constData(), size_t(key.size()));
    for (qint64 i = 0; i < count; ++i) {
        const char *p = reinterpret_cast<const char *>(meta + i * 768);
        qsizetype n = 80;
        while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\0'))
            --n;
        if (std::string_view(p, size_t(n)) != k)
            continue;
        if (!found)
            r.begin = i;
        found = true;
        r.end = i + 1;
    }
    return r;
}

void BM_TinyKeywordRange_BinarySearch(benchmark::State &state)
{
    World *w = world();
    const auto keys = lookupKeywords(w->keywords, 1000);
    size_t i = 0;
    qint64 found = 0;
    for (auto _ : state) {
        const KeywordRange r = w->tiny.keywordRange(keys[i++ % keys.size()]);
        found += r.size();
        benchmark::DoNotOptimize(r);
    }
    state.counters["records"] = double(w->tiny.count());
    state.counters["found_per_lookup"] = double(found) / double(state.iterations());
}
BENCHMARK(BM_TinyKeywordRange_BinarySearch);

void BM_TinyKeywordRange_LinearScan(benchmark::State &state)
{
    World *w = world();
    const auto keys = lookupKeywords(w->keywords, 1000);
    size_t i = 0;
    for (auto _ : state) {
        const KeywordRange r = linearScan(w->meta, w->tiny.count(), keys[i++ % keys.size()].toLatin1());
        benchmark::DoNotOptimize(r);
    }
    state.SetBytesProcessed(state.iterations() * w->tiny.count() * 768);
}
BENCHMARK(BM_TinyKeywordRange_LinearScan)->Unit(benchmark::kMillisecond)->Iterations(10);

// The answers must agree, or the speed-up means nothing.
void BM_TinyKeywordRange_Agreement(benchmark::State &state)
{
    World *w = world();
    const auto keys = lookupKeywords(w->keywords, 3);
    for (auto _ : state)
        for (const QString &k : keys)
            if (!(w->tiny.keywordRange(k) == linearScan(w->meta, w->tiny.count(), k.toLatin1())))
                state.SkipWithError("binary search and linear scan disagree");
}
BENCHMARK(BM_TinyKeywordRange_Agreement)->Unit(benchmark::kMillisecond)->Iterations(1);

void randomReads(benchmark::State &state, bool cold)
{
    World *w = world();
    std::mt19937_64 rng(1);
    std::vector<qint64> indices(kRandomReads);
    const qint64 pool = std::min(w->tiny.count(), kImageRecordsWithData);
    std::vector<std::uint8_t> image(kImageBytes);
    quint64 checksum = 0;
    for (auto _ : state) {
        state.PauseTiming();
        for (auto &i : indices)
            i = qint64(rng() % quint64(pool));
        if (cold) {
            w->tiny.close(); // mapped pages stay resident; unmap so the kernel can drop them
            w->dropImagesFromPageCache();
            w->tiny.open(w->dir.path());
        }
        state.ResumeTiming();
        for (qint64 i : indices) {
            w->tiny.readImage(i, image.data());
            checksum += image[1537];
        }
    }
    benchmark::DoNotOptimize(checksum);
    state.SetBytesProcessed(state.iterations() * kRandomReads * kImageBytes);
    state.SetItemsProcessed(state.iterations() * kRandomReads);
}

void BM_TinyRandomReads100k_PageCache(benchmark::State &state)
{
    randomReads(state, false);
}
BENCHMARK(BM_TinyRandomReads100k_PageCache)->Unit(benchmark::kMillisecond)->Iterations(5)->UseRealTime();

void BM_TinyRandomReads100k_Cold(benchmark::State &state)
{
    randomReads(state, true);
}
BENCHMARK(BM_TinyRandomReads100k_Cold)->Unit(benchmark::kMillisecond)->Iterations(3)->UseRealTime();

// The import pattern: whole keyword ranges, read in batches.
void BM_TinyBatchedReads(benchmark::State &state)
{
    World *w = world();
    const qint64 n = std::min(w->tiny.count(), kImageRecordsWithData);
    std::vector<std::uint8_t> batch(size_t(kRecordsPerKeyword) * kImageBytes);
    for (auto _ : state)
        for (qint64 first = 0; first + kRecordsPerKeyword <= n; first += kRecordsPerKeyword)
            benchmark::DoNotOptimize(w->tiny.readImages(first, kRecordsPerKeyword, batch.data()));
    state.SetBytesProcessed(state.iterations() * (n / kRecordsPerKeyword) * kRecordsPerKeyword * kImageBytes);
    state.SetItemsProcessed(state.iterations() * (n / kRecordsPerKeyword) * kRecordsPerKeyword);
}
BENCHMARK(BM_TinyBatchedReads)->Unit(benchmark::kMillisecond)->Iterations(5)->UseRealTime();

// open(): map both files and sample the sort order (no pass over the data).
void BM_TinyOpen(benchmark::State &state)
{
    World *w = world();
    for (auto _ : state) {
        TinyImages t;
        t.setIndexCacheDir(w->path("cache-open"));
        benchmark::DoNotOptimize(t.open(w->dir.path()));
    }
}
BENCHMARK(BM_TinyOpen)->Unit(benchmark::kMicrosecond);

// The one sequential pass an unsorted file needs (also what distinctKeywordCount() costs).
void BM_TinyKeywordIndexPass(benchmark::State &state)
{
    World *w = world();
    TinyImages t;
    t.setIndexCacheDir(w->path("cache-pass"));
    t.open(w->dir.path());
    for (auto _ : state)
        benchmark::DoNotOptimize(t.buildKeywordIndex());
    state.SetBytesProcessed(state.iterations() * t.count() * 768);
}
BENCHMARK(BM_TinyKeywordIndexPass)->Unit(benchmark::kMillisecond)->Iterations(3)->UseRealTime();

} // namespace

int main(int argc, char **argv)
{
    // Our own flag first, so Google Benchmark does not reject it.
    std::vector<char *> args;
    for (int i = 0; i < argc; ++i) {
        if (std::strncmp(argv[i], "--tiny_records=", 15) == 0)
            g_records = std::max<qint64>(2, std::atoll(argv[i] + 15));
        else
            args.push_back(argv[i]);
    }
    int n = int(args.size());
    benchmark::Initialize(&n, args.data());
    if (benchmark::ReportUnrecognizedArguments(n, args.data()))
        return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
