#pragma once

#include <QDialog>
#include <memory>

class QCheckBox;
class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QTableView;
class QTableWidget;

namespace tc::core {
class DisputeListModel;
class Project;
} // namespace tc::core

namespace tc::ui {

class BackgroundTask;

// Agreement between annotators and the place to settle their conflicts.
// Top: Cohen's kappa between two chosen annotators per keyword, class and overall.
// Bottom: every candidate whose annotators disagree (core::DisputeListModel) with its thumbnail,
// class, keyword, Tiny index, each annotator's verdict and time, the adjudication and the final
// verdict under the project's accept rule. A curator settles the selected conflict with Accept (A)
// or Reject (R): an adjudication by the current annotator in the decision log, undone with Ctrl+Z.
// "Import decisions..." replays another annotator's decisions CSV and says how many final verdicts
// it moved. It runs on a worker thread with its own connection (a 500k-row file takes minutes),
// with a progress bar and Cancel; meanwhile nothing else in the dialog writes, and the dialog
// stays open until it ends. A window opened read-only offers no import. core computes everything;
// this only shows it and turns gestures into calls.
class AgreementDialog final : public QDialog {
    Q_OBJECT
public:
    // adjudicator: the current annotator, who records the adjudications.
    explicit AgreementDialog(core::Project *project, const QString &adjudicator = {}, QWidget *parent = nullptr);
    ~AgreementDialog() override;

    QTableWidget *agreementTable() const { return m_agreement; }
    QTableView *conflictView() const { return m_conflicts; }
    core::DisputeListModel *conflictModel() const { return m_model; }
    QCheckBox *unsettledOnlyBox() const { return m_unsettledOnly; }
    QLabel *statusLabel() const { return m_status; }
    QLabel *summaryLabel() const { return m_summary; }
    QPushButton *importButton() const { return m_import; }
    QPushButton *cancelImportButton() const { return m_cancelImport; }
    QProgressBar *importProgress() const { return m_progress; }
    void setAnnotators(const QString &a, const QString &b);

    // Settles the selected conflict (and moves to the next row); false when nothing is selected.
    bool settleSelected(bool accept);
    // Undoes the adjudicator's latest adjudication.
    bool undoLast();
    // Starts importing a decisions CSV (core::DecisionCsv) on a worker thread; false when it cannot
    // start (an import is running, the window is read-only). importFinished() follows, and
    // statusLabel() says what it did.
    bool importDecisions(const QString &path);
    bool isImporting() const;
    void cancelImport();

signals:
    // ok: decisions were committed (possibly none new). The GUI's Project did not write them: its
    // change signals come from whoever polls it (MainWindow's ProjectWatcher, decisionsImported()).
    void importFinished(bool ok);
    // The worker's connection committed decisions: the GUI's Project should look (ProjectWatcher::poll).
    void decisionsImported();

public slots:
    // While an import runs, Close and Escape do not drop it: cancel it or let it finish.
    void reject() override;

private:
    struct ImportOutcome;
    void refresh();
    void refreshKappa();
    void updateSummary();
    void updateButtons();
    void chooseImport();
    void onImportFinished(bool cancelled, const QString &error);

    core::Project *m_project = nullptr;
    QString m_adjudicator;
    QComboBox *m_a = nullptr;
    QComboBox *m_b = nullptr;
    QLabel *m_kappaSummary = nullptr;
    QLabel *m_summary = nullptr;
    QLabel *m_status = nullptr;
    QTableWidget *m_agreement = nullptr;
    QTableView *m_conflicts = nullptr;
    core::DisputeListModel *m_model = nullptr;
    QCheckBox *m_unsettledOnly = nullptr;
    QPushButton *m_accept = nullptr;
    QPushButton *m_reject = nullptr;
    QPushButton *m_undo = nullptr;
    QPushButton *m_import = nullptr;
    QPushButton *m_cancelImport = nullptr;
    QProgressBar *m_progress = nullptr;
    BackgroundTask *m_task = nullptr;
    std::shared_ptr<ImportOutcome> m_outcome; // written by the worker, read after importFinished
};

} // namespace tc::ui
