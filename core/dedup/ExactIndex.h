#pragma once

#include <QtGlobal>
#include <cstdint>
#include <functional>
#include <vector>

namespace tc::core {

// The one definition of "the same image" (all 3072 canonical bytes equal) and the one way to find
// copies: a 64-bit hash narrows the search, a byte compare confirms every match, so a hash
// collision never merges two images. Every exact-copy search asks this class: the duplicate
// search's (ExactDuplicates), the export's own check against the reference sets
// (ExportSource::compareWithReferences) and its identical-candidates step (SelectionPolicy).
class ExactIndex final {
public:
    // imageAt(i) is the i-th image (kImageBytes), for i in [0, count); called while the index lives.
    using ImageAt = std::function<const std::uint8_t *(qsizetype)>;

    ExactIndex(qsizetype count, ImageAt imageAt, int threads = 0);
    // count images stored one after another.
    ExactIndex(const std::uint8_t *images, qsizetype count, int threads = 0);

    // The hash of one image (word-at-a-time multiply-rotate mixing): equal images, equal hashes.
    static std::uint64_t hash(const std::uint8_t *image);

    // Calls f(i) for every indexed image identical to `image`, in ascending i. imageHash: hash(image).
    template <typename F> void forEachCopy(const std::uint8_t *image, std::uint64_t imageHash, F &&f) const
    {
        for (std::size_t k = lowerBound(imageHash); k < m_keys.size() && m_keys[k].hash == imageHash; ++k)
            if (same(m_keys[k].index, image))
                f(m_keys[k].index);
    }
    template <typename F> void forEachCopy(const std::uint8_t *image, F &&f) const
    {
        forEachCopy(image, hash(image), std::forward<F>(f));
    }

    // The groups of identical indexed images (at least two each), members ascending, groups ordered by
    // their first member: with images in candidate-id order, members[0] is the copy that is kept.
    std::vector<std::vector<qsizetype>> groups() const;

private:
    struct Keyed {
        std::uint64_t hash;
        qsizetype index;
        bool operator<(const Keyed &o) const { return hash < o.hash || (hash == o.hash && index < o.index); }
    };
    std::size_t lowerBound(std::uint64_t h) const;
    bool same(qsizetype i, const std::uint8_t *image) const;

    ImageAt m_imageAt;
    std::vector<Keyed> m_keys; // sorted: equal images sit together, in ascending index
};

} // namespace tc::core
