#include "ui/AgreementDialog.h"

#include "core/project/DecisionCsv.h"
#include "core/project/DisputeListModel.h"
#include "core/project/Project.h"
#include "ui/BackgroundTask.h"
#include "ui/CandidateImage.h"
#include "ui/VerifySession.h"

#include <QCache>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QIdentityProxyModel>
#include <QLabel>
#include <QPixmap>
#include <QProgressBar>
#include <QPushButton>
#include <QShortcut>
#include <QSplitter>
#include <QTableView>
#include <QTableWidget>
#include <QVBoxLayout>
#include <cmath>

namespace tc::ui {

namespace {

constexpr int kThumbSide = 64; // 2x the 32 px image: integer scale, nearest neighbour

QTableWidget *makeTable(const QStringList &headers, QWidget *parent)
{
    auto *table = new QTableWidget(0, int(headers.size()), parent);
    table->setHorizontalHeaderLabels(headers);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->verticalHeader()->hide();
    table->horizontalHeader()->setStretchLastSection(true);
    return table;
}

QTableWidgetItem *item(const QVariant &value)
{
    auto *cell = new QTableWidgetItem;
    cell->setData(Qt::DisplayRole, value);
    return cell;
}

QString kappaText(double kappa)
{
    // Kappa is undefined without shared decisions or when chance agreement is total: say so, not "nan".
    return std::isnan(kappa) ? AgreementDialog::tr("n/a") : QString::number(kappa, 'f', 3);
}

// Adds the candidate's pixels as a thumbnail to the first column, read only for the rows the view
// paints and cached, so 10,000 conflicts cost 10,000 small rows, not 10,000 images.
class ThumbnailProxy final : public QIdentityProxyModel {
public:
    ThumbnailProxy(core::Project *project, QObject *parent) : QIdentityProxyModel(parent), m_project(project)
    {
        m_cache.setMaxCost(2000);
    }

