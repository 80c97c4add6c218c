#include "core/writers/ManifestWriter.h"

#include "core/common/Csv.h"
#include "core/writers/DeviceSink.h"

#include <QDateTime>

namespace tc::core {

namespace {

// The writers append every field straight into one reused line buffer: 60,000 rows built from
// temporary QByteArrays (and QDateTime::toString for the times) cost more than writing all the
// export's pixels.

bool isAscii(QStringView s)
{
    for (const QChar c : s)
        if (c.unicode() >= 0x80)
            return false;
    return true;
}

// Text fields are quoted by the one CSV writer (core/common/Csv.h); numbers and ISO times never
// need quoting and are appended directly.
void appendCsvField(QByteArray &out, QStringView s)
{
    out += CsvWriter::field(s);
}

void appendCsvList(QByteArray &out, const QStringList &items)
{
    appendCsvField(out, items.join(u';'));
}

void appendJsonString(QByteArray &out, QStringView s)
{
    // The whole string is converted at once, so characters outside the BMP (surrogate pairs)
    // become their 4-byte UTF-8 form.
    static constexpr char kHex[] = "0123456789abcdef";
    const QByteArray utf8 = isAscii(s) ? QByteArray() : s.toUtf8();
    const auto put = [&](uchar b) {
        if (b == '"' || b == '\\') {
            out += '\\';
            out += char(b);
        } else if (b < 0x20) {
            out += "\\u00";
            out += kHex[b >> 4];
            out += kHex[b & 15];
        } else {
            out += char(b);
        }
    };
    out += '"';
    if (utf8.isNull())
        for (const QChar c : s)
            put(uchar(c.unicode()));
    else
        for (const char b : utf8)
            put(uchar(b));
    out += '"';
}

void appendNumber(QByteArray &out, qint64 v)
{
    char digits[24];
    char *end = digits + sizeof digits, *p = end;
    quint64 u = v < 0 ? 0 - quint64(v) : quint64(v);
    do {
        *--p = char('0' + u % 10);
        u /= 10;
    } while (u);
    if (v < 0)
        *--p = '-';
    out.append(p, end - p);
}

// Digits of v, zero-padded to width.
void appendPadded(QByteArray &out, int v, int width)
{
    char digits[8];
    for (int i = width - 1; i >= 0; --i, v /= 10)
        digits[i] = char('0' + v % 10);
    out.append(digits, width);
}

// ms since the epoch as QDateTime::toString(Qt::ISODateWithMs) writes it in UTC,
// "2026-11-28T15:43:00.123Z", computed directly (Howard Hinnant's civil_from_days); years outside
// 1..9999 fall back to Qt's own form.
void appendIsoTime(QByteArray &out, qint64 ms)
{
    constexpr qint64 kDay = 86400000;
    const qint64 days = ms >= 0 ? ms / kDay : -((-ms + kDay - 1) / kDay);
    const qint64 msOfDay = ms - days * kDay;
    const qint64 z = days + 719468;
    const qint64 era = (z >= 0 ? z : z - 146096) / 146097;
    const qint64 doe = z - era * 146097;
    const qint64 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const qint64 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const qint64 mp = (5 * doy + 2) / 153;
    const int day = int(doy - (153 * mp + 2) / 5 + 1);
    const int month = int(mp < 10 ? mp + 3 : mp - 9);
    const qint64 year = yoe + era * 400 + (month <= 2 ? 1 : 0);
    if (year < 1 || year > 9999) {
        out += QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs).toUtf8();
        return;
    }
    appendPadded(out, int(year), 4);
    out += '-';
    appendPadded(out, month, 2);
    out += '-';
    appendPadded(out, day, 2);
    out += 'T';
    appendPadded(out, int(msOfDay / 3600000), 2);
    out += ':';
    appendPadded(out, int(msOfDay / 60000 % 60), 2);
    out += ':';
    appendPadded(out, int(msOfDay / 1000 % 60), 2);
    out += '.';
    appendPadded(out, int(msOfDay % 1000), 3);
    out += 'Z';
}

void appendMetric(QByteArray &out, double v, int decimals, const char *nanText)
{
    if (std::isnan(v))
        out += nanText;
    else
        out += QByteArray::number(v, 'f', decimals);
}

ReferenceMetric metricAt(const ManifestRow &r, qsizetype i)
{
    return size_t(i) < r.metrics.size() ? r.metrics[i] : ReferenceMetric{};
}

} // namespace

