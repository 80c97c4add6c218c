#include "core/readers/TinyKeywordIndex.h"

#include <QDataStream>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <cstring>
#include <string_view>

namespace tc::core {

namespace {

constexpr quint32 kCacheMagic = 0x54434b49; // "TCKI"
constexpr quint32 kCacheVersion = 1;
constexpr qint64 kProgressStep = 1 << 16;

bool isPadding(char c)
{
    return c == ' ' || c == '\0' || c == '\t' || c == '\r' || c == '\n';
}

} // namespace

QByteArrayView tinyKeywordField(const uchar *record)
{
    const char *p = reinterpret_cast<const char *>(record);
    int begin = 0;
    int end = TinyImages::kKeywordFieldBytes;
    // Most of the field is padding: skip it eight bytes at a time (binary search does this ~50 times
    // per lookup, the index pass 79 M times).
    static constexpr char kSpaces[8] = {' ', ' ', ' ', ' ', ' ', ' ', ' ', ' '};
    while (end >= 8 && std::memcmp(p + end - 8, kSpaces, 8) == 0)
        end -= 8;
    while (end > 0 && isPadding(p[end - 1]))
        --end;
    while (begin < end && isPadding(p[begin]))
        ++begin;
    return QByteArrayView(p + begin, end - begin);
}

void TinyKeywordIndex::clear()
{
    m_sorted = true;
    m_distinct = 0;
    m_runs.clear();
}

void TinyKeywordIndex::addRun(QByteArrayView keyword, qint64 begin, qint64 end)
{
    auto &runs = m_runs[keyword.toByteArray()];
    if (runs.isEmpty())
        ++m_distinct;
    else
        m_sorted = false; // the keyword came back after another one
    runs.append(KeywordRange{begin, end});
}

bool TinyKeywordIndex::build(const uchar *meta, qint64 count, const Progress &progress)
{
    clear();
    const qint64 rec = TinyImages::kMetadataRecordBytes;
    qint64 runBegin = 0;
    QByteArrayView runKeyword;
    for (qint64 i = 0; i < count; ++i) {
        if (i % kProgressStep == 0) {
            if (progress.isCancelled())
                return false;
            progress.report(i, count);
        }
        const QByteArrayView kw = tinyKeywordField(meta + i * rec);
        if (i > 0 && kw == runKeyword)
            continue;
        if (i > 0) {
            addRun(runKeyword, runBegin, i);
            if (byteView(kw) < byteView(runKeyword))
                m_sorted = false;
        }
        runKeyword = kw;
        runBegin = i;
    }
    if (count > 0)
        addRun(runKeyword, runBegin, count);
    progress.report(count, count);
    if (m_sorted)
        m_runs.clear(); // binary search needs no index; keep memory for the images
    return true;
}

QList<KeywordRange> TinyKeywordIndex::ranges(QByteArrayView keyword) const
{
    return m_runs.value(keyword.toByteArray());
}

bool TinyKeywordIndex::save(const QString &path, const QByteArray &identity, QString *error) const
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QSaveFile file(path); // atomic: a crash never leaves a half-written index behind
    if (!file.open(QIODevice::WriteOnly)) {
        *error = QStringLiteral("%1: %2").arg(path, file.errorString());
        return false;
    }
    QDataStream out(&file);
    out.setVersion(QDataStream::Qt_6_4);
    out << kCacheMagic << kCacheVersion << identity << m_sorted << m_distinct << qint64(m_runs.size());
    for (auto it = m_runs.cbegin(); it != m_runs.cend(); ++it) {
        out << it.key() << qint64(it.value().size());
        for (const KeywordRange &r : it.value())
            out << r.begin << r.end;
    }
    if (out.status() != QDataStream::Ok || !file.commit()) {
        *error = QStringLiteral("%1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

// The cache is ours but may be stale or damaged: every figure is checked against the file it
// describes, and any doubt means "no cache" (the caller rebuilds), never a wrong range.
bool TinyKeywordIndex::load(const QString &path, const QByteArray &identity, qint64 count)
{
    clear();
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    QDataStream in(&file);
    in.setVersion(QDataStream::Qt_6_4);
    quint32 magic = 0, version = 0;
    QByteArray storedIdentity;
    qint64 keywords = 0;
    in >> magic >> version >> storedIdentity >> m_sorted >> m_distinct >> keywords;
    bool ok = in.status() == QDataStream::Ok && magic == kCacheMagic && version == kCacheVersion &&
              storedIdentity == identity && m_distinct >= 0 && m_distinct <= count && keywords >= 0 &&
              keywords <= count && (m_sorted ? keywords == 0 : keywords == m_distinct);
    for (qint64 k = 0; ok && k < keywords; ++k) {
        QByteArray keyword;
        qint64 n = 0;
        in >> keyword >> n;
        ok = in.status() == QDataStream::Ok && n > 0 && n <= count;
        QList<KeywordRange> runs;
        for (qint64 j = 0; ok && j < n; ++j) {
            KeywordRange r;
            in >> r.begin >> r.end;
            ok = in.status() == QDataStream::Ok && r.begin >= 0 && r.begin < r.end && r.end <= count;
            runs.append(r);
        }
        m_runs.insert(keyword, runs);
    }
    if (!ok)
        clear();
    return ok;
}

} // namespace tc::core
