#include "ui/AnnotatorDialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace tc::ui {

AnnotatorDialog::AnnotatorDialog(const QStringList &known, const QString &preferred, QWidget *parent) : QDialog(parent)
{
    setWindowTitle(tr("Who is annotating?"));
    m_names = new QComboBox(this);
    m_names->setEditable(true);
    m_names->setInsertPolicy(QComboBox::NoInsert);
    m_names->addItems(known);
    m_names->lineEdit()->setPlaceholderText(tr("Your name"));
    m_names->setCurrentText(preferred);
    m_names->lineEdit()->selectAll(); // typing another name replaces the remembered one
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("Each annotator's decisions are kept separately, so two people can verify "
                                    "the same candidates and their agreement can be measured.\n"
                                    "Choose your name or type a new one:"),
                                 this));
    layout->addWidget(m_names);
    layout->addWidget(buttons);
    auto updateOk = [this, buttons] { buttons->button(QDialogButtonBox::Ok)->setEnabled(!annotator().isEmpty()); };
    connect(m_names, &QComboBox::currentTextChanged, this, updateOk);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    updateOk();
}

QString AnnotatorDialog::annotator() const
{
    return m_names->currentText().trimmed();
}

QString AnnotatorDialog::ask(QWidget *parent, const QStringList &known, const QString &preferred)
{
    AnnotatorDialog dialog(known, preferred, parent);
    return dialog.exec() == QDialog::Accepted ? dialog.annotator() : QString();
}

} // namespace tc::ui
