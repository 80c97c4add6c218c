// tinycurator-cli near-dups --candidates PATH|TINY_DIR [--records A:B] --references PATH... [--top-k K] [--exhaustive]
//                           [--transforms shift-flip|none] --csv OUT
#include "CliFiles.h"
#include "Command.h"
#include "ProjectCommandSupport.h"
#include "RecordsOption.h"
#include "core/common/Csv.h"
#include "core/dedup/ImageFeatures.h"
#include "core/dedup/NearDuplicateSearch.h"
#include "core/dedup/TransformScorer.h"
#include "core/readers/ImageSetLoader.h"
#include "core/readers/TinyImages.h"
#include "core/readers/TinyRecordStream.h"

#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <cmath>
#include <memory>

namespace tc::cli {
namespace {

// Every row of one reference set; false when the output fails. With transforms the search's scores
// are written (best over the transforms, and where the SSIM was found), else the plain measures.
// candidate_index is indexBase + the candidate's position (Tiny Images candidates: their record index).
bool writeSet(core::CsvWriter &csv, const core::ImageSet &cands, const core::ImageSet &refs, const QString &refPath,
              const core::NearDuplicateResult &result, qint64 indexBase = 0)
{
    for (qsizetype i = 0; i < cands.count(); ++i) {
        const auto *x = cands.pixels.data() + i * core::kImageBytes;
        const auto row = [&](const core::Neighbor &nb, const core::PairScore *score, const char *measure, int rank) {
            const auto *y = refs.pixels.data() + qsizetype(nb.index) * core::kImageBytes;
            const double ssim = score ? score->ssim : core::ssimReference(x, y);
            const double l2 = score ? score->l2 : std::sqrt(double(core::squaredDistance(x, y)));
            return csv.writeRow({QString::number(indexBase + i), refPath, QString::number(nb.index),
                                 QLatin1String(measure), QString::number(rank), QString::number(ssim, 'f', 6),
                                 QString::number(l2, 'f', 3),
                                 score ? score->transform.code() : QStringLiteral("none")});
        };
        const auto l2Scores = result.l2ScoresOf(i), ssimScores = result.ssimScoresOf(i);
        int rank = 0;
        for (const auto &nb : result.l2Of(i)) {
            if (nb.index >= 0 && !row(nb, l2Scores.empty() ? nullptr : &l2Scores[size_t(rank)], "l2", rank + 1))
                return false;
            ++rank;
        }
        rank = 0;
        for (const auto &nb : result.ssimOf(i)) {
            if (nb.index >= 0 && !row(nb, ssimScores.empty() ? nullptr : &ssimScores[size_t(rank)], "ssim", rank + 1))
                return false;
            ++rank;
        }
    }
    return true;
}

// Tiny Images as the candidate source: the record range streamed in chunks (memory: the reference
// sets, their prepared searches and one chunk, whatever the range), each chunk searched in every
// reference set in turn. Rows come chunk by chunk, then set by set. False with errorString() on a
// read error or a failed write; kernel() names the integer kernels the searches use.
class TinyCandidateSearch final {
public:
    bool run(const QString &imagesPath, core::TinyRecordRange range, const std::vector<core::ImageSet> &refSets,
             const QStringList &refPaths, const core::NearDuplicateOptions &options, core::CsvWriter &csv,
             QTextStream &err);
    QString kernel() const { return m_kernel; }
    QString errorString() const { return m_error; }

private:
    QString m_kernel;
    QString m_error;
};

bool TinyCandidateSearch::run(const QString &imagesPath, core::TinyRecordRange range,
                              const std::vector<core::ImageSet> &refSets, const QStringList &refPaths,
                              const core::NearDuplicateOptions &options, core::CsvWriter &csv, QTextStream &err)
{
    m_error.clear();
    const qint64 kChunk = core::TinyRecordStream::chunkRecords(4096);
    std::vector<std::unique_ptr<core::NearDuplicateSearch>> searches;
    for (const auto &refs : refSets) {
        searches.push_back(std::make_unique<core::NearDuplicateSearch>(refs.pixels.data(), refs.count(), options));
        if (!searches.back()->isValid()) { // TC_INT_KERNEL names a path this CPU lacks: never fall back silently
            m_error = searches.back()->errorString();
            return false;
        }
        m_kernel = searches.back()->intKernels().summary();
    }
    core::TinyRecordStream stream;
    if (!stream.open(imagesPath, range)) {
        m_error = stream.errorString();
        return false;
    }
    std::vector<std::uint8_t> raw(size_t(kChunk * core::kImageBytes));
    core::ImageSet chunk;
    const core::Progress progress = stderrProgress(err, QStringLiteral("near-dups"));
    qint64 first = 0;
    while (const qint64 n = stream.read(raw.data(), kChunk, &first)) {
        chunk.pixels.resize(size_t(n * core::kImageBytes));
        for (qint64 i = 0; i < n; ++i)
            core::tinyRecordToImage(raw.data() + i * core::kImageBytes, chunk.pixels.data() + i * core::kImageBytes);
        for (size_t s = 0; s < refSets.size(); ++s) {
            core::NearDuplicateResult result;
            searches[s]->run(chunk.pixels.data(), n, &result);
            if (!writeSet(csv, chunk, refSets[s], refPaths.at(qsizetype(s)), result, first)) {
                m_error = csv.errorString();
                return false;
            }
        }
        progress.report(first + n - range.begin, range.size());
    }
    if (stream.hasError()) {
        m_error = stream.errorString();
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
        "ssim,l2,transform; a reference path with a comma, quote or newline is quoted). By default pairs are also "
        "scored with the reference shifted by up to 2 px and mirrored (the best counts; transform says where, "
        "e.g. mirror,dx=1); --transforms none gives the plain protocol."));
    parser.addOption({QStringLiteral("candidates"),
                      QStringLiteral("Images to check (a file or folder), or a Tiny Images folder (tiny_images.bin + "
                                     "tiny_metadata.bin), streamed: candidate_index is then the record index."),
                      QStringLiteral("path")});
    parser.addOption(RecordsOption::option(QStringLiteral("With Tiny Images candidates: the record range")));
    parser.addOption(
        {QStringLiteral("references"), QStringLiteral("Reference images (repeatable)."), QStringLiteral("path")});
    parser.addOption({QStringLiteral("top-k"),
                      QStringLiteral("Neighbours per measure, >= 1; capped at each reference set's size, so memory "
                                     "stays bounded whatever the value."),
                      QStringLiteral("k"), QStringLiteral("5")});
    parser.addOption({QStringLiteral("exhaustive"), QStringLiteral("Exact SSIM against every reference.")});
    parser.addOption({QStringLiteral("transforms"),
                      QStringLiteral("shift-flip (the default) or none (the plain protocol)."), QStringLiteral("set"),
                      QStringLiteral("shift-flip")});
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
    const auto transforms = core::transformSetFromName(parser.value(QStringLiteral("transforms")));
    if (!transforms) {
        err << "near-dups: --transforms takes shift-flip or none, got \"" << parser.value(QStringLiteral("transforms"))
            << "\"\n";
        return 2;
    }
    PathArgument argument;
    for (const QString &path :
         QStringList{parser.value(QStringLiteral("candidates"))} + parser.values(QStringLiteral("references")))
        if (!argument.check(path, QStringLiteral("--candidates/--references"))) {
            err << argument.errorString() << '\n';
            return 2;
        }
    const QString candPath = parser.value(QStringLiteral("candidates"));
    const bool tinySource = core::FormatDetector().detect(candPath) == core::DataFormat::TinyImages;
    if (!tinySource && RecordsOption::isSet(parser)) {
        err << "near-dups: --records needs Tiny Images candidates (a folder with tiny_images.bin and "
               "tiny_metadata.bin); "
            << candPath << " is not one\n";
        return 2;
    }
    core::TinyImages tiny;
    core::TinyRecordRange range;
    core::ImageSet cands;
    core::ImageSetLoader loader;
    if (tinySource) {
        const QFileInfo info(candPath);
        if (!(info.isDir() ? tiny.open(candPath)
                           : tiny.open(candPath, info.dir().filePath(QStringLiteral("tiny_metadata.bin"))))) {
            err << tiny.errorString() << '\n';
            return 1;
        }
        RecordsOption records;
        if (!records.read(parser, tiny.count())) {
            err << "near-dups: " << records.errorString() << '\n';
            return 2;
        }
        range = records.range();
    } else if (!loader.load(candPath, cands)) {
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
                  QStringLiteral("measure"), QStringLiteral("rank"), QStringLiteral("ssim"), QStringLiteral("l2"),
                  QStringLiteral("transform")});
    QString kernel;
    if (tinySource) {
        std::vector<core::ImageSet> refSets;
        for (const QString &refPath : parser.values(QStringLiteral("references"))) {
            refSets.emplace_back();
            if (!loader.load(refPath, refSets.back())) {
                err << loader.errorString() << '\n';
                return 1;
            }
        }
        core::NearDuplicateOptions options;
        options.topK = k;
        options.exhaustive = parser.isSet(QStringLiteral("exhaustive"));
        options.transforms = *transforms;
        TinyCandidateSearch tinySearch;
        const bool searched = tinySearch.run(tiny.imagesPath(), range, refSets,
                                             parser.values(QStringLiteral("references")), options, csv, err);
        kernel = tinySearch.kernel();
        if (!searched) {
            err << tinySearch.errorString() << '\n';
            return 1; // the output is discarded
        }
    }
    for (const QString &refPath : tinySource ? QStringList{} : parser.values(QStringLiteral("references"))) {
        core::ImageSet refs;
        if (!loader.load(refPath, refs)) {
            err << loader.errorString() << '\n';
            return 1; // a file output is discarded: never half a result under the final name
        }
        core::NearDuplicateOptions options;
        options.topK = k;
        options.exhaustive = parser.isSet(QStringLiteral("exhaustive"));
        options.transforms = *transforms;
        core::NearDuplicateSearch search(refs.pixels.data(), refs.count(), options);
        if (!search.isValid()) {
            err << search.errorString() << '\n';
            return 1; // TC_INT_KERNEL names a path this CPU lacks: refuse, never fall back silently
        }
        kernel = search.intKernels().summary();
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
    // With the CSV on stdout the kernel line goes to stderr, so the CSV stays clean.
    if (!kernel.isEmpty())
        (output.isStdout() ? err : out) << kernel << '\n';
    if (!output.isStdout())
        out << "wrote " << output.path() << '\n';
    return 0;
}

const CommandRegistrar registrarNearDups({QStringLiteral("near-dups"),
                                          QStringLiteral("Stateless near-duplicate search to CSV"), runNearDups});

} // namespace
} // namespace tc::cli
