#include "ui/ExportPreviewTable.h"

#include "ui/TableItems.h"

#include <QHeaderView>

namespace tc::ui {

ExportPreviewTable::ExportPreviewTable(QWidget *parent) : QTableWidget(parent)
{
    setColumnCount(8);
    setHorizontalHeaderLabels({tr("Class"), tr("Available"), tr("In avoid set"), tr("Selected"), tr("Train"),
                               tr("Test"), tr("Shortfall"), tr("Keyword deviation")});
    horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    horizontalHeader()->setStretchLastSection(true);
    verticalHeader()->hide();
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setSelectionMode(QAbstractItemView::NoSelection);
    setAlternatingRowColors(true);
    horizontalHeaderItem(AvailableCol)->setToolTip(tr("Accepted candidates left after duplicate removal"));
    horizontalHeaderItem(AvoidCol)->setToolTip(tr("Available candidates that also occur in an avoid set "
                                                  "(e.g. CIFAR-10 train); they are used last"));
    horizontalHeaderItem(DeviationCol)
        ->setToolTip(tr("Largest difference between a keyword's share of the selection and its catalog share"));
}

void ExportPreviewTable::setRows(const std::vector<core::ClassReport> &rows)
{
    clearContents();
    setRowCount(int(rows.size()) + (rows.empty() ? 0 : 1));
    core::ClassReport total;
    total.name = tr("Total");
    for (int i = 0; i < int(rows.size()); ++i) {
        const core::ClassReport &r = rows[std::size_t(i)];
        setRow(i, r, false);
        total.available += r.available;
        total.availableInAvoid += r.availableInAvoid;
        total.selected += r.selected;
        total.train += r.train;
        total.test += r.test;
        total.shortfall += r.shortfall;
        total.maxDeviation = std::max(total.maxDeviation, r.maxDeviation);
    }
    if (!rows.empty())
        setRow(int(rows.size()), total, true);
    m_shortfall = total.shortfall;
}

void ExportPreviewTable::setRow(int row, const core::ClassReport &r, bool total)
{
    auto *name = new QTableWidgetItem(r.name);
    const qint64 values[] = {r.available, r.availableInAvoid, r.selected, r.train, r.test, r.shortfall};
    setItem(row, ClassCol, name);
    for (int c = 0; c < 6; ++c)
        setItem(row, AvailableCol + c, numberItem(values[c]));
    auto *dev = new QTableWidgetItem(r.worstKeyword.isEmpty() || total
                                         ? tr("%1 pp").arg(r.maxDeviation, 0, 'f', 1)
                                         : tr("%1 pp (%2)").arg(r.maxDeviation, 0, 'f', 1).arg(r.worstKeyword));
    setItem(row, DeviationCol, dev);
    if (r.shortfall > 0) {
        // A shortfall is what the curator must act on before exporting: make it impossible to miss.
        const QColor warn(255, 215, 200);
        for (int c = 0; c < columnCount(); ++c)
            item(row, c)->setBackground(warn);
        item(row, ShortfallCol)->setForeground(QColor(170, 20, 20));
    }
    if (total) {
        QFont bold = font();
        bold.setBold(true);
        for (int c = 0; c < columnCount(); ++c)
            item(row, c)->setFont(bold);
    }
}

} // namespace tc::ui
