#include "core/project/Project.h"

#include "core/project/ProjectFiles.h"
#include "core/project/ProjectSchema.h"
#include "core/project/Statement.h"
#include "core/project/Transaction.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryFile>
#include <QtEndian>
#include <algorithm>

namespace tc::core {

Project::Project(QObject *parent) : QObject(parent)
{
    connect(this, &Project::contentsChanged, this, [this] { m_candidateCountsValid = false; });
}

Project::~Project() = default;

bool Project::fail(const QString &message)
{
    m_error = message;
    return false;
}

bool Project::failDb()
{
    return fail(m_db.errorString());
}

namespace {

// The file at path as bytes, before SQLite sees it: SQLite would happily turn an empty file into a
// database, and its first write would change another program's file.
struct ProjectFileHeader {
    quint32 applicationId = 0;
    bool wal = false; // the header says WAL mode (then a -wal file may hold newer pages)
};

QString projectFileProblem(const QString &path, ProjectFileHeader *header, Project::OpenFailure *failure)
{
    const QFileInfo info(path);
    *failure = Project::OpenFailure::NotAProject;
    if (!info.exists()) {
        *failure = Project::OpenFailure::Missing;
        return QStringLiteral("%1: no such project file").arg(path);
    }
    if (info.isDir())
        return QStringLiteral("%1: a folder, not a project file").arg(path);
    if (!info.isFile()) // a FIFO or a device: never opened, reading it could block forever
        return QStringLiteral("%1: not a regular file, so not a project").arg(path);
    if (info.size() == 0)
        return QStringLiteral("%1: an empty file (0 bytes), not a TinyCurator project").arg(path);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *failure = Project::OpenFailure::CannotOpen;
        return QStringLiteral("%1: cannot read (%2)").arg(path, file.errorString());
    }
    const QByteArray bytes = file.read(100);
    if (bytes.size() < 100 || !bytes.startsWith(QByteArray("SQLite format 3\0", 16)))
        return QStringLiteral("%1: not a TinyCurator project (not an SQLite database)").arg(path);
    header->wal = bytes.at(18) == 2 && bytes.at(19) == 2;
    header->applicationId = qFromBigEndian<quint32>(bytes.constData() + 68);
    return {};
}

Project::OpenFailure failureOf(ProjectSchema::Identity::Kind kind)
{
    switch (kind) {
    case ProjectSchema::Identity::Kind::Project:
        return Project::OpenFailure::None;
    case ProjectSchema::Identity::Kind::Newer:
        return Project::OpenFailure::Newer;
    case ProjectSchema::Identity::Kind::Damaged:
        return Project::OpenFailure::Damaged;
    case ProjectSchema::Identity::Kind::Unreadable:
        return Project::OpenFailure::CannotOpen;
    case ProjectSchema::Identity::Kind::EmptyDatabase:
    case ProjectSchema::Identity::Kind::Foreign:
        break;
    }
    return Project::OpenFailure::NotAProject;
}

} // namespace

bool Project::failOpen(OpenFailure failure, const QString &message)
{
    m_failure = failure;
    m_db.close();
    m_lock.reset();
    m_createdHere = false;
    return fail(message);
}

void Project::setLockWait(int ms, std::function<void(const QString &)> onWait)
{
    m_lockWaitMs = std::max(0, ms);
    m_onLockWait = std::move(onWait);
}

bool Project::create(const QString &path)
{
    close();
    m_error.clear();
    m_failure = OpenFailure::None;
    const QFileInfo info(path);
    if (info.exists() && (!info.isFile() || info.size() > 0))
        return failOpen(OpenFailure::Exists,
                        QStringLiteral("%1: already exists (open it, or choose a new file name)").arg(path));
    // Two `new` on one path: the second waits or refuses here, before either writes.
    m_lock = std::make_unique<ProjectLock>(path);
    if (!m_lock->lock(m_lockWaitMs, m_onLockWait)) {
        m_holder = m_lock->holder();
        return failOpen(m_lock->isBusy() ? OpenFailure::InUse : OpenFailure::CannotLock, m_lock->errorString());
    }
    return createFile(path) && openFile(path, Access::ReadWrite);
}

