#include "ui/ReviewView.h"

#include "core/dedup/PairListModel.h"
#include "core/project/Project.h"
#include "ui/AddReferenceDialog.h"
#include "ui/BackgroundTask.h"
#include "ui/ClassShareChart.h"
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
#include <QStyle>
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
    // Column widths follow the rows loaded (a sort or a new page may bring wider values); once per burst.
    m_fitTimer = new QTimer(this);
    m_fitTimer->setSingleShot(true);
    m_fitTimer->setInterval(0);
    connect(m_fitTimer, &QTimer::timeout, this, &ReviewView::fitColumns);
    m_thresholds = new ThresholdBar(this);
    m_searchNotice = new QLabel(this);
    m_searchNotice->setObjectName(QStringLiteral("searchNotice"));
    m_searchNotice->setWordWrap(true);
    m_searchNotice->setStyleSheet(QStringLiteral("#searchNotice { background: #fff3cd; border: 1px solid #e0c36c; "
                                                 "border-radius: 3px; color: #4d3b00; padding: 4px 8px; }"));
    m_searchNotice->setVisible(false);
    m_stats = new ReviewStatsPanel(this);
    m_table = new QTableView(this);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setTextElideMode(Qt::ElideMiddle);
    m_table->setHorizontalScrollMode(QAbstractItemView::ScrollPerPixel);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(false);
    // Most similar first until a header click sorts otherwise (core sorts; the table fetches pages).
    m_table->horizontalHeader()->setSortIndicator(core::PairListModel::SsimCol, Qt::DescendingOrder);
    m_table->setSortingEnabled(true);
    createActions();

    // The queue across the top, all its columns visible; the selected pair and the overview below.
    auto *below = new QSplitter(Qt::Horizontal, this);
    below->addWidget(createPairPane());
    below->addWidget(m_stats);
    below->setStretchFactor(0, 5);
    below->setStretchFactor(1, 4);
    below->setChildrenCollapsible(false);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_table);
    split->addWidget(below);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);
    split->setChildrenCollapsible(false);
    // At least four pairs in view; the splitter shares the rest 2:3 (sizes are kept as proportions).
    m_table->setMinimumHeight(m_table->horizontalHeader()->sizeHint().height() +
                              4 * m_table->verticalHeader()->defaultSectionSize());
    split->setSizes({2000, 3000});
    below->setSizes({5000, 4000});

    // What the queue lists and how a pair is shown sit beside the thresholds, not in the search's toolbar:
    // there, in German at 1024 px, they went behind the toolbar's overflow button.
    m_showReviewed = new QCheckBox(tr("Show reviewed"), this);
    m_extra = new QComboBox(this);
    m_extra->addItem(tr("Side by side"));
    m_extra->addItem(tr("With difference"));
    m_extra->addItem(tr("With overlay"));
    auto *filters = new QHBoxLayout;
    filters->addWidget(m_thresholds, 1);
    filters->addWidget(m_showReviewed, 0, Qt::AlignTop);
    filters->addWidget(m_extra, 0, Qt::AlignTop);

    // The running job's line, under the thresholds while it runs and a moment after: at the toolbar's end
    // it went behind the overflow button in German at 1024 px, progress and all.
    m_jobRow = new QWidget(this);
    m_jobLabel = new QLabel(m_jobRow);
    m_progress = new QProgressBar(m_jobRow);
    m_progress->setMaximumWidth(260);
    auto *job = new QHBoxLayout(m_jobRow);
    job->setContentsMargins(0, 0, 0, 0);
    job->addWidget(m_jobLabel);
    job->addWidget(m_progress, 1);
    job->addStretch(1);
    m_jobRow->setVisible(false);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(createToolbar());
    layout->addLayout(filters);
    layout->addWidget(m_jobRow);
    layout->addWidget(m_searchNotice);
    layout->addWidget(split, 1);
    connect(m_thresholds, &ThresholdBar::thresholdsChanged, this, &ReviewView::onThresholds);
    connect(m_thresholds, &ThresholdBar::referenceSetChanged, this, [this](qint64 setId) {
        if (m_session) {
            const std::optional<PairCard> previous = m_shown;
            m_session->setReferenceSet(setId);
            reselect(previous);
        }
    });
    connect(m_stats, &QTabWidget::currentChanged, this, &ReviewView::refreshShares);
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
    m_duplicateAction->setToolTip(tr("Mark the selected pair duplicate (D): with an exclude set, export removes "
                                     "the candidate; with an avoid set, it is used last"));
    m_distinctAction->setToolTip(tr("Mark the selected pair distinct (K or S): this pair no longer removes the "
                                    "candidate (another pair or an identical copy still may); it leaves the queue"));
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
    connect(m_showReviewed, &QCheckBox::toggled, this, [this](bool on) {
        if (m_session) {
            const std::optional<PairCard> previous = m_shown;
            m_session->setShowReviewed(on);
            reselect(previous);
        }
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
    m_shown.reset();
    m_stats->clear();
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
        connectModel();
        connect(m_session.get(), &ReviewSession::pairsChanged, this, &ReviewView::refreshCounts);
        m_session->setShowReviewed(m_showReviewed->isChecked());
    }
    reloadAll();
}

