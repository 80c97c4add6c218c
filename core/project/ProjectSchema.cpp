#include "core/project/ProjectSchema.h"

#include "core/project/Database.h"
#include "core/project/Statement.h"
#include "core/project/Transaction.h"

#include <QStringList>
#include <array>

namespace tc::core {

namespace {

// Version 1: see docs/ARCHITECTURE.md. candidate_state and final_state are derived from the
// decision log (updated in the decision's transaction) so filters and stats never replay it.
constexpr const char *kVersion1 = R"SQL(
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
CREATE TABLE classes(
    id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, label INTEGER NOT NULL,
    target INTEGER NOT NULL DEFAULT 6000);
CREATE TABLE keywords(
    id INTEGER PRIMARY KEY, class_id INTEGER NOT NULL REFERENCES classes(id), keyword TEXT NOT NULL,
    catalog_count INTEGER NOT NULL DEFAULT 0, absent INTEGER NOT NULL DEFAULT 0, UNIQUE(class_id, keyword));
CREATE TABLE candidates(
    id INTEGER PRIMARY KEY, keyword_id INTEGER NOT NULL REFERENCES keywords(id), tiny_index INTEGER,
    keyword_pos INTEGER NOT NULL, source TEXT, filename TEXT, engine TEXT, source_url TEXT,
    resized INTEGER NOT NULL DEFAULT 0, pixels BLOB NOT NULL, UNIQUE(keyword_id, tiny_index));
CREATE UNIQUE INDEX candidates_source ON candidates(source) WHERE source IS NOT NULL;
CREATE INDEX candidates_order ON candidates(keyword_id, keyword_pos, id);
CREATE INDEX candidates_tiny ON candidates(tiny_index) WHERE tiny_index IS NOT NULL;
CREATE TABLE decisions(
    id INTEGER PRIMARY KEY, candidate_id INTEGER NOT NULL REFERENCES candidates(id),
    annotator TEXT NOT NULL, verdict INTEGER NOT NULL CHECK(verdict BETWEEN 0 AND 3),
    view_mode TEXT NOT NULL DEFAULT '', created_at INTEGER NOT NULL,
    undoes INTEGER REFERENCES decisions(id), batch INTEGER NOT NULL);
CREATE INDEX decisions_annotator ON decisions(annotator, id);
CREATE INDEX decisions_candidate ON decisions(candidate_id, annotator, id);
CREATE INDEX decisions_undoes ON decisions(undoes) WHERE undoes IS NOT NULL;
CREATE INDEX decisions_batch ON decisions(batch);
CREATE TRIGGER decisions_no_update BEFORE UPDATE ON decisions
    BEGIN SELECT RAISE(ABORT, 'decisions are append-only'); END;
CREATE TRIGGER decisions_no_delete BEFORE DELETE ON decisions
    BEGIN SELECT RAISE(ABORT, 'decisions are append-only'); END;
CREATE TABLE candidate_state(
    candidate_id INTEGER NOT NULL, annotator TEXT NOT NULL, verdict INTEGER NOT NULL,
    decision_id INTEGER NOT NULL, PRIMARY KEY(candidate_id, annotator)) WITHOUT ROWID;
CREATE INDEX candidate_state_annotator ON candidate_state(annotator, verdict, candidate_id);
CREATE TABLE final_state(
    candidate_id INTEGER PRIMARY KEY, verdict INTEGER NOT NULL, annotator TEXT NOT NULL,
    decision_id INTEGER NOT NULL);
CREATE INDEX final_state_verdict ON final_state(verdict, candidate_id);
CREATE TABLE reference_sets(
    id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, role TEXT NOT NULL, source_path TEXT,
    count INTEGER NOT NULL DEFAULT 0, label_names TEXT);
CREATE TABLE reference_images(
    set_id INTEGER NOT NULL REFERENCES reference_sets(id), idx INTEGER NOT NULL, label INTEGER,
    pixels BLOB NOT NULL, PRIMARY KEY(set_id, idx));
CREATE TABLE near_pairs(
    candidate_id INTEGER NOT NULL, set_id INTEGER NOT NULL, ref_index INTEGER NOT NULL, ssim REAL, l2 REAL,
    status INTEGER NOT NULL DEFAULT 0, PRIMARY KEY(candidate_id, set_id, ref_index));
CREATE INDEX near_pairs_status ON near_pairs(status);
CREATE TABLE pair_reviews(
    id INTEGER PRIMARY KEY, candidate_id INTEGER NOT NULL, set_id INTEGER NOT NULL, ref_index INTEGER NOT NULL,
    status INTEGER NOT NULL, annotator TEXT NOT NULL, created_at INTEGER NOT NULL, undoes INTEGER);
CREATE TABLE exact_matches(
    candidate_id INTEGER NOT NULL, set_id INTEGER, ref_index INTEGER NOT NULL,
    PRIMARY KEY(candidate_id, set_id, ref_index));
CREATE TABLE dedup_progress(set_id INTEGER PRIMARY KEY, max_candidate_id INTEGER NOT NULL);
INSERT INTO meta(key, value) VALUES ('target_per_class', '6000');
)SQL";

// Version 2: a class may belong to a superclass (CIFAR-100's coarse label). NULL: none. The
// export requires every class or none to have one; the column itself allows any mix, because a
// user sets them one class at a time.
constexpr const char *kVersion2 = R"SQL(
ALTER TABLE classes ADD COLUMN superclass TEXT CHECK(superclass IS NULL OR length(superclass) > 0);
)SQL";

