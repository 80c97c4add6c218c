#include "core/project/ProjectWatcher.h"

#include "core/project/Project.h"
#include "core/project/Statement.h"

#include <QSet>
#include <QStringList>

namespace tc::core {

ProjectWatcher::ProjectWatcher(Project *project, QObject *parent) : QObject(parent), m_project(project)
{
    connect(&m_timer, &QTimer::timeout, this, &ProjectWatcher::poll);
    // A project opened again (another file, or the same one read-only) starts from its own state.
    connect(project, &Project::contentsChanged, this, [this] {
        if (m_project->fileName() != m_file || !m_project->isOpen())
            m_dataVersion = -1;
    });
}

void ProjectWatcher::start(int intervalMs)
{
    rememberState();
    m_timer.start(intervalMs);
}

void ProjectWatcher::stop()
{
    m_timer.stop();
}

QString ProjectWatcher::contentsFingerprint()
{
    // Everything but decisions that views show, as a few indexed aggregates (no table scan): a change
    // of any of them means "reload". Decisions are followed separately, by id.
    Statement q(m_project->database(),
                QStringLiteral("SELECT (SELECT max(id) FROM candidates), (SELECT count(*) FROM keywords), "
                               "(SELECT total(absent) + total(catalog_count) FROM keywords), "
                               "(SELECT group_concat(name || ':' || target || ':' || coalesce(superclass, ''), ';') "
                               "FROM classes), (SELECT group_concat(key || '=' || value, ';') FROM meta), "
                               "(SELECT max(id) FROM pair_reviews), (SELECT max(rowid) FROM near_pairs), "
                               "(SELECT total(max_candidate_id) FROM dedup_progress), (SELECT count(*) FROM "
                               "reference_sets)"));
    QStringList parts;
    if (q.next())
        for (int i = 0; i < q.columnCount(); ++i)
            parts << q.text(i);
    return parts.join(u'|');
}

void ProjectWatcher::rememberState()
{
    if (!m_project->isOpen()) {
        m_dataVersion = -1;
        return;
    }
    m_file = m_project->fileName();
    Database &db = m_project->database();
    m_dataVersion = db.queryInt(QStringLiteral("PRAGMA data_version"), -1);
    m_lastDecision = db.queryInt(QStringLiteral("SELECT coalesce(max(id), 0) FROM decisions"));
    m_fingerprint = contentsFingerprint();
}

bool ProjectWatcher::poll()
{
    if (!m_project->isOpen())
        return false;
    if (m_dataVersion < 0) { // first look at this file
        rememberState();
        return false;
    }
    Database &db = m_project->database();
    const qint64 version = db.queryInt(QStringLiteral("PRAGMA data_version"), -1);
    if (version == m_dataVersion) {
        // Nothing from others; our own decisions since the last look were signalled by Project.
        m_lastDecision = db.queryInt(QStringLiteral("SELECT coalesce(max(id), 0) FROM decisions"), m_lastDecision);
        return false;
    }
    m_dataVersion = version;
    QList<qint64> candidates;
    QSet<qint64> seen;
    qint64 newest = m_lastDecision;
    Statement q(db, QStringLiteral("SELECT id, candidate_id FROM decisions WHERE id > ?1 ORDER BY id"));
    q.bind(1, m_lastDecision);
    while (q.next()) {
        newest = q.int64(0);
        if (!seen.contains(q.int64(1))) {
            seen.insert(q.int64(1));
            candidates.append(q.int64(1));
        }
    }
    m_lastDecision = newest;
    const QString fingerprint = contentsFingerprint();
    const bool contents = fingerprint != m_fingerprint;
    m_fingerprint = fingerprint;
    if (contents)
        emit m_project->contentsChanged();
    else if (!candidates.isEmpty())
        emit m_project->decisionsChanged(candidates);
    if (!contents && candidates.isEmpty())
        return false;
    emit changedElsewhere();
    return true;
}

} // namespace tc::core
