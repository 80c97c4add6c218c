#pragma once

#include <QtGlobal>
#include <cstdint>
#include <vector>

namespace tc::core {

// 64-bit hash of one canonical image (3072 bytes), used only to find byte-compare candidates.
std::uint64_t duplicateHash(const std::uint8_t *image);

// Byte-identical images within one set: groups of indices (ascending, at least two), ordered by
// their first member. With indices in candidate-id order, members[0] is the copy that is kept.
std::vector<std::vector<qint32>> findInternalDuplicates(const std::uint8_t *images, qsizetype count, int threads = 0);

struct ExactMatch {
    qint32 candidate = -1;
    qint32 reference = -1;
};

// Every (candidate, reference) pair with identical bytes, sorted by candidate then reference.
// Hashes plus a byte compare to confirm: linear in n + m (500k x 62k images in about a second).
std::vector<ExactMatch> findExactMatches(const std::uint8_t *candidates, qsizetype candidateCount,
                                         const std::uint8_t *references, qsizetype referenceCount, int threads = 0);

} // namespace tc::core
