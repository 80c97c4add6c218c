// Project: superclasses (CIFAR-100 coarse labels) of the classes.
#include "core/project/Project.h"
#include "core/project/Statement.h"
#include "core/project/SuperclassMap.h"
#include "core/project/Transaction.h"

namespace tc::core {

namespace {
// The one rule for storing a superclass: trimmed, and NULL rather than '' for "none", so the CHECK
// constraint keeps the column two-valued.
void bindSuperclassOrNull(Statement &q, int index, const QString &superclass)
{
    if (const QString s = superclass.trimmed(); s.isEmpty())
        q.bindNull(index);
    else
        q.bind(index, s);
}
} // namespace

bool Project::setSuperclass(qint64 classId, const QString &superclass)
{
    Statement q(m_db, QStringLiteral("UPDATE classes SET superclass = ?2 WHERE id = ?1"));
    q.bind(1, classId);
    bindSuperclassOrNull(q, 2, superclass);
    if (!q.exec())
        return failDb();
    if (m_db.changes() == 0)
        return fail(QStringLiteral("%1: no class with id %2").arg(fileName()).arg(classId));
    emit contentsChanged();
    return true;
}

bool Project::setSuperclasses(const QHash<QString, QString> &superclassByClass)
{
    Transaction tx(m_db);
    if (!tx.isActive())
        return failDb();
    Statement q(m_db, QStringLiteral("UPDATE classes SET superclass = ?2 WHERE name = ?1"));
    // Sorted, so the class an error names does not depend on hash order.
    QStringList names = superclassByClass.keys();
    names.sort();
    for (const QString &name : names) {
        q.bind(1, name);
        bindSuperclassOrNull(q, 2, superclassByClass.value(name));
        if (!q.exec())
            return failDb();
        if (m_db.changes() == 0)
            return fail(QStringLiteral("%1: no class named '%2'").arg(fileName(), name));
    }
    if (!tx.commit())
        return failDb();
    emit contentsChanged();
    return true;
}

QString Project::superclassProblem()
{
    const QList<ClassInfo> all = classes();
    const QStringList without = SuperclassMap::missing(all);
    if (without.isEmpty())
        return {};
    // Core names no front end: the CLI and the GUI each say where superclasses are set.
    return QStringLiteral("%1 of %2 classes have a superclass, but these do not: %3 (a CIFAR-100 style export needs "
                          "one for every class, or none)")
        .arg(all.size() - without.size())
        .arg(all.size())
        .arg(without.join(QStringLiteral(", ")));
}

} // namespace tc::core
