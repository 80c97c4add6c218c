#pragma once

#include "core/project/DedupTypes.h"

#include <QList>
#include <QString>
#include <functional>
#include <vector>

namespace tc::core {

class Database;

// Raw rows of the stored duplicate search for the code that applies RemovalRule to them in memory
// (DuplicateOutcomes, ExportSource) or groups them (ExactGroupModel). Read only.
class DuplicateFacts final {
public:
    struct PairRow {
        qint64 candidateId = 0;
        qint64 setId = 0;
        PairStatus status = PairStatus::Unreviewed;
        double ssim = 0; // NaN when not measured (NULL)
        double l2 = 0;   // NaN when not measured (NULL)
    };
    struct ExactRow {
        qint64 candidateId = 0;
        qint64 setId = 0;    // 0: an internal copy, refIndex is then the kept candidate's id
        qint64 refIndex = 0; // the reference image's index in its set
        bool internal() const { return setId == 0; }
    };
    // A candidate as the duplicate views name it.
    struct CandidateLabel {
        bool found = false;
        qint64 tinyIndex = -1; // -1: folder import
        QString filename;
        QString keyword;
        QString className;
    };
    // Classes in label order with the class of every candidate.
    struct ClassMembership {
        QStringList classNames;
        QList<qint64> classIds;                            // parallel to classNames
        std::vector<std::pair<qint64, qint64>> candidates; // (candidate id, class id), any order
    };

    explicit DuplicateFacts(Database &db) : m_db(db) {}
    QString errorString() const { return m_error; }

    // Every stored pair (candidateId < 0) or one candidate's, in storage order: a plain table scan
    // reads 5 million pairs in about a second, grouping along the primary key is several times slower.
    bool forEachPair(qint64 candidateId, const std::function<void(const PairRow &)> &visit);
    // Every exact match (or only the internal or the reference ones), in candidate id order.
    enum class ExactKind { All, Internal, Reference };
    bool exactMatches(std::vector<ExactRow> *rows, ExactKind kind = ExactKind::All);
    bool classMembership(ClassMembership *out);
    CandidateLabel candidate(qint64 candidateId);

private:
    bool fail(const QString &message);

    Database &m_db;
    QString m_error;
};

} // namespace tc::core
