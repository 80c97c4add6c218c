#pragma once

#include <QWizard>

namespace tc::ui {

class ImportPage;

// File > New Project: where the candidates come from (a Tiny Images folder plus a keyword catalog, or an
// image folder laid out <class>/<keyword>/<file>, optionally grouped by superclass one level up), where the
// project file goes, then the import itself, which runs off the GUI thread with progress and cancel (ImportPage).
class NewProjectWizard final : public QWizard {
    Q_OBJECT
public:
    enum PageId { SourcePageId, InputPageId, ImportPageId };

    explicit NewProjectWizard(QWidget *parent = nullptr);

    // The project created, once the import page finished successfully; empty before.
    QString projectPath() const;
    ImportPage *importPage() const { return m_import; }

    void reject() override;

private:
    ImportPage *m_import = nullptr;
};

} // namespace tc::ui
