#pragma once

#include <QtGlobal>
#include <random>
#include <vector>

namespace tc::core {

// Reproducible randomness for exports. std::mt19937_64's output sequence is fixed by the C++
// standard, but std::shuffle and std::uniform_int_distribution are not (libstdc++ and libc++
// differ), so the bounded draw and the Fisher-Yates shuffle are written out here: the same seed
// gives the same export on every platform and compiler.
class SeededRng final {
public:
    // Independent streams per purpose ("select", "split", ...) and class, all from one user seed.
    SeededRng(quint64 seed, quint64 stream, quint64 substream = 0);
    quint64 next() { return m_engine(); }
    // Uniform in [0, bound) by rejection, so there is no modulo bias. bound > 0.
    quint64 below(quint64 bound);

private:
    std::mt19937_64 m_engine;
};

// Fisher-Yates (Durstenfeld): for i from n-1 down to 1 swap v[i] with v[below(i + 1)].
template <typename T> void seededShuffle(std::vector<T> &v, SeededRng &rng)
{
    for (size_t i = v.size(); i > 1; --i) {
        const size_t j = size_t(rng.below(quint64(i)));
        std::swap(v[i - 1], v[j]);
    }
}

} // namespace tc::core
