#include "core/export/ExportWriter.h"

#include "core/export/ExportFolder.h"
#include "core/writers/CifarBinaryWriter.h"
#include "core/writers/CifarPythonWriter.h"
#include "core/writers/NpyWriter.h"
#include "core/writers/NpzWriter.h"

#include <QBuffer>
#include <QDir>
#include <QDirIterator>
#include <QFileInfo>
#include <QSaveFile>
#include <QThread>
#include <QThreadPool>
#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <mutex>
#include <numeric>

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

// The attributes of one image (its pixels stay in the snapshot, see ExportSets).
void append(ImageSet &set, const ExportInput &in, const ExportCandidate &c)
{
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
    const QString train = QStringLiteral("train"), test = QStringLiteral("test");
    s.manifest.reserve(selection.train.size() + selection.test.size());
    for (auto [set, rows, split] :
         {std::tuple{&s.train, &selection.train, train}, std::tuple{&s.test, &selection.test, test}}) {
        set->labels.reserve(rows->size());
        set->filenames.reserve(qsizetype(rows->size()));
        set->keywords.reserve(qsizetype(rows->size()));
        set->sourceIndices.reserve(rows->size());
        std::vector<qsizetype> pixelRows(rows->size());
        for (size_t i = 0; i < rows->size(); ++i) {
            const ExportCandidate &c = input.accepted[(*rows)[i]];
            append(*set, input, c);
            pixelRows[i] = c.pixelIndex;
            s.manifest.push_back(manifestRow(input, c, split, qint64(i)));
        }
        (set == &s.train ? s.trainPixels : s.testPixels) = ImageRows(input.pixels, std::move(pixelRows));
    }
    return s;
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

namespace {

// One independent piece of an export: the files it writes (relative, in listing order) and how.
// run(job) is false with job.error set; each job runs on one thread, so its error is its own.
struct WriteJob {
    using Body = std::function<bool(WriteJob &job)>;
    WriteJob(QStringList files, qint64 cost, Body run) : files(std::move(files)), cost(cost), run(std::move(run)) {}

    QStringList files;
    qint64 cost = 0; // bytes, roughly: the biggest jobs start first so the two cores finish together
    Body run;
    QString error;

    bool fail(const QString &message)
    {
        error = message;
        return false;
    }
};

QString fileError(const QFileDevice &f, const QString &writerError)
{
    return f.fileName() + QStringLiteral(": ") + (writerError.isEmpty() ? f.errorString() : writerError);
}

bool writeNpz(WriteJob &job, const QString &path, const ImageSet &set, const ImageRows &pixels)
{
    QSaveFile f(path);
    bool ok = f.open(QIODevice::WriteOnly);
    NpzWriter npz(&f);
    ok = ok && npz.add(QStringLiteral("images"), NpyArray::images(pixels)) &&
         npz.add(QStringLiteral("labels"), NpyArray::int64s(std::span<const int>(set.labels))) &&
         npz.add(QStringLiteral("label_names"), NpyArray::strings(set.labelNames)) &&
         npz.add(QStringLiteral("ti_indices"), NpyArray::int64s(std::span<const qint64>(set.sourceIndices))) &&
         npz.add(QStringLiteral("keywords"), NpyArray::strings(set.keywords));
    if (ok && !set.coarseLabelNames.isEmpty()) // CIFAR-100 style
        ok = npz.add(QStringLiteral("coarse_labels"), NpyArray::int64s(std::span<const int>(set.coarseLabels))) &&
             npz.add(QStringLiteral("coarse_label_names"), NpyArray::strings(set.coarseLabelNames));
    ok = ok && npz.finish() && f.commit();
    return ok || job.fail(fileError(f, npz.errorString()));
}

bool writeNpy(WriteJob &job, const QString &path, const NpyArray &array)
{
    QSaveFile f(path);
    NpyWriter w;
    const bool ok = f.open(QIODevice::WriteOnly) && w.write(&f, array) && f.commit();
    return ok || job.fail(fileError(f, w.errorString()));
}

bool writeManifest(WriteJob &job, const QString &path, const ManifestWriter &writer,
                   const std::vector<ManifestRow> &rows, bool csv)
{
    ManifestWriter m = writer; // its own error state per thread
    QSaveFile f(path);
    const bool ok = f.open(QIODevice::WriteOnly) && (csv ? m.writeCsv(&f, rows) : m.writeJson(&f, rows)) && f.commit();
    return ok || job.fail(fileError(f, m.errorString()));
}

// Runs the jobs on all cores (the formats are independent files). Only the calling thread talks to
// `progress`, so callers' callbacks need not be thread-safe; workers check `stop` between jobs.
// On success files() lists every job's files in job order, whatever order they finished in; on
// failure errorString() is the first failing job's error in listing order.
class JobRunner final {
public:
    bool run(std::vector<WriteJob> &jobs, const Progress &progress, int total);
    const QStringList &files() const { return m_files; }
    QString errorString() const { return m_error; }

private:
    QStringList m_files;
    QString m_error;
};

bool JobRunner::run(std::vector<WriteJob> &jobs, const Progress &progress, int total)
{
    m_files.clear();
    m_error.clear();
    enum State : char { Pending, Done, Failed, Skipped };
    std::vector<size_t> order(jobs.size());
    std::iota(order.begin(), order.end(), size_t(0));
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return jobs[a].cost > jobs[b].cost; });
    std::vector<State> state(jobs.size(), Pending);
    std::atomic<bool> stop{false};
    std::mutex mutex;
    std::condition_variable changed;
    QThreadPool pool;
    pool.setMaxThreadCount(std::max(1, std::min(QThread::idealThreadCount(), int(jobs.size()))));
    for (const size_t i : order)
        pool.start([&, i] {
            State result = Skipped;
            if (!stop.load()) {
                result = jobs[i].run(jobs[i]) ? Done : Failed;
                if (result == Failed)
                    stop.store(true);
            }
            const std::lock_guard lock(mutex);
            state[i] = result;
            changed.notify_all();
        });
    qsizetype reported = 0;
    bool cancelled = false;
    for (bool finished = false; !finished;) {
        qsizetype written = 0;
        {
            std::unique_lock lock(mutex);
            changed.wait_for(lock, std::chrono::milliseconds(50));
            finished = std::none_of(state.begin(), state.end(), [](State s) { return s == Pending; });
            for (size_t i = 0; i < jobs.size(); ++i)
                written += state[i] == Done ? jobs[i].files.size() : 0;
        }
        if (written != reported) {
            reported = written;
            progress.report(written, total);
        }
        if (!cancelled && !finished && progress.isCancelled()) {
            cancelled = true;
            stop.store(true);
        }
    }
    pool.waitForDone();
    for (size_t i = 0; i < jobs.size(); ++i) // the first failure in listing order, as a serial run reports it
        if (state[i] == Failed) {
            m_error = jobs[i].error.isEmpty() && !jobs[i].files.isEmpty()
                          ? jobs[i].files.first() + QStringLiteral(": cannot write")
                          : jobs[i].error;
            return false;
        }
    if (cancelled || progress.isCancelled()) {
        m_error = QStringLiteral("export cancelled");
        return false;
    }
    for (const auto &job : jobs)
        m_files << job.files;
    return true;
}

} // namespace

