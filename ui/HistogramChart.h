#pragma once

#include <QChartView>
#include <vector>

class QAreaSeries;
class QLineSeries;
class QValueAxis;

namespace tc::ui {

// A histogram of one value per candidate (its maximum SSIM, or its minimum L2) with the review threshold
// drawn as a vertical line and the flagged side filled in a warning colour, as in the CIFAR-10.2 analysis.
class HistogramChart final : public QChartView {
    Q_OBJECT
public:
    explicit HistogramChart(QWidget *parent = nullptr);

    // The x range is fixed by the caller (SSIM: 0..1, L2: 0..max) so the chart does not jump as data
    // arrives; values outside it land in the first or last bin.
    void setRange(double lo, double hi, int bins);
    void setValues(std::vector<double> values);
    void setThreshold(double threshold);
    // SSIM flags values at or above the threshold, L2 at or below.
    void setFlaggedAbove(bool above);
    void setAxisTitles(const QString &x, const QString &y);

    const std::vector<int> &binCounts() const { return m_counts; }
    // The axes' tick steps: as many round-numbered labels as fit the plot, so none is cut ("0... 0...").
    double xTickInterval() const;
    double yTickInterval() const;
    int flaggedCount() const;
    double threshold() const { return m_threshold; }

private:
    void updateTicks();
    void rebin();
    void rebuildSeries();
    bool binFlagged(int bin) const;
    QAreaSeries *makeArea(bool flagged, const QColor &color);

    std::vector<double> m_values;
    std::vector<int> m_counts;
    double m_lo = 0.0;
    double m_hi = 1.0;
    double m_threshold = 0.75;
    bool m_flaggedAbove = true;
    QValueAxis *m_x = nullptr;
    QValueAxis *m_y = nullptr;
    int m_yTop = 1;
};

} // namespace tc::ui
