#include "core/project/Project.h"
#include "core/project/Statement.h"
#include "core/project/Transaction.h"

// Project's catalog: the settings (meta), classes and keywords with their catalog counts, targets
// and absent flags (the file's life cycle is in Project.cpp, candidates in ProjectCandidates.cpp,
// decisions in ProjectDecisions.cpp, quotas and statistics in ProjectStats.cpp).
namespace tc::core {

QString Project::setting(const QString &key, const QString &defaultValue)
{
    Statement q(m_db, QStringLiteral("SELECT value FROM meta WHERE key = ?1"));
    q.bind(1, key);
    return q.next() ? q.text(0) : defaultValue;
}

bool Project::setSetting(const QString &key, const QString &value)
{
    Statement q(m_db, QStringLiteral("INSERT OR REPLACE INTO meta(key, value) VALUES (?1, ?2)"));
    q.bind(1, key).bind(2, value);
    return q.exec() || failDb();
}

bool Project::defineCatalog(const Catalog &catalog)
{
    const int target = targetPerClass();
    Transaction tx(m_db);
    Statement addClass(m_db, QStringLiteral("INSERT INTO classes(name, label, target) VALUES (?1, ?2, ?3) "
                                            "ON CONFLICT(name) DO NOTHING"));
    Statement classId(m_db, QStringLiteral("SELECT id FROM classes WHERE name = ?1"));
    // A catalog that names a superclass sets it; one that does not leaves a superclass set by hand.
    Statement setSuper(m_db, QStringLiteral("UPDATE classes SET superclass = ?2 WHERE id = ?1"));
    Statement addKeyword(m_db, QStringLiteral("INSERT INTO keywords(class_id, keyword, catalog_count) "
                                              "VALUES (?1, ?2, ?3) ON CONFLICT(class_id, keyword) "
                                              "DO UPDATE SET catalog_count = excluded.catalog_count"));
    const qint64 firstLabel = m_db.queryInt(QStringLiteral("SELECT coalesce(max(label) + 1, 0) FROM classes"));
    qint64 label = firstLabel;
    for (const auto &cls : catalog) {
        if (!addClass.bind(1, cls.name).bind(2, label).bind(3, target).exec())
            return failDb();
        if (m_db.changes() > 0)
            ++label;
        classId.reset();
        if (!classId.bind(1, cls.name).next())
            return failDb();
        const qint64 id = classId.int64(0);
        if (const QString super = cls.superclass.trimmed(); !super.isEmpty()) {
            if (!setSuper.bind(1, id).bind(2, super).exec())
                return failDb();
        }
        for (const auto &kw : cls.keywords)
            if (!addKeyword.bind(1, id).bind(2, kw.keyword).bind(3, kw.count).exec())
                return failDb();
    }
    if (!tx.commit())
        return failDb();
    emit contentsChanged();
    return true;
}

QList<ClassInfo> Project::classes()
{
    QList<ClassInfo> list;
    Statement q(m_db, QStringLiteral("SELECT id, name, label, target, superclass FROM classes ORDER BY label, id"));
    while (q.next())
        list.append({q.int64(0), q.text(1), int(q.int64(2)), int(q.int64(3)), q.text(4)});
    return list;
}

std::optional<ClassInfo> Project::classByName(const QString &name)
{
    for (const auto &c : classes())
        if (c.name == name)
            return c;
    return std::nullopt;
}

namespace {
constexpr const char *kKeywordSelect = "SELECT k.id, k.class_id, cl.name, k.keyword, k.catalog_count, k.absent, "
                                       "(SELECT count(*) FROM candidates c WHERE c.keyword_id = k.id) "
                                       "FROM keywords k JOIN classes cl ON cl.id = k.class_id ";

KeywordInfo keywordFromRow(const Statement &q)
{
    return {q.int64(0), q.int64(1), q.text(2), q.text(3), q.int64(4), q.int64(5) != 0, q.int64(6)};
}
} // namespace

QList<KeywordInfo> Project::keywords(qint64 classId)
{
    QList<KeywordInfo> list;
    Statement q(m_db, QString::fromLatin1(kKeywordSelect) +
                          QStringLiteral("WHERE ?1 = 0 OR k.class_id = ?1 ORDER BY cl.label, k.id"));
    q.bind(1, classId);
    while (q.next())
        list.append(keywordFromRow(q));
    return list;
}

std::optional<KeywordInfo> Project::keyword(qint64 keywordId)
{
    Statement q(m_db, QString::fromLatin1(kKeywordSelect) + QStringLiteral("WHERE k.id = ?1"));
    q.bind(1, keywordId);
    if (!q.next())
        return std::nullopt;
    return keywordFromRow(q);
}

std::optional<KeywordInfo> Project::keywordByName(const QString &className, const QString &keyword)
{
    Statement q(m_db, QString::fromLatin1(kKeywordSelect) + QStringLiteral("WHERE cl.name = ?1 AND k.keyword = ?2"));
    q.bind(1, className).bind(2, keyword);
    if (!q.next())
        return std::nullopt;
    return keywordFromRow(q);
}

bool Project::setKeywordAbsent(qint64 keywordId, bool absent)
{
    Statement q(m_db, QStringLiteral("UPDATE keywords SET absent = ?2 WHERE id = ?1"));
    q.bind(1, keywordId).bind(2, absent ? 1 : 0);
    return q.exec() || failDb();
}

int Project::targetPerClass()
{
    bool ok = false;
    const int value = setting(QStringLiteral("target_per_class")).toInt(&ok);
    return ok && value > 0 ? value : kDefaultTargetPerClass;
}

bool Project::setTargetPerClass(int target)
{
    if (target <= 0)
        return fail(QStringLiteral("%1: target per class must be positive (got %2)").arg(fileName()).arg(target));
    Transaction tx(m_db);
    Statement q(m_db, QStringLiteral("UPDATE classes SET target = ?1"));
    q.bind(1, target);
    if (!q.exec() || !setSetting(QStringLiteral("target_per_class"), QString::number(target)) || !tx.commit())
        return failDb();
    emit contentsChanged();
    return true;
}

bool Project::setClassTarget(qint64 classId, int target)
{
    if (target < 0)
        return fail(QStringLiteral("%1: a class target cannot be negative (got %2)").arg(fileName()).arg(target));
    Statement q(m_db, QStringLiteral("UPDATE classes SET target = ?2 WHERE id = ?1"));
    q.bind(1, classId).bind(2, target);
    if (!q.exec())
        return failDb();
    emit contentsChanged();
    return true;
}

} // namespace tc::core
