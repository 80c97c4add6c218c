#pragma once

#include <QToolBar>

class QLabel;
class QPushButton;

namespace tc::ui {

// The strip at the top of the main window while the open project is read-only (another process is
// writing it, or its folder cannot be written): says why in words and offers to open it for editing
// again once the other one is done. Hidden while the project is writable.
class ReadOnlyBanner final : public QToolBar {
    Q_OBJECT
public:
    explicit ReadOnlyBanner(QWidget *parent = nullptr);

    // Shows the banner with reason (rich text); an empty reason hides it.
    void setReason(const QString &reason);
    QString reason() const;
    QPushButton *reopenButton() const { return m_reopen; }

signals:
    void reopenRequested();

private:
    QLabel *m_label = nullptr;
    QPushButton *m_reopen = nullptr;
};

} // namespace tc::ui
