#include "ui/GridModeView.h"

#include "ui/CandidateGridWidget.h"
#include "ui/QuotaBar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace tc::ui {

using core::Verdict;

GridModeView::GridModeView(QWidget *parent) : QWidget(parent)
{
    m_grid = new CandidateGridWidget(this);
    m_pageSize = new QSpinBox(this);
    m_pageSize->setRange(4, 256);
    m_pageSize->setValue(64);
    m_pageSize->setObjectName(QStringLiteral("pageSize"));
    // Changing the page size must not keep the keyboard from the grid: Enter commits there (VerifyPage sends
    // the focus back when the edit is done).
    m_pageSize->setFocusPolicy(Qt::ClickFocus);
    m_question = new QLabel(this);
    m_question->setWordWrap(true);
    m_question->setTextFormat(Qt::RichText);
    QFont bold = m_question->font();
    bold.setPointSize(bold.pointSize() + 4);
    m_question->setFont(bold);
    m_quota = new QuotaBar(this);
    m_classQuota = new QuotaBar(this);
    m_summary = new QLabel(this);
    m_summary->setWordWrap(true);
    auto *commit = new QPushButton(tr("Commit page (Enter)"), this);
    commit->setFocusPolicy(Qt::NoFocus);

    auto *top = new QHBoxLayout;
    top->addWidget(m_question, 1);
    auto *pageLabel = new QLabel(tr("Tiles per page:"), this);
    pageLabel->setBuddy(m_pageSize);
    top->addWidget(pageLabel);
    top->addWidget(m_pageSize);
    auto *quotas = new QHBoxLayout;
    quotas->addWidget(m_quota, 1);
    quotas->addWidget(m_classQuota, 1);
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_summary, 1);
    bottom->addWidget(commit);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addLayout(quotas);
    layout->addWidget(m_grid, 1);
    layout->addLayout(bottom);
    setFocusProxy(m_grid);

    connect(m_grid, &CandidateGridWidget::marksChanged, this, &GridModeView::updateSummary);
    connect(m_grid, &CandidateGridWidget::commitRequested, this, [this] {
        if (!m_empty)
            emit commitRequested(m_grid->marks());
    });
    connect(commit, &QPushButton::clicked, m_grid, &CandidateGridWidget::commitRequested);
    connect(m_pageSize, &QSpinBox::valueChanged, this, &GridModeView::pageShapeChanged);
}

void GridModeView::showPage(const QList<QImage> &images, const QList<Verdict> &recorded, const QList<Verdict> &marks,
                            const Header &header)
{
    m_empty = false;
    m_header = header;
    m_question->setText(tr("Is each image a <b>%1</b>? <span style=\"font-weight:normal\">keyword: <i>%2</i></span>")
                            .arg(header.className.toHtmlEscaped(), header.keyword.toHtmlEscaped()));
    m_grid->setImages(images, recorded, marks); // emits marksChanged: summary and quotas follow
}

void GridModeView::showEmpty(const QString &message)
{
    m_empty = true;
    m_header = {};
    m_grid->setImages({});
    m_question->setText(message.toHtmlEscaped());
    m_quota->clear();
    m_classQuota->clear();
    m_summary->clear();
}

void GridModeView::setSmooth(bool smooth)
{
    m_grid->setSmooth(smooth);
}

int GridModeView::pageSize() const
{
    return m_pageSize->value();
}

void GridModeView::setPageSize(int tiles)
{
    m_pageSize->setValue(tiles);
}

QString GridModeView::questionText() const
{
    return m_question->text();
}

QString GridModeView::summaryText() const
{
    return m_summary->text();
}

QString GridModeView::quotaText() const
{
    return m_quota->text();
}

QString GridModeView::classQuotaText() const
{
    return m_classQuota->text();
}

qint64 GridModeView::pendingAccepts() const
{
    qint64 delta = 0;
    for (int i = 0; i < m_grid->count(); ++i)
        if (m_grid->isPending(i))
            delta += int(m_grid->mark(i) == Verdict::Accept) - int(m_grid->recorded(i) == Verdict::Accept);
    return delta;
}

void GridModeView::updateSummary()
{
    if (m_empty)
        return;
    int accept = 0, reject = 0, unsure = 0, decided = 0, changed = 0, pending = 0;
    for (int i = 0; i < m_grid->count(); ++i) {
        const Verdict mark = m_grid->mark(i);
        accept += mark == Verdict::Accept;
        reject += mark == Verdict::Reject;
        unsure += mark == Verdict::Unsure;
        decided += m_grid->recorded(i) != Verdict::None;
        changed += m_grid->recorded(i) != Verdict::None && m_grid->recorded(i) != mark;
        pending += m_grid->isPending(i);
    }
    m_summary->setText(tr("%1 on this page: %2 accept, %3 reject, %4 unsure (%5 decided before, %6 of them changed). "
                          "Enter records %7. Click or Space toggles reject; Y, N, U set the tile under the cursor.")
                           .arg(m_grid->count())
                           .arg(accept)
                           .arg(reject)
                           .arg(unsure)
                           .arg(decided)
                           .arg(changed)
                           .arg(pending));
    const qint64 delta = pendingAccepts();
    m_quota->setFigures(m_header.keywordAccepted + delta, m_header.keywordQuota,
                        QuotaBar::describe(m_header.keywordAccepted, m_header.keywordQuota,
                                           tr("keyword %1").arg(m_header.keyword), delta));
    m_classQuota->setFigures(m_header.classAccepted + delta, m_header.classTarget,
                             QuotaBar::describe(m_header.classAccepted, m_header.classTarget,
                                                tr("class %1").arg(m_header.className), delta));
}

} // namespace tc::ui
