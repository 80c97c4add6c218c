#include "core/export/ExportWriter.h"

#include "core/writers/CifarBinaryWriter.h"
#include "core/writers/CifarPythonWriter.h"
#include "core/writers/NpyWriter.h"
#include "core/writers/NpzWriter.h"

#include <QDir>
#include <QFileInfo>
#include <QSaveFile>
#include <cstring>

namespace tc::core {

namespace {

QString exportFilename(const ExportCandidate &c)
{
    if (!c.filename.isEmpty())
        return c.filename;
    if (!c.source.isEmpty())
        return QFileInfo(c.source).fileName();
    return QStringLiteral("candidate_%1.png").arg(c.id);
}

void append(ImageSet &set, const ExportInput &in, const ExportCandidate &c)
{
    const qsizetype n = set.count();
    set.pixels.resize(size_t(n + 1) * kImageBytes);
    std::memcpy(set.image(n).data(), in.imageOf(c), kImageBytes);
    const ExportClass &cls = in.classes[c.classIndex];
    set.labels.push_back(cls.label);
    if (!in.coarseLabelNames.isEmpty())
        set.coarseLabels.push_back(cls.coarseLabel);
    set.filenames << exportFilename(c);
    set.keywords << cls.keywords[c.keywordIndex].keyword;
    set.sourceIndices.push_back(c.tinyIndex);
}

ManifestRow manifestRow(const ExportInput &in, const ExportCandidate &c, const QString &split, qint64 index)
{
    const ExportClass &cls = in.classes[c.classIndex];
    ManifestRow r;
    r.split = split;
    r.index = index;
    r.label = cls.label;
    r.className = cls.name;
    r.superclass = cls.superclass;
    r.coarseLabel = cls.coarseLabel;
    r.keyword = cls.keywords[c.keywordIndex].keyword;
    r.tinyIndex = c.tinyIndex;
    r.source = c.source;
    r.candidateId = c.id;
    r.annotators = c.annotators;
    r.decisionTimes = c.acceptTimesMs;
    r.inAvoidSet = inAvoidSet(in, c);
    for (const ReferenceFacts &f : c.references)
        r.metrics.push_back(ReferenceMetric{f.maxSsim, f.minL2});
    return r;
}

QStringList labelNames(const ExportInput &in)
{
    // Label index -> name; labels are catalog positions, so gaps get a placeholder name.
    QStringList names;
    for (const auto &c : in.classes) {
        while (names.size() <= c.label)
            names << QString();
        names[c.label] = c.name;
    }
    return names;
}

} // namespace

ExportSets buildExportSets(const ExportInput &input, const Selection &selection)
{
    ExportSets s;
    s.train.labelNames = s.test.labelNames = labelNames(input);
    s.train.coarseLabelNames = s.test.coarseLabelNames = input.coarseLabelNames;
    s.train.pixels.reserve(selection.train.size() * kImageBytes);
    s.test.pixels.reserve(selection.test.size() * kImageBytes);
    for (size_t i = 0; i < selection.train.size(); ++i) {
        append(s.train, input, input.accepted[selection.train[i]]);
        s.manifest.push_back(
            manifestRow(input, input.accepted[selection.train[i]], QStringLiteral("train"), qint64(i)));
    }
    for (size_t i = 0; i < selection.test.size(); ++i) {
        append(s.test, input, input.accepted[selection.test[i]]);
        s.manifest.push_back(manifestRow(input, input.accepted[selection.test[i]], QStringLiteral("test"), qint64(i)));
    }
    return s;
}

bool ExportWriter::step(const QString &file, bool ok, const QString &error, const Progress &progress, int total)
{
    if (!ok) {
        m_error = error;
        return false;
    }
    m_files << file;
    progress.report(m_files.size(), total);
    if (progress.isCancelled()) {
        m_error = QStringLiteral("export cancelled");
        return false;
    }
    return true;
}

bool ExportWriter::writeBytes(const QString &path, const QByteArray &bytes)
{
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size() || !f.commit()) {
        m_error = QStringLiteral("%1: cannot write (%2)").arg(path, f.errorString());
        return false;
    }
    return true;
}

