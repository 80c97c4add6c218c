#pragma once

#include <QString>
#include <QStringList>
#include <QTextStream>

#include <functional>
#include <vector>

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

} // namespace tc::cli
