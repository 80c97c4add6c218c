#include "ui/ExportDialog.h"

#include "ui/BackgroundTask.h"
#include "ui/ExportPreviewTable.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QSpinBox>
#include <QTimer>
#include <QUrl>
#include <QVBoxLayout>
#include <cmath>
#include <limits>

namespace tc::ui {

namespace {
// Format keys as the CLI spells them, with their labels.
struct FormatChoice {
    const char *key;
    const char *label;
};
constexpr FormatChoice kFormats[] = {
    {"cifar-python", QT_TRANSLATE_NOOP("tc::ui::ExportDialog", "CIFAR python batches")},
    {"cifar-binary", QT_TRANSLATE_NOOP("tc::ui::ExportDialog", "CIFAR binary batches")},
    {"npz", QT_TRANSLATE_NOOP("tc::ui::ExportDialog", "numpy .npz (CIFAR-10.2 style)")},
    {"npy", QT_TRANSLATE_NOOP("tc::ui::ExportDialog", "numpy .npy (CIFAR-10.1 style)")},
};
constexpr int kMaxPerClass = core::ExportSettings::kMaxPerClass;
} // namespace

ExportDialog::ExportDialog(ExportBackend backend, QWidget *parent)
    : QDialog(parent), m_backend(std::move(backend)), m_result(std::make_shared<ExportResult>())
{
    setWindowTitle(tr("Export Dataset"));
    m_task = new BackgroundTask(this);
    m_refreshTimer = new QTimer(this);
    m_refreshTimer->setSingleShot(true);
    m_refreshTimer->setInterval(250); // a spin box held down must not run one dry run per step
    connect(m_refreshTimer, &QTimer::timeout, this, &ExportDialog::refreshPreview);

    m_table = new ExportPreviewTable(this);
    m_previewStatus = new QLabel(this);
    m_previewStatus->setWordWrap(true);
    m_summary = new QLabel(this);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto *preview = new QGroupBox(tr("Dry run: what would be exported"), this);
    auto *pv = new QVBoxLayout(preview);
    pv->addWidget(m_table, 1);
    pv->addWidget(m_previewStatus);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(createSettings());
    layout->addWidget(preview, 1);
    layout->addWidget(createRunRow());
    layout->addWidget(m_summary);
    connectChanges();
    updateSplitLabel();
    updateButtons();
    resize(900, 720);
    QTimer::singleShot(0, this, &ExportDialog::refreshPreview);
}

ExportDialog::~ExportDialog() = default;

QWidget *ExportDialog::createSettings()
{
    auto *box = new QGroupBox(tr("Settings"), this);
    auto *form = new QFormLayout(box);
    m_perClass = new QSpinBox(box);
    m_perClass->setRange(1, kMaxPerClass);
    // The project's target, as the CLI's default: what the annotators worked towards.
    const ExportTarget target = m_backend.projectTarget ? m_backend.projectTarget() : ExportTarget{};
    m_perClass->setValue(target.perClass > 0 ? std::min(target.perClass, kMaxPerClass) : 1000);
    if (!target.error.isEmpty())
        m_summary->setText(tr("The project's target per class could not be read: %1").arg(target.error));
    m_perClass->setToolTip(tr("Starts at the project's target per class"));
    m_testFraction = new QDoubleSpinBox(box);
    m_testFraction->setRange(0.001, 0.95); // neither split may be empty
    m_testFraction->setSingleStep(0.05);
    m_testFraction->setDecimals(3);
    m_testFraction->setValue(0.2);
    m_splitLabel = new QLabel(box);
    auto *split = new QHBoxLayout;
    split->addWidget(m_testFraction);
    split->addWidget(m_splitLabel, 1);
    // A line edit, not a spin box: a seed is any 64-bit value, as the CLI's --seed (a QSpinBox stops at 2^31 - 1).
    m_seed = new QLineEdit(QStringLiteral("0"), box);
    m_seed->setObjectName(QStringLiteral("seed"));
    m_seed->setValidator(new QRegularExpressionValidator(QRegularExpression(QStringLiteral("[0-9]*")), m_seed));
    m_seed->setToolTip(tr("The same project, settings and seed give byte-identical output (0 to %1)")
                           .arg(std::numeric_limits<quint64>::max()));
    m_force = new QCheckBox(tr("Overwrite existing files"), box);
    form->addRow(tr("Images per &class:"), m_perClass);
    // The field is a layout (spin box and the split it gives): the label needs its buddy set by hand, or it
    // shows its '&' and Alt+T reaches nothing. Likewise the folder's row below.
    auto *fractionLabel = new QLabel(tr("&Test fraction:"), box);
    fractionLabel->setBuddy(m_testFraction);
    form->addRow(fractionLabel, split);
    form->addRow(tr("&Seed:"), m_seed);
    form->addRow(tr("Accepted means:"), createPolicy());
    form->addRow(tr("Formats:"), createFormats());
    QWidget *folderRow = createFolderRow();
    auto *folderLabel = new QLabel(tr("Output &folder:"), box);
    folderLabel->setBuddy(m_folder); // not the row: a label's shortcut skips a buddy that takes no focus
    form->addRow(folderLabel, folderRow);
    form->addRow(QString(), m_force);
    return box;
}

QWidget *ExportDialog::createPolicy()
{
    auto *row = new QWidget(this);
    auto *h = new QHBoxLayout(row);
    h->setContentsMargins(0, 0, 0, 0);
    m_acceptRule = new QLabel(row); // the project's rule, shown after each preview: not an export setting
    m_unreviewed = new QCheckBox(tr("Leave out unreviewed pairs above the duplicate thresholds"), row);
    m_unreviewed->setChecked(true);
    h->addWidget(m_acceptRule);
    h->addWidget(m_unreviewed, 1);
    return row;
}

QWidget *ExportDialog::createFormats()
{
    auto *row = new QWidget(this);
    auto *h = new QHBoxLayout(row);
    h->setContentsMargins(0, 0, 0, 0);
    for (const FormatChoice &f : kFormats) {
        auto *check = new QCheckBox(tr(f.label), row);
        check->setChecked(true);
        check->setProperty("formatKey", QString::fromLatin1(f.key));
        m_formats.append(check);
        h->addWidget(check);
    }
    h->addStretch(1);
    return row;
}

QWidget *ExportDialog::createFolderRow()
{
    auto *row = new QWidget(this);
    auto *h = new QHBoxLayout(row);
    h->setContentsMargins(0, 0, 0, 0);
    m_folder = new QLineEdit(row);
    m_folder->setPlaceholderText(tr("folder the dataset is written to"));
    auto *browse = new QPushButton(tr("Browse..."), row);
    connect(browse, &QPushButton::clicked, this, &ExportDialog::browseFolder);
    h->addWidget(m_folder, 1);
    h->addWidget(browse);
    return row;
}

QWidget *ExportDialog::createRunRow()
{
    auto *row = new QWidget(this);
    auto *h = new QHBoxLayout(row);
    h->setContentsMargins(0, 0, 0, 0);
    m_progress = new QProgressBar(row);
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_export = new QPushButton(tr("&Export"), row);
    m_export->setDefault(true);
    m_cancel = new QPushButton(tr("Cancel Export"), row);
    m_openFolder = new QPushButton(tr("&Open Folder"), row);
    auto *close = new QPushButton(tr("Close"), row);
    h->addWidget(m_progress, 1);
    for (QPushButton *b : {m_export, m_cancel, m_openFolder, close})
        h->addWidget(b);
    connect(m_export, &QPushButton::clicked, this, &ExportDialog::startExport);
    connect(m_cancel, &QPushButton::clicked, this, &ExportDialog::cancelExport);
    connect(m_openFolder, &QPushButton::clicked, this, &ExportDialog::openFolder);
    connect(close, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_task, &BackgroundTask::progressChanged, this, [this](int value, int maximum) {
        m_progress->setRange(0, std::max(1, maximum));
        m_progress->setValue(value);
    });
    connect(m_task, &BackgroundTask::finished, this, &ExportDialog::onFinished);
    return row;
}

void ExportDialog::connectChanges()
{
    connect(m_perClass, &QSpinBox::valueChanged, this, &ExportDialog::scheduleRefresh);
    connect(m_testFraction, &QDoubleSpinBox::valueChanged, this, &ExportDialog::scheduleRefresh);
    connect(m_seed, &QLineEdit::textChanged, this, &ExportDialog::scheduleRefresh);
    connect(m_seed, &QLineEdit::textChanged, this, &ExportDialog::updateButtons);
    connect(m_unreviewed, &QCheckBox::toggled, this, &ExportDialog::scheduleRefresh);
    connect(m_force, &QCheckBox::toggled, this, &ExportDialog::scheduleRefresh);
    connect(m_folder, &QLineEdit::textChanged, this, &ExportDialog::updateButtons);
    connect(m_folder, &QLineEdit::textChanged, this, &ExportDialog::scheduleRefresh);
    for (QCheckBox *c : m_formats)
        connect(c, &QCheckBox::toggled, this, &ExportDialog::updateButtons);
}

QString ExportDialog::seedProblem() const
{
    if (core::ExportSettings::parseSeed(m_seed->text()))
        return {};
    return tr("The seed must be a whole number from 0 to %1.").arg(std::numeric_limits<quint64>::max());
}

core::ExportSettings ExportDialog::options() const
{
    core::ExportSettings o;
    o.perClass = m_perClass->value();
    o.testFraction = m_testFraction->value();
    o.seed = core::ExportSettings::parseSeed(m_seed->text()).value_or(0); // Export waits for a valid one
    o.formats.clear();
    for (const QCheckBox *c : m_formats)
        if (c->isChecked())
            o.formats << c->property("formatKey").toString();
    o.outputDir = m_folder->text().trimmed();
    o.force = m_force->isChecked();
    o.unreviewedAboveThresholdIsDuplicate = m_unreviewed->isChecked();
    return o;
}

void ExportDialog::setOptions(const core::ExportSettings &o)
{
    m_perClass->setValue(o.perClass);
    m_testFraction->setValue(o.testFraction);
    m_seed->setText(QString::number(o.seed));
    for (QCheckBox *c : m_formats)
        c->setChecked(o.formats.contains(c->property("formatKey").toString()));
    m_folder->setText(o.outputDir);
    m_force->setChecked(o.force);
    m_unreviewed->setChecked(o.unreviewedAboveThresholdIsDuplicate);
    refreshPreview();
}

void ExportDialog::scheduleRefresh()
{
    updateSplitLabel();
    m_refreshTimer->start();
}

void ExportDialog::updateSplitLabel()
{
    // Shown per class, as the issue and the CIFAR papers state splits ("800 / 200 per class").
    const int n = m_perClass->value();
    const int test = int(std::lround(n * m_testFraction->value()));
    m_splitLabel->setText(tr("%1 train / %2 test per class").arg(n - test).arg(test));
}

void ExportDialog::refreshPreview()
{
    m_refreshTimer->stop();
    if (!m_backend.dryRun)
        return;
    if (const QString bad = seedProblem(); !bad.isEmpty()) {
        m_table->setRows({});
        m_previewStatus->setText(bad);
        m_previewStatus->setStyleSheet(QStringLiteral("color: #a01414;"));
        return;
    }
    const ExportPreview preview = m_backend.dryRun(options());
    m_table->setRows(preview.rows);
    m_acceptRule->setText(tr("the project's accept rule: <b>%1</b>").arg(preview.acceptRule.toHtmlEscaped()));
    QString text;
    if (!preview.error.isEmpty())
        text = tr("Dry run failed: %1").arg(preview.error);
    if (preview.error.contains(QLatin1String("superclass"))) // core's message names no front end
        text += QLatin1Char(' ') + tr("Set the missing ones in Tools > Superclasses...");
    else if (m_table->totalShortfall() > 0)
        text = tr("%n image(s) short of the target: the highlighted classes need more accepted candidates.", "",
                  int(m_table->totalShortfall()));
    else
        text = tr("Every class reaches its target.");
    // Which layout the files will have: CIFAR-100 style when every class has a superclass. (When only some
    // have one the dry run fails with core's message naming them, as the export would.)
    if (preview.error.isEmpty())
        text = (preview.coarseLabelNames.isEmpty()
                    ? tr("CIFAR-10 style (no superclasses).")
                    : tr("CIFAR-100 style (superclasses as coarse labels: %1).").arg(preview.coarseLabelNames.size())) +
               QLatin1Char(' ') + text;
    if (!preview.note.isEmpty())
        text += QLatin1Char(' ') + preview.note;
    if (!preview.searchGaps.isEmpty())
        text += QLatin1Char(' ') + tr("The duplicate search is not current (%1): Export offers to run it first.")
                                       .arg(preview.searchGaps.join(QStringLiteral("; ")));
    if (preview.block == ExportBlock::EmptySplit)
        text += QLatin1Char(' ') + preview.blockText;
    if (!preview.outputProblem.isEmpty())
        text += QLatin1Char(' ') + preview.outputProblem;
    m_previewStatus->setText(text);
    m_previewStatus->setStyleSheet(m_table->totalShortfall() > 0 || !preview.error.isEmpty() ||
                                           preview.block != ExportBlock::None || !preview.outputProblem.isEmpty()
                                       ? QStringLiteral("color: #a01414;")
                                       : QString());
}

void ExportDialog::updateButtons()
{
    const bool running = m_task->isRunning();
    const core::ExportSettings o = options();
    m_export->setEnabled(!running && !o.outputDir.isEmpty() && !o.formats.isEmpty() && seedProblem().isEmpty() &&
                         m_backend.run);
    m_cancel->setEnabled(running);
    m_openFolder->setEnabled(!running && m_result->error.isEmpty() && !m_result->files.isEmpty());
}

void ExportDialog::browseFolder()
{
    const QString dir = QFileDialog::getExistingDirectory(this, tr("Export Folder"), m_folder->text());
    if (!dir.isEmpty())
        m_folder->setText(dir);
}

bool ExportDialog::ask(const QString &title, const QString &text, const QString &yes)
{
    QMessageBox box(QMessageBox::Warning, title, text, QMessageBox::Cancel, this);
    box.setObjectName(QStringLiteral("exportQuestion"));
    QPushButton *go = box.addButton(yes, QMessageBox::AcceptRole);
    go->setObjectName(QStringLiteral("exportQuestionYes"));
    box.setDefaultButton(QMessageBox::Cancel);
    box.exec();
    return box.clickedButton() == go;
}

bool ExportDialog::startExport()
{
    core::ExportSettings o = options();
    if (m_task->isRunning() || o.outputDir.isEmpty() || o.formats.isEmpty() || !m_backend.run)
        return false;
    if (const QString bad = seedProblem(); !bad.isEmpty()) {
        m_summary->setText(tr("Export not started: %1").arg(bad));
        return false;
    }
    m_summary->clear();
    // The same dry run core's export will repeat: ask about what it would refuse before writing. A folder
    // it may not write comes first, so nobody answers a question or waits for a search in vain.
    const ExportPreview p = m_backend.dryRun ? m_backend.dryRun(o) : ExportPreview{};
    if (p.block != ExportBlock::Error && !p.outputProblem.isEmpty()) {
        m_summary->setText(tr("Export not started: %1").arg(p.outputProblem));
        return false;
    }
    switch (p.block) {
    case ExportBlock::Error:
        m_summary->setText(tr("Export not started: %1").arg(p.error.isEmpty() ? p.blockText : p.error));
        return false;
    case ExportBlock::EmptySplit:
        m_summary->setText(tr("Export not started: %1").arg(p.blockText));
        return false;
    case ExportBlock::StaleSearch:
        return startSearch(p.searchGaps);
    case ExportBlock::Shortfall: {
        const QString text = tr("Some classes have fewer images than the %1 per class you asked for:\n\n%2\n\n"
                                "Write the export with these classes short?")
                                 .arg(o.perClass)
                                 .arg(p.shortfall);
        if (!ask(tr("Classes Short of the Target"), text, tr("Write Short Classes")))
            return false;
        o.allowShortfall = true;
        break;
    }
    case ExportBlock::None:
        break;
    }
    runExport(o);
    return true;
}

bool ExportDialog::startSearch(const QStringList &gaps)
{
    const QString text =
        tr("The duplicate search is not current, so the export could contain copies of reference (test) "
           "images:\n\n%1\n\nRun the duplicate search now? It runs in the background with the project's "
           "settings; the export starts when it has finished.")
            .arg(gaps.join(QLatin1Char('\n')));
    if (!m_backend.runSearch) {
        m_summary->setText(tr("Export not started: the duplicate search is not current (%1). Run it in the "
                              "Duplicates tab.")
                               .arg(gaps.join(QStringLiteral("; "))));
        return false;
    }
    if (!ask(tr("Duplicate Search Needed"), text, tr("Search, Then Export")))
        return false;
    m_searching = true;
    m_summary->setText(tr("Searching duplicates before the export..."));
    m_task->start(m_backend.runSearch);
    updateButtons();
    return true;
}

void ExportDialog::runExport(const core::ExportSettings &o)
{
    // The job writes into its own result object, so a dialog closed mid-export never sees a torn one.
    auto result = std::make_shared<ExportResult>();
    m_result = result;
    auto run = m_backend.run;
    m_task->start([run, o, result](const core::Progress &progress) {
        *result = run(o, progress);
        return result->error;
    });
    updateButtons();
}

bool ExportDialog::isExporting() const
{
    return m_task->isRunning();
}

bool ExportDialog::isSearching() const
{
    return m_searching && m_task->isRunning();
}

void ExportDialog::cancelExport()
{
    m_task->cancel();
}

void ExportDialog::onFinished(bool ok, bool cancelled, const QString &error)
{
    if (m_searching) {
        m_searching = false;
        if (ok) {
            refreshPreview();
            // Continue with the export the user asked for (it asks again if something is still missing).
            if (startExport())
                return;
        } else {
            m_summary->setText(cancelled ? tr("Duplicate search cancelled; nothing was exported and the stored "
                                              "search is unchanged.")
                                         : tr("Duplicate search failed: %1. Nothing was exported.").arg(error));
        }
        updateButtons();
        emit exportFinished(false);
        return;
    }
    if (cancelled) {
        m_result->error = tr("Export cancelled.");
        m_summary->setText(m_result->error);
    } else if (!ok) {
        m_summary->setText(tr("Export failed: %1").arg(error));
    } else {
        m_progress->setValue(m_progress->maximum());
        showSummary();
    }
    updateButtons();
    emit exportFinished(ok);
}

void ExportDialog::showSummary()
{
    const ExportResult &r = *m_result;
    QString text = tr("Exported %1 train and %2 test images in %n file(s) to %3.", "", int(r.files.size()))
                       .arg(r.train)
                       .arg(r.test)
                       .arg(QDir::toNativeSeparators(r.outputDir));
    for (const QString &note : r.notes)
        text += QLatin1Char('\n') + note;
    m_summary->setText(text);
}

QString ExportDialog::summaryText() const
{
    return m_summary->text();
}

void ExportDialog::openFolder()
{
    QDesktopServices::openUrl(QUrl::fromLocalFile(m_result->outputDir));
}

} // namespace tc::ui
