#pragma once

#include <QtGlobal>
#include <vector>

namespace tc::core {

// Splits a whole number in proportion to weights (Hamilton / largest-remainder method): each
// share is floor(total * w / sum), and the units still missing go to the largest remainders
// (ties: the larger weight, then the earlier entry), so the shares always sum to total when any
// weight is positive. Used for keyword quotas: a class target split by catalog counts.
class Quotas final {
public:
    static std::vector<qint64> apportion(const std::vector<qint64> &weights, qint64 total);
};

} // namespace tc::core
