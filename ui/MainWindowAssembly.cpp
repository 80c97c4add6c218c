#include "ui/MainWindowAssembly.h"

#include "ui/MainWindow.h"

namespace tc::ui {

std::unique_ptr<MainWindow> createMainWindow()
{
    auto window = std::make_unique<MainWindow>();
    // Fit the finished window (every tab and tool bar) to the screen once more.
    window->fitToScreen();
    return window;
}

} // namespace tc::ui