    QVariant data(const QModelIndex &index, int role) const override
    {
        if (role == Qt::DecorationRole && index.column() == core::DisputeListModel::CandidateColumn) {
            const qint64 id = index.data(core::DisputeListModel::IdRole).toLongLong();
            if (const QPixmap *cached = m_cache.object(id))
                return *cached;
            const QImage image = candidateImage(m_project->pixels(id));
            if (image.isNull())
                return {};
            auto *pixmap = new QPixmap(QPixmap::fromImage(image.scaled(kThumbSide, kThumbSide)));
            const QPixmap copy = *pixmap;
            m_cache.insert(id, pixmap);
            return copy;
        }
        if (role == Qt::BackgroundRole && index.data(core::DisputeListModel::SettledRole).toBool())
            return QColor(0xe6, 0xf4, 0xea); // settled: a quiet green, so the unsettled ones stand out
        return QIdentityProxyModel::data(index, role);
    }

private:
    core::Project *m_project;
    mutable QCache<qint64, QPixmap> m_cache;
};

} // namespace

// What the worker's import did, handed to the GUI thread when the task ends (the future's end
// orders the worker's writes before the GUI's reads).
struct AgreementDialog::ImportOutcome {
    QString path;
    bool committed = false; // true also when a cancel came too late to stop the commit
    core::ImportReport report;
    core::FinalShift shift;
    core::AcceptRule rule = core::kDefaultAcceptRule;
};

AgreementDialog::AgreementDialog(core::Project *project, const QString &adjudicator, QWidget *parent)
    : QDialog(parent), m_project(project), m_adjudicator(adjudicator)
{
    setWindowTitle(tr("Annotator Agreement"));
    m_a = new QComboBox(this);
    m_b = new QComboBox(this);
    m_kappaSummary = new QLabel(this);
    m_kappaSummary->setWordWrap(true);
    m_agreement = makeTable({tr("Class"), tr("Keyword"), tr("Shared"), tr("Agreed"), tr("Cohen's kappa")}, this);
    auto *pick = new QHBoxLayout;
    pick->addWidget(new QLabel(tr("Compare"), this));
    pick->addWidget(m_a, 1);
    pick->addWidget(new QLabel(tr("with"), this));
    pick->addWidget(m_b, 1);
    auto *kappaPane = new QWidget(this);
    auto *kappaLayout = new QVBoxLayout(kappaPane);
    kappaLayout->setContentsMargins(0, 0, 0, 0);
    kappaLayout->addLayout(pick);
    kappaLayout->addWidget(m_kappaSummary);
    kappaLayout->addWidget(m_agreement, 1);

    m_model = new core::DisputeListModel(project, this);
    auto *proxy = new ThumbnailProxy(project, this);
    proxy->setSourceModel(m_model);
    m_conflicts = new QTableView(this);
    m_conflicts->setModel(proxy);
    m_conflicts->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_conflicts->setSelectionMode(QAbstractItemView::SingleSelection);
    m_conflicts->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_conflicts->setIconSize(QSize(kThumbSide, kThumbSide));
    m_conflicts->verticalHeader()->hide();
    // Fixed row heights: the view never asks 10,000 rows for their size hint.
    m_conflicts->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_conflicts->verticalHeader()->setDefaultSectionSize(kThumbSide + 6);
    m_conflicts->horizontalHeader()->setStretchLastSection(true);
    m_summary = new QLabel(this);
    m_summary->setWordWrap(true);
    m_unsettledOnly = new QCheckBox(tr("&Unsettled only"), this);
    m_accept = new QPushButton(tr("&Accept (A)"), this);
    m_reject = new QPushButton(tr("&Reject (R)"), this);
    m_undo = new QPushButton(tr("Undo (Ctrl+Z)"), this);
    m_import = new QPushButton(tr("&Import decisions..."), this);
    m_cancelImport = new QPushButton(tr("Cancel Import"), this);
    for (QPushButton *b : {m_accept, m_reject, m_undo, m_import, m_cancelImport})
        b->setAutoDefault(false);
    m_progress = new QProgressBar(this);
    m_progress->setVisible(false);
    m_task = new BackgroundTask(this);
    auto *settle = new QHBoxLayout;
    settle->addWidget(m_unsettledOnly);
    settle->addStretch(1);
    settle->addWidget(new QLabel(tr("Settle as %1:").arg(adjudicator.toHtmlEscaped()), this));
    settle->addWidget(m_accept);
    settle->addWidget(m_reject);
    settle->addWidget(m_undo);
    settle->addWidget(m_import);
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    auto *importRow = new QHBoxLayout;
    importRow->addWidget(m_progress, 1);
    importRow->addWidget(m_cancelImport);
    auto *conflictPane = new QWidget(this);
    auto *conflictLayout = new QVBoxLayout(conflictPane);
    conflictLayout->setContentsMargins(0, 0, 0, 0);
    conflictLayout->addWidget(m_summary);
    conflictLayout->addLayout(settle);
    conflictLayout->addWidget(m_conflicts, 1);
    conflictLayout->addWidget(m_status);
    conflictLayout->addLayout(importRow);

    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(kappaPane);
    split->addWidget(conflictPane);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 3);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(split, 1);
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_a, &QComboBox::currentIndexChanged, this, &AgreementDialog::refreshKappa);
    connect(m_b, &QComboBox::currentIndexChanged, this, &AgreementDialog::refreshKappa);
    connect(m_unsettledOnly, &QCheckBox::toggled, m_model, &core::DisputeListModel::setUnsettledOnly);
    connect(m_accept, &QPushButton::clicked, this, [this] { settleSelected(true); });
    connect(m_reject, &QPushButton::clicked, this, [this] { settleSelected(false); });
    connect(m_undo, &QPushButton::clicked, this, &AgreementDialog::undoLast);
    connect(m_import, &QPushButton::clicked, this, &AgreementDialog::chooseImport);
    connect(m_cancelImport, &QPushButton::clicked, this, &AgreementDialog::cancelImport);
    connect(m_task, &BackgroundTask::progressChanged, this, [this](int value, int maximum) {
        m_progress->setRange(0, maximum); // 0: the size is not known yet, a busy bar
        m_progress->setValue(value);
    });
    connect(m_task, &BackgroundTask::finished, this,
            [this](bool, bool cancelled, const QString &error) { onImportFinished(cancelled, error); });
    connect(m_model, &QAbstractItemModel::modelReset, this, &AgreementDialog::updateSummary);
    connect(m_model, &QAbstractItemModel::dataChanged, this, &AgreementDialog::updateSummary);
    // Keys work wherever the focus is in the dialog (the table has it while a curator works down it).
    for (const auto &[key, accept] : {std::pair{Qt::Key_A, true}, std::pair{Qt::Key_Y, true},
                                      std::pair{Qt::Key_R, false}, std::pair{Qt::Key_N, false}}) {
        auto *shortcut = new QShortcut(QKeySequence(key), this);
        connect(shortcut, &QShortcut::activated, this, [this, accept = accept] { settleSelected(accept); });
    }
    auto *undo = new QShortcut(QKeySequence::Undo, this);
    connect(undo, &QShortcut::activated, this, &AgreementDialog::undoLast);
    if (project->isReadOnly())
        m_import->setToolTip(tr("This window opened the project read-only (another program is writing it, or its "
                                "folder cannot be written): decisions cannot be imported here."));
    updateButtons();
    resize(1100, 760);
    refresh();
    if (m_model->rowCount() > 0)
        m_conflicts->selectRow(0);
    m_conflicts->setFocus();
}

