#include "ui/MainWindow.h"

#include "core/common/Version.h"
#include "core/project/Project.h"
#include "core/project/ProjectWatcher.h"
#include "ui/AgreementDialog.h"
#include "ui/AnnotatorDialog.h"
#include "ui/ExportDialog.h"
#include "ui/NewProjectWizard.h"
#include "ui/ReadOnlyBanner.h"
#include "ui/ReviewView.h"
#include "ui/SingleModeView.h"
#include "ui/StatisticsPage.h"
#include "ui/SuperclassesDialog.h"
#include "ui/VerifyPage.h"
#include "ui/VerifySession.h"

#include <QActionGroup>
#include <QCloseEvent>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QGuiApplication>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QScreen>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>
#include <QToolBar>
#include <algorithm>

namespace tc::ui {

namespace {
const QString kRecentKey = QStringLiteral("recentProjects");
const QString kAnnotatorKey = QStringLiteral("annotator");
const QString kSmoothKey = QStringLiteral("view/smooth");
const QString kGeometryKey = QStringLiteral("window/geometry");
constexpr int kMaxRecent = 8;
// The tabs ask for the room of the page on show only. QTabWidget asks for the largest minimum of all its pages,
// so a wide Duplicates page would keep the Verify tab (and the window) wider than an 800x600 or 960x540 screen.
class MainWindowTabs final : public QTabWidget {
public:
    explicit MainWindowTabs(QWidget *parent) : QTabWidget(parent)
    {
        connect(this, &QTabWidget::currentChanged, this, [this] { updateGeometry(); });
    }

    QSize minimumSizeHint() const override
    {
        const QSize all = QTabWidget::minimumSizeHint();
        const auto *stack = findChild<QStackedWidget *>(QStringLiteral("qt_tabwidget_stackedwidget"));
        const QWidget *page = currentWidget();
        if (!stack || !page)
            return all;
        const QSize excess = (stack->minimumSizeHint() - page->minimumSizeHint().expandedTo(page->minimumSize()))
                                 .expandedTo(QSize(0, 0));
        return QSize(std::max(all.width() - excess.width(), tabBar()->minimumSizeHint().width()),
                     all.height() - excess.height());
    }
};

} // namespace

MainWindow::MainWindow(QWidget *parent) : QMainWindow(parent)
{
    setWindowTitle(tr("TinyCurator"));
    m_tabs = new MainWindowTabs(this);
    m_verify = new VerifyPage(m_tabs);
    m_statistics = new StatisticsPage(m_tabs);
    m_tabs->addTab(m_verify, tr("&Verify"));
    m_tabs->addTab(m_statistics, tr("&Statistics"));
    createReviewPage();
    setCentralWidget(m_tabs);
    createFileMenu();
    createEditMenu();
    createViewMenu();
    createToolsMenu();
    createHelpMenu();
    createStatusBar();
    m_banner = new ReadOnlyBanner(this);
    addToolBar(Qt::TopToolBarArea, m_banner);
    addToolBarBreak(Qt::TopToolBarArea); // a row of its own, as wide as the window: tool bars added later go below
    createDatasetToolBar();
    connect(m_banner, &ReadOnlyBanner::reopenRequested, this, [this] {
        if (m_project)
            openProject(m_project->fileName(), m_annotator);
    });
    connect(m_verify, &VerifyPage::countsChanged, this, &MainWindow::updateStatus);
    connect(m_verify, &VerifyPage::errorOccurred, this, &MainWindow::showError);
    connect(m_verify, &VerifyPage::noticed, this,
            [this](const QString &message) { statusBar()->showMessage(message, 8000); });
    connect(m_tabs, &QTabWidget::currentChanged, this, [this] {
        if (m_tabs->currentWidget() == m_statistics)
            m_statistics->refresh();
    });
    restoreWindowGeometry();
}

void MainWindow::restoreWindowGeometry()
{
    // The last geometry the user left, else 1280x860; either way never more than the screen's available area
    // (a 1280x860 window at QT_SCALE_FACTOR=2 would need a 2560x1720 screen).
    const QByteArray saved = QSettings().value(kGeometryKey).toByteArray();
    if (saved.isEmpty() || !restoreGeometry(saved))
        resize(1280, 860);
    fitToScreen();
}

void MainWindow::fitToScreen()
{
    const QScreen *screen = this->screen() ? this->screen() : QGuiApplication::primaryScreen();
    if (!screen)
        return;
    const QRect available = screen->availableGeometry();
    // The frame is only known once the window manager has it: what it adds now is 0 or its real size.
    const QSize frame = frameGeometry().size() - geometry().size();
    const QSize fitted = size().boundedTo(available.size() - frame).expandedTo(minimumSizeHint());
    if (fitted != size())
        resize(fitted);
    QRect placed = frameGeometry();
    if (!available.contains(placed)) {
        placed.moveLeft(std::clamp(placed.left(), available.left(),
                                   std::max(available.left(), available.right() - placed.width() + 1)));
        placed.moveTop(std::clamp(placed.top(), available.top(),
                                  std::max(available.top(), available.bottom() - placed.height() + 1)));
        move(placed.topLeft());
    }
}

MainWindow::~MainWindow()
{
    // The pages hold raw pointers into the session and project: detach them before those go.
    closeProject();
}

void MainWindow::createReviewPage()
{
    m_review = new ReviewView(m_tabs);
    m_tabs->addTab(m_review, tr("&Duplicates"));
    const auto load = [this] { m_review->setProject(m_project.get(), m_annotator); };
    connect(this, &MainWindow::projectChanged, m_review, load);
    connect(this, &MainWindow::annotatorChanged, m_review, load);
    load();
    // The run reports progress in the tab, so show the tab when the run starts (from the tool bar).
    connect(m_review->runAction(), &QAction::triggered, this, [this] { m_tabs->setCurrentWidget(m_review); });
}

void MainWindow::createDatasetToolBar()
{
    // One click from the main window: the two actions a curator reaches for after verifying.
    auto *bar = addToolBar(tr("Dataset"));
    bar->setObjectName(QStringLiteral("datasetToolBar"));
    bar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    bar->addAction(m_review->runAction());
    bar->addAction(m_exportAction);
}

void MainWindow::exportDataset()
{
    if (!m_project)
        return;
    ExportDialog dialog(coreExportBackend(m_project->fileName()), this);
    dialog.exec();
}

int MainWindow::addPage(QWidget *page, const QString &title)
{
    return m_tabs->addTab(page, title);
}

void MainWindow::createFileMenu()
{
    m_fileMenu = menuBar()->addMenu(tr("&File"));
    m_fileMenu->addAction(tr("&New Project..."), QKeySequence::New, this, &MainWindow::newProject);
    m_fileMenu->addAction(tr("&Open Project..."), QKeySequence::Open, this, [this] {
        const QString path =
            QFileDialog::getOpenFileName(this, tr("Open Project"), QString(), tr("TinyCurator projects (*.tcproj)"));
        if (!path.isEmpty())
            openProject(path);
    });
    m_recentMenu = m_fileMenu->addMenu(tr("Open &Recent"));
    m_fileMenu->addAction(tr("&Close Project"), QKeySequence::Close, this, &MainWindow::closeProject);
    m_fileMenu->addSeparator();
    // With the project commands, before Quit (which stays last as users expect).
    m_exportAction = m_fileMenu->addAction(tr("&Export Dataset..."), QKeySequence(Qt::CTRL | Qt::Key_E), this,
                                           &MainWindow::exportDataset);
    m_exportAction->setToolTip(tr("Select, split and write the dataset (CIFAR and numpy formats)"));
    m_exportAction->setEnabled(false); // until a project is open (projectChanged)
    connect(this, &MainWindow::projectChanged, m_exportAction,
            [this](core::Project *project) { m_exportAction->setEnabled(project != nullptr); });
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);
    updateRecentMenu();
}

