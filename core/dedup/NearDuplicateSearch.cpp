#include "core/dedup/NearDuplicateSearch.h"

#include "core/common/ImageSet.h"
#include "core/dedup/ExactL2Search.h"
#include "core/dedup/ImageFeatures.h"
#include "core/dedup/Parallel.h"
#include "core/dedup/SsimLaneKernel.h"
#include "core/dedup/TransformSearch.h"

#include <atomic>
#include <cmath>

namespace tc::core {

namespace {

constexpr qint64 kStageUnits = 1000;

// Maps one stage's (done, total) onto the whole run's progress, so a bar moves once, not per stage
// (stage = chunk * stages per chunk + stage within the chunk).
Progress stageProgress(const Progress &outer, int stage, int stages)
{
    return Progress(
        [&outer, stage, stages](qint64 done, qint64 total) {
            const qint64 part = total > 0 ? done * kStageUnits / total : kStageUnits;
            outer.report(qint64(stage) * kStageUnits + part, qint64(stages) * kStageUnits);
        },
        [&outer] { return outer.isCancelled(); });
}

template <typename T, typename Fn>
std::vector<T> features(const std::uint8_t *images, qsizetype count, int dim, int threads, Fn fn)
{
    std::vector<T> out(size_t(count) * dim);
    parallelChunks(count, 256, threads, [&](qsizetype b, qsizetype e) {
        for (qsizetype i = b; i < e; ++i)
            fn(images + i * kImageBytes, out.data() + i * dim);
    });
    return out;
}

} // namespace

struct NearDuplicateSearch::References {
    std::unique_ptr<ExactL2Search> l2;
    PackedRows structure; // m x kStructureDim structure bytes, packed for the integer kernels
};

NearDuplicateSearch::NearDuplicateSearch(const std::uint8_t *references, qsizetype referenceCount,
                                         NearDuplicateOptions options)
    : m_refs(references), m_refCount(referenceCount), m_options(options), m_ints(IntKernels::chosen())
{
    // More neighbours than references cannot exist; capping here bounds every buffer sized by k.
    m_options.topK = int(std::clamp<qsizetype>(m_options.topK, 1, std::max<qsizetype>(1, referenceCount)));
    m_options.l2Shortlist = std::max(m_options.l2Shortlist, m_options.topK);
    if (m_options.transforms != TransformSet::None)
        m_transforms = std::make_unique<TransformSearch>(references, referenceCount, m_options.window,
                                                         m_options.transformShortlist, m_options.threads,
                                                         m_ints.kernel(), m_options.transformL2Guarantee);
}

NearDuplicateSearch::~NearDuplicateSearch() = default;

int NearDuplicateSearch::l2ShortlistSize() const
{
    // The L2 pass's working set per candidate for chunkSize()'s budget: ExactL2Search keeps the
    // near list and its block-mean features (under 256 slots' worth); counted generously.
    return int(std::min<qsizetype>(std::max(256, 4 * m_options.l2Shortlist), m_refCount));
}

int NearDuplicateSearch::structureShortlistSize() const
{
    return m_options.exhaustive ? 0 : int(std::min<qsizetype>(m_options.structureShortlist, m_refCount));
}

qsizetype NearDuplicateSearch::chunkSize() const
{
    // Per candidate: its two shortlists and its feature vectors (the result is the caller's).
    const qint64 perCandidate = qint64(l2ShortlistSize() + structureShortlistSize()) * qint64(sizeof(Neighbor)) +
                                qint64(l2ShortlistSize()) * qint64(sizeof(IntNeighbor)) + kBlockMeanDim +
                                qint64(m_options.exhaustive ? 0 : kStructureDim) + qint64(sizeof(double));
    return qsizetype(std::max<qint64>(64, m_options.workingBytes / perCandidate));
}

bool NearDuplicateSearch::prepare(const Progress &progress)
{
    if (m_prepared)
        return true;
    auto refs = std::make_unique<References>();
    const int threads = workerCount(m_options.threads);
    refs->l2 = std::make_unique<ExactL2Search>(m_ints, m_refs, m_refCount, threads);
    if (progress.isCancelled())
        return false;
    if (!m_options.exhaustive)
        refs->structure =
            m_ints.pack(features<std::uint8_t>(m_refs, m_refCount, kStructureDim, threads, structureBytes).data(),
                        m_refCount, kStructureDim, kStructureDim);
    m_prepared = std::move(refs);
    return !progress.isCancelled();
}

bool NearDuplicateSearch::run(const std::uint8_t *candidates, qsizetype n, NearDuplicateResult *result,
                              const Progress &progress)
{
    const int k = m_options.topK;
    result->k = k;
    result->candidates = n;
    result->l2.assign(size_t(n) * k, Neighbor{});
    result->ssim.assign(size_t(n) * k, Neighbor{});
    result->ssimPairs = 0;
    result->l2Fallbacks = 0;
    result->transformPairs = 0;
    result->l2Scores.assign(m_transforms ? size_t(n) * k : 0, PairScore{});
    result->ssimScores.assign(m_transforms ? size_t(n) * k : 0, PairScore{});
    if (!m_ints.isValid())
        return false;
    if (n == 0 || m_refCount == 0)
        return true;
    if (!prepare(progress))
        return false;
    const qsizetype chunk = chunkSize();
    const int chunks = int((n + chunk - 1) / chunk);
    for (int c = 0; c < chunks; ++c) {
        const qsizetype first = qsizetype(c) * chunk, count = std::min(chunk, n - first);
        ChunkOut out{result->l2.data() + first * k, result->ssim.data() + first * k};
        if (m_transforms) {
            out.l2Scores = result->l2Scores.data() + first * k;
            out.ssimScores = result->ssimScores.data() + first * k;
        }
        if (!runChunk(candidates + first * kImageBytes, count, out, progress, c, chunks))
            return false;
        result->ssimPairs += out.ssimPairs;
        result->l2Fallbacks += out.l2Fallbacks;
        result->transformPairs += out.transformPairs;
    }
    return true;
}

bool NearDuplicateSearch::runChunk(const std::uint8_t *cands, qsizetype n, ChunkOut &out, const Progress &progress,
                                   int chunk, int chunks)
{
    const int stages = (m_options.exhaustive ? 2 : 3) + (m_transforms ? 1 : 0);
    const int base = chunk * stages, all = chunks * stages;
    std::vector<Neighbor> l2Lists;
    if (!l2Pass(cands, n, out, l2Lists, stageProgress(progress, base, all)))
        return false;
    bool ok = true;
    if (m_options.exhaustive) {
        ok = exhaustiveSsim(cands, n, out, stageProgress(progress, base + 1, all));
    } else {
        std::vector<Neighbor> structureLists;
        ok = structurePass(cands, n, structureLists, stageProgress(progress, base + 1, all)) &&
             shortlistSsim(cands, n, l2Lists, structureLists, out, stageProgress(progress, base + 2, all));
    }
    // The plain neighbours found so far are rescored under the transforms with the shift-tolerant shortlist.
    return ok && (!m_transforms ||
                  m_transforms->refine(cands, n, m_options.topK, out.l2, out.ssim, out.l2Scores, out.ssimScores,
                                       &out.transformPairs, stageProgress(progress, base + stages - 1, all)));
}

// Exact integer L2 top-k (ExactL2Search); l2Lists: per candidate the l2Shortlist nearest by exact
// distance that the block-mean shortlist holds (the SSIM shortlist's L2 half).
bool NearDuplicateSearch::l2Pass(const std::uint8_t *cands, qsizetype n, ChunkOut &chunk,
                                 std::vector<Neighbor> &l2Lists, const Progress &progress)
{
    const int k = m_options.topK;
    ExactL2Search::Result r;
    if (!m_prepared->l2->run(cands, n, k, m_options.l2Shortlist, &r, progress))
        return false;
    for (qsizetype i = 0; i < n * k; ++i) {
        const IntNeighbor &nb = r.top[size_t(i)];
        chunk.l2[i] = nb.index >= 0 ? Neighbor{nb.index, float(std::sqrt(double(nb.value)))} : Neighbor{};
    }
    l2Lists.resize(r.nearest.size());
    for (size_t i = 0; i < r.nearest.size(); ++i)
        l2Lists[i] = {r.nearest[i].index, float(r.nearest[i].value)};
    chunk.l2Fallbacks = r.fallbacks;
    return true;
}

bool NearDuplicateSearch::structurePass(const std::uint8_t *cands, qsizetype n, std::vector<Neighbor> &lists,
                                        const Progress &progress)
{
    const int threads = workerCount(m_options.threads);
    const int shortK = structureShortlistSize();
    if (shortK <= 0)
        return true;
    // Structure bytes on the integer kernels: nearest by squared distance = most correlated.
    const auto bytes = features<std::uint8_t>(cands, n, kStructureDim, threads, structureBytes);
    std::vector<IntNeighbor> nearest(size_t(n) * shortK);
    if (!intTopK(m_ints, bytes.data(), n, kStructureDim, m_prepared->structure, shortK, threads, nearest.data(),
                 progress))
        return false;
    lists.resize(nearest.size());
    for (size_t i = 0; i < nearest.size(); ++i)
        lists[i] = {nearest[i].index, float(nearest[i].value)};
    return true;
}

namespace {

// Keeps the k largest SSIMs of one candidate (stored negated in a SmallestK).
struct SsimBest {
    explicit SsimBest(Neighbor *out, int k) : m_best(out, k), m_out(out), m_k(k) {}
    void offer(qint32 index, float ssim) { m_best.offer(index, -ssim); }
    void finish()
    {
        m_best.finish();
        for (int i = 0; i < m_k; ++i)
            if (m_out[i].index >= 0)
                m_out[i].value = -m_out[i].value;
    }
    SmallestK m_best;
    Neighbor *m_out;
    int m_k;
};

} // namespace

bool NearDuplicateSearch::shortlistSsim(const std::uint8_t *cands, qsizetype n, const std::vector<Neighbor> &l2Lists,
                                        const std::vector<Neighbor> &structureLists, ChunkOut &out,
                                        const Progress &progress)
{
    const int threads = workerCount(m_options.threads);
    const int k = m_options.topK;
    const int l2Stride = int(l2Lists.size() / size_t(n)), stK = int(structureLists.size() / size_t(n));
    const int l2K = std::min(l2Stride, m_options.l2Shortlist);
    std::atomic<qint64> pairs{0}, done{0};
    parallelChunks(
        n, 256, threads,
        [&](qsizetype b, qsizetype e) {
            withSsimKernel(m_options.window, [&]<typename Kernel>() {
                auto single = makeSsimBuffer<typename Kernel::Single>();
                auto block = makeSsimBuffer<typename Kernel::Block>();
                setSsimPath(*block, ssimPathFor(m_ints.kernel()));
                std::vector<qint32> refs;
                for (qsizetype i = b; i < e; ++i) {
                    refs.clear();
                    for (int s = 0; s < l2K; ++s)
                        refs.push_back(l2Lists[size_t(i) * l2Stride + s].index);
                    for (int s = 0; s < stK; ++s)
                        refs.push_back(structureLists[size_t(i) * stK + s].index);
                    std::sort(refs.begin(), refs.end());
                    refs.erase(std::unique(refs.begin(), refs.end()), refs.end());
                    refs.erase(std::remove(refs.begin(), refs.end(), -1), refs.end());
                    SsimBest best(out.ssim + i * k, k);
                    single->load(cands + i * kImageBytes);
                    ssimAgainstList(*single, *block, m_refs, refs.data(), qsizetype(refs.size()),
                                    [&](qsizetype s, float value) { best.offer(refs[size_t(s)], value); });
                    best.finish();
                    pairs += qint64(refs.size());
                }
            });
            progress.report(done += e - b, n);
        },
        [&] { return progress.isCancelled(); });
    out.ssimPairs = pairs;
    return !progress.isCancelled();
}

bool NearDuplicateSearch::exhaustiveSsim(const std::uint8_t *cands, qsizetype n, ChunkOut &out,
                                         const Progress &progress)
{
    const int threads = workerCount(m_options.threads);
    const int k = m_options.topK;
    // A thread owns 16 candidates (kSsimInFlight) and streams every reference block past them: the
    // block's window statistics are computed once per 16 x 16 pairs, the candidates' once per run,
    // and the kernel reads each block row once for all 16. More candidates per block would save block
    // builds but their data would no longer stay in L2 beside the block (measured: with 64, two
    // threads each ran at half the speed of one).
    constexpr qsizetype kChunk = kSsimInFlight;
    std::atomic<qint64> done{0};
    std::atomic<bool> cancelled{false};
    parallelChunks(
        n, kChunk, threads,
        [&](qsizetype b, qsizetype e) {
            const qsizetype count = e - b;
            std::vector<SsimBest> best;
            best.reserve(size_t(count));
            for (qsizetype i = b; i < e; ++i)
                best.emplace_back(out.ssim + i * k, k);
            withSsimKernel(m_options.window, [&]<typename Kernel>() {
                std::vector<std::unique_ptr<typename Kernel::Single>> singles;
                std::vector<const typename Kernel::Single *> singlePtrs;
                for (qsizetype i = b; i < e; ++i) {
                    singles.push_back(makeSsimBuffer<typename Kernel::Single>());
                    singles.back()->load(cands + i * kImageBytes);
                    singlePtrs.push_back(singles.back().get());
                }
                auto block = makeSsimBuffer<typename Kernel::Block>();
                setSsimPath(*block, ssimPathFor(m_ints.kernel()));
                std::vector<float> values(size_t(count) * kSsimLanes);
                for (qsizetype j0 = 0; j0 < m_refCount && !cancelled; j0 += kSsimLanes) {
                    const int lanes = int(std::min<qsizetype>(kSsimLanes, m_refCount - j0));
                    const std::uint8_t *images[kSsimLanes];
                    for (int l = 0; l < lanes; ++l)
                        images[l] = m_refs + (j0 + l) * kImageBytes;
                    block->load(images, lanes);
                    ssimManyAgainstLanes(singlePtrs.data(), int(count), *block, values.data());
                    for (qsizetype c = 0; c < count; ++c)
                        for (int l = 0; l < lanes; ++l)
                            best[size_t(c)].offer(qint32(j0 + l), values[size_t(c) * kSsimLanes + size_t(l)]);
                    if ((j0 / kSsimLanes) % 64 == 63)
                        cancelled = cancelled || progress.isCancelled();
                }
            });
            for (auto &bst : best)
                bst.finish();
            progress.report(done += count, n);
        },
        [&] { return cancelled || progress.isCancelled(); });
    out.ssimPairs = cancelled ? 0 : qint64(n) * m_refCount;
    return !cancelled && !progress.isCancelled();
}

} // namespace tc::core
