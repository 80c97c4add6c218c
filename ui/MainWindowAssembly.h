#pragma once

#include <memory>

namespace tc::ui {

class MainWindow;

// The application window exactly as tinycurator shows it: MainWindow (which builds its tabs, menus and tool
// bars itself, the Duplicates tab and File > Export Dataset included), sized to the screen. main() and the
// annotator-session test both build the window with this one function, so the test drives the product, not
// a look-alike assembled in the test.
std::unique_ptr<MainWindow> createMainWindow();

} // namespace tc::ui
