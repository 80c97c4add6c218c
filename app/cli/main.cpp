#include "Command.h"
#include "ProjectCommandSupport.h"

#include <QCoreApplication>

#include <cstdio>

using tc::cli::CommandRegistry;

namespace {
void printUsage(QTextStream &out)
{
    out << "Usage: tinycurator-cli <command> [options]\n\nCommands:\n";
    for (const auto &c : CommandRegistry::all())
        out << "  " << c.name.leftJustified(18) << c.summary << '\n';
    out << "\nRun 'tinycurator-cli <command> --help' for a command's options.\n";
}
} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("tinycurator-cli"));
    QCoreApplication::setApplicationVersion(QStringLiteral(TC_VERSION));
    QTextStream out(stdout);
    QTextStream err(stderr);

    QStringList args = QCoreApplication::arguments();
    args.removeFirst();
    if (args.isEmpty() || args.first() == QLatin1String("--help") || args.first() == QLatin1String("-h")) {
        printUsage(args.isEmpty() ? err : out);
        return args.isEmpty() ? 2 : 0;
    }
    if (args.first() == QLatin1String("--version")) {
        out << "tinycurator-cli " << TC_VERSION << '\n';
        return 0;
    }
    const auto *command = CommandRegistry::find(args.first());
    if (!command) {
        err << "tinycurator-cli: unknown command '" << args.first() << "'\n";
        printUsage(err);
        return 2;
    }
    return tc::cli::exitCodeAfter(command->run(args, out, err), err); // never success on a damaged project
}
