#pragma once

// Shared by the project commands (new, stats, decide, undo, import-*, export-decisions): opening a
// project for writing or for reading with a uniform error and hint, and a progress printer for stderr.
#include "Command.h"
#include "core/common/Progress.h"
#include "core/project/Project.h"

#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QTextStream>
#include <optional>

namespace tc::cli {

// Parses args (parseCommandArgs(): --help/-h print the command's help and exit 0, for every
// command); on a parse error or another number of positionals prints usage to err and returns false.
inline bool parseProjectArgs(QCommandLineParser &parser, const QStringList &args, QTextStream &err, int positionals = 1)
{
    return parseCommandArgs(parser, args, err, positionals);
}

// The trimmed value of an option the command cannot run without; prints "need --name VALUE" when
// it is missing or blank.
inline std::optional<QString> requiredOption(const QCommandLineParser &parser, const QString &name,
                                             const char *valueName, QTextStream &err)
{
    const QString value = parser.value(name).trimmed();
    if (!value.isEmpty())
        return value;
    err << "need --" << name << ' ' << valueName << '\n';
    return std::nullopt;
}

// --annotator NAME, required, and a name by core's one rule (core::annotatorNameProblem: valid UTF-8,
// no control characters), so a Latin-1 argument is refused instead of being stored as U+FFFD.
inline std::optional<QString> annotatorOption(const QCommandLineParser &parser, const QString &command,
                                              QTextStream &err)
{
    const auto name = requiredOption(parser, QStringLiteral("annotator"), "NAME", err);
    if (!name)
        return std::nullopt;
    if (const QString problem = core::annotatorNameProblem(*name); !problem.isEmpty()) {
        err << command << ": " << problem << '\n';
        return std::nullopt;
    }
    return name;
}

// ---- opening projects (docs/RELIABILITY.md section 4) ----

// Seconds a writing command waits while another process holds the project (a short `decide` of
// another script, say) before it gives up naming the holder: TC_LOCK_WAIT, default 5.
inline int lockWaitSeconds()
{
    bool ok = false;
    const int seconds = qEnvironmentVariableIntValue("TC_LOCK_WAIT", &ok);
    return ok && seconds >= 0 ? seconds : 5;
}

// What the user can do about a project that did not open, in the CLI's terms (core's messages name
// no front end).
inline void printOpenHint(const core::Project &project, const QString &path, QTextStream &err)
{
    switch (project.openFailure()) {
    case core::Project::OpenFailure::InUse:
        err << "hint: read-only commands (stats, pairs, export-decisions, export) work while it is in use; for a "
               "consistent copy to work on: tinycurator-cli backup "
            << path << " --out COPY.tcproj\n";
        break;
    case core::Project::OpenFailure::Damaged:
        err << "hint: replace it with a good copy: tinycurator-cli backup GOOD.tcproj --out " << path << " --force\n";
        break;
    default:
        break;
    }
}

inline void waitForLockMessages(core::Project &project, const QString &path, QTextStream &err)
{
    const int seconds = lockWaitSeconds();
    project.setLockWait(seconds * 1000, [&err, path, seconds](const QString &holder) {
        err << path << ": waiting for " << holder << " to finish with it (up to " << seconds << " s)\n";
        err.flush();
    });
}

// Commands that change the project: takes its lock (waiting a few seconds for another writer) and
// upgrades an older schema.
inline bool openProject(core::Project &project, const QString &path, QTextStream &err)
{
    waitForLockMessages(project, path, err);
    if (project.open(path))
        return true;
    err << project.errorString() << '\n';
    printOpenHint(project, path, err);
    return false;
}

// Commands that only read (stats, pairs, export-decisions, export): no lock, nothing written, so they
// run while the app or another command has the project open for writing.
inline bool openProjectForReading(core::Project &project, const QString &path, QTextStream &err)
{
    if (project.openReadOnly(path))
        return true;
    err << project.errorString() << '\n';
    printOpenHint(project, path, err);
    return false;
}

// `new`: opens PROJECT when it is a project (a re-run adds what is missing), creates it when it does
// not exist or is an empty file. *created says which; a command that then fails calls
// project.discard(), so a failed `new` leaves nothing behind.
inline bool openOrCreateProject(core::Project &project, const QString &path, QTextStream &err, bool *created)
{
    waitForLockMessages(project, path, err);
    const QFileInfo info(path);
    *created = !info.exists() || (info.isFile() && info.size() == 0);
    if (*created ? project.create(path) : project.open(path))
        return true;
    err << project.errorString() << '\n';
    printOpenHint(project, path, err);
    return false;
}

// The exit code a command returns after it ran: a command that read a damaged project (SQLite found
// a broken page on the way) never reports success, even where its reads swallowed the error.
inline int exitCodeAfter(int rc, QTextStream &err)
{
    const QString damage = core::Database::damageSeenByThisProcess();
    if (damage.isEmpty())
        return rc;
    err << damage << '\n'
        << "hint: replace it with a good copy: tinycurator-cli backup GOOD.tcproj --out PROJECT --force\n";
    err.flush();
    return rc == 0 ? 1 : rc; // a failed command may have reported something else (no candidate ...)
}

// Prints "label: done/total (pct%)" at most every 200 ms, so a 500k import does not flood stderr.
inline core::Progress stderrProgress(QTextStream &err, const QString &label)
{
    auto timer = std::make_shared<QElapsedTimer>();
    timer->start();
    auto last = std::make_shared<qint64>(-1000);
    return core::Progress(
        [&err, label, timer, last](qint64 done, qint64 total) {
            if (timer->elapsed() - *last < 200 && done < total)
                return;
            *last = timer->elapsed();
            err << label << ": " << done << '/' << total;
            if (total > 0)
                err << " (" << (100 * done / total) << "%)";
            err << '\n';
            err.flush();
        },
        {});
}

} // namespace tc::cli
