#include "core/project/Quotas.h"

#include <algorithm>
#include <numeric>

namespace tc::core {

std::vector<qint64> Quotas::apportion(const std::vector<qint64> &weights, qint64 total)
{
    std::vector<qint64> shares(weights.size(), 0);
    qint64 sum = 0;
    for (qint64 w : weights)
        sum += std::max<qint64>(w, 0);
    if (sum <= 0 || total <= 0)
        return shares;
    // Remainders are compared as exact integers (total * w mod sum), never as doubles.
    std::vector<qint64> remainder(weights.size(), 0);
    qint64 given = 0;
    for (std::size_t i = 0; i < weights.size(); ++i) {
        const __int128 product = __int128(total) * std::max<qint64>(weights[i], 0);
        shares[i] = qint64(product / sum);
        remainder[i] = qint64(product % sum);
        given += shares[i];
    }
    std::vector<std::size_t> order(weights.size());
    std::iota(order.begin(), order.end(), std::size_t(0));
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        if (remainder[a] != remainder[b])
            return remainder[a] > remainder[b];
        return weights[a] > weights[b];
    });
    for (std::size_t k = 0; given < total && k < order.size(); ++k, ++given)
        ++shares[order[k]];
    return shares;
}

} // namespace tc::core
