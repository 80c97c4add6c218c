#include "ui/StatisticsPage.h"

#include "core/project/Project.h"
#include "ui/TableItems.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QHorizontalBarSeries>
#include <QLabel>
#include <QScrollArea>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>
#include <QValueAxis>
#include <algorithm>

namespace tc::ui {

namespace {

// The chart sits in a vertical scroll area: a class with 40 keywords (or CIFAR-100's 100 classes) gets the
// height its names need instead of Qt Charts dropping the names that would overlap.
QScrollArea *makeChartView(QChart *chart, QWidget *parent)
{
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->setAnimationOptions(QChart::NoAnimation); // refreshes must be instant, not a show
    auto *scroll = new QScrollArea(parent);
    scroll->setWidgetResizable(true);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setFrameShape(QFrame::NoFrame);
    auto *view = new QChartView(chart, scroll);
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumHeight(260);
    scroll->setWidget(view);
    return scroll;
}

// Replaces a chart's series and axes with horizontal bars, names on the vertical axis. Names stay horizontal
// and whole: rotated category labels at the bottom lost the first one ("airplane") past the plot's left edge,
// and a vertical list takes any number of names, one per line.
void setBars(QChart *chart, QHorizontalBarSeries *series, const QStringList &categories, qint64 maximum)
{
    chart->removeAllSeries();
    for (QAbstractAxis *axis : chart->axes()) {
        chart->removeAxis(axis); // releases ownership: the axis is ours to delete
        delete axis;
    }
    series->setBarWidth(0.8);
    chart->addSeries(series);
    auto *names = new QBarCategoryAxis(chart);
    names->setTruncateLabels(false); // "air..." and "..." told nobody which keyword a bar was
    names->append(categories);
    auto *values = new QValueAxis(chart);
    values->setRange(0, double(std::max<qint64>(1, maximum)));
    values->applyNiceNumbers(); // ticks at 0, 200, 400 rather than 0, 251, 503
    values->setLabelFormat(QStringLiteral("%d"));
    chart->addAxis(names, Qt::AlignLeft);
    chart->addAxis(values, Qt::AlignBottom);
    series->attachAxis(names);
    series->attachAxis(values);
    // Long lists in a smaller font, so a class's keywords mostly fit without scrolling.
    QFont font = chart->font();
    if (categories.size() > 12)
        font.setPointSizeF(font.pointSizeF() * 0.8);
    names->setLabelsFont(font);
    // One line per name plus some air (Qt Charts hides a label that would touch its neighbour); the title,
    // legend and value axis take about six lines more.
    const QFontMetrics labelMetrics(font), other(chart->font());
    const int height = int(categories.size()) * (labelMetrics.height() + 4) + 6 * other.height() + 60;
    if (auto *view = qobject_cast<QChartView *>(chart->scene()->views().value(0)))
        view->setMinimumHeight(std::max(260, height));
}

// The same colour for "accepted" in both charts; a quota is a target, drawn in a quiet grey.
const QColor kAccepted(0x2e, 0x9d, 0x4f);
const QColor kCandidates(0x20, 0x9f, 0xdf);
const QColor kQuota(0xb0, 0xb7, 0xc0);

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
    // Both charts need room for whole names: neither may be squeezed to a sliver by the other's size hint.
    charts->setChildrenCollapsible(false);
    charts->setStretchFactor(0, 2);
    charts->setStretchFactor(1, 3);
    charts->widget(0)->setMinimumWidth(320);
    keywordPane->setMinimumWidth(360);
    charts->setSizes({2000, 3000}); // proportions: the splitter scales them to its width
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(charts);
    split->addWidget(m_table);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setSizes({3000, 2000});
    // The one definition of "accepted" every count on this page follows (core/project/AcceptRule.h).
    m_rule = new QComboBox(this);
    for (core::AcceptRule rule : core::allAcceptRules())
        m_rule->addItem(core::acceptRuleName(rule), int(rule));
    m_rule->setToolTip(tr("Which candidates count as accepted, for these statistics, the quotas, the Verify "
                          "filters, the Agreement dialog and the export."));
    m_ruleSummary = new QLabel(this);
    m_ruleSummary->setWordWrap(true);
    auto *ruleRow = new QHBoxLayout;
    ruleRow->addWidget(new QLabel(tr("Accept &rule:"), this));
    ruleRow->addWidget(m_rule);
    ruleRow->addWidget(m_ruleSummary, 1);
    qobject_cast<QLabel *>(ruleRow->itemAt(0)->widget())->setBuddy(m_rule);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(ruleRow);
    layout->addWidget(split);
    connect(m_class, &QComboBox::currentIndexChanged, this, &StatisticsPage::refreshKeywordChart);
    connect(m_rule, &QComboBox::activated, this, &StatisticsPage::changeRule);
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
        m_ruleSummary->clear();
        return;
    }
    refreshRule();
    refreshClassChart();
    refreshKeywordChart();
    refreshTable();
}

