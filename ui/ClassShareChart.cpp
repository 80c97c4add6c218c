#include "ui/ClassShareChart.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QLegend>
#include <QStackedBarSeries>
#include <QValueAxis>
#include <algorithm>
#include <cmath>

namespace tc::ui {

ClassShareChart::ClassShareChart(QWidget *parent) : QChartView(parent)
{
    setRenderHint(QPainter::Antialiasing);
    auto *c = chart();
    c->setMargins(QMargins(4, 4, 4, 4));
    c->legend()->setAlignment(Qt::AlignBottom);
    m_x = new QBarCategoryAxis(this);
    m_y = new QValueAxis(this);
    m_y->setLabelFormat(QStringLiteral("%.0f %%"));
    m_y->setTitleText(tr("share of candidates"));
    c->addAxis(m_x, Qt::AlignBottom);
    c->addAxis(m_y, Qt::AlignLeft);
    setMinimumHeight(180);
}

void ClassShareChart::setData(const QStringList &classes, const QList<Layer> &layers)
{
    auto *c = chart();
    c->removeAllSeries();
    m_x->clear();
    m_x->append(classes);
    auto *series = new QStackedBarSeries;
    QList<double> totals(classes.size(), 0.0);
    for (const Layer &layer : layers) {
        auto *set = new QBarSet(layer.name);
        set->setColor(layer.color);
        for (int i = 0; i < classes.size(); ++i) {
            const double v = i < layer.percent.size() ? layer.percent[i] : 0.0;
            set->append(v);
            totals[i] += v;
        }
        series->append(set);
    }
    c->addSeries(series);
    series->attachAxis(m_x);
    series->attachAxis(m_y);
    // Round the axis up to a multiple of 5 % so small shares stay readable instead of hugging 100 %.
    const double top = totals.isEmpty() ? 0.0 : *std::max_element(totals.begin(), totals.end());
    m_y->setRange(0, std::max(5.0, std::ceil(top / 5.0) * 5.0));
}

} // namespace tc::ui
