#include "ui/ReviewSession.h"

#include "core/common/ImageSet.h"
#include "core/dedup/CandidateName.h"
#include "core/dedup/DedupRunner.h"
#include "core/dedup/ExactGroupModel.h"
#include "core/dedup/PairListModel.h"
#include "core/dedup/TransformScorer.h"
#include "core/project/Project.h"
#include "ui/CandidateImage.h"

#include <QBrush>
#include <QColor>
#include <QHash>
#include <QIdentityProxyModel>
#include <algorithm>

namespace tc::ui {

namespace {
// Core's model is QtCore only and outside the translated sources: the table's words (headers, status)
// and status colours are added here; everything else passes through.
class PairTableLook final : public QIdentityProxyModel {
public:
    using QIdentityProxyModel::QIdentityProxyModel;
    using M = core::PairListModel;

    QVariant data(const QModelIndex &index, int role) const override
    {
        const auto status = [&] { return PairStatus(QIdentityProxyModel::data(index, M::StatusRole).toInt()); };
        if (role == Qt::ForegroundRole && index.column() == M::StatusCol && status() != PairStatus::Unreviewed)
            return QBrush(status() == PairStatus::Duplicate ? QColor(180, 40, 30) : QColor(30, 130, 50));
        if (role == Qt::DisplayRole && index.column() == M::StatusCol)
            return ReviewSession::statusText(status());
        return QIdentityProxyModel::data(index, role);
    }

