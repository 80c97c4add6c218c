#include "ui/ReviewView.h"

#include "core/dedup/PairListModel.h"
#include "ui/AddReferenceDialog.h"
#include "ui/BackgroundTask.h"
#include "ui/PairDetails.h"
#include "ui/PairView.h"
#include "ui/ReviewStatsPanel.h"
#include "ui/SearchOptionsBar.h"
#include "ui/ThresholdBar.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QKeyEvent>
#include <QLabel>
#include <QMessageBox>
#include <QProgressBar>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

namespace tc::ui {

ReviewView::ReviewView(QWidget *parent) : QWidget(parent)
{
    m_task = new BackgroundTask(this);
    m_applyTimer = new QTimer(this);
    m_applyTimer->setSingleShot(true);
    m_applyTimer->setInterval(300);
    connect(m_applyTimer, &QTimer::timeout, this, &ReviewView::applyThresholds);
    m_thresholds = new ThresholdBar(this);
    m_stats = new ReviewStatsPanel(this);
    m_table = new QTableView(this);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    // Most similar first until a header click sorts otherwise (core sorts; the table fetches pages).
    m_table->horizontalHeader()->setSortIndicator(core::PairListModel::SsimCol, Qt::DescendingOrder);
    m_table->setSortingEnabled(true);
    m_table->setMinimumWidth(460);
    createActions();

    auto *split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(m_table);
    split->addWidget(createPairPane());
    split->addWidget(m_stats);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 4);
    split->setStretchFactor(2, 3);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(createToolbar());
    layout->addWidget(m_thresholds);
    layout->addWidget(split, 1);
    connect(m_thresholds, &ThresholdBar::thresholdsChanged, this, &ReviewView::onThresholds);
    connect(m_thresholds, &ThresholdBar::referenceSetChanged, this, [this](qint64 setId) {
        if (m_session) {
            m_session->setReferenceSet(setId);
            setCurrentRow(0);
        }
    });
    connect(m_task, &BackgroundTask::finished, this, &ReviewView::onJobFinished);
    connect(m_task, &BackgroundTask::progressChanged, this, [this](int value, int maximum) {
        m_progress->setRange(0, std::max(1, maximum));
        m_progress->setValue(value);
    });
    updateEnabled();
}

ReviewView::~ReviewView() = default;

bool ReviewView::event(QEvent *event)
{
    // Accepting the override turns Ctrl+Z into a key press that reaches keyPressEvent() while focus is
    // in this tab, ahead of the window-wide Undo (which undoes verify decisions, not reviews).
    if (event->type() == QEvent::ShortcutOverride && static_cast<QKeyEvent *>(event)->matches(QKeySequence::Undo)) {
        event->accept();
        return true;
    }
    return QWidget::event(event);
}

void ReviewView::keyPressEvent(QKeyEvent *event)
{
    if (event->matches(QKeySequence::Undo)) {
        undo();
        return;
    }
    QWidget::keyPressEvent(event);
}

void ReviewView::createActions()
{
    // Widget-scoped shortcuts: the keys act while focus is anywhere in this tab (including the pair
    // table, which would otherwise eat letters for its keyboard search) and never in other tabs.
    auto make = [this](const QString &text, const QList<QKeySequence> &keys, auto slot) {
        auto *a = new QAction(text, this);
        a->setShortcuts(keys);
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        connect(a, &QAction::triggered, this, slot);
        addAction(a);
        return a;
    };
    m_duplicateAction =
        make(tr("Duplicate (D)"), {QKeySequence(Qt::Key_D)}, [this] { markCurrent(PairStatus::Duplicate); });
    m_distinctAction = make(tr("Distinct (K)"), {QKeySequence(Qt::Key_K), QKeySequence(Qt::Key_S)},
                            [this] { markCurrent(PairStatus::Distinct); });
    // Ctrl+Z is taken in event() instead: the window's Edit > Undo has the same key, and two shortcuts on
    // one key cancel each other out.
    m_undoAction = make(tr("Undo (Ctrl+Z)"), {}, [this] { undo(); });
    m_runAction = make(tr("Run Duplicate Search"), {}, [this] { runDuplicateSearch(); });
    m_cancelAction = make(tr("Cancel"), {}, [this] { m_task->cancel(); });
    m_addRefAction = make(tr("Add Reference Set..."), {}, [this] { askAddReference(); });
    m_duplicateAction->setToolTip(tr("Mark as duplicate: the candidate is excluded from export"));
    m_distinctAction->setToolTip(tr("Mark as distinct (K or S): kept, and not shown again"));
}

