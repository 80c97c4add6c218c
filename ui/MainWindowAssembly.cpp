#include "ui/MainWindowAssembly.h"

#include "ui/MainWindow.h"
#include "ui/ReviewInstaller.h"

namespace tc::ui {

std::unique_ptr<MainWindow> createMainWindow()
{
    auto window = std::make_unique<MainWindow>();
    installReviewAndExport(*window);
    // The installers add tabs and toolbars: fit the finished window to the screen once more.
    window->fitToScreen();
    return window;
}

} // namespace tc::ui
