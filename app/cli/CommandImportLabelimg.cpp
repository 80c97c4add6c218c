// tinycurator-cli import-labelimg PROJECT --dir XMLDIR [--annotator NAME]
#include "Command.h"
#include "ProjectCommandSupport.h"
#include "core/project/LabelImgImport.h"

namespace tc::cli {
namespace {

constexpr qsizetype kIssuesListed = 50;

int runImportLabelimg(const QStringList &args, QTextStream &out, QTextStream &err)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Record an accept for every LabelImg Pascal VOC XML whose path names a candidate "
        "(<class>/<keyword>/<keyword>_<x>.jpg).\n"
        "All or nothing: if any XML file in the folder cannot be read, does not parse or names no candidate of "
        "the project, nothing is recorded, every such file is listed (the first 50, then a count) and the exit "
        "status is 1. Fix or remove them and run again; accepts already recorded are not recorded twice."));
    parser.addPositionalArgument(QStringLiteral("project"), QStringLiteral("The .tcproj file."));
    parser.addOption({QStringLiteral("dir"), QStringLiteral("Folder of LabelImg XML files."), QStringLiteral("dir")});
    parser.addOption({QStringLiteral("annotator"),
                      QStringLiteral("Annotator the accepts are recorded for "
                                     "(default: labelimg)."),
                      QStringLiteral("name"), QStringLiteral("labelimg")});
    if (!parseProjectArgs(parser, args, err))
        return 2;
    const auto xmlDir = requiredOption(parser, QStringLiteral("dir"), "XMLDIR", err);
    if (!xmlDir)
        return 2;
    core::Project project;
    if (!openProject(project, parser.positionalArguments().first(), err))
        return 1;
    core::LabelImgImport import(project);
    const bool ok = import.run(*xmlDir, parser.value(QStringLiteral("annotator")).trimmed());
    const auto &report = import.report();
    for (qsizetype i = 0; i < report.issues.size() && i < kIssuesListed; ++i)
        err << "not imported: " << report.issueText(report.issues[i]) << '\n';
    if (report.issues.size() > kIssuesListed)
        err << "not imported: ... and " << report.issues.size() - kIssuesListed << " more files\n";
    if (!ok) {
        err << import.errorString() << '\n';
        return 1;
    }
    out << "accepted: " << report.inserted << ", already accepted: " << report.existing
        << ", not imported: " << report.issues.size() << '\n';
    return 0;
}

const CommandRegistrar registrarImportLabelimg({QStringLiteral("import-labelimg"),
                                                QStringLiteral("Import LabelImg XML files as accepts (all or nothing)"),
                                                runImportLabelimg});

} // namespace
} // namespace tc::cli
