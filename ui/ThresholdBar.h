#pragma once

#include <QWidget>

class QLabel;
class QSlider;

namespace tc::ui {

// The two review thresholds (SSIM at or above, L2 at or below flags a pair) as sliders with their values
// and the live count of flagged candidates, which the owner computes through core and sets back.
class ThresholdBar final : public QWidget {
    Q_OBJECT
public:
    explicit ThresholdBar(QWidget *parent = nullptr);

    double ssimThreshold() const;
    double l2Threshold() const;
    void setThresholds(double ssim, double l2);
    void setFlaggedCount(qint64 flagged, qint64 candidates);
    void setL2Maximum(double maximum);

    QSlider *ssimSlider() const { return m_ssim; }
    QSlider *l2Slider() const { return m_l2; }
    QString flaggedText() const;

signals:
    void thresholdsChanged(double ssim, double l2);

private:
    void onMoved();

    QSlider *m_ssim = nullptr;
    QSlider *m_l2 = nullptr;
    QLabel *m_ssimValue = nullptr;
    QLabel *m_l2Value = nullptr;
    QLabel *m_flagged = nullptr;
    bool m_setting = false;
};

} // namespace tc::ui