void ReviewView::connectModel()
{
    // The pane shows the selected row's pair; whatever changes the rows or the selection re-reads it, so
    // a sort, a filter, a new page or an undo can never leave it showing (and D marking) another pair.
    QAbstractItemModel *model = m_table->model();
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &ReviewView::showSelected);
    connect(model, &QAbstractItemModel::modelReset, this, &ReviewView::showSelected);
    connect(model, &QAbstractItemModel::rowsInserted, this, &ReviewView::showSelected);
    connect(model, &QAbstractItemModel::rowsRemoved, this, &ReviewView::showSelected);
    connect(model, &QAbstractItemModel::dataChanged, this, &ReviewView::showSelected);
    connect(model, &QAbstractItemModel::layoutChanged, this, [this] {
        showSelected();
        scrollToRow(currentRow());
    });
    const auto fit = [this] { m_fitTimer->start(); };
    connect(model, &QAbstractItemModel::modelReset, this, fit);
    connect(model, &QAbstractItemModel::rowsInserted, this, fit);
    connect(model, &QAbstractItemModel::layoutChanged, this, fit);
}

void ReviewView::reloadAll()
{
    if (!m_session) {
        m_stats->clear();
        m_pair->clear();
        m_details->clear();
        m_shown.reset();
        updateEnabled();
        return;
    }
    const std::optional<PairCard> previous = m_shown;
    m_session->reload();
    QList<QPair<qint64, QString>> sets;
    for (const core::ReferenceSetInfo &set : m_session->referenceSets())
        sets << qMakePair(set.id, set.name);
    m_thresholds->setReferenceSets(sets);
    m_session->setReferenceSet(m_thresholds->referenceSetId());
    m_stats->reload(*m_session);
    refreshCounts();
    refreshSearchNotice();
    reselect(previous);
    fitColumns();
    updateEnabled();
}

