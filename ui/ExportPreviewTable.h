#pragma once

#include <QTableWidget>

namespace tc::ui {

// One class of the dry run as the preview shows it (filled from core's dry-run result).
struct ExportPreviewRow {
    QString className;
    qint64 available = 0; // accepted and not removed as a duplicate
    qint64 inAvoid = 0;   // of those, also in an avoid set (used last)
    qint64 selected = 0;
    qint64 train = 0;
    qint64 test = 0;
    qint64 shortfall = 0;          // target - selected, 0 when the target is met
    double keywordDeviation = 0.0; // largest |share - catalog share| over the class's keywords, in percent
    QString worstKeyword;
};

// The dry-run preview of the export dialog: per class what is available, what would be selected, every
// shortfall (highlighted) and the largest keyword deviation, with a total row, before anything is written.
class ExportPreviewTable final : public QTableWidget {
    Q_OBJECT
public:
    enum Column { ClassCol, AvailableCol, AvoidCol, SelectedCol, TrainCol, TestCol, ShortfallCol, DeviationCol };

    explicit ExportPreviewTable(QWidget *parent = nullptr);
    void setRows(const QList<ExportPreviewRow> &rows);
    qint64 totalShortfall() const { return m_shortfall; }

private:
    void setRow(int row, const ExportPreviewRow &r, bool total);

    qint64 m_shortfall = 0;
};

} // namespace tc::ui
