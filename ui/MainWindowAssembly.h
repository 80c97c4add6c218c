#pragma once

#include <memory>

namespace tc::ui {

class MainWindow;

// The application window exactly as tinycurator shows it: MainWindow with every view installed through its
// seam (the Duplicates tab and File > Export Dataset, ReviewInstaller), sized to the screen. main() and the
// annotator-session test both build the window with this one function, so the test drives the product, not
// a look-alike assembled in the test. A view that joins the window is added here, nowhere else.
std::unique_ptr<MainWindow> createMainWindow();

} // namespace tc::ui
