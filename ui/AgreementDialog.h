#pragma once

#include <QDialog>

class QComboBox;
class QLabel;
class QTableWidget;

namespace tc::core {
class Project;
}

namespace tc::ui {

// Agreement between two annotators: Cohen's kappa per keyword, per class and overall, and the list of
// candidates they decided differently (the conflicts to settle). core computes both; this only shows them.
class AgreementDialog final : public QDialog {
    Q_OBJECT
public:
    explicit AgreementDialog(core::Project *project, QWidget *parent = nullptr);

    QTableWidget *agreementTable() const { return m_agreement; }
    QTableWidget *conflictTable() const { return m_conflicts; }
    void setAnnotators(const QString &a, const QString &b);

private:
    void refresh();

    core::Project *m_project = nullptr;
    QComboBox *m_a = nullptr;
    QComboBox *m_b = nullptr;
    QLabel *m_summary = nullptr;
    QTableWidget *m_agreement = nullptr;
    QTableWidget *m_conflicts = nullptr;
};

} // namespace tc::ui
