#include "ui/HistogramChart.h"

#include <QAreaSeries>
#include <QChart>
#include <QFontMetricsF>
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
    for (QValueAxis *axis : {m_x, m_y}) {
        axis->setTickType(QValueAxis::TicksDynamic);
        axis->setTickAnchor(0.0);
    }
    setMinimumHeight(180);
    // The plot's size decides how many labels fit; it is known only after the chart's layout.
    connect(c, &QChart::plotAreaChanged, this, &HistogramChart::updateTicks);
    rebuildSeries();
}

namespace {
// The smallest of 1, 2, 2.5, 5 x 10^k that is at least `minimum`.
double niceStep(double minimum, bool integer)
{
    if (!(minimum > 0))
        return 1.0;
    const double power = std::pow(10.0, std::floor(std::log10(minimum)));
    for (double m : {1.0, 2.0, 2.5, 5.0, 10.0}) {
        const double step = m * power;
        if (step >= minimum * (1 - 1e-9) && (!integer || step >= 1.0) && (!integer || std::floor(step) == step))
            return step;
    }
    return 10.0 * power;
}

int decimalsOf(double step)
{
    int d = 0;
    while (d < 6 && std::abs(step * std::pow(10.0, d) - std::round(step * std::pow(10.0, d))) > 1e-9)
        ++d;
    return d;
}
} // namespace

double HistogramChart::xTickInterval() const
{
    return m_x->tickInterval();
}
double HistogramChart::yTickInterval() const
{
    return m_y->tickInterval();
}

void HistogramChart::updateTicks()
{
    const QRectF plot = chart()->plotArea();
    if (plot.width() <= 0 || plot.height() <= 0)
        return;
    // x: each label needs its own width plus half of it again between neighbours.
    const QFontMetricsF fx(m_x->labelsFont());
    double step = (m_hi - m_lo) / 10.0;
    for (int i = 0; i < 8; ++i) {
        const QString widest = QString::number(m_hi, 'f', decimalsOf(step));
        const double needed = 1.5 * fx.horizontalAdvance(widest) + 6.0;
        const double minimum = needed * (m_hi - m_lo) / plot.width();
        const double next = niceStep(std::max(minimum, (m_hi - m_lo) / 10.0), false);
        if (next == step)
            break;
        step = next;
    }
    if (m_x->tickInterval() != step || m_x->labelFormat() != QStringLiteral("%.%1f").arg(decimalsOf(step))) {
        m_x->setTickAnchor(m_lo);
        m_x->setTickInterval(step);
        m_x->setLabelFormat(QStringLiteral("%.%1f").arg(decimalsOf(step)));
    }
    // y: whole counts, a line and a half of height per label.
    const QFontMetricsF fy(m_y->labelsFont());
    const double ystep = niceStep(1.5 * fy.height() * m_yTop / plot.height(), true);
    if (m_y->tickInterval() != ystep)
        m_y->setTickInterval(ystep);
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
    // Integer counts (labels never repeat as "0 0 1 1"), with some room above the highest bar.
    const int yTop = top <= 5 ? top : int(std::ceil(top * 1.08));
    m_yTop = yTop;
    m_y->setRange(0, yTop);
    updateTicks();
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
