#pragma once

#include "ui/ReviewSession.h"

#include <QWidget>
#include <memory>

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

// The "Duplicates" tab: near-duplicate pairs most similar first, candidate and reference side by side;
// D marks a pair duplicate (excluded from export), K or S distinct (kept, hidden unless "show reviewed"),
// Ctrl+Z undoes. Thresholds, histograms, exact groups and per-class shares alongside; the duplicate search
// (with its top-k, exhaustive and Gaussian options, saved in the project) and reference imports run off
// the GUI thread with progress and cancel. Every change goes through
// ReviewSession into core; the view keeps no state of its own beyond the current row.
class ReviewView final : public QWidget {
    Q_OBJECT
public:
    explicit ReviewView(QWidget *parent = nullptr);
    ~ReviewView() override;

    // nullptr closes the project. The view makes its own session for this annotator.
    void setProject(core::Project *project, const QString &annotator);
    ReviewSession *session() const { return m_session.get(); }

    int currentRow() const;
    void setCurrentRow(int row);
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
    QAction *runAction() const { return m_runAction; }

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
    void showRow(int row);
    void onThresholds(double ssim, double l2);
    void refreshCounts();
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
    ReviewStatsPanel *m_stats = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_jobLabel = nullptr;
    QCheckBox *m_showReviewed = nullptr;
    QComboBox *m_extra = nullptr;
    QTimer *m_applyTimer = nullptr;
    QAction *m_runAction = nullptr;
    QAction *m_cancelAction = nullptr;
    QAction *m_addRefAction = nullptr;
    QAction *m_duplicateAction = nullptr;
    QAction *m_distinctAction = nullptr;
    QAction *m_undoAction = nullptr;
};

} // namespace tc::ui
