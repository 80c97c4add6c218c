#pragma once

#include "ui/ReviewSession.h"

#include <QColor>
#include <QLabel>

namespace tc::ui {

// The facts under the pair images: class, keyword and index of both sides, SSIM and L2, and what the
// review status means for export.
class PairDetails final : public QLabel {
    Q_OBJECT
public:
    explicit PairDetails(QWidget *parent = nullptr);

    void setCard(const PairCard &card);
    // The frame colour that tells a pair's status at a glance (invalid: not reviewed).
    static QColor statusColor(PairStatus status);
};

} // namespace tc::ui
