// tinycurator-cli import-labelimg PROJECT --dir XMLDIR [--annotator NAME]
#include "Command.h"
#include "ProjectCommandSupport.h"
#include "core/project/LabelImgImport.h"

namespace tc::cli {
namespace {

int runImportLabelimg(const QStringList &args, QTextStream &out, QTextStream &err)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Record an accept for every LabelImg Pascal VOC XML whose path "
                                                    "names a candidate (<class>/<keyword>/<keyword>_<x>.jpg)."));
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
    if (!import.run(*xmlDir, parser.value(QStringLiteral("annotator")).trimmed())) {
        err << import.errorString() << '\n';
        return 1;
    }
    const auto &report = import.report();
    out << "accepted: " << report.inserted << ", already accepted: " << report.existing
        << ", not imported: " << report.issues.size() << '\n';
    for (const auto &issue : report.issues)
        out << "not imported: " << report.issueText(issue) << '\n';
    return 0;
}

const CommandRegistrar registrarImportLabelimg({QStringLiteral("import-labelimg"),
                                                QStringLiteral("Import LabelImg XML files as accepts"),
                                                runImportLabelimg});

} // namespace
} // namespace tc::cli