// Version 3: the review pane's pair list (core/dedup/PairListModel) pages through near pairs most
// similar first, by status; without this index every page sorts the whole table (2-3 s for 10M pairs,
// ~3 ms with it). Covering, so a page never touches the table itself.
constexpr const char *kVersion3 = R"SQL(
CREATE INDEX near_pairs_rank ON near_pairs(status, ssim DESC, l2, candidate_id, set_id, ref_index);
)SQL";

// Version 4: one accept rule per project (core/project/AcceptRule.h, meta key accept_rule).
// Adjudications are decisions in the same append-only log, marked by `adjudication` (their undo
// entries too), so they are undone, exported and replayed like any other decision.
// adjudication_state (the latest effective adjudication of a candidate) and disputes (candidates
// whose annotators' current verdicts differ; settled = an adjudication stands) are derived in the
// decision's transaction, like candidate_state and final_state. final_state itself is re-derived
// under the project's rule by Project when it opens (meta final_state_rule records the rule it was
// derived under), since the rule is C++ (AcceptRule.cpp), not SQL.
constexpr const char *kVersion4 = R"SQL(
ALTER TABLE decisions ADD COLUMN adjudication INTEGER NOT NULL DEFAULT 0 CHECK(adjudication IN (0, 1));
CREATE TABLE adjudication_state(
    candidate_id INTEGER PRIMARY KEY, verdict INTEGER NOT NULL, annotator TEXT NOT NULL,
    decision_id INTEGER NOT NULL);
CREATE TABLE disputes(candidate_id INTEGER PRIMARY KEY, settled INTEGER NOT NULL DEFAULT 0);
DELETE FROM meta WHERE key = 'final_state_rule';
)SQL";

// Version 5: near pairs are scored under shifts and a mirror (core/dedup/TransformScorer.h); each pair
// keeps the alignment its SSIM was found at: the candidate shows the reference mirrored (when
// `mirrored`) and moved shift_x px right and shift_y px down (PairTransform.h). Older pairs were
// measured as they are: 0, 0, 0.
constexpr const char *kVersion5 = R"SQL(
ALTER TABLE near_pairs ADD COLUMN shift_x INTEGER NOT NULL DEFAULT 0 CHECK(shift_x BETWEEN -2 AND 2);
ALTER TABLE near_pairs ADD COLUMN shift_y INTEGER NOT NULL DEFAULT 0 CHECK(shift_y BETWEEN -2 AND 2);
ALTER TABLE near_pairs ADD COLUMN mirrored INTEGER NOT NULL DEFAULT 0 CHECK(mirrored IN (0, 1));
)SQL";

// Append a migration for each new version; never edit one that has shipped.
constexpr std::array<const char *, 5> kMigrations = {kVersion1, kVersion2, kVersion3, kVersion4, kVersion5};

