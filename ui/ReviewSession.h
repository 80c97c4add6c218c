#pragma once

#include "core/dedup/DedupStore.h"
#include "core/dedup/DuplicateOutcomes.h"
#include "ui/BackgroundTask.h"

#include <QHash>
#include <QImage>
#include <QList>
#include <QObject>
#include <QString>
#include <memory>
#include <optional>
#include <vector>

class QAbstractItemModel;

namespace tc::core {
class ExactGroupModel;
class PairListModel;
class Project;
} // namespace tc::core

namespace tc::ui {

using PairStatus = core::PairStatus;

// Everything the review pane shows about one pair, filled from core.
struct PairCard {
    qint64 candidateId = 0;
    qint64 setId = 0;
    qint64 refIndex = 0;
    QString candidateName; // core::candidateName(): "Tiny #123" or the file name
    QString setName, setRole;
    double ssim = 0.0, l2 = 0.0;
    PairStatus status = PairStatus::Unreviewed;
    QImage candidate, reference;
    // How the candidate lines up with the reference (where its SSIM was found), and the reference
    // moved that way (null when it is the identity).
    core::PairTransform transform;
    QImage alignedReference;
    QString candidateClass, candidateKeyword;
    qint64 tinyIndex = -1;
    QString referenceClass, referenceKeyword;
    int rank = 0; // 1-based position in the similarity order
    int total = 0;
    // What export does with the candidate at the current thresholds (core::RemovalRule), whatever this
    // pair's status: another pair or an identical copy may decide it.
    core::Removal outcome = core::Removal::None;
};

// The thin adapter between the review pane and core's duplicate results for one annotator: the pair
// list is core's PairListModel (queries, paging, sorting, reviews), which this wraps with status colours
// for the table; thresholds, search options and statistics become the plain structs the widgets paint.
// Not a widget, so tests drive it the way the pane does.
class ReviewSession final : public QObject {
    Q_OBJECT
public:
    ReviewSession(core::Project *project, const QString &annotator, QObject *parent = nullptr);
    ~ReviewSession() override;

    QString errorString() const { return m_error; }
    core::Project *project() const { return m_project; }
    // A pair's status as the table's Status column writes it.
    static QString statusText(PairStatus status);

    // Pairs flagged at the current thresholds, most similar first; reviewed ones only when asked; never the
    // pairs of an exact copy of an exclude-set image (removed, not reviewed: see exactGroups()).
    // pairModel() is what the table shows (pairs() with status colours), same rows.
    QAbstractItemModel *pairModel() const;
    core::PairListModel *pairs() const;
    int pairCount() const;     // rows loaded so far (the table fetches more as it scrolls)
    qint64 totalPairs() const; // rows in the whole list
    PairCard card(int row) const;
    // The row of a pair after the list changed, loading pages up to it (-1 when no longer listed).
    int rowOf(qint64 candidateId, qint64 setId, qint64 refIndex) const;

    void setShowReviewed(bool show);
    bool showReviewed() const { return m_showReviewed; }
    // Lists the pairs of one reference set (0: every set).
    void setReferenceSet(qint64 setId);
    QList<core::ReferenceSetInfo> referenceSets() const;
    // Live: only tally() and the exact groups' outcomes follow (cheap enough for every slider step).
    void setThresholds(double ssim, double l2);
    double ssimThreshold() const { return m_ssim; }
    double l2Threshold() const { return m_l2; }
    // Saves the thresholds as the project's settings (dedup, export and the CLI use them) and
    // re-lists the pairs they flag. False + errorString() when the project refused.
    bool applyThresholds();

    // How the next duplicate search finds pairs (top-k, exhaustive SSIM, SSIM window): project settings,
    // so the CLI and later runs agree; a change makes the next run measure every pair again. They are
    // checked by core (DedupSettings::validate) and saved by that run when it completes (dedupJob).
    core::DedupSettings searchSettings() const;
    // Why the stored search does not serve the project's settings (thresholds included): a set never
    // searched, candidates added since, options changed, or an L2 threshold above what the search proved
    // it found under shifts (core::DedupSearchState). Empty when current; export refuses otherwise.
    QStringList searchProblems() const;
    bool setSearchOptions(int topK, bool exhaustive, core::SsimWindow window,
                          core::TransformSet transforms = core::TransformSet::ShiftFlip);

    // Records a review (append-only log in core); only that row changes. False + errorString() on failure.
    bool mark(int row, PairStatus status);
    // Undoes this annotator's latest review; returns the pair it concerned.
    std::optional<PairCard> undo();

    qint64 candidateCount() const;
    // What an export would remove and what is left to review at the current (live) thresholds, by the
    // rule export applies (core::RemovalRule); the same per class, in class order (classNames()).
    core::DuplicateTally tally() const;
    QList<core::DuplicateTally> classTallies() const;
    QStringList classNames() const;
    core::Removal outcome(qint64 candidateId) const;
    std::vector<double> maxSsimPerCandidate() const;
    std::vector<double> minL2PerCandidate() const;
    // Byte-identical images as groups (lazy; core), with each candidate's outcome at the live thresholds.
    core::ExactGroupModel *exactGroups() const;
    QStringList referenceSetNames() const;

    // Jobs for BackgroundTask: each opens its own Project on the same file.
    BackgroundTask::Work dedupJob() const;
    BackgroundTask::Work addReferenceJob(const QString &name, const QString &role, const QString &path) const;

    // Re-reads everything from the project (after a job finished).
    void reload();

signals:
    void pairsChanged();
    void statisticsChanged();

private:
    bool updateOutcomes(qint64 candidateId);

    struct Private;
    core::Project *m_project = nullptr;
    QString m_annotator;
    mutable core::DedupStore m_store;
    mutable QString m_error;
    double m_ssim = 0.75;
    double m_l2 = 1000.0;
    std::optional<core::DedupSettings> m_nextSearch; // setSearchOptions(), for dedupJob()
    bool m_showReviewed = false;
    std::unique_ptr<Private> d;
};

} // namespace tc::ui
