#include "core/export/CoarseLabels.h"

#include "core/project/Project.h"

#include <QHash>
#include <algorithm>

namespace tc::core {

QStringList CoarseLabels::names(const QStringList &superclasses)
{
    QStringList names;
    for (const QString &s : superclasses)
        if (!s.isEmpty())
            names << s;
    // Code-point order, not locale order: the labels must not depend on the machine exporting.
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    return names;
}

bool CoarseLabels::assign(Project &project, ExportInput &input)
{
    m_error.clear();
    input.coarseLabelNames.clear();
    for (ExportClass &c : input.classes) {
        c.superclass.clear();
        c.coarseLabel = -1;
    }
    if (const QString problem = project.superclassProblem(); !problem.isEmpty()) {
        m_error = QStringLiteral("%1: %2").arg(project.fileName(), problem);
        return false;
    }
    QHash<qint64, QString> byId;
    for (const ClassInfo &c : project.classes())
        byId.insert(c.id, c.superclass);
    QStringList superclasses;
    for (ExportClass &c : input.classes)
        superclasses << (c.superclass = byId.value(c.id));
    input.coarseLabelNames = names(superclasses);
    if (input.coarseLabelNames.isEmpty())
        return true;
    for (ExportClass &c : input.classes) {
        if (c.superclass.isEmpty()) {
            // superclassProblem() said all or none; a class missing here was added meanwhile.
            m_error = QStringLiteral("%1: class '%2' has no superclass").arg(project.fileName(), c.name);
            return false;
        }
        c.coarseLabel = int(input.coarseLabelNames.indexOf(c.superclass));
    }
    return true;
}

} // namespace tc::core
