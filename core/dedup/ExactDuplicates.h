#pragma once

#include <QtGlobal>
#include <cstdint>
#include <vector>

namespace tc::core {

// The duplicate search's exact copies, found through ExactIndex (the one hash and byte compare).

// Byte-identical images within one set: groups of indices (ascending, at least two), ordered by
// their first member. With indices in candidate-id order, members[0] is the copy that is kept.
std::vector<std::vector<qint32>> findInternalDuplicates(const std::uint8_t *images, qsizetype count, int threads = 0);

struct ExactMatch {
    qint32 candidate = -1;
    qint32 reference = -1;
};

// Every (candidate, reference) pair with identical bytes, sorted by candidate then reference.
// Hashes plus a byte compare to confirm: n + m hashes and m lookups (500k x 62k images in about a second).
std::vector<ExactMatch> findExactMatches(const std::uint8_t *candidates, qsizetype candidateCount,
                                         const std::uint8_t *references, qsizetype referenceCount, int threads = 0);

} // namespace tc::core
