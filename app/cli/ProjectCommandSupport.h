#pragma once

// Shared by the project commands (new, stats, decide, undo, import-*, export-decisions): opening a
// project with a uniform error, and a progress printer for stderr.
#include "Command.h"
#include "core/common/Progress.h"
#include "core/project/Project.h"

#include <QCommandLineParser>
#include <QElapsedTimer>
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

inline bool openProject(core::Project &project, const QString &path, QTextStream &err)
{
    if (project.open(path))
        return true;
    err << project.errorString() << '\n';
    return false;
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
