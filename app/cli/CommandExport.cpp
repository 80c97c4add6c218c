// tinycurator-cli export PROJECT --out DIR [--per-class N] [--test-fraction F] [--seed S]
//                        [--format cifar-python,cifar-binary,npz,npy] [--dry-run] [--force]
#include "Command.h"
#include "ProjectCommandSupport.h"
#include "core/export/Exporter.h"

namespace tc::cli {
namespace {

void addOptions(QCommandLineParser &parser)
{
    parser.setApplicationDescription(QStringLiteral(
        "Select accepted, de-duplicated images per class (minimum overlap with avoid sets, keyword shares of the "
        "catalog), split train/test with a seed and write CIFAR python/binary batches, .npz/.npy, a manifest "
        "and a README. The same project, options and seed give byte-identical output."));
    parser.addPositionalArgument(QStringLiteral("project"), QStringLiteral("The .tcproj file."));
    parser.addOptions({
        {QStringLiteral("out"), QStringLiteral("Output folder (created; replaced only with --force)."),
         QStringLiteral("DIR")},
        {QStringLiteral("per-class"), QStringLiteral("Images per class, 1..6000 (default 1000)."), QStringLiteral("N"),
         QStringLiteral("1000")},
        {QStringLiteral("test-fraction"), QStringLiteral("Share of each class in the test split (default 0.2)."),
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
        {QStringLiteral("force"), QStringLiteral("Replace an existing, non-empty output folder.")},
    });
}

// Fills settings from the parsed options; false with a message on a malformed value.
bool readSettings(const QCommandLineParser &p, core::ExportSettings &s, QTextStream &err)
{
    bool ok[4] = {};
    s.perClass = p.value(QStringLiteral("per-class")).toInt(&ok[0]);
    s.testFraction = p.value(QStringLiteral("test-fraction")).toDouble(&ok[1]);
    s.seed = p.value(QStringLiteral("seed")).toULongLong(&ok[2]);
    s.trainBatches = p.value(QStringLiteral("train-batches")).toInt(&ok[3]);
    s.formats = p.value(QStringLiteral("format")).split(u',', Qt::SkipEmptyParts);
    for (auto &f : s.formats)
        f = f.trimmed().toLower();
    s.outputDir = p.value(QStringLiteral("out"));
    s.force = p.isSet(QStringLiteral("force"));
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

// Core's messages name no front end; this one says where the CLI sets superclasses.
void printError(const QString &error, QTextStream &err)
{
    err << error << '\n';
    if (error.contains(QLatin1String("superclass")))
        err << "hint: tinycurator-cli superclasses PROJECT --set CLASS=SUPERCLASS ... (or --clear)\n";
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
    if (sel.shortfall() > 0)
        out << "shortfall: " << sel.shortfall() << " images below the per-class target\n";
}

int runExport(const QStringList &args, QTextStream &out, QTextStream &err)
{
    QCommandLineParser parser;
    addOptions(parser);
    if (!parseProjectArgs(parser, args, err))
        return 2;
    core::ExportSettings settings;
    if (!readSettings(parser, settings, err))
        return 2;
    const QString project = parser.positionalArguments().first();
    core::Exporter exporter;
    if (parser.isSet(QStringLiteral("dry-run"))) {
        if (!exporter.dryRun(project, settings)) {
            printError(exporter.errorString(), err);
            return 1;
        }
        printExportReport(exporter, out);
        if (!settings.outputDir.isEmpty())
            if (const QString bad = core::Exporter::checkOutput(settings.outputDir, settings.force); !bad.isEmpty())
                out << "warning: " << bad << '\n';
        return 0;
    }
    if (!exporter.run(project, settings, stderrProgress(err, QStringLiteral("export")))) {
        printError(exporter.errorString(), err);
        return 1;
    }
    printExportReport(exporter, out);
    out << "wrote " << exporter.files().size() << " outputs to " << exporter.outputDir() << '\n';
    return 0;
}

const CommandRegistrar registrarExport({QStringLiteral("export"),
                                        QStringLiteral("Export the dataset (CIFAR batches, npz/npy)"), runExport});

} // namespace
} // namespace tc::cli
