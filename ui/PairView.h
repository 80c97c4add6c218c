#pragma once

#include <QImage>
#include <QString>
#include <QWidget>

namespace tc::ui {

// Paints a candidate and a reference image side by side, large and at the same integer scale with
// nearest-neighbour sampling, so a curator judges pixels rather than a smoothed blur. A third panel
// shows their difference or overlay when asked.
class PairView final : public QWidget {
    Q_OBJECT
public:
    enum class Extra { None, Difference, Overlay };
    Q_ENUM(Extra)

    explicit PairView(QWidget *parent = nullptr);

    // aligned: the reference moved the way the candidate shows it (core::PairTransform), which the
    // difference and overlay compare with the candidate; null: the reference as it is. alignment says
    // how in words ("shifted 1 px right"; empty when it is the reference as it is).
    void setImages(const QImage &candidate, const QImage &reference, const QImage &aligned = {},
                   const QString &alignment = {});
    void setCaptions(const QString &candidate, const QString &reference);
    void clear();
    void setExtra(Extra extra);
    Extra extra() const { return m_extra; }
    // Colour of the frame around the pair: tells the review status at a glance (invalid = none).
    void setFrameColor(const QColor &color);

    // The integer magnification every panel uses at the current size (tests and layout read it).
    int scale() const;
    // Panel i's caption (0 candidate, 1 reference, 2 difference/overlay) in full, and as painted at the
    // current size: elided in the middle when it does not fit (the tooltip over it gives it in full).
    QString caption(int panel) const;
    QString shownCaption(int panel) const;
    QRect captionRect(int panel) const; // where it is painted
    QSize minimumSizeHint() const override;
    QSize sizeHint() const override;

protected:
    bool event(QEvent *event) override;
    void paintEvent(QPaintEvent *event) override;

private:
    int panelCount() const;
    int captionHeight() const;
    QImage extraImage() const;
    QString extraCaption() const;
    QRect panelRect(int panel) const;
    void paintPanel(QPainter &p, int panel, const QImage &image) const;

    QImage m_candidate;
    QImage m_reference;
    QImage m_aligned;
    QString m_alignment;
    QString m_candidateCaption;
    QString m_referenceCaption;
    QColor m_frame;
    Extra m_extra = Extra::None;
};

} // namespace tc::ui
