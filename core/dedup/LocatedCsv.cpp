#include "LocatedCsv.h"

#include "core/common/ImageSet.h"

#include <QCryptographicHash>
#include <QIODevice>
#include <cmath>

namespace tc::core {

namespace {

const QStringList &locatedHeader()
{
    static const QStringList header{
        QStringLiteral("dataset_index"), QStringLiteral("rank"),    QStringLiteral("tiny_index"),
        QStringLiteral("keyword"),       QStringLiteral("l2"),      QStringLiteral("l2_squared"),
        QStringLiteral("exact"),         QStringLiteral("records"), QStringLiteral("dataset")};
    return header;
}

// Digits only (no sign, no blanks): the writer never writes anything else.
std::optional<qint64> parseCount(const QString &s)
{
    if (s.isEmpty() || s.size() > 18)
        return std::nullopt;
    for (const QChar c : s)
        if (c < QLatin1Char('0') || c > QLatin1Char('9'))
            return std::nullopt;
    return s.toLongLong();
}

} // namespace

QString locatedDatasetId(const ImageSet &set)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(QByteArrayView(reinterpret_cast<const char *>(set.pixels.data()), qsizetype(set.pixels.size())));
    return QStringLiteral("%1:%2").arg(set.count()).arg(QString::fromLatin1(hash.result().toHex().left(32)));
}

LocatedCsvWriter::LocatedCsvWriter(QIODevice *device, const QString &name) : m_csv(device, name) {}

bool LocatedCsvWriter::writeHeader()
{
    return m_csv.writeRow(locatedHeader());
}

bool LocatedCsvWriter::write(const LocatedImage &image)
{
    Q_ASSERT(image.matches.size() <= image.k);
    const QString index = QString::number(image.datasetIndex), records = image.records.toString();
    for (int rank = 1; rank <= image.k; ++rank) {
        QStringList row{index, QString::number(rank)};
        if (rank <= image.matches.size()) {
            const LocatedMatch &m = image.matches.at(rank - 1);
            row << QString::number(m.match.tinyIndex) << m.keyword
                << QString::number(std::sqrt(double(m.match.distance2)), 'f', 3) << QString::number(m.match.distance2)
                << (m.match.distance2 == 0 ? QStringLiteral("1") : QStringLiteral("0"));
        } else {
            row << QString() << QString() << QString() << QString() << QString();
        }
        row << records << image.dataset;
        if (!m_csv.writeRow(row))
            return false;
    }
    return true;
}

LocatedCsvReader::LocatedCsvReader(QIODevice *device, const QString &name) : m_csv(device, name), m_name(name) {}

bool LocatedCsvReader::fail(const QString &what)
{
    if (m_error.isEmpty())
        m_error = QStringLiteral("%1: line %2: %3").arg(m_name).arg(m_pendingLine).arg(what);
    return false;
}

bool LocatedCsvReader::readRow(QStringList *row)
{
    if (!m_csv.readRow(row)) {
        if (m_csv.hasError())
            m_error = m_csv.errorString();
        return false;
    }
    m_pendingLine = m_csv.lineNumber();
    return true;
}

bool LocatedCsvReader::next(LocatedImage *image)
{
    if (hasError())
        return false;
    if (!m_headerRead) {
        QStringList header;
        if (!readRow(&header))
            return hasError() ? false : fail(QStringLiteral("empty file (not the output of locate)"));
        if (header != locatedHeader())
            return fail(QStringLiteral("not a located CSV (expected the header %1)").arg(locatedHeader().join(u',')));
        m_headerRead = true;
    }
    *image = LocatedImage{};
    for (int rank = 1;; ++rank) {
        QStringList row;
        if (m_pending) {
            row = *m_pending;
            m_pending.reset();
        } else if (!readRow(&row)) {
            if (hasError())
                return false;
            if (rank == 1)
                return false; // the end
            break;
        }
        if (row.size() != locatedHeader().size())
            return fail(QStringLiteral("expected %1 fields, got %2").arg(locatedHeader().size()).arg(row.size()));
        const auto index = parseCount(row.at(0));
        const auto r = parseCount(row.at(1));
        if (!index || !r)
            return fail(QStringLiteral("dataset_index and rank must be non-negative integers"));
        if (rank > 1 && *index != image->datasetIndex) {
            m_pending = row; // the next image's first row
            break;
        }
        if (rank == 1) {
            if (*index != m_expectIndex)
                return fail(QStringLiteral("dataset_index %1 where %2 was expected (rows must list every image "
                                           "in order)")
                                .arg(*index)
                                .arg(m_expectIndex));
            image->datasetIndex = *index;
        }
        if (*r != rank)
            return fail(QStringLiteral("rank %1 where %2 was expected").arg(*r).arg(rank));
        const auto records = TinyRecordRangeParser().parse(row.at(7), std::numeric_limits<qint64>::max());
        if (!records || row.at(7).startsWith(u':') || row.at(7).endsWith(u':'))
            return fail(QStringLiteral("records: expected BEGIN:END, got '%1'").arg(row.at(7)));
        if (m_expectIndex == 0 && rank == 1) {
            m_records = *records;
            m_dataset = row.at(8);
        } else if (*records != m_records || row.at(8) != m_dataset) {
            return fail(QStringLiteral("records or dataset differ from the file's first row (a file mixes runs)"));
        }
        image->records = *records;
        image->dataset = row.at(8);
        const bool empty = row.at(2).isEmpty();
        if (empty) {
            for (int c = 3; c <= 6; ++c)
                if (!row.at(c).isEmpty())
                    return fail(QStringLiteral("a rank without tiny_index has other match fields"));
        } else {
            if (image->matches.size() != rank - 1)
                return fail(QStringLiteral("a match after an empty rank"));
            const auto tiny = parseCount(row.at(2));
            const auto d2 = parseCount(row.at(5));
            if (!tiny || !d2 || *tiny < records->begin || *tiny >= records->end)
                return fail(QStringLiteral("tiny_index and l2_squared must be integers, the index within the "
                                           "records %1")
                                .arg(records->toString()));
            const LocatedMatch m{TinyMatch{*tiny, *d2}, row.at(3)};
            if (!image->matches.isEmpty() && !(image->matches.last().match < m.match))
                return fail(QStringLiteral("matches out of order (nearer first, then the smaller tiny_index)"));
            image->matches.append(m);
        }
        image->k = rank;
    }
    if (m_k == 0)
        m_k = image->k;
    else if (image->k != m_k)
        return fail(QStringLiteral("dataset image %1 has %2 rows, the ones before %3")
                        .arg(image->datasetIndex)
                        .arg(image->k)
                        .arg(m_k));
    ++m_expectIndex;
    return true;
}

