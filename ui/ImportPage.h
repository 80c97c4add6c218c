#pragma once

#include "core/project/ImportReport.h"

#include <QWizardPage>
#include <memory>

class QLabel;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;

namespace tc::ui {

class BackgroundTask;

// The wizard's last page: creates the project and imports the candidates on a pool thread
// (BackgroundTask = QtConcurrent::run + QPromise + QFutureWatcher), with a progress bar, a Cancel button
// and, at the end, core's report (inserted, already present, absent keywords, unreadable files).
class ImportPage final : public QWizardPage {
    Q_OBJECT
public:
    ImportPage();
    ~ImportPage() override;

    void initializePage() override;
    bool isComplete() const override;
    bool succeeded() const { return m_succeeded; }
    void cancel();
    // Tests: block until the running import ends.
    void waitForFinished();

signals:
    void importFinished(bool ok);

private:
    void start();
    void finish(bool ok, bool cancelled, const QString &error);

    BackgroundTask *m_task = nullptr;
    std::shared_ptr<core::ImportReport> m_report;
    QLabel *m_status = nullptr;
    QProgressBar *m_progress = nullptr;
    QPushButton *m_cancel = nullptr;
    QPlainTextEdit *m_log = nullptr;
    bool m_running = false;
    bool m_succeeded = false;
};

} // namespace tc::ui
