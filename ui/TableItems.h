#pragma once

#include <QtGlobal>

class QTableWidgetItem;

namespace tc::ui {

// A right-aligned table cell holding a number in the display role, so its column sorts as numbers.
QTableWidgetItem *numberItem(qint64 value);

} // namespace tc::ui
