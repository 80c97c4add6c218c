#include "core/readers/NpzReader.h"

#include "core/readers/Cifar10LabelNames.h"
#include "core/readers/NpyReader.h"
#include "core/readers/ReadError.h"
#include "core/readers/ZipArchive.h"

#include <limits>

namespace tc::core {

NpzReader::NpzReader() : m_zip(std::make_unique<ZipArchive>()) {}
NpzReader::~NpzReader() = default;

bool NpzReader::fail(const QString &problem)
{
    m_error = fileError(m_path, problem);
    return false;
}

bool NpzReader::open(const QString &path)
{
    m_path = path;
    m_error.clear();
    if (!m_zip->open(path)) {
        m_error = m_zip->errorString();
        return false;
    }
    return true;
}

QStringList NpzReader::arrayNames() const
{
    QStringList names;
    for (const QString &n : m_zip->names())
        if (n.endsWith(QLatin1String(".npy")))
            names << n.chopped(4);
    return names;
}

bool NpzReader::array(const QString &name, NdArray &out)
{
    QByteArray bytes;
    if (!m_zip->read(name + QStringLiteral(".npy"), &bytes)) {
        m_error = m_zip->errorString();
        return false;
    }
    NpyReader npy;
    // Messages name the member inside the archive: "<file>: member 'labels.npy': ...".
    if (!npy.parseArray(bytes, QStringLiteral("%1: member '%2.npy'").arg(m_path, name), out)) {
        m_error = npy.errorString();
        return false;
    }
    return true;
}

bool NpzReader::readIntegers(const QString &name, qsizetype count, std::vector<qint64> *out)
{
    NdArray a;
    if (!array(name, a))
        return false;
    if (a.shape.size() != 1)
        return fail(QStringLiteral("'%1': expected 1-D, found %2").arg(name, a.shapeString()));
    NdArrayConverter convert;
    if (!convert.toIntegers(a, out))
        return fail(QStringLiteral("'%1': %2").arg(name, convert.errorString()));
    if (count >= 0 && qsizetype(out->size()) != count)
        return fail(QStringLiteral("'%1' has %2 entries for %3 images").arg(name).arg(out->size()).arg(count));
    return true;
}

bool NpzReader::readStrings(const QString &name, QStringList *out)
{
    NdArray a;
    if (!array(name, a))
        return false;
    NdArrayConverter convert;
    if (!convert.toStrings(a, out))
        return fail(QStringLiteral("'%1': %2").arg(name, convert.errorString()));
    return true;
}

bool NpzReader::readImages(ImageSet &out)
{
    const QStringList names = arrayNames();
    const QString imagesName =
        names.contains(QStringLiteral("images")) ? QStringLiteral("images") : QStringLiteral("data");
    if (!names.contains(imagesName))
        return fail(QStringLiteral("no 'images' array (arrays: %1)").arg(names.join(QStringLiteral(", "))));
    NdArray images;
    if (!array(imagesName, images))
        return false;
    NdArrayConverter convert;
    if (!convert.nhwcToCanonical(images, &out.pixels))
        return fail(QStringLiteral("'%1': %2").arg(imagesName, convert.errorString()));
    return true;
}

bool NpzReader::read(const QString &path, ImageSet &out)
{
    out = ImageSet();
    if (!open(path) || !readImages(out))
        return false;
    const QStringList names = arrayNames();
    const qsizetype n = out.count();
    std::vector<qint64> values;
    if (names.contains(QStringLiteral("labels"))) {
        if (!readIntegers(QStringLiteral("labels"), n, &values))
            return false;
        for (qint64 v : values) {
            if (v < 0 || v > std::numeric_limits<int>::max())
                return fail(QStringLiteral("label %1 is out of range").arg(v));
            out.labels.push_back(int(v));
        }
    }
    if (names.contains(QStringLiteral("label_names")) && !readStrings(QStringLiteral("label_names"), &out.labelNames))
        return false;
    if (names.contains(QStringLiteral("ti_indices"))) {
        if (!readIntegers(QStringLiteral("ti_indices"), n, &out.sourceIndices))
            return false;
    } else {
        for (qsizetype i = 0; i < n; ++i)
            out.sourceIndices.push_back(i);
    }
    if (names.contains(QStringLiteral("keywords"))) {
        if (!readStrings(QStringLiteral("keywords"), &out.keywords))
            return false;
        if (out.keywords.size() != n)
            return fail(QStringLiteral("'keywords' has %1 entries for %2 images").arg(out.keywords.size()).arg(n));
    }
    for (int label : out.labels)
        if (!out.labelNames.isEmpty() && label >= out.labelNames.size())
            return fail(QStringLiteral("label %1 has no name (%2 label_names)").arg(label).arg(out.labelNames.size()));
    nameCifar10Labels(path, out);
    return true;
}

} // namespace tc::core
