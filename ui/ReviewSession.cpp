#include "ui/ReviewSession.h"

#include "core/project/Project.h"
#include "core/project/Statement.h"
#include "core/project/Transaction.h"
#include "ui/PairTableModel.h"
#include "ui/ReviewImages.h"

#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <algorithm>

namespace tc::ui {

namespace {
struct SetInfo {
    QString name, role;
    QStringList labelNames;
};

QStringList parseLabelNames(const QString &text)
{
    // Stored as a JSON array; older files may hold one name per line.
    const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8());
    if (doc.isArray()) {
        QStringList names;
        for (const auto &v : doc.array())
            names << v.toString();
        return names;
    }
    return text.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
}

// A candidate's effective review log entries: not undo entries and not undone.
const char *const kEffective = "undoes IS NULL AND NOT EXISTS (SELECT 1 FROM pair_reviews u WHERE u.undoes = r.id)";
} // namespace

struct ReviewSession::Private {
    PairTableModel model;
    QHash<qint64, SetInfo> sets;
    struct CandidateStat {
        qint64 id = 0;
        double maxSsim = 0.0;
        double minL2 = 0.0;
    };
    std::vector<CandidateStat> stats;
};

ReviewSession::ReviewSession(core::Project *project, const QString &annotator, QObject *parent)
    : QObject(parent), m_project(project), m_annotator(annotator), d(std::make_unique<Private>())
{
    m_ssim = project->setting(QStringLiteral("ssim_threshold"), QStringLiteral("0.75")).toDouble();
    m_l2 = project->setting(QStringLiteral("l2_threshold"), QStringLiteral("1000")).toDouble();
    reload();
}

ReviewSession::~ReviewSession() = default;

QAbstractItemModel *ReviewSession::pairModel() const
{
    return &d->model;
}
int ReviewSession::pairCount() const
{
    return d->model.rowCount();
}

void ReviewSession::reload()
{
    d->sets.clear();
    core::Statement q(m_project->database(), QStringLiteral("SELECT id, name, role, label_names FROM reference_sets"));
    while (q.next())
        d->sets.insert(q.int64(0), SetInfo{q.text(1), q.text(2), parseLabelNames(q.text(3))});
    d->stats.clear();
    core::Statement s(m_project->database(),
                      QStringLiteral("SELECT candidate_id, MAX(ssim), MIN(l2) FROM near_pairs GROUP BY candidate_id"));
    while (s.next())
        d->stats.push_back({s.int64(0), s.real(1), s.real(2)});
    reloadPairs();
    emit statisticsChanged();
}