bool ExportWriter::writeSets(const QString &dir, const ExportSets &sets, const QStringList &referenceSets,
                             const ExportSettings &settings, const Progress &progress)
{
    m_files.clear();
    m_error.clear();
    const QDir d(dir);
    // Coarse labels make the CIFAR writers produce CIFAR-100 files, named as that download names them.
    const bool c100 = !sets.train.coarseLabelNames.isEmpty();
    // The sets' pixels, wherever they are.
    const ImageRows trainPixels = sets.trainPixels.count() > 0 ? sets.trainPixels : ImageRows(sets.train);
    const ImageRows testPixels = sets.testPixels.count() > 0 ? sets.testPixels : ImageRows(sets.test);
    const qint64 imageBytes = qint64(trainPixels.count() + testPixels.count()) * kImageBytes;
    std::vector<WriteJob> jobs;
    std::vector<QString> folders;
    // Both CIFAR writers take the same arguments; the job that runs one is the same but for its type.
    const auto cifarJob = [&]<typename Writer>(const QString &sub, Writer *) {
        folders.push_back(sub);
        jobs.push_back({{sub + QLatin1Char('/')}, imageBytes, [&, path = d.filePath(sub)](WriteJob &job) {
                            Writer w;
                            return w.writeFolder(path, sets.train, trainPixels, sets.test, testPixels,
                                                 settings.trainBatches) ||
                                   job.fail(w.errorString());
                        }});
    };
    if (settings.wants(QStringLiteral("cifar-python")))
        cifarJob(c100 ? QStringLiteral("cifar-100-python") : QStringLiteral("cifar-10-batches-py"),
                 static_cast<CifarPythonWriter *>(nullptr));
    if (settings.wants(QStringLiteral("cifar-binary")))
        cifarJob(c100 ? QStringLiteral("cifar-100-binary") : QStringLiteral("cifar-10-batches-bin"),
                 static_cast<CifarBinaryWriter *>(nullptr));
    if (settings.wants(QStringLiteral("npy")))
        folders.push_back(QStringLiteral("npy"));
    for (const auto &[split, set, pixels] : {std::tuple{QStringLiteral("train"), &sets.train, &trainPixels},
                                             std::tuple{QStringLiteral("test"), &sets.test, &testPixels}}) {
        const qint64 bytes = qint64(pixels->count()) * kImageBytes;
        if (settings.wants(QStringLiteral("npz"))) {
            const QString name = split + QStringLiteral(".npz");
            jobs.push_back({{name}, bytes, [path = d.filePath(name), set = set, pixels = pixels](WriteJob &job) {
                                return writeNpz(job, path, *set, *pixels);
                            }});
        }
        if (settings.wants(QStringLiteral("npy"))) {
            const QString data = QStringLiteral("npy/") + split + QStringLiteral("_data.npy");
            const QString labels = QStringLiteral("npy/") + split + QStringLiteral("_labels.npy");
            jobs.push_back({{data, labels},
                            bytes,
                            [dataPath = d.filePath(data), labelsPath = d.filePath(labels), set = set,
                             pixels = pixels](WriteJob &job) {
                                return writeNpy(job, dataPath, NpyArray::images(*pixels)) &&
                                       writeNpy(job, labelsPath, NpyArray::int32s(std::span<const int>(set->labels)));
                            }});
        }
    }
    const ManifestWriter manifest(referenceSets, c100);
    // Text, not pixels: weigh a row like the ~300 bytes of CPU-bound formatting it costs.
    const qint64 manifestCost = qint64(sets.manifest.size()) * 3072 / 4;
    jobs.push_back({{QStringLiteral("manifest.csv")},
                    manifestCost,
                    [&, path = d.filePath(QStringLiteral("manifest.csv"))](WriteJob &job) {
                        return writeManifest(job, path, manifest, sets.manifest, true);
                    }});
    // manifest.json's rows are formatted here, beside the other formats; the file is written last,
    // when its header can list every other file (write()).
    m_jsonRows.clear();
    jobs.push_back({{}, manifestCost, [&](WriteJob &job) {
                        ManifestWriter m = manifest;
                        QBuffer buffer(&m_jsonRows);
                        return (buffer.open(QIODevice::WriteOnly) && m.writeJson(&buffer, sets.manifest)) ||
                               job.fail(QStringLiteral("manifest.json: ") + m.errorString());
                    }});
    for (const QString &sub : folders)
        if (!d.mkpath(sub)) {
            m_error = d.filePath(sub) + QStringLiteral(": cannot create folder");
            return false;
        }
    int total = 0;
    for (const WriteJob &job : jobs)
        total += int(job.files.size());
    JobRunner runner;
    const bool ok = runner.run(jobs, progress, total);
    m_files = runner.files();
    m_error = runner.errorString();
    return ok;
}