QStringList ManifestWriter::csvHeader(const QStringList &referenceSets, bool superclasses)
{
    QStringList h{QStringLiteral("split"),      QStringLiteral("index"),        QStringLiteral("label"),
                  QStringLiteral("class"),      QStringLiteral("keyword"),      QStringLiteral("tiny_index"),
                  QStringLiteral("source"),     QStringLiteral("candidate_id"), QStringLiteral("annotators"),
                  QStringLiteral("decided_at"), QStringLiteral("in_avoid_set")};
    if (superclasses) { // after "class"
        h.insert(4, QStringLiteral("coarse_label"));
        h.insert(5, QStringLiteral("superclass"));
    }
    for (const auto &s : referenceSets)
        h << QStringLiteral("ssim_max_%1").arg(s) << QStringLiteral("l2_min_%1").arg(s);
    return h;
}

bool ManifestWriter::writeCsv(QIODevice *device, const std::vector<ManifestRow> &rows)
{
    DeviceSink sink(device, deviceName(device));
    QByteArray line = CsvWriter::row(csvHeader(m_sets, m_superclasses));
    sink.put(line);
    for (const auto &r : rows) {
        line.clear();
        appendCsvField(line, r.split);
        line += ',';
        appendNumber(line, r.index);
        line += ',';
        appendNumber(line, r.label);
        line += ',';
        appendCsvField(line, r.className);
        line += ',';
        if (m_superclasses) {
            appendNumber(line, r.coarseLabel);
            line += ',';
            appendCsvField(line, r.superclass);
            line += ',';
        }
        appendCsvField(line, r.keyword);
        line += ',';
        if (r.tinyIndex >= 0)
            appendNumber(line, r.tinyIndex);
        line += ',';
        appendCsvField(line, r.source);
        line += ',';
        appendNumber(line, r.candidateId);
        line += ',';
        appendCsvList(line, r.annotators);
        line += ',';
        // ISO times hold no comma, quote or newline: the joined list never needs CSV quoting.
        for (qsizetype t = 0; t < r.decisionTimes.size(); ++t) {
            if (t)
                line += ';';
            appendIsoTime(line, r.decisionTimes[t]);
        }
        line += ',';
        line += r.inAvoidSet ? '1' : '0';
        for (qsizetype s = 0; s < m_sets.size(); ++s) {
            line += ',';
            appendMetric(line, metricAt(r, s).maxSsim, 6, "");
            line += ',';
            appendMetric(line, metricAt(r, s).minL2, 4, "");
        }
        line += '\n';
        sink.put(line);
    }
    if (!sink.flush()) {
        m_error = sink.errorString();
        return false;
    }
    return true;
}

bool ManifestWriter::writeJson(QIODevice *device, const std::vector<ManifestRow> &rows)
{
    DeviceSink sink(device, deviceName(device));
    sink.put(QByteArrayView("["));
    QByteArray o;
    for (size_t i = 0; i < rows.size(); ++i) {
        const ManifestRow &r = rows[i];
        o.clear();
        o += i ? ",\n " : "\n ";
        o += "{\"split\": ";
        appendJsonString(o, r.split);
        o += ", \"index\": ";
        appendNumber(o, r.index);
        o += ", \"label\": ";
        appendNumber(o, r.label);
        o += ", \"class\": ";
        appendJsonString(o, r.className);
        if (m_superclasses) {
            o += ", \"coarse_label\": ";
            appendNumber(o, r.coarseLabel);
            o += ", \"superclass\": ";
            appendJsonString(o, r.superclass);
        }
        o += ", \"keyword\": ";
        appendJsonString(o, r.keyword);
        o += ", \"tiny_index\": ";
        if (r.tinyIndex >= 0)
            appendNumber(o, r.tinyIndex);
        else
            o += "null";
        o += ", \"source\": ";
        appendJsonString(o, r.source);
        o += ", \"candidate_id\": ";
        appendNumber(o, r.candidateId);
        o += ", \"annotators\": [";
        for (qsizetype a = 0; a < r.annotators.size(); ++a) {
            if (a)
                o += ", ";
            appendJsonString(o, r.annotators[a]);
        }
        o += "], \"decided_at\": [";
        for (qsizetype a = 0; a < r.decisionTimes.size(); ++a) {
            if (a)
                o += ", ";
            o += '"'; // nothing in an ISO time needs JSON escaping
            appendIsoTime(o, r.decisionTimes[a]);
            o += '"';
        }
        o += "], \"in_avoid_set\": ";
        o += r.inAvoidSet ? "true" : "false";
        o += ", \"references\": {";
        for (qsizetype s = 0; s < m_sets.size(); ++s) {
            if (s)
                o += ", ";
            appendJsonString(o, m_sets[s]);
            o += ": {\"ssim_max\": ";
            appendMetric(o, metricAt(r, s).maxSsim, 6, "null");
            o += ", \"l2_min\": ";
            appendMetric(o, metricAt(r, s).minL2, 4, "null");
            o += '}';
        }
        o += "}}";
        sink.put(o);
    }
    sink.put(QByteArrayView("\n]\n"));
    if (!sink.flush()) {
        m_error = sink.errorString();
        return false;
    }
    return true;
}

} // namespace tc::core
