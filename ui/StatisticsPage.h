#pragma once

#include <QWidget>

class QChart;
class QComboBox;
class QLabel;
class QTableWidget;

namespace tc::core {
class Project;
}

namespace tc::ui {

// The Statistics tab: candidates, accepted and target per class (bar chart), one class's keywords against
// their quotas (bar chart), and every keyword's counts in a table. All figures come from core's
// classStats()/keywordStats(), i.e. final verdicts under the project's accept rule, which the page
// shows and lets a curator change (with the totals: accepted, unsettled conflicts, awaiting
// adjudication); the page only draws them. It refreshes when shown or when counts change, never per
// key press.
class StatisticsPage final : public QWidget {
    Q_OBJECT
public:
    explicit StatisticsPage(QWidget *parent = nullptr);

    void setProject(core::Project *project);
    void refresh();

    // For tests: the per-class and per-keyword charts and the class whose keywords are drawn.
    QChart *classChart() const { return m_classChart; }
    QChart *keywordChart() const { return m_keywordChart; }
    QComboBox *keywordClass() const { return m_class; }
    QComboBox *acceptRule() const { return m_rule; }
    QLabel *ruleSummary() const { return m_ruleSummary; }

private:
    void refreshClassChart();
    void refreshKeywordChart();
    void refreshTable();
    void refreshRule();
    void changeRule();

    core::Project *m_project = nullptr;
    QChart *m_classChart = nullptr;
    QChart *m_keywordChart = nullptr;
    QComboBox *m_class = nullptr;
    QTableWidget *m_table = nullptr;
    QComboBox *m_rule = nullptr;
    QLabel *m_ruleSummary = nullptr;
    QString m_lastChange; // what the last rule change moved, shown until the next refresh
};

} // namespace tc::ui
