#include "core/readers/CifarPythonReader.h"

#include "core/readers/NdArray.h"
#include "core/readers/PickleReader.h"
#include "core/readers/ReadError.h"

#include <QCollator>
#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <algorithm>
#include <limits>

namespace tc::core {

namespace {

using Kind = PickleValue::Kind;

// The lists a CIFAR pickle holds, checked and converted. False with errorString() saying what is
// wrong (without the key or path: the caller adds them).
class CifarPickleLists final {
public:
    // A list/tuple of Python ints or a 1-D numpy integer array.
    bool toIntList(const PickleValue &v, std::vector<qint64> *out);
    // A list of str/bytes or a 1-D numpy string array.
    bool toStringList(const PickleValue &v, QStringList *out);
    bool toLabels(const PickleValue &v, std::vector<int> *out);
    QString errorString() const { return m_error; }

private:
    bool fail(const QString &problem)
    {
        m_error = problem;
        return false;
    }

    QString m_error;
};

// A list/tuple of Python ints or a 1-D numpy integer array.
bool CifarPickleLists::toIntList(const PickleValue &v, std::vector<qint64> *out)
{
    if (v.kind == Kind::NdArray) {
        if (v.array->shape.size() != 1) {
            return fail(QStringLiteral("is not 1-D"));
        }
        NdArrayConverter convert;
        if (convert.toIntegers(*v.array, out))
            return true;
        return fail(convert.errorString());
    }
    if (v.kind != Kind::List && v.kind != Kind::Tuple) {
        return fail(QStringLiteral("is a %1, expected a list of int").arg(v.typeName()));
    }
    out->clear();
    out->reserve(v.items.size());
    for (const auto &item : v.items) {
        if (item->kind != Kind::Int) {
            return fail(QStringLiteral("holds a %1, expected int").arg(item->typeName()));
        }
        out->push_back(item->integer);
    }
    return true;
}

// A list of str/bytes or a 1-D numpy string array.
bool CifarPickleLists::toStringList(const PickleValue &v, QStringList *out)
{
    if (v.kind == Kind::NdArray) {
        NdArrayConverter convert;
        if (convert.toStrings(*v.array, out))
            return true;
        return fail(convert.errorString());
    }
    if (v.kind != Kind::List && v.kind != Kind::Tuple) {
        return fail(QStringLiteral("is a %1, expected a list of strings").arg(v.typeName()));
    }
    out->clear();
    for (const auto &item : v.items) {
        if (!item->isText()) {
            return fail(QStringLiteral("holds a %1, expected str or bytes").arg(item->typeName()));
        }
        // bytes in CIFAR files are ASCII names; UTF-8 is the lossless reading of any newer ones.
        out->append(item->kind == Kind::Str ? item->toQString() : QString::fromUtf8(item->bytes));
    }
    return true;
}

bool CifarPickleLists::toLabels(const PickleValue &v, std::vector<int> *out)
{
    std::vector<qint64> values;
    if (!toIntList(v, &values))
        return false;
    out->clear();
    out->reserve(values.size());
    for (size_t i = 0; i < values.size(); ++i) {
        if (values[i] < 0 || values[i] > std::numeric_limits<int>::max()) {
            return fail(QStringLiteral("label %1 of image %2 is out of range").arg(values[i]).arg(i));
        }
        out->push_back(int(values[i]));
    }
    return true;
}

QString keyList(const PickleValue &root)
{
    QStringList keys;
    for (const auto &[k, v] : root.dict)
        if (k->isText())
            keys << k->toQString().left(40);
    return keys.join(QStringLiteral(", "));
}

} // namespace

bool CifarPythonReader::fail(const QString &path, const QString &problem)
{
    m_error = fileError(path, problem);
    return false;
}

QStringList CifarPythonReader::batchFilesIn(const QString &dir)
{
    const QDir d(dir);
    // Numeric order, so data_batch_10 follows data_batch_9 rather than data_batch_1.
    QStringList batches = d.entryList({QStringLiteral("data_batch_*")}, QDir::Files);
    static const QRegularExpression numbered(QStringLiteral("^data_batch_(\\d+)$"));
    batches.erase(
        std::remove_if(batches.begin(), batches.end(), [](const QString &f) { return !numbered.match(f).hasMatch(); }),
        batches.end());
    std::sort(batches.begin(), batches.end(), [](const QString &a, const QString &b) {
        return numbered.match(a).captured(1).toLongLong() < numbered.match(b).captured(1).toLongLong();
    });
    if (batches.isEmpty() && d.exists(QStringLiteral("train")))
        batches << QStringLiteral("train"); // CIFAR-100 keeps its training set in one file
    if (batches.isEmpty() && d.exists(QStringLiteral("test_batch")))
        batches << QStringLiteral("test_batch");
    QStringList paths;
    for (const auto &b : batches)
        paths << d.filePath(b);
    return paths;
}

QString CifarPythonReader::metaFileIn(const QString &dir)
{
    const QDir d(dir);
    for (const QString &name : {QStringLiteral("batches.meta"), QStringLiteral("meta")})
        if (QFileInfo(d.filePath(name)).isFile())
            return d.filePath(name);
    return {};
}

bool CifarPythonReader::read(const QString &path, ImageSet &out)
{
    m_error.clear();
    m_batchLabel.clear();
    out = ImageSet();
    if (QFileInfo(path).isDir())
        return readFolder(path, out);
    if (!readFile(path, out, false))
        return false;
    return out.count() == 0 || readSiblingMeta(path, out);
}

bool CifarPythonReader::readFolder(const QString &dir, ImageSet &out)
{
    const QStringList batches = batchFilesIn(dir);
    if (batches.isEmpty())
        return fail(dir, QStringLiteral("no CIFAR python batches (data_batch_N, train or test_batch) in this folder"));
    qint64 total = 0;
    for (const auto &batch : batches)
        total += QFileInfo(batch).size();
    // A batch file is a little larger than its pixels: reserving the sum avoids regrowing 180 MB.
    out.pixels.reserve(size_t(total));
    for (const auto &batch : batches)
        if (!readFile(batch, out, true))
            return false;
    return readSiblingMeta(batches.first(), out);
}

// Label names from the batch's folder, when it has a meta file; a batch alone is still readable.
bool CifarPythonReader::readSiblingMeta(const QString &batchPath, ImageSet &out)
{
    const QString meta = metaFileIn(QFileInfo(batchPath).absolutePath());
    if (meta.isEmpty() || QFileInfo(meta) == QFileInfo(batchPath))
        return true;
    ImageSet names;
    const QString batchLabel = m_batchLabel;
    if (!readFile(meta, names, false))
        return false;
    m_batchLabel = batchLabel;
    for (int label : out.labels)
        if (!names.labelNames.isEmpty() && label >= names.labelNames.size())
            return fail(batchPath, QStringLiteral("label %1 has no name in %2 (%3 names)")
                                       .arg(label)
                                       .arg(meta)
                                       .arg(names.labelNames.size()));
    out.labelNames = names.labelNames;
    out.coarseLabelNames = names.coarseLabelNames;
    return true;
}

bool CifarPythonReader::readFile(const QString &path, ImageSet &out, bool append)
{
    PickleReader reader(PickleReader::Py2Strings::Bytes);
    if (!reader.readFile(path)) {
        m_error = reader.errorString(); // already "<path>: <problem>"
        return false;
    }
    const PickleValue &root = *reader.result();
    if (root.kind != Kind::Dict)
        return fail(path, QStringLiteral("top-level object is a %1, expected a dict").arg(root.typeName()));
    if (root.get("data"))
        return readBatch(path, root, out);
    if (append)
        return fail(path, QStringLiteral("expected a batch with 'data', found keys: %1").arg(keyList(root)));
    if (root.get("label_names") || root.get("fine_label_names"))
        return readMeta(path, root, out);
    return fail(path, QStringLiteral("not a CIFAR batch or meta file (keys: %1)").arg(keyList(root)));
}

bool CifarPythonReader::readBatch(const QString &path, const PickleValue &root, ImageSet &out)
{
    const auto data = root.get("data");
    if (data->kind != Kind::NdArray)
        return fail(path, QStringLiteral("'data' is a %1, expected a numpy array").arg(data->typeName()));
    NdArrayConverter convert;
    if (!convert.cifarRowsInto(*data->array, nullptr))
        return fail(path, QStringLiteral("'data': %1").arg(convert.errorString()));
    CifarPickleLists lists;
    const qsizetype n = qsizetype(data->array->shape[0]);

    const bool cifar100 = bool(root.get("fine_labels"));
    const auto labelsValue = cifar100 ? root.get("fine_labels") : root.get("labels");
    std::vector<int> labels, coarse;
    if (!labelsValue)
        return fail(path, QStringLiteral("batch has no 'labels' (or 'fine_labels')"));
    if (!lists.toLabels(*labelsValue, &labels))
        return fail(path, QStringLiteral("'%1' %2").arg(cifar100 ? "fine_labels" : "labels", lists.errorString()));
    if (qsizetype(labels.size()) != n)
        return fail(path, QStringLiteral("%1 labels for %2 images").arg(labels.size()).arg(n));
    if (cifar100) {
        const auto coarseValue = root.get("coarse_labels");
        if (!coarseValue || !lists.toLabels(*coarseValue, &coarse))
            return fail(path, QStringLiteral("'coarse_labels' %1")
                                  .arg(coarseValue ? lists.errorString() : QStringLiteral("missing")));
        if (qsizetype(coarse.size()) != n)
            return fail(path, QStringLiteral("%1 coarse labels for %2 images").arg(coarse.size()).arg(n));
    }
    QStringList filenames;
    if (const auto f = root.get("filenames")) {
        if (!lists.toStringList(*f, &filenames))
            return fail(path, QStringLiteral("'filenames' %1").arg(lists.errorString()));
        if (filenames.size() != n)
            return fail(path, QStringLiteral("%1 filenames for %2 images").arg(filenames.size()).arg(n));
    }
    if (const auto b = root.get("batch_label"); b && b->isText())
        m_batchLabel = b->toQString();

    // Optional vectors stay empty or exactly count() long across appended batches.
    const qsizetype before = out.count();
    if (!filenames.isEmpty() || !out.filenames.isEmpty()) {
        while (out.filenames.size() < before)
            out.filenames.append(QString());
        out.filenames += filenames.isEmpty() ? QStringList(n, QString()) : filenames;
    }
    if (cifar100 || !out.coarseLabels.empty()) {
        out.coarseLabels.resize(size_t(before), -1);
        if (cifar100)
            out.coarseLabels.insert(out.coarseLabels.end(), coarse.begin(), coarse.end());
        else
            out.coarseLabels.resize(size_t(before + n), -1);
    }
    // Transpose straight into the set: one pass over the pixels, no intermediate copy.
    out.pixels.resize(size_t(before + n) * kImageBytes);
    convert.cifarRowsInto(*data->array, out.pixels.data() + size_t(before) * kImageBytes); // checked above
    out.labels.insert(out.labels.end(), labels.begin(), labels.end());
    for (qsizetype i = 0; i < n; ++i)
        out.sourceIndices.push_back(before + i);
    return true;
}

bool CifarPythonReader::readMeta(const QString &path, const PickleValue &root, ImageSet &out)
{
    CifarPickleLists lists;
    const bool cifar100 = bool(root.get("fine_label_names"));
    const auto names = root.get(cifar100 ? "fine_label_names" : "label_names");
    if (!lists.toStringList(*names, &out.labelNames))
        return fail(path,
                    QStringLiteral("'%1' %2").arg(cifar100 ? "fine_label_names" : "label_names", lists.errorString()));
    if (const auto coarse = root.get("coarse_label_names")) {
        if (!lists.toStringList(*coarse, &out.coarseLabelNames))
            return fail(path, QStringLiteral("'coarse_label_names' %1").arg(lists.errorString()));
    }
    return true;
}

} // namespace tc::core
