#pragma once

#include <QString>
#include <functional>
#include <memory>

namespace tc::core {

// One writer per project file across processes. The decision is a kernel lock alone: flock() on
// "<project>.lock" next to the project, which the kernel releases when the holder dies however it
// dies (crash, SIGKILL, power cut). The file's text (pid, host, program, since when) only feeds the
// message a second writer sees. So whatever a dead process or anyone else left at that path (an
// empty file, garbage, a dead or reused pid, a folder, a symlink, a hard link, a FIFO) the outcome
// depends only on whether a live process holds the lock; the path is never followed to write
// another file (O_NOFOLLOW, regular files with one link only). See docs/RELIABILITY.md section 4.
//
// SQLite alone would let two writers interleave transactions safely, but undo batches, quotas and
// resume positions assume one writer, hence the lock. Readers take no lock (Project::Access).
// Within one process the lock is shared by every ProjectLock on the same file: worker threads open
// their own connection (see Project) and must not lock each other out (flock is per open file).
class ProjectLock final {
public:
    explicit ProjectLock(const QString &projectPath);
    ~ProjectLock();
    ProjectLock(const ProjectLock &) = delete;
    ProjectLock &operator=(const ProjectLock &) = delete;

    // One attempt. False with errorString() when a live process holds the lock (isBusy(), holder()
    // says who) or the lock file cannot be created (a read-only folder or a full disk).
    bool tryLock();
    // Like tryLock(), but while another process holds the lock retries for up to waitMs, calling
    // onWait(holder) once when it starts waiting (the CLI prints it).
    bool lock(int waitMs, const std::function<void(const QString &holder)> &onWait = {});
    void unlock();
    bool isLocked() const { return m_held != nullptr; }
    // The last attempt failed because a live process holds the lock.
    bool isBusy() const { return m_busy; }
    // Who holds it, from the lock file's text: "tinycurator-cli decide (pid 1234 on host, since 10:02:03)".
    QString holder() const { return m_holder; }
    QString errorString() const { return m_error; }

    static QString lockFilePath(const QString &projectPath);
    // Whether a live process holds the lock of projectPath right now (a probe: it takes and
    // releases the lock when free, so use it for messages, not for decisions).
    static bool isHeldElsewhere(const QString &projectPath, QString *holder = nullptr);

    struct Shared; // the per-process lock, shared by every ProjectLock on one file

private:
    QString m_path;
    QString m_error;
    QString m_holder;
    bool m_busy = false;
    std::shared_ptr<Shared> m_held;
};

} // namespace tc::core
