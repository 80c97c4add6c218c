// tinycurator-cli superclasses PROJECT [--set CLASS=SUPER ...] [--file map.json|map.csv] [--clear] [--json]
#include "CliFiles.h"
#include "Command.h"
#include "ProjectCommandSupport.h"
#include "core/export/CoarseLabels.h"
#include "core/project/SuperclassMap.h"
#include "core/readers/KeywordCatalog.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace tc::cli {
namespace {

void print(const QList<core::ClassInfo> &classes, const QString &problem, bool json, QTextStream &out)
{
    QStringList supers;
    for (const auto &c : classes)
        supers << c.superclass;
    // The coarse labels an export would write (empty while incomplete).
    const QStringList names = problem.isEmpty() ? core::CoarseLabels::names(supers) : QStringList();
    if (json) {
        QJsonArray rows;
        for (const auto &c : classes) {
            QJsonObject o{{QStringLiteral("label"), c.label}, {QStringLiteral("class"), c.name}};
            o.insert(QStringLiteral("superclass"), c.superclass.isEmpty() ? QJsonValue() : QJsonValue(c.superclass));
            o.insert(QStringLiteral("coarse_label"), c.superclass.isEmpty() || names.isEmpty()
                                                         ? QJsonValue()
                                                         : QJsonValue(int(names.indexOf(c.superclass))));
            rows.append(o);
        }
        const QJsonObject root{{QStringLiteral("classes"), rows},
                               {QStringLiteral("coarse_label_names"), QJsonArray::fromStringList(names)},
                               {QStringLiteral("cifar100_style"), !names.isEmpty()},
                               {QStringLiteral("problem"), problem}};
        out << QJsonDocument(root).toJson(QJsonDocument::Indented);
        return;
    }
    out << "label  " << QStringLiteral("class").leftJustified(24) << QStringLiteral("superclass").leftJustified(28)
        << "coarse label\n";
    for (const auto &c : classes)
        out << QString::number(c.label).rightJustified(5) << "  " << c.name.leftJustified(24) << ' '
            << (c.superclass.isEmpty() ? QStringLiteral("-") : c.superclass).leftJustified(27) << ' '
            << (names.isEmpty() || c.superclass.isEmpty() ? QStringLiteral("-")
                                                          : QString::number(names.indexOf(c.superclass)))
            << '\n';
    if (!names.isEmpty())
        out << "export: CIFAR-100 style, " << names.size() << " superclasses\n";
    else if (problem.isEmpty())
        out << "export: CIFAR-10 style (no superclasses)\n";
}

int runSuperclasses(const QStringList &args, QTextStream &out, QTextStream &err)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("List or set the superclass (CIFAR-100 coarse label) of each class. When every class has "
                       "one, export writes CIFAR-100 style files; when only some have one, export refuses."));
    parser.addPositionalArgument(QStringLiteral("project"), QStringLiteral("The .tcproj file."));
    parser.addOption({QStringLiteral("set"), QStringLiteral("Set CLASS's superclass (repeatable; CLASS= clears it)."),
                      QStringLiteral("CLASS=SUPER")});
    parser.addOption({QStringLiteral("file"),
                      QStringLiteral("Set superclasses from a .json object {class: superclass} or a CSV of "
                                     "class,superclass rows (RFC 4180); '-' reads standard input (JSON when it "
                                     "starts with '{')."),
                      QStringLiteral("map")});
    parser.addOption({QStringLiteral("clear"), QStringLiteral("Clear every superclass first.")});
    parser.addOption({QStringLiteral("json"), QStringLiteral("Print JSON.")});
    if (!parseProjectArgs(parser, args, err))
        return 2;
    QHash<QString, QString> changes;
    if (parser.isSet(QStringLiteral("file"))) {
        CliInput input;
        if (!input.open(parser.value(QStringLiteral("file")))) {
            err << input.errorString() << '\n';
            return 1;
        }
        const QByteArray bytes = input.device()->read(core::SuperclassMap::kMaxBytes + 1);
        if (bytes.size() > core::SuperclassMap::kMaxBytes) {
            err << input.name() << ": too large for a superclass map (more than " << core::SuperclassMap::kMaxBytes
                << " bytes)\n";
            return 1;
        }
        if (core::SuperclassMap map; !map.parse(bytes, input.name(), &changes)) {
            err << map.errorString() << '\n';
            return 1;
        }
    }
    for (const QString &s : parser.values(QStringLiteral("set"))) {
        const qsizetype eq = s.indexOf(QLatin1Char('='));
        const QString super = s.mid(eq + 1).trimmed();
        if (eq <= 0) {
            err << "--set: expected CLASS=SUPERCLASS, got '" << s << "'\n";
            return 2;
        }
        if (const QString why = core::KeywordCatalog::nameProblem(super); !super.isEmpty() && !why.isEmpty()) {
            err << "--set: superclass of '" << s.left(eq).trimmed() << "' is not a usable name (" << why << ")\n";
            return 2;
        }
        changes.insert(s.left(eq).trimmed(), super);
    }
    core::Project project;
    if (!openProject(project, parser.positionalArguments().first(), err))
        return 1;
    if (parser.isSet(QStringLiteral("clear"))) {
        QHash<QString, QString> all;
        for (const auto &c : project.classes())
            all.insert(c.name, QString());
        for (auto it = changes.begin(); it != changes.end(); ++it)
            all.insert(it.key(), it.value());
        changes = all;
    }
    if (!changes.isEmpty() && !project.setSuperclasses(changes)) {
        err << project.errorString() << '\n';
        return 1;
    }
    const QString problem = project.superclassProblem();
    print(project.classes(), problem, parser.isSet(QStringLiteral("json")), out);
    if (!problem.isEmpty())
        err << "warning: " << problem << '\n';
    return 0;
}

const CommandRegistrar registrarSuperclasses(
    {QStringLiteral("superclasses"), QStringLiteral("List or set each class's superclass (CIFAR-100 coarse labels)"),
     runSuperclasses});

} // namespace
} // namespace tc::cli
