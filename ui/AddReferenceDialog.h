#pragma once

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;

namespace tc::ui {

// Asks for what `tinycurator-cli add-reference` takes: a name, a role and a path to one batch file or a
// whole batches folder. The caller hands the answers to core; the dialog only collects them.
class AddReferenceDialog final : public QDialog {
    Q_OBJECT
public:
    enum class Role { Exclude, Avoid };

    explicit AddReferenceDialog(QWidget *parent = nullptr);

    QString name() const;
    Role role() const;
    QString roleName() const; // "exclude" or "avoid", the project's spelling
    QString path() const;

    void setName(const QString &name);
    void setRole(Role role);
    void setPath(const QString &path);

private:
    void browseFile();
    void browseFolder();
    void updateState();
    QWidget *makePathRow();

    QLineEdit *m_name = nullptr;
    QComboBox *m_role = nullptr;
    QLineEdit *m_path = nullptr;
    QLabel *m_roleHelp = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace tc::ui
