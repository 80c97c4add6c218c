#pragma once

#include "core/common/Progress.h"
#include "core/project/AcceptRule.h"
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
// (schema: docs/ARCHITECTURE.md). Everything a verify view needs goes through this class; the dedup
// and export libraries ask the focused classes of core/project on database() (ReferenceSets,
// PairQuery, PairReviews, DedupSettingsStore, DuplicateFacts, DedupRunStore, ExportQuery) and run no
// SQL of their own.
//
// Where each group of methods lives (one .cpp per job): the file's life cycle (create, open, close,
// lock) in Project.cpp; settings, catalog, classes, keywords and targets in ProjectCatalog.cpp;
// superclasses in ProjectSuperclasses.cpp; candidates and the Verify filter in ProjectCandidates.cpp;
// the accept rule, decisions, undo, disputes, history and resume in ProjectDecisions.cpp (the log's
// writer is DecisionLog); quotas, statistics and agreement in ProjectStats.cpp.
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
    static constexpr int kSchemaVersion = 4;
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

    // ---- settings (meta table): target_per_class, tiny_dir, catalog_path, ... (ProjectCatalog.cpp) ----
    QString setting(const QString &key, const QString &defaultValue = {});
    bool setSetting(const QString &key, const QString &value);

    // ---- classes and keywords (ProjectCatalog.cpp) ----
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

    // ---- superclasses (CIFAR-100 coarse labels; ProjectSuperclasses.cpp) ----
    // Sets (empty: clears) the superclass of one class. Names are trimmed; a superclass is any
    // non-empty text, and several classes share one by using the same text.
    bool setSuperclass(qint64 classId, const QString &superclass);
    // Several at once, by class name, in one transaction: all or nothing. Fails naming the first
    // unknown class.
    bool setSuperclasses(const QHash<QString, QString> &superclassByClass);
    // Empty when the superclasses are usable for an export: no class has one (a CIFAR-10 style
    // export) or every class has one (CIFAR-100 style). Otherwise says which classes lack one.
    QString superclassProblem();

    // ---- candidates (ProjectCandidates.cpp) ----
    qint64 candidateCount(const CandidateFilter &filter = {});
    // Up to limit ids in filter order, starting after candidate afterId (0: from the start).
    // Keyset paging: each page costs the same however deep into 500k rows it is.
    QList<qint64> candidateIds(const CandidateFilter &filter, qint64 afterId = 0, int limit = 1000);
    // Number of filter rows before candidateId (its row in a list of the filter), -1 if not in it.
    qint64 rowOf(const CandidateFilter &filter, qint64 candidateId);
    // Whether the candidate passes the filter now: the one definition of the filters (SQL), which the verify
    // views ask instead of testing verdicts themselves. One indexed lookup.
    bool inFilter(const CandidateFilter &filter, qint64 candidateId);
    // Everything but the pixels; verdict is annotator's (empty: the final verdict).
    std::optional<CandidateRecord> candidate(qint64 candidateId, const QString &annotator = {});
    // All candidates with this Tiny Images index (one per class listing its keyword).
    QList<qint64> candidatesByTinyIndex(qint64 tinyIndex);
    // The 3072 canonical bytes (32x32 RGB HWC); empty when the id is unknown.
    QByteArray pixels(qint64 candidateId);
    bool pixels(qint64 candidateId, std::uint8_t *out);

    // ---- the accept rule (AcceptRule.h): what every "accepted" in the project means ----
    // The project's rule (meta accept_rule; kDefaultAcceptRule when unset or unreadable).
    AcceptRule acceptRule();
    // Stores the rule and re-derives every candidate's final verdict under it, in one transaction.
    // shift (optional) receives how many final verdicts moved. Emits contentsChanged().
    bool setAcceptRule(AcceptRule rule, FinalShift *shift = nullptr);

    // ---- decisions (append-only log; candidate_state, adjudication_state, disputes and
    // final_state are derived in the same transaction) ----
    // verdict must be Accept/Reject/Unsure. viewMode: "single", "grid", "csv", "labelimg", "cli"...
    // annotator must pass annotatorNameProblem().
    bool recordDecision(qint64 candidateId, Verdict verdict, const QString &annotator,
                        const QString &viewMode = QStringLiteral("single"));
    // One transaction for a grid page; the batch is undone as one step.
    bool recordDecisions(const QList<DecisionInput> &decisions, const QString &annotator,
                         const QString &viewMode = QStringLiteral("grid"));
    // A curator settles a candidate (AcceptRule.h: an adjudication decides under every rule until
    // undone). Recorded in the log as annotator's decision of kind adjudication.
    bool adjudicate(qint64 candidateId, Verdict verdict, const QString &annotator,
                    const QString &viewMode = QStringLiteral("adjudication"));
    // Appends decisions with their own times, kinds, batches and undo links, all in one transaction
    // (all or nothing): the decisions CSV import. shift (optional): final verdicts it moved.
    // progress gets (entries appended, entries.size()) every 1024 entries, each report followed by a
    // cancel check, the last one just before the commit; a cancel rolls everything back (false,
    // errorString() says cancelled). No report follows the commit: the caller knows it is done.
    bool appendLog(const QList<LogEntry> &entries, FinalShift *shift = nullptr, const Progress &progress = {});
    // Cancels annotator's latest not yet undone decision batch (the verify views' Ctrl+Z: one grid
    // page, one single-mode decision). Returns the candidates whose decision was undone, in decision
    // order (empty: nothing to undo, or an error - check errorString()).
    QList<qint64> undo(const QString &annotator);
    // Cancels annotator's latest `count` effective decisions one by one (votes and adjudications,
    // whatever their batch), in one transaction. Returns the decisions undone, newest first.
    QList<DecisionRecord> undoDecisions(const QString &annotator, int count);
    // Cancels annotator's latest effective adjudication (the Agreement dialog's Ctrl+Z).
    std::optional<DecisionRecord> undoAdjudication(const QString &annotator);
    // annotator's current verdict (None when undecided).
    Verdict verdict(qint64 candidateId, const QString &annotator);
    // The verdict that counts for quotas, statistics and export: the final verdict under the
    // project's accept rule (None: undecided, or awaiting adjudication).
    Verdict finalVerdict(qint64 candidateId);
    // Candidates whose annotators disagree (settled ones too unless unsettledOnly), filter order.
    QList<Dispute> disputes(bool unsettledOnly = false);
    // One candidate's votes and adjudication, as disputes() lists them (also when not disputed).
    std::optional<Dispute> dispute(qint64 candidateId);
    // Annotators in order of their first decision.
    QStringList annotators();
    // annotator's newest effective (not undone) decision.
    std::optional<DecisionRecord> lastDecision(const QString &annotator);
    // The decision behind annotator's current verdict on the candidate (who, when, which view); nullopt when
    // undecided.
    std::optional<DecisionRecord> currentDecision(qint64 candidateId, const QString &annotator);
    // annotator's newest effective decision batch, in decision order: what undo() would cancel next.
    QList<DecisionRecord> lastBatch(const QString &annotator);
    // The decision log, newest first (annotator empty: everyone).
    QList<DecisionRecord> history(const QString &annotator = {}, int limit = 100);

    // Where annotator should continue in this filter: the first candidate they have not decided
    // after the one they decided last (in filter order), else the first undecided from the start,
    // else the last decided one; nullopt when the filter is empty.
    std::optional<qint64> resumeCandidate(const QString &annotator, const CandidateFilter &filter = {});

    // ---- quotas and statistics (ProjectStats.cpp) ----
    // Per keyword: class target x catalog share, largest-remainder rounded so a class's quotas sum
    // to its target. Absent keywords get 0 (their share goes to the keywords that exist).
    QHash<qint64, qint64> keywordQuotas();
    // Rows per keyword, in class/catalog order; annotator empty: final verdicts (the project's
    // accept rule), with conflicts and awaiting counted.
    QList<KeywordStats> keywordStats(const QString &annotator = {});
    // One row per class (keywordId 0), sums of keywordStats().
    QList<KeywordStats> classStats(const QString &annotator = {});
    // The keyword whose accepted images lag furthest behind its quota (accepted / quota smallest)
    // among keywords that still have candidates annotator has not decided; classId 0: any class.
    // skipMetQuotas (the project's "skip keywords whose quota is met", on by default): keywords whose quota
    // is met are never suggested; off, they come last. nullopt when nothing is left to suggest.
    std::optional<qint64> nextSuggestedKeyword(qint64 classId = 0, const QString &annotator = {},
                                               bool skipMetQuotas = true);

    // ---- agreement between two annotators (ProjectStats.cpp) ----
    // One row per keyword with shared decisions, then per class (keywordId 0), then overall.
    QList<Agreement> agreement(const QString &annotatorA, const QString &annotatorB);
    QList<Conflict> conflicts(const QString &annotatorA, const QString &annotatorB);

signals:
    // After decisions were committed or undone (candidate ids affected).
    void decisionsChanged(const QList<qint64> &candidateIds);
    // After candidates, keywords or class targets changed (imports, settings).
    void contentsChanged();
    // After setAcceptRule() re-derived the final verdicts (contentsChanged() follows).
    void acceptRuleChanged(tc::core::AcceptRule rule);

private:
    bool openFile(const QString &path, Access access);
    bool createFile(const QString &path);
    bool failOpen(OpenFailure failure, const QString &message);
    bool fail(const QString &message);
    bool failDb();
    friend class DecisionLog;
    // Re-derives final_state under the stored rule when it was derived under another (or before
    // schema 4). Called on open.
    bool ensureFinalState();
    // final_state was derived under the current accept rule (what a read-only open requires).
    bool finalStateIsCurrent();
    QList<qint64> undoEntries(const QList<DecisionRecord> &toUndo);

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
