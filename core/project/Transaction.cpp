#include "core/project/Transaction.h"

#include "core/project/Database.h"

namespace tc::core {

Transaction::Transaction(Database &db, Mode mode) : m_db(db)
{
    m_active = db.exec(mode == Mode::Immediate ? QStringLiteral("BEGIN IMMEDIATE") : QStringLiteral("BEGIN"));
}

Transaction::~Transaction()
{
    rollback();
}

bool Transaction::commit()
{
    if (!m_active)
        return false;
    if (!m_db.exec(QStringLiteral("COMMIT"))) {
        rollback(); // a failed COMMIT may leave the transaction open
        return false;
    }
    m_active = false;
    return true;
}

void Transaction::rollback()
{
    if (!m_active)
        return;
    m_active = false;
    if (m_db.inTransaction()) {
        const QString error = m_db.errorString(); // keep the message that caused the rollback
        m_db.exec(QStringLiteral("ROLLBACK"));
        m_db.setError(error);
    }
}

} // namespace tc::core
