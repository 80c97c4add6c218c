// tinycurator-cli pairs PROJECT --csv OUT
#include "Command.h"
#include "ProjectCommandSupport.h"
#include "core/dedup/DedupStore.h"

#include <QFile>
#include <QSaveFile>

namespace tc::cli {
namespace {

int runPairs(const QStringList &args, QTextStream &out, QTextStream &err)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Write every stored near pair (most similar first) as CSV."));
    parser.addPositionalArgument(QStringLiteral("project"), QStringLiteral("The .tcproj file."));
    parser.addOption({QStringLiteral("csv"), QStringLiteral("Output file ('-' for stdout)."), QStringLiteral("out")});
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
    QString text = QStringLiteral("candidate_id,tiny_index,reference_set,reference_index,ssim,l2,status\n");
    for (const auto &p : pairs)
        text += QStringLiteral("%1,%2,%3,%4,%5,%6,%7\n")
                    .arg(p.candidateId)
                    .arg(p.tinyIndex >= 0 ? QString::number(p.tinyIndex) : QString())
                    .arg(p.setName)
                    .arg(p.refIndex)
                    .arg(p.ssim, 0, 'f', 6)
                    .arg(p.l2, 0, 'f', 3)
                    .arg(core::pairStatusName(p.status));
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
    out << "wrote " << pairs.size() << " pairs to " << path << '\n';
    return 0;
}

const CommandRegistrar registrarPairs({QStringLiteral("pairs"), QStringLiteral("Export the stored near pairs as CSV"),
                                       runPairs});

} // namespace
} // namespace tc::cli
