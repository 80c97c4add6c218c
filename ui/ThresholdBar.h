#pragma once

#include <QWidget>

class QComboBox;
class QLabel;
class QSlider;

namespace tc::ui {

// The two review thresholds (SSIM at or above, L2 at or below flags a pair) as sliders with their values,
// the live count of flagged candidates, which the owner computes through core and sets back, and which
// reference set's pairs are listed.
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
    QLabel *m_flagged = nullptr;
    QComboBox *m_set = nullptr;
    bool m_setting = false;
};

} // namespace tc::ui
