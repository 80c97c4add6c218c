#include "ui/ImportPage.h"

#include "core/project/CatalogJson.h"
#include "core/project/FolderImport.h"
#include "core/project/Project.h"
#include "core/project/TinyImport.h"
#include "ui/BackgroundTask.h"

#include <QFileInfo>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace tc::ui {

namespace {

struct ImportJob {
    bool fromTiny = true;
    QString input, catalog, project;
    qint64 maxPerKeyword = 0;
    int targetPerClass = 0;         // accepted images wanted per class; 0: the project's default
    bool superclassFolders = false; // folder imports: <root>/<superclass>/<class>/<keyword>/<file>
};

// Runs on a pool thread: it opens its own Project (connections are per thread) and reports through progress.
QString runImport(const ImportJob &job, const core::Progress &progress, core::ImportReport *report)
{
    core::Catalog catalog;
    if (!job.catalog.isEmpty()) {
        core::CatalogJson json;
        catalog = json.load(job.catalog);
        if (catalog.isEmpty())
            return json.errorString();
    }
    core::Project project;
    // An existing project is opened, not replaced: the import is idempotent and a re-run completes it.
    const bool ok = QFileInfo::exists(job.project) ? project.open(job.project) : project.create(job.project);
    if (!ok)
        return project.errorString();
    // Before the import, so the classes it adds get this target (Project::defineCatalog).
    if (job.targetPerClass > 0 && !project.setTargetPerClass(job.targetPerClass))
        return project.errorString();
    if (job.fromTiny) {
        core::TinyImport import(project);
        import.setMaxPerKeyword(job.maxPerKeyword);
        const bool done = import.run(job.input, catalog, progress);
        *report = import.report();
        return done ? QString() : import.errorString();
    }
    core::FolderImport import(project);
    import.setSuperclassFolders(job.superclassFolders);
    const bool done = import.run(job.input, catalog, progress);
    *report = import.report();
    return done ? QString() : import.errorString();
}

QString reportText(const core::ImportReport &report)
{
    QStringList lines;
    lines << ImportPage::tr("%1 candidates imported, %2 were already in the project.")
                 .arg(report.inserted)
                 .arg(report.existing);
    if (!report.absentKeywords.isEmpty())
        lines << ImportPage::tr("Catalog keywords absent from the source: %1").arg(report.absentKeywords.join(u", "));
    for (const auto &issue : report.issues)
        lines << report.issueText(issue);
    return lines.join(u'\n');
}

} // namespace

ImportPage::ImportPage()
{
    setTitle(tr("Import"));
    m_task = new BackgroundTask(this);
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_progress = new QProgressBar(this);
    m_cancel = new QPushButton(tr("Cancel Import"), this);
    m_log = new QPlainTextEdit(this);
    m_log->setReadOnly(true);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_status);
    layout->addWidget(m_progress);
    layout->addWidget(m_cancel, 0, Qt::AlignRight);
    layout->addWidget(m_log, 1);
    connect(m_cancel, &QPushButton::clicked, this, &ImportPage::cancel);
    connect(m_task, &BackgroundTask::progressChanged, this, [this](int value, int maximum) {
        m_progress->setRange(0, maximum);
        m_progress->setValue(value);
    });
    connect(m_task, &BackgroundTask::finished, this, &ImportPage::finish);
}

ImportPage::~ImportPage() = default;

void ImportPage::initializePage()
{
    start();
}

void ImportPage::start()
{
    ImportJob job;
    job.fromTiny = field(QStringLiteral("fromTiny")).toBool();
    job.input = field(job.fromTiny ? QStringLiteral("tinyDir") : QStringLiteral("imageDir")).toString();
    job.catalog = field(QStringLiteral("catalog")).toString();
    job.project = field(QStringLiteral("projectPath")).toString();
    job.maxPerKeyword = field(QStringLiteral("maxPerKeyword")).toLongLong();
    job.targetPerClass = field(QStringLiteral("targetPerClass")).toInt();
    job.superclassFolders = !job.fromTiny && field(QStringLiteral("superclassFolders")).toBool();
    m_report = std::make_shared<core::ImportReport>();
    m_succeeded = false;
    m_running = true;
    m_log->clear();
    m_progress->setRange(0, 0); // busy until the first report gives the total
    m_status->setText(tr("Importing into %1 ...").arg(job.project));
    m_cancel->setEnabled(true);
    emit completeChanged();
    m_task->start(
        [job, report = m_report](const core::Progress &progress) { return runImport(job, progress, report.get()); });
}

void ImportPage::finish(bool ok, bool cancelled, const QString &error)
{
    m_running = false;
    m_succeeded = ok;
    m_cancel->setEnabled(false);
    m_progress->setRange(0, 1);
    m_progress->setValue(ok ? 1 : 0);
    m_status->setText(ok          ? tr("Import finished. Press Finish to open the project.")
                      : cancelled ? tr("Import cancelled. What was committed stays; run it again to complete it.")
                                  : tr("Import failed: %1").arg(error));
    m_log->setPlainText(reportText(*m_report));
    emit completeChanged();
    emit importFinished(ok);
}

bool ImportPage::isComplete() const
{
    return !m_running && m_succeeded;
}

void ImportPage::cancel()
{
    if (m_running)
        m_task->cancel();
}

void ImportPage::waitForFinished()
{
    m_task->waitForFinished();
}

} // namespace tc::ui