bool Project::createFile(const QString &path)
{
    const QFileInfo info(path);
    // A -wal left by a database deleted without it would be replayed into the new file.
    ProjectFiles::removeCompanions(path);
    // What a `new` killed before its file was complete left (we hold the lock: nobody else builds it).
    const QString tempPrefix = QStringLiteral(".") + info.fileName() + QStringLiteral(".new-");
    for (const QString &stale : info.absoluteDir().entryList({tempPrefix + u'*'}, QDir::Files | QDir::Hidden))
        QFile::remove(info.absoluteDir().filePath(stale));
    // Built under a temporary name and linked into place complete: a kill or a failure never leaves
    // a file under the project's name that is not a project.
    QTemporaryFile temp(info.absolutePath() + QStringLiteral("/.") + info.fileName() + QStringLiteral(".new-XXXXXX"));
    if (!temp.open())
        return failOpen(OpenFailure::CannotOpen,
                        QStringLiteral("%1: cannot create (%2)").arg(path, temp.errorString()));
    temp.close();
    const QString tempPath = temp.fileName();
    // What SQLite would have created (QTemporaryFile makes 0600): a project is shared like any file.
    QFile::setPermissions(tempPath, QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther);
    {
        Database db;
        ProjectSchema schema(db);
        const bool ok = db.open(tempPath, Database::OpenMode::ReadWrite) &&
                        db.exec(QStringLiteral("PRAGMA journal_mode=DELETE; PRAGMA synchronous=FULL;")) &&
                        schema.migrate() &&
                        db.exec(QStringLiteral("PRAGMA application_id=%1").arg(ProjectSchema::kApplicationId));
        if (!ok) {
            QFile::remove(tempPath + QStringLiteral("-journal"));
            const QString why =
                (schema.errorString().isEmpty() ? db.errorString() : schema.errorString()).replace(tempPath, path);
            return failOpen(OpenFailure::CannotOpen, why);
        }
    }
    // Replaces only an empty file the user made for it; otherwise never a file that appeared meanwhile.
    ProjectFiles files;
    if (!files.moveIntoPlace(tempPath, path, info.exists()))
        return failOpen(files.targetExisted() ? OpenFailure::Exists : OpenFailure::CannotOpen,
                        files.targetExisted()
                            ? QStringLiteral("%1: already exists (open it, or choose a new file name)").arg(path)
                            : files.errorString());
    temp.setAutoRemove(false);
    m_createdHere = true;
    return true;
}

bool Project::open(const QString &path, Access access)
{
    close();
    m_error.clear();
    m_failure = OpenFailure::None;
    m_holder.clear();
    return openFile(path, access);
}

