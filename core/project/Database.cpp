#include "core/project/Database.h"

#include <sqlite3.h>
#include <utility>

namespace tc::core {

Database::Database() = default;

Database::~Database()
{
    close();
}

Database::Database(Database &&other) noexcept
    : m_db(std::exchange(other.m_db, nullptr)), m_path(std::move(other.m_path)), m_error(std::move(other.m_error))
{}

Database &Database::operator=(Database &&other) noexcept
{
    if (this != &other) {
        close();
        m_db = std::exchange(other.m_db, nullptr);
        m_path = std::move(other.m_path);
        m_error = std::move(other.m_error);
    }
    return *this;
}

bool Database::open(const QString &path, OpenMode mode)
{
    close();
    m_path = path;
    m_error.clear();
    int flags = SQLITE_OPEN_NOMUTEX; // one connection per thread (see the header)
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
    }
    const QByteArray utf8 = path.toUtf8();
    if (sqlite3_open_v2(utf8.constData(), &m_db, flags, nullptr) != SQLITE_OK) {
        m_error = m_db ? sqliteError(QStringLiteral("cannot open"))
                       : QStringLiteral("%1: cannot open (out of memory)").arg(path);
        close();
        m_path = path;
        return false;
    }
    sqlite3_extended_result_codes(m_db, 1);
    // A second process (the CLI while the GUI is open) waits for the writer rather than failing.
    sqlite3_busy_timeout(m_db, 10000);
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
    char *message = nullptr;
    const QByteArray utf8 = sql.toUtf8();
    if (sqlite3_exec(m_db, utf8.constData(), nullptr, nullptr, &message) != SQLITE_OK) {
        m_error = QStringLiteral("%1: %2 (in: %3)")
                      .arg(m_path, QString::fromUtf8(message ? message : sqlite3_errmsg(m_db)), sql.simplified());
        sqlite3_free(message);
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
        m_error = sqliteError(QStringLiteral("cannot prepare '%1'").arg(sql.simplified()));
        return def;
    }
    qint64 value = def;
    const int rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW && sqlite3_column_type(stmt, 0) != SQLITE_NULL)
        value = sqlite3_column_int64(stmt, 0);
    else if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        m_error = sqliteError(QStringLiteral("'%1' failed").arg(sql.simplified()));
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

QString Database::sqliteError(const QString &what) const
{
    const QString detail = m_db ? QString::fromUtf8(sqlite3_errmsg(m_db)) : QStringLiteral("database is not open");
    return QStringLiteral("%1: %2: %3").arg(m_path, what, detail);
}

} // namespace tc::core
