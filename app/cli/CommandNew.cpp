// tinycurator-cli new PROJECT.tcproj --tiny DIR --catalog FILE | --folder DIR [--superclass-folders]
#include "CliFiles.h"
#include "Command.h"
#include "ProjectCommandSupport.h"
#include "core/project/CatalogJson.h"
#include "core/project/FolderImport.h"
#include "core/project/TinyImport.h"
#include "core/readers/KeywordCatalog.h"

#include <QElapsedTimer>
#include <QFileInfo>

namespace tc::cli {
namespace {

void printImportReport(const core::ImportReport &report, QTextStream &out, QTextStream &err)
{
    for (const auto &issue : report.issues)
        err << "warning: " << report.issueText(issue) << '\n';
    out << "candidates added: " << report.inserted << ", already present: " << report.existing
        << ", keywords found: " << report.keywordsFound << '\n';
    out << "absent catalog keywords (" << report.absentKeywords.size() << "):";
    for (const auto &k : report.absentKeywords)
        out << ' ' << k;
    out << '\n';
}

bool setupTarget(core::Project &project, const QCommandLineParser &parser, QTextStream &err)
{
    if (!parser.isSet(QStringLiteral("target-per-class")))
        return true;
    bool ok = false;
    const int target = parser.value(QStringLiteral("target-per-class")).toInt(&ok);
    if (!ok || target <= 0 || !project.setTargetPerClass(target)) {
        err << "--target-per-class: expected a positive integer, got '"
            << parser.value(QStringLiteral("target-per-class")) << "'\n";
        return false;
    }
    return true;
}

// The catalog through the one catalog parser; '-' reads standard input. Empty on failure, with the
// message already written to err.
core::Catalog readCatalog(const QString &argument, QTextStream &err)
{
    CliInput input;
    if (!input.open(argument)) {
        err << input.errorString() << '\n';
        return {};
    }
    const QByteArray bytes = input.device()->read(core::KeywordCatalog::kMaxBytes + 1);
    core::CatalogJson json;
    const core::Catalog catalog = json.parse(bytes, input.name());
    if (catalog.isEmpty())
        err << json.errorString() << '\n';
    return catalog;
}

int importTiny(core::Project &project, const core::Catalog &catalog, const QCommandLineParser &parser, QTextStream &out,
               QTextStream &err)
{
    const QString catalogPath = parser.value(QStringLiteral("catalog"));
    core::TinyImport import(project);
    if (parser.isSet(QStringLiteral("max-per-keyword"))) {
        bool ok = false;
        const qint64 n = parser.value(QStringLiteral("max-per-keyword")).toLongLong(&ok);
        if (!ok || n <= 0) {
            err << "--max-per-keyword: expected a positive integer\n";
            return 2;
        }
        import.setMaxPerKeyword(n);
    }
    const QString tinyDir = parser.value(QStringLiteral("tiny"));
    if (!import.run(tinyDir, catalog, stderrProgress(err, QStringLiteral("importing")))) {
        err << import.errorString() << '\n';
        return 1;
    }
    if (catalogPath != QLatin1String("-"))
        project.setSetting(QStringLiteral("catalog_path"), QFileInfo(catalogPath).absoluteFilePath());
    printImportReport(import.report(), out, err);
    return 0;
}

int importFolder(core::Project &project, const core::Catalog &catalog, const QCommandLineParser &parser,
                 QTextStream &out, QTextStream &err)
{
    core::FolderImport import(project);
    import.setSuperclassFolders(parser.isSet(QStringLiteral("superclass-folders")));
    if (!import.run(parser.value(QStringLiteral("folder")), catalog,
                    stderrProgress(err, QStringLiteral("importing")))) {
        err << import.errorString() << '\n';
        return 1;
    }
    printImportReport(import.report(), out, err);
    return 0;
}

int runNew(const QStringList &args, QTextStream &out, QTextStream &err)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Create a project (or add what is missing to it) from Tiny Images + a keyword catalog, or from "
        "<class>/<keyword>/ folders.\n"
        "The catalog is checked before anything is created: strict JSON (no key twice), counts whole numbers from "
        "0 to 2147483647, names without control characters. Image files that cannot be imported (unreadable, "
        "damaged, larger than 4096 x 4096 pixels, not a regular file) are listed as warnings and left out; the "
        "rest is imported, and running the command again adds what is missing."));
    parser.addPositionalArgument(QStringLiteral("project"), QStringLiteral("The .tcproj file."));
    parser.addOption({QStringLiteral("tiny"),
                      QStringLiteral("Tiny Images folder (tiny_images.bin, tiny_metadata.bin)."),
                      QStringLiteral("dir")});
    parser.addOption({QStringLiteral("catalog"),
                      QStringLiteral("Keyword catalog JSON (class -> keyword -> count); '-' reads standard input."),
                      QStringLiteral("file")});
    parser.addOption(
        {QStringLiteral("folder"), QStringLiteral("Image folders <class>/<keyword>/<file>."), QStringLiteral("dir")});
    parser.addOption({QStringLiteral("superclass-folders"),
                      QStringLiteral("--folder has one more level: <superclass>/<class>/<keyword>/<file>.")});
    parser.addOption({QStringLiteral("max-per-keyword"), QStringLiteral("Import at most N records per keyword."),
                      QStringLiteral("N")});
    parser.addOption({QStringLiteral("target-per-class"),
                      QStringLiteral("Accepted images wanted per class "
                                     "(default 6000)."),
                      QStringLiteral("N")});
    if (!parseProjectArgs(parser, args, err))
        return 2;
    const bool tiny = parser.isSet(QStringLiteral("tiny")), folder = parser.isSet(QStringLiteral("folder"));
    if (tiny == folder || (tiny && !parser.isSet(QStringLiteral("catalog")))) {
        err << "give either --tiny DIR --catalog FILE, or --folder DIR\n\n" << commandHelp(parser, args.first());
        return 2;
    }
    PathArgument argument;
    if (!argument.check(parser.value(QStringLiteral("tiny")), QStringLiteral("--tiny")) ||
        !argument.check(parser.value(QStringLiteral("folder")), QStringLiteral("--folder"))) {
        err << argument.errorString() << '\n';
        return 2;
    }
    // The catalog is read before the project is touched: a bad one leaves no project behind.
    core::Catalog catalog;
    if (parser.isSet(QStringLiteral("catalog"))) {
        catalog = readCatalog(parser.value(QStringLiteral("catalog")), err);
        if (catalog.isEmpty())
            return 1;
    }
    core::Project project;
    bool created = false;
    if (!openOrCreateProject(project, parser.positionalArguments().first(), err, &created))
        return 1;
    QElapsedTimer timer;
    timer.start();
    int rc = setupTarget(project, parser, err) ? 0 : 1;
    if (rc == 0)
        rc = tiny ? importTiny(project, catalog, parser, out, err) : importFolder(project, catalog, parser, out, err);
    if (rc == 0)
        err << "import took " << timer.elapsed() << " ms\n";
    else if (created && project.discard()) // a failed `new` leaves no project behind
        err << "removed " << parser.positionalArguments().first() << " (created by this failed run)\n";
    return rc;
}

const CommandRegistrar registrarNew({QStringLiteral("new"),
                                     QStringLiteral("Create a project from Tiny Images + catalog or image folders"),
                                     runNew});

} // namespace
} // namespace tc::cli
