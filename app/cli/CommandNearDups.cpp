// tinycurator-cli near-dups --candidates PATH --references PATH... [--top-k K] [--exhaustive] --csv OUT
#include "CliFiles.h"
#include "Command.h"
#include "core/common/Csv.h"
#include "core/dedup/ImageFeatures.h"
#include "core/dedup/NearDuplicateSearch.h"
#include "core/readers/ImageSetLoader.h"

#include <QCommandLineParser>
#include <cmath>

namespace tc::cli {
namespace {

// Every row of one reference set; false when the output fails.
bool writeSet(core::CsvWriter &csv, const core::ImageSet &cands, const core::ImageSet &refs, const QString &refPath,
              const core::NearDuplicateResult &result)
{
    for (qsizetype i = 0; i < cands.count(); ++i) {
        const auto *x = cands.pixels.data() + i * core::kImageBytes;
        const auto row = [&](const core::Neighbor &nb, const char *measure, int rank) {
            const auto *y = refs.pixels.data() + qsizetype(nb.index) * core::kImageBytes;
            return csv.writeRow({QString::number(i), refPath, QString::number(nb.index), QLatin1String(measure),
                                 QString::number(rank), QString::number(core::ssimReference(x, y), 'f', 6),
                                 QString::number(std::sqrt(double(core::squaredDistance(x, y))), 'f', 3)});
        };
        int rank = 0;
        for (const auto &nb : result.l2Of(i))
            if (nb.index >= 0 && !row(nb, "l2", ++rank))
                return false;
        rank = 0;
        for (const auto &nb : result.ssimOf(i))
            if (nb.index >= 0 && !row(nb, "ssim", ++rank))
                return false;
    }
    return true;
}

int runNearDups(const QStringList &args, QTextStream &out, QTextStream &err)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Stateless near-duplicate search for pipelines: for every candidate image, its top-k references by L2 and "
        "by SSIM in each reference set, as CSV (RFC 4180: candidate_index,reference,reference_index,measure,rank,"
        "ssim,l2; a reference path with a comma, quote or newline is quoted)."));
    parser.addOption(
        {QStringLiteral("candidates"), QStringLiteral("Images to check (a file or folder)."), QStringLiteral("path")});
    parser.addOption(
        {QStringLiteral("references"), QStringLiteral("Reference images (repeatable)."), QStringLiteral("path")});
    parser.addOption({QStringLiteral("top-k"),
                      QStringLiteral("Neighbours per measure, >= 1; capped at each reference set's size, so memory "
                                     "stays bounded whatever the value."),
                      QStringLiteral("k"), QStringLiteral("5")});
    parser.addOption({QStringLiteral("exhaustive"), QStringLiteral("Exact SSIM against every reference.")});
    parser.addOption({QStringLiteral("csv"),
                      QStringLiteral("Output file, written atomically ('-' for standard output)."),
                      QStringLiteral("out")});
    if (!parseCommandArgs(parser, args, err, 0))
        return 2;
    bool okK = false;
    const int k = parser.value(QStringLiteral("top-k")).toInt(&okK);
    if (!parser.isSet(QStringLiteral("candidates")) || !parser.isSet(QStringLiteral("references")) ||
        !parser.isSet(QStringLiteral("csv")) || !okK || k < 1) {
        err << "need --candidates PATH, --references PATH (one or more), --csv OUT and a positive --top-k\n";
        return 2;
    }
    PathArgument argument;
    for (const QString &path :
         QStringList{parser.value(QStringLiteral("candidates"))} + parser.values(QStringLiteral("references")))
        if (!argument.check(path, QStringLiteral("--candidates/--references"))) {
            err << argument.errorString() << '\n';
            return 2;
        }
    core::ImageSet cands;
    core::ImageSetLoader loader;
    if (!loader.load(parser.value(QStringLiteral("candidates")), cands)) {
        err << loader.errorString() << '\n';
        return 1;
    }
    CliOutput output;
    if (!output.open(parser.value(QStringLiteral("csv")))) {
        err << output.errorString() << '\n';
        return 1;
    }
    core::CsvWriter csv(output.device(), output.path());
    csv.writeRow({QStringLiteral("candidate_index"), QStringLiteral("reference"), QStringLiteral("reference_index"),
                  QStringLiteral("measure"), QStringLiteral("rank"), QStringLiteral("ssim"), QStringLiteral("l2")});
    for (const QString &refPath : parser.values(QStringLiteral("references"))) {
        core::ImageSet refs;
        if (!loader.load(refPath, refs)) {
            err << loader.errorString() << '\n';
            return 1; // a file output is discarded: never half a result under the final name
        }
        core::NearDuplicateOptions options;
        options.topK = k;
        options.exhaustive = parser.isSet(QStringLiteral("exhaustive"));
        core::NearDuplicateSearch search(refs.pixels.data(), refs.count(), options);
        core::NearDuplicateResult result;
        if (!search.run(cands.pixels.data(), cands.count(), &result)) {
            err << refPath << ": the near-duplicate search stopped before every candidate was compared\n";
            return 1; // a file output is discarded: never half a result under the final name
        }
        if (!writeSet(csv, cands, refs, refPath, result))
            break;
    }
    if (!csv.ok() || !output.commit()) {
        err << (csv.ok() ? output.errorString() : csv.errorString()) << '\n';
        return 1;
    }
    if (!output.isStdout())
        out << "wrote " << output.path() << '\n';
    return 0;
}

const CommandRegistrar registrarNearDups({QStringLiteral("near-dups"),
                                          QStringLiteral("Stateless near-duplicate search to CSV"), runNearDups});

} // namespace
} // namespace tc::cli
