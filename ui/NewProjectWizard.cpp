#include "ui/NewProjectWizard.h"

#include "core/project/CatalogJson.h"
#include "core/project/FolderImport.h"
#include "core/project/Project.h"
#include "core/project/Quotas.h"
#include "ui/ImportPage.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QTimer>
#include <QVBoxLayout>

namespace tc::ui {

namespace {

// Lets the helpers below register fields (QWizardPage keeps registerField() protected).
class FieldPage : public QWizardPage {
public:
    using QWizardPage::registerField;
};

QWizardPage *createSourcePage()
{
    auto *page = new FieldPage;
    page->setTitle(NewProjectWizard::tr("Where do the candidates come from?"));
    auto *tiny = new QRadioButton(NewProjectWizard::tr("80 Million &Tiny Images (binary + metadata) queried with "
                                                       "a keyword catalog (keyword_counts.json)"),
                                  page);
    auto *folder = new QRadioButton(
        NewProjectWizard::tr("An &image folder laid out as <class>/<keyword>/<file> (JPEG, PNG, ...)"), page);
    tiny->setChecked(true);
    auto *layout = new QVBoxLayout(page);
    layout->addWidget(tiny);
    layout->addWidget(folder);
    layout->addStretch(1);
    page->registerField(QStringLiteral("fromTiny"), tiny);
    return page;
}

// A line edit with a "Browse..." button; directory or file chooser.
QWidget *pathRow(FieldPage *page, const QString &field, bool directory, const QString &filter, bool save)
{
    auto *row = new QWidget(page);
    auto *edit = new QLineEdit(row);
    auto *browse = new QPushButton(NewProjectWizard::tr("Browse..."), row);
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(edit, 1);
    layout->addWidget(browse);
    QObject::connect(browse, &QPushButton::clicked, row, [=] {
        const QString path = directory ? QFileDialog::getExistingDirectory(page, QString(), edit->text())
                             : save    ? QFileDialog::getSaveFileName(page, QString(), edit->text(), filter)
                                       : QFileDialog::getOpenFileName(page, QString(), edit->text(), filter);
        if (!path.isEmpty())
            edit->setText(save && !path.endsWith(QStringLiteral(".tcproj")) ? path + QStringLiteral(".tcproj") : path);
    });
    page->registerField(field, edit);
    return row;
}

class InputPage final : public FieldPage {
public:
    InputPage()
    {
        setTitle(NewProjectWizard::tr("Inputs and project file"));
        const QString json = NewProjectWizard::tr("Keyword catalogs (*.json)");
        auto *maxPerKeyword = new QSpinBox(this);
        maxPerKeyword->setRange(0, 1000000);
        maxPerKeyword->setSpecialValueText(NewProjectWizard::tr("every record"));
        m_form = new QFormLayout(this);
        m_form->addRow(NewProjectWizard::tr("Tiny Images folder:"),
                       pathRow(this, QStringLiteral("tinyDir"), true, {}, false));
        m_form->addRow(NewProjectWizard::tr("Image folder:"),
                       pathRow(this, QStringLiteral("imageDir"), true, {}, false));
        m_form->addRow(NewProjectWizard::tr("Keyword catalog:"),
                       pathRow(this, QStringLiteral("catalog"), false, json, false));
        m_form->addRow(NewProjectWizard::tr("Records per keyword:"), maxPerKeyword);
        m_form->addRow(NewProjectWizard::tr("Project file:"),
                       pathRow(this, QStringLiteral("projectPath*"), false,
                               NewProjectWizard::tr("TinyCurator projects (*.tcproj)"), true));
        // A three-level tree is equally a plausible <class>/<keyword>/<sub folder> layout, so the grouping
        // is only read on request (core::FolderImport::setSuperclassFolders).
        auto *superclassFolders = new QCheckBox(
            NewProjectWizard::tr("Folders are <superclass>/<class>/<keyword>/<file> (CIFAR-100 grouping)"), this);
        superclassFolders->setToolTip(
            NewProjectWizard::tr("Each class gets its folder's superclass (its CIFAR-100 coarse label)."));
        m_form->addRow(QString(), superclassFolders);
        // The target is the dataset's size per class (CIFAR-10: 6000); each keyword's quota is its share by
        // catalog count, shown before anything is imported so a wrong target is seen here, not after an import.
        m_target = new QSpinBox(this);
        m_target->setRange(1, 10000000);
        m_target->setGroupSeparatorShown(true);
        m_target->setValue(core::Project::kDefaultTargetPerClass);
        m_target->setObjectName(QStringLiteral("targetPerClass"));
        m_form->addRow(NewProjectWizard::tr("Accepted images per class (target):"), m_target);
        m_quotas = new QPlainTextEdit(this);
        m_quotas->setObjectName(QStringLiteral("keywordQuotas"));
        m_quotas->setReadOnly(true);
        m_quotas->setLineWrapMode(QPlainTextEdit::WidgetWidth);
        m_form->addRow(NewProjectWizard::tr("Keyword quotas:"), m_quotas);
        registerField(QStringLiteral("maxPerKeyword"), maxPerKeyword);
        registerField(QStringLiteral("superclassFolders"), superclassFolders);
        registerField(QStringLiteral("targetPerClass"), m_target);
        m_preview = new QTimer(this);
        m_preview->setSingleShot(true);
        m_preview->setInterval(250);
        connect(m_preview, &QTimer::timeout, this, &InputPage::updateQuotas);
        connect(m_target, &QSpinBox::valueChanged, m_preview, qOverload<>(&QTimer::start));
        connect(superclassFolders, &QCheckBox::toggled, m_preview, qOverload<>(&QTimer::start));
        for (auto *edit : findChildren<QLineEdit *>())
            if (edit->parent() != m_target) // the spin box's own line edit
                connect(edit, &QLineEdit::textChanged, m_preview, qOverload<>(&QTimer::start));
    }

