#include "TinyLocator.h"

#include "core/common/ImageSet.h"
#include "core/dedup/ExactIndex.h"
#include "core/dedup/IntKernels.h"
#include "core/dedup/Parallel.h"

#include <algorithm>
#include <cstring>
#include <limits>
#include <memory>

namespace tc::core {

namespace {

constexpr qint64 kRecordBytes = TinyImages::kImageRecordBytes;
// References one thread compares with a chunk at a time: its distance tile is kReferenceTile x chunk
// int32 (4 MB with the default chunk), so a tile's scan stays in cache.
constexpr qsizetype kReferenceTile = 128;

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
    std::vector<std::uint8_t> buffer(size_t(chunk * kRecordBytes));
    qint64 first = 0, done = 0;
    while (const qint64 n = stream.read(buffer.data(), chunk, &first)) {
        if (progress.isCancelled()) {
            m_cancelled = true;
            m_error = QStringLiteral("cancelled");
            return false;
        }
        std::vector<std::uint64_t> hashes(static_cast<size_t>(n));
        parallelChunks(n, 256, workerCount(m_options.threads), [&](qsizetype b, qsizetype e) {
            for (qsizetype j = b; j < e; ++j)
                hashes[size_t(j)] = ExactIndex::hash(buffer.data() + j * kRecordBytes);
        });
        for (qint64 j = 0; j < n; ++j)
            index.forEachCopy(buffer.data() + j * kRecordBytes, hashes[size_t(j)], [&](qsizetype r) {
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
    const int k = m_options.topK;
    // The references still open, packed so the tiles hold only them. Their hash-pass matches are
    // found again (at distance 0) by this pass, so their lists start empty.
    std::vector<qint32> open;
    for (qsizetype i = 0; i < m_count; ++i)
        if (m_found[size_t(i)] < k) {
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
    const qint64 chunk = m_options.chunkRecords;
    std::vector<std::uint8_t> buffer(size_t(chunk * kRecordBytes));
    qint64 first = 0;
    while (const qint64 n = stream.read(buffer.data(), chunk, &first)) {
        if (progress.isCancelled()) {
            m_cancelled = true;
            m_error = QStringLiteral("cancelled");
            return false;
        }
        // The chunk is the packed side (packing is one pass over it); reference tiles stream past it.
        const PackedRows records = kernels.pack(buffer.data(), n, kImageBytes, kRecordBytes);
        const qsizetype tiles = (m + kReferenceTile - 1) / kReferenceTile;
        parallelChunks(tiles, 1, workers, [&](qsizetype t0, qsizetype t1) {
            thread_local std::vector<std::int32_t> dist; // the pool's threads live for one chunk
            dist.resize(size_t(kReferenceTile * n));
            for (qsizetype t = t0; t < t1; ++t) {
                const qsizetype r0 = t * kReferenceTile, rows = std::min(kReferenceTile, m - r0);
                kernels.squaredL2(packed.data() + r0 * kImageBytes, rows, kImageBytes, records, 0, n, dist.data(), n);
                for (qsizetype i = 0; i < rows; ++i) {
                    const qint32 ref = open[size_t(r0 + i)];
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
            }
        });
        done += n;
        progress.report(done, total);
    }
    if (stream.hasError()) {
        m_error = stream.errorString();
        return false;
    }
    return true;
}

} // namespace tc::core