void StatisticsPage::refreshRule()
{
    const core::AcceptRule rule = m_project->acceptRule();
    {
        const QSignalBlocker block(m_rule);
        m_rule->setCurrentIndex(m_rule->findData(int(rule)));
    }
    qint64 accepted = 0, conflicts = 0, awaiting = 0;
    for (const auto &c : m_project->classStats()) {
        accepted += c.accepted;
        conflicts += c.conflicts;
        awaiting += c.awaiting;
    }
    QString text = tr("%1. Accepted: <b>%2</b>, unsettled conflicts: <b>%3</b>, awaiting adjudication: <b>%4</b> "
                      "(settle them in Tools > Annotator Agreement).")
                       .arg(core::acceptRuleDescriptionShown(rule).toHtmlEscaped())
                       .arg(accepted)
                       .arg(conflicts)
                       .arg(awaiting);
    if (!m_lastChange.isEmpty())
        text += QStringLiteral("<br>") + m_lastChange.toHtmlEscaped();
    m_ruleSummary->setText(text);
}

void StatisticsPage::changeRule()
{
    if (!m_project)
        return;
    const auto rule = core::AcceptRule(m_rule->currentData().toInt());
    if (rule == m_project->acceptRule())
        return;
    core::FinalShift shift;
    m_lastChange = m_project->setAcceptRule(rule, &shift)
                       ? tr("Rule changed to %1: %2.").arg(core::acceptRuleName(rule), shift.summary())
                       : tr("Could not change the rule: %1").arg(m_project->errorString());
    refresh(); // setAcceptRule() also announces contentsChanged() to whoever else shows counts
    m_lastChange.clear();
}

void StatisticsPage::refreshClassChart()
{
    auto *candidates = new QBarSet(tr("Candidates"));
    auto *accepted = new QBarSet(tr("Accepted"));
    candidates->setColor(kCandidates);
    accepted->setColor(kAccepted);
    QStringList names;
    qint64 maximum = 0, target = 0;
    for (const auto &row : m_project->classStats()) {
        names.prepend(row.className); // horizontal bars draw bottom-up; prepend keeps label order top-down
        candidates->insert(0, double(row.candidates));
        accepted->insert(0, double(row.accepted));
        maximum = std::max(maximum, row.candidates);
        target = std::max(target, row.quota);
    }
    auto *series = new QHorizontalBarSeries;
    series->append({candidates, accepted});
    setBars(m_classChart, series, names, maximum);
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
    accepted->setColor(kAccepted);
    quota->setColor(kQuota);
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
    setBars(m_keywordChart, series, names, maximum);
}

void StatisticsPage::refreshTable()
{
    const QStringList headers{tr("Class"),   tr("Keyword"),  tr("Catalog"),   tr("Candidates"),
                              tr("Decided"), tr("Accepted"), tr("Rejected"),  tr("Unsure"),
                              tr("Quota"),   tr("Missing"),  tr("Conflicts"), tr("Awaiting")};
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
                                 s.rejected,     s.unsure,     s.quota,   std::max<qint64>(0, s.quota - s.accepted),
                                 s.conflicts,    s.awaiting};
        for (int c = 0; c < 10; ++c)
            m_table->setItem(r, c + 2, numberItem(values[c]));
    }
    m_table->setSortingEnabled(true);
    m_table->resizeColumnsToContents();
}

} // namespace tc::ui
