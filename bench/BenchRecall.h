#pragma once
// bench_dedup's recall figure for the shift/flip shortlist (issue 13, team recall): the default pass
// against an every-pair oracle (TransformScorer on every candidate/reference pair) on a subset
// enriched with shifted/mirrored copies. The oracle costs ~530 s CPU on 3,000 x 12,000, so it can be
// written once to a CSV file (--transform-oracle FILE) and read back by later runs, checked against
// the subset it was computed for. Missed pairs are printed with their scores, their transform and the
// rank the shortlist's descriptor gave the reference; --transform-missed DIR also writes them (CSV +
// raw pixels) for bench/recall_sheet.py's contact sheet.
#include "core/common/Csv.h"
#include "core/common/ImageSet.h"
#include "core/dedup/NearDuplicateSearch.h"
#include "core/dedup/Parallel.h"
#include "core/dedup/TransformScorer.h"
#include "core/dedup/TransformSearch.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QSaveFile>
#include <QString>
#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <map>
#include <mutex>
#include <random>
#include <set>
#include <vector>

namespace benchrecall {

using namespace tc::core;

inline double cpuNow()
{
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + ts.tv_nsec * 1e-9;
}

// What a subset candidate is: a planted copy of `source` under `transform` (brightness `bright`), or
// an ordinary candidate (source -1).
struct Planted {
    qint32 source = -1;
    PairTransform transform;
    int bright = 0;
};

struct Subset {
    std::vector<std::uint8_t> pixels;
    std::vector<Planted> planted;
    std::uint64_t checksum = 0; // of the subset and the references it is measured against
};

inline std::uint64_t fnv(std::uint64_t h, const std::uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; ++i)
        h = (h ^ p[i]) * 1099511628211ull;
    return h;
}

// rn candidates: two of three copies of random references under a random non-identity transform,
// edge-filled, brightness +-5 and noise +-2 added; every third an ordinary candidate. Seed 13 is the
// subset every earlier figure used.
inline Subset makeSubset(const std::vector<std::uint8_t> &cands, qsizetype n, const std::vector<std::uint8_t> &refs,
                         qsizetype mr, qsizetype rn, unsigned seed)
{
    std::mt19937 rng(seed);
    Subset s;
    s.pixels.resize(size_t(rn) * kImageBytes);
    s.planted.resize(size_t(rn));
    const auto &all = shiftFlipTransforms();
    // Seed 13 keeps the earlier figures' ordinary candidates; another seed takes others.
    const qsizetype offset = seed == 13 ? 0 : qsizetype(seed) * 104729;
    for (qsizetype i = 0; i < rn; ++i) {
        std::uint8_t *out = s.pixels.data() + i * kImageBytes;
        if (i % 3 == 2) {
            std::copy_n(cands.data() + ((i * 7919 + offset) % n) * kImageBytes, kImageBytes, out);
            continue;
        }
        const qint32 source = qint32(rng() % mr);
        const std::uint8_t *ref = refs.data() + qsizetype(source) * kImageBytes;
        const PairTransform t = all[1 + rng() % (all.size() - 1)];
        // Edge fill: the reference mirrored, moved, the uncovered border repeating the nearest pixels.
        const int bright = int(rng() % 11) - 5;
        s.planted[size_t(i)] = {source, t, bright};
        for (int r = 0; r < 32; ++r)
            for (int c = 0; c < 32; ++c) {
                const int rr = std::clamp(r - t.dy, 0, 31), cc0 = std::clamp(c - t.dx, 0, 31);
                const int cc = t.mirrored ? 31 - cc0 : cc0;
                for (int ch = 0; ch < 3; ++ch)
                    out[pixelOffset(r, c, ch)] = std::uint8_t(
                        std::clamp(int(ref[pixelOffset(rr, cc, ch)]) + bright + int(rng() % 5) - 2, 0, 255));
            }
    }
    s.checksum =
        fnv(fnv(14695981039346656037ull, s.pixels.data(), s.pixels.size()), refs.data(), size_t(mr) * kImageBytes);
    return s;
}

struct OraclePair {
    qint32 candidate = 0, reference = 0;
    PairScore score;
};

inline QString checksumText(std::uint64_t c)
{
    return QString::number(c, 16).rightJustified(16, '0');
}

