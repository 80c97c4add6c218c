// tinycurator-cli catalog-from-located LOCATED.csv --labels PATH [--max-l2 D] --out keyword_counts.json
#include "CliFiles.h"
#include "Command.h"
#include "core/dedup/LocatedCsv.h"
#include "core/readers/ImageSetLoader.h"
#include "core/writers/KeywordCatalogWriter.h"

#include <QCommandLineParser>
#include <QHash>
#include <cmath>

namespace tc::cli {
namespace {

int runCatalogFromLocated(const QStringList &args, QTextStream &out, QTextStream &err)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "The keyword catalog a located dataset implies (how CIFAR-10.1's keyword_counts were made): per class, "
        "how many of its images each Tiny Images keyword contributed, from every image's nearest record (rank 1) "
        "in LOCATED.csv (the output of locate or merge-shards), if near enough (--max-l2). Written in the layout of "
        "keyword_counts_v7.json: "
        "classes in label order, keywords by count, then name."));
    parser.addPositionalArgument(QStringLiteral("located"), QStringLiteral("CSV written by locate or merge-shards."));
    parser.addOption({QStringLiteral("labels"),
                      QStringLiteral("The located dataset itself (the images and their labels and class names, "
                                     "as locate read it); its pixels must be the ones LOCATED.csv describes."),
                      QStringLiteral("path")});
    // Exact copies only by default: the nearest record of an image that is not in the file is some
    // unrelated picture, and its keyword would slip a wrong count into the catalog silently.
    parser.addOption({QStringLiteral("max-l2"),
                      QStringLiteral("Count images whose nearest record is at most this L2 distance away. Default 0: "
                                     "exact copies only (an image absent from Tiny Images has a nearest record "
                                     "too, of another picture)."),
                      QStringLiteral("d"), QStringLiteral("0")});
    parser.addOption({QStringLiteral("out"), QStringLiteral("Catalog JSON, written atomically ('-': standard output)."),
                      QStringLiteral("out")});
    if (!parseCommandArgs(parser, args, err, 1))
        return 2;
    if (!parser.isSet(QStringLiteral("labels")) || !parser.isSet(QStringLiteral("out"))) {
        err << "catalog-from-located: need --labels PATH and --out FILE\n";
        return 2;
    }
    bool ok = false;
    const double maxL2 = parser.value(QStringLiteral("max-l2")).toDouble(&ok);
    {
        if (!ok || !std::isfinite(maxL2) || maxL2 < 0) {
            err << "catalog-from-located: --max-l2 takes a non-negative number (got '"
                << parser.value(QStringLiteral("max-l2")) << "')\n";
            return 2;
        }
    }
    QString error;
    if (PathArgument argument; !argument.check(parser.value(QStringLiteral("labels")), QStringLiteral("--labels"))) {
        err << argument.errorString() << '\n';
        return 2;
    }
    core::ImageSet labels;
    const QString labelsPath = parser.value(QStringLiteral("labels"));
    if (core::ImageSetLoader loader; !loader.load(labelsPath, labels)) {
        err << loader.errorString() << '\n';
        return 1;
    }
    if (labels.labels.size() != size_t(labels.count()) || labels.labelNames.isEmpty()) {
        err << labelsPath
            << ": has no labels with class names (give the dataset locate read, e.g. CIFAR python "
               "batches or cifar10.1_v6_data.npy next to its labels)\n";
        return 1;
    }
    const QString datasetId = core::locatedDatasetId(labels);
    CliInput input;
    if (!input.open(parser.positionalArguments().first())) {
        err << input.errorString() << '\n';
        return 1;
    }
    core::LocatedCsvReader reader(input.device(), input.name());
    // class -> keyword -> count, in label order.
    QList<QList<core::KeywordCatalog::Keyword>> perClass(labels.labelNames.size());
    QList<QHash<QString, qsizetype>> where(labels.labelNames.size());
    qint64 counted = 0, unlocated = 0, tooFar = 0, exact = 0;
    core::LocatedImage image;
    while (reader.next(&image)) {
        if (image.dataset != datasetId) {
            err << input.name() << ": describes dataset " << image.dataset << ", but " << labelsPath << " is "
                << datasetId << " (another dataset, or other images)\n";
            return 1;
        }
        if (image.matches.isEmpty()) {
            ++unlocated;
            continue;
        }
        const core::LocatedMatch &best = image.matches.first();
        if (std::sqrt(double(best.match.distance2)) > maxL2) {
            ++tooFar;
            continue;
        }
        const int label = labels.labels[size_t(image.datasetIndex)];
        if (label < 0 || label >= labels.labelNames.size()) {
            err << labelsPath << ": image " << image.datasetIndex << " has label " << label << ", which names no "
                << "class\n";
            return 1;
        }
        if (best.keyword.isEmpty()) {
            err << input.name() << ": image " << image.datasetIndex << ": record " << best.match.tinyIndex
                << " has no keyword\n";
            return 1;
        }
        auto &index = where[label];
        const auto it = index.constFind(best.keyword);
        if (it == index.cend()) {
            index.insert(best.keyword, perClass[label].size());
            perClass[label].append({best.keyword, 1});
        } else {
            ++perClass[label][*it].count;
        }
        ++counted;
        exact += best.match.distance2 == 0;
    }
    if (reader.hasError()) {
        err << reader.errorString() << '\n';
        return 1;
    }
    if (reader.imagesRead() != labels.count()) {
        err << input.name() << ": lists " << reader.imagesRead() << " images, " << labelsPath << " has "
            << labels.count() << '\n';
        return 1;
    }
    QList<core::KeywordCatalog::Class> classes;
    for (qsizetype c = 0; c < labels.labelNames.size(); ++c) {
        core::KeywordCatalogWriter::sortByCount(perClass[c]);
        classes.append({labels.labelNames.at(c), perClass[c]});
    }
    CliOutput output;
    if (!output.open(parser.value(QStringLiteral("out")))) {
        err << output.errorString() << '\n';
        return 1;
    }
    core::KeywordCatalogWriter writer;
    if (!writer.write(output.device(), classes) || !output.commit()) {
        err << output.path() << ": " << (writer.errorString().isEmpty() ? output.errorString() : writer.errorString())
            << '\n';
        return 1;
    }
    err << "catalog-from-located: " << counted << " images counted (" << exact << " exact copies), " << unlocated
        << " not located, " << tooFar << " beyond --max-l2\n";
    if (!output.isStdout())
        out << "wrote " << output.path() << '\n';
    return 0;
}

const CommandRegistrar registrarCatalogFromLocated(
    {QStringLiteral("catalog-from-located"),
     QStringLiteral("Keyword catalog (keyword_counts layout) from locate's CSV"), runCatalogFromLocated});

} // namespace
} // namespace tc::cli
