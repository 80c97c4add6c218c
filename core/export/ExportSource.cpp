#include "core/export/ExportSource.h"

#include "core/dedup/DedupStore.h"
#include "core/dedup/ExactIndex.h"
#include "core/export/LargeBuffer.h"
#include "core/project/AcceptRule.h"
#include "core/project/Database.h"
#include "core/project/DecisionLog.h"
#include "core/project/DuplicateFacts.h"
#include "core/project/ExportQuery.h"
#include "core/project/ReferenceSets.h"

#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <algorithm>
#include <cstring>
#include <unordered_map>

namespace tc::core {

namespace {
double fmaxNan(double a, double b)
{
    return std::isnan(a) ? b : std::isnan(b) ? a : std::max(a, b);
}
double fminNan(double a, double b)
{
    return std::isnan(a) ? b : std::isnan(b) ? a : std::min(a, b);
}
} // namespace

bool ExportSource::fail(const QString &message)
{
    m_error = message;
    return false;
}

bool ExportSource::load(Database &db, const ExportSettings &settings, ExportInput &out, const Progress &progress)
{
    out = ExportInput{};
    out.projectPath = db.fileName();
    // One read snapshot (memory-mapped, one read transaction) for every query of the load.
    ExportQuery query(db);
    return loadAll(db, query, settings, out, progress);
}

bool ExportSource::loadAll(Database &db, ExportQuery &query, const ExportSettings &settings, ExportInput &out,
                           const Progress &progress)
{
    out.candidates = query.candidateCount();
    query.thresholds(&out.ssimThreshold, &out.l2Threshold);
    out.search = DedupStore(db).searchState();
    return loadProtectedPaths(db, query, out) && loadRule(db, settings, out) && loadClasses(query, out) &&
           loadAccepted(query, out) && loadPixels(query, out) && loadReferenceSets(db, out) &&
           loadStoredMatches(db, out) && compareWithReferences(db, out, progress);
}

bool ExportSource::loadProtectedPaths(Database &db, ExportQuery &query, ExportInput &out)
{
    // The project file with the files SQLite and the lock keep beside it.
    const QString project = QFileInfo(out.projectPath).absoluteFilePath();
    out.protectedPaths << ProtectedPath{project, QStringLiteral("the project file")}
                       << ProtectedPath{project + QStringLiteral("-wal"),
                                        QStringLiteral("the project's write-ahead log")}
                       << ProtectedPath{project + QStringLiteral("-shm"),
                                        QStringLiteral("the project's shared memory file")}
                       << ProtectedPath{project + QStringLiteral("-journal"), QStringLiteral("the project's journal")}
                       << ProtectedPath{project + QStringLiteral(".lock"), QStringLiteral("the project's lock file")};
    QList<ProtectedPath> inputs;
    QList<ExportQuery::InputPath> paths;
    if (!query.inputPaths(&paths))
        return fail(query.errorString());
    for (const auto &[key, path] : std::as_const(paths)) {
        inputs << ProtectedPath{
            path, key == QLatin1String("tiny_dir") ? QStringLiteral("the Tiny Images folder the project came from")
                  : key == QLatin1String("catalog_path") ? QStringLiteral("the keyword catalog the project came from")
                                                         : QStringLiteral("the image folder the project came from")};
    }
    ReferenceSets sets(db);
    for (const ReferenceSetInfo &set : sets.list())
        if (!set.sourcePath.isEmpty())
            inputs << ProtectedPath{set.sourcePath, QStringLiteral("the source of reference set \"%1\"").arg(set.name)};
    if (!sets.errorString().isEmpty())
        return fail(sets.errorString());
    // A relative input was given relative to where its command ran: protect it as read from the
    // project's folder too.
    for (const ProtectedPath &p : std::as_const(inputs)) {
        out.protectedPaths << p;
        if (QDir::isRelativePath(p.path))
            out.protectedPaths << ProtectedPath{QFileInfo(project).dir().filePath(p.path), p.what};
    }
    return true;
}

bool ExportSource::loadClasses(ExportQuery &query, ExportInput &out)
{
    if (!query.forEachClass([&](qint64 id, const QString &name, int label) {
            out.classes.push_back(ExportClass{id, name, label, {}});
        }))
        return fail(query.errorString());
    for (auto &cls : out.classes)
        if (!query.forEachKeyword(cls.id, [&](qint64 id, const QString &keyword, qint64 count, bool absent) {
                cls.keywords.push_back(ExportKeyword{id, keyword, count, absent});
            }))
            return fail(query.errorString());
    return true;
}

bool ExportSource::loadRule(Database &db, const ExportSettings &settings, ExportInput &out)
{
    const AcceptRule rule = DecisionLog::storedRule(db);
    out.acceptRule = acceptRuleName(rule);
    if (settings.expectedAcceptRule.isEmpty())
        return true;
    const auto expected = acceptRuleFromName(settings.expectedAcceptRule);
    if (!expected)
        return fail(QStringLiteral("unknown accept rule '%1' (known: latest, unanimous, majority, adjudicated)")
                        .arg(settings.expectedAcceptRule));
    if (*expected != rule)
        return fail(QStringLiteral("%1: the project's accept rule is '%2', not '%3'; the export takes the project's "
                                   "rule (change it with: tinycurator-cli accept-rule PROJECT --set %3)")
                        .arg(out.projectPath, out.acceptRule, acceptRuleName(*expected)));
    return true;
}

bool ExportSource::loadAccepted(ExportQuery &query, ExportInput &out)
{
    // The accepted candidates are final_state's, derived under the project's accept rule (the one
    // definition, core/project/AcceptRule.h). Who accepted: the annotators whose current verdict is
    // accept and the adjudicator who accepted it, oldest first.
    out.accepted.reserve(size_t(query.acceptedCount()));
    // Annotators are a handful of names on tens of thousands of rows: share one QString per name.
    QByteArray lastName;
    QString lastAnnotator;
    const bool ok = query.forEachAcceptedVote([&](const ExportQuery::AcceptedVote &vote) {
        if (out.accepted.empty() || out.accepted.back().id != vote.candidateId) {
            ExportCandidate c;
            c.id = vote.candidateId;
            out.accepted.push_back(std::move(c));
        }
        const auto name = vote.annotatorUtf8;
        if (lastAnnotator.isNull() || QByteArrayView(name) != QByteArrayView(lastName)) {
            lastName = QByteArray(reinterpret_cast<const char *>(name.data()), qsizetype(name.size()));
            lastAnnotator = QString::fromUtf8(lastName);
        }
        ExportCandidate &c = out.accepted.back();
        if (!c.annotators.contains(lastAnnotator)) { // an adjudicator who also voted accept counts once
            c.annotators << lastAnnotator;
            c.acceptTimesMs << vote.createdAtMs;
        }
    });
    return ok || fail(query.errorString());
}

bool ExportSource::loadPixels(ExportQuery &query, ExportInput &out)
{
    QHash<qint64, std::pair<int, int>> keywordPlace; // keyword id -> (class index, keyword index)
    for (int ci = 0; ci < int(out.classes.size()); ++ci)
        for (int ki = 0; ki < int(out.classes[ci].keywords.size()); ++ki)
            keywordPlace.insert(out.classes[ci].keywords[ki].id, {ci, ki});
    resizeLargeBuffer(out.pixels.pixels, out.accepted.size() * kImageBytes);
    // One ordered scan over everyone's accepted candidates, merged with `accepted` (also id-ordered).
    size_t i = 0;
    bool bad = false;
    const bool ok = query.forEachAcceptedCandidate([&](const ExportQuery::AcceptedCandidate &row) {
        if (i >= out.accepted.size())
            return false;
        ExportCandidate &c = out.accepted[i];
        if (row.id != c.id)
            return true; // not accepted (cannot happen: both come from final_state)
        const auto place = keywordPlace.value(row.keywordId, {-1, -1});
        if (place.first < 0 || row.pixels.size() != size_t(kImageBytes)) {
            bad = true;
            return false;
        }
        c.classIndex = place.first;
        c.keywordIndex = place.second;
        c.tinyIndex = row.tinyIndex;
        c.source = row.source;
        c.filename = row.filename;
        c.pixelIndex = qsizetype(i);
        std::memcpy(out.pixels.image(qsizetype(i)).data(), row.pixels.data(), kImageBytes);
        ++i;
        return true;
    });
    if (bad)
        return fail(QStringLiteral("%1: candidate %2 has no keyword or not 3072 pixel bytes")
                        .arg(out.projectPath)
                        .arg(out.accepted[i].id));
    if (!ok)
        return fail(query.errorString());
    if (i != out.accepted.size())
        return fail(QStringLiteral("%1: decisions for %2 missing candidates")
                        .arg(out.projectPath)
                        .arg(out.accepted.size() - i));
    return true;
}

bool ExportSource::loadReferenceSets(Database &db, ExportInput &out)
{
    ReferenceSets sets(db);
    for (const ReferenceSetInfo &set : sets.list())
        out.referenceSets.push_back(ExportReferenceSet{set.id, set.name, roleName(set.role), set.count});
    if (!sets.errorString().isEmpty())
        return fail(sets.errorString());
    for (auto &c : out.accepted)
        c.references.resize(out.referenceSets.size());
    return true;
}

bool ExportSource::loadStoredMatches(Database &db, ExportInput &out)
{
    std::unordered_map<qint64, size_t> row;
    for (size_t i = 0; i < out.accepted.size(); ++i)
        row[out.accepted[i].id] = i;
    std::unordered_map<qint64, size_t> setIndex;
    for (size_t s = 0; s < out.referenceSets.size(); ++s)
        setIndex[out.referenceSets[s].id] = s;
    auto facts = [&](qint64 candidate, qint64 set) -> ReferenceFacts * {
        const auto r = row.find(candidate);
        const auto s = setIndex.find(set);
        return r == row.end() || s == setIndex.end() ? nullptr : &out.accepted[r->second].references[s->second];
    };
    DuplicateFacts stored(db);
    std::vector<DuplicateFacts::ExactRow> exact;
    if (!stored.exactMatches(&exact, DuplicateFacts::ExactKind::Reference))
        return fail(stored.errorString());
    for (const auto &e : exact)
        if (auto *f = facts(e.candidateId, e.setId))
            *f = ReferenceFacts{true, f->markedDuplicate, f->unreviewedAbove, 1.0, 0.0};
    const bool ok = stored.forEachPair(-1, [&](const DuplicateFacts::PairRow &pair) {
        auto *f = facts(pair.candidateId, pair.setId);
        if (!f)
            return;
        f->maxSsim = fmaxNan(f->maxSsim, pair.ssim);
        f->minL2 = fminNan(f->minL2, pair.l2);
        f->markedDuplicate |= pair.status == PairStatus::Duplicate;
        f->unreviewedAbove |=
            pair.status == PairStatus::Unreviewed && (pair.ssim >= out.ssimThreshold || pair.l2 <= out.l2Threshold);
    });
    return ok || fail(stored.errorString());
}

bool ExportSource::compareWithReferences(Database &db, ExportInput &out, const Progress &progress)
{
    // The accepted candidates indexed once; each reference image is then one lookup (ExactIndex: the one
    // definition of an exact copy, shared with the duplicate search).
    const ExactIndex index(qsizetype(out.accepted.size()),
                           [&out](qsizetype i) { return out.imageOf(out.accepted[std::size_t(i)]); });
    qint64 done = 0, total = 0;
    for (const auto &s : out.referenceSets)
        total += s.count;
    ReferenceSets sets(db);
    bool cancelled = false;
    for (size_t s = 0; s < out.referenceSets.size(); ++s) {
        const bool read = sets.forEachImage(out.referenceSets[s].id, [&](std::span<const std::uint8_t> px) {
            if (px.size() != size_t(kImageBytes))
                return true;
            index.forEachCopy(px.data(), [&](qsizetype i) {
                ReferenceFacts &f = out.accepted[std::size_t(i)].references[s];
                f.exact = true;
                f.maxSsim = 1.0;
                f.minL2 = 0.0;
            });
            if (++done % 4096 == 0) {
                progress.report(done, total);
                cancelled = progress.isCancelled();
            }
            return !cancelled;
        });
        if (cancelled)
            return fail(QStringLiteral("cancelled"));
        if (!read)
            return fail(sets.errorString());
    }
    return true;
}

} // namespace tc::core
