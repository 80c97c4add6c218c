#include "core/project/ProjectSchema.h"

#include "core/project/Database.h"
#include "core/project/Transaction.h"

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

// Append a migration for each new version; never edit one that has shipped.
constexpr std::array<const char *, 4> kMigrations = {kVersion1, kVersion2, kVersion3, kVersion4};

} // namespace

int ProjectSchema::latestVersion()
{
    return int(kMigrations.size());
}

bool ProjectSchema::configure(Database &db, QString *error)
{
    // WAL: readers (a stats worker, the CLI) never block the annotator's writes.
    // synchronous=FULL, not NORMAL: in WAL mode NORMAL may lose the last commits on a power cut,
    // and the issue promises that a decision the view showed as confirmed survives one. The cost
    // is one fsync of the WAL per commit; imports commit in large batches, so it stays small.
    if (!db.exec(QStringLiteral("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"
                                "PRAGMA cache_size=-32000;"))) {
        *error = db.errorString();
        return false;
    }
    return true;
}

bool ProjectSchema::migrate(Database &db, QString *error, int targetVersion)
{
    if (targetVersion < 0 || targetVersion > latestVersion())
        targetVersion = latestVersion();
    const int current = int(db.queryInt(QStringLiteral("PRAGMA user_version"), -1));
    if (current < 0) {
        *error = db.errorString();
        return false;
    }
    if (current > latestVersion()) {
        *error = QStringLiteral("%1: project schema version %2 is newer than this TinyCurator understands (%3)")
                     .arg(db.fileName())
                     .arg(current)
                     .arg(latestVersion());
        return false;
    }
    for (int version = current + 1; version <= targetVersion; ++version) {
        Transaction tx(db);
        if (!tx.isActive() || !db.exec(QString::fromUtf8(kMigrations[std::size_t(version - 1)])) ||
            !db.exec(QStringLiteral("PRAGMA user_version=%1").arg(version)) || !tx.commit()) {
            *error = QStringLiteral("%1 (migrating to schema version %2)").arg(db.errorString()).arg(version);
            return false;
        }
    }
    return true;
}

} // namespace tc::core
