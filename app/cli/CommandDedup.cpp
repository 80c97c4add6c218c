// tinycurator-cli dedup PROJECT [--ssim-threshold 0.75] [--l2-threshold 1000] [--top-k 5]
//                              [--exhaustive | --shortlist] [--gaussian | --uniform]
// Every option is validated before anything is read and saved in the project together with the
// run's results, only when the run completes (the GUI's duplicate search uses the same settings); a
// change of top-k, SSIM mode or window makes the run measure every pair again.
#include "Command.h"
#include "ProjectCommandSupport.h"
#include "core/dedup/DedupRunner.h"
#include "core/dedup/DedupStore.h"

#include <limits>
#include <optional>

namespace tc::cli {
namespace {

int runDedup(const QStringList &args, QTextStream &out, QTextStream &err)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Find exact duplicates (within the candidates and against every reference set) and near duplicates (each "
        "candidate's top-k references by L2 and by SSIM); only candidates or sets not compared before are "
        "computed. Thresholds decide which pairs are flagged for review. The options are saved in the project "
        "with the results, only when the run completes: a failed, cancelled or killed run changes nothing. "
        "Exit codes: 0 done, 1 error (nothing stored), 2 bad option (nothing read or written)."));
    parser.addPositionalArgument(QStringLiteral("project"), QStringLiteral("The .tcproj file."));
    parser.addOption({QStringLiteral("ssim-threshold"), QStringLiteral("Flag pairs with SSIM >= this, in [-1, 1]."),
                      QStringLiteral("s")});
    parser.addOption(
        {QStringLiteral("l2-threshold"), QStringLiteral("Flag pairs with L2 <= this, >= 0."), QStringLiteral("d")});
    parser.addOption({QStringLiteral("top-k"),
                      QStringLiteral("References kept per candidate and measure, >= 1 (capped at the largest "
                                     "reference set)."),
                      QStringLiteral("k")});
    parser.addOption({QStringLiteral("exhaustive"), QStringLiteral("Exact SSIM against every reference image.")});
    parser.addOption(
        {QStringLiteral("shortlist"), QStringLiteral("Exact SSIM on a per-candidate shortlist (the default mode).")});
    parser.addOption({QStringLiteral("gaussian"),
                      QStringLiteral("SSIM with the Gaussian window (sigma 1.5, population covariance).")});
    parser.addOption({QStringLiteral("uniform"), QStringLiteral("SSIM with the 7x7 uniform window (the default).")});
    if (!parseProjectArgs(parser, args, err))
        return 2;
    // Options are read and checked before the project is opened: a bad value changes nothing.
    std::optional<double> ssim, l2;
    std::optional<int> topK;
    bool ok[3] = {true, true, true};
    if (parser.isSet(QStringLiteral("ssim-threshold")))
        ssim = parser.value(QStringLiteral("ssim-threshold")).toDouble(&ok[0]);
    if (parser.isSet(QStringLiteral("l2-threshold")))
        l2 = parser.value(QStringLiteral("l2-threshold")).toDouble(&ok[1]);
    if (parser.isSet(QStringLiteral("top-k")))
        topK = parser.value(QStringLiteral("top-k")).toInt(&ok[2]);
    if (!ok[0] || !ok[1] || !ok[2]) {
        err << "dedup: --ssim-threshold and --l2-threshold take numbers, --top-k a whole number (at most "
            << std::numeric_limits<int>::max() << ")\n";
        return 2;
    }
    if ((parser.isSet(QStringLiteral("exhaustive")) && parser.isSet(QStringLiteral("shortlist"))) ||
        (parser.isSet(QStringLiteral("gaussian")) && parser.isSet(QStringLiteral("uniform")))) {
        err << "dedup: --exhaustive and --shortlist, or --gaussian and --uniform, exclude each other\n";
        return 2;
    }
    const auto apply = [&](core::DedupSettings s) {
        s.ssimThreshold = ssim.value_or(s.ssimThreshold);
        s.l2Threshold = l2.value_or(s.l2Threshold);
        s.topK = topK.value_or(s.topK);
        if (parser.isSet(QStringLiteral("exhaustive")) || parser.isSet(QStringLiteral("shortlist")))
            s.exhaustive = parser.isSet(QStringLiteral("exhaustive"));
        if (parser.isSet(QStringLiteral("gaussian")) || parser.isSet(QStringLiteral("uniform")))
            s.window =
                parser.isSet(QStringLiteral("gaussian")) ? core::SsimWindow::Gaussian11 : core::SsimWindow::Uniform7;
        return s;
    };
    // The one validation core applies (the GUI's search options use it too).
    if (const QString bad = apply({}).validate(); !bad.isEmpty()) {
        err << "dedup: " << bad << '\n';
        return 2;
    }
    core::Project project;
    if (!openProject(project, parser.positionalArguments().first(), err))
        return 1;
    core::DedupStore store(project.database());
    core::DedupSettings settings = apply(store.settings());
    if (const QString bad = settings.validate(); !bad.isEmpty()) { // a stored value from elsewhere
        err << project.fileName() << ": " << bad << '\n';
        return 2;
    }
    core::DedupRunOptions options;
    options.settings = settings;
    core::DedupRunner runner(project.database());
    core::DedupRunStats stats;
    if (!runner.run(options, &stats, stderrProgress(err, QStringLiteral("dedup")))) {
        err << project.fileName() << ": " << runner.errorString()
            << " (nothing was stored: the previous results and settings are unchanged)\n";
        return 1;
    }
    settings = stats.settings;
    if (stats.requestedTopK != settings.topK)
        out << "top-k " << stats.requestedTopK << " capped at " << settings.topK
            << " (the largest reference set holds no more images)\n";
    out << "search mode: " << stats.searchMode << (stats.recomputed ? " (changed: all pairs measured again)" : "")
        << '\n';
    out << "candidates: " << stats.candidates << " (" << stats.comparedCandidates << " new candidate x set)\n";
    out << "exact duplicates within candidates: " << stats.internalGroups << " groups, " << stats.internalDuplicates
        << " copies\n";
    out << "exact copies of reference images: " << stats.referenceMatches << " (new)\n";
    out << "near pairs stored: " << stats.pairsStored << " (new), " << store.pairCount() << " in total\n";
    out << "flagged candidates (SSIM >= " << settings.ssimThreshold << " or L2 <= " << settings.l2Threshold
        << "): " << stats.flaggedCandidates << '\n';
    if (!stats.intKernel.isEmpty())
        out << stats.intKernel << '\n';
    return 0;
}

const CommandRegistrar registrarDedup({QStringLiteral("dedup"), QStringLiteral("Find exact and near duplicates"),
                                       runDedup});

} // namespace
} // namespace tc::cli