    QString quotasText() const { return m_quotas->toPlainText(); }

    // The quotas the import will give: Quotas::apportion over the catalog's counts (or the folder's files per
    // keyword without a catalog), as core computes them once the project exists.
    void updateQuotas()
    {
        const bool tiny = field(QStringLiteral("fromTiny")).toBool();
        const QString catalogPath = field(QStringLiteral("catalog")).toString();
        const QString folder = field(QStringLiteral("imageDir")).toString();
        core::Catalog catalog;
        QString error;
        if (!catalogPath.isEmpty()) {
            core::CatalogJson json;
            catalog = json.load(catalogPath);
            error = json.errorString();
        } else if (!tiny && QFileInfo(folder).isDir()) {
            core::Project unopened; // the scan reads the tree only
            core::FolderImport scan(unopened);
            scan.setSuperclassFolders(field(QStringLiteral("superclassFolders")).toBool());
            catalog = scan.folderCatalog(folder);
            error = scan.errorString();
        }
        if (catalog.isEmpty()) {
            m_quotas->setPlainText(error.isEmpty() ? NewProjectWizard::tr("Choose the inputs to see the quotas.")
                                                   : error);
            return;
        }
        const QLocale locale;
        const qint64 target = m_target->value();
        QStringList lines;
        for (const auto &cls : catalog) {
            std::vector<qint64> weights;
            for (const auto &k : cls.keywords)
                weights.push_back(k.count);
            const auto quotas = core::Quotas::apportion(weights, target);
            QStringList parts;
            for (std::size_t i = 0; i < quotas.size(); ++i)
                parts << QStringLiteral("%1 %2").arg(cls.keywords[int(i)].keyword, locale.toString(quotas[i]));
            lines << NewProjectWizard::tr("%1 (%2): %3").arg(cls.name, locale.toString(target), parts.join(u", "));
        }
        m_quotas->setPlainText(lines.join(u'\n'));
    }

    void initializePage() override
    {
        // Only the rows the chosen source needs are shown; the catalog is optional for folders.
        const bool tiny = field(QStringLiteral("fromTiny")).toBool();
        m_form->setRowVisible(0, tiny);
        m_form->setRowVisible(1, !tiny);
        m_form->setRowVisible(3, tiny);
        m_form->setRowVisible(5, !tiny);
        setSubTitle(tiny ? NewProjectWizard::tr("The folder holds tiny_images.bin and tiny_metadata.bin.")
                         : NewProjectWizard::tr("Without a catalog, classes and keywords come from the folder "
                                                "names. The catalog is optional."));
        updateQuotas();
    }

    bool isComplete() const override
    {
        const bool tiny = field(QStringLiteral("fromTiny")).toBool();
        const QString input = field(tiny ? QStringLiteral("tinyDir") : QStringLiteral("imageDir")).toString();
        const bool catalogOk = !tiny || !field(QStringLiteral("catalog")).toString().isEmpty();
        return QWizardPage::isComplete() && !input.isEmpty() && catalogOk;
    }

private:
    QFormLayout *m_form = nullptr;
    QSpinBox *m_target = nullptr;
    QPlainTextEdit *m_quotas = nullptr;
    QTimer *m_preview = nullptr;
};

} // namespace

NewProjectWizard::NewProjectWizard(QWidget *parent) : QWizard(parent)
{
    setWindowTitle(tr("New Project"));
    setPage(SourcePageId, createSourcePage());
    auto *input = new InputPage;
    setPage(InputPageId, input);
    m_import = new ImportPage;
    setPage(ImportPageId, m_import);
    // isComplete() reads several fields: re-evaluate whenever any path changes.
    for (auto *edit : input->findChildren<QLineEdit *>())
        connect(edit, &QLineEdit::textChanged, input, &QWizardPage::completeChanged);
    resize(760, 560);
}

QString NewProjectWizard::projectPath() const
{
    return m_import->succeeded() ? field(QStringLiteral("projectPath")).toString() : QString();
}

void NewProjectWizard::reject()
{
    // Closing mid-import cancels it; batches already committed stay, and a re-run completes them.
    m_import->cancel();
    QWizard::reject();
}

} // namespace tc::ui
