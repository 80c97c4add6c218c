#include "TinyLocator.h"

#include "core/common/ImageSet.h"
#include "core/dedup/BlockBound.h"
#include "core/dedup/ExactIndex.h"
#include "core/dedup/IntKernels.h"
#include "core/dedup/Parallel.h"

#include <algorithm>
#include <atomic>
#include <cstring>
#include <limits>
#include <memory>
#include <thread>

namespace tc::core {

namespace {

constexpr qint64 kRecordBytes = TinyImages::kImageRecordBytes;
// References one thread compares with a chunk at a time: its distance tile is kReferenceTile x chunk
// int32 (4 MB with the default chunk), so a tile's scan stays in cache.
constexpr qsizetype kReferenceTile = 128;
// A tile runs dense (every pair on the kernels) once the bound leaves more than this share of its
// pairs to measure: a pair measured alone costs about three times its share of the dense kernel.
constexpr double kDenseAbove = 0.25;
// Rows of a dense tile that still go through the bound each chunk, to notice when it prunes again.
constexpr qsizetype kDenseSample = 8;
// Records a tile bounds at a time. On the 4x4 kernels (no fused 8x8 scan), 1,024: the tile's
// distances (512 KB) stay in L2 for the scan that follows. With the fused scan nothing is written
// but lists, and every tile meets a block before the next block starts (compareChunk), so the
// references' features are fetched once per block: 2,048 halves that, and the block's 2x2 means
// and records (7.5 MB) still stay in the last-level cache (1,024 and 4,096 measured no better).
constexpr qsizetype kColumnBlock = 1024;
constexpr qsizetype kFusedColumnBlock = 2048;
// Records of the nearest-neighbour pass's first chunk (the chunks then double up to the option's).
constexpr qint64 kFirstChunk = 512;

// The stream read one chunk ahead: while a chunk is compared, a thread reads the next into a second
// buffer, so the two cores are not left to one while 24 MB are copied (the read was the passes'
// largest serial part). The stream is only ever used by one thread at a time.
class ReadAhead final {
public:
    ReadAhead(TinyRecordStream &stream, qint64 chunk)
        : m_stream(stream), m_current(bufferOf(chunk)), m_next(bufferOf(chunk))
    {}
    ~ReadAhead() { wait(); }
    // Starts reading up to `records` into the spare buffer.
    void start(qint64 records)
    {
        wait();
        m_reader = std::thread([this, records] { m_nextCount = m_stream.read(m_next.data(), records, &m_nextFirst); });
    }
    // The records start() asked for (0 at the end or on an error): they become current().
    qint64 take(qint64 *first)
    {
        wait();
        m_current.swap(m_next);
        *first = m_nextFirst;
        return m_nextCount;
    }
    const std::uint8_t *current() const { return m_current.data(); }

private:
    static std::vector<std::uint8_t> bufferOf(qint64 chunk)
    {
        return std::vector<std::uint8_t>(size_t(chunk * kRecordBytes));
    }
    void wait()
    {
        if (m_reader.joinable())
            m_reader.join();
    }
    TinyRecordStream &m_stream;
    std::vector<std::uint8_t> m_current, m_next;
    qint64 m_nextCount = 0, m_nextFirst = 0;
    std::thread m_reader;
};

// Keeps the k best matches of one reference, sorted; records arrive in increasing index order.
inline void offerMatch(TinyMatch *list, int &found, int k, TinyMatch m)
{
    if (found == k && !(m < list[k - 1]))
        return;
    int pos = std::min(found, k - 1);
    while (pos > 0 && m < list[pos - 1]) {
        list[pos] = list[pos - 1];
        --pos;
    }
    list[pos] = m;
    found = std::min(found + 1, k);
}

} // namespace

TinyLocator::TinyLocator(const std::uint8_t *references, qsizetype count, TinyLocateOptions options)
    : m_count(count), m_options(options)
{
    m_options.topK = std::clamp(m_options.topK, 1, TinyLocateOptions::kMaxTopK);
    m_options.chunkRecords = TinyRecordStream::chunkRecords(std::max<qint64>(1, m_options.chunkRecords));
    m_records.resize(size_t(count * kImageBytes));
    for (qsizetype i = 0; i < count; ++i)
        imageToTinyRecord(references + i * kImageBytes, m_records.data() + i * kImageBytes);
}

QString TinyLocator::kernelName()
{
    const IntKernels kernels = IntKernels::chosen();
    return kernels.isValid() ? kernels.name() : kernels.errorString();
}

std::span<const TinyMatch> TinyLocator::matchesOf(qsizetype reference) const
{
    const int k = m_options.topK;
    return std::span<const TinyMatch>(m_matches.data() + reference * k, size_t(m_found[size_t(reference)]));
}

bool TinyLocator::run(const QString &imagesPath, TinyRecordRange range, const Progress &progress)
{
    m_error.clear();
    m_cancelled = false;
    m_matches.assign(size_t(m_count * m_options.topK), TinyMatch{});
    m_found.assign(size_t(m_count), 0);
    m_exactlyLocated = 0;
    m_boundedPairs = m_narrowedPairs = m_refinedPairs = m_exactPairs = 0;
    TinyRecordStream stream;
    if (!stream.open(imagesPath, range)) {
        m_error = stream.errorString();
        return false;
    }
    const qint64 total = 2 * range.size();
    if (!hashPass(stream, progress, total))
        return false;
    if (m_exactlyLocated == m_count) {
        progress.report(range.size(), range.size());
        return true;
    }
    return stream.rewind() && nearestPass(stream, progress, range.size(), total);
}

bool TinyLocator::hashPass(TinyRecordStream &stream, const Progress &progress, qint64 total)
{
    const int k = m_options.topK;
    // "The same image" is ExactIndex's rule (hash, then every byte); both sides are in the Tiny
    // layout, and equal images are equal in any one layout.
    const ExactIndex index(m_records.data(), m_count, m_options.threads);
    const qint64 chunk = m_options.chunkRecords;
    ReadAhead reader(stream, chunk);
    qint64 first = 0, done = 0;
    reader.start(chunk);
    while (const qint64 n = reader.take(&first)) {
        if (progress.isCancelled()) {
            m_cancelled = true;
            m_error = QStringLiteral("cancelled");
            return false;
        }
        const std::uint8_t *buffer = reader.current();
        reader.start(chunk);
        std::vector<std::uint64_t> hashes(static_cast<size_t>(n));
        parallelChunks(n, 256, workerCount(m_options.threads), [&](qsizetype b, qsizetype e) {
            for (qsizetype j = b; j < e; ++j)
                hashes[size_t(j)] = ExactIndex::hash(buffer + j * kRecordBytes);
        });
        for (qint64 j = 0; j < n; ++j)
            index.forEachCopy(buffer + j * kRecordBytes, hashes[size_t(j)], [&](qsizetype r) {
                offerMatch(m_matches.data() + r * k, m_found[size_t(r)], k, {first + j, 0});
            });
        done += n;
        progress.report(done, total);
    }
    if (stream.hasError()) {
        m_error = stream.errorString();
        return false;
    }
    m_exactlyLocated = std::count(m_found.begin(), m_found.end(), k);
    return true;
}

bool TinyLocator::nearestPass(TinyRecordStream &stream, const Progress &progress, qint64 done, qint64 total)
{
    // The references still open, packed so the tiles hold only them. Their hash-pass matches are
    // found again (at distance 0) by this pass, so their lists start empty.
    std::vector<qint32> open;
    for (qsizetype i = 0; i < m_count; ++i)
        if (m_found[size_t(i)] < m_options.topK) {
            open.push_back(qint32(i));
            m_found[size_t(i)] = 0;
        }
    const qsizetype m = qsizetype(open.size());
    std::vector<std::uint8_t> packed(size_t(m * kImageBytes));
    for (qsizetype i = 0; i < m; ++i) {
        std::memcpy(packed.data() + i * kImageBytes, m_records.data() + qsizetype(open[size_t(i)]) * kImageBytes,
                    kImageBytes);
    }
    const IntKernels kernels = IntKernels::chosen();
    if (!kernels.isValid()) {
        m_error = kernels.errorString();
        return false;
    }
    const int workers = workerCount(m_options.threads);
    NearestState state(kernels, std::move(open), std::move(packed));
    state.eighthFirst = CoarseBound::fastOn(kernels.kernel());
    std::vector<std::pair<const BlockBound *, BlockBound::Features *>> levels{{&state.coarse, &state.refCoarse},
                                                                              {&state.fine, &state.refFine}};
    if (state.eighthFirst)
        levels.emplace_back(&state.eighth.bound(), &state.refEighth);
    BlockBound::computeLevels(levels, state.refs.data(), m, kImageBytes, BlockBound::Layout::TinyRecord, workers);
    // Dense for the first chunk: until the references hold good matches the bound prunes little,
    // and on images it cannot prune a pair measured alone costs several times its dense share.
    state.dense.assign(size_t((m + kReferenceTile - 1) / kReferenceTile), 1);
    const qint64 chunk = m_options.chunkRecords;
    ReadAhead reader(stream, chunk);
    qint64 first = 0;
    // Chunks start small and double: the first ones run dense (no reference holds a match yet),
    // and a dense chunk of 8,192 records against 60,000 references costs about as much as 100,000
    // bounded records; 512 records already give most references a threshold the bound can use.
    // (A range split into many shards pays this start once per shard.)
    qint64 want = std::min<qint64>(chunk, kFirstChunk);
    reader.start(want);
    while (const qint64 n = reader.take(&first)) {
        want = std::min(chunk, 2 * want);
        if (progress.isCancelled()) {
            m_cancelled = true;
            m_error = QStringLiteral("cancelled");
            return false;
        }
        reader.start(want);
        compareChunk(state, reader.current(), first, n, workers);
        done += n;
        progress.report(done, total);
    }
    m_boundedPairs = state.boundedPairs;
    m_narrowedPairs = state.narrowedPairs;
    m_exactPairs = state.exactPairs;
    m_refinedPairs = state.refinedPairs;
    if (stream.hasError()) {
        m_error = stream.errorString();
        return false;
    }
    return true;
}

// One chunk of records against every open reference, a tile of references per task. A tile in
// bounded mode compares block means first (8x8 on CoarseBound's fused scan where it runs fast, then
// 4x4 on the few left; elsewhere 4x4 on the kernels for every pair) and measures the exact distance
// only where no bound rules the record out against the reference's current k-th best; a tile whose
// references the bound stopped ruling out (images unlike natural ones, the first records of a
// range) runs dense, every pair on the kernels, and samples a few of its rows through the bounds
// each chunk to find out when to switch back. Either way each pair is either measured exactly or
// proven no better than the k-th held, so the result is the brute force's, whatever the mode.
void TinyLocator::compareChunk(NearestState &state, const std::uint8_t *records, qint64 first, qint64 n, int workers)
{
    const int k = m_options.topK;
    const qsizetype m = qsizetype(state.open.size());
    const IntKernels &kernels = state.kernels;
    const IntKernel path = kernels.kernel();
    const int coarseDim = state.coarse.dim();
    BlockBound::Features coarse, fine;
    CoarseBound::Columns eighth;
    std::vector<std::pair<const BlockBound *, BlockBound::Features *>> levels{{&state.coarse, &coarse},
                                                                              {&state.fine, &fine}};
    if (state.eighthFirst)
        levels.emplace_back(&state.eighth.bound(), &eighth.features);
    BlockBound::computeLevels(levels, records, n, kRecordBytes, BlockBound::Layout::TinyRecord, workers);
    if (state.eighthFirst)
        CoarseBound::pack(&eighth);
    const PackedRows means =
        state.eighthFirst ? PackedRows{} : kernels.pack(coarse.means.data(), n, coarseDim, coarseDim);
    const bool anyDense = std::find(state.dense.begin(), state.dense.end(), 1) != state.dense.end();
    const PackedRows full = anyDense ? kernels.pack(records, n, kImageBytes, kRecordBytes) : PackedRows{};
    const qsizetype tiles = qsizetype(state.dense.size());
    const qsizetype columnBlock = state.eighthFirst ? kFusedColumnBlock : kColumnBlock;
    // A row's list of the 8x8 bound's survivors within a block (CoarseBound::scan's stride).
    const qsizetype listStride = columnBlock + CoarseBound::kListSlack;
    const qsizetype blocks = (n + columnBlock - 1) / columnBlock;
    std::atomic<qint64> exactPairs{0}, narrowedPairs{0}, refinedPairs{0};
    // The dense tiles first: every pair of the chunk on the kernels.
    std::vector<qsizetype> denseTiles;
    for (qsizetype t = 0; t < tiles; ++t)
        if (state.dense[size_t(t)])
            denseTiles.push_back(t);
    parallelChunks(qsizetype(denseTiles.size()), 1, workers, [&](qsizetype b, qsizetype e) {
        thread_local std::vector<std::int32_t> dist; // the pool's threads live for one pass
        for (qsizetype u = b; u < e; ++u) {
            const qsizetype t = denseTiles[size_t(u)];
            const qsizetype r0 = t * kReferenceTile, rows = std::min(kReferenceTile, m - r0);
            dist.resize(size_t(kReferenceTile * n));
            kernels.squaredL2(state.refs.data() + r0 * kImageBytes, rows, kImageBytes, full, 0, n, dist.data(), n);
            for (qsizetype i = 0; i < rows; ++i) {
                const qint32 ref = state.open[size_t(r0 + i)];
                TinyMatch *list = m_matches.data() + qsizetype(ref) * k;
                int &found = m_found[size_t(ref)];
                const std::int32_t *d = dist.data() + i * n;
                qint64 worst = found == k ? list[k - 1].distance2 : std::numeric_limits<qint64>::max();
                for (qint64 j = 0; j < n; ++j) {
                    if (d[j] >= worst)
                        continue; // a later record never wins a tie
                    offerMatch(list, found, k, {first + j, d[j]});
                    if (found == k)
                        worst = list[k - 1].distance2;
                }
            }
            exactPairs += rows * n;
        }
    });
    // Then the bounds, column block by column block across all tiles, so a block's means and
    // records (under 4 MB) stay in cache while every reference meets them; tile by tile over the
    // whole chunk (31 MB) they were fetched from memory again for each tile. A tile's blocks still
    // run in order (a later block waits for the tile's earlier one), so each reference meets its
    // records in increasing index order, as the scan's "worst - 1" limit requires.
    // Bounded tiles, or for a dense tile a sample of its rows against the k-th best it now holds:
    // what share of this chunk's pairs the 4x4 bound would have left decides the next chunk.
    std::unique_ptr<std::atomic<qsizetype>[]> blocksDone(new std::atomic<qsizetype>[size_t(tiles)]);
    std::vector<qint64> kept(size_t(tiles), 0);
    for (qsizetype t = 0; t < tiles; ++t)
        blocksDone[size_t(t)].store(0, std::memory_order_relaxed);
    parallelChunks(tiles * blocks, 1, workers, [&](qsizetype b, qsizetype e) {
        PairCounts counts;
        thread_local std::vector<std::int32_t> dist;
        thread_local std::vector<qint32> lists; // per row of a tile: the 8x8 bound's survivors
        thread_local std::vector<qsizetype> listSizes;
        thread_local std::vector<qint64> limits;
        thread_local std::vector<qint32> survivors; // one row's survivors of the 4x4 bound
        for (qsizetype item = b; item < e; ++item) {
            const qsizetype block = item / tiles, t = item % tiles;
            // Items are taken in order, so the tile's previous block is already being worked on.
            while (blocksDone[size_t(t)].load(std::memory_order_acquire) < block)
                std::this_thread::yield();
            const qsizetype r0 = t * kReferenceTile, rows = std::min(kReferenceTile, m - r0);
            const bool dense = state.dense[size_t(t)] != 0;
            const qsizetype boundRows = dense ? std::min<qsizetype>(rows, kDenseSample) : rows;
            const qsizetype c0 = block * columnBlock, cols = std::min<qsizetype>(columnBlock, n - c0);
            // A later record never wins a tie: only distances below the k-th held matter (worst - 1).
            if (state.eighthFirst) {
                limits.resize(size_t(boundRows));
                listSizes.resize(size_t(boundRows));
                lists.resize(size_t(boundRows * listStride));
                for (qsizetype i = 0; i < boundRows; ++i)
                    limits[size_t(i)] = worstOf(state, r0 + i) - 1;
                state.eighth.scan(path, state.refEighth, r0, boundRows, eighth, c0, cols, limits.data(), lists.data(),
                                  listStride, listSizes.data());
            } else {
                dist.resize(size_t(kReferenceTile * kColumnBlock));
                kernels.squaredL2(state.refCoarse.means.data() + r0 * coarseDim, boundRows, coarseDim, means, c0, cols,
                                  dist.data(), cols);
            }
            qint64 keptHere = 0;
            for (qsizetype i = 0; i < boundRows; ++i) {
                survivors.clear();
                if (state.eighthFirst) {
                    const qsizetype wide = listSizes[size_t(i)];
                    counts.narrowed += dense ? 0 : wide;
                    const qsizetype r = r0 + i;
                    CoarseBound::narrow(path, state.coarse, state.refCoarse.means.data() + r * coarseDim,
                                        state.refCoarse.meanNorm[size_t(r)], state.refCoarse.rho[size_t(r)],
                                        state.refCoarse.tau[size_t(r)], coarse, lists.data() + i * listStride, wide,
                                        limits[size_t(i)], survivors);
                } else {
                    state.coarse.survivors(path, dist.data() + i * cols, cols, coarse.rho.data() + c0,
                                           coarse.tau.data() + c0, state.refCoarse.rho[size_t(r0 + i)],
                                           state.refCoarse.tau[size_t(r0 + i)], worstOf(state, r0 + i) - 1, c0,
                                           survivors);
                }
                keptHere += qint64(survivors.size());
                if (!dense)
                    refineRow(state, r0 + i, survivors, coarse, fine, records, first, counts);
            }
            kept[size_t(t)] += keptHere;
            blocksDone[size_t(t)].store(block + 1, std::memory_order_release);
        }
        exactPairs += counts.exact;
        narrowedPairs += counts.narrowed;
        refinedPairs += counts.refined;
    });
    for (qsizetype t = 0; t < tiles; ++t) {
        const qsizetype rows = std::min(kReferenceTile, m - t * kReferenceTile);
        const bool dense = state.dense[size_t(t)] != 0;
        const qsizetype boundRows = dense ? std::min<qsizetype>(rows, kDenseSample) : rows;
        if (!dense)
            state.boundedPairs += rows * n;
        state.dense[size_t(t)] = std::uint8_t(double(kept[size_t(t)]) > kDenseAbove * double(boundRows * n));
    }
    state.exactPairs += exactPairs;
    state.narrowedPairs += narrowedPairs;
    state.refinedPairs += refinedPairs;
}

qint64 TinyLocator::worstOf(const NearestState &state, qsizetype r) const
{
    const int k = m_options.topK;
    const qint32 ref = state.open[size_t(r)];
    return m_found[size_t(ref)] == k ? m_matches[size_t(qsizetype(ref) * k + k - 1)].distance2
                                     : std::numeric_limits<qint64>::max();
}

// Reference r against the records the 4x4 bound left (`survivors`, indices into the chunk): they
// meet the 2x2 bound, the rest the exact distance.
void TinyLocator::refineRow(NearestState &state, qsizetype r, const std::vector<qint32> &survivors,
                            const BlockBound::Features &coarse, const BlockBound::Features &fine,
                            const std::uint8_t *records, qint64 first, PairCounts &counts)
{
    const int k = m_options.topK, fineDim = state.fine.dim();
    const IntKernel path = state.kernels.kernel();
    TinyMatch *list = m_matches.data() + qsizetype(state.open[size_t(r)]) * k;
    int &found = m_found[size_t(state.open[size_t(r)])];
    constexpr qint64 kNone = std::numeric_limits<qint64>::max();
    const qint64 worst = found == k ? list[k - 1].distance2 : kNone;
    const std::uint8_t *ref = state.refs.data() + r * kImageBytes;
    const std::uint8_t *refFine = state.refFine.means.data() + r * fineDim;
    const std::int32_t refNorm = state.refCoarse.imageNorm[size_t(r)];
    const std::int32_t refFineNorm = state.refFine.meanNorm[size_t(r)];
    const float rhoFine = state.refFine.rho[size_t(r)], tauFine = state.refFine.tau[size_t(r)];
    // The 2x2 bounds of every survivor at once (CoarseBound::boundsOf: sixteen at a time on AVX-512
    // VNNI, else BlockBound::dots), against the k-th best held when the scan began: nothing is
    // offered meanwhile.
    thread_local std::vector<std::int32_t> dots;
    thread_local std::vector<std::pair<float, qint32>> pending; // (2x2 bound, record)
    thread_local std::vector<qint32> batch, keptIndex;
    thread_local std::vector<float> keptBound;
    keptIndex.resize(survivors.size() + CoarseBound::kListSlack);
    keptBound.resize(survivors.size() + CoarseBound::kListSlack);
    const qsizetype kept = CoarseBound::boundsOf(
        path, state.fine, refFine, refFineNorm, rhoFine, tauFine, fine, survivors.data(), qsizetype(survivors.size()),
        worst == kNone ? kNone : worst - 1, keptIndex.data(), keptBound.data());
    counts.refined += qint64(survivors.size());
    pending.clear();
    for (qsizetype s = 0; s < kept; ++s)
        pending.emplace_back(keptBound[size_t(s)], keptIndex[size_t(s)]);
    // Measured nearest bound first, four at a time, so the k-th best falls early and rules out the
    // rest. Out of index order now, so a record at the k-th's distance may still win on its index:
    // only a bound above the k-th distance itself rules out (offerMatch settles ties).
    std::sort(pending.begin(), pending.end());
    for (size_t t = 0; t < pending.size();) {
        const qint64 limit = found == k ? list[k - 1].distance2 : kNone;
        batch.clear();
        for (; t < pending.size() && batch.size() < 4; ++t) {
            if (limit != kNone && BlockBound::exceeds(pending[t].first, limit))
                break;
            batch.push_back(pending[t].second);
        }
        if (batch.empty())
            break; // sorted: every one after it is ruled out too
        dots.resize(batch.size());
        static_assert(kRecordBytes == kImageBytes, "records are measured as rows of kImageBytes");
        BlockBound::dots(path, ref, records, kImageBytes, batch.data(), qsizetype(batch.size()), coarse.imageSum.data(),
                         dots.data());
        counts.exact += qint64(batch.size());
        for (size_t b = 0; b < batch.size(); ++b) {
            const qint32 j = batch[b];
            const qint64 d2 = qint64(refNorm) + coarse.imageNorm[size_t(j)] - 2 * qint64(dots[b]);
            offerMatch(list, found, k, {first + j, d2});
        }
        if (batch.size() < 4)
            break; // the group stopped at a record the bound rules out
    }
}

} // namespace tc::core
