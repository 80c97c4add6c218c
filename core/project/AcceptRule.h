#pragma once

#include "core/project/ProjectTypes.h"

#include <QList>
#include <QPair>
#include <QString>
#include <optional>

namespace tc::core {

// THE definition of "accepted" (docs/ARCHITECTURE.md, "Accept rule"): how the annotators' current
// verdicts on one candidate, and a curator's adjudication of it, combine into its final verdict.
// A project stores its rule (meta key accept_rule); Project derives final_state under it in each
// decision's transaction, and statistics, quotas, the Verify filters, the Agreement dialog and the
// export all read final_state. Nothing else decides what is accepted.
//
// Votes are the annotators' current verdicts (candidate_state: one per annotator, the newest of
// their effective decisions). A candidate is *in dispute* when its votes are not all the same.
// An adjudication (a decision of kind "adjudication" in the log, undoable like any other) settles
// a candidate under every rule: while it stands, its verdict is the final verdict, whatever the
// votes say or later become.
enum class AcceptRule : int {
    // The latest vote of any annotator (by time, then log order). What schema 3 counted in its
    // statistics; an annotator's late change silently overrides everyone else.
    Latest = 0,
    // All annotators accept: accepted when every vote is accept; any reject makes it rejected,
    // otherwise (an unsure) unsure. One doubt keeps an image out. The default (see below).
    Unanimous = 1,
    // Strict majority of the votes: accept when accepts > rejects + unsures, reject when
    // rejects > accepts + unsures, otherwise (a tie, or unsures decide) unsure.
    Majority = 2,
    // Agreeing votes are final; a candidate in dispute has no final verdict (it awaits
    // adjudication, and counts as neither accepted nor rejected) until a curator settles it.
    Adjudicated = 3,
};

// Old projects and new ones alike: all annotators accept. It is what the export selected by
// default before the rule moved into the project, so exports of existing projects do not change,
// and with one annotator every rule gives the same verdicts (README, release notes).
constexpr AcceptRule kDefaultAcceptRule = AcceptRule::Unanimous;

// "latest", "unanimous", "majority", "adjudicated": the spelling of the meta key, the CLI and
// the export README.
QString acceptRuleName(AcceptRule rule);
// Also takes "no-objection", the export's name for unanimous before schema 4, and "all".
std::optional<AcceptRule> acceptRuleFromName(const QString &name);
QList<AcceptRule> allAcceptRules();
// One line that says what the rule does, in words, in English (CLI, README.txt of an export: a file
// reads the same whoever wrote it).
QString acceptRuleDescription(AcceptRule rule);
// The same line in the user's language (the GUI's catalogue; English when none is installed): screens.
QString acceptRuleDescriptionShown(AcceptRule rule);

struct FinalOutcome {
    Verdict verdict = Verdict::None; // None: no final verdict (undecided, or awaiting adjudication)
    // The decision the final verdict is attributed to (final_state.decision_id): the adjudication,
    // the latest vote (latest), or the latest vote with the final verdict; 0 when None.
    qint64 decisionId = 0;
    QString annotator;
    bool disputed = false; // the votes disagree
    bool settled = false;  // an adjudication stands
};

// The final verdict of one candidate under rule. Pure: the tests check it against hand-worked
// tables, and Project, which stores it, calls nothing else.
FinalOutcome deriveFinal(AcceptRule rule, const QList<Vote> &votes, const std::optional<Vote> &adjudication);

// How many candidates' final verdicts a change (an import, a new rule) moved, by class.
struct FinalShift {
    qint64 becameAccepted = 0;                   // not accepted before, accepted after
    qint64 lostAccepted = 0;                     // accepted before, not after
    qint64 otherChanges = 0;                     // e.g. rejected -> unsure, or a new reject
    QList<QPair<QString, qint64>> perClassDelta; // class -> accepted after - before (non-zero only)
    bool isEmpty() const { return becameAccepted == 0 && lostAccepted == 0 && otherChanges == 0; }
    // "2 became accepted, 9 no longer accepted (airplane -9, cat +2)".
    QString summary() const;
};

} // namespace tc::core
