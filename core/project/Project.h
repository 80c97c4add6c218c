#pragma once

#include "core/project/Database.h"
#include "core/project/ProjectLock.h"
#include "core/project/ProjectTypes.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QString>
#include <QStringList>
#include <cstdint>
#include <functional>
#include <optional>

namespace tc::core {

// A TinyCurator project: one self-contained SQLite file (*.tcproj) holding the classes and keywords
// of a catalog, the candidates with their pixels and provenance, and the append-only decision log
// (schema: docs/ARCHITECTURE.md). Everything a verify view needs goes through this class; other core
// libraries (dedup, export) run their own SQL on database().
//
// Durability: every recordDecision()/recordDecisions()/undo() call is its own committed transaction
// with synchronous=FULL, so when the call returns true the decision survives a crash or a power cut.
// Candidate order ("filter order"): class label, keyword (catalog order), position in the source.
//
// Opening reads no candidate rows (a 500k-candidate project opens in milliseconds); the queries
// below use indexes and return one page at a time. Not thread-safe: a worker thread opens its own
// Project on the same file (WAL lets it read while the GUI writes).
class Project final : public QObject {
    Q_OBJECT
public:
    static constexpr int kSchemaVersion = 3;
    static constexpr int kDefaultTargetPerClass = 6000;

    explicit Project(QObject *parent = nullptr);
    ~Project() override;

    // ReadWrite takes the project's lock (one writing process per file, docs/RELIABILITY.md section 4)
    // and upgrades an older schema. ReadOnly takes no lock and writes nothing at all (no migration,
    // no table, the file's bytes stay as they are), so it works beside a writer in another process;
    // every write through it fails with a message saying the project is open read-only.
    enum class Access { ReadWrite, ReadOnly };
    // Why the last open() or create() failed, for front ends that react differently (the GUI opens
    // a project in use read-only instead). CannotLock: the lock file cannot be created (a read-only
    // folder or a full disk), or the project file itself cannot be written.
    enum class OpenFailure { None, Missing, NotAProject, Newer, Older, Damaged, InUse, CannotLock, CannotOpen, Exists };

    // create() makes a new, empty project: the file appears complete (schema, application_id) or not
    // at all; fails if path exists and is not an empty (0-byte) file. open() opens an existing one.
    // Only TinyCurator projects are opened: an empty file, another program's SQLite database or a
    // damaged one is refused before anything is written. False + errorString().
    bool create(const QString &path);
    bool open(const QString &path, Access access = Access::ReadWrite);
    bool openReadOnly(const QString &path) { return open(path, Access::ReadOnly); }
    void close();
    // Closes and deletes a project this object created (create() in this session), while still
    // holding its lock: a command that fails after creating leaves nothing behind. False otherwise.
    bool discard();
    bool isOpen() const { return m_db.isOpen(); }
    bool isReadOnly() const { return m_access == Access::ReadOnly; }
    QString fileName() const { return m_db.fileName(); }
    QString errorString() const { return m_error; }
    OpenFailure openFailure() const { return m_failure; }
    // Who holds the lock when open() failed with InUse ("tinycurator-cli decide (pid 12 on host, ...)").
    QString lockHolder() const { return m_holder; }
    // How long open(ReadWrite) waits while another process holds the lock (default 0: fail at once),
    // calling onWait(holder) when it starts waiting. The CLI waits a few seconds; the GUI does not.
    void setLockWait(int ms, std::function<void(const QString &holder)> onWait = {});
    int schemaVersion();

    // For dedup/export and the importers: raw access to the same connection.
    Database &database() { return m_db; }

    // ---- settings (meta table): target_per_class, tiny_dir, catalog_path, ... ----
    QString setting(const QString &key, const QString &defaultValue = {});
    bool setSetting(const QString &key, const QString &value);

    // ---- classes and keywords ----
    // Adds the catalog's classes (label = position) and keywords; existing ones keep their ids,
    // their counts are updated. New classes get targetPerClass().
    bool defineCatalog(const Catalog &catalog);
    QList<ClassInfo> classes();
    std::optional<ClassInfo> classByName(const QString &name);
    // Keywords of one class (0: all) in catalog order, with candidate counts.
    QList<KeywordInfo> keywords(qint64 classId = 0);
    std::optional<KeywordInfo> keyword(qint64 keywordId);
    std::optional<KeywordInfo> keywordByName(const QString &className, const QString &keyword);
    bool setKeywordAbsent(qint64 keywordId, bool absent);
    int targetPerClass();
    // Sets every class's target (and the default for classes added later).
    bool setTargetPerClass(int target);
    bool setClassTarget(qint64 classId, int target);

    // ---- superclasses (CIFAR-100 coarse labels) ----
    // Sets (empty: clears) the superclass of one class. Names are trimmed; a superclass is any
    // non-empty text, and several classes share one by using the same text.
    bool setSuperclass(qint64 classId, const QString &superclass);
    // Several at once, by class name, in one transaction: all or nothing. Fails naming the first
    // unknown class.
    bool setSuperclasses(const QHash<QString, QString> &superclassByClass);
    // Empty when the superclasses are usable for an export: no class has one (a CIFAR-10 style
    // export) or every class has one (CIFAR-100 style). Otherwise says which classes lack one.
    QString superclassProblem();

