#include "ui/ClassShareChart.h"

#include <QBarSet>
#include <QCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QFontMetricsF>
#include <QHorizontalStackedBarSeries>
#include <QLabel>
#include <QLegend>
#include <QVBoxLayout>
#include <QValueAxis>
#include <algorithm>
#include <cmath>

namespace tc::ui {

ClassShareChart::ClassShareChart(QWidget *parent) : QWidget(parent)
{
    m_view = new QChartView(this);
    m_view->setRenderHint(QPainter::Antialiasing);
    m_view->setMinimumHeight(180);
    auto *c = m_view->chart();
    c->setMargins(QMargins(4, 4, 4, 4));
    c->legend()->hide();
    // A category axis with a label on each bar's value: Qt Charts' bar-category axis elided the names
    // ("ar...") or dropped the first and last one in a side panel.
    m_classes = new QCategoryAxis(this);
    m_classes->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    m_classes->setTruncateLabels(false);
    m_classes->setGridLineVisible(false);
    m_percent = new QValueAxis(this);
    m_percent->setTitleText(tr("% of the class's candidates"));
    m_percent->setTickType(QValueAxis::TicksDynamic);
    m_percent->setTickAnchor(0.0);
    m_percent->setLabelFormat(QStringLiteral("%d"));
    c->addAxis(m_classes, Qt::AlignLeft);
    c->addAxis(m_percent, Qt::AlignBottom);
    connect(c, &QChart::plotAreaChanged, this, &ClassShareChart::updateTicks);
    m_legend = new QLabel(this);
    m_legend->setWordWrap(true);
    m_legend->setTextFormat(Qt::RichText);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_legend);
}

QChart *ClassShareChart::chart() const
{
    return m_view->chart();
}

double ClassShareChart::valueTickInterval() const
{
    return m_percent->tickInterval();
}

void ClassShareChart::setData(const QStringList &classes, const QList<Layer> &layers)
{
    auto *c = chart();
    c->removeAllSeries();
    for (const QString &label : m_classes->categoriesLabels())
        m_classes->remove(label);
    // The first class on top, as in a table: bar i (from the bottom) is class n - 1 - i.
    for (int i = 0; i < classes.size(); ++i)
        m_classes->append(classes[classes.size() - 1 - i], i);
    m_classes->setRange(-0.5, std::max<qsizetype>(1, classes.size()) - 0.5);
    auto *series = new QHorizontalStackedBarSeries;
    QList<double> totals(classes.size(), 0.0);
    QStringList legend;
    for (const Layer &layer : layers) {
        auto *set = new QBarSet(layer.name);
        set->setColor(layer.color);
        for (int i = classes.size() - 1; i >= 0; --i) {
            const double v = i < layer.percent.size() ? layer.percent[i] : 0.0;
            set->append(v);
            totals[i] += v;
        }
        series->append(set);
        legend << QStringLiteral("<span style=\"color:%1\">&#9632;</span>&nbsp;%2")
                      .arg(layer.color.name(), layer.name.toHtmlEscaped());
    }
    c->addSeries(series);
    series->attachAxis(m_classes);
    series->attachAxis(m_percent);
    m_legend->setText(legend.join(QStringLiteral(" &nbsp; ")));
    // Round the axis up to a multiple of 5 % so small shares stay readable instead of hugging 100 %.
    const double top = totals.isEmpty() ? 0.0 : *std::max_element(totals.begin(), totals.end());
    m_top = std::max(5.0, std::ceil(top / 5.0) * 5.0);
    m_percent->setRange(0, m_top);
    updateTicks();
}

void ClassShareChart::updateTicks()
{
    const QRectF plot = chart()->plotArea();
    if (plot.width() <= 0)
        return;
    // Whole percents, each label with its own width again as space between neighbours.
    const double needed = 2.0 * QFontMetricsF(m_percent->labelsFont()).horizontalAdvance(QStringLiteral("100")) + 6.0;
    double step = 1.0;
    for (double s : {1.0, 2.0, 5.0, 10.0, 20.0, 25.0, 50.0, 100.0}) {
        step = s;
        if (m_top / s * needed <= plot.width())
            break;
    }
    if (m_percent->tickInterval() != step)
        m_percent->setTickInterval(step);
}

} // namespace tc::ui
