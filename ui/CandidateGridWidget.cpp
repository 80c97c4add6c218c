#include "ui/CandidateGridWidget.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <algorithm>

namespace tc::ui {

using core::Verdict;

namespace {
constexpr int kGap = 6;        // between tiles, so a frame never touches its neighbour
constexpr int kImageSide = 32; // tiles are integer multiples of the image's side
} // namespace

CandidateGridWidget::CandidateGridWidget(QWidget *parent) : QWidget(parent)
{
    setAttribute(Qt::WA_OpaquePaintEvent);
    setFocusPolicy(Qt::StrongFocus);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

QColor CandidateGridWidget::verdictColor(Verdict verdict)
{
    switch (verdict) {
    case Verdict::Accept:
        return {46, 160, 67};
    case Verdict::Reject:
        return {220, 40, 40};
    case Verdict::Unsure:
        return {235, 175, 0};
    case Verdict::None:
        break;
    }
    return {};
}

void CandidateGridWidget::setImages(const QList<QImage> &images, const QList<Verdict> &recorded,
                                    const QList<Verdict> &marks)
{
    // Converted once here: the raster engine scales 32-bit images directly, other formats on every paint.
    m_images.clear();
    m_images.reserve(images.size());
    for (const QImage &image : images)
        m_images.append(image.format() == QImage::Format_RGB32 ? image : image.convertToFormat(QImage::Format_RGB32));
    m_recorded = recorded;
    m_recorded.resize(images.size(), Verdict::None);
    m_marks = marks;
    m_marks.resize(images.size(), Verdict::None);
    for (qsizetype i = 0; i < m_marks.size(); ++i)
        if (m_marks[i] == Verdict::None)
            m_marks[i] = m_recorded[i] == Verdict::None ? Verdict::Accept : m_recorded[i];
    m_cursor = 0;
    m_painted = false;
    update();
    emit marksChanged();
}

void CandidateGridWidget::setSmooth(bool smooth)
{
    m_smooth = smooth;
    update();
}

bool CandidateGridWidget::isPending(int index) const
{
    return index >= 0 && index < m_marks.size() &&
           (m_recorded[index] == Verdict::None || m_recorded[index] != m_marks[index]);
}

void CandidateGridWidget::updateTile(int index)
{
    update(tileRect(index).adjusted(-kGap, -kGap, kGap, kGap));
}

void CandidateGridWidget::toggle(int index)
{
    if (index < 0 || index >= m_marks.size())
        return;
    // Accept <-> reject; an unsure tile becomes reject (U sets it back).
    setMark(index, m_marks[index] == Verdict::Reject ? Verdict::Accept : Verdict::Reject);
}

void CandidateGridWidget::setMark(int index, Verdict verdict)
{
    if (index < 0 || index >= m_marks.size() || verdict == Verdict::None || m_marks[index] == verdict)
        return;
    m_marks[index] = verdict;
    updateTile(index);
    emit marksChanged();
}

void CandidateGridWidget::setCursor(int index)
{
    if (index < 0 || index >= m_images.size() || index == m_cursor)
        return;
    const int old = m_cursor;
    m_cursor = index;
    updateTile(old);
    updateTile(index);
}

const CandidateGridWidget::Layout &CandidateGridWidget::tileLayout() const
{
    // Re-flows whenever the widget's size or the page's length changed (also while hidden, when no resize
    // event arrives).
    if (m_layoutFor != std::make_pair(size(), int(m_images.size()))) {
        m_layout = computeLayout();
        m_layoutFor = {size(), int(m_images.size())};
    }
    return m_layout;
}

CandidateGridWidget::Layout CandidateGridWidget::computeLayout() const
{
    const int n = std::max(1, int(m_images.size()));
    Layout best;
    int bestRaw = -1;
    // The column count that gives the largest tiles for this widget's shape; a 1600x1000 window shows a page of
    // 64 as 10 or 11 columns of large tiles rather than 8x8 small ones.
    for (int columns = 1; columns <= n; ++columns) {
        const int rows = (n + columns - 1) / columns;
        const int raw = std::min((width() - kGap) / columns, (height() - kGap) / rows) - kGap;
        const int side = raw >= kImageSide ? raw / kImageSide * kImageSide : std::max(raw, 8);
        if (side > best.side || (side == best.side && raw > bestRaw)) {
            best = {columns, side};
            bestRaw = raw;
        }
    }
    return best;
}

int CandidateGridWidget::columns() const
{
    return tileLayout().columns;
}

int CandidateGridWidget::tileSide() const
{
    return tileLayout().side;
}

QRect CandidateGridWidget::tileRect(int index) const
{
    const int side = tileLayout().side;
    const int columns = tileLayout().columns;
    const int rows = std::max(1, int((m_images.size() + columns - 1) / columns));
    const int gridW = columns * (side + kGap) + kGap;
    const int gridH = rows * (side + kGap) + kGap;
    const QPoint origin((width() - gridW) / 2 + kGap, (height() - gridH) / 2 + kGap);
    return {origin.x() + (index % columns) * (side + kGap), origin.y() + (index / columns) * (side + kGap), side, side};
}

int CandidateGridWidget::tileAt(const QPoint &pos) const
{
    for (int i = 0; i < m_images.size(); ++i)
        if (tileRect(i).contains(pos))
            return i;
    return -1;
}

QSize CandidateGridWidget::sizeHint() const
{
    return {8 * (64 + kGap) + kGap, 8 * (64 + kGap) + kGap};
}

QSize CandidateGridWidget::minimumSizeHint() const
{
    // The grid shrinks before anything else in the window: tiles go below 32 px rather than clip text.
    return {4 * (16 + kGap) + kGap, 2 * (16 + kGap) + kGap};
}

void CandidateGridWidget::paintEvent(QPaintEvent *event)
{
    QPainter painter(this);
    painter.fillRect(event->rect(), QColor(0x55, 0x55, 0x55));
    m_painted = m_painted || event->rect().contains(contentsRect());
    painter.setRenderHint(QPainter::SmoothPixmapTransform, m_smooth);
    for (int i = 0; i < m_images.size(); ++i)
        if (event->rect().intersects(tileRect(i).adjusted(-kGap, -kGap, kGap, kGap)))
            paintTile(painter, i);
}

void CandidateGridWidget::paintTile(QPainter &painter, int index) const
{
    const QRect r = tileRect(index);
    painter.drawImage(r, m_images[index]);
    const Verdict mark = m_marks[index];
    const Verdict recorded = m_recorded[index];
    if (mark == Verdict::Reject) {
        // Darken and cross out: a rejected tile must read as "out" at a glance, even for colour-blind users.
        painter.fillRect(r, QColor(0, 0, 0, 140));
        painter.setPen(QPen(verdictColor(Verdict::Reject), 3));
        painter.drawLine(r.topLeft(), r.bottomRight());
        painter.drawLine(r.topRight(), r.bottomLeft());
    } else if (mark == Verdict::Unsure) {
        painter.fillRect(r, QColor(0, 0, 0, 90));
        QFont font = painter.font();
        font.setBold(true);
        font.setPixelSize(std::max(10, r.height() / 2));
        painter.setFont(font);
        painter.setPen(verdictColor(Verdict::Unsure));
        painter.drawText(r, Qt::AlignCenter, QStringLiteral("?"));
    }
    if (recorded != Verdict::None) {
        // Decided before this page: framed in the recorded verdict's colour, with a filled corner, so a page of
        // rejected candidates never looks like a page of fresh accepts.
        const QColor colour = verdictColor(recorded);
        painter.setPen(QPen(colour, 4));
        painter.drawRect(r.adjusted(2, 2, -2, -2));
        const int corner = std::max(8, r.width() / 4);
        QPolygon triangle;
        triangle << r.topLeft() << r.topLeft() + QPoint(corner, 0) << r.topLeft() + QPoint(0, corner);
        painter.setPen(Qt::NoPen);
        painter.setBrush(colour);
        painter.drawPolygon(triangle);
        painter.setBrush(Qt::NoBrush);
        if (mark != recorded) {
            // Changed on this page: a dashed white frame inside the recorded colour says "Enter changes this".
            painter.setPen(QPen(Qt::white, 2, Qt::DashLine));
            painter.drawRect(r.adjusted(6, 6, -7, -7));
        }
    } else if (mark == Verdict::Reject) {
        painter.setPen(QPen(verdictColor(Verdict::Reject), 3));
        painter.drawRect(r.adjusted(1, 1, -2, -2));
    }
    if (index == m_cursor && hasFocus()) {
        painter.setPen(QPen(QColor(255, 210, 0), 3));
        painter.drawRect(r.adjusted(-3, -3, 2, 2));
    }
}

void CandidateGridWidget::moveCursor(int dRow, int dCol)
{
    const int columns = tileLayout().columns;
    const int row = m_cursor / columns + dRow;
    const int col = m_cursor % columns + dCol;
    if (col < 0 || col >= columns || row < 0)
        return;
    setCursor(row * columns + col);
}

void CandidateGridWidget::keyPressEvent(QKeyEvent *event)
{
    if (event->modifiers() & (Qt::ControlModifier | Qt::AltModifier)) {
        QWidget::keyPressEvent(event);
        return;
    }
    switch (event->key()) {
    case Qt::Key_Left:
        moveCursor(0, -1);
        break;
    case Qt::Key_Right:
        moveCursor(0, 1);
        break;
    case Qt::Key_Up:
        moveCursor(-1, 0);
        break;
    case Qt::Key_Down:
        moveCursor(1, 0);
        break;
    case Qt::Key_Space:
        toggle(m_cursor);
        break;
    case Qt::Key_Y:
        setMark(m_cursor, Verdict::Accept);
        break;
    case Qt::Key_N:
        setMark(m_cursor, Verdict::Reject);
        break;
    case Qt::Key_U:
        setMark(m_cursor, Verdict::Unsure);
        break;
    case Qt::Key_Return:
    case Qt::Key_Enter:
        // A held Enter, or a second Enter typed before the next page was on screen, must not commit a page the
        // annotator never saw: Enter counts once the page has been painted whole.
        if (!event->isAutoRepeat() && m_painted)
            emit commitRequested();
        break;
    default:
        QWidget::keyPressEvent(event);
        return;
    }
    event->accept();
}

void CandidateGridWidget::mousePressEvent(QMouseEvent *event)
{
    const int index = tileAt(event->position().toPoint());
    if (index < 0)
        return;
    setCursor(index);
    toggle(index);
}

} // namespace tc::ui
