#include "ui/GridModeView.h"

#include "ui/CandidateGridWidget.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace tc::ui {

namespace {
QSpinBox *makeSpin(int value, QWidget *parent)
{
    auto *spin = new QSpinBox(parent);
    spin->setRange(2, 16);
    spin->setValue(value);
    // Changing the page shape must not steal the keyboard from the grid for long: Enter commits there.
    spin->setFocusPolicy(Qt::ClickFocus);
    return spin;
}
} // namespace

GridModeView::GridModeView(QWidget *parent) : QWidget(parent)
{
    m_grid = new CandidateGridWidget(this);
    m_columns = makeSpin(8, this);
    m_rows = makeSpin(8, this);
    m_caption = new QLabel(this);
    QFont bold = m_caption->font();
    bold.setBold(true);
    bold.setPointSize(bold.pointSize() + 4);
    m_caption->setFont(bold);
    m_summary = new QLabel(this);
    auto *commit = new QPushButton(tr("Commit page (Enter)"), this);
    commit->setFocusPolicy(Qt::NoFocus);

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_caption, 1);
    bar->addWidget(new QLabel(tr("Columns:"), this));
    bar->addWidget(m_columns);
    bar->addWidget(new QLabel(tr("Rows:"), this));
    bar->addWidget(m_rows);
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_summary, 1);
    bottom->addWidget(commit);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(m_grid, 1);
    layout->addLayout(bottom);
    setFocusProxy(m_grid);

    connect(m_grid, &CandidateGridWidget::marksChanged, this, &GridModeView::updateSummary);
    connect(m_grid, &CandidateGridWidget::commitRequested, this,
            [this] { emit commitRequested(m_grid->rejectedMarks()); });
    connect(commit, &QPushButton::clicked, m_grid, &CandidateGridWidget::commitRequested);
    for (QSpinBox *spin : {m_columns, m_rows})
        connect(spin, &QSpinBox::valueChanged, this, [this] {
            m_grid->setColumns(m_columns->value());
            emit pageShapeChanged();
        });
}

void GridModeView::showPage(const QList<QImage> &images, const QString &caption)
{
    m_caption->setText(caption);
    m_grid->setColumns(m_columns->value());
    m_grid->setImages(images);
}

void GridModeView::showEmpty(const QString &message)
{
    m_grid->setImages({});
    m_caption->setText(message);
}

void GridModeView::setSmooth(bool smooth)
{
    m_grid->setSmooth(smooth);
}

int GridModeView::pageSize() const
{
    return m_columns->value() * m_rows->value();
}

int GridModeView::columns() const
{
    return m_columns->value();
}

void GridModeView::setPageShape(int columns, int rows)
{
    m_columns->setValue(columns);
    m_rows->setValue(rows);
}

void GridModeView::updateSummary()
{
    const QList<bool> marks = m_grid->rejectedMarks();
    const auto rejected = marks.count(true);
    m_summary->setText(tr("%1 accept, %2 reject. Click or Space toggles reject; arrows move; Enter commits.")
                           .arg(marks.size() - rejected)
                           .arg(rejected));
}

} // namespace tc::ui