// Read-only connections never migrate (docs/RELIABILITY.md section 4). Entry n-1 lets a reader of a file
// that lacks migration n query it as if it had it, through TEMP objects (they live in the
// connection, not in the file): "" when readers need nothing (an index), nullptr when there is no
// such way; then readers of older files are refused with a message saying how to upgrade them. A
// migration appended without an entry here gets nullptr: safe, and says so.
constexpr std::array<const char *, 5> kReadShims = {
    nullptr, // 1: the tables themselves
    "CREATE TEMP VIEW classes AS SELECT id, name, label, target, NULL AS superclass FROM main.classes;",
    "", // 3: an index; readers without it are only slower
    // 4: no adjudications yet; the derived tables are the connection's own copies, so that Project can
    // derive the final verdicts under the accept rule into them (the file keeps its "latest" ones).
    R"SQL(
CREATE TEMP VIEW decisions AS SELECT id, candidate_id, annotator, verdict, view_mode, created_at, undoes, batch,
    0 AS adjudication FROM main.decisions;
CREATE TEMP TABLE adjudication_state(
    candidate_id INTEGER PRIMARY KEY, verdict INTEGER NOT NULL, annotator TEXT NOT NULL,
    decision_id INTEGER NOT NULL);
CREATE TEMP TABLE disputes(candidate_id INTEGER PRIMARY KEY, settled INTEGER NOT NULL DEFAULT 0);
CREATE TEMP TABLE final_state(
    candidate_id INTEGER PRIMARY KEY, verdict INTEGER NOT NULL, annotator TEXT NOT NULL,
    decision_id INTEGER NOT NULL);
INSERT INTO temp.final_state SELECT candidate_id, verdict, annotator, decision_id FROM main.final_state;
CREATE INDEX temp.final_state_verdict ON final_state(verdict, candidate_id);
CREATE TEMP TABLE meta(key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
INSERT INTO temp.meta SELECT key, value FROM main.meta WHERE key <> 'final_state_rule';
)SQL",
    // 5: every stored pair was measured as it is.
    R"SQL(
CREATE TEMP VIEW near_pairs AS SELECT candidate_id, set_id, ref_index, ssim, l2, status, 0 AS shift_x, 0 AS shift_y,
    0 AS mirrored FROM main.near_pairs;
)SQL",
};

// The tables every project has had since version 1; a file with our application_id but without
// them is damaged, a file without the id but with them is a project from before the id.
constexpr std::array<const char *, 7> kCoreTables = {"meta",      "classes",         "keywords",   "candidates",
                                                     "decisions", "candidate_state", "final_state"};

} // namespace

ProjectSchema::Identity ProjectSchema::identify(Database &db)
{
    Identity id;
    const QString path = db.fileName();
    const auto damaged = [&](const QString &detail) {
        // Damage, or a file SQLite could not read at all: the first is the file's fault, the second
        // the place's (permissions, a read-only folder).
        id.kind = db.damage().isEmpty() ? Identity::Kind::Unreadable : Identity::Kind::Damaged;
        id.needsRecovery = db.lastErrorNeedsRecovery();
        id.message = detail;
        return id;
    };
    Statement header(db, QStringLiteral("SELECT (SELECT application_id FROM pragma_application_id), "
                                        "(SELECT user_version FROM pragma_user_version)"));
    if (!header.next())
        return damaged(header.hasError() ? header.errorString()
                                         : QStringLiteral("%1: cannot read the file's header").arg(path));
    const qint64 applicationId = header.int64(0);
    id.version = int(header.int64(1));
    id.tagged = applicationId == kApplicationId;
    QStringList tables;
    int objects = 0;
    Statement schema(db, QStringLiteral("SELECT type, name FROM sqlite_master ORDER BY name"));
    while (schema.next()) {
        ++objects;
        if (schema.text(0) == QLatin1String("table"))
            tables << schema.text(1);
    }
    if (schema.hasError())
        return damaged(schema.errorString());
    QStringList missing;
    for (const char *table : kCoreTables)
        if (!tables.contains(QLatin1String(table)))
            missing << QLatin1String(table);

    if (applicationId == 0 && id.version == 0 && objects == 0) {
        id.kind = Identity::Kind::EmptyDatabase;
        id.message = QStringLiteral("%1: an empty SQLite database, not a TinyCurator project").arg(path);
        return id;
    }
    const bool ours = id.tagged || (applicationId == 0 && id.version >= 1 && missing.isEmpty());
    if (!ours) {
        id.kind = Identity::Kind::Foreign;
        QString what = applicationId != 0
                           ? QStringLiteral("application id 0x%1").arg(quint32(applicationId), 8, 16, QLatin1Char('0'))
                           : QStringLiteral("tables: %1")
                                 .arg(tables.isEmpty() ? QStringLiteral("none") : tables.mid(0, 8).join(u", "));
        if (applicationId == 0 && tables.size() > 8)
            what += QStringLiteral(", ... (%1 in all)").arg(tables.size());
        id.message = QStringLiteral("%1: not a TinyCurator project but another program's SQLite database (%2); "
                                    "it was left unchanged")
                         .arg(path, what);
        return id;
    }
    if (id.version > latestVersion()) {
        id.kind = Identity::Kind::Newer;
        id.message = QStringLiteral("%1: project schema version %2 is newer than this TinyCurator understands (%3); "
                                    "open it with a newer TinyCurator")
                         .arg(path)
                         .arg(id.version)
                         .arg(latestVersion());
        return id;
    }
    if (!missing.isEmpty() || id.version < 1) {
        id.kind = Identity::Kind::Damaged;
        id.message = QStringLiteral("%1: the project file is damaged (it lacks the table%2 %3); restore it from a "
                                    "backup or another good copy")
                         .arg(path, missing.size() == 1 ? QString() : QStringLiteral("s"),
                              missing.isEmpty() ? QStringLiteral("version") : missing.join(u", "));
        return id;
    }
    id.kind = Identity::Kind::Project;
    return id;
}

