#include "ui/AddReferenceDialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

namespace tc::ui {

AddReferenceDialog::AddReferenceDialog(QWidget *parent) : QDialog(parent)
{
    setWindowTitle(tr("Add Reference Set"));
    m_name = new QLineEdit(this);
    m_name->setPlaceholderText(tr("e.g. cifar10-test"));
    m_role = new QComboBox(this);
    m_role->addItem(tr("Exclude: matches are removed (CIFAR-10 test, CIFAR-10.1)"));
    m_role->addItem(tr("Avoid: matches are used last (CIFAR-10 train)"));
    m_roleHelp = new QLabel(this);
    m_roleHelp->setWordWrap(true);
    m_path = new QLineEdit(this);
    m_path->setPlaceholderText(tr("a batch file, a cifar-10-batches-py/-bin folder, .npy/.npz or an image folder"));
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);

    auto *form = new QFormLayout(this);
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Role:"), m_role);
    form->addRow(QString(), m_roleHelp);
    // The row (field and two buttons) takes no focus: the label's buddy is the field, or Alt+P reaches nothing.
    QWidget *pathRow = makePathRow();
    auto *pathLabel = new QLabel(tr("&Path:"), this);
    pathLabel->setBuddy(m_path);
    form->addRow(pathLabel, pathRow);
    form->addRow(m_buttons);

    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_name, &QLineEdit::textChanged, this, &AddReferenceDialog::updateState);
    connect(m_path, &QLineEdit::textChanged, this, &AddReferenceDialog::updateState);
    connect(m_role, &QComboBox::currentIndexChanged, this, &AddReferenceDialog::updateState);
    setMinimumWidth(560);
    updateState();
}

QWidget *AddReferenceDialog::makePathRow()
{
    auto *row = new QWidget(this);
    auto *h = new QHBoxLayout(row);
    h->setContentsMargins(0, 0, 0, 0);
    h->addWidget(m_path, 1);
    auto *file = new QPushButton(tr("File..."), row);
    auto *folder = new QPushButton(tr("Folder..."), row);
    h->addWidget(file);
    h->addWidget(folder);
    connect(file, &QPushButton::clicked, this, &AddReferenceDialog::browseFile);
    connect(folder, &QPushButton::clicked, this, &AddReferenceDialog::browseFolder);
    return row;
}

QString AddReferenceDialog::name() const
{
    // An empty name takes the suggestion shown in the field: the file or folder name.
    const QString typed = m_name->text().trimmed();
    return typed.isEmpty() && !path().isEmpty() ? QFileInfo(path()).completeBaseName() : typed;
}
AddReferenceDialog::Role AddReferenceDialog::role() const
{
    return m_role->currentIndex() == 1 ? Role::Avoid : Role::Exclude;
}
QString AddReferenceDialog::roleName() const
{
    return role() == Role::Avoid ? QStringLiteral("avoid") : QStringLiteral("exclude");
}
QString AddReferenceDialog::path() const
{
    return m_path->text().trimmed();
}

void AddReferenceDialog::setName(const QString &name)
{
    m_name->setText(name);
}
void AddReferenceDialog::setRole(Role role)
{
    m_role->setCurrentIndex(role == Role::Avoid ? 1 : 0);
}
void AddReferenceDialog::setPath(const QString &path)
{
    m_path->setText(path);
}

void AddReferenceDialog::browseFile()
{
    const QString p = QFileDialog::getOpenFileName(this, tr("Reference Images"), path(),
                                                   tr("Image sets (*batch* *.bin *.npy *.npz);;All files (*)"));
    if (!p.isEmpty())
        setPath(p);
}

void AddReferenceDialog::browseFolder()
{
    const QString p = QFileDialog::getExistingDirectory(this, tr("Reference Folder"), path());
    if (!p.isEmpty())
        setPath(p);
}

void AddReferenceDialog::updateState()
{
    m_roleHelp->setText(role() == Role::Avoid
                            ? tr("Candidates matching this set are kept but used only after all others.")
                            : tr("Candidates matching this set exactly are removed; near matches go to review."));
    // Suggest the folder's name, the way a user would name the set anyway.
    if (!path().isEmpty())
        m_name->setPlaceholderText(QFileInfo(path()).completeBaseName());
    const bool ok = !path().isEmpty() && QFileInfo::exists(path()) && !name().isEmpty();
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(ok);
}

} // namespace tc::ui
