// tinycurator-cli undo PROJECT --annotator A [--count N]
#include "Command.h"
#include "ProjectCommandSupport.h"

namespace tc::cli {
namespace {

int runUndo(const QStringList &args, QTextStream &out, QTextStream &err)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Undo the annotator's latest N decisions (default 1), one decision at a time whatever "
                       "batch it came in (an import is never undone whole by accident), and list each one undone. "
                       "The log keeps both: undo appends, it never deletes."));
    parser.addPositionalArgument(QStringLiteral("project"), QStringLiteral("The .tcproj file."));
    parser.addOption({QStringLiteral("annotator"), QStringLiteral("Whose decisions to undo."), QStringLiteral("name")});
    parser.addOption({QStringLiteral("count"), QStringLiteral("How many decisions to undo, 1..1000000 (default 1)."),
                      QStringLiteral("N"), QStringLiteral("1")});
    if (!parseProjectArgs(parser, args, err))
        return 2;
    const auto annotator = annotatorOption(parser, QStringLiteral("undo"), err);
    if (!annotator)
        return 2;
    bool ok = false;
    const int count = parser.value(QStringLiteral("count")).toInt(&ok);
    if (!ok || count < 1 || count > 1000000) {
        err << "undo: --count takes a whole number 1..1000000, got '" << parser.value(QStringLiteral("count")) << "'\n";
        return 2;
    }
    core::Project project;
    if (!openProject(project, parser.positionalArguments().first(), err))
        return 1;
    const QList<core::DecisionRecord> undone = project.undoDecisions(*annotator, count);
    if (undone.isEmpty()) {
        if (!project.errorString().isEmpty()) {
            err << project.errorString() << '\n';
            return 1;
        }
        out << "nothing to undo for " << *annotator << '\n';
        return 0;
    }
    out << "undone " << undone.size() << " decision(s) of " << *annotator << ":\n";
    for (const auto &d : undone) {
        const auto c = project.candidate(d.candidateId);
        out << "  " << (d.adjudication ? "adjudication " : "") << core::verdictName(d.verdict) << " candidate "
            << d.candidateId;
        if (c && c->tinyIndex >= 0)
            out << " (tiny " << c->tinyIndex << ", " << c->className << '/' << c->keyword << ')';
        out << " from " << d.viewMode << '\n';
    }
    if (undone.size() < count)
        out << "(only " << undone.size() << " left to undo)\n";
    return 0;
}

const CommandRegistrar registrarUndo({QStringLiteral("undo"), QStringLiteral("Undo an annotator's latest decision(s)"),
                                      runUndo});

} // namespace
} // namespace tc::cli
