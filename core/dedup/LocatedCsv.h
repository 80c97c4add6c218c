#pragma once

#include "core/common/Csv.h"
#include "core/dedup/TinyLocator.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

class QIODevice;

namespace tc::core {

struct ImageSet;

// THE format of `locate`'s output and `merge-shards`' input and output (one owner: the writer, the
// reader and the merge below), through core/common/Csv.h:
//
//   dataset_index,rank,tiny_index,keyword,l2,l2_squared,exact,records,dataset
//
// Every dataset image has exactly k rows (rank 1..k, in TinyMatch order: nearer first, then the
// smaller Tiny index), in dataset order; a rank the range could not fill (fewer records than k, an
// empty shard) has empty match fields. `records` is the record range searched ("A:B", END
// exclusive) and `dataset` identifies the dataset ("<count>:<SHA-256 of its pixels, 32 hex>"), on
// every row, so a shard carries what merging it needs and a mixed-up file is refused.
struct LocatedMatch {
    TinyMatch match;
    QString keyword;
};

struct LocatedImage {
    qint64 datasetIndex = -1;
    int k = 0;                   // rows the image has
    QList<LocatedMatch> matches; // the filled ranks, in order
    TinyRecordRange records;
    QString dataset;
};

// "<count>:<hex>" of a dataset's pixels: what ties a located file to the images it describes.
QString locatedDatasetId(const ImageSet &set);

class LocatedCsvWriter final {
public:
    LocatedCsvWriter(QIODevice *device, const QString &name);
    bool writeHeader();
    // image.k rows; matches beyond k are an error of the caller (asserted).
    bool write(const LocatedImage &image);
    bool ok() const { return m_csv.ok(); }
    QString errorString() const { return m_csv.errorString(); }

private:
    CsvWriter m_csv;
};

// Reads one image (its k rows) at a time, checking the layout: the header, integers where integers
// belong, dataset indices 0, 1, 2, ... with ranks 1..k each, the same k, records and dataset on
// every row, matches in order. Errors name the file and the line.
class LocatedCsvReader final {
public:
    LocatedCsvReader(QIODevice *device, const QString &name);
    // False at the end (hasError() false) or on an error.
    bool next(LocatedImage *image);
    bool hasError() const { return !m_error.isEmpty(); }
    QString errorString() const { return m_error; }
    // The first row's records and dataset (valid after the first next() that returned true).
    TinyRecordRange records() const { return m_records; }
    QString dataset() const { return m_dataset; }
    qint64 imagesRead() const { return m_expectIndex; }

private:
    bool readRow(QStringList *row);
    bool fail(const QString &what);

    CsvReader m_csv;
    QString m_name;
    QString m_error;
    bool m_headerRead = false;
    std::optional<QStringList> m_pending;
    qint64 m_pendingLine = 0;
    qint64 m_expectIndex = 0;
    int m_k = 0;
    TinyRecordRange m_records;
    QString m_dataset;
};

// Merges located shards (record ranges of one dataset's search) into what one unsharded run over
// their union writes, byte for byte: per image the k best of all shards' matches in TinyMatch
// order. Shards may come in any order; their ranges must tile one range without overlap or gap
// (empty shards included), and all must describe the same dataset with the same k.
class LocatedShardMerge final {
public:
    struct Input {
        QIODevice *device = nullptr;
        QString name;
    };
    bool merge(const QList<Input> &inputs, QIODevice *out, const QString &outName);
    QString errorString() const { return m_error; }
    qint64 imagesMerged() const { return m_images; }
    TinyRecordRange records() const { return m_records; }

private:
    QString m_error;
    qint64 m_images = 0;
    TinyRecordRange m_records;
};

} // namespace tc::core
