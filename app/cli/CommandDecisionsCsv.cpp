// tinycurator-cli import-decisions PROJECT --csv FILE
// tinycurator-cli export-decisions PROJECT --csv FILE
// Both directions of the decisions spreadsheet (core/project/DecisionCsv) share one argument shape.
#include "Command.h"
#include "ProjectCommandSupport.h"
#include "core/project/DecisionCsv.h"

#include <functional>

namespace tc::cli {
namespace {

using CsvAction = std::function<int(core::DecisionCsv &, const QString &csvPath, QTextStream &out, QTextStream &err)>;

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
    core::DecisionCsv csv(project);
    return action(csv, *csvPath, out, err);
}

int importDecisions(const QStringList &args, QTextStream &out, QTextStream &err)
{
    return runWithCsv(
        args, out, err,
        QStringLiteral("Record decisions from a CSV with columns tiny_index,verdict,annotator (optional class, "
                       "source). Bad rows are listed."),
        QStringLiteral("The CSV file."),
        [](core::DecisionCsv &csv, const QString &path, QTextStream &out, QTextStream &err) {
            if (!csv.importFile(path)) {
                err << csv.errorString() << '\n';
                return 1;
            }
            const auto &report = csv.report();
            out << "decisions recorded: " << report.inserted << ", unchanged: " << report.existing
                << ", bad rows: " << report.issues.size() << '\n';
            for (const auto &issue : report.issues)
                err << "bad row: " << report.issueText(issue) << '\n';
            // Bad rows are a failure for scripts, even though the good rows were applied.
            return report.issues.isEmpty() ? 0 : 1;
        });
}

int exportDecisions(const QStringList &args, QTextStream &out, QTextStream &err)
{
    return runWithCsv(args, out, err,
                      QStringLiteral("Write every annotator's current verdicts to a CSV "
                                     "(tiny_index,verdict,annotator,class,keyword,source)."),
                      QStringLiteral("The CSV file to write."),
                      [](core::DecisionCsv &csv, const QString &path, QTextStream &out, QTextStream &err) {
                          if (!csv.exportFile(path)) {
                              err << csv.errorString() << '\n';
                              return 1;
                          }
                          out << "wrote " << path << '\n';
                          return 0;
                      });
}

const CommandRegistrar importRegistrar({QStringLiteral("import-decisions"),
                                        QStringLiteral("Import decisions from a CSV (tiny_index,verdict,annotator)"),
                                        importDecisions});
const CommandRegistrar exportRegistrar({QStringLiteral("export-decisions"),
                                        QStringLiteral("Export current verdicts to a CSV"), exportDecisions});

} // namespace
} // namespace tc::cli
