#pragma once

#include <QtGlobal>
#include <array>

namespace tc::core {

// Cohen's kappa for two raters over three categories (accept, reject, unsure):
// kappa = (p_o - p_e) / (1 - p_e), p_o the observed agreement, p_e the agreement expected by chance
// from each rater's marginal frequencies. NaN when undefined (no items, or p_e == 1).
class CohenKappa final {
public:
    static constexpr int kCategories = 3;
    // counts[a][b]: items rater A put in category a and rater B in category b.
    using Matrix = std::array<std::array<qint64, kCategories>, kCategories>;

    static double kappa(const Matrix &counts);
    static qint64 total(const Matrix &counts);
    static qint64 agreed(const Matrix &counts);
};

} // namespace tc::core
