#pragma once

#include <QWidget>

class QChart;
class QComboBox;
class QTableWidget;

namespace tc::core {
class Project;
}

namespace tc::ui {

// The Statistics tab: candidates, accepted and target per class (bar chart), one class's keywords against
// their quotas (bar chart), and every keyword's counts in a table. All figures come from core's
// classStats()/keywordStats(); the page only draws them. It refreshes when shown or when counts change,
// never per key press.
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

private:
    void refreshClassChart();
    void refreshKeywordChart();
    void refreshTable();

    core::Project *m_project = nullptr;
    QChart *m_classChart = nullptr;
    QChart *m_keywordChart = nullptr;
    QComboBox *m_class = nullptr;
    QTableWidget *m_table = nullptr;
};

} // namespace tc::ui
