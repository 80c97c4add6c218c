#include "core/common/Version.h"
#include "core/export/ExportFolder.h"
#include "core/export/ExportWriter.h"
#include "core/project/AcceptRule.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

namespace tc::core {

namespace {

void writePolicy(QTextStream &o, const ExportInput &in, const ExportSettings &s)
{
    o << "Selection policy\n";
    // The project's accept rule, the one definition of "accepted" (core/project/AcceptRule.h).
    const auto rule = acceptRuleFromName(in.acceptRule);
    o << "  accepted: the project's accept rule, " << in.acceptRule << " ("
      << (rule ? acceptRuleDescription(*rule) : QStringLiteral("unknown")) << ";\n"
      << "            an adjudication settles a candidate under every rule)\n";
    o << "  removed: exact duplicates among accepted images (lowest candidate id kept), exact copies of\n"
         "           exclude-set images, near pairs to exclude sets marked duplicate"
      << (s.unreviewedAboveThresholdIsDuplicate ? ", and unreviewed pairs above the thresholds\n" : "\n");
    o << "  thresholds: SSIM >= " << in.ssimThreshold << " or L2 <= " << in.l2Threshold << '\n';
    o << "  per class: " << s.perClass
      << " images, CIFAR-10.2 minimum overlap (images not in an avoid set first),\n"
         "             keyword counts follow largest-remainder quotas of the catalog shares\n";
    o << "  split: test fraction " << s.testFraction << " per class, seeded Fisher-Yates (mt19937_64), seed " << s.seed
      << "\n\n";
}

void writeReferenceSets(QTextStream &o, const ExportInput &in, const Selection &sel)
{
    o << "Reference sets\n";
    for (size_t i = 0; i < in.referenceSets.size(); ++i) {
        const ExportReferenceSet &r = in.referenceSets[i];
        qint64 overlap = 0;
        for (const auto *split : {&sel.train, &sel.test})
            for (qsizetype idx : *split)
                overlap += in.accepted[idx].references[i].exact || in.accepted[idx].references[i].markedDuplicate;
        o << "  " << r.name << " (" << r.role << ", " << r.count << " images): " << overlap
          << " exported images are exact copies or marked duplicates\n";
    }
    if (in.referenceSets.empty())
        o << "  none (no duplicate search against reference images)\n";
    o << '\n';
}

void writeSearch(QTextStream &o, const ExportInput &in)
{
    const DedupSearchState &s = in.search;
    o << "Duplicate search used\n";
    if (!in.searchChecked)
        o << "  NOT CHECKED: exported with the duplicate-search check turned off (--no-dedup-check)\n";
    if (s.referenceSets == 0)
        o << "  none (the project has no reference sets)\n";
    o << "  mode: " << (s.mode.isEmpty() ? QStringLiteral("never run") : s.mode) << '\n'
      << "  completed: " << (s.completedAt.isEmpty() ? QStringLiteral("unknown") : s.completedAt) << '\n'
      << "  thresholds: SSIM >= " << in.ssimThreshold << " or L2 <= " << in.l2Threshold << '\n'
      << "  current: " << (s.current ? "yes (every candidate compared with every reference set)" : "no") << '\n';
    for (const QString &p : s.problems)
        o << "    " << p << '\n';
    o << '\n';
}

void writeRemovals(QTextStream &o, const Selection &sel)
{
    o << "Duplicate removals (of " << sel.accepted << " accepted images)\n"
      << "  exact duplicates among accepted images: " << sel.removed.internalExact << '\n'
      << "  exact copies of exclude-set images:      " << sel.removed.excludeExact << '\n'
      << "  pairs marked duplicate:                  " << sel.removed.markedDuplicate << '\n'
      << "  unreviewed pairs above thresholds:       " << sel.removed.unreviewedAbove << "\n\n";
}

void writeClasses(QTextStream &o, const Selection &sel)
{
    o << "Classes (label, name: selected = train + test, available, from avoid sets, shortfall)\n";
    for (const ClassReport &c : sel.classes) {
        o << "  " << c.label << ' ' << c.name << ": " << c.selected << " = " << c.train << " + " << c.test
          << ", available " << c.available << ", from avoid sets " << c.selectedInAvoid << ", shortfall " << c.shortfall
          << ", largest keyword deviation " << QString::number(c.maxDeviation, 'f', 2) << " pp (" << c.worstKeyword
          << ")\n";
        for (const KeywordReport &k : c.keywords)
            o << "      " << k.keyword << ": " << k.selected << " (quota " << k.quota << ", available " << k.available
              << ", catalog share " << QString::number(100.0 * k.catalogShare, 'f', 2) << "%, deviation "
              << QString::number(k.deviation, 'f', 2) << " pp)\n";
    }
    o << '\n';
}

} // namespace

QByteArray exportReadme(const ExportInput &input, const Selection &selection, const ExportSettings &settings,
                        const QStringList &files)
{
    QByteArray bytes;
    QTextStream o(&bytes);
    qint64 train = 0, test = 0;
    for (const auto &c : selection.classes)
        train += c.train, test += c.test;
    o << "CIFAR-style dataset exported by " << toolVersion() << '\n'
      << "Project: " << QFileInfo(input.projectPath).fileName() << " (" << input.candidates << " candidates)\n"
      << "Images: " << train + test << " (train " << train << ", test " << test << ") in " << selection.classes.size()
      << " classes\n\n";
    if (!input.coarseLabelNames.isEmpty()) {
        o << "Superclasses (CIFAR-100 style coarse labels: label, name: classes)\n";
        for (qsizetype i = 0; i < input.coarseLabelNames.size(); ++i) {
            QStringList members;
            for (const ExportClass &c : input.classes)
                if (c.coarseLabel == i)
                    members << c.name;
            o << "  " << i << ' ' << input.coarseLabelNames[i] << ": " << members.join(QStringLiteral(", ")) << '\n';
        }
        o << '\n';
    }
    writePolicy(o, input, settings);
    writeSearch(o, input);
    writeRemovals(o, selection);
    writeReferenceSets(o, input, selection);
    writeClasses(o, selection);
    o << "Files\n";
    for (const auto &f : files)
        o << "  " << f << '\n';
    o << "\nPixels are 32x32 RGB. CIFAR batches store rows of 1024 R, 1024 G, 1024 B values (each row-major);\n"
         "load the python batches with pickle.load(f, encoding='bytes') or encoding='latin1'.\n"
         "The .npy/.npz images are (N, 32, 32, 3) uint8 and load with allow_pickle=False.\n"
         "manifest.csv / manifest.json give every image's provenance (one row per image, split order).\n"
         "manifest.json is {\"tinycurator_export\": {...}, \"images\": [...]}: the header lists every file of\n"
         "this folder with its size and the duplicate search used; a later export with --force replaces\n"
         "this folder only while it holds exactly these files.\n";
    o.flush();
    return bytes;
}

QByteArray exportManifestHeader(const ExportInput &input, const Selection &selection, const ExportSettings &settings,
                                const QString &dir, const QStringList &files)
{
    qint64 train = 0, test = 0;
    for (const auto &c : selection.classes)
        train += c.train, test += c.test;
    QJsonArray listed;
    for (const QString &f : files)
        listed.append(QJsonObject{{QStringLiteral("path"), f},
                                  {QStringLiteral("bytes"), double(QFileInfo(QDir(dir).filePath(f)).size())}});
    QJsonArray problems;
    for (const QString &p : input.search.problems)
        problems.append(p);
    const QJsonObject search{
        {QStringLiteral("checked"), input.searchChecked},
        {QStringLiteral("current"), input.search.current},
        {QStringLiteral("mode"), input.search.mode},
        {QStringLiteral("completed_at"), input.search.completedAt},
        {QStringLiteral("ssim_threshold"), input.ssimThreshold},
        {QStringLiteral("l2_threshold"), input.l2Threshold},
        {QStringLiteral("unreviewed_above_thresholds_removed"), settings.unreviewedAboveThresholdIsDuplicate},
        {QStringLiteral("problems"), problems},
    };
    const QJsonObject header{
        {QStringLiteral("format"), QStringLiteral("TinyCurator export")},
        {QStringLiteral("version"), ExportFolder::kHeaderVersion},
        {QStringLiteral("tool"), toolVersion()},
        {QStringLiteral("project"), QFileInfo(input.projectPath).fileName()},
        {QStringLiteral("candidates"), double(input.candidates)},
        {QStringLiteral("train_images"), double(train)},
        {QStringLiteral("test_images"), double(test)},
        {QStringLiteral("per_class"), settings.perClass},
        {QStringLiteral("seed"), QString::number(settings.seed)},
        {QStringLiteral("duplicate_search"), search},
        {QStringLiteral("files"), listed},
    };
    return ExportFolder::kHeaderPrefix + QJsonDocument(header).toJson(QJsonDocument::Compact) + ',';
}

} // namespace tc::core
