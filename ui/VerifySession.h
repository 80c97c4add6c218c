#pragma once

#include "core/project/ProjectTypes.h"
#include "ui/CandidateCard.h"

#include <QHash>
#include <QImage>
#include <QList>
#include <QObject>
#include <optional>
#include <utility>

namespace tc::core {
class Project;
}

namespace tc::ui {

// The thin adapter between the verify views and core::Project for one annotator: it walks the filtered
// candidate order (core pages it), keeps the trail of candidates this annotator saw so "back" returns to
// exactly the previous image, and turns core records into CandidateCard / page images. Every decision is
// committed by core (its own transaction) before the session moves on. Not a widget: tests and the
// benchmark drive it the same way the views do.
//
// What a key press costs: the commit, and nothing that scans the filter. The next ids of the filter are read
// ahead in pages, candidate records are cached, the keyword's accepted count and the position in the filter
// ("candidate 12 of 900") are kept by bookkeeping: a decision moves a candidate in or out of the filter, which
// shifts the count and the rows after it by one. Counting happens once per filter change and in idle time
// (refreshPosition()), which also checks the bookkeeping against SQL.
class VerifySession final : public QObject {
    Q_OBJECT
public:
    // Where the current candidate sits in the filter. row: 1-based, 0 when the candidate is outside the filter
    // (reached with "back" after its verdict took it out). known is false when bookkeeping cannot tell without
    // counting (after a grid page or a decision made elsewhere): the view then shows no figure rather than a
    // plausible wrong one, until refreshPosition().
    struct Position {
        qint64 row = 0;
        qint64 size = 0;
        bool known = false;
    };

    VerifySession(core::Project *project, const QString &annotator, QObject *parent = nullptr);

    core::Project *project() const { return m_project; }
    QString annotator() const { return m_annotator; }
    QString errorString() const { return m_error; }

    // Sets the filter (its annotator is forced to ours) and resumes where this annotator stopped in it; counts
    // the resume point's position (the one place besides refreshPosition() that counts).
    void setFilter(core::CandidateFilter filter);
    core::CandidateFilter filter() const { return m_filter; }

    // ---- single mode ----
    std::optional<qint64> current() const;
    // The candidate's card; for the current candidate it carries position() (no SQL beyond the record).
    CandidateCard card(qint64 candidateId);
    // The current candidate's position from bookkeeping; no SQL.
    Position position() const;
    // Counts the current candidate's position (two or three count queries over the filter: idle time only),
    // compares it with the bookkeeping and keeps the counted figures.
    Position refreshPosition();
    // Counted, not kept: 1-based row of the candidate (0: not in the filter) and the filter's size.
    std::pair<qint64, qint64> positionOf(qint64 candidateId);
    // Times refreshPosition() found the bookkeeping wrong: a bug whenever it is not 0 (tests check it).
    int positionCorrections() const { return m_corrections; }
    // Idle time: reads the next ids of the filter and the next candidates' records and pixels, so that the
    // next key press finds them in memory. Bounded work; the key path does the same lazily when needed.
    void prefetch();
    // Records verdict for the current candidate, then moves to the next one. False (errorString()) when
    // core refused the decision: the view then stays on the same candidate. The only way single mode decides.
    bool decide(core::Verdict verdict);
    // Navigation: never decides. back() returns along the trail of candidates seen; forward() goes forward
    // along it and, at its end, to the next candidate of the filter (skipping it undecided). False when there
    // is nowhere to go.
    bool back();
    bool forward();
    // Undoes this annotator's latest decision batch (persisted in the log) and shows its first candidate; a
    // grid page comes back whole, with the marks it was committed with.
    bool undo();

    // ---- quotas (core counts; the session only keeps them current between counts) ----
    // "Skip keywords whose quota is met": the project setting (meta key skip_met_quotas, on by default).
    bool skipMetQuotas();
    bool setSkipMetQuotas(bool on);
    qint64 keywordQuota(qint64 keywordId);
    qint64 keywordAccepted(qint64 keywordId);
    qint64 classTarget(qint64 classId);
    qint64 classAccepted(qint64 classId);

