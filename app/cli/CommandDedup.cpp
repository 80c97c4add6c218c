// tinycurator-cli dedup PROJECT [--ssim-threshold 0.75] [--l2-threshold 1000] [--top-k 5]
//                              [--exhaustive | --shortlist] [--gaussian | --uniform]
// Every option is saved in the project (the GUI's duplicate search uses the same settings); a change of
// top-k, SSIM mode or window makes the run measure every pair again.
#include "Command.h"
#include "ProjectCommandSupport.h"
#include "core/dedup/DedupRunner.h"
#include "core/dedup/DedupStore.h"

namespace tc::cli {
namespace {

int runDedup(const QStringList &args, QTextStream &out, QTextStream &err)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Find exact duplicates (within the candidates and against every reference set) and near duplicates (each "
        "candidate's top-k references by L2 and by SSIM); only candidates or sets not compared before are "
        "computed. Thresholds decide which pairs are flagged for review and are saved in the project."));
    parser.addPositionalArgument(QStringLiteral("project"), QStringLiteral("The .tcproj file."));
    parser.addOption(
        {QStringLiteral("ssim-threshold"), QStringLiteral("Flag pairs with SSIM >= this."), QStringLiteral("s")});
    parser.addOption(
        {QStringLiteral("l2-threshold"), QStringLiteral("Flag pairs with L2 <= this."), QStringLiteral("d")});
    parser.addOption(
        {QStringLiteral("top-k"), QStringLiteral("References kept per candidate and measure."), QStringLiteral("k")});
    parser.addOption({QStringLiteral("exhaustive"), QStringLiteral("Exact SSIM against every reference image.")});
    parser.addOption(
        {QStringLiteral("shortlist"), QStringLiteral("Exact SSIM on a per-candidate shortlist (the default mode).")});
    parser.addOption({QStringLiteral("gaussian"),
                      QStringLiteral("SSIM with the Gaussian window (sigma 1.5, population covariance).")});
    parser.addOption({QStringLiteral("uniform"), QStringLiteral("SSIM with the 7x7 uniform window (the default).")});
    if (!parseProjectArgs(parser, args, err))
        return 2;
    core::Project project;
    if (!openProject(project, parser.positionalArguments().first(), err))
        return 1;
    core::DedupStore store(project.database());
    core::DedupSettings settings = store.settings();
    bool ok = true;
    if (parser.isSet(QStringLiteral("ssim-threshold")))
        settings.ssimThreshold = parser.value(QStringLiteral("ssim-threshold")).toDouble(&ok);
    if (ok && parser.isSet(QStringLiteral("l2-threshold")))
        settings.l2Threshold = parser.value(QStringLiteral("l2-threshold")).toDouble(&ok);
    if (ok && parser.isSet(QStringLiteral("top-k")))
        settings.topK = parser.value(QStringLiteral("top-k")).toInt(&ok);
    if (!ok || settings.topK < 1) {
        err << "thresholds must be numbers and --top-k a positive integer\n";
        return 2;
    }
    if ((parser.isSet(QStringLiteral("exhaustive")) && parser.isSet(QStringLiteral("shortlist"))) ||
        (parser.isSet(QStringLiteral("gaussian")) && parser.isSet(QStringLiteral("uniform")))) {
        err << "--exhaustive and --shortlist, or --gaussian and --uniform, exclude each other\n";
        return 2;
    }
    if (parser.isSet(QStringLiteral("exhaustive")) || parser.isSet(QStringLiteral("shortlist")))
        settings.exhaustive = parser.isSet(QStringLiteral("exhaustive"));
    if (parser.isSet(QStringLiteral("gaussian")) || parser.isSet(QStringLiteral("uniform")))
        settings.window =
            parser.isSet(QStringLiteral("gaussian")) ? core::SsimWindow::Gaussian11 : core::SsimWindow::Uniform7;
    if (!store.setSettings(settings)) {
        err << store.errorString() << '\n';
        return 1;
    }
    const core::DedupRunOptions options;
    core::DedupRunner runner(project.database());
    core::DedupRunStats stats;
    if (!runner.run(options, &stats, stderrProgress(err, QStringLiteral("dedup")))) {
        err << project.fileName() << ": " << runner.errorString() << '\n';
        return 1;
    }
    out << "search mode: " << stats.searchMode << (stats.recomputed ? " (changed: all pairs measured again)" : "")
        << '\n';
    out << "candidates: " << stats.candidates << " (" << stats.comparedCandidates << " new candidate x set)\n";
    out << "exact duplicates within candidates: " << stats.internalGroups << " groups, " << stats.internalDuplicates
        << " copies\n";
    out << "exact copies of reference images: " << stats.referenceMatches << " (new)\n";
    out << "near pairs stored: " << stats.pairsStored << " (new), " << store.pairCount() << " in total\n";
    out << "flagged candidates (SSIM >= " << settings.ssimThreshold << " or L2 <= " << settings.l2Threshold
        << "): " << stats.flaggedCandidates << '\n';
    if (!stats.openBlas.isEmpty())
        out << "OpenBLAS: " << stats.openBlas << '\n';
    return 0;
}

const CommandRegistrar registrarDedup({QStringLiteral("dedup"), QStringLiteral("Find exact and near duplicates"),
                                       runDedup});

} // namespace
} // namespace tc::cli
