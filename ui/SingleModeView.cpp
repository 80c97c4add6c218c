#include "ui/SingleModeView.h"

#include "ui/CandidateImageWidget.h"

#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QProgressBar>
#include <QVBoxLayout>

namespace tc::ui {

namespace {

QLabel *makeLabel(int pointSizeDelta, bool bold, QWidget *parent)
{
    auto *label = new QLabel(parent);
    QFont font = label->font();
    font.setPointSize(font.pointSize() + pointSizeDelta);
    font.setBold(bold);
    label->setFont(font);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
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
    m_className = makeLabel(14, true, panel);
    m_keyword = makeLabel(6, false, panel);
    m_verdict = makeLabel(2, true, panel);
    m_position = makeLabel(0, false, panel);
    m_source = makeLabel(-1, false, panel);
    m_source->setWordWrap(true);
    m_quota = new QProgressBar(panel);
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
    m_position->setText(tr("Candidate ... of ..."));
    m_source->setText(card.source);
    m_verdict->setText(card.verdict.isEmpty() ? tr("undecided") : tr("your verdict: %1").arg(card.verdict));
    m_quota->setRange(0, std::max(1, card.keywordQuota));
    m_quota->setValue(std::min(card.keywordAccepted, std::max(1, card.keywordQuota)));
    m_quota->setFormat(tr("%1 of %2 accepted for this keyword").arg(card.keywordAccepted).arg(card.keywordQuota));
}

void SingleModeView::showPosition(qint64 position, qint64 queueSize)
{
    m_position->setText(position > 0 ? tr("Candidate %1 of %2").arg(position).arg(queueSize)
                                     : tr("Outside this filter (%1 candidates in it)").arg(queueSize));
}

void SingleModeView::showEmpty(const QString &message)
{
    m_image->setPlaceholder(message);
    for (QLabel *label : {m_className, m_keyword, m_position, m_source, m_verdict})
        label->clear();
    m_quota->reset();
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
