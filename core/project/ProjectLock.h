#pragma once

#include <QString>
#include <memory>

namespace tc::core {

// One writer per project file across processes: a QLockFile "<project>.lock" next to the project,
// holding the owner's pid, host and application name. SQLite alone would let two annotators'
// instances interleave writes (each transaction is safe, but undo batches, quotas and resume
// positions assume one writer), so a second instance refuses with a message naming the holder.
//
// A lock left by a killed process is stale and taken over (QLockFile checks that the pid is
// alive and runs the same program). Within one process the lock is shared by every Project on
// the same file, because worker threads open their own connection (see Project) and must not
// lock each other out: QLockFile itself is per process.
class ProjectLock final {
public:
    explicit ProjectLock(const QString &projectPath);
    ~ProjectLock();
    ProjectLock(const ProjectLock &) = delete;
    ProjectLock &operator=(const ProjectLock &) = delete;

    // False with errorString() when another live process holds the lock, or the folder does not
    // let us create the lock file (a read-only location: the message says so).
    bool tryLock();
    void unlock();
    bool isLocked() const { return m_held != nullptr; }
    QString errorString() const { return m_error; }

    static QString lockFilePath(const QString &projectPath);

    struct Shared; // the per-process lock, shared by every ProjectLock on one file

private:
    QString m_path;
    QString m_error;
    std::shared_ptr<Shared> m_held;
};

} // namespace tc::core
