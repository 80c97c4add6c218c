// tinycurator-cli add-reference PROJECT --name NAME --role exclude|avoid PATH
#include "CliFiles.h"
#include "Command.h"
#include "ProjectCommandSupport.h"
#include "core/dedup/DedupStore.h"

namespace tc::cli {
namespace {

int runAddReference(const QStringList &args, QTextStream &out, QTextStream &err)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Add a reference set (CIFAR python/binary batch or a whole cifar-10-batches-* folder, whose data_batch_* "
        "files form one set indexed 0..N-1; npy/npz; an image folder). Role exclude: matches leave the dataset; "
        "avoid: matches are used last."));
    parser.addPositionalArgument(QStringLiteral("project"), QStringLiteral("The .tcproj file."));
    parser.addPositionalArgument(QStringLiteral("path"), QStringLiteral("The images to compare against."));
    parser.addOption(
        {QStringLiteral("name"), QStringLiteral("Name of the set (e.g. cifar10-test)."), QStringLiteral("name")});
    parser.addOption({QStringLiteral("role"), QStringLiteral("exclude or avoid."), QStringLiteral("role"),
                      QStringLiteral("exclude")});
    if (!parseProjectArgs(parser, args, err, 2))
        return 2;
    const auto role = core::roleFromName(parser.value(QStringLiteral("role")));
    const QString name = parser.value(QStringLiteral("name")).trimmed();
    if (!role || name.isEmpty()) {
        err << "need --name NAME and --role exclude|avoid\n";
        return 2;
    }
    const QString path = parser.positionalArguments().at(1);
    if (PathArgument argument; !argument.check(path, QStringLiteral("add-reference PATH"))) {
        err << argument.errorString() << '\n';
        return 2;
    }
    core::Project project;
    if (!openProject(project, parser.positionalArguments().at(0), err))
        return 1;
    core::DedupStore store(project.database());
    const qint64 id = store.addReferenceSet(name, *role, path, stderrProgress(err, QStringLiteral("reading")));
    if (!id) {
        err << store.errorString() << '\n';
        return 1;
    }
    out << "added reference set " << name << " (" << core::roleName(*role) << ", " << store.referenceSet(name)->count
        << " images) from " << path << '\n';
    return 0;
}

const CommandRegistrar registrarAddReference({QStringLiteral("add-reference"),
                                              QStringLiteral("Add a reference set for duplicate search"),
                                              runAddReference});

} // namespace
} // namespace tc::cli