void MainWindow::createEditMenu()
{
    auto *edit = menuBar()->addMenu(tr("&Edit"));
    // The shortcut lives on the window, so Ctrl+Z works in both modes whatever has the focus.
    edit->addAction(tr("&Undo Last Decision"), QKeySequence::Undo, this, [this] {
        if (!m_verify->undo())
            statusBar()->showMessage(tr("Nothing to undo."), 3000);
    });
}

void MainWindow::createViewMenu()
{
    auto *view = menuBar()->addMenu(tr("&View"));
    auto *modes = new QActionGroup(this);
    m_singleAction = view->addAction(tr("&Single Image"), QKeySequence(Qt::CTRL | Qt::Key_1), this,
                                     [this] { m_verify->setMode(VerifyPage::Mode::Single); });
    m_gridAction = view->addAction(tr("&Grid Page"), QKeySequence(Qt::CTRL | Qt::Key_2), this,
                                   [this] { m_verify->setMode(VerifyPage::Mode::Grid); });
    for (QAction *a : {m_singleAction, m_gridAction}) {
        a->setCheckable(true);
        modes->addAction(a);
    }
    m_singleAction->setChecked(true);
    view->addSeparator();
    m_smoothAction = view->addAction(tr("S&mooth Scaling"), QKeySequence(Qt::CTRL | Qt::Key_M), this, [this](bool on) {
        m_verify->setSmooth(on);
        QSettings().setValue(kSmoothKey, on);
    });
    m_smoothAction->setCheckable(true);
    m_smoothAction->setChecked(QSettings().value(kSmoothKey, false).toBool());
    m_verify->setSmooth(m_smoothAction->isChecked());
}