AgreementDialog::~AgreementDialog()
{
    // Closing the application mid-import: the task's destructor cancels and waits, the import's one
    // transaction rolls back.
    delete m_task;
}

void AgreementDialog::setAnnotators(const QString &a, const QString &b)
{
    m_a->setCurrentText(a);
    m_b->setCurrentText(b);
    refreshKappa();
}

void AgreementDialog::refresh()
{
    const QStringList names = m_project->annotators();
    const QSignalBlocker blockA(m_a), blockB(m_b);
    m_a->clear();
    m_b->clear();
    m_a->addItems(names);
    m_b->addItems(names);
    m_b->setCurrentIndex(names.size() > 1 ? 1 : 0);
    refreshKappa();
    m_model->refresh();
    m_conflicts->resizeColumnsToContents();
}

void AgreementDialog::refreshKappa()
{
    const QString a = m_a->currentText(), b = m_b->currentText();
    if (m_project->annotators().size() < 2 || a == b) {
        m_kappaSummary->setText(
            tr("Agreement needs two different annotators who decided some of the same candidates."));
        m_agreement->setRowCount(0);
        return;
    }
    const auto rows = m_project->agreement(a, b);
    m_agreement->setRowCount(int(rows.size()));
    for (int r = 0; r < rows.size(); ++r) {
        const auto &g = rows[r];
        const bool overall = g.classId == 0 && g.keywordId == 0;
        m_agreement->setItem(r, 0, item(overall ? tr("(all classes)") : g.className));
        m_agreement->setItem(r, 1, item(g.keywordId == 0 ? tr("(all keywords)") : g.keyword));
        m_agreement->setItem(r, 2, item(g.shared));
        m_agreement->setItem(r, 3, item(g.agreed));
        m_agreement->setItem(r, 4, item(kappaText(g.kappa)));
    }
    const auto &overall = rows.constLast();
    m_kappaSummary->setText(tr("%1 and %2 decided %3 candidate(s) alike out of %4 shared (kappa %5).")
                                .arg(a, b)
                                .arg(overall.agreed)
                                .arg(overall.shared)
                                .arg(kappaText(overall.kappa)));
}

void AgreementDialog::updateSummary()
{
    const qint64 listed = m_model->rowCount(), unsettled = m_model->unsettledCount();
    const core::AcceptRule rule = m_project->acceptRule();
    m_summary->setText(
        tr("<b>%n conflict(s)</b> listed, %1 unsettled. Accept rule: <b>%2</b> (%3). An adjudication settles a "
           "candidate under every rule.",
           nullptr, int(listed))
            .arg(unsettled)
            .arg(core::acceptRuleName(rule), core::acceptRuleDescriptionShown(rule).toHtmlEscaped()));
}

void AgreementDialog::updateButtons()
{
    // While the worker's transaction holds the project's write lock, the GUI's connection records nothing.
    const bool importing = m_task->isRunning();
    for (QPushButton *b : {m_accept, m_reject, m_undo})
        b->setEnabled(!m_adjudicator.isEmpty() && !importing);
    m_import->setEnabled(!m_project->isReadOnly() && !importing);
    m_cancelImport->setEnabled(importing);
    m_cancelImport->setVisible(importing);
    m_progress->setVisible(importing);
}