    // ---- grid mode ----
    // One page: candidates of one keyword of one class, never more. recorded: this annotator's verdicts when
    // the page was read (None: undecided); marks: what the tiles start with (recorded, undecided ones accept;
    // after an undo, the marks the page was committed with).
    struct GridPage {
        QList<qint64> ids;
        QList<core::Verdict> recorded;
        QList<core::Verdict> marks;
        qint64 classId = 0, keywordId = 0;
        QString className, keyword;
    };
    // The page starting at the resume point (or after the last committed page), at most size candidates, ending
    // where its keyword ends. Unless the filter names the keyword, keywords whose quota is met are skipped while
    // skipMetQuotas() is on.
    GridPage page(int size);
    QList<QImage> images(const QList<qint64> &ids);
    // Records, as one batch, the tiles that were undecided or whose mark differs from the recorded verdict
    // (nothing else: a decided tile left alone is not decided again). Then the next page starts after it.
    bool commitPage(const GridPage &page, const QList<core::Verdict> &marks);
    // Decisions the last commitPage() recorded (0: the page only moved on).
    int lastCommitCount() const { return m_lastCommitCount; }

    // The verdict's user-visible name (tr()).
    static QString verdictText(core::Verdict verdict);

signals:
    // The current candidate (single mode) or page (after undo in grid mode) changed.
    void currentChanged();
    void decisionsCommitted();

private:
    // What the session remembers of a candidate it has shown or read ahead: the record (filter order
    // key, class, this annotator's verdict), the final verdict (what quotas count) and whether it is in the
    // filter, as core's SQL filter says.
    struct Known {
        core::CandidateRecord record;
        core::Verdict finalVerdict = core::Verdict::None;
        bool inFilter = false; // core's answer (Project::inFilter), read with the verdicts: never decided here
    };

    const Known *known(qint64 candidateId);
    bool inFilter(const Known &k) const;
    // A decision or undo moved candidateId into (+1) or out of (-1) the filter: the size and the rows of every
    // remembered candidate after it in filter order shift by one.
    void shiftAfter(qint64 candidateId, int delta);
    // Verdict bookkeeping after candidateId's verdicts changed from `before` to its cached ones; returns
    // how it moved relative to the filter (+1 joined, -1 left, 0 neither).
    int applyVerdictChange(qint64 candidateId, const Known &before);
    // Forgets every cached record, count and read-ahead id (decisions or imports made elsewhere).
    void forget();
    std::optional<qint64> takeNext();
    // Moves along the trail, or appends the next member of the filter (keeping the position bookkeeping).
    bool advance(bool pastEnd);
    void resetTrail(std::optional<qint64> start);
    // The first candidate of the filter at or after `from` (0: the resume point) whose keyword is not skipped.
    std::optional<qint64> pageStart(qint64 after);
    bool keywordSkipped(qint64 keywordId);
    GridPage readPage(const QList<qint64> &ids);

    core::Project *m_project = nullptr;
    QString m_annotator;
    QString m_error;
    core::CandidateFilter m_filter;
    QList<qint64> m_trail; // candidates shown in this filter, in the order they were shown
    qsizetype m_trailPos = -1;
    qint64 m_pageAfter = 0;                // grid: the next page starts after this candidate (0: at the resume point)
    std::optional<GridPage> m_undonePage;  // grid: a page reopened by undo is shown again before any new one
    QList<QList<qint64>> m_committedPages; // grid: the pages committed in this session, for undo to bring back
    int m_lastCommitCount = 0;
    QHash<qint64, qint64> m_quotas;
    QHash<qint64, qint64> m_classTargets;
    QHash<qint64, qint64> m_classAccepted; // class -> accepted (final verdicts)

    QHash<qint64, Known> m_known;
    QHash<qint64, QImage> m_images;   // read ahead, taken by card()
    QHash<qint64, qint64> m_before;   // candidate -> filter members before it in filter order
    qint64 m_size = -1;               // filter size; -1 unknown
    QHash<qint64, qint64> m_accepted; // keyword -> accepted (final verdicts)
    QList<qint64> m_ahead;            // the filter's members right after m_aheadAfter, in order
    qint64 m_aheadAfter = 0;
    bool m_ownChange = false; // core's decisionsChanged comes from our own call
    int m_corrections = 0;
};

} // namespace tc::ui
