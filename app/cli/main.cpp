#include "Command.h"
#include "ProjectCommandSupport.h"

#include <QCoreApplication>
#include <algorithm>
#include <cstdio>
#include <new>

using tc::cli::CommandRegistry;

namespace {
void printUsage(QTextStream &out)
{
    out << "Usage: tinycurator-cli <command> [options]\n\nCommands:\n";
    // The column fits the longest name (catalog-from-located is 20 characters), so every name stays
    // one word apart from its summary.
    qsizetype width = 0;
    for (const auto &c : CommandRegistry::all())
        width = std::max(width, c.name.size());
    for (const auto &c : CommandRegistry::all())
        out << "  " << c.name.leftJustified(width + 2) << c.summary << '\n';
    out << "\nRun 'tinycurator-cli <command> --help' (or -h) for a command's options.\n"
           "File arguments: '-' is standard input (for an input file) or standard output (for an output file);\n"
           "arguments that may name a folder or an image set take no '-'. Inputs must be regular files.\n";
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
    // "help <command>" is "<command> --help".
    if (args.first() == QLatin1String("help") && args.size() == 2)
        args = QStringList{args.at(1), QStringLiteral("--help")};
    const auto *command = CommandRegistry::find(args.first());
    if (!command) {
        err << "tinycurator-cli: unknown command '" << args.first() << "'\n";
        printUsage(err);
        return 2;
    }
    try {
        // Never success on a damaged project.
        return tc::cli::exitCodeAfter(command->run(args, out, err), err);
    } catch (const tc::cli::HelpRequested &help) {
        out << help.text;
        return 0;
    } catch (const std::bad_alloc &) {
        // Inputs are checked against limits before anything large is allocated; this is the last
        // line: a clear message and exit status 1, not an abort.
        out.flush();
        err << "tinycurator-cli " << args.first() << ": out of memory\n";
        return 1;
    }
}