bool AgreementDialog::settleSelected(bool accept)
{
    const QModelIndexList rows = m_conflicts->selectionModel()->selectedRows();
    if (rows.isEmpty() || m_adjudicator.isEmpty() || isImporting())
        return false;
    const int row = rows.first().row();
    const qint64 id = m_model->candidateId(row);
    if (!m_project->adjudicate(id, accept ? core::Verdict::Accept : core::Verdict::Reject, m_adjudicator)) {
        m_status->setText(tr("Could not record the adjudication: %1").arg(m_project->errorString()));
        return false;
    }
    m_status->setText(
        tr("Candidate %1 settled as %2 by %3 (Ctrl+Z undoes).")
            .arg(id)
            .arg(VerifySession::verdictText(accept ? core::Verdict::Accept : core::Verdict::Reject), m_adjudicator));
    if (row + 1 < m_model->rowCount())
        m_conflicts->selectRow(row + 1);
    return true;
}

bool AgreementDialog::undoLast()
{
    if (m_adjudicator.isEmpty() || isImporting())
        return false;
    const auto undone = m_project->undoAdjudication(m_adjudicator);
    if (!undone) {
        m_status->setText(m_project->errorString().isEmpty() ? tr("No adjudication of %1 to undo.").arg(m_adjudicator)
                                                             : tr("Could not undo: %1").arg(m_project->errorString()));
        return false;
    }
    m_status->setText(tr("Undone: the adjudication of candidate %1.").arg(undone->candidateId));
    if (const int row = m_model->rowOf(undone->candidateId); row >= 0)
        m_conflicts->selectRow(row);
    return true;
}

bool AgreementDialog::importDecisions(const QString &path)
{
    if (m_project->isReadOnly() || isImporting())
        return false;
    auto outcome = std::make_shared<ImportOutcome>();
    outcome->path = path;
    const QString projectPath = m_project->fileName();
    const bool started = m_task->start([outcome, projectPath](const core::Progress &progress) {
        // The worker's own connection (the GUI's Project is not thread-safe); within this process the
        // project's lock is shared, so it opens read-write beside the window.
        core::Project project;
        if (!project.open(projectPath))
            return project.errorString();
        core::DecisionCsv csv(project);
        outcome->committed = csv.importFile(outcome->path, progress);
        outcome->report = csv.report();
        outcome->shift = csv.shift();
        outcome->rule = project.acceptRule();
        return outcome->committed ? QString() : csv.errorString();
    });
    if (!started)
        return false;
    m_outcome = outcome;
    m_progress->setRange(0, 0);
    m_status->setText(tr("Importing decisions from %1...").arg(QDir::toNativeSeparators(path)));
    updateButtons();
    return true;
}

bool AgreementDialog::isImporting() const
{
    return m_task->isRunning();
}

void AgreementDialog::cancelImport()
{
    if (!isImporting())
        return;
    m_status->setText(tr("Cancelling the import..."));
    m_task->cancel();
}

void AgreementDialog::onImportFinished(bool cancelled, const QString &error)
{
    const ImportOutcome outcome = m_outcome ? *m_outcome : ImportOutcome();
    m_outcome.reset();
    updateButtons();
    // What the worker committed decides, not the button: a cancel during the commit came too late.
    if (!outcome.committed) {
        if (cancelled) {
            m_status->setText(tr("Import cancelled: nothing was recorded."));
        } else {
            QStringList lines{tr("Nothing was imported: %1").arg(error)};
            for (const auto &issue : outcome.report.issues.mid(0, 5))
                lines << outcome.report.issueText(issue);
            m_status->setText(lines.join(QLatin1Char('\n')));
        }
        emit importFinished(false);
        return;
    }
    QString text = tr("Imported %1 decision(s) (%2 already in the project). Final verdicts under the accept rule "
                      "'%3': %4.")
                       .arg(outcome.report.inserted)
                       .arg(outcome.report.existing)
                       .arg(core::acceptRuleName(outcome.rule), outcome.shift.summary());
    if (cancelled)
        text = tr("The import had finished before the cancel arrived.") + QLatin1Char(' ') + text;
    m_status->setText(text);
    if (outcome.report.inserted > 0)
        emit decisionsImported();
    refresh();
    emit importFinished(true);
}

void AgreementDialog::reject()
{
    if (isImporting()) {
        m_status->setText(tr("An import is running: cancel it or wait for it to finish before closing."));
        return;
    }
    QDialog::reject();
}

void AgreementDialog::chooseImport()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Import Decisions"), QString(),
                                                      tr("Decisions CSV (*.csv);;All files (*)"));
    if (!path.isEmpty())
        importDecisions(path);
}

} // namespace tc::ui