// The oracle file: a first record naming the format and the subset's checksum, a header, then one
// record per flagged pair. False with *error when the file is unreadable, malformed or made for
// another subset.
inline bool loadOracle(const QString &path, std::uint64_t checksum, std::vector<OraclePair> *pairs, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: cannot open (%2)").arg(path, file.errorString());
        return false;
    }
    CsvReader reader(&file, path);
    QStringList row;
    if (!reader.readRow(&row) || row.value(0) != "tc-transform-oracle" || row.value(1) != "1") {
        *error = reader.hasError() ? reader.errorString()
                                   : QStringLiteral("%1: not a transform oracle file of version 1").arg(path);
        return false;
    }
    if (row.value(2) != checksumText(checksum)) {
        *error = QStringLiteral("%1: made for another subset or references (checksum %2, this run's %3)")
                     .arg(path, row.value(2), checksumText(checksum));
        return false;
    }
    reader.readRow(&row); // the header
    pairs->clear();
    while (reader.readRow(&row)) {
        const auto t = PairTransform::fromCode(row.value(4));
        bool ok1 = false, ok2 = false, ok3 = false, ok4 = false;
        OraclePair p{row.value(0).toInt(&ok1), row.value(1).toInt(&ok2),
                     PairScore{row.value(2).toDouble(&ok3), row.value(3).toDouble(&ok4), t.value_or(PairTransform{})}};
        if (row.size() != 5 || !ok1 || !ok2 || !ok3 || !ok4 || !t) {
            *error = QStringLiteral("%1: line %2: expected candidate, reference, ssim, l2, transform")
                         .arg(path)
                         .arg(reader.lineNumber());
            return false;
        }
        pairs->push_back(p);
    }
    if (reader.hasError()) {
        *error = reader.errorString();
        return false;
    }
    return true;
}

inline bool saveOracle(const QString &path, std::uint64_t checksum, const std::vector<OraclePair> &pairs,
                       QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = QStringLiteral("%1: cannot write (%2)").arg(path, file.errorString());
        return false;
    }
    CsvWriter writer(&file, path);
    writer.writeRow({"tc-transform-oracle", "1", checksumText(checksum)});
    writer.writeRow({"candidate", "reference", "ssim", "l2", "transform"});
    for (const OraclePair &p : pairs)
        writer.writeRow({QString::number(p.candidate), QString::number(p.reference),
                         QString::number(p.score.ssim, 'g', 17), QString::number(p.score.l2, 'g', 17),
                         p.score.transform.code()});
    if (!writer.ok() || !file.commit()) {
        *error = writer.ok() ? QStringLiteral("%1: %2").arg(path, file.errorString()) : writer.errorString();
        return false;
    }
    return true;
}

struct RecallOptions {
    int k = 5;
    std::vector<int> shortlists{8};
    unsigned seed = 13;
    QString oracleFile; // read when it exists and matches, written otherwise
    QString missedDir;  // where the missed pairs of the first shortlist go (empty: nowhere)
    int printMissed = 40;
    qsizetype audit = 0; // candidates also scored with SSIM under all 50 alignments (the scorer's pruning)
    double ssimThreshold = 0.75, l2Threshold = 1000;
};

inline double pixelStd(const std::uint8_t *image)
{
    double s = 0, s2 = 0;
    for (int i = 0; i < kImageBytes; ++i) {
        s += image[i];
        s2 += double(image[i]) * image[i];
    }
    const double mean = s / kImageBytes;
    return std::sqrt(std::max(0.0, s2 / kImageBytes - mean * mean));
}

// 1-based rank of reference j among scores (larger first, ties to the lower index), as the shortlist orders.
inline qsizetype rankOf(const std::vector<std::int32_t> &scores, qint32 j)
{
    qsizetype rank = 1;
    for (size_t r = 0; r < scores.size(); ++r)
        rank += scores[r] > scores[size_t(j)] || (scores[r] == scores[size_t(j)] && qint32(r) < j);
    return rank;
}