void ReviewView::fitColumns()
{
    if (!m_session || !m_table->model())
        return;
    // Every value a column can hold fits: the widest of the loaded values, the header, and the widest
    // possible value (numbers at their widest, the project's longest class, keyword and set names).
    using M = core::PairListModel;
    QStringList classes, keywords, sets;
    for (const QString &c : m_session->classNames())
        classes << c;
    for (const core::KeywordInfo &k : m_session->project()->keywords())
        keywords << k.keyword;
    for (const core::ReferenceSetInfo &set : m_session->referenceSets())
        sets << set.name;
    const QHash<int, QStringList> widest = {
        {M::SsimCol, {QStringLiteral("-0.0000"), QStringLiteral("0.0000")}},
        {M::L2Col, {QStringLiteral("00000.0")}},
        {M::StatusCol,
         {ReviewSession::statusText(PairStatus::Unreviewed), ReviewSession::statusText(PairStatus::Duplicate),
          ReviewSession::statusText(PairStatus::Distinct)}},
        {M::CandidateCol, {QStringLiteral("Tiny #00000000")}},
        {M::ClassCol, classes},
        {M::KeywordCol, keywords},
        {M::ReferenceSetCol, sets},
        {M::ReferenceIndexCol, {QStringLiteral("000000")}}};
    // File names (folder imports) have no known widest value: those of the loaded rows are measured.
    QStringList names = widest.value(M::CandidateCol);
    for (int row = 0; row < std::min(m_session->pairCount(), 5000); ++row)
        names << m_session->pairs()->pair(row).filename;
    const QFontMetrics fm(m_table->font());
    const int margin = 2 * (m_table->style()->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, m_table) + 1) + 8;
    QHeaderView *header = m_table->horizontalHeader();
    for (int c = 0; c < M::ColumnCount; ++c) {
        int width = header->sectionSizeHint(c);
        for (const QString &text : c == M::CandidateCol ? names : widest.value(c))
            width = std::max(width, fm.horizontalAdvance(text) + margin);
        if (header->sectionSize(c) != width)
            header->resizeSection(c, width);
    }
}

int ReviewView::currentRow() const
{
    if (!m_table->model() || !m_table->selectionModel())
        return -1;
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    return rows.size() == 1 ? rows.first().row() : -1;
}

void ReviewView::setCurrentRow(int row)
{
    // Pages load as the table scrolls; a row past them (the next pair after the last loaded) loads now.
    while (m_session && row >= m_session->pairCount() && m_session->pairs()->canFetchMore({}))
        m_session->pairs()->fetchMore({});
    if (!m_session || !m_table->model() || m_session->pairCount() == 0) {
        if (m_table->selectionModel())
            m_table->selectionModel()->clear();
        showSelected();
        return;
    }
    row = std::clamp(row, 0, m_session->pairCount() - 1);
    const QModelIndex index = m_table->model()->index(row, 0);
    m_table->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    scrollToRow(row);
    showSelected();
}

void ReviewView::scrollToRow(int row)
{
    // Into view by its leftmost column on screen: the model's column 0 (the candidate) sits in the middle,
    // and scrolling to it while the table was still narrow (a hidden tab, a small window) left the table
    // scrolled to its right end, the similarity columns out of sight.
    if (row < 0 || !m_table->model())
        return;
    m_table->scrollTo(m_table->model()->index(row, m_table->horizontalHeader()->logicalIndex(0)));
}

void ReviewView::reselect(const std::optional<PairCard> &previous)
{
    // After the list was re-read: the same pair when it is still listed, else the first.
    const int row = previous ? m_session->rowOf(previous->candidateId, previous->setId, previous->refIndex) : -1;
    setCurrentRow(std::max(0, row));
}

std::optional<PairCard> ReviewView::shownPair() const
{
    return m_shown;
}

void ReviewView::showSelected()
{
    const int row = currentRow();
    if (!m_session || row < 0 || row >= m_session->pairCount()) {
        m_shown.reset();
        m_pair->clear();
        if (!m_session)
            m_details->clear();
        else if (m_session->totalPairs() == 0)
            m_details->setText(tr("No pairs to review at these thresholds."));
        else
            m_details->setText(tr("No pair selected: click one in the list."));
        m_position->clear();
        updateEnabled();
        return;
    }
    const PairCard card = m_session->card(row);
    m_shown = card;
    const QString alignment = card.transform.isIdentity() ? QString() : card.transform.describe();
    m_pair->setImages(card.candidate, card.reference, card.alignedReference, alignment);
    m_pair->setCaptions(card.candidateName,
                        alignment.isEmpty() ? tr("%1 #%2").arg(card.setName).arg(card.refIndex)
                                            : tr("%1 #%2 (%3)").arg(card.setName).arg(card.refIndex).arg(alignment));
    m_pair->setFrameColor(PairDetails::statusColor(card.status));
    m_details->setCard(card);
    m_position->setText(tr("Pair %1 of %2").arg(row + 1).arg(card.total));
    updateEnabled();
}

