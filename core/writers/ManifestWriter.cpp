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

// THE row description: every field of a manifest row, in column order, once. Each format below renders
// the typed fields its own way (CsvRow, JsonRow), and csvHeader() is the same walk collecting the names,
// so a column added here appears in the header, the CSV and the JSON alike.
template <typename Out> void describe(Out &out, const ManifestRow &r, const QStringList &sets, bool superclasses)
{
    out.text("split", r.split);
    out.number("index", r.index);
    out.number("label", r.label);
    out.text("class", r.className);
    if (superclasses) { // after "class"; without superclasses the columns are not written at all
        out.number("coarse_label", r.coarseLabel);
        out.text("superclass", r.superclass);
    }
    out.text("keyword", r.keyword);
    out.optionalNumber("tiny_index", r.tinyIndex); // -1: not from Tiny Images
    out.text("source", r.source);
    out.number("candidate_id", r.candidateId);
    out.textList("annotators", r.annotators);
    out.times("decided_at", r.decisionTimes);
    out.boolean("in_avoid_set", r.inAvoidSet);
    out.references(sets, r);
}

// The CSV header: the names, one column per metric and reference set.
struct HeaderRow {
    QStringList names;
    void text(const char *name, QStringView) { names << QLatin1String(name); }
    void number(const char *name, qint64) { names << QLatin1String(name); }
    void optionalNumber(const char *name, qint64) { names << QLatin1String(name); }
    void textList(const char *name, const QStringList &) { names << QLatin1String(name); }
    void times(const char *name, const QList<qint64> &) { names << QLatin1String(name); }
    void boolean(const char *name, bool) { names << QLatin1String(name); }
    void references(const QStringList &sets, const ManifestRow &)
    {
        for (const auto &s : sets)
            names << QStringLiteral("ssim_max_%1").arg(s) << QStringLiteral("l2_min_%1").arg(s);
    }
};

// One CSV line: text quoted by core/common/Csv.h, lists joined by ';', a missing value empty.
struct CsvRow {
    QByteArray &out;
    bool first = true;
    void next()
    {
        if (!first)
            out += ',';
        first = false;
    }
    void text(const char *, QStringView s)
    {
        next();
        appendCsvField(out, s);
    }
    void number(const char *, qint64 v)
    {
        next();
        appendNumber(out, v);
    }
    void optionalNumber(const char *, qint64 v)
    {
        next();
        if (v >= 0)
            appendNumber(out, v);
    }
    void textList(const char *, const QStringList &items)
    {
        next();
        appendCsvList(out, items);
    }
    void times(const char *, const QList<qint64> &ms)
    {
        next();
        // ISO times hold no comma, quote or newline: the joined list never needs CSV quoting.
        for (qsizetype t = 0; t < ms.size(); ++t) {
            if (t)
                out += ';';
            appendIsoTime(out, ms[t]);
        }
    }
    void boolean(const char *, bool b)
    {
        next();
        out += b ? '1' : '0';
    }
    void references(const QStringList &sets, const ManifestRow &r)
    {
        for (qsizetype s = 0; s < sets.size(); ++s) {
            next();
            appendMetric(out, metricAt(r, s).maxSsim, 6, "");
            next();
            appendMetric(out, metricAt(r, s).minL2, 4, "");
        }
    }
};

// One JSON object: lists as arrays, a missing value null, the metrics nested per reference set.
struct JsonRow {
    QByteArray &out;
    bool first = true;
    void key(const char *name)
    {
        out += first ? "{\"" : ", \"";
        first = false;
        out += name;
        out += "\": ";
    }
    void text(const char *name, QStringView s)
    {
        key(name);
        appendJsonString(out, s);
    }
    void number(const char *name, qint64 v)
    {
        key(name);
        appendNumber(out, v);
    }
    void optionalNumber(const char *name, qint64 v)
    {
        key(name);
        if (v >= 0)
            appendNumber(out, v);
        else
            out += "null";
    }
    void textList(const char *name, const QStringList &items)
    {
        key(name);
        out += '[';
        for (qsizetype a = 0; a < items.size(); ++a) {
            if (a)
                out += ", ";
            appendJsonString(out, items[a]);
        }
        out += ']';
    }
    void times(const char *name, const QList<qint64> &ms)
    {
        key(name);
        out += '[';
        for (qsizetype a = 0; a < ms.size(); ++a) {
            if (a)
                out += ", ";
            out += '"'; // nothing in an ISO time needs JSON escaping
            appendIsoTime(out, ms[a]);
            out += '"';
        }
        out += ']';
    }
    void boolean(const char *name, bool b)
    {
        key(name);
        out += b ? "true" : "false";
    }
    void references(const QStringList &sets, const ManifestRow &r)
    {
        key("references");
        out += '{';
        for (qsizetype s = 0; s < sets.size(); ++s) {
            if (s)
                out += ", ";
            appendJsonString(out, sets[s]);
            out += ": {\"ssim_max\": ";
            appendMetric(out, metricAt(r, s).maxSsim, 6, "null");
            out += ", \"l2_min\": ";
            appendMetric(out, metricAt(r, s).minL2, 4, "null");
            out += '}';
        }
        out += '}';
    }
};

} // namespace

QStringList ManifestWriter::csvHeader(const QStringList &referenceSets, bool superclasses)
{
    HeaderRow h;
    describe(h, ManifestRow{}, referenceSets, superclasses);
    return h.names;
}

bool ManifestWriter::writeCsv(QIODevice *device, const std::vector<ManifestRow> &rows)
{
    DeviceSink sink(device, deviceName(device));
    QByteArray line = CsvWriter::row(csvHeader(m_sets, m_superclasses));
    sink.put(line);
    for (const auto &r : rows) {
        line.clear();
        CsvRow csv{line};
        describe(csv, r, m_sets, m_superclasses);
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
        o.clear();
        o += i ? ",\n " : "\n ";
        JsonRow json{o};
        describe(json, rows[i], m_sets, m_superclasses);
        o += '}';
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
