#include "core/export/SeededShuffle.h"

namespace tc::core {

namespace {
// SplitMix64 finaliser: spreads (seed, stream) into well-mixed engine seeds, so streams 1 and 2
// of seed 0 do not start from nearly identical states.
quint64 mix(quint64 z)
{
    z += 0x9e3779b97f4a7c15ULL;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}
} // namespace

SeededRng::SeededRng(quint64 seed, quint64 stream, quint64 substream)
    : m_engine(mix(mix(mix(seed) ^ stream) ^ substream))
{}

quint64 SeededRng::below(quint64 bound)
{
    // Accept draws below the largest multiple of bound; at most half the draws are rejected.
    const quint64 limit = ~quint64(0) - (~quint64(0) % bound);
    quint64 x;
    do {
        x = next();
    } while (x >= limit);
    return x % bound;
}

} // namespace tc::core
