#include "ui/HistogramChart.h"

#include <QAreaSeries>
#include <QChart>
#include <QLineSeries>
#include <QValueAxis>
#include <algorithm>
#include <cmath>

namespace tc::ui {

HistogramChart::HistogramChart(QWidget *parent) : QChartView(parent), m_counts(50, 0)
{
    setRenderHint(QPainter::Antialiasing);
    auto *c = chart();
    c->legend()->hide();
    c->setMargins(QMargins(4, 4, 4, 4));
    m_x = new QValueAxis(this);
    m_y = new QValueAxis(this);
    m_y->setLabelFormat(QStringLiteral("%d"));
    c->addAxis(m_x, Qt::AlignBottom);
    c->addAxis(m_y, Qt::AlignLeft);
    setMinimumHeight(180);
    rebuildSeries();
}

void HistogramChart::setRange(double lo, double hi, int bins)
{
    m_lo = lo;
    m_hi = hi > lo ? hi : lo + 1.0;
    m_counts.assign(std::size_t(std::max(1, bins)), 0);
    rebin();
}

void HistogramChart::setValues(std::vector<double> values)
{
    m_values = std::move(values);
    rebin();
}

void HistogramChart::setThreshold(double threshold)
{
    m_threshold = threshold;
    rebuildSeries();
}

void HistogramChart::setFlaggedAbove(bool above)
{
    m_flaggedAbove = above;
    rebuildSeries();
}

void HistogramChart::setAxisTitles(const QString &x, const QString &y)
{
    m_x->setTitleText(x);
    m_y->setTitleText(y);
}

int HistogramChart::flaggedCount() const
{
    return int(std::count_if(m_values.begin(), m_values.end(),
                             [this](double v) { return m_flaggedAbove ? v >= m_threshold : v <= m_threshold; }));
}

void HistogramChart::rebin()
{
    std::fill(m_counts.begin(), m_counts.end(), 0);
    const int bins = int(m_counts.size());
    const double width = (m_hi - m_lo) / bins;
    for (double v : m_values) {
        if (!std::isfinite(v))
            continue;
        const int b = std::clamp(int(std::floor((v - m_lo) / width)), 0, bins - 1);
        ++m_counts[std::size_t(b)];
    }
    rebuildSeries();
}

bool HistogramChart::binFlagged(int bin) const
{
    // A bin counts as flagged by its centre; the exact count is in flaggedCount().
    const double centre = m_lo + (bin + 0.5) * (m_hi - m_lo) / double(m_counts.size());
    return m_flaggedAbove ? centre >= m_threshold : centre <= m_threshold;
}

QAreaSeries *HistogramChart::makeArea(bool flagged, const QColor &color)
{
    // Bars as a stepped outline: bins on the other side of the threshold stay at zero height.
    auto *upper = new QLineSeries;
    const double width = (m_hi - m_lo) / double(m_counts.size());
    for (int b = 0; b < int(m_counts.size()); ++b) {
        const double h = binFlagged(b) == flagged ? m_counts[std::size_t(b)] : 0.0;
        upper->append(m_lo + b * width, h);
        upper->append(m_lo + (b + 1) * width, h);
    }
    auto *area = new QAreaSeries(upper);
    upper->setParent(area); // QAreaSeries does not own its boundary series; removeAllSeries() deletes the area
    area->setColor(color);
    area->setBorderColor(color.darker(130));
    return area;
}

void HistogramChart::rebuildSeries()
{
    auto *c = chart();
    c->removeAllSeries();
    const int top = std::max(1, *std::max_element(m_counts.begin(), m_counts.end()));
    m_x->setRange(m_lo, m_hi);
    // Integer counts: small maxima get one tick per count, so labels never repeat ("0 0 1 1").
    const int yTop = top <= 5 ? top : int(std::ceil(top * 1.08));
    m_y->setRange(0, yTop);
    m_y->setTickCount(std::min(yTop, 5) + 1);
    auto *line = new QLineSeries;
    line->append(m_threshold, 0);
    line->append(m_threshold, yTop);
    QPen pen(QColor(200, 30, 30), 2, Qt::DashLine);
    line->setPen(pen);
    for (QAbstractSeries *s :
         {static_cast<QAbstractSeries *>(makeArea(false, QColor(90, 130, 190))),
          static_cast<QAbstractSeries *>(makeArea(true, QColor(235, 140, 40))), static_cast<QAbstractSeries *>(line)}) {
        c->addSeries(s);
        s->attachAxis(m_x);
        s->attachAxis(m_y);
    }
}

} // namespace tc::ui
