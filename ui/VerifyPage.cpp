#include "ui/VerifyPage.h"

#include "core/project/Project.h"
#include "ui/GridModeView.h"
#include "ui/SingleModeView.h"
#include "ui/StaticTextLine.h"

#include <QAbstractItemView>
#include <QCheckBox>
#include <QComboBox>
#include <QCoreApplication>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QStackedWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace tc::ui {

using core::VerdictFilter;

namespace {
// Keys a filter widget must pass on to the verify view: letters (Y, N, U would otherwise select a combo entry by
// type-ahead, or be swallowed by a spin box) and the navigation keys that only the view has a use for.
bool belongsToTheView(const QKeyEvent *key, bool spinBox)
{
    if (key->modifiers() & (Qt::ControlModifier | Qt::AltModifier))
        return false;
    switch (key->key()) {
    case Qt::Key_Left:
    case Qt::Key_Right:
        return !spinBox;
    case Qt::Key_PageUp:
    case Qt::Key_PageDown:
        return true;
    default:
        break;
    }
    const QString text = key->text();
    return !text.isEmpty() && text.at(0).isLetter();
}
} // namespace

VerifyPage::VerifyPage(QWidget *parent) : QWidget(parent)
{
    m_single = new SingleModeView(this);
    m_grid = new GridModeView(this);
    m_stack = new QStackedWidget(this);
    m_stack->addWidget(m_single);
    m_stack->addWidget(m_grid);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(createFilterBar());
    layout->addWidget(m_stack, 1);

    // Counting and suggesting scan tables; doing it after the annotator pauses keeps key presses instant.
    // The position shown meanwhile comes from the session's bookkeeping; the pause checks it by counting.
    m_countsTimer = new QTimer(this);
    m_countsTimer->setSingleShot(true);
    m_countsTimer->setInterval(400);
    connect(m_countsTimer, &QTimer::timeout, this, [this] {
        updatePosition();
        updateSuggestion();
        emit countsChanged();
    });
    // Reading the next candidates ahead happens once the current image is on screen, between key presses.
    m_prefetchTimer = new QTimer(this);
    m_prefetchTimer->setSingleShot(true);
    m_prefetchTimer->setInterval(0);
    connect(m_prefetchTimer, &QTimer::timeout, this, [this] {
        if (m_session && m_mode == Mode::Single)
            m_session->prefetch();
    });

    connect(m_single, &SingleModeView::acceptRequested, this, [this] { decide(int(core::Verdict::Accept)); });
    connect(m_single, &SingleModeView::rejectRequested, this, [this] { decide(int(core::Verdict::Reject)); });
    connect(m_single, &SingleModeView::unsureRequested, this, [this] { decide(int(core::Verdict::Unsure)); });
    connect(m_single, &SingleModeView::backRequested, this, [this] {
        if (m_session)
            m_session->back();
    });
    connect(m_single, &SingleModeView::forwardRequested, this, [this] {
        if (m_session && !m_session->forward())
            emit noticed(tr("This is the last candidate of the filter."));
    });
    connect(m_grid, &GridModeView::commitRequested, this, &VerifyPage::commitPage);
    connect(m_grid, &GridModeView::pageShapeChanged, this, [this] {
        if (m_session && m_mode == Mode::Grid)
            showPage();
    });
    connect(m_grid->pageSizeBox(), &QSpinBox::editingFinished, this, &VerifyPage::focusView);
    guardFocus(m_grid->pageSizeBox());
    setSession(nullptr);
}

