#pragma once

#include <QList>
#include <QMetaType>
#include <QString>
#include <optional>

namespace tc::core {

// An annotator's verdict on a candidate. The numbers are stored in the decision log
// (decisions.verdict); None (0) is what an undo entry records.
enum class Verdict : int { None = 0, Accept = 1, Reject = 2, Unsure = 3 };

// "accept" / "reject" / "unsure" ("" for None): the spelling of the CLI and the decisions CSV.
QString verdictName(Verdict verdict);
// Case-insensitive; also takes "1"/"2"/"3", "y"/"n"/"u", "yes"/"no". nullopt when unknown.
std::optional<Verdict> verdictFromName(const QString &name);

// Empty when name is usable as an annotator name, otherwise what is wrong with it, in words. The one
// check for every way a name arrives (CLI argument, decisions CSV, the GUI): a name is trimmed
// (callers trim first; surrounding spaces are refused here), non-empty, at most 200 characters,
// has no control characters (a newline would split a CSV row) and no U+FFFD, the replacement
// character Qt puts where bytes were not UTF-8 (a Latin-1 command line argument).
QString annotatorNameProblem(const QString &name);

// Which verdicts a candidate query keeps. Undecided/Decided/... look at CandidateFilter::annotator's
// own verdicts, or at the final verdict (under the project's accept rule, core/project/AcceptRule.h)
// when no annotator is given.
enum class VerdictFilter { Any, Undecided, Decided, Accepted, Rejected, Unsure };

struct CandidateFilter {
    qint64 classId = 0;   // 0: every class
    qint64 keywordId = 0; // 0: every keyword
    VerdictFilter verdict = VerdictFilter::Any;
    QString annotator; // whose verdicts `verdict` tests; empty: the final verdict
    bool operator==(const CandidateFilter &) const = default;
};

struct ClassInfo {
    qint64 id = 0;
    QString name;
    int label = 0;  // CIFAR label index (catalog order)
    int target = 0; // accepted images wanted for this class
    // CIFAR-100's coarse label: the superclass this class belongs to; empty when none is set.
    QString superclass{};
};

struct KeywordInfo {
    qint64 id = 0;
    qint64 classId = 0;
    QString className;
    QString keyword;
    qint64 catalogCount = 0; // the catalog's count (folder imports: files found)
    bool absent = false;     // in the catalog but not in the source
    qint64 candidates = 0;   // candidates imported for it
};

// One candidate without its pixels (those come from Project::pixels(), one at a time).
struct CandidateRecord {
    qint64 id = 0;
    qint64 keywordId = 0;
    qint64 classId = 0;
    QString keyword;
    QString className;
    qint64 tinyIndex = -1; // -1 for folder imports
    qint64 keywordPos = 0; // 0-based position among its keyword's records in source order
    QString source;        // image path for folder imports, empty for Tiny Images
    QString filename, engine, sourceUrl;
    bool resized = false;
    Verdict verdict = Verdict::None; // of the annotator asked for (or the final verdict)
};

struct DecisionInput {
    qint64 candidateId = 0;
    Verdict verdict = Verdict::Accept;
};

struct DecisionRecord {
    qint64 id = 0;
    qint64 candidateId = 0;
    QString annotator;
    Verdict verdict = Verdict::None;
    QString viewMode;
    qint64 createdAtMs = 0;    // ms since the epoch, UTC
    qint64 undoes = 0;         // for undo entries: the decision cancelled
    qint64 batch = 0;          // decisions committed together (a grid page) share a batch
    bool adjudication = false; // a curator's settlement (AcceptRule.h), or the undo of one
};

// One entry for Project::appendLog(): a decision with its own time, kind and batch, as the
// decisions CSV replays them.
struct LogEntry {
    qint64 candidateId = 0;
    QString annotator;
    Verdict verdict = Verdict::Accept; // None: an undo entry (undoes says of what)
    bool adjudication = false;
    qint64 createdAtMs = 0; // 0: now
    // Undo entries: > 0 the id of a decision in the project; < 0: -(k + 1), the k-th entry of the
    // same appendLog() call.
    qint64 undoes = 0;
    qint64 batchKey = 0; // entries with the same non-zero key share one new batch; 0: a batch of its own
    QString viewMode = QStringLiteral("csv");
};

// Per keyword (or per class when keywordId == 0) counts for the statistics views.
struct KeywordStats {
    qint64 classId = 0;
    qint64 keywordId = 0; // 0 for a class total
    QString className;
    QString keyword;
    qint64 catalogCount = 0;
    bool absent = false;
    qint64 candidates = 0, decided = 0, accepted = 0, rejected = 0, unsure = 0;
    qint64 quota = 0;
    // Candidates whose annotators disagree and that no adjudication settled (0 with an annotator);
    // awaiting: those of them without a final verdict (the adjudicated rule), counted in neither
    // decided nor accepted.
    qint64 conflicts = 0, awaiting = 0;
};

// Cohen's kappa between two annotators over the candidates both decided (3 categories:
// accept, reject, unsure). kappa is NaN when undefined (no shared candidates, or both
// annotators used a single identical category throughout: chance agreement 1).
struct Agreement {
    qint64 classId = 0;
    qint64 keywordId = 0; // 0: the class (or, with classId 0 too, the whole project)
    QString className, keyword;
    qint64 shared = 0; // candidates both annotators decided
    qint64 agreed = 0;
    double kappa = 0.0;
};

struct Conflict {
    qint64 candidateId = 0;
    qint64 keywordId = 0;
    qint64 classId = 0;
    QString keyword, className;
    qint64 tinyIndex = -1;
    Verdict verdictA = Verdict::None, verdictB = Verdict::None;
};

// One annotator's current verdict on a candidate, or an adjudication: what the accept rule
// (AcceptRule.h) decides from, and what the Agreement dialog lists.
struct Vote {
    QString annotator;
    Verdict verdict = Verdict::None;
    qint64 decisionId = 0;
    qint64 createdAtMs = 0;
};

// A candidate whose annotators' current verdicts differ (AcceptRule.h), for the Agreement
// dialog: every vote with its time, the adjudication when one stands, and the final verdict.
struct Dispute {
    qint64 candidateId = 0;
    qint64 keywordId = 0;
    qint64 classId = 0;
    QString keyword, className;
    qint64 tinyIndex = -1;
    QList<Vote> votes; // oldest first
    std::optional<Vote> adjudication;
    Verdict finalVerdict = Verdict::None;
};

// A keyword catalog as a project stores it: classes in label order, each with its keywords.
struct CatalogKeyword {
    QString keyword;
    qint64 count = 0;
};
struct CatalogClass {
    QString name;
    QList<CatalogKeyword> keywords;
    QString superclass{}; // empty: the catalog does not say (an existing one is kept)
};
using Catalog = QList<CatalogClass>;

} // namespace tc::core

Q_DECLARE_METATYPE(tc::core::Verdict)
