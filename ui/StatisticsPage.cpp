#include "ui/StatisticsPage.h"

#include "core/project/Project.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QHorizontalBarSeries>
#include <QLabel>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QValueAxis>
#include <algorithm>

namespace tc::ui {

namespace {

QChartView *makeChartView(QChart *chart, QWidget *parent)
{
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->setAnimationOptions(QChart::NoAnimation); // refreshes must be instant, not a show
    auto *view = new QChartView(chart, parent);
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumHeight(260);
    return view;
}

// Replaces a chart's series and axes with one bar series; `horizontal` for long keyword lists.
void setBars(QChart *chart, QAbstractBarSeries *series, const QStringList &categories, qint64 maximum, bool horizontal)
{
    chart->removeAllSeries();
    for (QAbstractAxis *axis : chart->axes()) {
        chart->removeAxis(axis); // releases ownership: the axis is ours to delete
        delete axis;
    }
    chart->addSeries(series);
    auto *names = new QBarCategoryAxis(chart);
    names->setTruncateLabels(false); // "air..." and "..." told nobody which keyword a bar was
    if (!horizontal)
        names->setLabelsAngle(-40); // ten class names side by side would overlap
    names->append(categories);
    auto *values = new QValueAxis(chart);
    values->setRange(0, double(std::max<qint64>(1, maximum)) * 1.05);
    values->setLabelFormat(QStringLiteral("%d"));
    chart->addAxis(names, horizontal ? Qt::AlignLeft : Qt::AlignBottom);
    chart->addAxis(values, horizontal ? Qt::AlignBottom : Qt::AlignLeft);
    series->attachAxis(names);
    series->attachAxis(values);
}

QTableWidgetItem *numberItem(qint64 value)
{
    auto *item = new QTableWidgetItem;
    item->setData(Qt::DisplayRole, value); // numeric role: the column sorts as numbers
    item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
    return item;
}

} // namespace

StatisticsPage::StatisticsPage(QWidget *parent) : QWidget(parent)
{
    m_classChart = new QChart;
    m_classChart->setTitle(tr("Candidates and accepted images per class"));
    m_keywordChart = new QChart;
    m_class = new QComboBox(this);
    m_table = new QTableWidget(this);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSortingEnabled(true);
    m_table->verticalHeader()->hide();

    auto *keywordPane = new QWidget(this);
    auto *keywordLayout = new QVBoxLayout(keywordPane);
    auto *pick = new QHBoxLayout;
    pick->addWidget(new QLabel(tr("Keywords of class:"), keywordPane));
    pick->addWidget(m_class, 1);
    keywordLayout->addLayout(pick);
    keywordLayout->addWidget(makeChartView(m_keywordChart, keywordPane), 1);

    auto *charts = new QSplitter(Qt::Horizontal, this);
    charts->addWidget(makeChartView(m_classChart, charts));
    charts->addWidget(keywordPane);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(charts);
    split->addWidget(m_table);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(split);
    connect(m_class, &QComboBox::currentIndexChanged, this, &StatisticsPage::refreshKeywordChart);
}

void StatisticsPage::setProject(core::Project *project)
{
    m_project = project;
    const QSignalBlocker block(m_class);
    m_class->clear();
    if (project)
        for (const auto &c : project->classes())
            m_class->addItem(c.name, c.id);
    refresh();
}

void StatisticsPage::refresh()
{
    if (!m_project) {
        m_classChart->removeAllSeries();
        m_keywordChart->removeAllSeries();
        m_table->setRowCount(0);
        return;
    }
    refreshClassChart();
    refreshKeywordChart();
    refreshTable();
}

void StatisticsPage::refreshClassChart()
{
    auto *candidates = new QBarSet(tr("Candidates"));
    auto *accepted = new QBarSet(tr("Accepted"));
    QStringList names;
    qint64 maximum = 0, target = 0;
    for (const auto &row : m_project->classStats()) {
        names << row.className;
        *candidates << double(row.candidates);
        *accepted << double(row.accepted);
        maximum = std::max(maximum, row.candidates);
        target = std::max(target, row.quota);
    }
    auto *series = new QBarSeries;
    series->append({candidates, accepted});
    setBars(m_classChart, series, names, maximum, false);
    // The target (6,000 by default) would dwarf early counts as a bar: it goes in the title instead.
    m_classChart->setTitle(tr("Candidates and accepted images per class (target %1 per class)").arg(target));
}

void StatisticsPage::refreshKeywordChart()
{
    if (!m_project)
        return;
    const qint64 classId = m_class->currentData().toLongLong();
    m_keywordChart->setTitle(tr("Accepted against quota: %1").arg(m_class->currentText()));
    auto *accepted = new QBarSet(tr("Accepted"));
    auto *quota = new QBarSet(tr("Quota"));
    QStringList names;
    qint64 maximum = 0;
    for (const auto &row : m_project->keywordStats()) {
        if (row.classId != classId)
            continue;
        names.prepend(row.keyword); // horizontal bars draw bottom-up; prepend keeps catalog order top-down
        accepted->insert(0, double(row.accepted));
        quota->insert(0, double(row.quota));
        maximum = std::max({maximum, row.accepted, row.quota});
    }
    auto *series = new QHorizontalBarSeries;
    series->append({accepted, quota});
    setBars(m_keywordChart, series, names, maximum, true);
    // Classes have up to ~40 keywords: a small font keeps every keyword name readable instead of elided.
    QFont small = m_keywordChart->font();
    small.setPointSizeF(small.pointSizeF() * 0.75);
    m_keywordChart->axes(Qt::Vertical).constFirst()->setLabelsFont(small);
}

void StatisticsPage::refreshTable()
{
    const QStringList headers{tr("Class"),    tr("Keyword"),  tr("Catalog"), tr("Candidates"), tr("Decided"),
                              tr("Accepted"), tr("Rejected"), tr("Unsure"),  tr("Quota"),      tr("Missing")};
    const auto rows = m_project->keywordStats();
    m_table->setSortingEnabled(false); // filling a sorted table would reorder rows under our feet
    m_table->clear();
    m_table->setColumnCount(int(headers.size()));
    m_table->setHorizontalHeaderLabels(headers);
    m_table->setRowCount(int(rows.size()));
    for (int r = 0; r < rows.size(); ++r) {
        const auto &s = rows[r];
        m_table->setItem(r, 0, new QTableWidgetItem(s.className));
        m_table->setItem(r, 1, new QTableWidgetItem(s.absent ? tr("%1 (absent)").arg(s.keyword) : s.keyword));
        const qint64 values[] = {s.catalogCount, s.candidates, s.decided, s.accepted,
                                 s.rejected,     s.unsure,     s.quota,   std::max<qint64>(0, s.quota - s.accepted)};
        for (int c = 0; c < 8; ++c)
            m_table->setItem(r, c + 2, numberItem(values[c]));
    }
    m_table->setSortingEnabled(true);
    m_table->resizeColumnsToContents();
}

} // namespace tc::ui
