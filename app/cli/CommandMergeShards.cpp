// tinycurator-cli merge-shards OUT.csv SHARD.csv...
#include "CliFiles.h"
#include "Command.h"
#include "core/dedup/LocatedCsv.h"

#include <QCommandLineParser>
#include <memory>

namespace tc::cli {
namespace {

int runMergeShards(const QStringList &args, QTextStream &out, QTextStream &err)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Merges the CSVs of `locate` runs over record ranges (shards) into the result of one run over their union, "
        "byte for byte: per image the k nearest records of all shards, ties by the smaller tiny_index. The ranges "
        "must tile one range (no overlap, no gap; empty shards are fine) and come from one dataset and one "
        "--top-k."));
    parser.addPositionalArgument(QStringLiteral("out"), QStringLiteral("Output CSV, written atomically ('-': "
                                                                       "standard output)."));
    parser.addPositionalArgument(QStringLiteral("shards"), QStringLiteral("Shard CSVs written by locate."),
                                 QStringLiteral("SHARD.csv..."));
    if (!parseCommandArgs(parser, args, err, -1))
        return 2;
    const QStringList positional = parser.positionalArguments();
    if (positional.size() < 2) {
        err << "merge-shards: need OUT.csv and at least one SHARD.csv\n";
        return 2;
    }
    const QStringList shardPaths = positional.mid(1);
    for (const QString &p : shardPaths)
        if (p == positional.first() && p != QLatin1String("-")) {
            err << "merge-shards: " << p << " is both the output and a shard\n";
            return 2;
        }
    std::vector<std::unique_ptr<CliInput>> inputs;
    QList<core::LocatedShardMerge::Input> list;
    for (const QString &p : shardPaths) {
        inputs.push_back(std::make_unique<CliInput>());
        if (!inputs.back()->open(p)) {
            err << inputs.back()->errorString() << '\n';
            return 1;
        }
        list.append({inputs.back()->device(), inputs.back()->name()});
    }
    CliOutput output;
    if (!output.open(positional.first())) {
        err << output.errorString() << '\n';
        return 1;
    }
    core::LocatedShardMerge merge;
    if (!merge.merge(list, output.device(), output.path())) {
        err << "merge-shards: " << merge.errorString() << '\n';
        return 1;
    }
    if (!output.commit()) {
        err << output.errorString() << '\n';
        return 1;
    }
    err << "merge-shards: " << shardPaths.size() << " shards, " << merge.imagesMerged() << " images, records "
        << merge.records().toString() << '\n';
    if (!output.isStdout())
        out << "wrote " << output.path() << '\n';
    return 0;
}

const CommandRegistrar registrarMergeShards({QStringLiteral("merge-shards"),
                                             QStringLiteral("Merge locate shards into the unsharded result"),
                                             runMergeShards});

} // namespace
} // namespace tc::cli