bool LocatedShardMerge::merge(const QList<Input> &inputs, QIODevice *out, const QString &outName)
{
    m_error.clear();
    m_images = 0;
    if (inputs.isEmpty()) {
        m_error = QStringLiteral("no shards to merge");
        return false;
    }
    std::vector<std::unique_ptr<LocatedCsvReader>> readers;
    std::vector<LocatedImage> current(size_t(inputs.size()));
    for (qsizetype i = 0; i < inputs.size(); ++i) {
        readers.push_back(std::make_unique<LocatedCsvReader>(inputs.at(i).device, inputs.at(i).name));
        if (!readers.back()->next(&current[size_t(i)])) {
            m_error = readers.back()->hasError()
                          ? readers.back()->errorString()
                          : QStringLiteral("%1: no rows (not the output of locate)").arg(inputs.at(i).name);
            return false;
        }
    }
    // The shards' ranges, in order, must tile one range.
    std::vector<qsizetype> order(size_t(inputs.size()));
    for (qsizetype i = 0; i < inputs.size(); ++i)
        order[size_t(i)] = i;
    std::sort(order.begin(), order.end(), [&](qsizetype a, qsizetype b) {
        const auto &ra = current[size_t(a)].records, &rb = current[size_t(b)].records;
        return ra.begin < rb.begin || (ra.begin == rb.begin && ra.end < rb.end);
    });
    const LocatedImage &first = current[size_t(order.front())];
    for (size_t o = 1; o < order.size(); ++o) {
        const auto &prev = current[size_t(order[o - 1])], &cur = current[size_t(order[o])];
        const QString &prevName = inputs.at(order[o - 1]).name, &curName = inputs.at(order[o]).name;
        if (cur.dataset != first.dataset || cur.k != first.k) {
            m_error = QStringLiteral("%1 and %2 describe different runs (dataset %3 with %4 rows per image, dataset "
                                     "%5 with %6): shards must come from one dataset and one --top-k")
                          .arg(inputs.at(order.front()).name, curName, first.dataset)
                          .arg(first.k)
                          .arg(cur.dataset)
                          .arg(cur.k);
            return false;
        }
        if (cur.records.begin < prev.records.end) {
            m_error = QStringLiteral("%1 (records %2) overlaps %3 (records %4)")
                          .arg(curName, cur.records.toString(), prevName, prev.records.toString());
            return false;
        }
        if (cur.records.begin > prev.records.end) {
            m_error = QStringLiteral("records %1:%2 are missing between %3 (records %4) and %5 (records %6)")
                          .arg(prev.records.end)
                          .arg(cur.records.begin)
                          .arg(prevName, prev.records.toString(), curName, cur.records.toString());
            return false;
        }
    }
    m_records = {first.records.begin, current[size_t(order.back())].records.end};
    LocatedCsvWriter writer(out, outName);
    if (!writer.writeHeader()) {
        m_error = writer.errorString();
        return false;
    }
    const int k = first.k;
    for (;;) {
        LocatedImage merged;
        merged.datasetIndex = current.front().datasetIndex;
        merged.k = k;
        merged.records = m_records;
        merged.dataset = first.dataset;
        for (const auto &c : current) {
            if (c.datasetIndex != merged.datasetIndex) { // cannot happen after the checks: same order
                m_error = QStringLiteral("shards list different images");
                return false;
            }
            merged.matches += c.matches;
        }
        std::stable_sort(merged.matches.begin(), merged.matches.end(),
                         [](const LocatedMatch &a, const LocatedMatch &b) { return a.match < b.match; });
        if (merged.matches.size() > k)
            merged.matches.resize(k);
        if (!writer.write(merged)) {
            m_error = writer.errorString();
            return false;
        }
        ++m_images;
        int ended = 0;
        for (size_t i = 0; i < readers.size(); ++i) {
            if (!readers[i]->next(&current[i])) {
                if (readers[i]->hasError()) {
                    m_error = readers[i]->errorString();
                    return false;
                }
                ++ended;
            }
        }
        if (ended == int(readers.size()))
            return true;
        if (ended != 0) {
            m_error = QStringLiteral("the shards list different numbers of dataset images (%1 of them end after "
                                     "image %2)")
                          .arg(ended)
                          .arg(m_images - 1);
            return false;
        }
    }
}

} // namespace tc::core
