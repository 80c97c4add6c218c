#pragma once

#include "core/common/Progress.h"

#include <QString>

class QIODevice;

namespace tc::core {

// A consistent copy of a project, taken while others may be writing it (the app, a `decide` loop):
// the source is opened read-only (no lock) and SQLite's online backup API copies one snapshot (a
// read transaction held across the copy; in WAL mode writers go on meanwhile), so the copy holds
// every decision committed before it started, including those still in the -wal that a plain file
// copy misses. The copy is a complete standalone file (rollback journal, no -wal), checked with
// PRAGMA quick_check before it appears under its name; a damaged source gives no copy.
class ProjectBackup final {
public:
    // Writes the copy to dest atomically (a temporary sibling, renamed when complete). An existing
    // dest is replaced only with replace (restoring a damaged project from a good copy), and only
    // while no process has it open for writing. False with errorString().
    bool copy(const QString &source, const QString &dest, bool replace, const Progress &progress = {});
    // The same copy written to a device (standard output), through a temporary file.
    bool copyTo(const QString &source, QIODevice *device, const Progress &progress = {});

    QString errorString() const { return m_error; }
    // Figures of the last successful copy.
    qint64 bytes() const { return m_bytes; }
    qint64 decisions() const { return m_decisions; }
    qint64 candidates() const { return m_candidates; }

private:
    bool fail(const QString &message);
    // Copies source into the new file at tempPath and checks the result.
    bool snapshot(const QString &source, const QString &tempPath, const QString &destName, const Progress &progress);

    QString m_error;
    qint64 m_bytes = 0;
    qint64 m_decisions = 0;
    qint64 m_candidates = 0;
};

} // namespace tc::core
