#pragma once

#include <QString>

namespace tc::core {

class Database;

// The project file's schema: ordered migrations keyed by PRAGMA user_version. Migration n takes a
// file from version n-1 to n inside one transaction, so a file is always at a version some
// release wrote. A file newer than this build is refused rather than half-understood.
class ProjectSchema final {
public:
    static int latestVersion();
    // Brings db up to latestVersion() (or to targetVersion, so tests can make a file exactly as an
    // older release left it). False with *error naming the file when it fails or when the file is
    // newer than this build.
    static bool migrate(Database &db, QString *error, int targetVersion = -1);
    // Connection settings every project connection needs (WAL, FULL sync, foreign keys).
    static bool configure(Database &db, QString *error);
};

} // namespace tc::core
