#include "ui/SingleModeView.h"

#include "ui/CandidateGridWidget.h"
#include "ui/CandidateImageWidget.h"
#include "ui/QuotaBar.h"
#include "ui/StaticTextLine.h"
#include "ui/VerifySession.h"

#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLocale>
#include <QResizeEvent>
#include <QScrollArea>
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
        "<b>Accept (Y)</b> when a person would name this class from the picture alone.<ul>"
        "<li>Photo-realistic: no drawings, cartoons or renderings.</li>"
        "<li>One prominent instance of the class.</li>"
        "<li>Partial occlusion or an unusual viewpoint is fine if the identity is clear.</li></ul>"
        "<b>Reject (N)</b> anything else; <b>Unsure (U)</b> when you cannot tell. "
        "A verdict already recorded is shown above the figures; only Y, N or U changes it.");
}

} // namespace

QString SingleModeView::keyLegend()
{
    return tr("<b>Y</b> accept, <b>N</b> reject, <b>U</b> unsure: each records and moves on. "
              "<b>&larr;</b>/<b>&rarr;</b> (or PgUp/PgDn) only move, they never decide. <b>Ctrl+Z</b> undo.");
}

SingleModeView::SingleModeView(QWidget *parent) : QWidget(parent)
{
    setFocusPolicy(Qt::StrongFocus);
    m_image = new CandidateImageWidget(this);
    auto *layout = new QHBoxLayout(this);
    layout->addWidget(m_image, 3);
    layout->addWidget(createInfoPanel(), 2);
}

void SingleModeView::resizeEvent(QResizeEvent *event)
{
    // The image is square: width beyond the view's height would only be grey margin, so it goes to the
    // information panel instead (class, verdict and quota lines elide less), and on a small or long-language
    // window the image is what shrinks first.
    const QMargins margins = layout()->contentsMargins();
    m_image->setMaximumWidth(
        std::max(m_image->minimumWidth(), event->size().height() - margins.top() - margins.bottom()));
    QWidget::resizeEvent(event);
}

QWidget *SingleModeView::createInfoPanel()
{
    auto *panel = new QWidget(this);
    auto *column = new QVBoxLayout(panel);
    m_className = makeLine(12, true, panel);
    m_keyword = makeLine(4, false, panel);
    m_verdict = makeLine(2, true, panel);
    m_verdict->setMinimumHeight(m_verdict->minimumSizeHint().height() + 8); // room for the banner's fill
    m_position = makeLine(0, false, panel);
    m_source = makeLine(-1, false, panel);
    m_quota = new QuotaBar(panel);
    m_classQuota = new QuotaBar(panel);
    auto *keys = new QLabel(keyLegend(), panel);
    keys->setObjectName(QStringLiteral("keyLegend"));
    keys->setWordWrap(true);
    for (QWidget *w :
         {static_cast<QWidget *>(m_className), static_cast<QWidget *>(m_keyword), static_cast<QWidget *>(m_verdict),
          static_cast<QWidget *>(m_position), static_cast<QWidget *>(m_quota), static_cast<QWidget *>(m_classQuota),
          static_cast<QWidget *>(m_source), static_cast<QWidget *>(keys)})
        column->addWidget(w);
    // The instructions are the longest text and the one an annotator knows by heart after a while: on a small
    // screen (or in a long language) they scroll, and everything above them stays whole.
    auto *reminder = new QLabel(classReminder());
    reminder->setObjectName(QStringLiteral("instructions"));
    reminder->setWordWrap(true);
    reminder->setMargin(8);
    reminder->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    auto *scroll = new QScrollArea(panel);
    scroll->setWidget(reminder);
    scroll->setWidgetResizable(true);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setFrameShape(QFrame::StyledPanel);
    scroll->setFocusPolicy(Qt::NoFocus);
    scroll->setMinimumHeight(3 * fontMetrics().lineSpacing());
    column->addSpacing(6);
    column->addWidget(scroll, 1);
    return panel;
}

void SingleModeView::showCard(const CandidateCard &card)
{
    m_image->setImage(card.image);
    m_className->setText(card.className);
    m_keyword->setText(tr("keyword: %1").arg(card.keyword));
    showPosition(card.position, card.queueSize);
    m_source->setText(card.source);
    showVerdict(card);
    m_quota->setFigures(card.keywordAccepted, card.keywordQuota,
                        QuotaBar::describe(card.keywordAccepted, card.keywordQuota, tr("this keyword")));
    m_classQuota->setFigures(
        card.classAccepted, card.classTarget,
        QuotaBar::describe(card.classAccepted, card.classTarget, tr("class %1").arg(card.className)));
}

void SingleModeView::showVerdict(const CandidateCard &card)
{
    // Prominent, in the verdict's colour: moving onto a decided candidate must never look like a fresh one.
    if (card.verdict == core::Verdict::None) {
        m_verdict->setColors({}, {});
        m_verdict->setText(card.finalVerdict == core::Verdict::None
                               ? tr("Undecided")
                               : tr("Undecided by you (counted as %1 from other annotators)")
                                     .arg(VerifySession::verdictText(card.finalVerdict)));
        return;
    }
    const QString when = QLocale().toString(card.decidedAt, QLocale::ShortFormat);
    QString text;
    switch (card.verdict) {
    case core::Verdict::Accept:
        text = tr("ACCEPTED by %1, %2").arg(card.decidedBy, when);
        break;
    case core::Verdict::Reject:
        text = tr("REJECTED by %1, %2").arg(card.decidedBy, when);
        break;
    case core::Verdict::Unsure:
        text = tr("UNSURE by %1, %2").arg(card.decidedBy, when);
        break;
    case core::Verdict::None:
        break;
    }
    if (card.decidedIn == QLatin1String("grid"))
        text += tr(" (grid page)");
    m_verdict->setColors(CandidateGridWidget::verdictColor(card.verdict), Qt::white); // as the grid draws it
    m_verdict->setText(text);
}

QString SingleModeView::quotaText() const
{
    return m_quota->text();
}

QString SingleModeView::classQuotaText() const
{
    return m_classQuota->text();
}

QString SingleModeView::verdictText() const
{
    return m_verdict->text();
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
    m_verdict->setColors({}, {});
    m_quota->clear();
    m_classQuota->clear();
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
    // Only Y, N and U decide. The arrows and PgUp/PgDn move: looking at an earlier image and coming back must
    // never re-decide anything.
    switch (event->key()) {
    case Qt::Key_Y:
        emit acceptRequested();
        break;
    case Qt::Key_N:
        emit rejectRequested();
        break;
    case Qt::Key_U:
        emit unsureRequested();
        break;
    case Qt::Key_Left:
    case Qt::Key_PageUp:
        emit backRequested();
        break;
    case Qt::Key_Right:
    case Qt::Key_PageDown:
        emit forwardRequested();
        break;
    default:
        QWidget::keyPressEvent(event);
        return;
    }
    event->accept();
}

} // namespace tc::ui
