// tinycurator-cli decide PROJECT --tiny-index I --verdict V --annotator A [--class C]
// tinycurator-cli adjudicate PROJECT --tiny-index I --verdict V --annotator A [--class C] [--undo]
#include "Command.h"
#include "ProjectCommandSupport.h"

#include <QRegularExpression>

namespace tc::cli {
namespace {

// The candidate of a Tiny index; a keyword listed under two classes (e.g. "cruiser") makes it
// ambiguous, and then --class must say which.
qint64 findCandidate(core::Project &project, qint64 tinyIndex, const QString &className, QTextStream &err)
{
    QList<qint64> matches;
    for (qint64 id : project.candidatesByTinyIndex(tinyIndex)) {
        const auto c = project.candidate(id);
        if (c && (className.isEmpty() || c->className == className))
            matches.append(id);
    }
    if (matches.size() == 1)
        return matches.first();
    if (matches.isEmpty())
        err << project.fileName() << ": no candidate with Tiny index " << tinyIndex
            << (className.isEmpty() ? QString() : QStringLiteral(" in class ") + className) << '\n';
    else
        err << project.fileName() << ": Tiny index " << tinyIndex << " is a candidate in " << matches.size()
            << " classes; add --class\n";
    return 0;
}

// --stdin: one decision per line, "<tiny_index> <verdict> [class]" (spaces or commas), each committed
// and confirmed on stdout before the next line is read; for scripts and the crash test.
int runStdin(core::Project &project, const QString &annotator, QTextStream &out, QTextStream &err)
{
    QTextStream in(stdin);
    int failures = 0;
    for (int line = 1; !in.atEnd(); ++line) {
        const QStringList cells =
            in.readLine().split(QRegularExpression(QStringLiteral("[\\s,]+")), Qt::SkipEmptyParts);
        if (cells.isEmpty())
            continue;
        bool ok = false;
        const qint64 tinyIndex = cells.value(0).toLongLong(&ok);
        const auto verdict = core::verdictFromName(cells.value(1));
        if (!ok || !verdict) {
            err << "stdin:" << line << ": expected '<tiny_index> <verdict> [class]'\n";
            ++failures;
            continue;
        }
        const qint64 candidate = findCandidate(project, tinyIndex, cells.value(2), err);
        if (candidate == 0 || !project.recordDecision(candidate, *verdict, annotator, QStringLiteral("cli"))) {
            if (candidate != 0)
                err << project.errorString() << '\n';
            ++failures;
            continue;
        }
        out << "recorded " << core::verdictName(*verdict) << " candidate " << candidate << " tiny " << tinyIndex
            << '\n';
        out.flush();
    }
    return failures == 0 ? 0 : 1;
}

// Which candidate and which verdict: the options decide and adjudicate share.
void addCandidateOptions(QCommandLineParser &parser)
{
    parser.addOption(
        {QStringLiteral("tiny-index"), QStringLiteral("Tiny Images index of the candidate."), QStringLiteral("I")});
    parser.addOption(
        {QStringLiteral("candidate"), QStringLiteral("Candidate id (instead of --tiny-index)."), QStringLiteral("id")});
    parser.addOption({QStringLiteral("class"), QStringLiteral("Class, when the index is a candidate of several."),
                      QStringLiteral("name")});
    parser.addOption({QStringLiteral("verdict"), QStringLiteral("accept, reject or unsure."), QStringLiteral("V")});
}

int runDecide(const QStringList &args, QTextStream &out, QTextStream &err)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Record one decision (committed before the command returns)."));
    parser.addPositionalArgument(QStringLiteral("project"), QStringLiteral("The .tcproj file."));
    addCandidateOptions(parser);
    parser.addOption({QStringLiteral("annotator"), QStringLiteral("Who decides."), QStringLiteral("name")});
    parser.addOption({QStringLiteral("stdin"), QStringLiteral("Read '<tiny_index> <verdict> [class]' lines from stdin; "
                                                              "each is committed, then confirmed on stdout.")});
    if (!parseProjectArgs(parser, args, err))
        return 2;
    if (parser.isSet(QStringLiteral("stdin"))) {
        const auto annotator = annotatorOption(parser, QStringLiteral("decide"), err);
        if (!annotator)
            return 2;
        core::Project project;
        if (!openProject(project, parser.positionalArguments().first(), err))
            return 1;
        return runStdin(project, *annotator, out, err);
    }
    const auto verdict = core::verdictFromName(parser.value(QStringLiteral("verdict")));
    bool indexOk = false, idOk = false;
    const qint64 tinyIndex = parser.value(QStringLiteral("tiny-index")).toLongLong(&indexOk);
    const qint64 id = parser.value(QStringLiteral("candidate")).toLongLong(&idOk);
    if (!verdict || (!indexOk && !idOk)) {
        err << "need --tiny-index I (or --candidate ID), --verdict accept|reject|unsure and --annotator NAME\n";
        return 2;
    }
    const auto checked = annotatorOption(parser, QStringLiteral("decide"), err);
    if (!checked)
        return 2;
    const QString annotator = *checked;
    core::Project project;
    if (!openProject(project, parser.positionalArguments().first(), err))
        return 1;
    const qint64 candidate = idOk ? id : findCandidate(project, tinyIndex, parser.value(QStringLiteral("class")), err);
    if (candidate == 0)
        return 1;
    if (!project.recordDecision(candidate, *verdict, annotator, QStringLiteral("cli"))) {
        err << project.errorString() << '\n';
        return 1;
    }
    // Printed only after the commit: a script (and the crash test) counts these lines as durable.
    out << "recorded " << core::verdictName(*verdict) << " candidate " << candidate << '\n';
    out.flush();
    return 0;
}

QString votesText(const core::Dispute &d)
{
    QStringList parts;
    for (const auto &v : d.votes)
        parts << v.annotator + QLatin1Char(' ') + core::verdictName(v.verdict);
    return parts.isEmpty() ? QStringLiteral("no votes") : parts.join(QStringLiteral(", "));
}

// A curator settles a candidate (core/project/AcceptRule.h: under every rule the adjudication is
// the final verdict until undone).
int runAdjudicate(const QStringList &args, QTextStream &out, QTextStream &err)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Settle a candidate as a curator: the adjudication is its final verdict under every accept "
                       "rule until it is undone (--undo, or undo --annotator). Recorded in the decision log."));
    parser.addPositionalArgument(QStringLiteral("project"), QStringLiteral("The .tcproj file."));
    addCandidateOptions(parser);
    parser.addOption({QStringLiteral("annotator"), QStringLiteral("The curator who settles."), QStringLiteral("name")});
    parser.addOption({QStringLiteral("undo"), QStringLiteral("Undo the curator's latest adjudication instead.")});
    if (!parseProjectArgs(parser, args, err))
        return 2;
    const auto annotator = annotatorOption(parser, QStringLiteral("adjudicate"), err);
    if (!annotator)
        return 2;
    const bool undo = parser.isSet(QStringLiteral("undo"));
    const auto verdict = core::verdictFromName(parser.value(QStringLiteral("verdict")));
    bool indexOk = false, idOk = false;
    const qint64 tinyIndex = parser.value(QStringLiteral("tiny-index")).toLongLong(&indexOk);
    const qint64 id = parser.value(QStringLiteral("candidate")).toLongLong(&idOk);
    if (!undo && (!verdict || (!indexOk && !idOk))) {
        err << "need --tiny-index I (or --candidate ID) and --verdict accept|reject|unsure (or --undo)\n";
        return 2;
    }
    core::Project project;
    if (!openProject(project, parser.positionalArguments().first(), err))
        return 1;
    if (undo) {
        const auto undone = project.undoAdjudication(*annotator);
        if (!undone) {
            err << (project.errorString().isEmpty() ? QStringLiteral("no adjudication of %1 to undo").arg(*annotator)
                                                    : project.errorString())
                << '\n';
            return 1;
        }
        out << "undone adjudication " << core::verdictName(undone->verdict) << " of candidate " << undone->candidateId
            << "; final verdict now " << core::verdictName(project.finalVerdict(undone->candidateId)) << '\n';
        return 0;
    }
    const qint64 candidate = idOk ? id : findCandidate(project, tinyIndex, parser.value(QStringLiteral("class")), err);
    if (candidate == 0)
        return 1;
    if (!project.adjudicate(candidate, *verdict, *annotator, QStringLiteral("cli"))) {
        err << project.errorString() << '\n';
        return 1;
    }
    const auto d = project.dispute(candidate);
    out << "adjudicated " << core::verdictName(*verdict) << " candidate " << candidate << " ("
        << (d ? votesText(*d) : QString()) << "); final verdict under '" << core::acceptRuleName(project.acceptRule())
        << "': " << core::verdictName(project.finalVerdict(candidate)) << '\n';
    return 0;
}

const CommandRegistrar registrarAdjudicate({QStringLiteral("adjudicate"),
                                            QStringLiteral("Settle a candidate as a curator (or --undo)"),
                                            runAdjudicate});
const CommandRegistrar registrarDecide({QStringLiteral("decide"), QStringLiteral("Record one decision on a candidate"),
                                        runDecide});

} // namespace
} // namespace tc::cli
