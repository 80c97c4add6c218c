// tinycurator-cli near-dups --candidates PATH --references PATH... [--top-k K] [--exhaustive] --csv OUT
#include "Command.h"
#include "core/dedup/ImageFeatures.h"
#include "core/dedup/NearDuplicateSearch.h"
#include "core/readers/ImageSetLoader.h"

#include <QCommandLineParser>
#include <QSaveFile>
#include <cmath>

namespace tc::cli {
namespace {

int runNearDups(const QStringList &args, QTextStream &out, QTextStream &err)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Stateless near-duplicate search for pipelines: for every candidate image, its top-k references by L2 and "
        "by SSIM in each reference set, as CSV (candidate_index,reference,reference_index,measure,rank,ssim,l2)."));
    parser.addHelpOption();
    parser.addOption({QStringLiteral("candidates"), QStringLiteral("Images to check."), QStringLiteral("path")});
    parser.addOption(
        {QStringLiteral("references"), QStringLiteral("Reference images (repeatable)."), QStringLiteral("path")});
    parser.addOption({QStringLiteral("top-k"),
                      QStringLiteral("Neighbours per measure, >= 1; capped at each reference set's size, so memory "
                                     "stays bounded whatever the value."),
                      QStringLiteral("k"), QStringLiteral("5")});
    parser.addOption({QStringLiteral("exhaustive"), QStringLiteral("Exact SSIM against every reference.")});
    parser.addOption({QStringLiteral("csv"), QStringLiteral("Output file ('-' for stdout)."), QStringLiteral("out")});
    if (!parser.parse(args)) {
        err << parser.errorText() << "\n\n" << parser.helpText();
        return 2;
    }
    bool okK = false;
    const int k = parser.value(QStringLiteral("top-k")).toInt(&okK);
    if (!parser.isSet(QStringLiteral("candidates")) || !parser.isSet(QStringLiteral("references")) ||
        !parser.isSet(QStringLiteral("csv")) || !okK || k < 1) {
        err << "need --candidates PATH, --references PATH (one or more), --csv OUT and a positive --top-k\n";
        return 2;
    }
    core::ImageSet cands;
    QString error;
    if (!core::ImageSetLoader::load(parser.value(QStringLiteral("candidates")), cands, &error)) {
        err << error << '\n';
        return 1;
    }
    QString text = QStringLiteral("candidate_index,reference,reference_index,measure,rank,ssim,l2\n");
    for (const QString &refPath : parser.values(QStringLiteral("references"))) {
        core::ImageSet refs;
        if (!core::ImageSetLoader::load(refPath, refs, &error)) {
            err << error << '\n';
            return 1;
        }
        core::NearDuplicateOptions options;
        options.topK = k;
        options.exhaustive = parser.isSet(QStringLiteral("exhaustive"));
        core::NearDuplicateSearch search(refs.pixels.data(), refs.count(), options);
        core::NearDuplicateResult result;
        search.run(cands.pixels.data(), cands.count(), &result);
        for (qsizetype i = 0; i < cands.count(); ++i) {
            const auto *x = cands.pixels.data() + i * core::kImageBytes;
            auto line = [&](const core::Neighbor &nb, const char *measure, int rank) {
                const auto *y = refs.pixels.data() + qsizetype(nb.index) * core::kImageBytes;
                text += QStringLiteral("%1,%2,%3,%4,%5,%6,%7\n")
                            .arg(i)
                            .arg(refPath)
                            .arg(nb.index)
                            .arg(QLatin1String(measure))
                            .arg(rank)
                            .arg(core::ssimReference(x, y), 0, 'f', 6)
                            .arg(std::sqrt(double(core::squaredDistance(x, y))), 0, 'f', 3);
            };
            int rank = 0;
            for (const auto &nb : result.l2Of(i))
                if (nb.index >= 0)
                    line(nb, "l2", ++rank);
            rank = 0;
            for (const auto &nb : result.ssimOf(i))
                if (nb.index >= 0)
                    line(nb, "ssim", ++rank);
        }
    }
    const QString path = parser.value(QStringLiteral("csv"));
    if (path == QLatin1String("-")) {
        out << text;
        return 0;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(text.toUtf8()) < 0 || !file.commit()) {
        err << path << ": cannot write (" << file.errorString() << ")\n";
        return 1;
    }
    out << "wrote " << path << '\n';
    return 0;
}

const CommandRegistrar registrarNearDups({QStringLiteral("near-dups"),
                                          QStringLiteral("Stateless near-duplicate search to CSV"), runNearDups});

} // namespace
} // namespace tc::cli