QWidget *VerifyPage::createFilterBar()
{
    auto *bar = new QWidget(this);
    m_class = new QComboBox(bar);
    m_keyword = new QComboBox(bar);
    m_keyword->setMinimumContentsLength(14);
    m_class->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_class->setMinimumContentsLength(10);
    m_keyword->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_verdict = new QComboBox(bar);
    m_verdict->addItem(tr("All candidates"), int(VerdictFilter::Any));
    m_verdict->addItem(tr("Undecided"), int(VerdictFilter::Undecided));
    m_verdict->addItem(tr("Accepted"), int(VerdictFilter::Accepted));
    m_verdict->addItem(tr("Rejected"), int(VerdictFilter::Rejected));
    m_verdict->addItem(tr("Unsure"), int(VerdictFilter::Unsure));
    m_skipMet = new QCheckBox(tr("Skip keywords whose quota is met"), bar);
    m_skipMet->setToolTip(tr("A project setting: grid pages and the suggested keyword pass over keywords that "
                             "already have their quota of accepted images (a keyword chosen above is always shown)."));
    m_suggestion = new StaticTextLine(bar);
    m_goSuggestion = new QPushButton(tr("Go to suggested keyword"), bar);
    // The filter widgets must never keep the keyboard: every key belongs to the verify views.
    for (QWidget *w : {static_cast<QWidget *>(m_class), static_cast<QWidget *>(m_keyword),
                       static_cast<QWidget *>(m_verdict), static_cast<QWidget *>(m_skipMet)}) {
        w->setFocusPolicy(Qt::ClickFocus);
        guardFocus(w);
    }
    m_goSuggestion->setFocusPolicy(Qt::NoFocus);
    const auto label = [bar](const QString &text, QWidget *buddy) {
        auto *l = new QLabel(text, bar);
        l->setBuddy(buddy);
        return l;
    };
    // Two rows: the filters, then the suggestion. One row does not fit at 1024 px in German.
    auto *grid = new QGridLayout(bar);
    grid->setContentsMargins(0, 0, 0, 0);
    auto *filters = new QHBoxLayout;
    filters->addWidget(label(tr("&Class:"), m_class));
    filters->addWidget(m_class, 2);
    filters->addWidget(label(tr("&Keyword:"), m_keyword));
    filters->addWidget(m_keyword, 3);
    filters->addWidget(label(tr("S&how:"), m_verdict));
    filters->addWidget(m_verdict, 2);
    filters->addStretch(0);
    auto *suggestion = new QHBoxLayout;
    suggestion->addWidget(m_skipMet);
    suggestion->addSpacing(12);
    suggestion->addWidget(m_suggestion, 1);
    suggestion->addWidget(m_goSuggestion);
    grid->addLayout(filters, 0, 0);
    grid->addLayout(suggestion, 1, 0);

    connect(m_class, &QComboBox::currentIndexChanged, this, [this] {
        fillKeywords();
        applyFilter();
    });
    connect(m_keyword, &QComboBox::currentIndexChanged, this, &VerifyPage::applyFilter);
    connect(m_verdict, &QComboBox::currentIndexChanged, this, &VerifyPage::applyFilter);
    for (QComboBox *combo : {m_class, m_keyword, m_verdict})
        connect(combo, &QComboBox::activated, this, &VerifyPage::focusView);
    connect(m_skipMet, &QCheckBox::clicked, this, [this](bool on) {
        if (m_session && !m_session->setSkipMetQuotas(on))
            emit errorOccurred(m_session->errorString());
        updateSuggestion();
        focusView();
    });
    connect(m_goSuggestion, &QPushButton::clicked, this, &VerifyPage::goToSuggestion);
    return bar;
}

void VerifyPage::guardFocus(QWidget *filterWidget)
{
    filterWidget->installEventFilter(this);
    // A combo's popup closed without a choice (Escape, a click elsewhere) leaves the focus on the combo.
    if (auto *combo = qobject_cast<QComboBox *>(filterWidget))
        combo->view()->window()->installEventFilter(this);
}

