#include "ui/VerifyPage.h"

#include "core/project/Project.h"
#include "ui/GridModeView.h"
#include "ui/SingleModeView.h"
#include "ui/VerifySession.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStackedWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace tc::ui {

using core::VerdictFilter;

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
    connect(m_grid, &GridModeView::commitRequested, this, &VerifyPage::commitPage);
    connect(m_grid, &GridModeView::pageShapeChanged, this, [this] {
        if (m_session)
            showPage();
    });
    setSession(nullptr);
}

QWidget *VerifyPage::createFilterBar()
{
    auto *bar = new QWidget(this);
    m_class = new QComboBox(bar);
    m_keyword = new QComboBox(bar);
    m_keyword->setMinimumContentsLength(18);
    m_verdict = new QComboBox(bar);
    m_verdict->addItem(tr("All candidates"), int(VerdictFilter::Any));
    m_verdict->addItem(tr("Undecided"), int(VerdictFilter::Undecided));
    m_verdict->addItem(tr("Accepted"), int(VerdictFilter::Accepted));
    m_verdict->addItem(tr("Rejected"), int(VerdictFilter::Rejected));
    m_verdict->addItem(tr("Unsure"), int(VerdictFilter::Unsure));
    m_suggestion = new QLabel(bar);
    m_goSuggestion = new QPushButton(tr("Go to suggested keyword"), bar);
    // The filter widgets must never keep the keyboard: every key belongs to the verify views.
    for (QWidget *w : {static_cast<QWidget *>(m_class), static_cast<QWidget *>(m_keyword),
                       static_cast<QWidget *>(m_verdict), static_cast<QWidget *>(m_goSuggestion)})
        w->setFocusPolicy(Qt::ClickFocus);
    auto *row = new QHBoxLayout(bar);
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(new QLabel(tr("Class:"), bar));
    row->addWidget(m_class);
    row->addWidget(new QLabel(tr("Keyword:"), bar));
    row->addWidget(m_keyword);
    row->addWidget(new QLabel(tr("Show:"), bar));
    row->addWidget(m_verdict);
    row->addStretch(1);
    row->addWidget(m_suggestion);
    row->addWidget(m_goSuggestion);

    connect(m_class, &QComboBox::currentIndexChanged, this, [this] {
        fillKeywords();
        applyFilter();
    });
    connect(m_keyword, &QComboBox::currentIndexChanged, this, &VerifyPage::applyFilter);
    connect(m_verdict, &QComboBox::currentIndexChanged, this, &VerifyPage::applyFilter);
    connect(m_goSuggestion, &QPushButton::clicked, this, &VerifyPage::goToSuggestion);
    return bar;
}

void VerifyPage::setSession(VerifySession *session)
{
    m_session = session;
    m_pageIds.clear();
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
    m_pageIds = m_session->page(m_grid->pageSize());
    if (m_pageIds.isEmpty()) {
        m_grid->showEmpty(tr("Nothing left in this filter."));
        return;
    }
    m_grid->showPage(m_session->images(m_pageIds),
                     tr("%n candidate(s) on this page, all marked accept", nullptr, int(m_pageIds.size())));
}

void VerifyPage::decide(int verdict)
{
    if (m_session && !m_session->decide(core::Verdict(verdict)))
        emit errorOccurred(m_session->errorString());
}

void VerifyPage::commitPage(const QList<bool> &rejected)
{
    if (!m_session || m_pageIds.isEmpty())
        return;
    if (!m_session->commitPage(m_pageIds, rejected)) {
        emit errorOccurred(m_session->errorString());
        return;
    }
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
    const auto id = project->nextSuggestedKeyword(m_class->currentData().toLongLong(), m_session->annotator());
    const auto keyword = id ? project->keyword(*id) : std::nullopt;
    m_suggestedKeyword = keyword ? keyword->id : 0;
    m_suggestion->setText(keyword
                              ? tr("Next suggested keyword: <b>%1</b> (%2)").arg(keyword->keyword, keyword->className)
                              : tr("Every keyword quota is met or decided."));
    m_goSuggestion->setEnabled(keyword.has_value() && m_keyword->currentData().toLongLong() != keyword->id);
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
    m_filling = false;
    applyFilter();
    updateSuggestion();
    m_stack->currentWidget()->setFocus();
}

} // namespace tc::ui