bool ExportWriter::write(const QString &dir, const ExportInput &input, const Selection &selection,
                         const ExportSettings &settings, const Progress &progress)
{
    QStringList sets;
    for (const auto &s : input.referenceSets)
        sets << s.name;
    if (!writeSets(dir, buildExportSets(input, selection), sets, settings, progress))
        return false;
    // Each CIFAR folder's files, as its writer named them: the list says exactly what was written.
    const QDir d(dir);
    QStringList files;
    for (const QString &entry : std::as_const(m_files)) {
        if (!entry.endsWith(QLatin1Char('/'))) {
            files << entry;
            continue;
        }
        QStringList inFolder;
        QDirIterator it(d.filePath(entry), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
        while (it.hasNext())
            inFolder << d.relativeFilePath(it.next());
        inFolder.sort();
        files << inFolder;
    }
    files << QStringLiteral("README.txt");
    QStringList listed = files;
    listed << ExportFolder::kManifest;
    if (!writeBytes(d.filePath(QStringLiteral("README.txt")), exportReadme(input, selection, settings, listed)))
        return false;
    QByteArray json = exportManifestHeader(input, selection, settings, dir, files);
    json += "\n \"images\": ";
    json += m_jsonRows.trimmed();
    json += "}\n";
    m_jsonRows.clear();
    if (!writeBytes(d.filePath(ExportFolder::kManifest), json))
        return false;
    m_files = listed;
    return true;
}

} // namespace tc::core
