#include "core/project/Statement.h"

#include "core/project/Database.h"

#include <sqlite3.h>

namespace tc::core {

Statement::Statement(Database &db, const QString &sql) : m_db(db)
{
    if (!db.handle()) {
        m_error = QStringLiteral("%1: database is not open").arg(db.fileName());
        db.setError(m_error);
        return;
    }
    const QByteArray utf8 = sql.toUtf8();
    if (sqlite3_prepare_v2(db.handle(), utf8.constData(), int(utf8.size()), &m_stmt, nullptr) != SQLITE_OK) {
        fail(QStringLiteral("cannot read"));
        sqlite3_finalize(m_stmt);
        m_stmt = nullptr;
    }
}

Statement::~Statement()
{
    sqlite3_finalize(m_stmt);
}

void Statement::fail(const QString &what)
{
    m_error = m_db.describeError(what); // words, never the SQL: messages reach users
    m_db.setError(m_error);
}

Statement &Statement::bind(int index, qint64 value)
{
    if (m_stmt && sqlite3_bind_int64(m_stmt, index, value) != SQLITE_OK)
        fail(QStringLiteral("cannot bind parameter %1").arg(index));
    return *this;
}

Statement &Statement::bind(int index, double value)
{
    if (m_stmt && sqlite3_bind_double(m_stmt, index, value) != SQLITE_OK)
        fail(QStringLiteral("cannot bind parameter %1").arg(index));
    return *this;
}

Statement &Statement::bind(int index, const QString &value)
{
    if (!m_stmt)
        return *this;
    const QByteArray utf8 = value.toUtf8();
    if (sqlite3_bind_text(m_stmt, index, utf8.constData(), int(utf8.size()), SQLITE_TRANSIENT) != SQLITE_OK)
        fail(QStringLiteral("cannot bind parameter %1").arg(index));
    return *this;
}

Statement &Statement::bindBlob(int index, std::span<const std::uint8_t> bytes)
{
    if (m_stmt && sqlite3_bind_blob(m_stmt, index, bytes.data(), int(bytes.size()), SQLITE_TRANSIENT) != SQLITE_OK)
        fail(QStringLiteral("cannot bind parameter %1").arg(index));
    return *this;
}

Statement &Statement::bindBlob(int index, const QByteArray &bytes)
{
    return bindBlob(index, std::span(reinterpret_cast<const std::uint8_t *>(bytes.constData()), bytes.size()));
}

Statement &Statement::bindNull(int index)
{
    if (m_stmt && sqlite3_bind_null(m_stmt, index) != SQLITE_OK)
        fail(QStringLiteral("cannot bind parameter %1").arg(index));
    return *this;
}

bool Statement::next()
{
    if (!m_stmt || m_done)
        return false;
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW)
        return true;
    m_done = true;
    if (rc != SQLITE_DONE)
        fail(QStringLiteral("cannot read"));
    return false;
}

bool Statement::exec()
{
    if (!m_stmt)
        return false;
    m_error.clear();
    int rc;
    while ((rc = sqlite3_step(m_stmt)) == SQLITE_ROW) {
    }
    const bool ok = rc == SQLITE_DONE;
    if (!ok)
        fail(QStringLiteral("cannot save"));
    reset();
    return ok;
}

void Statement::reset()
{
    if (!m_stmt)
        return;
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
    m_done = false;
}

int Statement::columnCount() const
{
    return m_stmt ? sqlite3_column_count(m_stmt) : 0;
}

bool Statement::isNull(int column) const
{
    return !m_stmt || sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
}

qint64 Statement::int64(int column) const
{
    return m_stmt ? sqlite3_column_int64(m_stmt, column) : 0;
}

double Statement::real(int column) const
{
    return m_stmt ? sqlite3_column_double(m_stmt, column) : 0.0;
}

QString Statement::text(int column) const
{
    if (!m_stmt)
        return {};
    const auto *p = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, column));
    return p ? QString::fromUtf8(p, sqlite3_column_bytes(m_stmt, column)) : QString();
}

QByteArray Statement::blob(int column) const
{
    const auto view = blobView(column);
    return QByteArray(reinterpret_cast<const char *>(view.data()), qsizetype(view.size()));
}

std::span<const std::uint8_t> Statement::blobView(int column) const
{
    if (!m_stmt)
        return {};
    const auto *p = static_cast<const std::uint8_t *>(sqlite3_column_blob(m_stmt, column));
    const int n = sqlite3_column_bytes(m_stmt, column); // after column_blob, as SQLite requires
    return p ? std::span<const std::uint8_t>(p, std::size_t(n)) : std::span<const std::uint8_t>();
}

} // namespace tc::core
