#pragma once

#include <QTabWidget>

class QLabel;

namespace tc::ui {

class ClassShareChart;
class ExactGroupsView;
class HistogramChart;
class ReviewSession;

// The review pane's overview: histograms of each candidate's maximum SSIM and minimum L2 with the
// thresholds drawn (as in the CIFAR-10.2 analysis), the exact-duplicate groups (copies of exclude images
// are removed there, not reviewed) and per class the share of candidates export removes, by reason.
// Everything comes from the session; the panel only lays it out.
class ReviewStatsPanel final : public QTabWidget {
    Q_OBJECT
public:
    explicit ReviewStatsPanel(QWidget *parent = nullptr);

    // Re-reads histograms, groups and shares (after a dedup run or a review).
    void reload(const ReviewSession &session);
    // Moves only the threshold lines: cheap, so it follows the slider live.
    void setThresholds(double ssim, double l2);
    // Re-counts the per-class shares and the exact groups' outcomes (after a review, or live thresholds).
    void reloadShares(const ReviewSession &session);
    void clear();

    HistogramChart *ssimHistogram() const { return m_ssim; }
    HistogramChart *l2Histogram() const { return m_l2; }
    ExactGroupsView *exactGroups() const { return m_exact; }
    QLabel *exactSummary() const { return m_exactSummary; }
    ClassShareChart *classShares() const { return m_shares; }

private:
    HistogramChart *m_ssim = nullptr;
    HistogramChart *m_l2 = nullptr;
    ExactGroupsView *m_exact = nullptr;
    QLabel *m_exactSummary = nullptr;
    QWidget *m_exactTab = nullptr;
    ClassShareChart *m_shares = nullptr;
};

} // namespace tc::ui
