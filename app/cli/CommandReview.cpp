// tinycurator-cli review PROJECT --tiny-index I --set NAME --ref-index J --status duplicate|distinct [--annotator A]
//                 review PROJECT --undo [--annotator A]
#include "Command.h"
#include "ProjectCommandSupport.h"
#include "core/dedup/DedupStore.h"

namespace tc::cli {
namespace {

int runReview(const QStringList &args, QTextStream &out, QTextStream &err)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Mark a stored near pair as duplicate or distinct (or undo the "
                                                    "annotator's latest review). The review log is append-only."));
    parser.addPositionalArgument(QStringLiteral("project"), QStringLiteral("The .tcproj file."));
    parser.addOption(
        {QStringLiteral("tiny-index"), QStringLiteral("Candidate's Tiny Images index."), QStringLiteral("i")});
    parser.addOption(
        {QStringLiteral("candidate-id"), QStringLiteral("Candidate id (folder imports)."), QStringLiteral("id")});
    parser.addOption({QStringLiteral("set"), QStringLiteral("Reference set name."), QStringLiteral("name")});
    parser.addOption({QStringLiteral("ref-index"), QStringLiteral("Index in the reference set."), QStringLiteral("j")});
    parser.addOption({QStringLiteral("status"), QStringLiteral("duplicate or distinct."), QStringLiteral("status")});
    parser.addOption(
        {QStringLiteral("annotator"), QStringLiteral("Who decides."), QStringLiteral("name"), QStringLiteral("cli")});
    parser.addOption({QStringLiteral("undo"), QStringLiteral("Undo the annotator's latest review.")});
    if (!parseProjectArgs(parser, args, err))
        return 2;
    core::Project project;
    if (!openProject(project, parser.positionalArguments().first(), err))
        return 1;
    core::DedupStore store(project.database());
    const QString annotator = parser.value(QStringLiteral("annotator"));
    if (parser.isSet(QStringLiteral("undo"))) {
        const auto pair = store.undoReview(annotator);
        if (!pair) {
            out << "nothing to undo for " << annotator << '\n';
            return store.errorString().isEmpty() ? 0 : 1;
        }
        out << "undone: candidate " << pair->candidateId << ", " << pair->setName << " #" << pair->refIndex
            << " is now " << core::pairStatusName(pair->status) << '\n';
        return 0;
    }
    const auto status = core::pairStatusFromName(parser.value(QStringLiteral("status")));
    const auto set = store.referenceSet(parser.value(QStringLiteral("set")));
    bool okRef = false;
    const int refIndex = parser.value(QStringLiteral("ref-index")).toInt(&okRef);
    if (!status || *status == core::PairStatus::Unreviewed || !okRef) {
        err << "need --status duplicate|distinct and --ref-index J\n";
        return 2;
    }
    if (!set) {
        err << project.fileName() << ": no reference set named \"" << parser.value(QStringLiteral("set")) << "\"\n";
        return 1;
    }
    QList<qint64> candidates;
    if (parser.isSet(QStringLiteral("candidate-id")))
        candidates = {parser.value(QStringLiteral("candidate-id")).toLongLong()};
    else
        candidates = project.candidatesByTinyIndex(parser.value(QStringLiteral("tiny-index")).toLongLong());
    if (candidates.isEmpty()) {
        err << project.fileName() << ": no candidate with that Tiny Images index\n";
        return 1;
    }
    for (qint64 id : candidates)
        if (!store.review(id, set->id, refIndex, *status, annotator)) {
            err << store.errorString() << '\n';
            return 1;
        }
    out << "marked " << candidates.size() << " pair(s) " << core::pairStatusName(*status) << '\n';
    return 0;
}

const CommandRegistrar registrarReview({QStringLiteral("review"), QStringLiteral("Review a near-duplicate pair"),
                                        runReview});

} // namespace
} // namespace tc::cli
