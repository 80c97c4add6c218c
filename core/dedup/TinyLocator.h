#pragma once

#include "core/common/Progress.h"
#include "core/dedup/BlockBound.h"
#include "core/dedup/CoarseBound.h"
#include "core/dedup/IntKernels.h"
#include "core/readers/TinyRecordStream.h"

#include <QString>
#include <cstdint>
#include <span>
#include <vector>

namespace tc::core {

// One Tiny Images record found for a reference image: its index and the exact squared L2 distance
// (0 = byte-identical; an integer, so ranking and merging never depend on float rounding).
struct TinyMatch {
    qint64 tinyIndex = -1;
    qint64 distance2 = 0;
    bool operator==(const TinyMatch &) const = default;
    // THE order of matches: nearer first, ties by the smaller Tiny index. Per-shard lists merged
    // in this order equal the unsharded list (merge-shards relies on it).
    friend bool operator<(const TinyMatch &a, const TinyMatch &b)
    {
        return a.distance2 < b.distance2 || (a.distance2 == b.distance2 && a.tinyIndex < b.tinyIndex);
    }
};

struct TinyLocateOptions {
    static constexpr int kMaxTopK = 100;
    int topK = 1;               // matches per reference, 1..kMaxTopK
    qint64 chunkRecords = 8192; // records read and compared at a time (24 MB)
    int threads = 0;            // 0: every core
};

// For every reference image, its topK nearest Tiny Images records within a record range, by exact
// squared L2 over the streamed records. Two passes over the range: exact copies by content hash
// (confirmed byte by byte) first; then the nearest-neighbour pass for the references that have
// fewer than topK exact copies in the range (none when every reference is a copy: the CIFAR case).
// Memory: the references twice (their Tiny layout and norms), two chunks of records (one read
// ahead), per thread one distance tile, and topK matches per reference, whatever the range.
class TinyLocator final {
public:
    TinyLocator(const std::uint8_t *references, qsizetype count, TinyLocateOptions options);

    // False on a read error (errorString() names the file and record) or when cancelled.
    // progress counts records of both passes (total = twice the range unless the second is skipped).
    bool run(const QString &imagesPath, TinyRecordRange range, const Progress &progress = {});
    QString errorString() const { return m_error; }
    bool wasCancelled() const { return m_cancelled; }

    qsizetype count() const { return m_count; }
    int topK() const { return m_options.topK; }
    // Sorted by TinyMatch's order; fewer than topK when the range holds fewer records.
    std::span<const TinyMatch> matchesOf(qsizetype reference) const;
    // References whose topK matches all came from the hash pass (skipped the nearest-neighbour pass).
    qsizetype exactlyLocated() const { return m_exactlyLocated; }
    // Of the nearest-neighbour pass's (reference, record) pairs: those that went through the block
    // bounds (8x8 first where CoarseBound::fastOn, then 4x4), those of them that met the 2x2 bound,
    // and those measured exactly (survivors of all plus every pair of dense tiles).
    qint64 boundedPairs() const { return m_boundedPairs; }
    // Those the 8x8 bound left to the 4x4 one (0 where the 4x4 bound runs first, on the kernels).
    qint64 narrowedPairs() const { return m_narrowedPairs; }
    qint64 refinedPairs() const { return m_refinedPairs; }
    qint64 exactPairs() const { return m_exactPairs; }
    // The distance kernel used, for output and benchmarks.
    static QString kernelName();

private:
    // The nearest-neighbour pass's working set: the open references (Tiny layout), their bound
    // features, and per tile of references whether it runs dense.
    struct NearestState {
        NearestState(const IntKernels &k, std::vector<qint32> o, std::vector<std::uint8_t> r)
            : kernels(k), open(std::move(o)), refs(std::move(r))
        {}
        IntKernels kernels;
        std::vector<qint32> open;
        std::vector<std::uint8_t> refs;
        BlockBound coarse{4}, fine{2};
        CoarseBound eighth;       // the 8x8 level, first where it runs fast
        bool eighthFirst = false; // CoarseBound::fastOn(the kernel's path)
        BlockBound::Features refCoarse, refFine, refEighth;
        std::vector<std::uint8_t> dense;
        qint64 boundedPairs = 0, narrowedPairs = 0, refinedPairs = 0, exactPairs = 0;
    };
    bool hashPass(TinyRecordStream &stream, const Progress &progress, qint64 total);
    bool nearestPass(TinyRecordStream &stream, const Progress &progress, qint64 done, qint64 total);
    struct PairCounts {
        qint64 narrowed = 0, refined = 0, exact = 0;
    };
    // The k-th best distance reference r (of the open ones) holds, or none.
    qint64 worstOf(const NearestState &state, qsizetype r) const;
    void refineRow(NearestState &state, qsizetype r, const std::vector<qint32> &survivors,
                   const BlockBound::Features &coarse, const BlockBound::Features &fine, const std::uint8_t *records,
                   qint64 first, PairCounts &counts);
    void compareChunk(NearestState &state, const std::uint8_t *records, qint64 first, qint64 n, int workers);

    std::vector<std::uint8_t> m_records; // references in the Tiny record layout
    qsizetype m_count = 0;
    TinyLocateOptions m_options;
    std::vector<TinyMatch> m_matches; // count x topK
    std::vector<int> m_found;         // per reference: matches held
    qsizetype m_exactlyLocated = 0;
    qint64 m_boundedPairs = 0, m_narrowedPairs = 0, m_refinedPairs = 0, m_exactPairs = 0;
    QString m_error;
    bool m_cancelled = false;
};

} // namespace tc::core
