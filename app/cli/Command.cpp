#include "Command.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <algorithm>

namespace tc::cli {

namespace {
std::vector<Command> &commands()
{
    static std::vector<Command> list; // function-local: safe from static initialisation order
    return list;
}
} // namespace

void CommandRegistry::add(Command command)
{
    auto &list = commands();
    list.push_back(std::move(command));
    std::sort(list.begin(), list.end(), [](const Command &a, const Command &b) { return a.name < b.name; });
}

const Command *CommandRegistry::find(const QString &name)
{
    for (const auto &c : commands())
        if (c.name == name)
            return &c;
    return nullptr;
}

const std::vector<Command> &CommandRegistry::all()
{
    return commands();
}

QString commandHelp(const QCommandLineParser &parser, const QString &command)
{
    // Qt writes "Usage: <argv[0]> [options] ..."; the user typed "tinycurator-cli <command>".
    QString text = parser.helpText();
    const QString usage = QStringLiteral("Usage: ");
    const QString program = QCoreApplication::arguments().value(0);
    if (text.startsWith(usage + program))
        text.replace(usage.size(), program.size(), QStringLiteral("tinycurator-cli ") + command);
    return text;
}

bool parseCommandArgs(QCommandLineParser &parser, const QStringList &args, QTextStream &err, int positionals)
{
    const QString command = args.value(0);
    parser.addHelpOption();
    if (!parser.parse(args)) {
        err << "tinycurator-cli " << command << ": " << parser.errorText() << "\n\n" << commandHelp(parser, command);
        return false;
    }
    if (parser.isSet(QStringLiteral("help")) || parser.isSet(QStringLiteral("help-all")))
        throw HelpRequested{commandHelp(parser, command)};
    if (positionals >= 0 && parser.positionalArguments().size() != positionals) {
        err << "tinycurator-cli " << command << ": expected " << positionals << " positional argument"
            << (positionals == 1 ? "" : "s") << ", got " << parser.positionalArguments().size() << "\n\n"
            << commandHelp(parser, command);
        return false;
    }
    return true;
}

} // namespace tc::cli