void MainWindow::createToolsMenu()
{
    m_toolsMenu = menuBar()->addMenu(tr("&Tools"));
    m_toolsMenu->addAction(tr("Switch &Annotator..."), this, &MainWindow::chooseAnnotator);
    m_toolsMenu->addAction(tr("Annotator A&greement..."), QKeySequence(Qt::CTRL | Qt::Key_K), this,
                           &MainWindow::showAgreement);
    m_toolsMenu->addAction(tr("&Superclasses..."), this, [this] {
        if (!m_project) {
            statusBar()->showMessage(tr("Open a project first."), 3000);
            return;
        }
        SuperclassesDialog dialog(m_project.get(), this);
        dialog.exec();
    });
}

void MainWindow::createHelpMenu()
{
    auto *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&Keyboard Shortcuts"), QKeySequence::HelpContents, this, &MainWindow::showShortcuts);
    help->addAction(tr("&About TinyCurator"), this, [this] {
        QMessageBox::about(this, tr("About TinyCurator"),
                           tr("<b>%1</b><p>Build CIFAR-style image datasets: verify Tiny Images "
                              "candidates, remove duplicates, export with provenance.</p>")
                               .arg(core::toolVersion()));
    });
}

void MainWindow::createStatusBar()
{
    m_annotatorLabel = new QLabel(this);
    m_ruleLabel = new QLabel(this);
    m_ruleLabel->setObjectName(QStringLiteral("acceptRuleLabel"));
    m_progress = new QProgressBar(this);
    m_progress->setMaximumWidth(320);
    m_progress->setTextVisible(true);
    statusBar()->addPermanentWidget(m_ruleLabel);
    statusBar()->addPermanentWidget(m_annotatorLabel);
    statusBar()->addPermanentWidget(m_progress);
    statusBar()->showMessage(tr("Open a project to start verifying candidates."));
    updateStatus();
}

QString MainWindow::annotator() const
{
    return m_annotator;
}

void MainWindow::setAnnotator(const QString &name)
{
    if (name.trimmed().isEmpty() || name == m_annotator)
        return;
    m_annotator = name.trimmed();
    QSettings().setValue(kAnnotatorKey, m_annotator);
    if (m_project)
        startSession();
    emit annotatorChanged(m_annotator);
}

bool MainWindow::openProject(const QString &path, const QString &annotator)
{
    auto project = std::make_unique<core::Project>();
    QString readOnly;
    if (!project->open(path)) {
        // Another process writes it (or its folder is read-only): look, count and export, read-only.
        const auto failure = project->openFailure();
        const QString holder = project->lockHolder(); // open() of the read-only connection forgets it
        readOnly = failure == core::Project::OpenFailure::InUse
                       ? tr("<b>Read-only</b>: %1 is writing this project. Close it there to record decisions "
                            "here.")
                             .arg(holder.toHtmlEscaped())
                       : tr("<b>Read-only</b>: %1").arg(project->errorString().toHtmlEscaped());
        if ((failure != core::Project::OpenFailure::InUse && failure != core::Project::OpenFailure::CannotLock) ||
            !project->openReadOnly(path)) {
            showError(tr("Cannot open the project: %1").arg(project->errorString()));
            return false;
        }
        project->database().setReadOnlyReason(failure == core::Project::OpenFailure::InUse
                                                  ? tr("in use by %1").arg(holder)
                                                  : tr("its folder cannot be written"));
    }
    QString name = annotator;
    if (name.isEmpty())
        name = AnnotatorDialog::ask(this, project->annotators(), QSettings().value(kAnnotatorKey).toString());
    if (name.isEmpty())
        return false; // the user cancelled: leave whatever was open as it was
    closeProject();
    m_project = std::move(project);
    m_banner->setReason(readOnly);
    connect(m_project.get(), &core::Project::contentsChanged, this, &MainWindow::updateStatus); // a new rule
    m_watcher = std::make_unique<core::ProjectWatcher>(m_project.get());
    connect(m_watcher.get(), &core::ProjectWatcher::changedElsewhere, this, &MainWindow::updateStatus);
    m_watcher->start();
    m_annotator = name;
    QSettings().setValue(kAnnotatorKey, name);
    rememberRecent(QFileInfo(path).absoluteFilePath());
    setWindowTitle(tr("%1 - TinyCurator").arg(QFileInfo(path).fileName()));
    startSession();
    statusBar()->showMessage(tr("Opened %1").arg(QDir::toNativeSeparators(path)), 5000);
    emit projectChanged(m_project.get());
    return true;
}

void MainWindow::startSession()
{
    auto *old = m_session;
    m_session = new VerifySession(m_project.get(), m_annotator, this);
    m_verify->setSession(m_session);
    m_statistics->setProject(m_project.get());
    delete old;
    updateStatus();
    m_verify->setFocus();
    m_verify->setMode(m_verify->mode());
}

