// tinycurator-cli import-decisions PROJECT --csv FILE|-
// tinycurator-cli export-decisions PROJECT --csv FILE|-
// Both directions of the decisions spreadsheet (core/project/DecisionCsv) share one argument shape.
#include "CliFiles.h"
#include "Command.h"
#include "ProjectCommandSupport.h"
#include "core/project/DecisionCsv.h"

#include <functional>

namespace tc::cli {
namespace {

using CsvAction = std::function<int(core::Project &, const QString &csvPath, QTextStream &out, QTextStream &err)>;

int runWithCsv(const QStringList &args, QTextStream &out, QTextStream &err, const QString &description,
               const QString &csvHelp, const CsvAction &action)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(description);
    parser.addPositionalArgument(QStringLiteral("project"), QStringLiteral("The .tcproj file."));
    parser.addOption({QStringLiteral("csv"), csvHelp, QStringLiteral("file")});
    if (!parseProjectArgs(parser, args, err))
        return 2;
    const auto csvPath = requiredOption(parser, QStringLiteral("csv"), "FILE", err);
    if (!csvPath)
        return 2;
    core::Project project;
    const bool reader = args.first() == QLatin1String("export-decisions"); // works beside a writer
    if (!(reader ? openProjectForReading : openProject)(project, parser.positionalArguments().first(), err))
        return 1;
    return action(project, *csvPath, out, err);
}

int importDecisions(const QStringList &args, QTextStream &out, QTextStream &err)
{
    return runWithCsv(
        args, out, err,
        QStringLiteral(
            "Record decisions from a CSV: a file written by export-decisions (seq,time,annotator,kind,verdict,undoes,"
            "batch,view_mode,tiny_index,class,keyword,source: replayed with its times, order and undo links), or an "
            "older tiny_index,verdict,annotator[,class][,source] file (decisions of now). All or nothing: if any "
            "row is bad, nothing is recorded, the exit code is 1 and every bad row is listed with its line (the "
            "first 50, then a count). Prints how many final verdicts the import moved under the project's accept "
            "rule."),
        QStringLiteral("The CSV file, '-' for standard input."),
        [](core::Project &project, const QString &path, QTextStream &out, QTextStream &err) {
            CliInput input;
            if (!input.open(path)) {
                err << input.errorString() << '\n';
                return 1;
            }
            core::DecisionCsv csv(project);
            const bool ok = csv.read(input.device(), input.name());
            const auto &report = csv.report();
            for (const auto &issue : report.issues)
                err << "bad row: " << report.issueText(issue) << '\n';
            if (csv.badRows() > report.issues.size())
                err << "... and " << (csv.badRows() - report.issues.size()) << " more bad row(s)\n";
            if (!ok) {
                err << csv.errorString() << '\n';
                return 1;
            }
            out << "decisions recorded: " << report.inserted << ", already in the project: " << report.existing << '\n';
            out << "final verdicts under the accept rule '" << core::acceptRuleName(project.acceptRule())
                << "': " << csv.shift().summary() << '\n';
            return 0;
        });
}

int exportDecisions(const QStringList &args, QTextStream &out, QTextStream &err)
{
    return runWithCsv(
        args, out, err,
        QStringLiteral("Write the project's whole decision log to a CSV, one row per decision in log order "
                       "(seq,time,annotator,kind,verdict,undoes,batch,view_mode,tiny_index,class,keyword,source); "
                       "import-decisions into a fresh project restores the same log, stats and final verdicts."),
        QStringLiteral("The CSV file to write (atomically), '-' for standard output."),
        [](core::Project &project, const QString &path, QTextStream &out, QTextStream &err) {
            CliOutput output;
            if (!output.open(path)) {
                err << output.errorString() << '\n';
                return 1;
            }
            core::DecisionCsv csv(project);
            if (!csv.write(output.device(), output.path()) || !output.commit()) {
                err << (csv.errorString().isEmpty() ? output.errorString() : csv.errorString()) << '\n';
                return 1;
            }
            if (!output.isStdout())
                out << "wrote " << path << '\n';
            return 0;
        });
}

const CommandRegistrar importRegistrar({QStringLiteral("import-decisions"),
                                        QStringLiteral("Import decisions from a CSV (all or nothing)"),
                                        importDecisions});
const CommandRegistrar exportRegistrar({QStringLiteral("export-decisions"),
                                        QStringLiteral("Export the decision log to a CSV (lossless)"),
                                        exportDecisions});

} // namespace
} // namespace tc::cli
