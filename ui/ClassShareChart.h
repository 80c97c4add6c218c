#pragma once

#include <QChartView>
#include <QList>
#include <QStringList>

class QBarCategoryAxis;
class QValueAxis;

namespace tc::ui {

// Per-class bars of the share (in percent) of candidates removed as duplicates, stacked by kind
// (exact, near-duplicate marked, flagged and not yet reviewed) so a class that loses many images
// to one reference set stands out before export runs short.
class ClassShareChart final : public QChartView {
    Q_OBJECT
public:
    struct Layer {
        QString name;
        QColor color;
        QList<double> percent; // one per class
    };

    explicit ClassShareChart(QWidget *parent = nullptr);
    void setData(const QStringList &classes, const QList<Layer> &layers);

private:
    QBarCategoryAxis *m_x = nullptr;
    QValueAxis *m_y = nullptr;
};

} // namespace tc::ui
