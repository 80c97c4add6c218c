#pragma once

#include "core/export/SelectionPolicy.h"

#include <QTableWidget>

namespace tc::ui {

// The dry-run preview of the export dialog: per class what is available, what would be selected, every
// shortfall (highlighted) and the largest keyword deviation, with a total row, before anything is written.
// The rows are core's own per-class report (core::ClassReport), not a copy of it.
class ExportPreviewTable final : public QTableWidget {
    Q_OBJECT
public:
    enum Column { ClassCol, AvailableCol, AvoidCol, SelectedCol, TrainCol, TestCol, ShortfallCol, DeviationCol };

    explicit ExportPreviewTable(QWidget *parent = nullptr);
    void setRows(const std::vector<core::ClassReport> &rows);
    qint64 totalShortfall() const { return m_shortfall; }

private:
    void setRow(int row, const core::ClassReport &r, bool total);

    qint64 m_shortfall = 0;
};

} // namespace tc::ui
