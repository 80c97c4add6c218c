// tinycurator-cli undo PROJECT --annotator A
#include "Command.h"
#include "ProjectCommandSupport.h"

namespace tc::cli {
namespace {

int runUndo(const QStringList &args, QTextStream &out, QTextStream &err)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Undo the annotator's latest decision (or grid page). The "
                                                    "log keeps both: undo appends, it never deletes."));
    parser.addPositionalArgument(QStringLiteral("project"), QStringLiteral("The .tcproj file."));
    parser.addOption({QStringLiteral("annotator"), QStringLiteral("Whose decision to undo."), QStringLiteral("name")});
    if (!parseProjectArgs(parser, args, err))
        return 2;
    const auto annotator = requiredOption(parser, QStringLiteral("annotator"), "NAME", err);
    if (!annotator)
        return 2;
    core::Project project;
    if (!openProject(project, parser.positionalArguments().first(), err))
        return 1;
    const QList<qint64> undone = project.undo(*annotator);
    if (undone.isEmpty()) {
        if (!project.errorString().isEmpty()) {
            err << project.errorString() << '\n';
            return 1;
        }
        out << "nothing to undo for " << *annotator << '\n';
        return 0;
    }
    out << "undone " << undone.size() << " decision(s) on candidate(s)";
    for (qint64 id : undone)
        out << ' ' << id;
    out << '\n';
    return 0;
}

const CommandRegistrar registrarUndo({QStringLiteral("undo"), QStringLiteral("Undo an annotator's latest decision"),
                                      runUndo});

} // namespace
} // namespace tc::cli
