// tinycurator-cli pairs PROJECT --csv OUT
#include "CliFiles.h"
#include "Command.h"
#include "ProjectCommandSupport.h"
#include "core/common/Csv.h"
#include "core/dedup/DedupStore.h"

namespace tc::cli {
namespace {

int runPairs(const QStringList &args, QTextStream &out, QTextStream &err)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Write every stored near pair (most similar first) as CSV (RFC 4180: candidate_id,tiny_index,reference_set,"
        "reference_index,ssim,l2,status; a set name with a comma, quote or newline is quoted)."));
    parser.addPositionalArgument(QStringLiteral("project"), QStringLiteral("The .tcproj file."));
    parser.addOption({QStringLiteral("csv"),
                      QStringLiteral("Output file, written atomically ('-' for standard output)."),
                      QStringLiteral("out")});
    if (!parseProjectArgs(parser, args, err))
        return 2;
    if (!parser.isSet(QStringLiteral("csv"))) {
        err << "need --csv OUT\n";
        return 2;
    }
    core::Project project;
    if (!openProjectForReading(project, parser.positionalArguments().first(), err))
        return 1;
    core::DedupStore store(project.database());
    core::PairFilter filter;
    filter.flaggedOnly = false;
    filter.statuses = core::kAllPairStatuses;
    const auto pairs = store.pairs(filter);
    CliOutput output;
    if (!output.open(parser.value(QStringLiteral("csv")))) {
        err << output.errorString() << '\n';
        return 1;
    }
    core::CsvWriter csv(output.device(), output.path());
    csv.writeRow({QStringLiteral("candidate_id"), QStringLiteral("tiny_index"), QStringLiteral("reference_set"),
                  QStringLiteral("reference_index"), QStringLiteral("ssim"), QStringLiteral("l2"),
                  QStringLiteral("status")});
    for (const auto &p : pairs)
        if (!csv.writeRow({QString::number(p.candidateId), p.tinyIndex >= 0 ? QString::number(p.tinyIndex) : QString(),
                           p.setName, QString::number(p.refIndex), QString::number(p.ssim, 'f', 6),
                           QString::number(p.l2, 'f', 3), core::pairStatusName(p.status)}))
            break;
    if (!csv.ok() || !output.commit()) {
        err << (csv.ok() ? output.errorString() : csv.errorString()) << '\n';
        return 1;
    }
    if (!output.isStdout())
        out << "wrote " << pairs.size() << " pairs to " << output.path() << '\n';
    return 0;
}

const CommandRegistrar registrarPairs({QStringLiteral("pairs"), QStringLiteral("Export the stored near pairs as CSV"),
                                       runPairs});

} // namespace
} // namespace tc::cli
