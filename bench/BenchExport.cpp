// Export benchmark: a project with 66,000 accepted candidates in 10 classes (20 keywords each)
// and two 10,000-image reference sets is exported at 6,000 per class (60,000 images: 50,000 train
// + 10,000 test) in all four formats plus manifest and README, end to end (Exporter::run: project
// read, exact comparison with the references, selection, writing, rename). Baselines in the same
// run: writing the same pixel bytes once per format with QSaveFile (the I/O floor, one file at a
// time and on all cores at once), and NumPy doing the same four formats from arrays already in
// memory (bench/bench_export_numpy.py).
//
//   bench_export [repetitions=3] [project]
// With a project path, the bench project is built there once and reused by later runs (for
// profiling); without, it lives in a temporary folder.
#include "core/export/Exporter.h"
#include "core/project/Database.h"
#include "core/project/Project.h"
#include "core/project/Statement.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QProcess>
#include <QSaveFile>
#include <QTemporaryDir>
#include <QThread>
#include <algorithm>
#include <atomic>
#include <cstdio>
#include <random>
#include <sys/resource.h>
#include <thread>

using namespace tc::core;

namespace {
constexpr int kClasses = 10, kKeywords = 20, kPerClassAvailable = 6600, kPerClass = 6000, kRefs = 10000;

std::vector<std::uint8_t> randomImage(std::mt19937_64 &rng)
{
    std::vector<std::uint8_t> px(kImageBytes);
    for (int i = 0; i < kImageBytes; i += 8) {
        const quint64 v = rng();
        std::memcpy(px.data() + i, &v, 8);
    }
    return px;
}

bool fillProject(const QString &path)
{
    Project p;
    if (!p.create(path))
        return false;
    Catalog catalog;
    for (int c = 0; c < kClasses; ++c) {
        CatalogClass cls{QStringLiteral("class%1").arg(c), {}};
        for (int k = 0; k < kKeywords; ++k)
            cls.keywords.append({QStringLiteral("kw%1_%2").arg(c).arg(k), 5 + (k * 7) % 13});
        catalog.append(cls);
    }
    if (!p.defineCatalog(catalog))
        return false;
    Database &db = p.database();
    std::mt19937_64 rng(42);
    db.exec(QStringLiteral("BEGIN"));
    Statement cand(db,
                   QStringLiteral("INSERT INTO candidates(id, keyword_id, tiny_index, keyword_pos, filename, pixels) "
                                  "VALUES (?1, (SELECT k.id FROM keywords k JOIN classes c ON c.id = k.class_id "
                                  "WHERE c.label = ?2 ORDER BY k.id LIMIT 1 OFFSET ?3), ?1, ?1, ?4, ?5)"));
    Statement dec(db, QStringLiteral("INSERT INTO decisions(id, candidate_id, annotator, verdict, created_at, batch) "
                                     "VALUES (?1, ?1, 'bench', 1, ?1, ?1)"));
    Statement state(db, QStringLiteral("INSERT INTO candidate_state VALUES (?1, 'bench', 1, ?1)"));
    Statement fin(db, QStringLiteral("INSERT INTO final_state VALUES (?1, 1, 'bench', ?1)"));
    qint64 id = 0;
    for (int c = 0; c < kClasses; ++c)
        for (int i = 0; i < kPerClassAvailable; ++i) {
            ++id;
            cand.reset();
            cand.bind(1, id).bind(2, c).bind(3, i % kKeywords).bind(4, QStringLiteral("kw_s_%1.png").arg(id));
            cand.bindBlob(5, randomImage(rng));
            dec.reset(), state.reset(), fin.reset();
            if (!cand.exec() || !dec.bind(1, id).exec() || !state.bind(1, id).exec() || !fin.bind(1, id).exec())
                return false;
        }
    Statement set(db, QStringLiteral("INSERT INTO reference_sets(id, name, role, count) VALUES (?1, ?2, ?3, ?4)"));
    Statement ref(db,
                  QStringLiteral("INSERT INTO reference_images(set_id, idx, label, pixels) VALUES (?1, ?2, 0, ?3)"));
    for (int s = 1; s <= 2; ++s) {
        set.reset();
        if (!set.bind(1, s)
                 .bind(2, s == 1 ? QStringLiteral("train") : QStringLiteral("test"))
                 .bind(3, s == 1 ? QStringLiteral("avoid") : QStringLiteral("exclude"))
                 .bind(4, kRefs)
                 .exec())
            return false;
        for (int i = 0; i < kRefs; ++i) {
            ref.reset();
            if (!ref.bind(1, s).bind(2, i).bindBlob(3, randomImage(rng)).exec())
                return false;
        }
    }
    return db.exec(QStringLiteral("COMMIT"));
}

// CPU seconds of this process (user + system): on the shared 2-core machine wall time mostly
// measures the other jobs, CPU time what the export itself costs.
double cpuMs()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return (u.ru_utime.tv_sec + u.ru_stime.tv_sec) * 1e3 + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e3;
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v[v.size() / 2];
}