int ProjectSchema::latestVersion()
{
    return int(kMigrations.size());
}

bool ProjectSchema::fail(const QString &message)
{
    m_error = message;
    return false;
}

bool ProjectSchema::configure()
{
    Database &db = m_db;
    // WAL: readers (a stats worker, the CLI) never block the annotator's writes.
    // synchronous=FULL, not NORMAL: in WAL mode NORMAL may lose the last commits on a power cut,
    // and the issue promises that a decision the view showed as confirmed survives one. The cost
    // is one fsync of the WAL per commit; imports commit in large batches, so it stays small.
    if (!db.exec(QStringLiteral("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"
                                "PRAGMA cache_size=-32000;"))) {
        return fail(db.errorString());
    }
    return true;
}

bool ProjectSchema::configureReadOnly(int version)
{
    Database &db = m_db;
    QString shims;
    for (int migration = version + 1; migration <= latestVersion(); ++migration) {
        const char *shim =
            std::size_t(migration - 1) < kReadShims.size() ? kReadShims[std::size_t(migration - 1)] : nullptr;
        if (!shim) {
            return fail(
                QStringLiteral("%1: written by an older TinyCurator (project schema version %2, this build's is "
                               "%3); it is upgraded the next time it is opened for writing (the app, or any "
                               "command that changes it), which a read-only open never does")
                    .arg(db.fileName())
                    .arg(version)
                    .arg(latestVersion()));
        }
        shims += QString::fromUtf8(shim);
    }
    if (!db.exec(shims + QStringLiteral("PRAGMA foreign_keys=ON; PRAGMA cache_size=-32000;"))) {
        return fail(db.errorString());
    }
    return true;
}

bool ProjectSchema::sealReadOnly()
{
    Database &db = m_db;
    // Last: the TEMP objects of the shims are the connection's own, never the file's, and may have been
    // filled in between (Project derives final verdicts into them).
    if (!db.exec(QStringLiteral("PRAGMA query_only=ON;"))) {
        return fail(db.errorString());
    }
    return true;
}

QString ProjectSchema::quickCheck(Database &db)
{
    QStringList problems;
    Statement check(db, QStringLiteral("PRAGMA quick_check(5)"));
    while (check.next())
        if (const QString row = check.text(0); row != QLatin1String("ok"))
            problems << row;
    if (check.hasError())
        return check.errorString();
    return problems.join(QStringLiteral("; "));
}

bool ProjectSchema::migrate(int targetVersion)
{
    Database &db = m_db;
    if (targetVersion < 0 || targetVersion > latestVersion())
        targetVersion = latestVersion();
    const int current = int(db.queryInt(QStringLiteral("PRAGMA user_version"), -1));
    if (current < 0) {
        return fail(db.errorString());
    }
    if (current > latestVersion()) {
        return fail(QStringLiteral("%1: project schema version %2 is newer than this TinyCurator understands (%3)")
                        .arg(db.fileName())
                        .arg(current)
                        .arg(latestVersion()));
    }
    for (int version = current + 1; version <= targetVersion; ++version) {
        Transaction tx(db);
        if (!tx.isActive() || !db.exec(QString::fromUtf8(kMigrations[std::size_t(version - 1)])) ||
            !db.exec(QStringLiteral("PRAGMA user_version=%1").arg(version)) || !tx.commit()) {
            return fail(QStringLiteral("%1 (migrating to schema version %2)").arg(db.errorString()).arg(version));
        }
    }
    return true;
}

} // namespace tc::core