    // ---- candidates ----
    qint64 candidateCount(const CandidateFilter &filter = {});
    // Up to limit ids in filter order, starting after candidate afterId (0: from the start).
    // Keyset paging: each page costs the same however deep into 500k rows it is.
    QList<qint64> candidateIds(const CandidateFilter &filter, qint64 afterId = 0, int limit = 1000);
    // Number of filter rows before candidateId (its row in a list of the filter), -1 if not in it.
    qint64 rowOf(const CandidateFilter &filter, qint64 candidateId);
    // Everything but the pixels; verdict is annotator's (empty: the final verdict).
    std::optional<CandidateRecord> candidate(qint64 candidateId, const QString &annotator = {});
    // All candidates with this Tiny Images index (one per class listing its keyword).
    QList<qint64> candidatesByTinyIndex(qint64 tinyIndex);
    // The 3072 canonical bytes (32x32 RGB HWC); empty when the id is unknown.
    QByteArray pixels(qint64 candidateId);
    bool pixels(qint64 candidateId, std::uint8_t *out);

    // ---- decisions (append-only log; candidate_state is derived in the same transaction) ----
    // verdict must be Accept/Reject/Unsure. viewMode: "single", "grid", "csv", "labelimg", "cli"...
    bool recordDecision(qint64 candidateId, Verdict verdict, const QString &annotator,
                        const QString &viewMode = QStringLiteral("single"));
    // One transaction for a grid page; the batch is undone as one step.
    bool recordDecisions(const QList<DecisionInput> &decisions, const QString &annotator,
                         const QString &viewMode = QStringLiteral("grid"));
    // Cancels annotator's latest not yet undone decision batch (unlimited, persisted).
    // Returns the candidates whose decision was undone, in decision order (empty: nothing to undo,
    // or an error - check errorString()).
    QList<qint64> undo(const QString &annotator);
    // annotator's current verdict (None when undecided).
    Verdict verdict(qint64 candidateId, const QString &annotator);
    // The verdict that counts for quotas and export: the latest decision of any annotator.
    Verdict finalVerdict(qint64 candidateId);
    // Annotators in order of their first decision.
    QStringList annotators();
    // annotator's newest effective (not undone) decision.
    std::optional<DecisionRecord> lastDecision(const QString &annotator);
    // The decision log, newest first (annotator empty: everyone).
    QList<DecisionRecord> history(const QString &annotator = {}, int limit = 100);

    // Where annotator should continue in this filter: the first candidate they have not decided
    // after the one they decided last (in filter order), else the first undecided from the start,
    // else the last decided one; nullopt when the filter is empty.
    std::optional<qint64> resumeCandidate(const QString &annotator, const CandidateFilter &filter = {});

    // ---- quotas and statistics ----
    // Per keyword: class target x catalog share, largest-remainder rounded so a class's quotas sum
    // to its target. Absent keywords get 0 (their share goes to the keywords that exist).
    QHash<qint64, qint64> keywordQuotas();
    // Rows per keyword, in class/catalog order; annotator empty: final verdicts.
    QList<KeywordStats> keywordStats(const QString &annotator = {});
    // One row per class (keywordId 0), sums of keywordStats().
    QList<KeywordStats> classStats(const QString &annotator = {});
    // The keyword whose accepted images lag furthest behind its quota (accepted / quota smallest)
    // among keywords that still have candidates annotator has not decided; classId 0: any class.
    // nullopt when every quota is met or nothing is left to decide.
    std::optional<qint64> nextSuggestedKeyword(qint64 classId = 0, const QString &annotator = {});

    // ---- agreement between two annotators ----
    // One row per keyword with shared decisions, then per class (keywordId 0), then overall.
    QList<Agreement> agreement(const QString &annotatorA, const QString &annotatorB);
    QList<Conflict> conflicts(const QString &annotatorA, const QString &annotatorB);

signals:
    // After decisions were committed or undone (candidate ids affected).
    void decisionsChanged(const QList<qint64> &candidateIds);
    // After candidates, keywords or class targets changed (imports, settings).
    void contentsChanged();

private:
    bool openFile(const QString &path, Access access);
    bool createFile(const QString &path);
    bool failOpen(OpenFailure failure, const QString &message);
    bool fail(const QString &message);
    bool failDb();
    bool appendDecision(qint64 candidateId, Verdict verdict, const QString &annotator, const QString &viewMode,
                        qint64 batch, qint64 undoes);
    bool refreshState(qint64 candidateId, const QString &annotator);
    qint64 nextBatch();

    // Candidates per keyword change only with imports (contentsChanged), so stats refreshed after
    // every decision do not rescan a 500k-row index each time.
    QHash<qint64, qint64> candidateCountsByKeyword();

    Database m_db;
    QString m_error;
    QHash<qint64, qint64> m_candidateCounts;
    bool m_candidateCountsValid = false;
    std::unique_ptr<ProjectLock> m_lock; // one writing process per file (docs/RELIABILITY.md)
    Access m_access = Access::ReadWrite;
    OpenFailure m_failure = OpenFailure::None;
    QString m_holder;
    bool m_createdHere = false;
    int m_lockWaitMs = 0;
    std::function<void(const QString &)> m_onLockWait;
};

} // namespace tc::core