inline void recallFigure(const std::vector<std::uint8_t> &cands, qsizetype n, const std::vector<std::uint8_t> &refs,
                         qsizetype mr, qsizetype rn, const RecallOptions &o)
{
    const Subset subset = makeSubset(cands, n, refs, mr, rn, o.seed);
    const auto flaggedBy = [&](const PairScore &s) { return s.ssim >= o.ssimThreshold || s.l2 <= o.l2Threshold; };
    const int k = o.k;

    std::vector<NearDuplicateResult> passes(o.shortlists.size());
    for (size_t w = 0; w < o.shortlists.size(); ++w) {
        NearDuplicateOptions no;
        no.topK = k;
        no.transforms = TransformSet::ShiftFlip;
        no.transformShortlist = o.shortlists[w];
        NearDuplicateSearch search(refs.data(), mr, no);
        const double cpu0 = cpuNow();
        search.run(subset.pixels.data(), rn, &passes[w]);
        std::printf("default pass, shortlist %d, %lld x %lld: %.2f s CPU\n", o.shortlists[w], (long long)rn,
                    (long long)mr, cpuNow() - cpu0);
    }

    std::vector<OraclePair> oracle;
    QString error;
    bool loaded = false;
    if (!o.oracleFile.isEmpty() && QFile::exists(o.oracleFile)) {
        loaded = loadOracle(o.oracleFile, subset.checksum, &oracle, &error);
        if (loaded)
            std::printf("oracle: %zu flagged pairs read from %s\n", oracle.size(), qPrintable(o.oracleFile));
        else
            qFatal("%s", qPrintable(error)); // never silently recompute over a file the user named
    }
    std::atomic<qint64> auditPairs{0}, auditAgreeing{0};
    if (!loaded) {
        std::mutex lock;
        QElapsedTimer wall;
        wall.start();
        const double cpu0 = cpuNow();
        parallelChunks(rn, 8, workerCount(0), [&](qsizetype b, qsizetype e) {
            TransformScorer scorer(SsimWindow::Uniform7, TransformSet::ShiftFlip, false);
            TransformScorer exhaustive(SsimWindow::Uniform7, TransformSet::ShiftFlip, true);
            std::vector<OraclePair> mine;
            for (qsizetype i = b; i < e; ++i) {
                scorer.setCandidate(subset.pixels.data() + i * kImageBytes);
                exhaustive.setCandidate(subset.pixels.data() + i * kImageBytes);
                for (qsizetype j = 0; j < mr; ++j) {
                    const PairScore s = scorer.score(refs.data() + j * kImageBytes);
                    if (flaggedBy(s))
                        mine.push_back({qint32(i), qint32(j), s});
                    if (i < o.audit && flaggedBy(exhaustive.score(refs.data() + j * kImageBytes))) {
                        ++auditPairs;
                        auditAgreeing += flaggedBy(s) ? 1 : 0;
                    }
                }
            }
            const std::lock_guard guard(lock);
            oracle.insert(oracle.end(), mine.begin(), mine.end());
        });
        std::sort(oracle.begin(), oracle.end(), [](const OraclePair &a, const OraclePair &b) {
            return std::pair(a.candidate, a.reference) < std::pair(b.candidate, b.reference);
        });
        std::printf("oracle: every pair scored, %lld x %lld: %.1f s wall, %.1f s CPU; %zu flagged pairs\n",
                    (long long)rn, (long long)mr, wall.nsecsElapsed() * 1e-9, cpuNow() - cpu0, oracle.size());
        if (!o.oracleFile.isEmpty()) {
            if (saveOracle(o.oracleFile, subset.checksum, oracle, &error))
                std::printf("oracle written to %s\n", qPrintable(o.oracleFile));
            else
                std::printf("oracle not written: %s\n", qPrintable(error));
        }
        if (o.audit > 0)
            std::printf("audit, SSIM under all 50 alignments for the first %lld candidates: %lld flagged pairs, the "
                        "pruned scorer (the oracle's) flags %lld of them\n",
                        (long long)std::min(o.audit, rn), (long long)auditPairs.load(),
                        (long long)auditAgreeing.load());
    }
    std::vector<std::vector<const OraclePair *>> truth(static_cast<size_t>(rn));
    for (const OraclePair &p : oracle)
        truth[size_t(p.candidate)].push_back(&p);

    TransformSearch descriptor(refs.data(), mr, SsimWindow::Uniform7, 8, 0);
    for (size_t w = 0; w < o.shortlists.size(); ++w) {
        const NearDuplicateResult &fast = passes[w];
        qint64 truthPairs = 0, found = 0, truthCands = 0, foundCands = 0;
        std::vector<std::pair<const OraclePair *, bool>> missed; // the pair, whether its candidate was flagged at all
        for (qsizetype i = 0; i < rn; ++i) {
            std::set<qint32> flagged;
            for (qsizetype s = 0; s < k; ++s) {
                const PairScore &a = fast.l2ScoresOf(i)[size_t(s)], &b = fast.ssimScoresOf(i)[size_t(s)];
                if (fast.l2Of(i)[size_t(s)].index >= 0 && flaggedBy(a))
                    flagged.insert(fast.l2Of(i)[size_t(s)].index);
                if (fast.ssimOf(i)[size_t(s)].index >= 0 && flaggedBy(b))
                    flagged.insert(fast.ssimOf(i)[size_t(s)].index);
            }
            // A candidate with more flagged references than the 2k stored slots: the pass can keep at
            // most 2k of them; count at most 2k.
            const auto &want = truth[size_t(i)];
            const qint64 cap = std::min<qint64>(qint64(want.size()), 2 * k);
            qint64 hit = 0;
            for (const OraclePair *p : want)
                hit += flagged.count(p->reference);
            truthPairs += cap;
            found += std::min(hit, cap);
            truthCands += want.empty() ? 0 : 1;
            foundCands += (!want.empty() && !flagged.empty()) ? 1 : 0;
            if (hit < cap)
                for (const OraclePair *p : want)
                    if (!flagged.count(p->reference))
                        missed.push_back({p, !flagged.empty()});
        }
        std::printf("transform recall, shortlist %d, seed %u (%lld candidates, two of three shifted/mirrored copies, "
                    "x %lld references; %lld pairs scored by the pass): flagged pairs %lld, found %lld (%.3f%%); "
                    "flagged candidates %lld, found %lld (%.3f%%)\n",
                    o.shortlists[w], o.seed, (long long)rn, (long long)mr, (long long)fast.transformPairs,
                    (long long)truthPairs, (long long)found, truthPairs ? 100.0 * found / truthPairs : 100.0,
                    (long long)truthCands, (long long)foundCands, truthCands ? 100.0 * foundCands / truthCands : 100.0);
        if (w != 0)
            continue;
        // The first width's misses, looked at: scores, transform, what the candidate is, and where the
        // descriptor ranked the reference for the candidate and for its mirror.
        QFile csvFile, pixelFile;
        std::unique_ptr<CsvWriter> csv;
        if (!o.missedDir.isEmpty()) {
            QDir().mkpath(o.missedDir);
            csvFile.setFileName(QDir(o.missedDir).filePath("missed.csv"));
            pixelFile.setFileName(QDir(o.missedDir).filePath("missed_pixels.u8"));
            if (!csvFile.open(QIODevice::WriteOnly | QIODevice::Truncate) ||
                !pixelFile.open(QIODevice::WriteOnly | QIODevice::Truncate))
                qFatal("%s: cannot write", qPrintable(o.missedDir));
            csv = std::make_unique<CsvWriter>(&csvFile, csvFile.fileName());
            csv->writeRow({"candidate", "reference", "ssim", "l2", "transform", "rank", "rank_mirrored", "planted_from",
                           "planted_transform", "candidate_flagged", "candidate_std", "reference_std"});
        }
        int printed = 0;
        for (const auto &[p, candidateFlagged] : missed) {
            const std::uint8_t *cand = subset.pixels.data() + qsizetype(p->candidate) * kImageBytes;
            const std::uint8_t *ref = refs.data() + qsizetype(p->reference) * kImageBytes;
            const qsizetype rank = rankOf(descriptor.descriptorScores(cand, false), p->reference);
            const qsizetype rankMirror = rankOf(descriptor.descriptorScores(cand, true), p->reference);
            const Planted &pl = subset.planted[size_t(p->candidate)];
            const QString planted = pl.source < 0 ? QStringLiteral("ordinary")
                                                  : QStringLiteral("copy of %1 (%2, brightness %3)")
                                                        .arg(pl.source)
                                                        .arg(pl.transform.code())
                                                        .arg(pl.bright);
            if (printed++ < o.printMissed)
                std::printf("  missed: candidate %d (%s%s) reference %d: SSIM %.4f, L2 %.1f at %s; descriptor rank "
                            "%lld, mirrored %lld; std %.1f / %.1f\n",
                            p->candidate, qPrintable(planted), candidateFlagged ? "" : "; candidate missed entirely",
                            p->reference, p->score.ssim, p->score.l2, qPrintable(p->score.transform.code()),
                            (long long)rank, (long long)rankMirror, pixelStd(cand), pixelStd(ref));
            if (csv) {
                csv->writeRow({QString::number(p->candidate), QString::number(p->reference),
                               QString::number(p->score.ssim, 'g', 8), QString::number(p->score.l2, 'g', 8),
                               p->score.transform.code(), QString::number(rank), QString::number(rankMirror),
                               QString::number(pl.source), pl.source < 0 ? QString() : pl.transform.code(),
                               candidateFlagged ? "1" : "0", QString::number(pixelStd(cand), 'f', 2),
                               QString::number(pixelStd(ref), 'f', 2)});
                pixelFile.write(reinterpret_cast<const char *>(cand), kImageBytes);
                pixelFile.write(reinterpret_cast<const char *>(ref), kImageBytes);
            }
        }
        if (csv)
            std::printf("  %zu missed pairs written to %s\n", missed.size(), qPrintable(o.missedDir));
    }
}

} // namespace benchrecall
