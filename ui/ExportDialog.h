#pragma once

#include "ui/ExportBackend.h"

#include <QDialog>
#include <memory>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTimer;

namespace tc::ui {

class BackgroundTask;
class ExportPreviewTable;

// One-click export: settings (target per class, starting from the project's target; test fraction, seed,
// formats, folder, overwrite), a dry-run preview that follows every change, the export itself off the GUI
// thread with progress and cancel, and a summary with "Open Folder". Before writing, it asks: when the
// duplicate search is missing or stale it explains what is missing and offers to run the search (in the
// background, with progress and cancel) and then continues; when classes are short of the target (or
// empty) it shows the numbers and writes only if the user agrees; an empty split is never written. All
// work and every rule is the backend's (core); the dialog only collects, asks and shows.
class ExportDialog final : public QDialog {
    Q_OBJECT
public:
    explicit ExportDialog(ExportBackend backend, QWidget *parent = nullptr);
    ~ExportDialog() override;

    // What the dialog asks for, in core's terms (the CLI's `export` fills the same struct). The seed field
    // takes what the CLI's --seed takes (core::ExportSettings::parseSeed); while it holds anything else,
    // seedProblem() says so and Export is disabled.
    core::ExportSettings options() const;
    void setOptions(const core::ExportSettings &options);
    QString seedProblem() const;

    // Public so tests and the main window can drive the dialog without clicking. startExport() may ask
    // (a modal question, object name "exportQuestion") and may run the duplicate search first.
    void refreshPreview();
    bool startExport();
    bool isExporting() const; // exporting, or searching duplicates before an export
    bool isSearching() const;
    void cancelExport();

    ExportPreviewTable *previewTable() const { return m_table; }
    QString summaryText() const;
    const ExportResult &lastResult() const { return *m_result; }

signals:
    void exportFinished(bool ok);

private:
    QWidget *createSettings();
    QWidget *createFormats();
    QWidget *createFolderRow();
    QWidget *createPolicy();
    QWidget *createRunRow();
    void connectChanges();
    void scheduleRefresh();
    void updateSplitLabel();
    void updateButtons();
    void browseFolder();
    void openFolder();
    void onFinished(bool ok, bool cancelled, const QString &error);
    void showSummary();
    bool ask(const QString &title, const QString &text, const QString &yes);
    bool startSearch(const QStringList &gaps);
    void runExport(const core::ExportSettings &options);

    ExportBackend m_backend;
    QSpinBox *m_perClass = nullptr;
    QDoubleSpinBox *m_testFraction = nullptr;
    QLabel *m_splitLabel = nullptr;
    QLineEdit *m_seed = nullptr;
    QList<QCheckBox *> m_formats;
    QLineEdit *m_folder = nullptr;
    QCheckBox *m_force = nullptr;
    QLabel *m_acceptRule = nullptr; // the project's accept rule (set with the Statistics tab or the CLI)
    QCheckBox *m_unreviewed = nullptr;
    ExportPreviewTable *m_table = nullptr;
    QLabel *m_previewStatus = nullptr;
    QProgressBar *m_progress = nullptr;
    QPushButton *m_export = nullptr;
    QPushButton *m_cancel = nullptr;
    QPushButton *m_openFolder = nullptr;
    QLabel *m_summary = nullptr;
    QTimer *m_refreshTimer = nullptr;
    BackgroundTask *m_task = nullptr;
    bool m_searching = false; // the task is the duplicate search an export waits for
    std::shared_ptr<ExportResult> m_result;
};

} // namespace tc::ui
