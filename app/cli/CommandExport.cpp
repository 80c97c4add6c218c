// tinycurator-cli export PROJECT --out DIR [--per-class N] [--test-fraction F] [--seed S]
//                        [--format cifar-python,cifar-binary,npz,npy] [--dry-run] [--force]
//                        [--allow-shortfall] [--no-dedup-check]
#include "Command.h"
#include "ProjectCommandSupport.h"
#include "core/export/Exporter.h"

namespace tc::cli {
namespace {

// Exit codes, one per way an export can be "not what was asked" (documented in --help).
constexpr int kExitError = 1, kExitUsage = 2, kExitShortfall = 3, kExitStaleSearch = 4;

void addOptions(QCommandLineParser &parser)
{
    parser.setApplicationDescription(QStringLiteral(
        "Select accepted, de-duplicated images per class (minimum overlap with avoid sets, keyword shares of the "
        "catalog), split train/test with a seed and write CIFAR python/binary batches, .npz/.npy, a manifest "
        "and a README. The same project, options and seed give byte-identical output.\n"
        "Nothing is written, and the exit code says why, when the export would not be what was asked:\n"
        "  0  written\n"
        "  1  error: unreadable project, an empty train or test split, or an output folder an export may not "
        "replace (the project's folder, an input's, or anything but a previous TinyCurator export)\n"
        "  2  bad option\n"
        "  3  shortfall: a class has fewer images than --per-class (--allow-shortfall writes it anyway)\n"
        "  4  the duplicate search is missing or stale for some reference set or candidate: run `dedup` first "
        "(--no-dedup-check exports anyway and says so in the manifest)\n"
        "--dry-run reports the same way without writing."));
    parser.addPositionalArgument(QStringLiteral("project"), QStringLiteral("The .tcproj file."));
    parser.addOptions({
        {QStringLiteral("out"),
         QStringLiteral("Output folder: created, or (with --force) a previous export replaced once the new one is "
                        "complete."),
         QStringLiteral("DIR")},
        {QStringLiteral("per-class"),
         QStringLiteral("Images per class, 1..6000 (default: the project's target per class)."), QStringLiteral("N")},
        {QStringLiteral("test-fraction"),
         QStringLiteral("Share of each class in the test split, between 0 and 1 exclusive (default 0.2)."),
         QStringLiteral("F"), QStringLiteral("0.2")},
        {QStringLiteral("seed"), QStringLiteral("Seed of selection order and split (default 0)."), QStringLiteral("S"),
         QStringLiteral("0")},
        {QStringLiteral("format"), QStringLiteral("Comma-separated: cifar-python,cifar-binary,npz,npy (default all)."),
         QStringLiteral("LIST"), core::ExportSettings::kAllFormats.join(u',')},
        {QStringLiteral("accept-rule"),
         QStringLiteral("Removed: the project's accept rule decides (tinycurator-cli accept-rule). Kept for one "
                        "release: the export refuses when RULE is not the project's rule."),
         QStringLiteral("RULE")},
        {QStringLiteral("keep-unreviewed"),
         QStringLiteral("Do not treat unreviewed pairs above the thresholds as duplicates.")},
        {QStringLiteral("train-batches"), QStringLiteral("Number of CIFAR train batches (default 5)."),
         QStringLiteral("N"), QStringLiteral("5")},
        {QStringLiteral("dry-run"), QStringLiteral("Report per class what would be exported; write nothing.")},
        {QStringLiteral("force"),
         QStringLiteral("Replace an existing output folder, only if it is a previous TinyCurator export (its "
                        "manifest.json lists every file in it).")},
        {QStringLiteral("allow-shortfall"),
         QStringLiteral("Write even when classes are short of --per-class (or empty).")},
        {QStringLiteral("no-dedup-check"),
         QStringLiteral("Export without a current duplicate search (recorded in manifest.json and README.txt).")},
    });
}

// Fills settings from the parsed options; false with a message on a malformed value.
bool readSettings(const QCommandLineParser &p, core::ExportSettings &s, QTextStream &err)
{
    bool ok[4] = {true};
    if (p.isSet(QStringLiteral("per-class"))) {
        s.perClass = p.value(QStringLiteral("per-class")).toInt(&ok[0]);
        ok[0] = ok[0] && s.perClass != core::ExportSettings::kProjectTarget;
    }
    s.testFraction = p.value(QStringLiteral("test-fraction")).toDouble(&ok[1]);
    const auto seed = core::ExportSettings::parseSeed(p.value(QStringLiteral("seed")));
    ok[2] = seed.has_value();
    s.seed = seed.value_or(0);
    s.trainBatches = p.value(QStringLiteral("train-batches")).toInt(&ok[3]);
    s.formats = p.value(QStringLiteral("format")).split(u',', Qt::SkipEmptyParts);
    for (auto &f : s.formats)
        f = f.trimmed().toLower();
    s.outputDir = p.value(QStringLiteral("out"));
    s.force = p.isSet(QStringLiteral("force"));
    s.allowShortfall = p.isSet(QStringLiteral("allow-shortfall"));
    s.skipDedupCheck = p.isSet(QStringLiteral("no-dedup-check"));
    s.unreviewedAboveThresholdIsDuplicate = !p.isSet(QStringLiteral("keep-unreviewed"));
    s.expectedAcceptRule = p.value(QStringLiteral("accept-rule"));
    if (!ok[0] || !ok[1] || !ok[2] || !ok[3]) {
        err << "export: --per-class, --train-batches and --seed take whole numbers, --test-fraction a number\n";
        return false;
    }
    if (const QString bad = s.validate(!p.isSet(QStringLiteral("dry-run"))); !bad.isEmpty()) {
        err << "export: " << bad << '\n';
        return false;
    }
    return true;
}

// Core's messages name no front end; the CLI adds where it does what the message asks.
void printError(const QString &error, QTextStream &err)
{
    err << "export: " << error << '\n';
    if (error.contains(QLatin1String("superclass")))
        err << "hint: tinycurator-cli superclasses PROJECT --set CLASS=SUPERCLASS ... (or --clear)\n";
}

int exitCodeFor(const core::Exporter &e, const QString &project, QTextStream &err)
{
    using Problem = core::Exporter::Problem;
    switch (e.problem()) {
    case Problem::None:
        return 0;
    case Problem::StaleSearch:
        printError(e.errorString(), err);
        err << "hint: tinycurator-cli dedup " << project
            << " searches what is missing (or --no-dedup-check exports anyway, recorded in the manifest)\n";
        return kExitStaleSearch;
    case Problem::Shortfall:
        printError(e.errorString(), err);
        err << "hint: --allow-shortfall writes it anyway, or lower --per-class; nothing was written\n";
        return kExitShortfall;
    case Problem::EmptySplit:
    case Problem::Error:
        break;
    }
    printError(e.errorString(), err);
    return kExitError;
}

void printExportReport(const core::Exporter &e, QTextStream &out)
{
    const core::Selection &sel = e.selection();
    out << QStringLiteral("%1 %2 %3 %4 %5 %6 %7  %8\n")
               .arg(QStringLiteral("class"), -14)
               .arg(QStringLiteral("available"), 9)
               .arg(QStringLiteral("in-avoid"), 8)
               .arg(QStringLiteral("selected"), 8)
               .arg(QStringLiteral("train"), 6)
               .arg(QStringLiteral("test"), 6)
               .arg(QStringLiteral("short"), 6)
               .arg(QStringLiteral("max keyword deviation"));
    for (const auto &c : sel.classes)
        out << QStringLiteral("%1 %2 %3 %4 %5 %6 %7  %8 pp (%9)\n")
                   .arg(c.name, -14)
                   .arg(c.available, 9)
                   .arg(c.availableInAvoid, 8)
                   .arg(c.selected, 8)
                   .arg(c.train, 6)
                   .arg(c.test, 6)
                   .arg(c.shortfall, 6)
                   .arg(c.maxDeviation, 0, 'f', 2)
                   .arg(c.worstKeyword);
    out << "accepted " << sel.accepted << ", removed " << sel.removed.total() << " (exact internal "
        << sel.removed.internalExact << ", exact exclude " << sel.removed.excludeExact << ", marked duplicate "
        << sel.removed.markedDuplicate << ", unreviewed above thresholds " << sel.removed.unreviewedAbove << ")\n";
    out << "per class: " << e.settings().perClass << ", test fraction " << e.settings().testFraction << '\n';
    const core::DedupSearchState &search = e.input().search;
    out << "duplicate search: " << (search.current ? "current" : "NOT current")
        << (search.mode.isEmpty() ? QString()
                                  : QStringLiteral(" (%1, completed %2)").arg(search.mode, search.completedAt))
        << '\n';
    for (const QString &p : search.problems)
        out << "  " << p << '\n';
    if (sel.shortfall() > 0)
        out << "shortfall: " << sel.shortfall() << " images below the per-class target ("
            << core::Exporter::shortfallText(sel, e.settings().perClass) << ")\n";
}

int runExport(const QStringList &args, QTextStream &out, QTextStream &err)
{
    QCommandLineParser parser;
    addOptions(parser);
    if (!parseProjectArgs(parser, args, err))
        return kExitUsage;
    core::ExportSettings settings;
    if (!readSettings(parser, settings, err))
        return kExitUsage;
    const QString project = parser.positionalArguments().first();
    core::Exporter exporter;
    if (parser.isSet(QStringLiteral("dry-run"))) {
        if (!exporter.dryRun(project, settings)) {
            printError(exporter.errorString(), err);
            return kExitError;
        }
        printExportReport(exporter, out);
        if (!settings.outputDir.isEmpty())
            if (const QString bad = exporter.outputProblem(settings); !bad.isEmpty())
                out << "warning: " << bad << '\n';
        return exitCodeFor(exporter, project, err);
    }
    const bool written = exporter.run(project, settings, stderrProgress(err, QStringLiteral("export")));
    for (const QString &note : exporter.notes()) // what it cleaned up first, written or not
        out << note << '\n';
    if (!written) {
        // Short or stale: the numbers behind the refusal, as a dry run shows them.
        if (exporter.problem() == core::Exporter::Problem::Shortfall ||
            exporter.problem() == core::Exporter::Problem::EmptySplit)
            printExportReport(exporter, out);
        const int code = exitCodeFor(exporter, project, err);
        return code == 0 ? kExitError : code;
    }
    printExportReport(exporter, out);
    if (!exporter.input().searchChecked)
        out << "warning: exported without checking the duplicate search (--no-dedup-check; recorded in the "
               "manifest)\n";
    out << "wrote " << exporter.files().size() << " files to " << exporter.outputDir() << '\n';
    return 0;
}

const CommandRegistrar registrarExport({QStringLiteral("export"),
                                        QStringLiteral("Export the dataset (CIFAR batches, npz/npy)"), runExport});

} // namespace
} // namespace tc::cli
