#pragma once

#include <QString>

struct sqlite3;

namespace tc::core {

// One connection to an SQLite file, owned (RAII). sqlite3.h stays in the .cpp files: callers use
// Statement (short-lived, bound parameters only) and Transaction (commit or roll back on scope exit).
//
// Every error message names the file: "<path>: <sqlite message>", so a failure in a CLI run or
// a dialog says which project broke. Not thread-safe: one Database per thread (SQLite's
// connections are cheap; a worker opens its own on the same file, WAL lets readers run beside
// the writer).
class Database final {
public:
    enum class OpenMode { ReadWriteCreate, ReadWrite, ReadOnly };

    Database();
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;
    Database(Database &&other) noexcept;
    Database &operator=(Database &&other) noexcept;

    // Opens (or creates) path; sets a busy timeout so a second connection waits for the writer
    // instead of failing at once. False with errorString() on failure.
    bool open(const QString &path, OpenMode mode = OpenMode::ReadWriteCreate);
    void close();
    bool isOpen() const { return m_db != nullptr; }
    QString fileName() const { return m_path; }

    // Runs one or more SQL statements without parameters (schema, pragmas). Never use it with
    // values that came from the user: those go through Statement::bind().
    bool exec(const QString &sql);
    // First column of the first row of a parameterless query, or def when there is no row/error.
    qint64 queryInt(const QString &sql, qint64 def = 0);

    qint64 lastInsertRowId() const;
    int changes() const;
    bool inTransaction() const;

    // The last error of this connection or of a Statement on it.
    QString errorString() const { return m_error; }
    void setError(const QString &message) { m_error = message; }
    // "<path>: <what>: <sqlite3_errmsg>" from the connection's current error state.
    QString sqliteError(const QString &what) const;

    sqlite3 *handle() const { return m_db; }

private:
    sqlite3 *m_db = nullptr;
    QString m_path;
    QString m_error;
};

} // namespace tc::core
