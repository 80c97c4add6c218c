#pragma once

#include "core/common/Progress.h"
#include "core/export/ExportInput.h"
#include "core/export/ExportSettings.h"
#include "core/export/SelectionPolicy.h"
#include "core/writers/ImageRows.h"
#include "core/writers/ManifestWriter.h"

#include <QString>
#include <QStringList>

namespace tc::core {

// The selected images as the writers take them. buildExportSets() leaves train/test.pixels empty
// and points trainPixels/testPixels at the loaded snapshot's images instead of copying them;
// sets prepared otherwise may carry their own pixels and leave the ImageRows empty.
struct ExportSets final {
    ImageSet train;
    ImageSet test;
    ImageRows trainPixels;
    ImageRows testPixels;
    std::vector<ManifestRow> manifest; // train rows then test rows
};
ExportSets buildExportSets(const ExportInput &input, const Selection &selection);

// Writes every chosen format of one export into an existing folder:
//   cifar-10-batches-py/   data_batch_1..n, test_batch, batches.meta       (cifar-python)
//   cifar-10-batches-bin/  data_batch_1..n.bin, test_batch.bin, batches.meta.txt (cifar-binary)
//   (with superclasses, CIFAR-100 style instead: cifar-100-python/ train, test, meta and
//    cifar-100-binary/ train.bin, test.bin, fine/coarse_label_names.txt; the npz files gain
//    coarse_labels + coarse_label_names and the manifest coarse_label + superclass columns)
//   train.npz, test.npz    CIFAR-10.2 style: images, labels, label_names, ti_indices, keywords (npz)
//   npy/                   CIFAR-10.1 style: {train,test}_data.npy (N,32,32,3) + _labels.npy (npy)
//   manifest.csv, README.txt, manifest.json                                  (always)
// manifest.json is written last: {"tinycurator_export": header, "images": [one object per image]},
// the header alone on the first line. It identifies the folder as a TinyCurator export and lists every
// other file with its size (ExportFolder recognises a previous export by it), and records the duplicate
// search the export relied on (mode, thresholds, time; or that the check was skipped).
// Nothing in the output depends on the time or the folder, so repeated exports are identical.
// The formats are independent files and are written concurrently on all cores; progress is reported
// on the calling thread only.
class ExportWriter final {
public:
    bool write(const QString &dir, const ExportInput &input, const Selection &selection, const ExportSettings &settings,
               const Progress &progress = {});
    QString errorString() const { return m_error; }
    // Every file written, relative to dir, in listing order (each CIFAR folder's files, not the folder).
    QStringList files() const { return m_files; }

private:
    bool writeSets(const QString &dir, const ExportSets &sets, const QStringList &referenceSets,
                   const ExportSettings &settings, const Progress &progress);
    bool writeBytes(const QString &path, const QByteArray &bytes);

    QString m_error;
    QStringList m_files;
    QByteArray m_jsonRows; // manifest.json's image array, formatted with the other formats
};

QByteArray exportReadme(const ExportInput &input, const Selection &selection, const ExportSettings &settings,
                        const QStringList &files);
// manifest.json's first line: {"tinycurator_export": <header>,
QByteArray exportManifestHeader(const ExportInput &input, const Selection &selection, const ExportSettings &settings,
                                const QString &dir, const QStringList &files);

} // namespace tc::core
