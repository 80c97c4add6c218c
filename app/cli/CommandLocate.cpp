// tinycurator-cli locate --dataset PATH --tiny TINY_DIR [--records A:B] [--top-k K] --csv OUT
#include "CliFiles.h"
#include "Command.h"
#include "ProjectCommandSupport.h"
#include "RecordsOption.h"
#include "core/dedup/LocatedCsv.h"
#include "core/dedup/TinyLocator.h"
#include "core/readers/ImageSetLoader.h"
#include "core/readers/TinyImages.h"

#include <QCommandLineParser>
#include <QElapsedTimer>

namespace tc::cli {
namespace {

int runLocate(const QStringList &args, QTextStream &out, QTextStream &err)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "For every image of a CIFAR-style dataset (python or binary batches, npy/npz, image folder), its nearest "
        "Tiny Images records within a record range: exact copies by content hash, the rest by exact L2 over the "
        "streamed records (memory bounded whatever the range). CSV (RFC 4180): dataset_index,rank,tiny_index,"
        "keyword,l2,l2_squared,exact,records,dataset; k rows per image, nearer first, ties by the smaller "
        "tiny_index. A shard is a record range; merge-shards joins shards into the unsharded result."));
    parser.addOption({QStringLiteral("dataset"), QStringLiteral("The images to locate."), QStringLiteral("path")});
    parser.addOption({QStringLiteral("tiny"), QStringLiteral("Folder with tiny_images.bin and tiny_metadata.bin."),
                      QStringLiteral("dir")});
    parser.addOption(RecordsOption::option(QStringLiteral("Record range")));
    parser.addOption({QStringLiteral("top-k"),
                      QStringLiteral("Records per image, 1..%1.").arg(core::TinyLocateOptions::kMaxTopK),
                      QStringLiteral("k"), QStringLiteral("1")});
    parser.addOption({QStringLiteral("csv"),
                      QStringLiteral("Output file, written atomically ('-' for standard output)."),
                      QStringLiteral("out")});
    if (!parseCommandArgs(parser, args, err, 0))
        return 2;
    bool okK = false;
    const int k = parser.value(QStringLiteral("top-k")).toInt(&okK);
    if (!parser.isSet(QStringLiteral("dataset")) || !parser.isSet(QStringLiteral("tiny")) ||
        !parser.isSet(QStringLiteral("csv"))) {
        err << "locate: need --dataset PATH, --tiny DIR and --csv OUT\n";
        return 2;
    }
    if (!okK || k < 1 || k > core::TinyLocateOptions::kMaxTopK) {
        err << "locate: --top-k takes a whole number from 1 to " << core::TinyLocateOptions::kMaxTopK << " (got '"
            << parser.value(QStringLiteral("top-k")) << "')\n";
        return 2;
    }
    for (const QString &option : {QStringLiteral("dataset"), QStringLiteral("tiny")})
        if (PathArgument argument; !argument.check(parser.value(option), QStringLiteral("--") + option)) {
            err << argument.errorString() << '\n';
            return 2;
        }
    core::TinyImages tiny;
    if (!tiny.open(parser.value(QStringLiteral("tiny")))) {
        err << tiny.errorString() << '\n';
        return 1;
    }
    RecordsOption records;
    if (!records.read(parser, tiny.count())) {
        err << "locate: " << records.errorString() << '\n';
        return 2;
    }
    const core::TinyRecordRange range = records.range();
    core::ImageSet dataset;
    if (core::ImageSetLoader loader; !loader.load(parser.value(QStringLiteral("dataset")), dataset)) {
        err << loader.errorString() << '\n';
        return 1;
    }
    if (dataset.count() == 0) {
        err << parser.value(QStringLiteral("dataset")) << ": no images to locate\n";
        return 1;
    }
    CliOutput output;
    if (!output.open(parser.value(QStringLiteral("csv")))) {
        err << output.errorString() << '\n';
        return 1;
    }
    const QString datasetId = core::locatedDatasetId(dataset);
    core::TinyLocateOptions options;
    options.topK = k;
    core::TinyLocator locator(dataset.pixels.data(), dataset.count(), options);
    const qsizetype count = dataset.count();
    dataset = {}; // the locator holds its own copy in the Tiny layout
    err << "locate: " << count << " images against records " << range.toString() << " of " << tiny.count()
        << " (kernel: " << core::TinyLocator::kernelName() << ")\n";
    QElapsedTimer timer;
    timer.start();
    if (!locator.run(tiny.imagesPath(), range, stderrProgress(err, QStringLiteral("locate")))) {
        err << "locate: " << locator.errorString() << '\n';
        return 1; // the output is discarded: never half a result under the final name
    }
    const double seconds = timer.nsecsElapsed() / 1e9;
    QList<qint64> found;
    for (qsizetype i = 0; i < count; ++i)
        for (const core::TinyMatch &m : locator.matchesOf(i))
            found.append(m.tinyIndex);
    QHash<qint64, QString> keywords;
    core::TinyKeywordReader keywordReader;
    if (!keywordReader.read(tiny.metadataPath(), found, &keywords)) {
        err << keywordReader.errorString() << '\n';
        return 1;
    }
    core::LocatedCsvWriter writer(output.device(), output.path());
    writer.writeHeader();
    for (qsizetype i = 0; i < count && writer.ok(); ++i) {
        core::LocatedImage image{qint64(i), k, {}, range, datasetId};
        for (const core::TinyMatch &m : locator.matchesOf(i))
            image.matches.append({m, keywords.value(m.tinyIndex)});
        writer.write(image);
    }
    if (!writer.ok() || !output.commit()) {
        err << (writer.ok() ? output.errorString() : writer.errorString()) << '\n';
        return 1;
    }
    err << "locate: " << range.size() << " records in " << QString::number(seconds, 'f', 1) << " s ("
        << QString::number(seconds > 0 ? range.size() / seconds : 0.0, 'f', 0) << " records/s); "
        << locator.exactlyLocated() << " of " << count << " images located by exact copies alone\n";
    if (locator.boundedPairs() + locator.exactPairs() > 0) // the nearest-neighbour pass ran
        err << "locate: nearest-neighbour pass: " << locator.boundedPairs() << " pairs bounded by block means, "
            << (locator.narrowedPairs() > 0
                    ? QString::number(locator.narrowedPairs()) + QStringLiteral(" by 4x4 after 8x8, ")
                    : QString())
            << locator.refinedPairs() << " by 2x2 block means, " << locator.exactPairs() << " measured exactly\n";
    if (!output.isStdout())
        out << "wrote " << output.path() << '\n';
    return 0;
}

const CommandRegistrar registrarLocate({QStringLiteral("locate"),
                                        QStringLiteral("Find a dataset's images in Tiny Images (streamed, shardable)"),
                                        runLocate});

} // namespace
} // namespace tc::cli