QWidget *ReviewView::createToolbar()
{
    auto *bar = new QToolBar(this);
    bar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    bar->addAction(m_runAction);
    m_searchOptions = new SearchOptionsBar(bar);
    bar->addWidget(m_searchOptions);
    bar->addAction(m_cancelAction);
    bar->addAction(m_addRefAction);
    bar->addSeparator();
    m_showReviewed = new QCheckBox(tr("Show reviewed"), bar);
    bar->addWidget(m_showReviewed);
    m_extra = new QComboBox(bar);
    m_extra->addItem(tr("Side by side"));
    m_extra->addItem(tr("With difference"));
    m_extra->addItem(tr("With overlay"));
    bar->addWidget(m_extra);
    bar->addSeparator();
    m_progress = new QProgressBar(bar);
    m_progress->setMaximumWidth(260);
    m_progress->setVisible(false);
    m_jobLabel = new QLabel(bar);
    bar->addWidget(m_jobLabel);
    bar->addWidget(m_progress);
    connect(m_showReviewed, &QCheckBox::toggled, this, [this](bool on) {
        if (m_session)
            m_session->setShowReviewed(on);
    });
    connect(m_extra, &QComboBox::currentIndexChanged, this,
            [this](int i) { m_pair->setExtra(static_cast<PairView::Extra>(i)); });
    return bar;
}

QWidget *ReviewView::createPairPane()
{
    auto *pane = new QWidget(this);
    m_pair = new PairView(pane);
    m_details = new PairDetails(pane);
    m_position = new QLabel(pane);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_position, 1);
    for (QAction *a : {m_duplicateAction, m_distinctAction, m_undoAction}) {
        auto *b = new QToolButton(pane);
        b->setDefaultAction(a);
        b->setToolButtonStyle(Qt::ToolButtonTextOnly);
        buttons->addWidget(b);
    }
    auto *v = new QVBoxLayout(pane);
    v->setContentsMargins(0, 0, 0, 0);
    v->addWidget(m_pair, 1);
    v->addWidget(m_details);
    v->addLayout(buttons);
    return pane;
}

void ReviewView::setProject(core::Project *project, const QString &annotator)
{
    if (m_task->isRunning()) {
        m_task->cancel();
        m_task->waitForFinished();
    }
    m_table->setModel(nullptr);
    m_session.reset(project ? new ReviewSession(project, annotator) : nullptr);
    if (m_session) {
        m_table->setModel(m_session->pairModel());
        m_table->sortByColumn(core::PairListModel::SsimCol, Qt::DescendingOrder);
        // What decides a pair first (similarity, status), then where the candidate comes from.
        using M = core::PairListModel;
        QHeaderView *header = m_table->horizontalHeader();
        const int order[] = {M::SsimCol,  M::L2Col,      M::StatusCol,       M::CandidateCol,
                             M::ClassCol, M::KeywordCol, M::ReferenceSetCol, M::ReferenceIndexCol};
        for (int visual = 0; visual < M::ColumnCount; ++visual)
            header->moveSection(header->visualIndex(order[visual]), visual);
        m_thresholds->setThresholds(m_session->ssimThreshold(), m_session->l2Threshold());
        m_searchOptions->setSettings(m_session->searchSettings());
        connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
                [this](const QModelIndex &current) { showRow(current.row()); });
        connect(m_session.get(), &ReviewSession::pairsChanged, this, &ReviewView::refreshCounts);
        m_session->setShowReviewed(m_showReviewed->isChecked());
    }
    reloadAll();
}

void ReviewView::reloadAll()
{
    if (!m_session) {
        m_stats->clear();
        m_pair->clear();
        m_details->clear();
        updateEnabled();
        return;
    }
    m_session->reload();
    QList<QPair<qint64, QString>> sets;
    for (const core::ReferenceSetInfo &set : m_session->referenceSets())
        sets << qMakePair(set.id, set.name);
    m_thresholds->setReferenceSets(sets);
    m_session->setReferenceSet(m_thresholds->referenceSetId());
    m_table->resizeColumnsToContents();
    m_stats->reload(*m_session);
    refreshCounts();
    setCurrentRow(0);
    updateEnabled();
}

int ReviewView::currentRow() const
{
    return m_table->model() ? m_table->currentIndex().row() : -1;
}

void ReviewView::setCurrentRow(int row)
{
    // Pages load as the table scrolls; a row past them (the next pair after the last loaded) loads now.
    while (m_session && row >= m_session->pairCount() && m_session->pairs()->canFetchMore({}))
        m_session->pairs()->fetchMore({});
    if (!m_session || !m_table->model() || m_session->pairCount() == 0) {
        showRow(-1);
        return;
    }
    row = std::clamp(row, 0, m_session->pairCount() - 1);
    m_table->setCurrentIndex(m_table->model()->index(row, 0));
    m_table->scrollTo(m_table->currentIndex());
    showRow(row);
}

