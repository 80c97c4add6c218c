#pragma once

#include "core/project/ProjectTypes.h"
#include "ui/SingleModeView.h"

#include <QHash>
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
class VerifySession final : public QObject {
    Q_OBJECT
public:
    VerifySession(core::Project *project, const QString &annotator, QObject *parent = nullptr);

    core::Project *project() const { return m_project; }
    QString annotator() const { return m_annotator; }
    QString errorString() const { return m_error; }

    // Sets the filter (its annotator is forced to ours) and resumes where this annotator stopped in it.
    void setFilter(core::CandidateFilter filter);
    core::CandidateFilter filter() const { return m_filter; }

    // ---- single mode ----
    std::optional<qint64> current() const;
    CandidateCard card(qint64 candidateId);
    // 1-based row of the candidate in the filter (0: not in it) and the filter's size; two counts, not per key.
    std::pair<qint64, qint64> positionOf(qint64 candidateId);
    // Records verdict for the current candidate, then moves to the next one. False (errorString()) when
    // core refused the decision: the view then stays on the same candidate.
    bool decide(core::Verdict verdict);
    bool back();
    // Undoes this annotator's latest decision batch (persisted in the log) and shows its first candidate.
    bool undo();

    // ---- grid mode ----
    // The page starting at the resume point (or after the last committed page), at most size candidates.
    QList<qint64> page(int size);
    QList<QImage> images(const QList<qint64> &ids);
    // Commits the page as one batch: accept unless rejected[i]. Then the next page starts after it.
    bool commitPage(const QList<qint64> &ids, const QList<bool> &rejected);

    // The verdict's user-visible name (tr()).
    static QString verdictText(core::Verdict verdict);

signals:
    // The current candidate (single mode) or page (after undo in grid mode) changed.
    void currentChanged();
    void decisionsCommitted();

private:
    std::optional<qint64> nextAfter(qint64 candidateId);
    void resetTrail(std::optional<qint64> start);
    qint64 keywordQuota(qint64 keywordId);
    qint64 keywordAccepted(qint64 keywordId);

    core::Project *m_project = nullptr;
    QString m_annotator;
    QString m_error;
    core::CandidateFilter m_filter;
    QList<qint64> m_trail; // candidates shown in this filter, in the order they were shown
    qsizetype m_trailPos = -1;
    qint64 m_pageAfter = 0;     // grid: the next page starts after this candidate (0: at the resume point)
    QList<qint64> m_undonePage; // grid: a page reopened by undo is shown again before any new one
    QHash<qint64, qint64> m_quotas;
};

} // namespace tc::ui
