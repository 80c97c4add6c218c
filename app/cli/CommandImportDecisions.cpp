// tinycurator-cli import-decisions PROJECT --csv FILE
#include "Command.h"
#include "ProjectCommandSupport.h"
#include "core/project/DecisionCsv.h"

namespace tc::cli {
namespace {

int run(const QStringList &args, QTextStream &out, QTextStream &err)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Record decisions from a CSV with columns tiny_index,verdict,"
                                                    "annotator (optional class, source). Bad rows are listed."));
    parser.addPositionalArgument(QStringLiteral("project"), QStringLiteral("The .tcproj file."));
    parser.addOption({QStringLiteral("csv"), QStringLiteral("The CSV file."), QStringLiteral("file")});
    if (!parseProjectArgs(parser, args, err))
        return 2;
    if (!parser.isSet(QStringLiteral("csv"))) {
        err << "need --csv FILE\n";
        return 2;
    }
    core::Project project;
    if (!openProject(project, parser.positionalArguments().first(), err))
        return 1;
    core::DecisionCsv csv(project);
    if (!csv.importFile(parser.value(QStringLiteral("csv")))) {
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
}

const CommandRegistrar registrar({QStringLiteral("import-decisions"),
                                  QStringLiteral("Import decisions from a CSV (tiny_index,verdict,annotator)"), run});

} // namespace
} // namespace tc::cli
