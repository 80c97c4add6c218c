#include "core/dedup/ExactDuplicates.h"

#include "core/common/ImageSet.h"
#include "core/dedup/ExactIndex.h"
#include "core/dedup/Parallel.h"

#include <algorithm>

namespace tc::core {

std::vector<std::vector<qint32>> findInternalDuplicates(const std::uint8_t *images, qsizetype count, int threads)
{
    std::vector<std::vector<qint32>> groups;
    for (const auto &g : ExactIndex(images, count, threads).groups())
        groups.emplace_back(g.begin(), g.end());
    return groups;
}

std::vector<ExactMatch> findExactMatches(const std::uint8_t *candidates, qsizetype candidateCount,
                                         const std::uint8_t *references, qsizetype referenceCount, int threads)
{
    const ExactIndex index(candidates, candidateCount, threads);
    std::vector<std::uint64_t> refHash(std::size_t(std::max<qsizetype>(referenceCount, 0)));
    parallelChunks(qsizetype(refHash.size()), 4096, workerCount(threads), [&](qsizetype b, qsizetype e) {
        for (qsizetype r = b; r < e; ++r)
            refHash[std::size_t(r)] = ExactIndex::hash(references + r * kImageBytes);
    });
    std::vector<ExactMatch> matches;
    for (qsizetype r = 0; r < qsizetype(refHash.size()); ++r)
        index.forEachCopy(references + r * kImageBytes, refHash[std::size_t(r)], [&](qsizetype c) {
            matches.push_back({qint32(c), qint32(r)});
        });
    std::sort(matches.begin(), matches.end(), [](const ExactMatch &a, const ExactMatch &b) {
        return a.candidate < b.candidate || (a.candidate == b.candidate && a.reference < b.reference);
    });
    return matches;
}

} // namespace tc::core