void ReviewView::showRow(int row)
{
    if (!m_session || row < 0 || row >= m_session->pairCount()) {
        m_pair->clear();
        m_details->setText(m_session ? tr("No pairs to review at these thresholds.") : QString());
        m_position->clear();
        updateEnabled();
        return;
    }
    const PairCard card = m_session->card(row);
    m_pair->setImages(card.candidate, card.reference);
    m_pair->setCaptions(tr("candidate %1").arg(card.candidateId), tr("%1 #%2").arg(card.setName).arg(card.refIndex));
    m_pair->setFrameColor(PairDetails::statusColor(card.status));
    m_details->setCard(card);
    m_position->setText(tr("Pair %1 of %2").arg(row + 1).arg(card.total));
    updateEnabled();
}

bool ReviewView::markCurrent(PairStatus status)
{
    const int row = currentRow();
    if (!m_session || row < 0)
        return false;
    if (!m_session->mark(row, status)) {
        QMessageBox::warning(this, tr("Review"), m_session->errorString());
        return false;
    }
    // Reviewed pairs leave the list unless shown: the next pair then sits at the same row.
    setCurrentRow(m_session->showReviewed() ? row + 1 : row);
    m_stats->reload(*m_session);
    emit duplicatesChanged();
    return true;
}

bool ReviewView::undo()
{
    if (!m_session)
        return false;
    const std::optional<PairCard> undone = m_session->undo();
    if (!undone)
        return false;
    const int row = m_session->rowOf(undone->candidateId, undone->setId, undone->refIndex);
    setCurrentRow(row >= 0 ? row : currentRow());
    m_stats->reload(*m_session);
    emit duplicatesChanged();
    return true;
}

void ReviewView::onThresholds(double ssim, double l2)
{
    if (!m_session)
        return;
    // Count and threshold lines follow every slider step; saving and re-listing waits for a pause.
    m_session->setThresholds(ssim, l2);
    m_stats->setThresholds(ssim, l2);
    refreshCounts();
    m_applyTimer->start();
}

void ReviewView::applyThresholds()
{
    m_applyTimer->stop();
    if (!m_session)
        return;
    if (!m_session->applyThresholds())
        QMessageBox::warning(this, tr("Duplicates"), m_session->errorString());
    m_stats->reload(*m_session);
    setCurrentRow(0);
}

void ReviewView::refreshCounts()
{
    if (m_session)
        m_thresholds->setFlaggedCount(m_session->flaggedCount(), m_session->candidateCount());
}

void ReviewView::runDuplicateSearch()
{
    if (!m_session)
        return;
    applyThresholds(); // the run flags pairs with the thresholds the user sees
    if (!m_session->setSearchOptions(m_searchOptions->topK(), m_searchOptions->exhaustive(),
                                     m_searchOptions->window())) {
        QMessageBox::warning(this, tr("Duplicates"), m_session->errorString());
        return;
    }
    startJob(m_session->dedupJob(), tr("Searching duplicates..."));
}

void ReviewView::addReferenceSet(const QString &name, const QString &role, const QString &path)
{
    if (m_session)
        startJob(m_session->addReferenceJob(name, role, path), tr("Loading reference set %1...").arg(name));
}

void ReviewView::askAddReference()
{
    AddReferenceDialog dialog(this);
    if (dialog.exec() == QDialog::Accepted)
        addReferenceSet(dialog.name(), dialog.roleName(), dialog.path());
}

void ReviewView::startJob(const BackgroundTask::Work &work, const QString &what)
{
    if (!m_task->start(work))
        return;
    m_jobLabel->setText(what);
    m_progress->setRange(0, 0);
    m_progress->setVisible(true);
    updateEnabled();
}

void ReviewView::onJobFinished(bool ok, bool cancelled, const QString &error)
{
    m_progress->setVisible(false);
    m_jobLabel->setText(cancelled ? tr("Cancelled.") : ok ? tr("Done.") : QString());
    if (!ok && !cancelled)
        QMessageBox::warning(this, tr("Duplicates"), error);
    reloadAll();
    emit duplicatesChanged();
}

bool ReviewView::isBusy() const
{
    return m_task->isRunning();
}
void ReviewView::waitForJob()
{
    m_task->waitForFinished();
}

void ReviewView::updateEnabled()
{
    const bool busy = m_task->isRunning();
    const bool haveRow = m_session && currentRow() >= 0;
    m_runAction->setEnabled(m_session && !busy);
    m_addRefAction->setEnabled(m_session && !busy);
    m_cancelAction->setEnabled(busy);
    m_searchOptions->setEnabled(m_session && !busy);
    m_duplicateAction->setEnabled(haveRow && !busy);
    m_distinctAction->setEnabled(haveRow && !busy);
    m_undoAction->setEnabled(m_session && !busy);
}

} // namespace tc::ui
