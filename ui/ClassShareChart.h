#pragma once

#include <QList>
#include <QStringList>
#include <QWidget>

class QCategoryAxis;
class QChart;
class QChartView;
class QLabel;
class QValueAxis;

namespace tc::ui {

// Per-class bars of the share (in percent) of candidates removed as duplicates, stacked by reason (exact
// copy, marked duplicate, unreviewed above the thresholds, identical copy) so a class that loses many
// images to one reference set stands out before export runs short. The bars lie horizontally with the
// class names beside them (ten names never fit under vertical bars in a side panel), and the legend is a
// wrapped label under the chart, so no name is cut.
class ClassShareChart final : public QWidget {
    Q_OBJECT
public:
    struct Layer {
        QString name;
        QColor color;
        QList<double> percent; // one per class
    };

    explicit ClassShareChart(QWidget *parent = nullptr);
    void setData(const QStringList &classes, const QList<Layer> &layers);

    QChart *chart() const;
    QChartView *chartView() const { return m_view; }
    QLabel *legend() const { return m_legend; }
    double valueTickInterval() const;

private:
    void updateTicks();

    QChartView *m_view = nullptr;
    QLabel *m_legend = nullptr;
    QCategoryAxis *m_classes = nullptr;
    QValueAxis *m_percent = nullptr;
    double m_top = 5.0;
};

} // namespace tc::ui
