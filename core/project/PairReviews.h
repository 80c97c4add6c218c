#pragma once

#include "core/project/DedupTypes.h"

#include <QString>
#include <optional>

namespace tc::core {

class Database;

// The append-only review log of near pairs (table pair_reviews) and the status it derives
// (near_pairs.status: the newest review of the pair that is neither an undo nor undone).
// record() and undoLatest() write; call them inside a Transaction so the log and the derived status
// change together (DedupStore::review checks RemovalRule in the same transaction).
class PairReviews final {
public:
    // An image of an exclude set the candidate is a byte-identical copy of.
    struct ExcludeCopy {
        QString setName;
        qint64 refIndex = 0;
    };

    explicit PairReviews(Database &db) : m_db(db) {}
    QString errorString() const { return m_error; }

    bool pairExists(qint64 candidateId, qint64 setId, qint32 refIndex);
    std::optional<ExcludeCopy> exactExcludeCopy(qint64 candidateId);
    // Appends a review by annotator (now) and derives the pair's status.
    bool record(qint64 candidateId, qint64 setId, qint32 refIndex, PairStatus status, const QString &annotator);
    // Appends an undo of annotator's latest review that is not undone and derives the pair's status.
    // Returns the pair's key (candidateId, setId, refIndex set); nullopt when there is none or on
    // error (errorString() not empty then).
    std::optional<NearPair> undoLatest(const QString &annotator);

private:
    bool fail(const QString &message);
    bool refreshStatus(qint64 candidateId, qint64 setId, qint32 refIndex);

    Database &m_db;
    QString m_error;
};

} // namespace tc::core
