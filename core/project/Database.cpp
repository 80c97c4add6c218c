#include "core/project/Database.h"

#include <QFileInfo>
#include <QMutex>
#include <QMutexLocker>
#include <QUrl>
#include <sqlite3.h>
#include <utility>

namespace tc::core {

namespace {

constexpr int kBusyTimeoutMs = 10000;

QMutex &damageMutex()
{
    static QMutex mutex;
    return mutex;
}

QString &processDamage()
{
    static QString first;
    return first;
}

// SQLite's result code as words a user can act on. SQLite's own message stays in parentheses (it is
// words too, "database or disk is full"); the SQL text never appears.
QString inWords(int code, const QString &sqliteMessage, bool readOnly, const QString &readOnlyReason)
{
    switch (code & 0xff) {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
        return QStringLiteral("the project file is damaged (%1); restore it from a backup or another good copy")
            .arg(sqliteMessage);
    case SQLITE_FULL:
        return QStringLiteral("the disk is full (%1)").arg(sqliteMessage);
    case SQLITE_READONLY:
        if (code == SQLITE_READONLY_ROLLBACK || code == SQLITE_READONLY_RECOVERY || code == SQLITE_READONLY_CANTINIT)
            return QStringLiteral(
                "a write that was interrupted (a crash or a kill) left work to undo, which a read-only "
                "open cannot do; it is done the next time the file is opened for writing");
        if (readOnly)
            return QStringLiteral("the project is open read-only (%1), so nothing can be saved")
                .arg(readOnlyReason.isEmpty() ? QStringLiteral("opened for reading") : readOnlyReason);
        return QStringLiteral("the file or its folder is read-only (%1)").arg(sqliteMessage);
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return QStringLiteral("another program kept the project busy for more than %1 s (%2)")
            .arg(kBusyTimeoutMs / 1000)
            .arg(sqliteMessage);
    case SQLITE_IOERR:
        return QStringLiteral("the disk or file system reported a read or write error (%1)").arg(sqliteMessage);
    case SQLITE_CANTOPEN:
        return QStringLiteral("cannot open the file or the -wal / -shm files SQLite keeps beside it (missing, a "
                              "folder, no permission, or a read-only folder)");
    case SQLITE_PERM:
    case SQLITE_AUTH:
        return QStringLiteral("permission denied (%1)").arg(sqliteMessage);
    case SQLITE_NOMEM:
        return QStringLiteral("out of memory");
    case SQLITE_INTERRUPT:
        return QStringLiteral("interrupted");
    case SQLITE_ERROR:
        // "no such table/column" and the like: the file's contents are not what this build expects.
        return QStringLiteral("unexpected project contents (%1)").arg(sqliteMessage);
    default:
        return sqliteMessage;
    }
}

} // namespace

Database::Database() = default;

Database::~Database()
{
    close();
}

Database::Database(Database &&other) noexcept
    : m_db(std::exchange(other.m_db, nullptr)), m_path(std::move(other.m_path)), m_error(std::move(other.m_error)),
      m_damage(std::move(other.m_damage)), m_readOnlyReason(std::move(other.m_readOnlyReason)),
      m_readOnly(other.m_readOnly)
{}

Database &Database::operator=(Database &&other) noexcept
{
    if (this != &other) {
        close();
        m_db = std::exchange(other.m_db, nullptr);
        m_path = std::move(other.m_path);
        m_error = std::move(other.m_error);
        m_damage = std::move(other.m_damage);
        m_readOnlyReason = std::move(other.m_readOnlyReason);
        m_readOnly = other.m_readOnly;
    }
    return *this;
}

bool Database::open(const QString &path, OpenMode mode)
{
    close();
    m_path = path;
    m_error.clear();
    m_damage.clear();
    m_readOnlyReason.clear();
    m_readOnly = mode == OpenMode::ReadOnly || mode == OpenMode::ReadOnlySnapshot;
    int flags = SQLITE_OPEN_NOMUTEX; // one connection per thread (see the header)
    QByteArray name = path.toUtf8();
    switch (mode) {
    case OpenMode::ReadWriteCreate:
        flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
        break;
    case OpenMode::ReadWrite:
        flags |= SQLITE_OPEN_READWRITE;
        break;
    case OpenMode::ReadOnly:
        flags |= SQLITE_OPEN_READONLY;
        break;
    case OpenMode::ReadOnlySnapshot:
        flags |= SQLITE_OPEN_READONLY | SQLITE_OPEN_URI;
        name = "file:" + QUrl::toPercentEncoding(QFileInfo(path).absoluteFilePath(), "/") + "?immutable=1";
        break;
    }
    if (sqlite3_open_v2(name.constData(), &m_db, flags, nullptr) != SQLITE_OK) {
        m_error = m_db ? describeError(QStringLiteral("cannot open"))
                       : QStringLiteral("%1: cannot open (out of memory)").arg(path);
        close();
        m_path = path;
        return false;
    }
    sqlite3_extended_result_codes(m_db, 1);
    // A second connection (a worker thread, a reader in another process during a checkpoint) waits
    // for the writer rather than failing.
    sqlite3_busy_timeout(m_db, kBusyTimeoutMs);
    return true;
}

void Database::close()
{
    if (m_db) {
        // close_v2 defers the close until leaked statements finish instead of failing with BUSY.
        sqlite3_close_v2(m_db);
        m_db = nullptr;
    }
}

bool Database::exec(const QString &sql)
{
    if (!m_db) {
        m_error = QStringLiteral("%1: database is not open").arg(m_path);
        return false;
    }
    const QByteArray utf8 = sql.toUtf8();
    if (sqlite3_exec(m_db, utf8.constData(), nullptr, nullptr, nullptr) != SQLITE_OK) {
        m_error = describeError(QStringLiteral("cannot save"));
        return false;
    }
    return true;
}

qint64 Database::queryInt(const QString &sql, qint64 def)
{
    if (!m_db)
        return def;
    sqlite3_stmt *stmt = nullptr;
    const QByteArray utf8 = sql.toUtf8();
    if (sqlite3_prepare_v2(m_db, utf8.constData(), int(utf8.size()), &stmt, nullptr) != SQLITE_OK) {
        m_error = describeError(QStringLiteral("cannot read"));
        return def;
    }
    qint64 value = def;
    const int rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW && sqlite3_column_type(stmt, 0) != SQLITE_NULL)
        value = sqlite3_column_int64(stmt, 0);
    else if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        m_error = describeError(QStringLiteral("cannot read"));
    sqlite3_finalize(stmt);
    return value;
}

