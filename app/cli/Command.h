#pragma once

#include <QString>
#include <QStringList>
#include <QTextStream>
#include <functional>
#include <vector>

class QCommandLineParser;

namespace tc::cli {

// One sub-command of tinycurator-cli. run() gets the arguments starting with the command name
// (args[0], the way QCommandLineParser::parse() expects a program name), and
// returns the process exit status (0 success, 1 failure, 2 usage error).
struct Command final {
    QString name;
    QString summary;
    std::function<int(const QStringList &args, QTextStream &out, QTextStream &err)> run;
};

// Commands register themselves from their own translation unit (see CommandRegistrar); the
// list is confined to the CLI executable, which is the only place that dispatches on it.
class CommandRegistry final {
public:
    static void add(Command command);
    static const Command *find(const QString &name);
    static const std::vector<Command> &all();
};

struct CommandRegistrar final {
    explicit CommandRegistrar(Command command) { CommandRegistry::add(std::move(command)); }
};

// --help and -h, the same for every command: parseCommandArgs() throws this when the arguments ask
// for help, and main() prints `text` on standard output and exits 0. (An exception, so that every
// command's `if (!parse...) return 2;` stays as it is and no command can get help wrong.)
struct HelpRequested final {
    QString text;
};

// A command's help: Qt's help text with the usage line naming "tinycurator-cli <command>" instead
// of the path the binary was started with.
QString commandHelp(const QCommandLineParser &parser, const QString &command);

// THE argument parser of every command. Adds --help/-h to parser and parses args (args[0] is the
// command's name). Help asked for: throws HelpRequested. Unknown option, missing value, or (with
// positionals >= 0) another number of positional arguments: prints the problem and the command's
// help to err and returns false (the command returns 2).
bool parseCommandArgs(QCommandLineParser &parser, const QStringList &args, QTextStream &err, int positionals);

} // namespace tc::cli