bool VerifyPage::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::Hide) {
        for (QComboBox *combo : {m_class, m_keyword, m_verdict})
            if (watched == combo->view()->window())
                QTimer::singleShot(0, this, &VerifyPage::focusView);
        return false;
    }
    if (event->type() != QEvent::KeyPress || !watched->isWidgetType())
        return false;
    auto *key = static_cast<QKeyEvent *>(event);
    const bool spin = watched == m_grid->pageSizeBox();
    if (!spin && watched != m_class && watched != m_keyword && watched != m_verdict && watched != m_skipMet)
        return false; // a key inside an open popup list: the list's own business
    if (belongsToTheView(key, spin)) {
        focusView();
        QWidget *view = m_stack->currentWidget();
        QCoreApplication::sendEvent(view->focusProxy() ? view->focusProxy() : view, key);
        return true;
    }
    if (!spin && (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter || key->key() == Qt::Key_Escape)) {
        focusView(); // done with the filter; never a page commit from here
        return true;
    }
    return false;
}

void VerifyPage::focusView()
{
    if (isVisible())
        m_stack->currentWidget()->setFocus(Qt::OtherFocusReason);
}

QString VerifyPage::suggestionText() const
{
    return m_suggestion->text();
}

void VerifyPage::setSession(VerifySession *session)
{
    m_session = session;
    m_page = {};
    setEnabled(session != nullptr);
    if (!session) {
        m_single->showEmpty(tr("Open or create a project (File menu) to start verifying."));
        m_grid->showEmpty(tr("No project open."));
        m_suggestion->clear();
        m_goSuggestion->setEnabled(false);
        return;
    }
    connect(session, &VerifySession::currentChanged, this,
            [this] { m_mode == Mode::Single ? showCurrent() : showPage(); });
    connect(session, &VerifySession::decisionsCommitted, m_countsTimer, qOverload<>(&QTimer::start));
    m_skipMet->setChecked(session->skipMetQuotas());
    fillClasses();
    applyFilter();
    updateSuggestion();
}

void VerifyPage::fillClasses()
{
    m_filling = true;
    m_class->clear();
    m_class->addItem(tr("All classes"), qint64(0));
    for (const auto &c : m_session->project()->classes())
        m_class->addItem(c.name, c.id);
    m_filling = false;
    fillKeywords();
}

void VerifyPage::fillKeywords()
{
    if (!m_session)
        return;
    const bool wasFilling = m_filling;
    m_filling = true;
    m_keyword->clear();
    m_keyword->addItem(tr("All keywords"), qint64(0));
    for (const auto &k : m_session->project()->keywords(m_class->currentData().toLongLong()))
        if (!k.absent)
            m_keyword->addItem(tr("%1 (%2)").arg(k.keyword).arg(k.candidates), k.id);
    m_filling = wasFilling;
}

void VerifyPage::applyFilter()
{
    if (!m_session || m_filling)
        return;
    core::CandidateFilter filter;
    filter.classId = m_class->currentData().toLongLong();
    filter.keywordId = m_keyword->currentData().toLongLong();
    filter.verdict = VerdictFilter(m_verdict->currentData().toInt());
    m_session->setFilter(filter); // emits currentChanged, which shows the resume point
    updateSuggestion();
}

void VerifyPage::setMode(Mode mode)
{
    m_mode = mode;
    m_stack->setCurrentWidget(mode == Mode::Single ? static_cast<QWidget *>(m_single) : m_grid);
    // Grid pages reset the session's position bookkeeping: count once when single mode comes back.
    if (m_session && mode == Mode::Single && !m_session->position().known)
        m_session->refreshPosition();
    if (m_session)
        mode == Mode::Single ? showCurrent() : showPage();
    m_stack->currentWidget()->setFocus();
}

void VerifyPage::setSmooth(bool smooth)
{
    m_single->setSmooth(smooth);
    m_grid->setSmooth(smooth);
}

void VerifyPage::showCurrent()
{
    const auto id = m_session->current();
    if (!id) {
        m_single->showEmpty(tr("Nothing left in this filter. Choose another keyword, class or verdict above, "
                               "or go to the suggested keyword."));
        return;
    }
    m_single->showCard(m_session->card(*id));
    m_countsTimer->start();
    // Paint now rather than at the next event-loop pass: the annotator's next key follows the image.
    m_single->paintNow();
    m_prefetchTimer->start();
}