bool Project::openFile(const QString &path, Access access)
{
    ProjectFileHeader header;
    OpenFailure failure = OpenFailure::None;
    if (const QString problem = projectFileProblem(path, &header, &failure); !problem.isEmpty())
        return failOpen(failure, problem);
    // A file without our mark may be another program's database: look at it through a read-only
    // connection first, so nothing of it changes (not even its journal mode). A WAL-mode file without
    // a -wal is complete in itself and read as a snapshot, so not even a -wal or -shm appears beside it.
    if (header.applicationId != quint32(ProjectSchema::kApplicationId)) {
        Database probe;
        const bool snapshot = header.wal && !QFileInfo::exists(path + QStringLiteral("-wal"));
        if (!probe.open(path, snapshot ? Database::OpenMode::ReadOnlySnapshot : Database::OpenMode::ReadOnly))
            return failOpen(OpenFailure::CannotOpen, probe.errorString());
        const auto identity = ProjectSchema::identify(probe);
        // A crash during a write left a hot journal that only a writing connection can roll back
        // (what any SQLite program does on open): a writer goes on and identifies the file after it.
        const bool recoverFirst = identity.needsRecovery && access == Access::ReadWrite;
        if (identity.kind != ProjectSchema::Identity::Kind::Project && !recoverFirst)
            return failOpen(failureOf(identity.kind), identity.message);
    }
    // SQLite would open a write-protected file read-only without a word, and fail at the first write.
    if (access == Access::ReadWrite && !QFileInfo(path).isWritable())
        return failOpen(OpenFailure::CannotLock,
                        QStringLiteral("%1: the file is read-only (no permission to write it)").arg(path));
    // Writers lock before they touch the file: a second one waits or refuses here.
    if (access == Access::ReadWrite && !m_lock) {
        m_lock = std::make_unique<ProjectLock>(path);
        if (!m_lock->lock(m_lockWaitMs, m_onLockWait)) {
            m_holder = m_lock->holder();
            return failOpen(m_lock->isBusy() ? OpenFailure::InUse : OpenFailure::CannotLock, m_lock->errorString());
        }
    }
    if (!m_db.open(path, access == Access::ReadWrite ? Database::OpenMode::ReadWrite : Database::OpenMode::ReadOnly))
        return failOpen(OpenFailure::CannotOpen, m_db.errorString());
    auto identity = ProjectSchema::identify(m_db);
    if (access == Access::ReadOnly && identity.kind == ProjectSchema::Identity::Kind::Unreadable && header.wal &&
        !QFileInfo::exists(path + QStringLiteral("-wal"))) {
        // A WAL-mode file without its -wal where none can be created (a read-only folder, a DVD):
        // nothing can be in a WAL that is not there, and no writer can start one, so it is read as is.
        if (!m_db.open(path, Database::OpenMode::ReadOnlySnapshot))
            return failOpen(OpenFailure::CannotOpen, m_db.errorString());
        identity = ProjectSchema::identify(m_db);
    }
    if (identity.kind != ProjectSchema::Identity::Kind::Project)
        return failOpen(failureOf(identity.kind), identity.message);
    ProjectSchema schema(m_db);
    if (access == Access::ReadWrite) {
        if (!schema.configure() || !schema.migrate())
            return failOpen(OpenFailure::CannotOpen, schema.errorString());
        // A project from before the mark gets it with its first write (a PRAGMA, no migration).
        if (!identity.tagged &&
            !m_db.exec(QStringLiteral("PRAGMA application_id=%1").arg(ProjectSchema::kApplicationId)))
            return failOpen(OpenFailure::CannotOpen, m_db.errorString());
    } else if (!schema.configureReadOnly(identity.version)) {
        return failOpen(OpenFailure::Older, schema.errorString());
    }
    m_access = access;
    // Final verdicts under the project's accept rule: a writer derives them once for a file from before
    // the rule (or after a crash between its migration and that derivation); a reader cannot write, so
    // it refuses rather than count under another rule.
    if (access == Access::ReadWrite && !ensureFinalState()) {
        const QString why = m_error;
        return failOpen(OpenFailure::CannotOpen, why);
    }
    if (access == Access::ReadOnly) {
        // A file from before the accept rule is read through TEMP copies of its derived tables
        // (ProjectSchema's shim 4): its final verdicts are derived into them, never into the file.
        if (!finalStateIsCurrent() && (identity.version >= 4 || !ensureFinalState()))
            return failOpen(OpenFailure::Older,
                            QStringLiteral("%1: its final verdicts are not yet derived under its accept rule (%2); "
                                           "the next time it is opened for writing (the app, or any command that "
                                           "changes it) derives them, which a read-only open never does")
                                .arg(path, acceptRuleName(acceptRule())));
        if (!schema.sealReadOnly())
            return failOpen(OpenFailure::CannotOpen, schema.errorString());
    }
    emit contentsChanged(); // models built before open() load the new file
    return true;
}

void Project::close()
{
    if (!m_db.isOpen()) {
        m_lock.reset();
        return;
    }
    m_db.close();
    m_lock.reset();
    m_createdHere = false;
    m_access = Access::ReadWrite;
    emit contentsChanged();
}

bool Project::discard()
{
    if (!m_createdHere || !m_db.isOpen() || !m_lock)
        return false;
    const QString path = m_db.fileName();
    m_db.close();
    ProjectFiles::remove(path); // still under our lock: nobody opened it meanwhile
    ProjectFiles::syncFolder(QFileInfo(path).absolutePath());
    m_lock.reset();
    m_createdHere = false;
    emit contentsChanged();
    return true;
}

int Project::schemaVersion()
{
    return int(m_db.queryInt(QStringLiteral("PRAGMA user_version"), 0));
}

} // namespace tc::core
