#pragma once

#include "ui/ReviewSession.h"

#include <QWidget>
#include <memory>
#include <optional>

class QAction;
class QCheckBox;
class QComboBox;
class QLabel;
class QProgressBar;
class QTableView;
class QTimer;

namespace tc::core {
class Project;
}

namespace tc::ui {

class BackgroundTask;
class PairDetails;
class PairView;
class ReviewStatsPanel;
class SearchOptionsBar;
class ThresholdBar;

// The "Duplicates" tab: near-duplicate pairs most similar first (the queue: exact copies of exclude images
// are never in it, they are removed and listed under "Exact copies"); the selected pair's candidate and
// reference side by side below; D marks it duplicate, K or S distinct (the pair then leaves the queue
// unless "show reviewed"), Ctrl+Z undoes. The pane always shows the selected row, whatever sorting,
// filtering, paging or undo did to the list; with no row selected it is empty and D/K are disabled.
// Thresholds with the live counts of what export removes, histograms, exact groups and per-class shares
// alongside; the duplicate search (with its top-k, exhaustive and Gaussian options, saved in the project)
// and reference imports run off the GUI thread with progress and cancel. Every change goes through
// ReviewSession into core; the view keeps no state of its own beyond the pair it shows.
class ReviewView final : public QWidget {
    Q_OBJECT
public:
    explicit ReviewView(QWidget *parent = nullptr);
    ~ReviewView() override;

    // nullptr closes the project. The view makes its own session for this annotator.
    void setProject(core::Project *project, const QString &annotator);
    ReviewSession *session() const { return m_session.get(); }

    // The selected row (-1: none); setCurrentRow() selects one (clamped, loading pages up to it).
    int currentRow() const;
    void setCurrentRow(int row);
    // The pair the pane shows (the selected row's), nullopt when none; D/K act on exactly this pair.
    std::optional<PairCard> shownPair() const;
    bool markCurrent(PairStatus status);
    bool undo();
    void runDuplicateSearch();
    void addReferenceSet(const QString &name, const QString &role, const QString &path);
    // Saves the slider's thresholds to the project and re-lists the pairs (also after a short pause).
    void applyThresholds();
    bool isBusy() const;
    void waitForJob(); // tests

    ThresholdBar *thresholdBar() const { return m_thresholds; }
    SearchOptionsBar *searchOptions() const { return m_searchOptions; }
    PairView *pairView() const { return m_pair; }
    ReviewStatsPanel *statsPanel() const { return m_stats; }
    QTableView *pairTable() const { return m_table; }
    PairDetails *pairDetails() const { return m_details; }
    QLabel *positionLabel() const { return m_position; }
    // Shown while the stored search does not serve the settings (what export would refuse, and why).
    QLabel *searchNotice() const { return m_searchNotice; }
    QAction *runAction() const { return m_runAction; }
    QAction *addReferenceAction() const { return m_addRefAction; }
    QAction *duplicateAction() const { return m_duplicateAction; }
    QCheckBox *showReviewedBox() const { return m_showReviewed; }
    QAction *distinctAction() const { return m_distinctAction; }

signals:
    // After a review or a dedup run: other tabs (statistics, export) may want to refresh.
    void duplicatesChanged();

protected:
    bool event(QEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    QWidget *createToolbar();
    QWidget *createPairPane();
    void createActions();
    void connectModel();
    void scrollToRow(int row);
    void showSelected();
    void reselect(const std::optional<PairCard> &previous);
    void fitColumns();
    void onThresholds(double ssim, double l2);
    void refreshCounts();
    void refreshShares();
    void refreshSearchNotice();
    void reloadAll();
    void startJob(const BackgroundTask::Work &work, const QString &what);
    void onJobFinished(bool ok, bool cancelled, const QString &error);
    void askAddReference();
    void updateEnabled();

    std::unique_ptr<ReviewSession> m_session;
    BackgroundTask *m_task = nullptr;
    QTableView *m_table = nullptr;
    PairView *m_pair = nullptr;
    PairDetails *m_details = nullptr;
    SearchOptionsBar *m_searchOptions = nullptr;
    QLabel *m_position = nullptr;
    ThresholdBar *m_thresholds = nullptr;
    QLabel *m_searchNotice = nullptr;
    ReviewStatsPanel *m_stats = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_jobLabel = nullptr;
    QWidget *m_jobRow = nullptr;
    static constexpr int kJobOutcomeMs = 5000;
    QCheckBox *m_showReviewed = nullptr;
    QComboBox *m_extra = nullptr;
    QTimer *m_applyTimer = nullptr;
    QTimer *m_fitTimer = nullptr;
    std::optional<PairCard> m_shown;
    QAction *m_runAction = nullptr;
    QAction *m_cancelAction = nullptr;
    QAction *m_addRefAction = nullptr;
    QAction *m_duplicateAction = nullptr;
    QAction *m_distinctAction = nullptr;
    QAction *m_undoAction = nullptr;
};

} // namespace tc::ui
