#include "ui/SuperclassesDialog.h"

#include "core/export/CoarseLabels.h"
#include "core/project/Project.h"
#include "core/project/SuperclassMap.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QStyledItemDelegate>
#include <QTableWidget>
#include <QVBoxLayout>

namespace tc::ui {

namespace {

// The superclass cell's editor: free text (a new superclass is just a new name) with the names already in
// use one click away, so classes of one superclass are not split by a typo.
class SuperclassDelegate final : public QStyledItemDelegate {
public:
    explicit SuperclassDelegate(SuperclassesDialog *dialog) : QStyledItemDelegate(dialog), m_dialog(dialog) {}

    QWidget *createEditor(QWidget *parent, const QStyleOptionViewItem &, const QModelIndex &) const override
    {
        auto *combo = new QComboBox(parent);
        combo->setEditable(true);
        combo->setInsertPolicy(QComboBox::NoInsert);
        combo->addItems(m_dialog->superclassNames());
        // Every keystroke reaches the table: the status line follows the typing, and OK (or Enter, which
        // the dialog may take before the delegate's queued commit) applies what the editor shows.
        auto *self = const_cast<SuperclassDelegate *>(this);
        connect(combo, &QComboBox::currentTextChanged, self, [self, combo] { emit self->commitData(combo); });
        return combo;
    }
    void setEditorData(QWidget *editor, const QModelIndex &index) const override
    {
        static_cast<QComboBox *>(editor)->setCurrentText(index.data(Qt::EditRole).toString());
    }
    void setModelData(QWidget *editor, QAbstractItemModel *model, const QModelIndex &index) const override
    {
        model->setData(index, static_cast<QComboBox *>(editor)->currentText().trimmed(), Qt::EditRole);
    }

private:
    SuperclassesDialog *m_dialog;
};

} // namespace

SuperclassesDialog::SuperclassesDialog(core::Project *project, QWidget *parent)
    : QDialog(parent), m_project(project), m_classes(project->classes())
{
    setWindowTitle(tr("Superclasses"));
    auto *intro = new QLabel(tr("The superclass of each class is its CIFAR-100 coarse label. When every class has "
                                "one, the export writes CIFAR-100 style files; with none, CIFAR-10 style."),
                             this);
    intro->setWordWrap(true);

    m_table = new QTableWidget(int(m_classes.size()), 3, this);
    m_table->setHorizontalHeaderLabels({tr("Label"), tr("Class"), tr("Superclass")});
    m_table->verticalHeader()->hide();
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed |
                             QAbstractItemView::AnyKeyPressed | QAbstractItemView::SelectedClicked);
    m_table->setItemDelegateForColumn(SuperclassCol, new SuperclassDelegate(this));
    for (int row = 0; row < m_classes.size(); ++row) {
        const core::ClassInfo &c = m_classes[row];
        auto *label = new QTableWidgetItem(QString::number(c.label));
        label->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        auto *name = new QTableWidgetItem(c.name);
        for (auto *item : {label, name})
            item->setFlags(item->flags() & ~Qt::ItemIsEditable);
        m_table->setItem(row, LabelCol, label);
        m_table->setItem(row, ClassCol, name);
        m_table->setItem(row, SuperclassCol, new QTableWidgetItem(c.superclass));
    }
    m_table->horizontalHeader()->setSectionResizeMode(LabelCol, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(ClassCol, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    // Typing starts on the one editable column.
    if (m_table->rowCount() > 0)
        m_table->setCurrentCell(0, SuperclassCol);

    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_error = new QLabel(this);
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #a01414;"));
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->hide();

    // Load sits apart from OK/Cancel (a button box would put it between them): it only fills the table.
    auto *load = new QPushButton(tr("&Load from File..."), this);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(load, &QPushButton::clicked, this, &SuperclassesDialog::browse);
    connect(buttons, &QDialogButtonBox::accepted, this, &SuperclassesDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &SuperclassesDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_status);
    layout->addWidget(m_error);
    auto *buttonRow = new QHBoxLayout;
    buttonRow->addWidget(load);
    buttonRow->addStretch(1);
    buttonRow->addWidget(buttons);
    layout->addLayout(buttonRow);

    connect(m_table, &QTableWidget::itemChanged, this, [this](QTableWidgetItem *item) {
        if (item->column() == SuperclassCol)
            updateStatus();
    });
    updateStatus();
    resize(560, 520);
}

SuperclassesDialog::~SuperclassesDialog()
{
    // Closing with an editor open commits it on focus-out from ~QDialog, after this part of the object is
    // gone: the status must not be recomputed then.
    m_table->disconnect(this);
}

QStringList SuperclassesDialog::superclassNames() const
{
    QStringList supers;
    for (const core::ClassInfo &c : editedClasses())
        supers << c.superclass;
    return core::CoarseLabels::names(supers);
}

QList<core::ClassInfo> SuperclassesDialog::editedClasses() const
{
    QList<core::ClassInfo> edited = m_classes;
    for (int row = 0; row < edited.size(); ++row)
        edited[row].superclass = m_table->item(row, SuperclassCol)->text().trimmed();
    return edited;
}

void SuperclassesDialog::updateStatus()
{
    const QList<core::ClassInfo> edited = editedClasses();
    const QStringList missing = core::SuperclassMap::missing(edited);
    const QStringList names = superclassNames();
    QString text;
    if (!missing.isEmpty())
        text = tr("Without a superclass (%1 of %2 classes): %3. The export refuses until every class has one "
                  "(CIFAR-100 style) or none has (CIFAR-10 style).")
                   .arg(missing.size())
                   .arg(edited.size())
                   .arg(missing.join(QStringLiteral(", ")));
    else if (names.isEmpty())
        text = tr("No class has a superclass: the export will be CIFAR-10 style.");
    else
        text = tr("Every class has a superclass: the export will be CIFAR-100 style. Superclasses (%1): %2.")
                   .arg(names.size())
                   .arg(names.join(QStringLiteral(", ")));
    m_status->setText(text);
    m_status->setStyleSheet(missing.isEmpty() ? QString() : QStringLiteral("color: #a01414;"));
}

void SuperclassesDialog::showError(const QString &error)
{
    m_error->setText(error);
    m_error->setVisible(!error.isEmpty());
}

bool SuperclassesDialog::loadFile(const QString &path)
{
    QHash<QString, QString> map;
    if (core::SuperclassMap reader; !reader.read(path, &map)) {
        showError(tr("Nothing loaded: %1").arg(reader.errorString()));
        return false;
    }
    QHash<QString, int> rowOf;
    for (int row = 0; row < m_classes.size(); ++row)
        rowOf.insert(m_classes[row].name, row);
    QStringList unknown;
    for (auto it = map.cbegin(); it != map.cend(); ++it)
        if (!rowOf.contains(it.key()))
            unknown << it.key();
    if (!unknown.isEmpty()) {
        unknown.sort();
        showError(tr("Nothing loaded: %1 names classes this project does not have: %2")
                      .arg(path, unknown.join(QStringLiteral(", "))));
        return false;
    }
    // Classes the file does not name keep what the table shows, as with the CLI's --file.
    for (auto it = map.cbegin(); it != map.cend(); ++it)
        m_table->item(rowOf.value(it.key()), SuperclassCol)->setText(it.value().trimmed());
    showError({});
    return true;
}

void SuperclassesDialog::browse()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Load Superclasses"), QString(),
                                                      tr("Superclass maps (*.json *.csv);;All files (*)"));
    if (!path.isEmpty())
        loadFile(path);
}

bool SuperclassesDialog::apply()
{
    QHash<QString, QString> map;
    for (const core::ClassInfo &c : editedClasses())
        map.insert(c.name, c.superclass);
    if (!m_project->setSuperclasses(map)) {
        showError(tr("Nothing was changed: %1").arg(m_project->errorString()));
        return false;
    }
    showError({});
    return true;
}

void SuperclassesDialog::accept()
{
    if (apply())
        QDialog::accept();
}

QString SuperclassesDialog::statusText() const
{
    return m_status->text();
}

QString SuperclassesDialog::errorText() const
{
    return m_error->text();
}

} // namespace tc::ui
