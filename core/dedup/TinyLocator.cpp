#include "TinyLocator.h"

#include "core/common/ImageSet.h"
#include "core/dedup/Blas.h"
#include "core/dedup/ExactDuplicates.h"
#include "core/dedup/Parallel.h"

#include <QHash>
#include <algorithm>
#include <cstring>
#include <memory>

namespace tc::core {

namespace {

constexpr qint64 kRecordBytes = TinyImages::kImageRecordBytes;
// References compared with a chunk at a time: one float tile of them plus the chunk's dot products.
constexpr qsizetype kReferenceTile = 2048;

qint64 squaredNorm(const std::uint8_t *x)
{
    qint64 s = 0;
    for (int i = 0; i < kImageBytes; ++i)
        s += qint64(x[i]) * x[i];
    return s;
}

// Exact uint8 dot products through float32 GEMM: a record r is split into r = 16 h + l with h, l in
// [0, 15]. Every partial sum of x . h or x . l is an integer below 3072 * 255 * 15 < 2^24, so float32
// holds it exactly in any summation order, and x . r = 16 (x . h) + x . l is exact.
// TODO(kernels): team kernels' exact integer kernels (core/dedup/IntKernels.h) replace this.
class ChunkDots final {
public:
    void prepare(const std::uint8_t *records, qsizetype n)
    {
        m_n = n;
        m_split.resize(size_t(2 * n * kImageBytes));
        float *hi = m_split.data(), *lo = m_split.data() + n * kImageBytes;
        for (qsizetype i = 0; i < n * kImageBytes; ++i) {
            hi[i] = float(records[i] >> 4);
            lo[i] = float(records[i] & 15);
        }
    }
    // dots (rows x n): reference rows . every record of the chunk.
    void compute(const Blas &blas, const std::uint8_t *refs, qsizetype rows, std::vector<float> &refTile,
                 std::vector<float> &tile, std::vector<qint64> &dots) const
    {
        refTile.resize(size_t(rows * kImageBytes));
        for (qsizetype i = 0; i < rows * kImageBytes; ++i)
            refTile[size_t(i)] = float(refs[i]);
        tile.resize(size_t(rows * 2 * m_n));
        blas.gemmABt(int(rows), int(2 * m_n), kImageBytes, refTile.data(), m_split.data(), tile.data(), int(2 * m_n));
        dots.resize(size_t(rows * m_n));
        for (qsizetype i = 0; i < rows; ++i) {
            const float *c = tile.data() + i * 2 * m_n;
            qint64 *d = dots.data() + i * m_n;
            for (qsizetype j = 0; j < m_n; ++j)
                d[j] = 16 * qint64(c[j]) + qint64(c[m_n + j]);
        }
    }

private:
    qsizetype m_n = 0;
    std::vector<float> m_split; // 2n x 3072: high nibbles, then low nibbles
};

// Keeps the k best matches of one reference, sorted; records arrive in increasing index order.
inline void offer(TinyMatch *list, int &found, int k, TinyMatch m)
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
    m_options.chunkRecords = std::max<qint64>(1, m_options.chunkRecords);
    m_records.resize(size_t(count * kImageBytes));
    for (qsizetype i = 0; i < count; ++i)
        imageToTinyRecord(references + i * kImageBytes, m_records.data() + i * kImageBytes);
}

QString TinyLocator::kernelName()
{
    return QStringLiteral("float32 GEMM, nibble-split exact");
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
    QHash<quint64, QList<qint32>> byHash;
    byHash.reserve(m_count);
    for (qsizetype i = 0; i < m_count; ++i)
        byHash[duplicateHash(m_records.data() + i * kImageBytes)].append(qint32(i));
    const qint64 chunk = m_options.chunkRecords;
    std::vector<std::uint8_t> buffer(size_t(chunk * kRecordBytes));
    qint64 first = 0, done = 0;
    while (const qint64 n = stream.read(buffer.data(), chunk, &first)) {
        if (progress.isCancelled()) {
            m_cancelled = true;
            m_error = QStringLiteral("cancelled");
            return false;
        }
        std::vector<quint64> hashes(static_cast<size_t>(n));
        parallelChunks(n, 256, workerCount(m_options.threads), [&](qsizetype b, qsizetype e) {
            for (qsizetype j = b; j < e; ++j)
                hashes[size_t(j)] = duplicateHash(buffer.data() + j * kRecordBytes);
        });
        for (qint64 j = 0; j < n; ++j) {
            const auto it = byHash.constFind(hashes[size_t(j)]);
            if (it == byHash.cend())
                continue;
            for (const qint32 r : *it)
                if (std::memcmp(buffer.data() + j * kRecordBytes, m_records.data() + qsizetype(r) * kImageBytes,
                                kImageBytes) == 0)
                    offer(m_matches.data() + qsizetype(r) * k, m_found[size_t(r)], k, {first + j, 0});
        }
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
    std::vector<qint64> refNorm(static_cast<size_t>(m));
    for (qsizetype i = 0; i < m; ++i) {
        std::memcpy(packed.data() + i * kImageBytes, m_records.data() + qsizetype(open[size_t(i)]) * kImageBytes,
                    kImageBytes);
        refNorm[size_t(i)] = squaredNorm(packed.data() + i * kImageBytes);
    }
    const int workers = workerCount(m_options.threads);
    const qint64 chunk = m_options.chunkRecords;
    std::vector<std::uint8_t> buffer(size_t(chunk * kRecordBytes));
    std::vector<qint64> recNorm(static_cast<size_t>(chunk));
    ChunkDots chunkDots;
    Blas blas;
    std::vector<float> refTile, tile;
    std::vector<qint64> dots;
    qint64 first = 0;
    while (const qint64 n = stream.read(buffer.data(), chunk, &first)) {
        parallelChunks(n, 256, workers, [&](qsizetype b, qsizetype e) {
            for (qsizetype j = b; j < e; ++j)
                recNorm[size_t(j)] = squaredNorm(buffer.data() + j * kRecordBytes);
        });
        chunkDots.prepare(buffer.data(), n);
        for (qsizetype r0 = 0; r0 < m; r0 += kReferenceTile) {
            if (progress.isCancelled()) {
                m_cancelled = true;
                m_error = QStringLiteral("cancelled");
                return false;
            }
            const qsizetype rows = std::min(kReferenceTile, m - r0);
            chunkDots.compute(blas, packed.data() + r0 * kImageBytes, rows, refTile, tile, dots);
            parallelChunks(rows, 64, workers, [&](qsizetype b, qsizetype e) {
                for (qsizetype i = b; i < e; ++i) {
                    const qint32 ref = open[size_t(r0 + i)];
                    TinyMatch *list = m_matches.data() + qsizetype(ref) * k;
                    int &found = m_found[size_t(ref)];
                    const qint64 *d = dots.data() + i * n;
                    const qint64 norm = refNorm[size_t(r0 + i)];
                    for (qint64 j = 0; j < n; ++j) {
                        const qint64 dist = norm + recNorm[size_t(j)] - 2 * d[j];
                        if (found == k && dist >= list[k - 1].distance2)
                            continue; // a later record never wins a tie
                        offer(list, found, k, {first + j, dist});
                    }
                }
            });
        }
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
