#pragma once

#include <QByteArray>
#include <QString>
#include <cstdint>
#include <span>

struct sqlite3_stmt;

namespace tc::core {

class Database;

// A prepared statement, short-lived (a scope or a loop). Values only ever reach SQL through
// bind(), never by string concatenation. Reuse it in loops with reset() + bind() + exec(): the
// import's insert speed depends on preparing once.
//
//   Statement q(db, "SELECT id, name FROM classes WHERE target > ?1");
//   q.bind(1, 100);
//   while (q.next()) use(q.int64(0), q.text(1));
//   if (q.hasError()) report(q.errorString());
//
// Parameter indexes are 1-based (SQLite's), column indexes 0-based. Errors are recorded in the
// Statement and in the Database (file name + what went wrong in words, never the SQL).
class Statement final {
public:
    Statement(Database &db, const QString &sql);
    ~Statement();
    Statement(const Statement &) = delete;
    Statement &operator=(const Statement &) = delete;

    bool isValid() const { return m_stmt != nullptr; }
    bool hasError() const { return !m_error.isEmpty(); }
    QString errorString() const { return m_error; }

    Statement &bind(int index, qint64 value);
    Statement &bind(int index, int value) { return bind(index, qint64(value)); }
    Statement &bind(int index, double value);
    Statement &bind(int index, const QString &value);
    Statement &bind(int index, const char *utf8) = delete; // ambiguous lifetime: pass a QString
    // The bytes are copied by SQLite (SQLITE_TRANSIENT), so the span may die after bind().
    Statement &bindBlob(int index, std::span<const std::uint8_t> bytes);
    Statement &bindBlob(int index, const QByteArray &bytes);
    Statement &bindNull(int index);

    // Steps once: true while a row is available, false when done or on error (see hasError()).
    bool next();
    // Steps to completion (INSERT/UPDATE/DDL) and resets for reuse. False on error.
    bool exec();
    // Ready for another round of bind() + exec()/next(); bindings are cleared.
    void reset();

    int columnCount() const;
    bool isNull(int column) const;
    qint64 int64(int column) const;
    double real(int column) const;
    QString text(int column) const;
    QByteArray blob(int column) const;
    // Zero-copy view of a blob column, valid until the next step/reset.
    std::span<const std::uint8_t> blobView(int column) const;

private:
    void fail(const QString &what);

    Database &m_db;
    sqlite3_stmt *m_stmt = nullptr;
    QString m_error;
    bool m_done = false;
};

} // namespace tc::core