bool ExportWriter::writeNumpy(const QString &dir, const ExportSets &sets, const ExportSettings &settings,
                              const Progress &progress, int total)
{
    const QDir d(dir);
    for (const auto &[split, set] :
         {std::pair{QStringLiteral("train"), &sets.train}, std::pair{QStringLiteral("test"), &sets.test}}) {
        if (settings.wants(QStringLiteral("npz"))) {
            QSaveFile f(d.filePath(split + QStringLiteral(".npz")));
            bool ok = f.open(QIODevice::WriteOnly);
            NpzWriter npz(&f);
            ok = ok && npz.add(QStringLiteral("images"), NpyArray::images(*set)) &&
                 npz.add(QStringLiteral("labels"), NpyArray::int64s(std::span<const int>(set->labels))) &&
                 npz.add(QStringLiteral("label_names"), NpyArray::strings(set->labelNames)) &&
                 npz.add(QStringLiteral("ti_indices"), NpyArray::int64s(std::span<const qint64>(set->sourceIndices))) &&
                 npz.add(QStringLiteral("keywords"), NpyArray::strings(set->keywords));
            if (ok && !set->coarseLabelNames.isEmpty()) // CIFAR-100 style
                ok = npz.add(QStringLiteral("coarse_labels"),
                             NpyArray::int64s(std::span<const int>(set->coarseLabels))) &&
                     npz.add(QStringLiteral("coarse_label_names"), NpyArray::strings(set->coarseLabelNames));
            ok = ok && npz.finish() && f.commit();
            if (!step(split + QStringLiteral(".npz"), ok,
                      ok ? QString()
                         : f.fileName() + QStringLiteral(": ") +
                               (npz.errorString().isEmpty() ? f.errorString() : npz.errorString()),
                      progress, total))
                return false;
        }
        if (!settings.wants(QStringLiteral("npy")))
            continue;
        for (const auto &[name, array] :
             {std::pair{split + QStringLiteral("_data.npy"), NpyArray::images(*set)},
              std::pair{split + QStringLiteral("_labels.npy"), NpyArray::int32s(std::span<const int>(set->labels))}}) {
            QSaveFile f(d.filePath(QStringLiteral("npy/") + name));
            NpyWriter w;
            const bool ok = f.open(QIODevice::WriteOnly) && w.write(&f, array) && f.commit();
            if (!step(QStringLiteral("npy/") + name, ok,
                      f.fileName() + QStringLiteral(": ") +
                          (w.errorString().isEmpty() ? f.errorString() : w.errorString()),
                      progress, total))
                return false;
        }
    }
    return true;
}

bool ExportWriter::writeSets(const QString &dir, const ExportSets &sets, const QStringList &referenceSets,
                             const ExportSettings &settings, const Progress &progress)
{
    m_files.clear();
    const QDir d(dir);
    const int total = int(settings.formats.size()) * 2 + 3;
    // Coarse labels make the CIFAR writers produce CIFAR-100 files, named as that download names them.
    const bool c100 = !sets.train.coarseLabelNames.isEmpty();
    if (settings.wants(QStringLiteral("cifar-python"))) {
        CifarPythonWriter w;
        const QString sub = c100 ? QStringLiteral("cifar-100-python") : QStringLiteral("cifar-10-batches-py");
        const bool ok = d.mkpath(sub) && w.writeFolder(d.filePath(sub), sets.train, sets.test, settings.trainBatches);
        if (!step(sub + QLatin1Char('/'), ok, w.errorString(), progress, total))
            return false;
    }
    if (settings.wants(QStringLiteral("cifar-binary"))) {
        CifarBinaryWriter w;
        const QString sub = c100 ? QStringLiteral("cifar-100-binary") : QStringLiteral("cifar-10-batches-bin");
        const bool ok = d.mkpath(sub) && w.writeFolder(d.filePath(sub), sets.train, sets.test, settings.trainBatches);
        if (!step(sub + QLatin1Char('/'), ok, w.errorString(), progress, total))
            return false;
    }
    if (settings.wants(QStringLiteral("npy")) && !d.mkpath(QStringLiteral("npy")))
        return step(QString(), false, d.filePath(QStringLiteral("npy")) + QStringLiteral(": cannot create folder"),
                    progress, total);
    if (!writeNumpy(dir, sets, settings, progress, total))
        return false;
    ManifestWriter m(referenceSets, c100);
    for (const bool csv : {true, false}) {
        const QString name = csv ? QStringLiteral("manifest.csv") : QStringLiteral("manifest.json");
        QSaveFile f(d.filePath(name));
        const bool ok = f.open(QIODevice::WriteOnly) &&
                        (csv ? m.writeCsv(&f, sets.manifest) : m.writeJson(&f, sets.manifest)) && f.commit();
        if (!step(name, ok,
                  f.fileName() + QStringLiteral(": ") + (m.errorString().isEmpty() ? f.errorString() : m.errorString()),
                  progress, total))
            return false;
    }
    return true;
}

bool ExportWriter::write(const QString &dir, const ExportInput &input, const Selection &selection,
                         const ExportSettings &settings, const Progress &progress)
{
    QStringList sets;
    for (const auto &s : input.referenceSets)
        sets << s.name;
    if (!writeSets(dir, buildExportSets(input, selection), sets, settings, progress))
        return false;
    const QString readme = QDir(dir).filePath(QStringLiteral("README.txt"));
    QStringList files = m_files;
    files << QStringLiteral("README.txt");
    if (!writeBytes(readme, exportReadme(input, selection, settings, files)))
        return false;
    m_files = files;
    return true;
}

} // namespace tc::core
