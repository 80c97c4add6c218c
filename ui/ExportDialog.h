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

// One-click export: settings (target per class, test fraction, seed, formats, folder, overwrite), a dry-run
// preview that follows every change, the export itself off the GUI thread with progress and cancel, and a
// summary with "Open Folder". All work is done by the backend (core); the dialog only collects and shows.
class ExportDialog final : public QDialog {
    Q_OBJECT
public:
    explicit ExportDialog(ExportBackend backend, QWidget *parent = nullptr);
    ~ExportDialog() override;

    ExportOptions options() const;
    void setOptions(const ExportOptions &options);

    // Public so tests and the main window can drive the dialog without clicking.
    void refreshPreview();
    bool startExport();
    bool isExporting() const;
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

    ExportBackend m_backend;
    QSpinBox *m_perClass = nullptr;
    QDoubleSpinBox *m_testFraction = nullptr;
    QLabel *m_splitLabel = nullptr;
    QSpinBox *m_seed = nullptr;
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
    std::shared_ptr<ExportResult> m_result;
};

} // namespace tc::ui
