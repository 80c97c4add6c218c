// tinycurator-cli backup PROJECT --out COPY [--force]
// A consistent copy while the app or another command writes the project (core/project/ProjectBackup).
#include "CliFiles.h"
#include "Command.h"
#include "ProjectCommandSupport.h"
#include "core/project/ProjectBackup.h"

namespace tc::cli {
namespace {

int runBackup(const QStringList &args, QTextStream &out, QTextStream &err)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Copy a project consistently, even while the app or another command is writing it: every decision "
        "confirmed before the copy starts is in it (a plain file copy can miss those still in the -wal "
        "file). The copy is one standalone file, checked before it appears. To restore a damaged project, "
        "back up a good copy over it with --force."));
    parser.addPositionalArgument(QStringLiteral("project"), QStringLiteral("The .tcproj file to copy."));
    parser.addOption(
        {QStringLiteral("out"), QStringLiteral("The copy ('-' for standard output)."), QStringLiteral("COPY")});
    parser.addOption({QStringLiteral("force"),
                      QStringLiteral("Replace an existing COPY (only while nobody has it open for writing).")});
    if (!parseProjectArgs(parser, args, err))
        return 2;
    const auto dest = requiredOption(parser, QStringLiteral("out"), "COPY", err);
    if (!dest)
        return 2;
    const QString source = parser.positionalArguments().first();
    core::ProjectBackup backup;
    const core::Progress progress = stderrProgress(err, QStringLiteral("backup"));
    if (*dest == QLatin1String("-")) {
        CliOutput output;
        if (!output.open(*dest)) {
            err << output.errorString() << '\n';
            return 1;
        }
        if (!backup.copyTo(source, output.device(), progress) || !output.commit()) {
            err << (backup.errorString().isEmpty() ? output.errorString() : backup.errorString()) << '\n';
            return 1;
        }
        err << "copied " << backup.candidates() << " candidates, " << backup.decisions() << " decisions ("
            << backup.bytes() << " bytes) to standard output\n";
        return 0;
    }
    if (!backup.copy(source, *dest, parser.isSet(QStringLiteral("force")), progress)) {
        err << backup.errorString() << '\n';
        if (backup.errorString().endsWith(QLatin1String("not replaced")))
            err << "hint: add --force to replace it\n";
        return 1;
    }
    out << "copied " << backup.candidates() << " candidates, " << backup.decisions() << " decisions (" << backup.bytes()
        << " bytes) to " << *dest << '\n';
    return 0;
}

const CommandRegistrar registrarBackup({QStringLiteral("backup"),
                                        QStringLiteral("Consistent copy of a project, also while it is in use"),
                                        runBackup});

} // namespace
} // namespace tc::cli
