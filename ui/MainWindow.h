#pragma once

#include <QMainWindow>
#include <memory>

class QAction;
class QLabel;
class QMenu;
class QProgressBar;
class QTabWidget;

namespace tc::core {
class Project;
class ProjectWatcher;
} // namespace tc::core

namespace tc::ui {

class ReadOnlyBanner;
class ReviewView;
class StatisticsPage;
class VerifyPage;
class VerifySession;

// The application window: File / Edit / View / Tools / Help menus, the tabs (Verify, Statistics, Duplicates,
// then any page added with addPage()), the Dataset tool bar (run the duplicate search, export), File > Export
// Dataset (Ctrl+E, before Quit) and a status bar with the annotator and their progress. ui::createMainWindow()
// (MainWindowAssembly.h) is the one function that makes the window the application shows.
//
// A further page follows projectChanged() to (re)load from project() (nullptr when no project is open) and
// annotator(). The Project lives as long as the window keeps it open; never keep the pointer past
// projectChanged().
class MainWindow final : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Opens a project; asks for the annotator (remembered in QSettings) unless one is given.
    // False (with a message box unless quiet) when the file is not a project. A project another
    // process is writing (or in a read-only folder) opens read-only, with a banner saying so.
    bool openProject(const QString &path, const QString &annotator = {});
    void closeProject();
    core::Project *project() const { return m_project.get(); }
    QString annotator() const;
    void setAnnotator(const QString &name);

    int addPage(QWidget *page, const QString &title);
    QMenu *fileMenu() const { return m_fileMenu; }
    QMenu *toolsMenu() const { return m_toolsMenu; }
    VerifyPage *verifyPage() const { return m_verify; }
    StatisticsPage *statisticsPage() const { return m_statistics; }
    ReviewView *reviewView() const { return m_review; }
    QAction *exportAction() const { return m_exportAction; }
    QTabWidget *tabs() const { return m_tabs; }
    // Shrinks (and moves) the window into its screen's available area; the constructor calls it after restoring
    // the last geometry (QSettings), show-time callers may call it again once the screen is known.
    void fitToScreen();
    ReadOnlyBanner *readOnlyBanner() const { return m_banner; }
    // Tests and scripted runs: report errors on the status bar instead of modal boxes.
    void setQuiet(bool quiet) { m_quiet = quiet; }

signals:
    void projectChanged(tc::core::Project *project);
    void annotatorChanged(const QString &annotator);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void restoreWindowGeometry();
    void createFileMenu();
    void createEditMenu();
    void createViewMenu();
    void createToolsMenu();
    void createHelpMenu();
    void createStatusBar();
    void createReviewPage();
    void createDatasetToolBar();
    void exportDataset();
    void startSession();
    void updateStatus();
    void updateRecentMenu();
    void rememberRecent(const QString &path);
    void showError(const QString &message);
    void newProject();
    void chooseAnnotator();
    void showAgreement();
    void showShortcuts();

    std::unique_ptr<core::Project> m_project;
    std::unique_ptr<core::ProjectWatcher> m_watcher; // views follow what other processes write
    ReadOnlyBanner *m_banner = nullptr;
    VerifySession *m_session = nullptr;
    QString m_annotator;
    QTabWidget *m_tabs = nullptr;
    VerifyPage *m_verify = nullptr;
    StatisticsPage *m_statistics = nullptr;
    ReviewView *m_review = nullptr;
    QAction *m_exportAction = nullptr;
    QMenu *m_fileMenu = nullptr;
    QMenu *m_toolsMenu = nullptr;
    QMenu *m_recentMenu = nullptr;
    QAction *m_singleAction = nullptr;
    QAction *m_gridAction = nullptr;
    QAction *m_smoothAction = nullptr;
    QLabel *m_annotatorLabel = nullptr;
    QLabel *m_ruleLabel = nullptr; // the accept rule every count in the window is under
    QProgressBar *m_progress = nullptr;
    bool m_quiet = false;
};

} // namespace tc::ui