void MainWindow::closeProject()
{
    if (!m_project)
        return;
    m_verify->setSession(nullptr);
    m_statistics->setProject(nullptr);
    delete m_session;
    m_session = nullptr;
    m_watcher.reset();
    m_banner->setReason({});
    m_project.reset();
    setWindowTitle(tr("TinyCurator"));
    updateStatus();
    emit projectChanged(nullptr);
}

void MainWindow::updateStatus()
{
    m_annotatorLabel->setText(m_project ? tr("Annotator: <b>%1</b>").arg(m_annotator) : QString());
    m_progress->setVisible(m_project != nullptr);
    m_ruleLabel->setVisible(m_project != nullptr);
    if (!m_project)
        return;
    // Every accepted count in the window (quotas, statistics, export) is under the project's one rule.
    const core::AcceptRule rule = m_project->acceptRule();
    m_ruleLabel->setText(tr("Accept rule: <b>%1</b>").arg(core::acceptRuleName(rule)));
    m_ruleLabel->setToolTip(tr("Quotas, statistics and export count a candidate as accepted under this rule: %1. "
                               "Change it on the Statistics tab.")
                                .arg(core::acceptRuleDescriptionShown(rule)));
    const qint64 total = m_project->candidateCount();
    const qint64 decided = m_project->candidateCount({0, 0, core::VerdictFilter::Decided, m_annotator});
    // QProgressBar is int-based; a per-mille scale keeps 500k-candidate projects in range.
    m_progress->setRange(0, 1000);
    m_progress->setValue(total > 0 ? int(decided * 1000 / total) : 0);
    m_progress->setFormat(tr("%1 of %2 decided by you").arg(decided).arg(total));
    if (m_tabs->currentWidget() == m_statistics)
        m_statistics->refresh();
}

void MainWindow::updateRecentMenu()
{
    m_recentMenu->clear();
    const QStringList recent = QSettings().value(kRecentKey).toStringList();
    for (const QString &path : recent)
        m_recentMenu->addAction(QFileInfo(path).fileName() + QStringLiteral("  (") + path + QLatin1Char(')'), this,
                                [this, path] { openProject(path); });
    m_recentMenu->setEnabled(!recent.isEmpty());
}

void MainWindow::rememberRecent(const QString &path)
{
    QStringList recent = QSettings().value(kRecentKey).toStringList();
    recent.removeAll(path);
    recent.prepend(path);
    QSettings().setValue(kRecentKey, recent.mid(0, kMaxRecent));
    updateRecentMenu();
}

void MainWindow::showError(const QString &message)
{
    statusBar()->showMessage(message, 10000);
    if (!m_quiet)
        QMessageBox::warning(this, tr("TinyCurator"), message);
}

void MainWindow::newProject()
{
    NewProjectWizard wizard(this);
    if (wizard.exec() == QDialog::Accepted && !wizard.projectPath().isEmpty())
        openProject(wizard.projectPath());
}

void MainWindow::chooseAnnotator()
{
    if (!m_project)
        return;
    setAnnotator(AnnotatorDialog::ask(this, m_project->annotators(), m_annotator));
}

void MainWindow::showAgreement()
{
    if (!m_project) {
        statusBar()->showMessage(tr("Open a project first."), 3000);
        return;
    }
    AgreementDialog dialog(m_project.get(), m_annotator, this);
    // The dialog's import commits on a worker's connection: look at once rather than at the next tick,
    // so the Verify and Statistics counts follow before the dialog closes.
    connect(&dialog, &AgreementDialog::decisionsImported, this, [this] {
        if (m_watcher)
            m_watcher->poll();
    });
    dialog.exec();
}

void MainWindow::showShortcuts()
{
    QMessageBox::information(
        this, tr("Keyboard Shortcuts"),
        tr("<h3>Single image</h3><p>%1</p>"
           "<h3>Grid page</h3><p>One keyword of one class per page; decided tiles are framed in their verdict's "
           "colour.<br>Click or <b>Space</b>: toggle accept / reject<br><b>Y</b>, <b>N</b>, <b>U</b>: set the "
           "tile under the cursor<br>Arrow keys: move the cursor<br><b>Enter</b>: record the undecided and changed "
           "tiles, open the next page<br><b>Ctrl+Z</b>: undo the last page (it comes back with its marks)</p>"
           "<p><b>Ctrl+1</b> / <b>Ctrl+2</b>: single / grid mode; <b>Ctrl+M</b>: smooth scaling</p>")
            .arg(SingleModeView::keyLegend()));
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    QSettings().setValue(kGeometryKey, saveGeometry());
    // Every decision is already committed by core; closing only releases the file.
    closeProject();
    event->accept();
}

} // namespace tc::ui
