#include "ui/CandidateGridWidget.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <algorithm>

namespace tc::ui {

namespace {
constexpr int kGap = 4; // between tiles, so a red reject frame never touches its neighbour
}

CandidateGridWidget::CandidateGridWidget(QWidget *parent) : QWidget(parent)
{
    setAttribute(Qt::WA_OpaquePaintEvent);
    setFocusPolicy(Qt::StrongFocus);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

void CandidateGridWidget::setColumns(int columns)
{
    m_columns = std::max(1, columns);
    update();
}

void CandidateGridWidget::setImages(const QList<QImage> &images)
{
    // Converted once here: the raster engine scales 32-bit images directly, other formats on every paint.
    m_images.clear();
    m_images.reserve(images.size());
    for (const QImage &image : images)
        m_images.append(image.format() == QImage::Format_RGB32 ? image : image.convertToFormat(QImage::Format_RGB32));
    m_rejected = QList<bool>(images.size(), false);
    m_cursor = 0;
    update();
    emit marksChanged();
}

void CandidateGridWidget::setSmooth(bool smooth)
{
    m_smooth = smooth;
    update();
}

void CandidateGridWidget::toggle(int index)
{
    if (index < 0 || index >= m_rejected.size())
        return;
    m_rejected[index] = !m_rejected[index];
    update(tileRect(index).adjusted(-kGap, -kGap, kGap, kGap));
    emit marksChanged();
}

void CandidateGridWidget::setCursor(int index)
{
    if (index < 0 || index >= m_images.size() || index == m_cursor)
        return;
    const int old = m_cursor;
    m_cursor = index;
    update(tileRect(old).adjusted(-kGap, -kGap, kGap, kGap));
    update(tileRect(index).adjusted(-kGap, -kGap, kGap, kGap));
}

int CandidateGridWidget::tileSide() const
{
    const int rows = std::max(1, int((m_images.size() + m_columns - 1) / m_columns));
    const int side = std::min((width() - kGap) / m_columns, (height() - kGap) / rows) - kGap;
    // Multiples of 16 keep nearest-neighbour pixels nearly equal while using most of the space.
    return side >= 32 ? side / 16 * 16 : std::max(side, 8);
}

QRect CandidateGridWidget::tileRect(int index) const
{
    const int side = tileSide();
    const int rows = std::max(1, int((m_images.size() + m_columns - 1) / m_columns));
    const int gridW = m_columns * (side + kGap) + kGap;
    const int gridH = rows * (side + kGap) + kGap;
    const QPoint origin((width() - gridW) / 2 + kGap, (height() - gridH) / 2 + kGap);
    return {origin.x() + (index % m_columns) * (side + kGap), origin.y() + (index / m_columns) * (side + kGap), side,
            side};
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
    const int rows = std::max(1, int((m_images.size() + m_columns - 1) / m_columns));
    return {m_columns * (64 + kGap) + kGap, rows * (64 + kGap) + kGap};
}

void CandidateGridWidget::paintEvent(QPaintEvent *event)
{
    QPainter painter(this);
    painter.fillRect(event->rect(), QColor(0x55, 0x55, 0x55));
    painter.setRenderHint(QPainter::SmoothPixmapTransform, m_smooth);
    for (int i = 0; i < m_images.size(); ++i)
        if (event->rect().intersects(tileRect(i).adjusted(-kGap, -kGap, kGap, kGap)))
            paintTile(painter, i);
}

void CandidateGridWidget::paintTile(QPainter &painter, int index) const
{
    const QRect r = tileRect(index);
    painter.drawImage(r, m_images[index]);
    if (m_rejected[index]) {
        // Darken and cross out: a rejected tile must read as "out" at a glance, even for colour-blind users.
        painter.fillRect(r, QColor(0, 0, 0, 140));
        painter.setPen(QPen(QColor(230, 40, 40), 3));
        painter.drawLine(r.topLeft(), r.bottomRight());
        painter.drawLine(r.topRight(), r.bottomLeft());
        painter.drawRect(r.adjusted(1, 1, -2, -2));
    }
    if (index == m_cursor && hasFocus()) {
        painter.setPen(QPen(QColor(255, 210, 0), 3));
        painter.drawRect(r.adjusted(-2, -2, 1, 1));
    }
}

void CandidateGridWidget::moveCursor(int dRow, int dCol)
{
    const int row = m_cursor / m_columns + dRow;
    const int col = m_cursor % m_columns + dCol;
    if (col < 0 || col >= m_columns || row < 0)
        return;
    setCursor(row * m_columns + col);
}

void CandidateGridWidget::keyPressEvent(QKeyEvent *event)
{
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
    case Qt::Key_N:
        toggle(m_cursor);
        break;
    case Qt::Key_Return:
    case Qt::Key_Enter:
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