bool ReviewView::markCurrent(PairStatus status)
{
    const int row = currentRow();
    if (!m_session || !m_shown || row < 0)
        return false;
    // Exactly the pair the pane shows: it is the selected row's (showSelected() follows every change).
    const PairCard shown = *m_shown;
    const core::NearPair listed = m_session->pairs()->pair(row);
    if (listed.candidateId != shown.candidateId || listed.setId != shown.setId || listed.refIndex != shown.refIndex)
        return false;
    if (!m_session->mark(row, status)) {
        QMessageBox::warning(this, tr("Review"), m_session->errorString());
        return false;
    }
    // Reviewed pairs leave the list unless shown: the next pair then sits at the same row.
    setCurrentRow(m_session->showReviewed() ? row + 1 : row);
    refreshCounts();
    refreshShares();
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
    setCurrentRow(row >= 0 ? row : std::max(0, currentRow()));
    refreshCounts();
    refreshShares();
    emit duplicatesChanged();
    return true;
}

void ReviewView::onThresholds(double ssim, double l2)
{
    if (!m_session)
        return;
    // Counts, shares and threshold lines follow every slider step; saving and re-listing waits for a pause.
    m_session->setThresholds(ssim, l2);
    m_stats->setThresholds(ssim, l2);
    refreshShares();
    refreshCounts();
    m_applyTimer->start();
}

void ReviewView::applyThresholds()
{
    m_applyTimer->stop();
    if (!m_session)
        return;
    const std::optional<PairCard> previous = m_shown;
    if (!m_session->applyThresholds())
        QMessageBox::warning(this, tr("Duplicates"), m_session->errorString());
    refreshSearchNotice(); // a raised L2 threshold may ask for more than the stored search proved
    m_stats->reload(*m_session);
    reselect(previous);
}

void ReviewView::refreshShares()
{
    // A pass over every candidate and a new chart: only for the tab on screen (and when it comes up).
    if (m_session && m_stats->currentWidget() == m_stats->classShares())
        m_stats->reloadShares(*m_session);
}

void ReviewView::refreshSearchNotice()
{
    // Nothing to say before the first search of a project without reference sets.
    const QStringList problems =
        m_session && !m_session->referenceSets().isEmpty() ? m_session->searchProblems() : QStringList();
    m_searchNotice->setText(problems.isEmpty() ? QString()
                                               : tr("The stored duplicate search does not cover these settings: %1. "
                                                    "Run Duplicate Search before exporting.")
                                                     .arg(problems.join(QStringLiteral("; "))));
    m_searchNotice->setVisible(!problems.isEmpty());
}

void ReviewView::refreshCounts()
{
    if (m_session)
        m_thresholds->setTally(m_session->tally());
}

void ReviewView::runDuplicateSearch()
{
    if (!m_session)
        return;
    applyThresholds(); // the run flags pairs with the thresholds the user sees
    if (!m_session->setSearchOptions(m_searchOptions->topK(), m_searchOptions->exhaustive(), m_searchOptions->window(),
                                     m_searchOptions->transforms())) {
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
    m_jobRow->setVisible(true);
    updateEnabled();
}

void ReviewView::onJobFinished(bool ok, bool cancelled, const QString &error)
{
    m_progress->setVisible(false);
    m_jobLabel->setText(cancelled ? tr("Cancelled.") : ok ? tr("Done.") : QString());
    // The outcome stays in view for a moment; the row then gives its height back to the queue.
    QTimer::singleShot(kJobOutcomeMs, this, [this] {
        if (!m_task->isRunning())
            m_jobRow->setVisible(false);
    });
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
    const bool haveRow = m_session && m_shown.has_value();
    m_runAction->setEnabled(m_session && !busy);
    m_addRefAction->setEnabled(m_session && !busy);
    m_cancelAction->setEnabled(busy);
    m_searchOptions->setEnabled(m_session && !busy);
    m_duplicateAction->setEnabled(haveRow && !busy);
    m_distinctAction->setEnabled(haveRow && !busy);
    m_undoAction->setEnabled(m_session && !busy);
}

} // namespace tc::ui
