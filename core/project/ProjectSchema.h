#pragma once

#include <QString>

namespace tc::core {

class Database;

// The project file's schema: ordered migrations keyed by PRAGMA user_version. Migration n takes a
// file from version n-1 to n inside one transaction, so a file is always at a version some
// release wrote. A file newer than this build is refused rather than half-understood.
class ProjectSchema final {
public:
    // PRAGMA application_id of every project this build writes ("TCur"): a file without it is a
    // project only if it has a project's tables (files from before it existed).
    static constexpr int kApplicationId = 0x54437572;

    // What an SQLite file is, found by reading only (nothing is written, no table is created).
    struct Identity {
        enum class Kind {
            Project,       // ours (application_id, or a project's tables from before it existed)
            EmptyDatabase, // SQLite, but nothing in it: no project
            Foreign,       // another program's database
            Newer,         // a project from a newer TinyCurator
            Damaged,       // SQLite finds its header or schema broken
            Unreadable,    // SQLite cannot read it at all (permissions, a -wal that cannot be created)
        };
        Kind kind = Kind::Damaged;
        int version = 0;            // PRAGMA user_version
        bool tagged = false;        // has our application_id (older projects get it when next written)
        bool needsRecovery = false; // Unreadable only because a read-only connection cannot recover a crash
        QString message;            // why it cannot be opened as a project, naming the file ("" for Project)
    };
    static Identity identify(Database &db);

    static int latestVersion();
    // PRAGMA quick_check: empty when the file's structure is sound, else the first problems in words.
    static QString quickCheck(Database &db);

    // The steps below work on one connection; each is false with errorString() naming the file.
    explicit ProjectSchema(Database &db) : m_db(db) {}

    // Brings the file up to latestVersion() (or to targetVersion, so tests can make a file exactly as
    // an older release left it). Also fails when the file is newer than this build.
    bool migrate(int targetVersion = -1);
    // Connection settings every project connection needs (WAL, FULL sync, foreign keys). Only for
    // a connection that may write, and only after identify() said Project.
    bool configure();
    // A read-only connection to a project at `version`: nothing is written. An older file is read as
    // the latest version through temporary views where a migration changed what readers query
    // (false, saying why, when this build has none for a migration the file lacks).
    bool configureReadOnly(int version);
    // Then, once a reader has derived what it needs into the shims' TEMP tables: no more writes of any kind.
    bool sealReadOnly();
    QString errorString() const { return m_error; }

private:
    bool fail(const QString &message);

    Database &m_db;
    QString m_error;
};

} // namespace tc::core
