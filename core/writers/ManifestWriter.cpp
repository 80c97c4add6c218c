#include "core/writers/ManifestWriter.h"

#include "core/writers/DeviceSink.h"

#include <QDateTime>

namespace tc::core {

namespace {

QByteArray csvField(const QString &s)
{
    QByteArray u = s.toUtf8();
    if (!u.contains(',') && !u.contains('"') && !u.contains('\n') && !u.contains('\r'))
        return u;
    u.replace("\"", "\"\"");
    return '"' + u + '"';
}

QByteArray jsonString(const QString &s)
{
    QByteArray out = "\"";
    for (const QChar c : s) {
        const char16_t u = c.unicode();
        if (u == '"' || u == '\\')
            out += '\\' + QByteArray(1, char(u));
        else if (u < 0x20)
            out += "\\u" + QByteArray::number(int(u), 16).rightJustified(4, '0');
        else
            out += QString(c).toUtf8();
    }
    return out + '"';
}

QString isoTime(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

QByteArray number(double v, int decimals)
{
    return std::isnan(v) ? QByteArray() : QByteArray::number(v, 'f', decimals);
}

QByteArray jsonNumber(double v, int decimals)
{
    return std::isnan(v) ? QByteArray("null") : number(v, decimals);
}

QStringList times(const ManifestRow &r)
{
    QStringList t;
    for (qint64 ms : r.decisionTimes)
        t << isoTime(ms);
    return t;
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
    QByteArray line;
    for (const auto &h : csvHeader(m_sets, m_superclasses))
        line += csvField(h) + ',';
    line.chop(1);
    sink.put(line + '\n');
    for (const auto &r : rows) {
        line =
            csvField(r.split) + ',' + QByteArray::number(r.index) + ',' + QByteArray::number(r.label) + ',' +
            csvField(r.className) + ',' +
            (m_superclasses ? QByteArray::number(r.coarseLabel) + ',' + csvField(r.superclass) + ',' : QByteArray()) +
            csvField(r.keyword) + ',' + (r.tinyIndex >= 0 ? QByteArray::number(r.tinyIndex) : QByteArray()) + ',' +
            csvField(r.source) + ',' + QByteArray::number(r.candidateId) + ',' + csvField(r.annotators.join(u';')) +
            ',' + csvField(times(r).join(u';')) + ',' + (r.inAvoidSet ? "1" : "0");
        for (qsizetype s = 0; s < m_sets.size(); ++s)
            line += ',' + number(metricAt(r, s).maxSsim, 6) + ',' + number(metricAt(r, s).minL2, 4);
        sink.put(line + '\n');
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
    for (size_t i = 0; i < rows.size(); ++i) {
        const ManifestRow &r = rows[i];
        QByteArray o = (i ? ",\n " : "\n ");
        o += "{\"split\": " + jsonString(r.split) + ", \"index\": " + QByteArray::number(r.index) +
             ", \"label\": " + QByteArray::number(r.label) + ", \"class\": " + jsonString(r.className) +
             (m_superclasses ? ", \"coarse_label\": " + QByteArray::number(r.coarseLabel) +
                                   ", \"superclass\": " + jsonString(r.superclass)
                             : QByteArray()) +
             ", \"keyword\": " + jsonString(r.keyword) +
             ", \"tiny_index\": " + (r.tinyIndex >= 0 ? QByteArray::number(r.tinyIndex) : QByteArray("null")) +
             ", \"source\": " + jsonString(r.source) + ", \"candidate_id\": " + QByteArray::number(r.candidateId) +
             ", \"annotators\": [";
        for (qsizetype a = 0; a < r.annotators.size(); ++a)
            o += (a ? ", " : "") + jsonString(r.annotators[a]);
        o += "], \"decided_at\": [";
        const QStringList t = times(r);
        for (qsizetype a = 0; a < t.size(); ++a)
            o += (a ? ", " : "") + jsonString(t[a]);
        o += "], \"in_avoid_set\": " + QByteArray(r.inAvoidSet ? "true" : "false") + ", \"references\": {";
        for (qsizetype s = 0; s < m_sets.size(); ++s)
            o += (s ? ", " : "") + jsonString(m_sets[s]) + ": {\"ssim_max\": " + jsonNumber(metricAt(r, s).maxSsim, 6) +
                 ", \"l2_min\": " + jsonNumber(metricAt(r, s).minL2, 4) + "}";
        sink.put(o + "}}");
    }
    sink.put(QByteArrayView("\n]\n"));
    if (!sink.flush()) {
        m_error = sink.errorString();
        return false;
    }
    return true;
}

} // namespace tc::core