qint64 Database::lastInsertRowId() const
{
    return m_db ? sqlite3_last_insert_rowid(m_db) : 0;
}

int Database::changes() const
{
    return m_db ? sqlite3_changes(m_db) : 0;
}

bool Database::inTransaction() const
{
    return m_db && !sqlite3_get_autocommit(m_db);
}

QString Database::describeError(const QString &what)
{
    if (!m_db)
        return QStringLiteral("%1: %2: database is not open").arg(m_path, what);
    const int code = sqlite3_extended_errcode(m_db);
    m_needsRecovery =
        code == SQLITE_READONLY_ROLLBACK || code == SQLITE_READONLY_RECOVERY || code == SQLITE_READONLY_CANTINIT;
    const QString words = inWords(code, QString::fromUtf8(sqlite3_errmsg(m_db)), m_readOnly, m_readOnlyReason);
    const int primary = code & 0xff;
    if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB) {
        if (m_damage.isEmpty())
            m_damage = QStringLiteral("%1: %2").arg(m_path, words);
        QMutexLocker guard(&damageMutex());
        if (processDamage().isEmpty())
            processDamage() = m_damage;
        return m_damage;
    }
    return QStringLiteral("%1: %2: %3").arg(m_path, what, words);
}

QString Database::damageSeenByThisProcess()
{
    QMutexLocker guard(&damageMutex());
    return processDamage();
}

} // namespace tc::core
