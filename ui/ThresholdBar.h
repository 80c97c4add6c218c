#pragma once

#include "core/dedup/DuplicateOutcomes.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QSlider;

namespace tc::ui {

// The two review thresholds (SSIM at or above, L2 at or below flags a pair) as sliders with their values,
// which reference set's pairs are listed, and under them the live counts the owner computes through core
// (core::DuplicateTally): candidates left to review, what an export removes and why, what it keeps.
class ThresholdBar final : public QWidget {
    Q_OBJECT
public:
    explicit ThresholdBar(QWidget *parent = nullptr);

    double ssimThreshold() const;
    double l2Threshold() const;
    void setThresholds(double ssim, double l2);
    void setTally(const core::DuplicateTally &tally);
    void setL2Maximum(double maximum);

    QSlider *ssimSlider() const { return m_ssim; }
    QSlider *l2Slider() const { return m_l2; }
    QString countsText() const; // the counts line as plain text

    // (id, name) of each set; keeps the chosen set when it is still there, else lists every set.
    void setReferenceSets(const QList<QPair<qint64, QString>> &sets);
    qint64 referenceSetId() const; // 0: every set
    QComboBox *referenceSetBox() const { return m_set; }

signals:
    void thresholdsChanged(double ssim, double l2);
    void referenceSetChanged(qint64 setId);

private:
    void onMoved();

    QSlider *m_ssim = nullptr;
    QSlider *m_l2 = nullptr;
    QLabel *m_ssimValue = nullptr;
    QLabel *m_l2Value = nullptr;
    QLabel *m_counts = nullptr;
    QComboBox *m_set = nullptr;
    bool m_setting = false;
};

} // namespace tc::ui
