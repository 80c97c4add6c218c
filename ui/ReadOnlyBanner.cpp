#include "ui/ReadOnlyBanner.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

namespace tc::ui {

ReadOnlyBanner::ReadOnlyBanner(QWidget *parent) : QToolBar(parent)
{
    setObjectName(QStringLiteral("readOnlyBanner"));
    setWindowTitle(tr("Read-only"));
    // A message, not a tool bar: it stays where it is and cannot be hidden from a context menu.
    setMovable(false);
    setFloatable(false);
    toggleViewAction()->setVisible(false);
    setContextMenuPolicy(Qt::PreventContextMenu);
    auto *box = new QWidget(this);
    box->setObjectName(QStringLiteral("readOnlyBannerBox"));
    // Expanding: a tool bar gives the rest of its row to such a widget, so the message has the width
    // of the window (the label itself asks for none, see below).
    box->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    box->setStyleSheet(QStringLiteral("#readOnlyBannerBox { background: #fff3cd; border: 1px solid #e0c36c; "
                                      "border-radius: 3px; } QLabel { color: #4d3b00; }"));
    auto *layout = new QHBoxLayout(box);
    layout->setContentsMargins(10, 6, 10, 6);
    m_label = new QLabel(box);
    // One line (a word-wrapped label makes a tool bar several lines high); a narrow window cuts it, the
    // tool tip keeps all of it.
    m_label->setTextFormat(Qt::RichText);
    m_label->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_reopen = new QPushButton(tr("Open for &Editing"), box);
    m_reopen->setToolTip(tr("Open the project for recording decisions again, once the other program has closed it."));
    layout->addWidget(m_label, 1);
    layout->addWidget(m_reopen);
    addWidget(box);
    connect(m_reopen, &QPushButton::clicked, this, &ReadOnlyBanner::reopenRequested);
    setVisible(false);
}

void ReadOnlyBanner::setReason(const QString &reason)
{
    m_label->setText(reason);
    m_label->setToolTip(reason);
    setVisible(!reason.isEmpty());
}

QString ReadOnlyBanner::reason() const
{
    return m_label->text();
}

} // namespace tc::ui
