#pragma once

#include "ui/ReviewSession.h"

#include <QColor>
#include <QLabel>

namespace tc::ui {

// The facts under the pair images: class, keyword and name of both sides, SSIM and L2, the pair's review
// status, and what export does with the candidate (which another pair or an exact copy may decide).
class PairDetails final : public QLabel {
    Q_OBJECT
public:
    explicit PairDetails(QWidget *parent = nullptr);

    void setCard(const PairCard &card);
    // The frame colour that tells a pair's status at a glance (invalid: not reviewed).
    static QColor statusColor(PairStatus status);
    // What export does with a candidate, in words ("kept in export", "removed from export: ...").
    static QString outcomeText(core::Removal outcome);
    // The pair's status in words, for a pair with a set of this role ("exclude" or "avoid").
    static QString statusText(PairStatus status, const QString &setRole);
    // A reference set's role in the user's language ("exclude" and "avoid" are the stored names).
    static QString roleText(const QString &setRole);
    // How the pair's scores were aligned, in words; empty for a pair measured as it is.
    static QString alignmentText(const core::PairTransform &transform);
};

} // namespace tc::ui
