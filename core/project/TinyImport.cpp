#include "core/project/TinyImport.h"

#include "core/common/ImageSet.h"
#include "core/project/Project.h"
#include "core/project/Statement.h"
#include "core/project/Transaction.h"
#include "core/readers/TinyImages.h"

#include <algorithm>
#include <memory>
#include <vector>

namespace tc::core {

bool TinyImport::run(const QString &tinyDir, const Catalog &catalog, const Progress &progress)
{
    TinyImages tiny;
    if (!tiny.open(tinyDir, progress)) {
        m_error = tiny.errorString();
        return false;
    }
    return run(tiny, catalog, progress);
}

bool TinyImport::run(const TinyImages &tiny, const Catalog &catalog, const Progress &progress)
{
    m_report = {};
    m_error.clear();
    if (!m_project.defineCatalog(catalog)) {
        m_error = m_project.errorString();
        return false;
    }
    Database &db = m_project.database();
    QList<Span> spans;
    qint64 total = 0;
    {
        Transaction tx(db); // one commit for all the absent flags, not one fsync per keyword
        if (!planSpans(tiny, &spans, &total) || !tx.commit())
            return m_error.isEmpty() ? (m_error = db.errorString(), false) : false;
    }
    qint64 done = 0;
    progress.report(0, total);
    // Transactions span keywords: a commit (one fsync) per batchSize records, however small the
    // keywords are.
    auto tx = std::make_unique<Transaction>(db);
    qint64 pending = 0;
    for (const auto &span : spans) {
        if (!importSpan(tiny, span, &done, total, progress))
            return false;
        pending += span.count;
        if (pending >= m_batchSize) {
            if (!tx->commit())
                return m_error = db.errorString(), false;
            tx = std::make_unique<Transaction>(db);
            pending = 0;
        }
    }
    if (!tx->commit())
        return m_error = db.errorString(), false;
    emit m_project.contentsChanged();
    return true;
}

// Finds each catalog keyword's records (binary search) and flags the absent ones.
bool TinyImport::planSpans(const TinyImages &tiny, QList<Span> *spans, qint64 *total)
{
    for (const auto &kw : m_project.keywords()) {
        const auto ranges = tiny.keywordRanges(kw.keyword);
        qint64 pos = 0;
        for (const auto &r : ranges) {
            qint64 n = r.size();
            if (m_maxPerKeyword > 0)
                n = std::min(n, m_maxPerKeyword - pos);
            if (n <= 0)
                break;
            spans->append({kw.id, r.begin, n, pos});
            pos += n;
            *total += n;
        }
        if (pos == 0)
            m_report.absentKeywords.append(kw.className + QLatin1Char('/') + kw.keyword);
        else
            ++m_report.keywordsFound;
        if (!m_project.setKeywordAbsent(kw.id, pos == 0)) {
            m_error = m_project.errorString();
            return false;
        }
    }
    return true;
}

// Inserts one keyword's records in chunks inside the caller's transaction; a large keyword commits
// between chunks so a transaction never holds more than about batchSize records.
bool TinyImport::importSpan(const TinyImages &tiny, const Span &span, qint64 *done, qint64 total,
                            const Progress &progress)
{
    Database &db = m_project.database();
    Statement insert(db, QStringLiteral("INSERT OR IGNORE INTO candidates(keyword_id, tiny_index, keyword_pos, "
                                        "filename, engine, source_url, pixels) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"));
    std::vector<std::uint8_t> pixels;
    for (qint64 offset = 0; offset < span.count; offset += m_batchSize) {
        if (progress.isCancelled()) {
            m_error = QStringLiteral("%1: import cancelled").arg(db.fileName());
            return false;
        }
        const qint64 n = std::min<qint64>(m_batchSize, span.count - offset);
        pixels.resize(std::size_t(n) * kImageBytes);
        if (!tiny.readImages(span.first + offset, n, pixels.data())) {
            m_error = tiny.errorString();
            return false;
        }
        for (qint64 i = 0; i < n; ++i)
            if (!insertRecord(tiny, insert, span, offset + i, pixels.data() + i * kImageBytes))
                return false;
        if (offset + n < span.count && (!db.exec(QStringLiteral("COMMIT; BEGIN IMMEDIATE")))) {
            m_error = db.errorString();
            return false;
        }
        *done += n;
        progress.report(*done, total);
    }
    return true;
}

bool TinyImport::insertRecord(const TinyImages &tiny, Statement &insert, const Span &span, qint64 i,
                              const std::uint8_t *pixels)
{
    const qint64 index = span.first + i;
    QString metaError;
    const auto meta = tiny.metadata(index, &metaError);
    if (!meta)
        m_report.issues.append({tiny.metadataPath(), 0, metaError});
    insert.bind(1, span.keywordId).bind(2, index).bind(3, span.keywordPos + i);
    if (meta)
        insert.bind(4, meta->filename).bind(5, meta->engine).bind(6, meta->sourceUrl);
    insert.bindBlob(7, std::span<const std::uint8_t>(pixels, kImageBytes));
    if (!insert.exec()) {
        m_error = insert.errorString();
        return false;
    }
    (m_project.database().changes() > 0 ? m_report.inserted : m_report.existing)++;
    return true;
}

} // namespace tc::core
