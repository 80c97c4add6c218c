#pragma once

#include <QAbstractItemModel>
#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>
#include <vector>

namespace tc::core {

class DuplicateOutcomes;
class Project;

// Byte-identical images found by the duplicate search (exact_matches), as a two-level tree: one top-level
// row per group of identical images, its members below (the reference images it copies, then the
// candidates in id order). Groups that copy an exclude-set image come first (export removes every such
// candidate, they are never reviewed), then copies of avoid-set images, then groups of identical
// candidates only (export keeps one). Groups are named by reference set and index, or by the first
// candidate's Tiny index (CandidateName).
//
// Lazy for large projects and without a cap: refresh() reads only the group index (ids from
// exact_matches, one query); top-level rows arrive in pages through canFetchMore()/fetchMore(); a
// group's member details are read when first asked for, pixels on every ask (PixelsRole), so a view
// loads what it shows. QtCore only: a view adds the words and thumbnails.
class ExactGroupModel final : public QAbstractItemModel {
    Q_OBJECT
public:
    enum class GroupKind { ExcludeCopy, AvoidCopy, Identical };
    enum class MemberKind { Candidate, Reference };
    enum Role {
        GroupKindRole = Qt::UserRole + 1, // group: int GroupKind
        CandidateCountRole,               // group: candidates in it
        ReferenceCountRole,               // group: reference images in it
        MemberKindRole,                   // member: int MemberKind
        CandidateIdRole,                  // member candidate: qint64
        TinyIndexRole,                    // member candidate: qint64, -1 for folder imports
        NameRole,                         // member: candidateName() or "<set> #<index>"; group: its first member's
        ClassRole,                        // member: the candidate's class, or the reference's label name
        KeywordRole,                      // member candidate: keyword
        SetNameRole,                      // member reference: set name
        SetRoleRole,                      // member reference: "exclude" or "avoid"
        ReferenceIndexRole,               // member reference: index in its set
        OutcomeRole,                      // member candidate: int Removal (setOutcomes()), invalid without
        PixelsRole,                       // member: QByteArray, 3072 bytes 32x32 RGB HWC (read on demand)
    };
    static constexpr int kPageSize = 256;

    explicit ExactGroupModel(Project *project, QObject *parent = nullptr);
    ~ExactGroupModel() override;

    // Re-reads the group index (after a duplicate search).
    void refresh();
    // Top-level rows per page (tests use small pages); re-reads.
    void setPageSize(int groups);
    // Where OutcomeRole comes from (not owned; nullptr: none) and at which thresholds.
    void setOutcomes(const DuplicateOutcomes *outcomes, double ssimThreshold, double l2Threshold);
    QString errorString() const { return m_error; }

    qsizetype groupCount() const { return qsizetype(m_groups.size()); } // rowCount() is what is fetched
    qsizetype groupCount(GroupKind kind) const;
    // Candidates in groups of that kind.
    qint64 candidateCount(GroupKind kind) const;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

private:
    struct Member {
        MemberKind kind = MemberKind::Candidate;
        qint64 id = 0;       // candidate id, or set id
        qint32 refIndex = 0; // reference members
        // Read with the group's details:
        qint64 tinyIndex = -1;
        QString name, className, keyword;
    };
    struct Group {
        GroupKind kind = GroupKind::Identical;
        std::vector<Member> members; // references first, then candidates ascending
        qsizetype references = 0;
        bool detailed = false;
    };
    struct SetInfo {
        QString name;
        bool exclude = true;
        QStringList labelNames;
    };
    const Group &detailed(int row) const;
    QVariant groupData(const Group &g, int role) const;
    QVariant memberData(const Member &m, int role) const;

    Project *m_project;
    mutable std::vector<Group> m_groups;
    QHash<qint64, SetInfo> m_sets;
    int m_fetched = 0;
    int m_pageSize = kPageSize;
    bool m_fetching = false;
    const DuplicateOutcomes *m_outcomes = nullptr;
    double m_ssim = 0.75, m_l2 = 1000.0;
    QString m_error;
};

} // namespace tc::core
