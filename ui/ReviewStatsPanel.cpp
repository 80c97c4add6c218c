#include "ui/ReviewStatsPanel.h"

#include "ui/ClassShareChart.h"
#include "ui/ExactGroupsView.h"
#include "ui/HistogramChart.h"
#include "ui/ReviewSession.h"

#include <QChart>
#include <algorithm>
#include <cmath>

namespace tc::ui {

namespace {
constexpr int kBins = 50;
// L2 on 0-255 pixels of 3072 values reaches ~14,000; near-duplicates live far below. Cap the axis at a
// round number above the data's bulk so the threshold region is not squeezed into one bin.
double l2AxisMaximum(const std::vector<double> &values)
{
    if (values.empty())
        return 5000.0;
    std::vector<double> sorted(values);
    const auto q = sorted.begin() + std::ptrdiff_t(sorted.size() * 95 / 100);
    std::nth_element(sorted.begin(), q, sorted.end());
    return std::max(2000.0, std::ceil(*q / 1000.0) * 1000.0);
}
} // namespace

ReviewStatsPanel::ReviewStatsPanel(QWidget *parent) : QTabWidget(parent)
{
    m_ssim = new HistogramChart(this);
    m_ssim->chart()->setTitle(tr("Maximum SSIM of each candidate to any reference"));
    m_ssim->setAxisTitles(tr("max SSIM"), tr("candidates"));
    m_ssim->setRange(0.0, 1.0, kBins);
    m_ssim->setFlaggedAbove(true);
    m_l2 = new HistogramChart(this);
    m_l2->chart()->setTitle(tr("Minimum L2 distance of each candidate to any reference"));
    m_l2->setAxisTitles(tr("min L2 (0-255 pixels)"), tr("candidates"));
    m_l2->setRange(0.0, 5000.0, kBins);
    m_l2->setFlaggedAbove(false);
    m_exact = new ExactGroupsView(this);
    m_shares = new ClassShareChart(this);
    m_shares->chart()->setTitle(tr("Share of each class's candidates removed or flagged as duplicates"));
    addTab(m_ssim, tr("SSIM histogram"));
    addTab(m_l2, tr("L2 histogram"));
    addTab(m_exact, tr("Exact duplicates"));
    addTab(m_shares, tr("Per class"));
}

void ReviewStatsPanel::reload(const ReviewSession &session)
{
    m_ssim->setValues(session.maxSsimPerCandidate());
    std::vector<double> l2 = session.minL2PerCandidate();
    m_l2->setRange(0.0, l2AxisMaximum(l2), kBins);
    m_l2->setValues(std::move(l2));
    setThresholds(session.ssimThreshold(), session.l2Threshold());
    const QList<ExactGroup> groups = session.exactGroups();
    m_exact->setGroups(groups);
    setTabText(indexOf(m_exact), tr("Exact duplicates (%1)").arg(groups.size()));
    reloadShares(session);
}

void ReviewStatsPanel::setThresholds(double ssim, double l2)
{
    m_ssim->setThreshold(ssim);
    m_l2->setThreshold(l2);
}

void ReviewStatsPanel::clear()
{
    m_ssim->setValues({});
    m_l2->setValues({});
    m_exact->setGroups({});
    m_shares->setData({}, {});
}

void ReviewStatsPanel::reloadShares(const ReviewSession &session)
{
    QStringList classes;
    ClassShareChart::Layer exact{tr("exact copy"), QColor(200, 50, 40), {}};
    ClassShareChart::Layer near{tr("near duplicate (flagged or marked)"), QColor(235, 140, 40), {}};
    for (const core::ClassDuplicateShare &s : session.classShares()) {
        classes << s.className;
        const double n = double(std::max<qint64>(1, s.candidates));
        exact.percent << 100.0 * double(s.exact) / n;
        near.percent << 100.0 * double(s.near) / n;
    }
    m_shares->setData(classes, {exact, near});
}

} // namespace tc::ui