    QVariant headerData(int section, Qt::Orientation orientation, int role) const override
    {
        if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
            return QIdentityProxyModel::headerData(section, orientation, role);
        switch (section) {
        case M::CandidateCol:
            return ReviewSession::tr("Candidate");
        case M::KeywordCol:
            return ReviewSession::tr("Keyword");
        case M::ClassCol:
            return ReviewSession::tr("Class");
        case M::ReferenceSetCol:
            return ReviewSession::tr("Reference set");
        case M::ReferenceIndexCol:
            return ReviewSession::tr("Ref. index");
        case M::SsimCol:
            return ReviewSession::tr("SSIM");
        case M::L2Col:
            return ReviewSession::tr("L2");
        case M::StatusCol:
            return ReviewSession::tr("Status");
        default:
            return {};
        }
    }
};

unsigned listedStatuses(bool showReviewed)
{
    // The queue is the work left: pairs marked duplicate or distinct leave it.
    return showReviewed ? core::kAllPairStatuses : core::pairStatusBit(PairStatus::Unreviewed);
}
} // namespace

struct ReviewSession::Private {
    std::unique_ptr<core::PairListModel> model;
    // Held by its Qt base: a member of a type from this file's anonymous namespace would give
    // Private internal linkage parts (gcc's -Wsubobject-linkage in a unity build).
    std::unique_ptr<QIdentityProxyModel> colours = std::make_unique<PairTableLook>();
    QHash<qint64, core::ReferenceSetInfo> sets;
    // What the removal rule does at any thresholds, from memory (the slider's live counts), and each
    // candidate's best SSIM and smallest L2 (the histograms), read in one pass over the pairs.
    core::DuplicateOutcomes outcomes;
    std::unique_ptr<core::ExactGroupModel> exact;
};

ReviewSession::ReviewSession(core::Project *project, const QString &annotator, QObject *parent)
    : QObject(parent), m_project(project), m_annotator(annotator), m_store(project->database()),
      d(std::make_unique<Private>())
{
    const core::DedupSettings settings = m_store.settings();
    m_ssim = settings.ssimThreshold;
    m_l2 = settings.l2Threshold;
    d->model = std::make_unique<core::PairListModel>(project);
    d->exact = std::make_unique<core::ExactGroupModel>(project);
    core::PairFilter filter;
    filter.reviewableOnly = true; // exact copies of exclude images are removed, not reviewed
    filter.statuses = listedStatuses(m_showReviewed);
    filter.ssimThreshold = m_ssim;
    filter.l2Threshold = m_l2;
    d->model->setFilter(filter);
    d->colours->setSourceModel(d->model.get());
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(d->model.get(), signal, this, &ReviewSession::pairsChanged);
    connect(d->model.get(), &QAbstractItemModel::modelReset, this, &ReviewSession::pairsChanged);
    reload();
}

ReviewSession::~ReviewSession() = default;

QString ReviewSession::statusText(PairStatus status)
{
    switch (status) {
    case PairStatus::Duplicate:
        return tr("duplicate");
    case PairStatus::Distinct:
        return tr("distinct");
    case PairStatus::Unreviewed:
        break;
    }
    return tr("to review");
}

QAbstractItemModel *ReviewSession::pairModel() const
{
    return d->colours.get();
}
core::PairListModel *ReviewSession::pairs() const
{
    return d->model.get();
}
int ReviewSession::pairCount() const
{
    return d->model->rowCount();
}
qint64 ReviewSession::totalPairs() const
{
    return d->model->totalCount();
}

void ReviewSession::reload()
{
    d->sets.clear();
    for (const core::ReferenceSetInfo &s : m_store.referenceSets())
        d->sets.insert(s.id, s);
    if (!d->outcomes.load(m_project->database()))
        m_error = d->outcomes.errorString();
    d->exact->refresh();
    d->exact->setOutcomes(&d->outcomes, m_ssim, m_l2);
    d->model->refresh();
    emit statisticsChanged();
}

PairCard ReviewSession::card(int row) const
{
    PairCard c;
    if (row < 0 || row >= pairCount())
        return c;
    const core::NearPair p = d->model->pair(row);
    c.candidateId = p.candidateId;
    c.setId = p.setId;
    c.refIndex = p.refIndex;
    c.setName = p.setName;
    c.setRole = core::roleName(p.role);
    c.ssim = p.ssim;
    c.l2 = p.l2;
    c.status = p.status;
    c.candidateClass = p.className;
    c.candidateKeyword = p.keyword;
    c.tinyIndex = p.tinyIndex;
    c.candidateName = core::candidateName(p.tinyIndex, p.filename, p.candidateId);
    c.outcome = outcome(p.candidateId);
    c.referenceClass = p.refClassName;
    c.rank = row + 1;
    c.total = int(totalPairs());
    const QModelIndex index = d->model->index(row, 0);
    c.candidate = candidateImage(index.data(core::PairListModel::CandidatePixelsRole).toByteArray());
    const QByteArray refPixels = index.data(core::PairListModel::ReferencePixelsRole).toByteArray();
    c.reference = candidateImage(refPixels);
    c.transform = p.transform;
    if (!p.transform.isIdentity() && refPixels.size() == core::kImageBytes) {
        QByteArray aligned(core::kImageBytes, '\0');
        core::TransformScorer::apply(reinterpret_cast<const std::uint8_t *>(refPixels.constData()), p.transform,
                                     reinterpret_cast<std::uint8_t *>(aligned.data()));
        c.alignedReference = candidateImage(aligned);
    }
    return c;
}

int ReviewSession::rowOf(qint64 candidateId, qint64 setId, qint64 refIndex) const
{
    return d->model->ensureRow(candidateId, setId, qint32(refIndex));
}

void ReviewSession::setShowReviewed(bool show)
{
    m_showReviewed = show;
    d->model->setStatuses(listedStatuses(show));
}

void ReviewSession::setReferenceSet(qint64 setId)
{
    d->model->setReferenceSet(setId);
}

QList<core::ReferenceSetInfo> ReviewSession::referenceSets() const
{
    return d->sets.values();
}

void ReviewSession::setThresholds(double ssim, double l2)
{
    m_ssim = ssim;
    m_l2 = l2;
    d->exact->setOutcomes(&d->outcomes, m_ssim, m_l2);
}

bool ReviewSession::applyThresholds()
{
    core::DedupSettings settings = m_store.settings();
    bool ok = true;
    // Saved only when they changed, and never by a window that opened the project read-only: there
    // the thresholds are the viewer's own (the list and counts follow them), the project keeps its own.
    if ((settings.ssimThreshold != m_ssim || settings.l2Threshold != m_l2) && !m_project->isReadOnly()) {
        settings.ssimThreshold = m_ssim;
        settings.l2Threshold = m_l2;
        ok = m_store.setSettings(settings);
        if (!ok)
            m_error = m_store.errorString();
    }
    d->model->setThresholds(m_ssim, m_l2);
    return ok;
}

QStringList ReviewSession::searchProblems() const
{
    return m_store.searchState().problems;
}

core::DedupSettings ReviewSession::searchSettings() const
{
    return m_store.settings();
}

bool ReviewSession::setSearchOptions(int topK, bool exhaustive, core::SsimWindow window, core::TransformSet transforms)
{
    core::DedupSettings settings = m_store.settings();
    settings.transforms = transforms;
    settings.topK = topK;
    settings.exhaustive = exhaustive;
    settings.window = window;
    if (const QString bad = settings.validate(); !bad.isEmpty()) {
        m_error = bad;
        return false;
    }
    m_nextSearch = settings;
    return true;
}

bool ReviewSession::mark(int row, PairStatus status)
{
    const qint64 candidateId = d->model->pair(row).candidateId;
    if (!d->model->review(row, status, m_annotator)) {
        m_error = d->model->errorString();
        return false;
    }
    return updateOutcomes(candidateId);
}

std::optional<PairCard> ReviewSession::undo()
{
    const std::optional<core::NearPair> p = d->model->undoReview(m_annotator);
    if (!p) {
        m_error = d->model->errorString();
        return std::nullopt;
    }
    if (!updateOutcomes(p->candidateId))
        return std::nullopt;
    PairCard c;
    c.candidateId = p->candidateId;
    c.setId = p->setId;
    c.refIndex = p->refIndex;
    c.status = p->status;
    return c;
}

qint64 ReviewSession::candidateCount() const
{
    return d->outcomes.candidateCount();
}

core::DuplicateTally ReviewSession::tally() const
{
    return d->outcomes.tally(m_ssim, m_l2);
}

QList<core::DuplicateTally> ReviewSession::classTallies() const
{
    return d->outcomes.tallyByClass(m_ssim, m_l2);
}

QStringList ReviewSession::classNames() const
{
    return d->outcomes.classNames();
}

core::Removal ReviewSession::outcome(qint64 candidateId) const
{
    return d->outcomes.outcome(candidateId, m_ssim, m_l2);
}

core::ExactGroupModel *ReviewSession::exactGroups() const
{
    return d->exact.get();
}

bool ReviewSession::updateOutcomes(qint64 candidateId)
{
    if (!d->outcomes.update(m_project->database(), candidateId)) {
        m_error = d->outcomes.errorString();
        return false;
    }
    d->exact->setOutcomes(&d->outcomes, m_ssim, m_l2);
    return true;
}

std::vector<double> ReviewSession::maxSsimPerCandidate() const
{
    return d->outcomes.maxSsimPerCandidate();
}
std::vector<double> ReviewSession::minL2PerCandidate() const
{
    return d->outcomes.minL2PerCandidate();
}

QStringList ReviewSession::referenceSetNames() const
{
    QStringList names;
    for (const core::ReferenceSetInfo &s : std::as_const(d->sets))
        names << s.name;
    names.sort();
    return names;
}

BackgroundTask::Work ReviewSession::dedupJob() const
{
    const QString path = m_project->fileName();
    core::DedupRunOptions options;
    options.settings = m_nextSearch;
    return [path, options](const core::Progress &progress) {
        // A worker connection of its own: the GUI's is not thread-safe.
        core::Project project;
        if (!project.open(path))
            return project.errorString();
        core::DedupRunner runner(project.database());
        core::DedupRunStats stats;
        return runner.run(options, &stats, progress) ? QString() : runner.errorString();
    };
}

BackgroundTask::Work ReviewSession::addReferenceJob(const QString &name, const QString &role, const QString &path) const
{
    const QString projectPath = m_project->fileName();
    return [projectPath, name, role, path](const core::Progress &progress) {
        core::Project project;
        if (!project.open(projectPath))
            return project.errorString();
        core::DedupStore store(project.database());
        const auto r = core::roleFromName(role);
        if (!r)
            return tr("Unknown reference role \"%1\" (exclude or avoid).").arg(role);
        return store.addReferenceSet(name, *r, path, progress) != 0 ? QString() : store.errorString();
    };
}

} // namespace tc::ui