// The I/O floor: the same 60,000 images written once per image-bearing format (4 x 184 MB), one
// file after the other, or with `threads` files in flight at once (the export writes its formats
// concurrently, so the parallel floor is the fair one to compare with on a multi-core machine).
double rawWriteMs(const QString &dir, int threads)
{
    const QByteArray bytes(qsizetype(kClasses) * kPerClass * kImageBytes, '\x5a');
    std::atomic<int> next{0}, failed{0};
    const auto writeFiles = [&] {
        for (int f; (f = next++) < 4;) {
            QSaveFile out(QDir(dir).filePath(QStringLiteral("raw%1").arg(f)));
            if (!out.open(QIODevice::WriteOnly) || out.write(bytes) != bytes.size() || !out.commit())
                ++failed;
        }
    };
    QElapsedTimer t;
    t.start();
    std::vector<std::thread> helpers;
    for (int i = 1; i < threads; ++i)
        helpers.emplace_back(writeFiles);
    writeFiles();
    for (auto &h : helpers)
        h.join();
    return failed ? -1 : double(t.nsecsElapsed()) / 1e6;
}
} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const int reps = argc > 1 ? std::max(1, atoi(argv[1])) : 3;
    QTemporaryDir dir(QDir::tempPath() + QStringLiteral("/tc-bench-export-XXXXXX"));
    const QString project = argc > 2 ? QString::fromLocal8Bit(argv[2]) : dir.filePath(QStringLiteral("bench.tcproj"));
    if (QFileInfo::exists(project)) {
        std::printf("reusing %s\n", qPrintable(project));
    } else {
        std::printf("building project (66,000 accepted candidates, 2 x 10,000 references)...\n");
        if (!fillProject(project)) {
            std::fprintf(stderr, "cannot build the bench project\n");
            return 1;
        }
    }
    ExportSettings s;
    s.perClass = kPerClass;
    s.testFraction = 1.0 / 6.0; // 5,000 / 1,000 per class, as CIFAR-10
    s.outputDir = dir.filePath(QStringLiteral("out"));
    s.force = true;
    s.skipDedupCheck = true; // the bench writes its reference sets without a duplicate search
    std::vector<double> full, dry, raw, fullCpu, rawCpu, rawPar;
    const int cores = std::max(1, QThread::idealThreadCount());
    for (int r = 0; r < reps; ++r) {
        Exporter e;
        QElapsedTimer t;
        t.start();
        if (!e.dryRun(project, s)) {
            std::fprintf(stderr, "%s\n", qPrintable(e.errorString()));
            return 1;
        }
        dry.push_back(double(t.nsecsElapsed()) / 1e6);
        t.restart();
        const double c0 = cpuMs();
        if (!e.run(project, s)) {
            std::fprintf(stderr, "%s\n", qPrintable(e.errorString()));
            return 1;
        }
        full.push_back(double(t.nsecsElapsed()) / 1e6);
        fullCpu.push_back(cpuMs() - c0);
        const double c1 = cpuMs();
        raw.push_back(rawWriteMs(dir.path(), 1));
        rawCpu.push_back(cpuMs() - c1);
        rawPar.push_back(rawWriteMs(dir.path(), cores));
        std::printf("rep %d: export %.0f ms wall / %.0f ms CPU (load+select %.0f ms wall), raw write of the same bytes "
                    "%.0f ms wall / %.0f ms CPU, on %d threads %.0f ms wall\n",
                    r + 1, full.back(), fullCpu.back(), dry.back(), raw.back(), rawCpu.back(), cores, rawPar.back());
    }
    std::printf(
        "median: export 60,000 images, all formats: %.0f ms wall, %.0f ms CPU; load+select only: %.0f ms wall; "
        "raw write floor: %.0f ms wall, %.0f ms CPU (on %d threads: %.0f ms wall); ratio export/raw wall %.2f\n",
        median(full), median(fullCpu), median(dry), median(raw), median(rawCpu), cores, median(rawPar),
        median(full) / median(raw));
    QProcess py;
    py.start(QStringLiteral("/usr/bin/python3"),
             {QCoreApplication::applicationDirPath() + QStringLiteral("/bench_export_numpy.py"),
              dir.filePath(QStringLiteral("np")), QString::number(reps)});
    py.waitForFinished(-1);
    std::printf("%s%s", py.readAllStandardOutput().constData(), py.readAllStandardError().constData());
    return 0;
}
