#pragma once

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;
class QTableView;
class QTableWidget;

namespace tc::core {
class DisputeListModel;
class Project;
} // namespace tc::core

namespace tc::ui {

// Agreement between annotators and the place to settle their conflicts.
// Top: Cohen's kappa between two chosen annotators per keyword, class and overall.
// Bottom: every candidate whose annotators disagree (core::DisputeListModel) with its thumbnail,
// class, keyword, Tiny index, each annotator's verdict and time, the adjudication and the final
// verdict under the project's accept rule. A curator settles the selected conflict with Accept (A)
// or Reject (R): an adjudication by the current annotator in the decision log, undone with Ctrl+Z.
// "Import decisions..." replays another annotator's decisions CSV and says how many final verdicts
// it moved. core computes everything; this only shows it and turns gestures into calls.
class AgreementDialog final : public QDialog {
    Q_OBJECT
public:
    // adjudicator: the current annotator, who records the adjudications.
    explicit AgreementDialog(core::Project *project, const QString &adjudicator = {}, QWidget *parent = nullptr);

    QTableWidget *agreementTable() const { return m_agreement; }
    QTableView *conflictView() const { return m_conflicts; }
    core::DisputeListModel *conflictModel() const { return m_model; }
    QCheckBox *unsettledOnlyBox() const { return m_unsettledOnly; }
    QLabel *statusLabel() const { return m_status; }
    QLabel *summaryLabel() const { return m_summary; }
    void setAnnotators(const QString &a, const QString &b);

    // Settles the selected conflict (and moves to the next row); false when nothing is selected.
    bool settleSelected(bool accept);
    // Undoes the adjudicator's latest adjudication.
    bool undoLast();
    // Imports a decisions CSV (core::DecisionCsv) and reports the outcome in statusLabel().
    bool importDecisions(const QString &path);

private:
    void refresh();
    void refreshKappa();
    void updateSummary();
    void chooseImport();

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
};

} // namespace tc::ui
