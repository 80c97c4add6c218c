#pragma once

#include <QString>

struct sqlite3;

namespace tc::core {

// One connection to an SQLite file, owned (RAII). sqlite3.h stays in the .cpp files: callers use
// Statement (short-lived, bound parameters only) and Transaction (commit or roll back on scope exit).
//
// Every error message names the file and says what is wrong in words ("<path>: cannot save: the
// disk is full"), never the SQL that failed, so a failure in a CLI run or a dialog says which project
// broke and why. Not thread-safe: one Database per thread (SQLite's connections are cheap; a worker
// opens its own on the same file, WAL lets readers run beside the writer).
class Database final {
public:
    // ReadOnlySnapshot: read-only without taking part in WAL locking (SQLite's "immutable"), for a
    // quick look at a file that may not be ours; only safe when no -wal file exists (nothing can be
    // in a WAL that is not there), and never for reading a project while others may write it.
    enum class OpenMode { ReadWriteCreate, ReadWrite, ReadOnly, ReadOnlySnapshot };

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
    bool isReadOnly() const { return m_readOnly; }
    QString fileName() const { return m_path; }

    // Why a read-only connection is read-only ("in use by ... (lock file ...)", "opened for
    // reading"): a write through it fails with a message that says so.
    void setReadOnlyReason(const QString &reason) { m_readOnlyReason = reason; }

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
    // "<path>: <what>: <the connection's current error in words>". Records damage (see damage()).
    QString describeError(const QString &what);

    // The last error was a read-only connection meeting what a crash left (a hot rollback journal, a
    // WAL index to rebuild): a connection that may write recovers it by itself on open.
    bool lastErrorNeedsRecovery() const { return m_needsRecovery; }

    // Set once any statement on this connection met a damaged file (SQLite's CORRUPT or NOTADB):
    // reads that swallow errors would otherwise give a wrong answer silently.
    QString damage() const { return m_damage; }
    // The first damage any connection of this process met ("" if none): the CLI checks it before
    // it reports success.
    static QString damageSeenByThisProcess();

    sqlite3 *handle() const { return m_db; }

private:
    sqlite3 *m_db = nullptr;
    QString m_path;
    QString m_error;
    QString m_damage;
    QString m_readOnlyReason;
    bool m_readOnly = false;
    bool m_needsRecovery = false;
};

} // namespace tc::core
