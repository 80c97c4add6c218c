// The review pane on a large project (core/dedup): what opening the Duplicates tab, one slider step and
// one review cost with the removal rule's live counts (DuplicateOutcomes), the review queue's pages with
// exact copies of exclude images left out (PairFilter::reviewableOnly) and the exact groups, each next to
// a same-run baseline (the SQL the slider ran before FlaggedCandidates, the queue without the filter).
// The project is synthetic: candidates without pixels (nothing here reads them), pairs with random
// values, 1 % exact copies of an exclude set and 2 % identical candidates.
//   build/bench/bench_review [candidates=500000] [pairs per candidate=10] [project: kept; reused when it exists]
#include "core/dedup/DedupStore.h"
#include "core/dedup/DuplicateOutcomes.h"
#include "core/dedup/ExactGroupModel.h"
#include "core/dedup/PairListModel.h"
#include "core/project/Project.h"
#include "core/project/Statement.h"
#include "core/project/Transaction.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <functional>
#include <random>

using namespace tc::core;

namespace {

// Median wall time of `runs` calls, in milliseconds.
double medianMs(int runs, const std::function<void()> &f)
{
    std::vector<double> ms;
    for (int i = 0; i < runs; ++i) {
        QElapsedTimer t;
        t.start();
        f();
        ms.push_back(double(t.nsecsElapsed()) / 1e6);
    }
    std::sort(ms.begin(), ms.end());
    return ms[ms.size() / 2];
}

bool build(Project &p, qint64 candidates, int perCandidate)
{
    Catalog catalog;
    for (int c = 0; c < 10; ++c) {
        CatalogClass cls{QStringLiteral("class%1").arg(c), {}};
        for (int k = 0; k < 10; ++k)
            cls.keywords.append({QStringLiteral("keyword%1_%2").arg(c).arg(k), 100});
        catalog.append(cls);
    }
    if (!p.defineCatalog(catalog))
        return false;
    Database &db = p.database();
    const qint64 firstKeyword = db.queryInt(QStringLiteral("SELECT MIN(id) FROM keywords"));
    std::mt19937_64 rng(7);
    std::uniform_real_distribution<double> u(0.0, 1.0);
    Transaction tx(db);
    Statement c(db, QStringLiteral("INSERT INTO candidates(id, keyword_id, tiny_index, keyword_pos, pixels) "
                                   "VALUES(?, ?, ?, ?, X'')"));
    Statement pair(db, QStringLiteral("INSERT OR IGNORE INTO near_pairs(candidate_id, set_id, ref_index, ssim, l2, "
                                      "status) VALUES(?, 1, ?, ?, ?, 0)"));
    Statement exact(db, QStringLiteral("INSERT INTO exact_matches(candidate_id, set_id, ref_index) VALUES(?, ?, ?)"));
    if (!db.exec(QStringLiteral("INSERT INTO reference_sets(id, name, role, source_path, count, label_names) "
                                "VALUES(1, 'cifar10-test', 'exclude', '', 10000, '')")))
        return false;
    for (qint64 id = 1; id <= candidates; ++id) {
        c.reset();
        if (!c.bind(1, id).bind(2, firstKeyword + id % 100).bind(3, id).bind(4, id / 100).exec())
            return false;
        for (int k = 0; k < perCandidate; ++k) {
            // Mostly dissimilar, a long tail of near duplicates, as a real search finds.
            const double ssim = std::pow(u(rng), 40.0);
            pair.reset();
            pair.bind(1, id)
                .bind(2, qint64(rng() % 10000))
                .bind(3, ssim)
                .bind(4, 300.0 + 6000.0 * (1.0 - ssim) + 500.0 * u(rng));
            if (!pair.exec())
                return false;
        }
        exact.reset();
        if (id % 100 == 0 && !exact.bind(1, id).bind(2, 1).bind(3, qint64(id % 10000)).exec())
            return false;
        exact.reset();
        if (id % 50 == 1 && id > 1 && !exact.bind(1, id).bindNull(2).bind(3, id - 1).exec())
            return false;
    }
    return tx.commit();
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const qint64 candidates = argc > 1 ? QByteArray(argv[1]).toLongLong() : 500000;
    const int perCandidate = argc > 2 ? QByteArray(argv[2]).toInt() : 10;
    QTemporaryDir dir;
    Project p;
    QElapsedTimer t;
    t.start();
    const QString path = argc > 3 ? QString::fromLocal8Bit(argv[3]) : dir.filePath(QStringLiteral("review.tcproj"));
    if (QFile::exists(path) ? !p.open(path) : (!p.create(path) || !build(p, candidates, perCandidate))) {
        std::fprintf(stderr, "cannot build the project: %s\n", qPrintable(p.errorString()));
        return 1;
    }
    const qint64 pairs = p.database().queryInt(QStringLiteral("SELECT COUNT(*) FROM near_pairs"));
    std::printf("project: %lld candidates, %lld pairs (built in %.1f s)\n", static_cast<long long>(candidates),
                static_cast<long long>(pairs), double(t.elapsed()) / 1000.0);

    DedupStore store(p.database());
    DuplicateOutcomes outcomes;
    std::printf("DuplicateOutcomes::load (opening the tab)      %9.1f ms\n",
                medianMs(3, [&] { outcomes.load(p.database()); }));
    // Before: the histograms' extremes and the slider's open extremes, two grouped scans of every pair.
    std::printf("  baseline: the two scans it replaces          %9.1f ms\n", medianMs(3, [&] {
                    store.candidateExtremes();
                    Statement q(p.database(), QStringLiteral("SELECT candidate_id, MAX(ssim), MIN(l2) FROM near_pairs "
                                                             "WHERE status != 2 GROUP BY candidate_id"));
                    while (q.next()) {
                    }
                }));
    double ssim = 0.5;
    DuplicateTally tally;
    std::printf("tally (one slider step)                        %9.2f ms\n", medianMs(21, [&] {
                    tally = outcomes.tally(ssim, 1000);
                    ssim += 0.005;
                }));
    {
        // The in-memory count the slider had before (FlaggedCandidates): candidates with an open pair over
        // either threshold, one pass over two arrays; it knew nothing of exact copies or identical ones.
        std::vector<double> maxSsim(static_cast<size_t>(candidates)), minL2(static_cast<size_t>(candidates));
        std::mt19937_64 rng(3);
        for (size_t i = 0; i < maxSsim.size(); ++i) {
            maxSsim[i] = double(rng() % 1000) / 1000.0;
            minL2[i] = double(rng() % 6000);
        }
        qint64 n = 0;
        std::printf("  baseline: the old in-memory flagged count    %9.2f ms\n", medianMs(21, [&] {
                        for (size_t i = 0; i < maxSsim.size(); ++i)
                            n += maxSsim[i] >= 0.75 || minL2[i] <= 1000;
                    }));
        if (n < 0)
            return 1;
    }
    std::printf("tallyByClass (per-class chart, live)           %9.2f ms\n",
                medianMs(21, [&] { outcomes.tallyByClass(0.75, 1000); }));
    std::printf("  baseline: one slider step in SQL (before)    %9.1f ms\n", medianMs(3, [&] {
                    Statement q(p.database(),
                                QStringLiteral("SELECT COUNT(DISTINCT candidate_id) FROM near_pairs WHERE "
                                               "status != 2 AND (ssim >= 0.75 OR l2 <= 1000)"));
                    q.next();
                }));
    std::printf("update after one review                        %9.3f ms\n",
                medianMs(51, [&] { outcomes.update(p.database(), candidates / 2); }));

    // The review queue's queries as PairListModel runs them (pages of 512 by keyset, one COUNT).
    for (bool reviewable : {false, true}) {
        PairFilter f;
        f.statuses = pairStatusBit(PairStatus::Unreviewed);
        f.reviewableOnly = reviewable;
        f.limit = PairListModel::kPageSize;
        PairFilter deep = f;
        deep.limit = 20 * PairListModel::kPageSize;
        const QList<NearPair> before = store.pairs(deep);
        const NearPair after = before.isEmpty() ? NearPair{} : before.last();
        const char *what = reviewable ? "review queue, exact copies left out:" : "  baseline, every pair:            ";
        std::printf("%s first page %9.2f ms, 21st page %6.2f ms, count %7.1f ms (%lld pairs)\n", what,
                    medianMs(9, [&] { store.pairs(f); }), medianMs(9, [&] { store.pairs(f, &after); }),
                    medianMs(3, [&] { store.pairCount(f); }), static_cast<long long>(store.pairCount(f)));
    }
    ExactGroupModel groups(&p);
    std::printf("ExactGroupModel::refresh                       %9.1f ms (%lld groups)\n",
                medianMs(3, [&] { groups.refresh(); }), static_cast<long long>(groups.groupCount()));
    std::printf("tally at 0.75 / 1000: %lld to review, %lld removed (exact %lld, unreviewed %lld, identical %lld)\n",
                static_cast<long long>(outcomes.tally(0.75, 1000).toReview),
                static_cast<long long>(outcomes.tally(0.75, 1000).removed.total()),
                static_cast<long long>(outcomes.tally(0.75, 1000).removed.excludeExact),
                static_cast<long long>(outcomes.tally(0.75, 1000).removed.unreviewedAbove),
                static_cast<long long>(outcomes.tally(0.75, 1000).removed.internalExact));
    return 0;
}
