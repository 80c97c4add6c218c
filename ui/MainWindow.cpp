#include "ui/MainWindow.h"

#include <QFileDialog>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>

namespace tc::ui {

MainWindow::MainWindow(QWidget *parent) : QMainWindow(parent)
{
    setWindowTitle(tr("TinyCurator"));
    createMenus();
    statusBar()->showMessage(tr("Open a project to start verifying candidates."));
    resize(1280, 860);
}

void MainWindow::createMenus()
{
    auto *file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Open Project..."), QKeySequence::Open, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Open Project"), QString(),
                                                          tr("TinyCurator projects (*.tcproj)"));
        if (!path.isEmpty())
            openProject(path);
    });
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);
    auto *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About TinyCurator"), this, [this] {
        QMessageBox::about(this, tr("About TinyCurator"), tr("Build CIFAR-style image datasets."));
    });
}

bool MainWindow::openProject(const QString &path)
{
    setWindowTitle(tr("%1 - TinyCurator").arg(path));
    return true;
}

} // namespace tc::ui
