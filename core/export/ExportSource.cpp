#include "core/export/ExportSource.h"

#include "core/dedup/DedupStore.h"
#include "core/dedup/ExactIndex.h"
#include "core/export/LargeBuffer.h"
#include "core/project/AcceptRule.h"
#include "core/project/Database.h"
#include "core/project/DecisionLog.h"
#include "core/project/Statement.h"

#include <QDir>
#include <QFileInfo>
#include <QHash>
#include <algorithm>
#include <cstring>
#include <unordered_map>

namespace tc::core {

namespace {
constexpr int kPairDuplicate = 1, kPairUnreviewed = 0; // near_pairs.status

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
    // Read the file through a memory map for the duration: the accepted candidates' pixels are
    // 200 MB for a CIFAR-10 sized export, and SQLite's default of one pread() (a system call and a
    // copy) per 4 KiB page was a third of the load time. One read transaction gives every query
    // the same snapshot and takes the WAL read lock once.
    const qint64 mmapBefore = db.queryInt(QStringLiteral("PRAGMA mmap_size"));
    db.exec(QStringLiteral("PRAGMA mmap_size = 2147418112"));
    const bool ownTransaction = !db.inTransaction() && db.exec(QStringLiteral("BEGIN"));
    const bool ok = loadAll(db, settings, out, progress);
    if (ownTransaction)
        db.exec(QStringLiteral("COMMIT"));
    db.exec(QStringLiteral("PRAGMA mmap_size = %1").arg(mmapBefore));
    return ok;
}

bool ExportSource::loadAll(Database &db, const ExportSettings &settings, ExportInput &out, const Progress &progress)
{
    out.candidates = db.queryInt(QStringLiteral("SELECT COUNT(*) FROM candidates"));
    Statement meta(db, QStringLiteral("SELECT key, value FROM meta WHERE key IN ('ssim_threshold', 'l2_threshold')"));
    while (meta.next())
        (meta.text(0) == QLatin1String("ssim_threshold") ? out.ssimThreshold : out.l2Threshold) =
            meta.text(1).toDouble();
    out.search = DedupStore(db).searchState();
    return loadProtectedPaths(db, out) && loadRule(db, settings, out) && loadClasses(db, out) &&
           loadAccepted(db, out) && loadPixels(db, out) && loadReferenceSets(db, out) && loadStoredMatches(db, out) &&
           compareWithReferences(db, out, progress);
}

bool ExportSource::loadProtectedPaths(Database &db, ExportInput &out)
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
    Statement meta(db, QStringLiteral("SELECT key, value FROM meta WHERE key IN ('tiny_dir', 'catalog_path', "
                                      "'folder_root') AND value != ''"));
    while (meta.next()) {
        const QString key = meta.text(0);
        inputs << ProtectedPath{meta.text(1), key == QLatin1String("tiny_dir")
                                                  ? QStringLiteral("the Tiny Images folder the project came from")
                                              : key == QLatin1String("catalog_path")
                                                  ? QStringLiteral("the keyword catalog the project came from")
                                                  : QStringLiteral("the image folder the project came from")};
    }
    Statement refs(db, QStringLiteral("SELECT name, source_path FROM reference_sets WHERE source_path IS NOT NULL AND "
                                      "source_path != ''"));
    while (refs.next())
        inputs << ProtectedPath{refs.text(1), QStringLiteral("the source of reference set \"%1\"").arg(refs.text(0))};
    if (meta.hasError() || refs.hasError())
        return fail(meta.hasError() ? meta.errorString() : refs.errorString());
    // A relative input was given relative to where its command ran: protect it as read from the
    // project's folder too.
    for (const ProtectedPath &p : std::as_const(inputs)) {
        out.protectedPaths << p;
        if (QDir::isRelativePath(p.path))
            out.protectedPaths << ProtectedPath{QFileInfo(project).dir().filePath(p.path), p.what};
    }
    return true;
}

