#include "ui/ReviewSession.h"

#include "core/dedup/DedupRunner.h"
#include "core/dedup/FlaggedCandidates.h"
#include "core/dedup/PairListModel.h"
#include "core/project/Project.h"
#include "ui/ReviewImages.h"

#include <QBrush>
#include <QColor>
#include <QHash>
#include <QIdentityProxyModel>
#include <QSet>
#include <algorithm>

namespace tc::ui {

namespace {
QImage toImage(const QByteArray &pixels)
{
    return imageFromCanonical({reinterpret_cast<const std::uint8_t *>(pixels.constData()), std::size_t(pixels.size())});
}

QString statusText(PairStatus status)
{
    switch (status) {
    case PairStatus::Duplicate:
        return ReviewSession::tr("duplicate");
    case PairStatus::Distinct:
        return ReviewSession::tr("distinct");
    case PairStatus::Unreviewed:
        break;
    }
    return ReviewSession::tr("to review");
}

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
            return statusText(status());
        if (role == Qt::DisplayRole && index.column() == M::CandidateCol &&
            QIdentityProxyModel::data(index, M::TinyIndexRole).toLongLong() < 0)
            return ReviewSession::tr("id %1").arg(QIdentityProxyModel::data(index, M::CandidateIdRole).toLongLong());
        return QIdentityProxyModel::data(index, role);
    }

