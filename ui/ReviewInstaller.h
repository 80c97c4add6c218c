#pragma once

namespace tc::ui {

class MainWindow;
class ReviewView;

// Adds the duplicate review tab ("Duplicates") and File > Export Dataset... to the main window through
// its seam (addPage, fileMenu, projectChanged), so MainWindow never needs to know either view.
// Returns the tab for tests.
ReviewView *installReviewAndExport(MainWindow &window);

} // namespace tc::ui
