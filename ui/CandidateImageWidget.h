#pragma once

#include <QImage>
#include <QWidget>

namespace tc::ui {

// Paints one 32x32 candidate as large as fits, nearest-neighbour by default (a smooth toggle exists because
// some annotators find blurred upscales easier to read). It paints straight from the QImage: no QPixmap
// conversion and no scaled copy, so a new image costs one drawImage().
class CandidateImageWidget final : public QWidget {
    Q_OBJECT
public:
    explicit CandidateImageWidget(QWidget *parent = nullptr);

    void setImage(const QImage &image);
    QImage image() const { return m_image; }
    void setSmooth(bool smooth);
    bool isSmooth() const { return m_smooth; }
    // Text drawn instead of an image (e.g. "No candidates match the filter").
    void setPlaceholder(const QString &text);

    QSize sizeHint() const override { return {384, 384}; }
    QSize minimumSizeHint() const override { return {128, 128}; }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QImage m_image;
    QString m_placeholder;
    bool m_smooth = false;
};

} // namespace tc::ui