    QVariant headerData(int section, Qt::Orientation orientation, int role) const override
    {
        if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
            return QIdentityProxyModel::headerData(section, orientation, role);
        switch (section) {
        case M::CandidateCol:
            return ReviewSession::tr("Tiny index");
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
    // Per candidate over every set: the best SSIM and smallest L2 (the histograms' values).
    std::vector<double> maxSsim;
    std::vector<double> minL2;
    // The live flagged count behind the threshold slider (open pairs only, in memory).
    core::FlaggedCandidates flagged;
};

ReviewSession::ReviewSession(core::Project *project, const QString &annotator, QObject *parent)
    : QObject(parent), m_project(project), m_annotator(annotator), m_store(project->database()),
      d(std::make_unique<Private>())
{
    const core::DedupSettings settings = m_store.settings();
    m_ssim = settings.ssimThreshold;
    m_l2 = settings.l2Threshold;
    d->model = std::make_unique<core::PairListModel>(project);
    core::PairFilter filter;
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
    QHash<qint64, std::pair<double, double>> extremes;
    for (const core::CandidateExtremes &e : m_store.candidateExtremes()) {
        auto it = extremes.find(e.candidateId);
        if (it == extremes.end())
            extremes.insert(e.candidateId, {e.maxSsim, e.minL2});
        else
            *it = {std::max(it->first, e.maxSsim), std::min(it->second, e.minL2)};
    }
    d->maxSsim.clear();
    d->minL2.clear();
    for (const auto &[ssim, l2] : std::as_const(extremes)) {
        d->maxSsim.push_back(ssim);
        d->minL2.push_back(l2);
    }
    if (!d->flagged.load(m_store))
        m_error = d->flagged.errorString();
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
    c.referenceClass = p.refClassName;
    c.rank = row + 1;
    c.total = int(totalPairs());
    const QModelIndex index = d->model->index(row, 0);
    c.candidate = toImage(index.data(core::PairListModel::CandidatePixelsRole).toByteArray());
    c.reference = toImage(index.data(core::PairListModel::ReferencePixelsRole).toByteArray());
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
}

bool ReviewSession::applyThresholds()
{
    core::DedupSettings settings = m_store.settings();
    settings.ssimThreshold = m_ssim;
    settings.l2Threshold = m_l2;
    const bool ok = m_store.setSettings(settings);
    if (!ok)
        m_error = m_store.errorString();
    d->model->setThresholds(m_ssim, m_l2);
    return ok;
}

core::DedupSettings ReviewSession::searchSettings() const
{
    return m_store.settings();
}

bool ReviewSession::setSearchOptions(int topK, bool exhaustive, core::SsimWindow window)
{
    core::DedupSettings settings = m_store.settings();
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
    if (d->flagged.update(m_store, candidateId))
        return true;
    m_error = d->flagged.errorString();
    return false;
}

std::optional<PairCard> ReviewSession::undo()
{
    const std::optional<core::NearPair> p = d->model->undoReview(m_annotator);
    if (!p) {
        m_error = d->model->errorString();
        return std::nullopt;
    }
    if (!d->flagged.update(m_store, p->candidateId)) {
        m_error = d->flagged.errorString();
        return std::nullopt;
    }
    PairCard c;
    c.candidateId = p->candidateId;
    c.setId = p->setId;
    c.refIndex = p->refIndex;
    c.status = p->status;
    return c;
}

qint64 ReviewSession::candidateCount() const
{
    return qint64(d->maxSsim.size());
}

qint64 ReviewSession::flaggedCount() const
{
    return d->flagged.count(m_ssim, m_l2);
}

std::vector<double> ReviewSession::maxSsimPerCandidate() const
{
    return d->maxSsim;
}
std::vector<double> ReviewSession::minL2PerCandidate() const
{
    return d->minL2;
}

QStringList ReviewSession::referenceSetNames() const
{
    QStringList names;
    for (const core::ReferenceSetInfo &s : std::as_const(d->sets))
        names << s.name;
    names.sort();
    return names;
}

ExactMember ReviewSession::candidateMember(qint64 id, bool kept) const
{
    ExactMember m;
    m.image = toImage(m_project->pixels(id));
    const auto rec = m_project->candidate(id);
    m.text = rec ? tr("candidate %1 - %2 / %3").arg(id).arg(rec->className, rec->keyword) : tr("candidate %1").arg(id);
    if (rec && rec->tinyIndex >= 0)
        m.text += tr(" - Tiny Images #%1").arg(rec->tinyIndex);
    m.kept = kept;
    return m;
}

ExactMember ReviewSession::referenceMember(qint64 setId, qint64 index) const
{
    ExactMember m;
    m.reference = true;
    const core::ReferenceSetInfo set = d->sets.value(setId);
    m.text = tr("%1 #%2 (%3)").arg(set.name).arg(index).arg(core::roleName(set.role));
    m.image = toImage(m_store.referenceImage(setId, qint32(index)));
    return m;
}

QList<ExactGroup> ReviewSession::exactGroups() const
{
    constexpr int kMaxGroups = 500; // thumbnails for more would only slow the tab down
    QHash<qint64, QList<core::ExactReferenceMatch>> refs;
    for (const core::ExactReferenceMatch &m : m_store.exactReferenceMatches())
        refs[m.candidateId] << m;
    // Internal groups first (core keeps their lowest id), then single candidates that copy a reference.
    QList<QList<qint64>> clusters;
    QSet<qint64> grouped;
    for (const core::ExactGroup &g : m_store.exactGroups()) {
        clusters << (QList<qint64>{g.keptId} + g.duplicateIds);
        grouped.insert(g.keptId);
        for (qint64 id : g.duplicateIds)
            grouped.insert(id);
    }
    for (auto it = refs.cbegin(); it != refs.cend(); ++it)
        if (!grouped.contains(it.key()))
            clusters << QList<qint64>{it.key()};
    std::sort(clusters.begin(), clusters.end(), [](const QList<qint64> &a, const QList<qint64> &b) {
        return a.size() != b.size() ? a.size() > b.size() : a.first() < b.first();
    });
    QList<ExactGroup> groups;
    for (const QList<qint64> &ids : std::as_const(clusters)) {
        if (groups.size() == kMaxGroups)
            break;
        groups << exactGroup(ids, refs);
    }
    return groups;
}

ExactGroup ReviewSession::exactGroup(const QList<qint64> &ids,
                                     const QHash<qint64, QList<core::ExactReferenceMatch>> &refs) const
{
    // Identical bytes match the same references, so one exclude match removes the whole group.
    QList<core::ExactReferenceMatch> matches;
    bool excluded = false;
    for (qint64 id : ids)
        for (const core::ExactReferenceMatch &m : refs.value(id)) {
            if (std::none_of(matches.begin(), matches.end(), [&m](const core::ExactReferenceMatch &o) {
                    return o.setId == m.setId && o.refIndex == m.refIndex;
                }))
                matches << m;
            excluded = excluded || d->sets.value(m.setId).role == core::ReferenceRole::Exclude;
        }
    ExactGroup g;
    for (qint64 id : ids)
        g.members << candidateMember(id, !excluded && id == ids.first());
    for (const core::ExactReferenceMatch &m : std::as_const(matches))
        g.members << referenceMember(m.setId, m.refIndex);
    g.verdict = excluded ? tr("all removed (copy of an exclude reference)") : tr("keeps candidate %1").arg(ids.first());
    return g;
}

QList<core::ClassDuplicateShare> ReviewSession::classShares() const
{
    return m_store.duplicateShareByClass();
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
