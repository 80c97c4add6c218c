#pragma once

#include <QString>

namespace tc::core {

class Database;

// RAII transaction: rolls back unless commit() succeeded, so an early return or a failed
// statement never leaves half a batch of decisions or candidates behind.
// IMMEDIATE by default: the write lock is taken at BEGIN, so a second writer waits (busy
// timeout) at the start instead of failing at COMMIT after doing its work.
class Transaction final {
public:
    enum class Mode { Deferred, Immediate };

    explicit Transaction(Database &db, Mode mode = Mode::Immediate);
    ~Transaction();
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;

    // False when BEGIN failed (e.g. the database is locked beyond the busy timeout).
    bool isActive() const { return m_active; }
    bool commit();
    void rollback();

private:
    Database &m_db;
    bool m_active = false;
};

} // namespace tc::core
