#include "core/project/AcceptRule.h"

#include <QCoreApplication>
#include <QStringList>

namespace tc::core {

QString acceptRuleName(AcceptRule rule)
{
    switch (rule) {
    case AcceptRule::Latest:
        return QStringLiteral("latest");
    case AcceptRule::Majority:
        return QStringLiteral("majority");
    case AcceptRule::Adjudicated:
        return QStringLiteral("adjudicated");
    case AcceptRule::Unanimous:
        break;
    }
    return QStringLiteral("unanimous");
}

std::optional<AcceptRule> acceptRuleFromName(const QString &name)
{
    const QString n = name.trimmed().toLower();
    // The export's own rule before schema 4 was called no-objection: scripts that passed it keep
    // meaning the same thing.
    if (n == u"no-objection" || n == u"all")
        return AcceptRule::Unanimous;
    for (AcceptRule rule : allAcceptRules())
        if (acceptRuleName(rule) == n)
            return rule;
    return std::nullopt;
}

QList<AcceptRule> allAcceptRules()
{
    return {AcceptRule::Latest, AcceptRule::Unanimous, AcceptRule::Majority, AcceptRule::Adjudicated};
}

namespace {
// The one wording of each rule, marked for the GUI's catalogue.
const char *ruleDescriptionSource(AcceptRule rule)
{
    switch (rule) {
    case AcceptRule::Latest:
        return QT_TRANSLATE_NOOP("tc::core::AcceptRule", "the latest decision of any annotator counts");
    case AcceptRule::Majority:
        return QT_TRANSLATE_NOOP("tc::core::AcceptRule",
                                 "accepted when more annotators accept than reject or are unsure");
    case AcceptRule::Adjudicated:
        return QT_TRANSLATE_NOOP("tc::core::AcceptRule",
                                 "accepted when all annotators accept; a disagreement waits for an adjudicator");
    case AcceptRule::Unanimous:
        break;
    }
    return QT_TRANSLATE_NOOP("tc::core::AcceptRule",
                             "accepted only when all annotators accept; one reject or unsure keeps it out");
}
} // namespace

QString acceptRuleDescription(AcceptRule rule)
{
    return QString::fromUtf8(ruleDescriptionSource(rule));
}

QString acceptRuleDescriptionShown(AcceptRule rule)
{
    return QCoreApplication::translate("tc::core::AcceptRule", ruleDescriptionSource(rule));
}

namespace {
bool newer(const Vote &a, const Vote &b)
{
    return a.createdAtMs != b.createdAtMs ? a.createdAtMs > b.createdAtMs : a.decisionId > b.decisionId;
}

// The newest vote with this verdict (any vote when none has it), for final_state's attribution.
const Vote *latestWith(const QList<Vote> &votes, Verdict verdict)
{
    const Vote *best = nullptr, *bestAny = nullptr;
    for (const Vote &v : votes) {
        if (!bestAny || newer(v, *bestAny))
            bestAny = &v;
        if (v.verdict == verdict && (!best || newer(v, *best)))
            best = &v;
    }
    return best ? best : bestAny;
}
} // namespace

FinalOutcome deriveFinal(AcceptRule rule, const QList<Vote> &votes, const std::optional<Vote> &adjudication)
{
    FinalOutcome out;
    int accepts = 0, rejects = 0, unsures = 0;
    for (const Vote &v : votes) {
        accepts += v.verdict == Verdict::Accept;
        rejects += v.verdict == Verdict::Reject;
        unsures += v.verdict == Verdict::Unsure;
    }
    const int total = accepts + rejects + unsures;
    out.disputed = total > 0 && accepts != total && rejects != total && unsures != total;
    if (adjudication && adjudication->verdict != Verdict::None) {
        out.settled = true;
        out.verdict = adjudication->verdict;
        out.decisionId = adjudication->decisionId;
        out.annotator = adjudication->annotator;
        return out;
    }
    if (total == 0)
        return out;
    switch (rule) {
    case AcceptRule::Latest:
        out.verdict = latestWith(votes, Verdict::None)->verdict;
        break;
    case AcceptRule::Unanimous:
        out.verdict = accepts == total ? Verdict::Accept : rejects > 0 ? Verdict::Reject : Verdict::Unsure;
        break;
    case AcceptRule::Majority:
        out.verdict = accepts > rejects + unsures   ? Verdict::Accept
                      : rejects > accepts + unsures ? Verdict::Reject
                                                    : Verdict::Unsure;
        break;
    case AcceptRule::Adjudicated:
        out.verdict = out.disputed ? Verdict::None : votes.first().verdict;
        break;
    }
    if (out.verdict != Verdict::None) {
        const Vote *by = latestWith(votes, out.verdict);
        out.decisionId = by->decisionId;
        out.annotator = by->annotator;
    }
    return out;
}

QString FinalShift::summary() const
{
    // Translated where worded: the GUI shows it in the user's language, the CLI (no catalogue) in English.
    QStringList classes;
    for (const auto &[name, delta] : perClassDelta)
        classes << QStringLiteral("%1 %2%3").arg(name, delta > 0 ? QStringLiteral("+") : QString()).arg(delta);
    QString text = QCoreApplication::translate("tc::core::FinalShift", "%1 became accepted, %2 no longer accepted")
                       .arg(becameAccepted)
                       .arg(lostAccepted);
    if (otherChanges > 0)
        text += QCoreApplication::translate("tc::core::FinalShift", ", %n other final verdict(s) changed", nullptr,
                                            int(otherChanges));
    if (!classes.isEmpty())
        text += QStringLiteral(" (%1)").arg(classes.join(QStringLiteral(", ")));
    return text;
}

} // namespace tc::core
