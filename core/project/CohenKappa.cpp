#include "core/project/CohenKappa.h"

#include <limits>

namespace tc::core {

qint64 CohenKappa::total(const Matrix &counts)
{
    qint64 n = 0;
    for (const auto &row : counts)
        for (qint64 v : row)
            n += v;
    return n;
}

qint64 CohenKappa::agreed(const Matrix &counts)
{
    qint64 n = 0;
    for (int i = 0; i < kCategories; ++i)
        n += counts[i][i];
    return n;
}

double CohenKappa::kappa(const Matrix &counts)
{
    const double n = double(total(counts));
    if (n <= 0)
        return std::numeric_limits<double>::quiet_NaN();
    double chance = 0.0;
    for (int c = 0; c < kCategories; ++c) {
        double rowSum = 0.0, colSum = 0.0;
        for (int k = 0; k < kCategories; ++k) {
            rowSum += double(counts[c][k]);
            colSum += double(counts[k][c]);
        }
        chance += (rowSum / n) * (colSum / n);
    }
    const double observed = double(agreed(counts)) / n;
    if (chance >= 1.0)
        return std::numeric_limits<double>::quiet_NaN();
    return (observed - chance) / (1.0 - chance);
}

} // namespace tc::core