void ReviewSession::reloadPairs()
{
    QList<PairRow> rows;
    core::Statement q(m_project->database(), QStringLiteral(R"SQL(
        SELECT p.candidate_id, p.set_id, p.ref_index, p.ssim, p.l2, p.status, cl.name, k.keyword
        FROM near_pairs p JOIN candidates c ON c.id = p.candidate_id
        JOIN keywords k ON k.id = c.keyword_id JOIN classes cl ON cl.id = k.class_id
        WHERE (p.ssim >= ?1 OR p.l2 <= ?2)
          AND (?3 OR (p.status = 0 AND NOT EXISTS
                (SELECT 1 FROM near_pairs o WHERE o.candidate_id = p.candidate_id AND o.status = 1)))
        ORDER BY p.ssim DESC, p.l2 ASC, p.candidate_id, p.set_id, p.ref_index)SQL"));
    q.bind(1, m_ssim).bind(2, m_l2).bind(3, m_showReviewed ? 1 : 0);
    while (q.next()) {
        PairRow r{q.int64(0), q.int64(1), q.int64(2), q.real(3), q.real(4), int(q.int64(5)), {}, q.text(6), q.text(7)};
        r.setName = d->sets.value(r.setId).name;
        rows << r;
    }
    if (q.hasError())
        m_error = q.errorString();
    d->model.setRows(std::move(rows));
    emit pairsChanged();
}

PairCard ReviewSession::card(int row) const
{
    PairCard c;
    if (row < 0 || row >= pairCount())
        return c;
    const PairRow &r = d->model.row(row);
    const SetInfo set = d->sets.value(r.setId);
    c.candidateId = r.candidateId;
    c.setId = r.setId;
    c.refIndex = r.refIndex;
    c.setName = set.name;
    c.setRole = set.role;
    c.ssim = r.ssim;
    c.l2 = r.l2;
    c.status = PairStatus(r.status);
    c.rank = row + 1;
    c.total = pairCount();
    if (const auto rec = m_project->candidate(r.candidateId)) {
        c.candidateClass = rec->className;
        c.candidateKeyword = rec->keyword;
        c.tinyIndex = rec->tinyIndex;
    }
    const QByteArray px = m_project->pixels(r.candidateId);
    c.candidate = imageFromCanonical({reinterpret_cast<const std::uint8_t *>(px.constData()), std::size_t(px.size())});
    core::Statement q(m_project->database(),
                      QStringLiteral("SELECT pixels, label FROM reference_images WHERE set_id = ?1 AND idx = ?2"));
    q.bind(1, r.setId).bind(2, r.refIndex);
    if (q.next()) {
        c.reference = imageFromCanonical(q.blobView(0));
        const qint64 label = q.isNull(1) ? -1 : q.int64(1);
        if (label >= 0 && label < set.labelNames.size())
            c.referenceClass = set.labelNames[label];
        else if (label >= 0)
            c.referenceClass = tr("label %1").arg(label);
    }
    return c;
}

int ReviewSession::rowOf(qint64 candidateId, qint64 setId, qint64 refIndex) const
{
    const auto &rows = d->model.rows();
    for (int i = 0; i < rows.size(); ++i)
        if (rows[i].candidateId == candidateId && rows[i].setId == setId && rows[i].refIndex == refIndex)
            return i;
    return -1;
}

void ReviewSession::setShowReviewed(bool show)
{
    if (show == m_showReviewed)
        return;
    m_showReviewed = show;
    reloadPairs();
}

void ReviewSession::setThresholds(double ssim, double l2)
{
    m_ssim = ssim;
    m_l2 = l2;
    reloadPairs();
}

bool ReviewSession::saveThresholds()
{
    return m_project->setSetting(QStringLiteral("ssim_threshold"), QString::number(m_ssim)) &&
           m_project->setSetting(QStringLiteral("l2_threshold"), QString::number(m_l2));
}

bool ReviewSession::mark(int row, PairStatus status)
{
    if (row < 0 || row >= pairCount())
        return false;
    const PairRow r = d->model.row(row);
    if (!appendReview(r.candidateId, r.setId, r.refIndex, int(status), 0))
        return false;
    reloadPairs();
    return true;
}

std::optional<PairCard> ReviewSession::undo()
{
    core::Database &db = m_project->database();
    core::Statement last(db, QStringLiteral("SELECT id, candidate_id, set_id, ref_index FROM pair_reviews r "
                                            "WHERE annotator = ?1 AND %1 ORDER BY id DESC LIMIT 1")
                                 .arg(QLatin1String(kEffective)));
    last.bind(1, m_annotator);
    if (!last.next())
        return std::nullopt;
    PairCard c;
    const qint64 reviewId = last.int64(0);
    c.candidateId = last.int64(1);
    c.setId = last.int64(2);
    c.refIndex = last.int64(3);
    if (!appendReview(c.candidateId, c.setId, c.refIndex, 0, reviewId))
        return std::nullopt;
    reloadPairs();
    return c;
}

bool ReviewSession::appendReview(qint64 candidateId, qint64 setId, qint64 refIndex, int status, qint64 undoes)
{
    // One transaction: the log entry and the derived near_pairs.status never disagree.
    core::Database &db = m_project->database();
    core::Transaction tx(db);
    core::Statement ins(db, QStringLiteral("INSERT INTO pair_reviews(candidate_id, set_id, ref_index, status, "
                                           "annotator, created_at, undoes) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7)"));
    ins.bind(1, candidateId).bind(2, setId).bind(3, refIndex).bind(4, status).bind(5, m_annotator);
    ins.bind(6, QDateTime::currentMSecsSinceEpoch());
    if (undoes > 0)
        ins.bind(7, undoes);
    else
        ins.bindNull(7);
    // The pair's status is its newest effective review (any annotator), 0 when none is left.
    core::Statement upd(db, QStringLiteral("UPDATE near_pairs SET status = COALESCE((SELECT status FROM pair_reviews r "
                                           "WHERE candidate_id = ?1 AND set_id = ?2 AND ref_index = ?3 AND %1 "
                                           "ORDER BY id DESC LIMIT 1), 0) "
                                           "WHERE candidate_id = ?1 AND set_id = ?2 AND ref_index = ?3")
                                .arg(QLatin1String(kEffective)));
    upd.bind(1, candidateId).bind(2, setId).bind(3, refIndex);
    if (!tx.isActive() || !ins.exec() || !upd.exec() || !tx.commit()) {
        m_error = db.errorString();
        return false;
    }
    return true;
}

qint64 ReviewSession::candidateCount() const
{
    return qint64(d->stats.size());
}

qint64 ReviewSession::flaggedCount() const
{
    return std::count_if(d->stats.begin(), d->stats.end(),
                         [this](const auto &s) { return s.maxSsim >= m_ssim || s.minL2 <= m_l2; });
}

std::vector<double> ReviewSession::maxSsimPerCandidate() const
{
    std::vector<double> v;
    v.reserve(d->stats.size());
    for (const auto &s : d->stats)
        v.push_back(s.maxSsim);
    return v;
}

std::vector<double> ReviewSession::minL2PerCandidate() const
{
    std::vector<double> v;
    v.reserve(d->stats.size());
    for (const auto &s : d->stats)
        v.push_back(s.minL2);
    return v;
}

QStringList ReviewSession::referenceSetNames() const
{
    QStringList names;
    for (const SetInfo &s : std::as_const(d->sets))
        names << s.name;
    names.sort();
    return names;
}

// Groups of byte-identical candidates (internal exact matches, joined transitively) with the reference
// images they equal. Identical bytes match the same references, so one exclude match removes the group.
struct ReviewSession::ExactCluster {
    QList<qint64> candidates; // ascending
    QList<QPair<qint64, qint64>> references;
    bool excluded = false;
    qint64 kept = 0; // 0: none kept
};

QList<ReviewSession::ExactCluster> ReviewSession::exactClusters() const
{
    QHash<qint64, qint64> parent;
    const auto find = [&parent](qint64 x) {
        while (parent.value(x, x) != x)
            x = parent[x] = parent.value(parent[x], parent[x]);
        return x;
    };
    QHash<qint64, QList<QPair<qint64, qint64>>> refs;
    core::Statement q(m_project->database(),
                      QStringLiteral("SELECT candidate_id, set_id, ref_index FROM exact_matches"));
    while (q.next()) {
        const qint64 c = q.int64(0);
        parent.insert(c, parent.value(c, c));
        if (q.isNull(1)) {
            parent.insert(q.int64(2), parent.value(q.int64(2), q.int64(2)));
            parent[find(c)] = find(q.int64(2));
        } else {
            refs[c].append({q.int64(1), q.int64(2)});
        }
    }
    QHash<qint64, ExactCluster> byRoot;
    for (auto it = parent.cbegin(); it != parent.cend(); ++it)
        byRoot[find(it.key())].candidates.append(it.key());
    QList<ExactCluster> clusters;
    for (ExactCluster &g : byRoot) {
        std::sort(g.candidates.begin(), g.candidates.end());
        for (qint64 c : g.candidates)
            for (const auto &r : refs.value(c))
                if (!g.references.contains(r))
                    g.references.append(r);
        for (const auto &r : g.references)
            g.excluded = g.excluded || d->sets.value(r.first).role == QLatin1String("exclude");
        g.kept = g.excluded ? 0 : g.candidates.first(); // the earliest imported copy stays
        clusters.append(g);
    }
    std::sort(clusters.begin(), clusters.end(), [](const ExactCluster &a, const ExactCluster &b) {
        return a.candidates.size() != b.candidates.size() ? a.candidates.size() > b.candidates.size()
                                                          : a.candidates.first() < b.candidates.first();
    });
    return clusters;
}

ExactMember ReviewSession::candidateMember(qint64 id, bool kept) const
{
    ExactMember m;
    const QByteArray px = m_project->pixels(id);
    m.image = imageFromCanonical({reinterpret_cast<const std::uint8_t *>(px.constData()), std::size_t(px.size())});
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
    const SetInfo set = d->sets.value(setId);
    m.text = tr("%1 #%2 (%3)").arg(set.name).arg(index).arg(set.role);
    core::Statement q(m_project->database(),
                      QStringLiteral("SELECT pixels FROM reference_images WHERE set_id = ?1 AND idx = ?2"));
    q.bind(1, setId).bind(2, index);
    if (q.next())
        m.image = imageFromCanonical(q.blobView(0));
    return m;
}

QList<ExactGroup> ReviewSession::exactGroups() const
{
    constexpr int kMaxGroups = 500; // thumbnails for more would only slow the tab down
    QList<ExactGroup> groups;
    for (const ExactCluster &c : exactClusters()) {
        if (groups.size() == kMaxGroups)
            break;
        ExactGroup g;
        for (qint64 id : c.candidates)
            g.members << candidateMember(id, id == c.kept);
        for (const auto &r : c.references)
            g.members << referenceMember(r.first, r.second);
        g.verdict =
            c.excluded ? tr("all removed (copy of an exclude reference)") : tr("keeps candidate %1").arg(c.kept);
        groups << g;
    }
    return groups;
}

QList<ClassDuplicateShare> ReviewSession::classShares() const
{
    core::Database &db = m_project->database();
    QList<ClassDuplicateShare> shares;
    QHash<qint64, int> rowOfClass;
    core::Statement cls(
        db, QStringLiteral("SELECT cl.id, cl.name, COUNT(c.id) FROM classes cl "
                           "LEFT JOIN keywords k ON k.class_id = cl.id "
                           "LEFT JOIN candidates c ON c.keyword_id = k.id GROUP BY cl.id ORDER BY cl.label"));
    while (cls.next()) {
        rowOfClass.insert(cls.int64(0), int(shares.size()));
        shares.append({cls.text(1), cls.int64(2), 0, 0, 0});
    }
    core::Statement classOf(db,
                            QStringLiteral("SELECT k.class_id FROM candidates c JOIN keywords k ON k.id = c.keyword_id "
                                           "WHERE c.id = ?1"));
    for (const ExactCluster &g : exactClusters())
        for (qint64 id : g.candidates) {
            classOf.reset();
            classOf.bind(1, id);
            if (id != g.kept && classOf.next() && rowOfClass.contains(classOf.int64(0)))
                ++shares[rowOfClass[classOf.int64(0)]].exact;
        }
    core::Statement near(db, QStringLiteral(R"SQL(
        SELECT k.class_id, MAX(p.status = 1), MAX(p.status = 0 AND (p.ssim >= ?1 OR p.l2 <= ?2))
        FROM near_pairs p JOIN candidates c ON c.id = p.candidate_id JOIN keywords k ON k.id = c.keyword_id
        GROUP BY p.candidate_id)SQL"));
    near.bind(1, m_ssim).bind(2, m_l2);
    while (near.next()) {
        if (!rowOfClass.contains(near.int64(0)))
            continue;
        ClassDuplicateShare &s = shares[rowOfClass.value(near.int64(0))];
        if (near.int64(1))
            ++s.marked;
        else if (near.int64(2))
            ++s.flagged;
    }
    return shares;
}

BackgroundTask::Work ReviewSession::dedupJob() const
{
    return [](const core::Progress &) { return tr("The duplicate search is not available in this build yet."); };
}

BackgroundTask::Work ReviewSession::addReferenceJob(const QString &, const QString &, const QString &) const
{
    return [](const core::Progress &) { return tr("Reference sets cannot be added in this build yet."); };
}

} // namespace tc::ui
