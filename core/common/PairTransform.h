#pragma once

#include <QString>
#include <array>
#include <optional>

namespace tc::core {

// How a candidate lines up with a reference image: the candidate shows the reference, mirrored
// left-right first when `mirrored`, then moved dx pixels right (negative: left) and dy pixels down
// (negative: up). candidate(y, x) ~ M(reference)(y - dy, x - dx) on the overlap of the two, where
// M mirrors when asked. Identity is the plain protocol's alignment.
struct PairTransform {
    static constexpr int kMaxShift = 2; // CIFAR's own training crops shift by up to a few pixels

    int dx = 0;
    int dy = 0;
    bool mirrored = false;

    bool isIdentity() const { return dx == 0 && dy == 0 && !mirrored; }
    bool operator==(const PairTransform &) const = default;

    // The overlap in candidate coordinates: rows [y0, y0 + height), columns [x0, x0 + width).
    int x0() const { return dx > 0 ? dx : 0; }
    int y0() const { return dy > 0 ? dy : 0; }
    int width() const;
    int height() const;

    // What the review pane says: "same alignment", "shifted 1 px right", "mirrored",
    // "mirrored, shifted 2 px up", "shifted 1 px left and 2 px down" (translatable, context PairTransform).
    QString describe() const;
    // Compact and stable, for CSV and the CLI: "none", "dx=1", "mirror", "mirror,dx=-1,dy=2".
    QString code() const;
    static std::optional<PairTransform> fromCode(const QString &code);
};

// Which transforms a search tries: only the identity (the plain protocol) or every shift up to
// +-kMaxShift in both axes, each also mirrored (50 in all). Stored as the dedup setting "transforms".
enum class TransformSet { None, ShiftFlip };

QString transformSetName(TransformSet set); // "none" or "shift-flip"
std::optional<TransformSet> transformSetFromName(const QString &name);

// Every transform of the set, the identity first.
constexpr int kShiftFlipTransforms = 2 * (2 * PairTransform::kMaxShift + 1) * (2 * PairTransform::kMaxShift + 1);
const std::array<PairTransform, kShiftFlipTransforms> &shiftFlipTransforms();

} // namespace tc::core
