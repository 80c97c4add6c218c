#include "ui/SingleModeView.h"

#include "ui/CandidateImageWidget.h"
#include "ui/QuotaBar.h"
#include "ui/StaticTextLine.h"

#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QVBoxLayout>

namespace tc::ui {

namespace {

StaticTextLine *makeLine(int pointSizeDelta, bool bold, QWidget *parent, int lines = 1)
{
    auto *line = new StaticTextLine(parent, lines);
    QFont font = line->font();
    font.setPointSize(font.pointSize() + pointSizeDelta);
    font.setBold(bold);
    line->setFont(font);
    return line;
}

// The rules the CIFAR-10 labellers were given, condensed; shown beside every image so that several
// annotators apply the same standard.
QString classReminder()
{
    return SingleModeView::tr(
        "<b>Accept</b> when a person would name this class from the picture alone.<ul>"
        "<li>Photo-realistic: no drawings, cartoons or renderings.</li>"
        "<li>One prominent instance of the class.</li>"
        "<li>Partial occlusion or an unusual viewpoint is fine if the identity is clear.</li></ul>"
        "<b>Reject</b> anything else; <b>Unsure</b> when you cannot tell.");
}

QString keyHelp()
{
    return SingleModeView::tr("<b>Y</b> or <b>&rarr;</b> accept &nbsp; <b>N</b> reject &nbsp; <b>U</b> unsure "
                              "&nbsp; <b>&larr;</b> back &nbsp; <b>Ctrl+Z</b> undo");
}

} // namespace

SingleModeView::SingleModeView(QWidget *parent) : QWidget(parent)
{
    setFocusPolicy(Qt::StrongFocus);
    m_image = new CandidateImageWidget(this);
    auto *layout = new QHBoxLayout(this);
    layout->addWidget(m_image, 3);
    layout->addWidget(createInfoPanel(), 2);
}

QWidget *SingleModeView::createInfoPanel()
{
    auto *panel = new QWidget(this);
    auto *column = new QVBoxLayout(panel);
    m_className = makeLine(14, true, panel);
    m_keyword = makeLine(6, false, panel);
    m_verdict = makeLine(2, true, panel);
    m_position = makeLine(0, false, panel);
    m_source = makeLine(-1, false, panel, 2);
    m_quota = new QuotaBar(panel);
    auto *reminder = new QLabel(classReminder(), panel);
    reminder->setWordWrap(true);
    reminder->setFrameShape(QFrame::StyledPanel);
    reminder->setMargin(8);
    auto *keys = new QLabel(keyHelp(), panel);
    keys->setWordWrap(true);
    for (QWidget *w :
         {static_cast<QWidget *>(m_className), static_cast<QWidget *>(m_keyword), static_cast<QWidget *>(m_verdict),
          static_cast<QWidget *>(m_position), static_cast<QWidget *>(m_quota), static_cast<QWidget *>(m_source)})
        column->addWidget(w);
    column->addSpacing(12);
    column->addWidget(reminder);
    column->addStretch(1);
    column->addWidget(keys);
    return panel;
}

void SingleModeView::showCard(const CandidateCard &card)
{
    m_image->setImage(card.image);
    m_className->setText(card.className);
    m_keyword->setText(tr("keyword: %1").arg(card.keyword));
    showPosition(card.position, card.queueSize);
    m_source->setText(card.source);
    m_verdict->setText(card.verdict.isEmpty() ? tr("undecided") : tr("your verdict: %1").arg(card.verdict));
    setQuota(card.keywordAccepted, card.keywordQuota);
}

void SingleModeView::setQuota(int accepted, int quota)
{
    m_quota->setFigures(accepted, quota, tr("%1 of %2 accepted for this keyword").arg(accepted).arg(quota));
}

QString SingleModeView::quotaText() const
{
    return m_quota->text();
}

void SingleModeView::showPosition(qint64 position, qint64 queueSize)
{
    if (position < 0)
        m_position->setText(tr("Candidate ... of ..."));
    else if (position == 0)
        m_position->setText(tr("Outside this filter (%1 candidates in it)").arg(queueSize));
    else
        m_position->setText(tr("Candidate %1 of %2").arg(position).arg(queueSize));
}

QString SingleModeView::positionText() const
{
    return m_position->text();
}

void SingleModeView::paintNow()
{
    // One synchronous paint of the image paints every pending update of the window with it (text, quota bar).
    m_image->repaint();
}

void SingleModeView::showEmpty(const QString &message)
{
    m_image->setPlaceholder(message);
    for (StaticTextLine *line : {m_className, m_keyword, m_position, m_source, m_verdict})
        line->clear();
    m_quota->clear();
}

void SingleModeView::setSmooth(bool smooth)
{
    m_image->setSmooth(smooth);
}

void SingleModeView::keyPressEvent(QKeyEvent *event)
{
    // Auto-repeat would turn one held key into a burst of decisions the annotator never saw.
    if (event->isAutoRepeat() || event->modifiers() & (Qt::ControlModifier | Qt::AltModifier)) {
        QWidget::keyPressEvent(event);
        return;
    }
    switch (event->key()) {
    case Qt::Key_Y:
    case Qt::Key_Right:
        emit acceptRequested();
        break;
    case Qt::Key_N:
        emit rejectRequested();
        break;
    case Qt::Key_U:
        emit unsureRequested();
        break;
    case Qt::Key_Left:
        emit backRequested();
        break;
    default:
        QWidget::keyPressEvent(event);
        return;
    }
    event->accept();
}

} // namespace tc::ui
