#include "ui/ReviewStatsPanel.h"

#include "core/dedup/ExactGroupModel.h"
#include "ui/ClassShareChart.h"
#include "ui/ExactGroupsView.h"
#include "ui/HistogramChart.h"
#include "ui/ReviewSession.h"

#include <QLabel>
#include <QTabBar>
#include <QVBoxLayout>
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
    // Every tab in view and never elided: the panel is at least as wide as its tab bar.
    setUsesScrollButtons(false);
    setElideMode(Qt::ElideNone);
    // Short tab names, so the four tabs fit side by side; the tooltips say the rest.
    m_ssim = new HistogramChart(this);
    m_ssim->setToolTip(tr("Maximum SSIM of each candidate to any reference image; the dashed line is the "
                          "threshold, candidates right of it are flagged"));
    m_ssim->setAxisTitles(tr("max SSIM"), tr("candidates"));
    m_ssim->setRange(0.0, 1.0, kBins);
    m_ssim->setFlaggedAbove(true);
    m_l2 = new HistogramChart(this);
    m_l2->setToolTip(tr("Minimum L2 distance (0-255 pixels) of each candidate to any reference image; the dashed "
                        "line is the threshold, candidates left of it are flagged"));
    m_l2->setAxisTitles(tr("min L2"), tr("candidates"));
    m_l2->setRange(0.0, 5000.0, kBins);
    m_l2->setFlaggedAbove(false);
    m_exactTab = new QWidget(this);
    m_exactSummary = new QLabel(m_exactTab);
    m_exactSummary->setWordWrap(true);
    m_exact = new ExactGroupsView(m_exactTab);
    auto *exactLayout = new QVBoxLayout(m_exactTab);
    exactLayout->setContentsMargins(4, 4, 4, 4);
    exactLayout->addWidget(m_exactSummary);
    exactLayout->addWidget(m_exact, 1);
    m_shares = new ClassShareChart(this);
    m_shares->setToolTip(tr("Share of each class's candidates that export removes, by reason"));
    addTab(m_ssim, tr("SSIM"));
    setTabToolTip(0, m_ssim->toolTip());
    addTab(m_l2, tr("L2"));
    setTabToolTip(1, m_l2->toolTip());
    addTab(m_exactTab, tr("Exact copies"));
    setTabToolTip(2, tr("Byte-identical images: copies of reference images and identical candidates"));
    addTab(m_shares, tr("Per class"));
    setTabToolTip(3, m_shares->toolTip());
}

void ReviewStatsPanel::reload(const ReviewSession &session)
{
    m_ssim->setValues(session.maxSsimPerCandidate());
    std::vector<double> l2 = session.minL2PerCandidate();
    m_l2->setRange(0.0, l2AxisMaximum(l2), kBins);
    m_l2->setValues(std::move(l2));
    setThresholds(session.ssimThreshold(), session.l2Threshold());
    core::ExactGroupModel *groups = session.exactGroups();
    if (m_exact->groups() != groups)
        m_exact->setGroups(groups);
    using K = core::ExactGroupModel::GroupKind;
    setTabText(indexOf(m_exactTab), tr("Exact copies (%1)").arg(groups->groupCount()));
    m_exactSummary->setText(
        tr("%1 candidate(s) copy an exclude-set image: export removes them, they are not reviewed. %2 group(s) of "
           "identical candidates: export keeps one of each. %3 candidate(s) copy an avoid-set image: used last.")
            .arg(groups->candidateCount(K::ExcludeCopy))
            .arg(groups->groupCount(K::Identical))
            .arg(groups->candidateCount(K::AvoidCopy)));
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
    m_exact->setGroups(nullptr);
    m_exactSummary->clear();
    setTabText(indexOf(m_exactTab), tr("Exact copies"));
    m_shares->setData({}, {});
}

void ReviewStatsPanel::reloadShares(const ReviewSession &session)
{
    // The same reasons and counts as the threshold bar's line and the export (core::RemovalRule).
    ClassShareChart::Layer exact{tr("exact copy of an exclude image"), QColor(200, 50, 40), {}};
    ClassShareChart::Layer marked{tr("marked duplicate"), QColor(235, 140, 40), {}};
    ClassShareChart::Layer unreviewed{tr("unreviewed, above the thresholds"), QColor(245, 200, 80), {}};
    ClassShareChart::Layer identical{tr("identical copy of a kept candidate"), QColor(140, 110, 180), {}};
    for (const core::DuplicateTally &t : session.classTallies()) {
        const double n = double(std::max<qint64>(1, t.candidates));
        exact.percent << 100.0 * double(t.removed.excludeExact) / n;
        marked.percent << 100.0 * double(t.removed.markedDuplicate) / n;
        unreviewed.percent << 100.0 * double(t.removed.unreviewedAbove) / n;
        identical.percent << 100.0 * double(t.removed.internalExact) / n;
    }
    m_shares->setData(session.classNames(), {exact, marked, unreviewed, identical});
}

} // namespace tc::ui
