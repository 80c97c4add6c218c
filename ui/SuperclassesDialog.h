#pragma once

#include "core/project/ProjectTypes.h"

#include <QDialog>
#include <QList>

class QLabel;
class QTableWidget;

namespace tc::core {
class Project;
}

namespace tc::ui {

// Tools > Superclasses: each class's superclass (CIFAR-100 coarse label), edited in a table (an editable
// combo box offering the superclass names already used) or loaded from a .json/.csv map as
// `tinycurator-cli superclasses --file` reads it (core::SuperclassMap). A status line says live what the
// edits mean for an export (core::SuperclassMap::missing). Nothing is written before OK, which applies
// the whole table in one Project::setSuperclasses() transaction: all or nothing; Cancel changes nothing.
class SuperclassesDialog final : public QDialog {
    Q_OBJECT
public:
    enum Column { LabelCol, ClassCol, SuperclassCol };

    explicit SuperclassesDialog(core::Project *project, QWidget *parent = nullptr);
    ~SuperclassesDialog() override;

    QTableWidget *table() const { return m_table; }
    // The superclass names the editor offers: the distinct ones in the table, sorted.
    QStringList superclassNames() const;
    // Public so tests and the buttons share one path. loadFile() fills the table from a map file (the file's
    // classes must all exist; else nothing changes); apply() writes the table. False + errorText().
    bool loadFile(const QString &path);
    bool apply();
    QString statusText() const;
    QString errorText() const;

    void accept() override;

private:
    void browse();
    void updateStatus();
    void showError(const QString &error);
    QList<core::ClassInfo> editedClasses() const;

    core::Project *m_project = nullptr;
    QList<core::ClassInfo> m_classes;
    QTableWidget *m_table = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_error = nullptr;
};

} // namespace tc::ui