bool ExportSource::loadClasses(Database &db, ExportInput &out)
{
    Statement c(db, QStringLiteral("SELECT id, name, label FROM classes ORDER BY label, id"));
    while (c.next())
        out.classes.push_back(ExportClass{c.int64(0), c.text(1), int(c.int64(2)), {}});
    if (c.hasError())
        return fail(c.errorString());
    Statement k(
        db, QStringLiteral("SELECT id, keyword, catalog_count, absent FROM keywords WHERE class_id = ?1 ORDER BY id"));
    for (auto &cls : out.classes) {
        k.reset();
        k.bind(1, cls.id);
        while (k.next())
            cls.keywords.push_back(ExportKeyword{k.int64(0), k.text(1), k.int64(2), k.int64(3) != 0});
        if (k.hasError())
            return fail(k.errorString());
    }
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

bool ExportSource::loadAccepted(Database &db, ExportInput &out)
{
    // The accepted candidates are final_state's, derived under the project's accept rule (the one
    // definition, core/project/AcceptRule.h). Who accepted: the annotators whose current verdict is
    // accept and the adjudicator who accepted it, oldest first.
    Statement q(db, QStringLiteral("SELECT f.candidate_id, s.annotator, d.created_at FROM final_state f "
                                   "JOIN candidate_state s ON s.candidate_id = f.candidate_id AND s.verdict = 1 "
                                   "JOIN decisions d ON d.id = s.decision_id WHERE f.verdict = 1 "
                                   "UNION ALL SELECT f.candidate_id, a.annotator, d.created_at FROM final_state f "
                                   "JOIN adjudication_state a ON a.candidate_id = f.candidate_id AND a.verdict = 1 "
                                   "JOIN decisions d ON d.id = a.decision_id WHERE f.verdict = 1 "
                                   "ORDER BY 1, 3, 2"));
    out.accepted.reserve(size_t(db.queryInt(QStringLiteral("SELECT COUNT(*) FROM final_state WHERE verdict = 1"))));
    // Annotators are a handful of names on tens of thousands of rows: share one QString per name.
    QByteArray lastName;
    QString lastAnnotator;
    while (q.next()) {
        const qint64 id = q.int64(0);
        if (out.accepted.empty() || out.accepted.back().id != id) {
            ExportCandidate c;
            c.id = id;
            out.accepted.push_back(std::move(c));
        }
        const auto name = q.blobView(1);
        if (lastAnnotator.isNull() || QByteArrayView(name) != QByteArrayView(lastName)) {
            lastAnnotator = q.text(1);
            lastName = QByteArray(reinterpret_cast<const char *>(name.data()), qsizetype(name.size()));
        }
        ExportCandidate &c = out.accepted.back();
        if (!c.annotators.contains(lastAnnotator)) { // an adjudicator who also voted accept counts once
            c.annotators << lastAnnotator;
            c.acceptTimesMs << q.int64(2);
        }
    }
    if (q.hasError())
        return fail(q.errorString());
    return true;
}

bool ExportSource::loadPixels(Database &db, ExportInput &out)
{
    QHash<qint64, std::pair<int, int>> keywordPlace; // keyword id -> (class index, keyword index)
    for (int ci = 0; ci < int(out.classes.size()); ++ci)
        for (int ki = 0; ki < int(out.classes[ci].keywords.size()); ++ki)
            keywordPlace.insert(out.classes[ci].keywords[ki].id, {ci, ki});
    resizeLargeBuffer(out.pixels.pixels, out.accepted.size() * kImageBytes);
    // One ordered scan over everyone's accepted candidates, merged with `accepted` (also id-ordered):
    // a lookup per id costs a B-tree descent each, the scan reads pages in order.
    Statement q(db, QStringLiteral("SELECT id, keyword_id, tiny_index, source, filename, pixels FROM candidates "
                                   "WHERE id IN (SELECT candidate_id FROM final_state WHERE verdict = 1) ORDER BY id"));
    size_t i = 0;
    while (i < out.accepted.size() && q.next()) {
        ExportCandidate &c = out.accepted[i];
        if (q.int64(0) != c.id)
            continue; // not accepted (cannot happen: both come from final_state)
        const auto place = keywordPlace.value(q.int64(1), {-1, -1});
        const auto px = q.blobView(5);
        if (place.first < 0 || px.size() != size_t(kImageBytes))
            return fail(QStringLiteral("%1: candidate %2 has no keyword or not 3072 pixel bytes")
                            .arg(out.projectPath)
                            .arg(c.id));
        c.classIndex = place.first;
        c.keywordIndex = place.second;
        c.tinyIndex = q.isNull(2) ? -1 : q.int64(2);
        c.source = q.text(3);
        c.filename = q.text(4);
        c.pixelIndex = qsizetype(i);
        std::memcpy(out.pixels.image(qsizetype(i)).data(), px.data(), kImageBytes);
        ++i;
    }
    if (q.hasError())
        return fail(q.errorString());
    if (i != out.accepted.size())
        return fail(QStringLiteral("%1: decisions for %2 missing candidates")
                        .arg(out.projectPath)
                        .arg(out.accepted.size() - i));
    return true;
}

bool ExportSource::loadReferenceSets(Database &db, ExportInput &out)
{
    Statement q(db, QStringLiteral("SELECT id, name, role, count FROM reference_sets ORDER BY id"));
    while (q.next())
        out.referenceSets.push_back(ExportReferenceSet{q.int64(0), q.text(1), q.text(2), q.int64(3)});
    if (q.hasError())
        return fail(q.errorString());
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
    Statement exact(db, QStringLiteral("SELECT candidate_id, set_id FROM exact_matches WHERE set_id IS NOT NULL"));
    while (exact.next())
        if (auto *f = facts(exact.int64(0), exact.int64(1)))
            *f = ReferenceFacts{true, f->markedDuplicate, f->unreviewedAbove, 1.0, 0.0};
    Statement near(db, QStringLiteral("SELECT candidate_id, set_id, ssim, l2, status FROM near_pairs"));
    while (near.next()) {
        auto *f = facts(near.int64(0), near.int64(1));
        if (!f)
            continue;
        const double ssim = near.isNull(2) ? std::nan("") : near.real(2);
        const double l2 = near.isNull(3) ? std::nan("") : near.real(3);
        f->maxSsim = fmaxNan(f->maxSsim, ssim);
        f->minL2 = fminNan(f->minL2, l2);
        const int status = int(near.int64(4));
        f->markedDuplicate |= status == kPairDuplicate;
        f->unreviewedAbove |= status == kPairUnreviewed && (ssim >= out.ssimThreshold || l2 <= out.l2Threshold);
    }
    if (exact.hasError() || near.hasError())
        return fail(exact.hasError() ? exact.errorString() : near.errorString());
    return true;
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
    Statement q(db, QStringLiteral("SELECT pixels FROM reference_images WHERE set_id = ?1"));
    for (size_t s = 0; s < out.referenceSets.size(); ++s) {
        q.reset();
        q.bind(1, out.referenceSets[s].id);
        while (q.next()) {
            const auto px = q.blobView(0);
            if (px.size() != size_t(kImageBytes))
                continue;
            index.forEachCopy(px.data(), [&](qsizetype i) {
                ReferenceFacts &f = out.accepted[std::size_t(i)].references[s];
                f.exact = true;
                f.maxSsim = 1.0;
                f.minL2 = 0.0;
            });
            if (++done % 4096 == 0) {
                progress.report(done, total);
                if (progress.isCancelled())
                    return fail(QStringLiteral("cancelled"));
            }
        }
        if (q.hasError())
            return fail(q.errorString());
    }
    return true;
}

} // namespace tc::core
