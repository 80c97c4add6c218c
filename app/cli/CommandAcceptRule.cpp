// tinycurator-cli accept-rule PROJECT [--set latest|unanimous|majority|adjudicated]
#include "Command.h"
#include "ProjectCommandSupport.h"

namespace tc::cli {
namespace {

void printRuleTotals(core::Project &project, QTextStream &out)
{
    qint64 accepted = 0, conflicts = 0, awaiting = 0;
    for (const auto &c : project.classStats()) {
        accepted += c.accepted;
        conflicts += c.conflicts;
        awaiting += c.awaiting;
    }
    out << "accepted: " << accepted << ", unsettled conflicts: " << conflicts << ", awaiting adjudication: " << awaiting
        << '\n';
}

int runAcceptRule(const QStringList &args, QTextStream &out, QTextStream &err)
{
    QCommandLineParser parser;
    QStringList rules;
    for (core::AcceptRule r : core::allAcceptRules())
        rules << core::acceptRuleName(r) + QStringLiteral(": ") + core::acceptRuleDescription(r);
    parser.setApplicationDescription(
        QStringLiteral("Show or set the project's accept rule, the one definition of \"accepted\" that statistics, "
                       "quotas, the Verify filters, the Agreement dialog and the export all use. An adjudication "
                       "settles a candidate under every rule. Rules:\n  ") +
        rules.join(QStringLiteral("\n  ")));
    parser.addPositionalArgument(QStringLiteral("project"), QStringLiteral("The .tcproj file."));
    parser.addOption({QStringLiteral("set"), QStringLiteral("Set the rule and re-derive every final verdict."),
                      QStringLiteral("RULE")});
    if (!parseProjectArgs(parser, args, err))
        return 2;
    std::optional<core::AcceptRule> wanted;
    if (parser.isSet(QStringLiteral("set"))) {
        wanted = core::acceptRuleFromName(parser.value(QStringLiteral("set")));
        if (!wanted) {
            err << "accept-rule: unknown rule '" << parser.value(QStringLiteral("set"))
                << "' (known: latest, unanimous, majority, adjudicated)\n";
            return 2;
        }
    }
    core::Project project;
    if (!openProject(project, parser.positionalArguments().first(), err))
        return 1;
    if (wanted) {
        const core::AcceptRule before = project.acceptRule();
        core::FinalShift shift;
        if (!project.setAcceptRule(*wanted, &shift)) {
            err << project.errorString() << '\n';
            return 1;
        }
        out << "accept rule: " << core::acceptRuleName(before) << " -> " << core::acceptRuleName(*wanted) << '\n';
        out << "final verdicts: " << shift.summary() << '\n';
    } else {
        out << "accept rule: " << core::acceptRuleName(project.acceptRule()) << " ("
            << core::acceptRuleDescription(project.acceptRule()) << ")\n";
    }
    printRuleTotals(project, out);
    return 0;
}

const CommandRegistrar registrarAcceptRule({QStringLiteral("accept-rule"),
                                            QStringLiteral("Show or set the project's accept rule"), runAcceptRule});

} // namespace
} // namespace tc::cli
