#include "core/export/SelectionPolicy.h"

#include "core/dedup/ExactIndex.h"
#include "core/export/SeededShuffle.h"
#include "core/project/Quotas.h"

#include <limits>
#include <numeric>

namespace tc::core {

namespace {
// Stream ids of SeededRng, one per random decision, so changing one step never shifts another.
constexpr quint64 kSelectStream = 1, kSplitStream = 2, kOrderStream = 3;

// The exclude sets' facts about one candidate, for the removal rule.
ExcludeFacts excludeFacts(const ExportInput &in, const ExportCandidate &c)
{
    ExcludeFacts facts;
    for (size_t i = 0; i < in.referenceSets.size(); ++i) {
        if (!in.referenceSets[i].isExclude())
            continue;
        const ReferenceFacts &f = c.references[i];
        facts.exactCopy = facts.exactCopy || f.exact;
        facts.markedDuplicate = facts.markedDuplicate || f.markedDuplicate;
        facts.unreviewedAbove = facts.unreviewedAbove || f.unreviewedAbove;
    }
    return facts;
}

// For each accepted candidate, the first accepted candidate with the same bytes (itself when none).
std::vector<qsizetype> identicalGroups(const ExportInput &in)
{
    std::vector<qsizetype> group(in.accepted.size());
    std::iota(group.begin(), group.end(), qsizetype(0));
    const ExactIndex index(qsizetype(in.accepted.size()),
                           [&in](qsizetype i) { return in.imageOf(in.accepted[std::size_t(i)]); });
    for (const auto &members : index.groups())
        for (qsizetype m : members)
            group[std::size_t(m)] = members.front();
    return group;
}

// Survivors of step 1, in candidate id order.
std::vector<qsizetype> eligible(const ExportInput &in, const ExportSettings &s, RemovalCounts &removed)
{
    const std::vector<qsizetype> group = identicalGroups(in);
    RemovalRule rule(s.unreviewedAboveThresholdIsDuplicate, qsizetype(in.accepted.size()));
    std::vector<qsizetype> kept;
    for (qsizetype i = 0; i < qsizetype(in.accepted.size()); ++i)
        if (rule.next(excludeFacts(in, in.accepted[i]), group[i]) == Removal::None)
            kept.push_back(i);
    removed = rule.counts();
    return kept;
}

// The keywords' catalog counts (absent: 0), the weights the project's quotas use (Project::keywordQuotas).
std::vector<qint64> keywordWeights(const ExportClass &cls)
{
    std::vector<qint64> w;
    for (const auto &k : cls.keywords)
        w.push_back(k.absent ? 0 : std::max<qint64>(0, k.catalogCount));
    if (std::accumulate(w.begin(), w.end(), qint64(0)) <= 0)
        std::fill(w.begin(), w.end(), 1); // no catalog counts (e.g. folder import): equal shares
    return w;
}

// Next keyword to take from: furthest below its quota, else lowest (selected+1)/weight.
int nextKeyword(const std::vector<qint64> &quota, const std::vector<qint64> &selected,
                const std::vector<qint64> &weight, const std::vector<bool> &hasMore)
{
    int best = -1;
    qint64 bestDeficit = 0;
    for (int k = 0; k < int(quota.size()); ++k)
        if (hasMore[k] && quota[k] - selected[k] > bestDeficit)
            best = k, bestDeficit = quota[k] - selected[k];
    if (best >= 0)
        return best;
    double bestRatio = std::numeric_limits<double>::infinity();
    for (int k = 0; k < int(quota.size()); ++k) {
        if (!hasMore[k])
            continue;
        const double ratio =
            weight[k] > 0 ? double(selected[k] + 1) / double(weight[k]) : std::numeric_limits<double>::max();
        if (best < 0 || ratio < bestRatio)
            best = k, bestRatio = ratio;
    }
    return best;
}

struct ClassPick {
    std::vector<qsizetype> picked;
    ClassReport report;
};

ClassPick selectClass(const ExportInput &in, const ExportSettings &s, int ci, const std::vector<qsizetype> &pool)
{
    const ExportClass &cls = in.classes[ci];
    const int nk = int(cls.keywords.size());
    // tiers[t][k]: candidates of keyword k, tier 0 = not in an avoid set, 1 = in one.
    std::vector<std::vector<std::vector<qsizetype>>> tiers(2, std::vector<std::vector<qsizetype>>(nk));
    for (qsizetype i : pool)
        tiers[inAvoidSet(in, in.accepted[i]) ? 1 : 0][in.accepted[i].keywordIndex].push_back(i);
    const std::vector<qint64> weight = keywordWeights(cls);
    // The one quota split (core/project/Quotas): the quota the annotator sees is the quota export fills.
    const std::vector<qint64> quota = Quotas::apportion(weight, s.perClass);
    std::vector<qint64> selected(nk, 0);
    ClassPick out;
    for (int t = 0; t < 2; ++t) {
        std::vector<size_t> next(nk, 0);
        for (int k = 0; k < nk; ++k) {
            SeededRng rng(s.seed, kSelectStream, (quint64(cls.label) << 32) | (quint64(k) << 1) | quint64(t));
            seededShuffle(tiers[t][k], rng);
        }
        while (qint64(out.picked.size()) < s.perClass) {
            std::vector<bool> hasMore(nk);
            for (int k = 0; k < nk; ++k)
                hasMore[k] = next[k] < tiers[t][k].size();
            const int k = nextKeyword(quota, selected, weight, hasMore);
            if (k < 0)
                break;
            out.picked.push_back(tiers[t][k][next[k]++]);
            ++selected[k];
            out.report.selectedInAvoid += t;
        }
    }
    ClassReport &r = out.report;
    r.name = cls.name;
    r.label = cls.label;
    r.available = qint64(pool.size());
    for (const auto &v : tiers[1])
        r.availableInAvoid += qint64(v.size());
    r.selected = qint64(out.picked.size());
    r.shortfall = std::max<qint64>(0, s.perClass - r.selected);
    const double wsum = double(std::accumulate(weight.begin(), weight.end(), qint64(0)));
    for (int k = 0; k < nk; ++k) {
        KeywordReport kr{cls.keywords[k].keyword,
                         double(weight[k]) / wsum,
                         quota[k],
                         qint64(tiers[0][k].size() + tiers[1][k].size()),
                         selected[k],
                         0.0};
        kr.deviation = r.selected ? 100.0 * (double(selected[k]) / double(r.selected) - kr.catalogShare) : 0.0;
        if (std::abs(kr.deviation) > std::abs(r.maxDeviation) || r.worstKeyword.isEmpty())
            r.maxDeviation = kr.deviation, r.worstKeyword = kr.keyword;
        r.keywords.push_back(kr);
    }
    r.maxDeviation = std::abs(r.maxDeviation);
    return out;
}
} // namespace

bool inAvoidSet(const ExportInput &input, const ExportCandidate &c)
{
    for (size_t i = 0; i < input.referenceSets.size(); ++i)
        if (input.referenceSets[i].isAvoid() && (c.references[i].exact || c.references[i].markedDuplicate))
            return true;
    return false;
}

qint64 Selection::shortfall() const
{
    qint64 s = 0;
    for (const auto &c : classes)
        s += c.shortfall;
    return s;
}

Selection SelectionPolicy::select(const ExportInput &input, const ExportSettings &settings)
{
    Selection sel;
    sel.accepted = qint64(input.accepted.size());
    const std::vector<qsizetype> kept = eligible(input, settings, sel.removed);
    std::vector<std::vector<qsizetype>> byClass(input.classes.size());
    for (qsizetype i : kept)
        byClass[input.accepted[i].classIndex].push_back(i);
    for (int ci = 0; ci < int(input.classes.size()); ++ci) {
        ClassPick pick = selectClass(input, settings, ci, byClass[ci]);
        SeededRng rng(settings.seed, kSplitStream, quint64(input.classes[ci].label));
        seededShuffle(pick.picked, rng);
        const qint64 nTest = settings.testCount(int(pick.picked.size()));
        sel.test.insert(sel.test.end(), pick.picked.begin(), pick.picked.begin() + nTest);
        sel.train.insert(sel.train.end(), pick.picked.begin() + nTest, pick.picked.end());
        pick.report.test = nTest;
        pick.report.train = qint64(pick.picked.size()) - nTest;
        sel.classes.push_back(std::move(pick.report));
    }
    SeededRng trainOrder(settings.seed, kOrderStream, 0), testOrder(settings.seed, kOrderStream, 1);
    seededShuffle(sel.train, trainOrder);
    seededShuffle(sel.test, testOrder);
    return sel;
}

} // namespace tc::core