void VerifyPage::showPage()
{
    m_page = m_session->page(m_grid->pageSize());
    if (m_page.ids.isEmpty()) {
        m_grid->showEmpty(m_session->skipMetQuotas() && m_session->filter().keywordId == 0
                              ? tr("Nothing left in this filter (keywords whose quota is met are skipped).")
                              : tr("Nothing left in this filter."));
        return;
    }
    GridModeView::Header header;
    header.className = m_page.className;
    header.keyword = m_page.keyword;
    header.keywordAccepted = m_session->keywordAccepted(m_page.keywordId);
    header.keywordQuota = m_session->keywordQuota(m_page.keywordId);
    header.classAccepted = m_session->classAccepted(m_page.classId);
    header.classTarget = m_session->classTarget(m_page.classId);
    m_grid->showPage(m_session->images(m_page.ids), m_page.recorded, m_page.marks, header);
}

void VerifyPage::decide(int verdict)
{
    if (m_session && !m_session->decide(core::Verdict(verdict)))
        emit errorOccurred(m_session->errorString());
}

void VerifyPage::commitPage(const QList<core::Verdict> &marks)
{
    if (!m_session || m_page.ids.isEmpty())
        return;
    const VerifySession::GridPage page = m_page;
    const qint64 classBefore = m_session->classAccepted(page.classId);
    if (!m_session->commitPage(page, marks)) {
        emit errorOccurred(m_session->errorString());
        return;
    }
    const qint64 target = m_session->classTarget(page.classId);
    const qint64 classAfter = m_session->classAccepted(page.classId);
    if (target > 0 && classAfter > target && classAfter > classBefore)
        emit noticed(
            tr("Class %1 is over its target: %2 of %3 accepted.").arg(page.className).arg(classAfter).arg(target));
    else
        emit noticed(tr("%n decision(s) recorded.", nullptr, m_session->lastCommitCount()));
    showPage();
}

bool VerifyPage::undo()
{
    if (!m_session)
        return false;
    if (!m_session->undo()) {
        if (!m_session->errorString().isEmpty())
            emit errorOccurred(m_session->errorString());
        return false;
    }
    return true;
}

void VerifyPage::updatePosition()
{
    if (!m_session || !m_session->current() || m_mode != Mode::Single)
        return;
    const VerifySession::Position p = m_session->refreshPosition();
    m_single->showPosition(p.known ? p.row : -1, p.size);
}

void VerifyPage::updateSuggestion()
{
    if (!m_session)
        return;
    core::Project *project = m_session->project();
    const auto id = project->nextSuggestedKeyword(m_class->currentData().toLongLong(), m_session->annotator(),
                                                  m_session->skipMetQuotas());
    const auto keyword = id ? project->keyword(*id) : std::nullopt;
    m_suggestedKeyword = keyword ? keyword->id : 0;
    m_suggestion->setText(keyword ? tr("Next suggested keyword: %1 (%2)").arg(keyword->keyword, keyword->className)
                                  : tr("Every keyword quota is met or decided."));
    const bool there = keyword && m_keyword->currentData().toLongLong() == keyword->id &&
                       VerdictFilter(m_verdict->currentData().toInt()) == VerdictFilter::Undecided;
    m_goSuggestion->setEnabled(keyword.has_value() && !there);
}

void VerifyPage::goToSuggestion()
{
    const auto keyword = m_session ? m_session->project()->keyword(m_suggestedKeyword) : std::nullopt;
    if (!keyword)
        return;
    m_filling = true;
    m_class->setCurrentIndex(std::max(0, m_class->findData(keyword->classId)));
    fillKeywords();
    m_keyword->setCurrentIndex(std::max(0, m_keyword->findData(keyword->id)));
    // The suggestion is about candidates still to decide: a Show filter left on "Unsure" would land on an
    // empty view.
    m_verdict->setCurrentIndex(std::max(0, m_verdict->findData(int(VerdictFilter::Undecided))));
    m_filling = false;
    applyFilter();
    focusView();
}

} // namespace tc::ui
