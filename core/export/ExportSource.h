#pragma once

#include "core/common/Progress.h"
#include "core/export/ExportInput.h"
#include "core/export/ExportSettings.h"

namespace tc::core {

class Database;
class ExportQuery;

// Reads an ExportInput from a project database (schema in docs/ARCHITECTURE.md): classes and
// keywords, the candidates accepted under the project's accept rule (final_state) with their pixels and accepting
// annotators, reference sets, stored exact matches and near pairs, and - so an export is safe even
// when the duplicate search is stale - its own byte-exact comparison with every exclude and avoid
// set image; also the state of the stored duplicate search and the paths an export must never
// touch (the project file and the inputs it came from).
class ExportSource final {
public:
    bool load(Database &db, const ExportSettings &settings, ExportInput &out, const Progress &progress = {});
    QString errorString() const { return m_error; }

private:
    bool loadAll(Database &db, ExportQuery &query, const ExportSettings &settings, ExportInput &out,
                 const Progress &progress);
    bool loadProtectedPaths(Database &db, ExportQuery &query, ExportInput &out);
    bool loadClasses(ExportQuery &query, ExportInput &out);
    bool loadRule(Database &db, const ExportSettings &settings, ExportInput &out);
    bool loadAccepted(ExportQuery &query, ExportInput &out);
    bool loadPixels(ExportQuery &query, ExportInput &out);
    bool loadReferenceSets(Database &db, ExportInput &out);
    bool loadStoredMatches(Database &db, ExportInput &out);
    bool compareWithReferences(Database &db, ExportInput &out, const Progress &progress);
    bool fail(const QString &message);

    QString m_error;
};

} // namespace tc::core
