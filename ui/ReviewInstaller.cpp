#include "ui/ReviewInstaller.h"

#include "core/project/Project.h"
#include "ui/ExportDialog.h"
#include "ui/MainWindow.h"
#include "ui/ReviewView.h"

#include <QAction>
#include <QCoreApplication>
#include <QMenu>
#include <QTabWidget>
#include <QToolBar>

namespace tc::ui {

namespace {
void openExportDialog(MainWindow &window)
{
    if (!window.project())
        return;
    ExportDialog dialog(coreExportBackend(window.project()->fileName()), &window);
    dialog.exec();
}

QAction *createExportAction(MainWindow &window)
{
    auto *action = new QAction(QCoreApplication::translate("tc::ui::ReviewInstaller", "&Export Dataset..."), &window);
    action->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    action->setToolTip(QCoreApplication::translate("tc::ui::ReviewInstaller",
                                                   "Select, split and write the dataset (CIFAR and numpy formats)"));
    action->setEnabled(window.project() != nullptr);
    QObject::connect(action, &QAction::triggered, &window, [&window] { openExportDialog(window); });
    QObject::connect(&window, &MainWindow::projectChanged, action,
                     [action](core::Project *project) { action->setEnabled(project != nullptr); });
    // Before "Quit": export belongs with the project commands, and Quit stays last as users expect.
    QMenu *file = window.fileMenu();
    QAction *before = nullptr;
    for (QAction *a : file->actions())
        if (a->shortcut() == QKeySequence(QKeySequence::Quit))
            before = a;
    file->insertAction(before, action);
    if (before)
        file->insertSeparator(before);
    return action;
}
} // namespace

ReviewView *installReviewAndExport(MainWindow &window)
{
    auto *review = new ReviewView(window.tabs());
    window.addPage(review, QCoreApplication::translate("tc::ui::ReviewInstaller", "&Duplicates"));
    const auto load = [review, &window] { review->setProject(window.project(), window.annotator()); };
    QObject::connect(&window, &MainWindow::projectChanged, review, load);
    QObject::connect(&window, &MainWindow::annotatorChanged, review, load);
    load();
    QAction *exportAction = createExportAction(window);
    // One click from the main window: a toolbar with the two actions a curator reaches for after verifying.
    auto *bar = window.addToolBar(QCoreApplication::translate("tc::ui::ReviewInstaller", "Dataset"));
    bar->setObjectName(QStringLiteral("datasetToolBar"));
    bar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    bar->addAction(review->runAction());
    bar->addAction(exportAction);
    // The run reports progress in the tab, so show the tab when the run starts from the toolbar.
    QObject::connect(review->runAction(), &QAction::triggered, review,
                     [review, &window] { window.tabs()->setCurrentWidget(review); });
    return review;
}

} // namespace tc::ui
