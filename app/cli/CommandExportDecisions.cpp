// tinycurator-cli export-decisions PROJECT --csv FILE
#include "Command.h"
#include "ProjectCommandSupport.h"
#include "core/project/DecisionCsv.h"

namespace tc::cli {
namespace {

int run(const QStringList &args, QTextStream &out, QTextStream &err)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Write every annotator's current verdicts to a CSV "
                                                    "(tiny_index,verdict,annotator,class,keyword,source)."));
    parser.addPositionalArgument(QStringLiteral("project"), QStringLiteral("The .tcproj file."));
    parser.addOption({QStringLiteral("csv"), QStringLiteral("The CSV file to write."), QStringLiteral("file")});
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
    if (!csv.exportFile(parser.value(QStringLiteral("csv")))) {
        err << csv.errorString() << '\n';
        return 1;
    }
    out << "wrote " << parser.value(QStringLiteral("csv")) << '\n';
    return 0;
}

const CommandRegistrar registrar({QStringLiteral("export-decisions"),
                                  QStringLiteral("Export current verdicts to a CSV"), run});

} // namespace
} // namespace tc::cli
