#include "core/project/TinyImport.h"

#include "core/common/ImageSet.h"
#include "core/project/Project.h"
#include "core/project/Statement.h"
#include "core/project/Transaction.h"
#include "core/readers/TinyImages.h"
#include "core/readers/TinyKeywordIndex.h"

#include <QFile>
#include <QFileInfo>
#include <algorithm>
#include <memory>
#include <vector>

namespace tc::core {

// Reads record batches with plain sequential read() calls instead of through TinyImages' memory
// map: every mapped page an import touches counts toward the process's resident memory, and a
// 500k-record import touches 1.9 GB of them. Reading keeps the peak at one batch.
struct TinyImport::Reader {
    QFile images, metadata;
    std::vector<std::uint8_t> raw, pixels;
    QByteArray meta;
    QString error; // why open() or read() returned false

    bool fail(const QString &message)
    {
        error = message;
        return false;
    }

    bool open(const TinyImages &tiny)
    {
        images.setFileName(tiny.imagesPath());
        metadata.setFileName(tiny.metadataPath());
        for (QFile *f : {&images, &metadata})
            if (!f->open(QIODevice::ReadOnly))
                return fail(QStringLiteral("%1: cannot open (%2)").arg(f->fileName(), f->errorString()));
        return true;
    }

    // Records [first, first + n): canonical pixels and raw 768-byte metadata records.
    bool read(qint64 first, qint64 n)
    {
        raw.resize(std::size_t(n) * kImageBytes);
        pixels.resize(raw.size());
        meta.resize(n * TinyImages::kMetadataRecordBytes);
        const qint64 imageBytes = qint64(raw.size());
        if (!images.seek(first * kImageBytes) ||
            images.read(reinterpret_cast<char *>(raw.data()), imageBytes) != imageBytes)
            return fail(QStringLiteral("%1: truncated at record %2").arg(images.fileName()).arg(first));
        if (!metadata.seek(first * TinyImages::kMetadataRecordBytes) ||
            metadata.read(meta.data(), meta.size()) != meta.size())
            return fail(QStringLiteral("%1: truncated at record %2").arg(metadata.fileName()).arg(first));
        // Column-major planes (rec[row + 32*col + 1024*ch]) -> row-major HWC.
        for (qint64 i = 0; i < n; ++i) {
            const std::uint8_t *src = raw.data() + i * kImageBytes;
            std::uint8_t *dst = pixels.data() + i * kImageBytes;
            for (int ch = 0; ch < kImageChannels; ++ch)
                for (int col = 0; col < kImageSide; ++col)
                    for (int row = 0; row < kImageSide; ++row)
                        dst[pixelOffset(row, col, ch)] = src[row + kImageSide * col + 1024 * ch];
        }
        return true;
    }

    // The trimmed keyword field of record i of the last batch, as TinyImages compares it.
    QByteArrayView keyword(qint64 i) const
    {
        return tinyKeywordField(reinterpret_cast<const uchar *>(meta.constData()) +
                                i * TinyImages::kMetadataRecordBytes);
    }

    // A trimmed fixed-width field of record i of the last batch.
    QString field(qint64 i, int offset, int width) const
    {
        return QString::fromLatin1(meta.constData() + i * TinyImages::kMetadataRecordBytes + offset, width).trimmed();
    }
};

bool TinyImport::run(const QString &tinyDir, const Catalog &catalog, const Progress &progress)
{
    TinyImages tiny;
    if (!tiny.open(tinyDir, progress)) {
        m_error = tiny.errorString();
        return false;
    }
    // tiny_dir is recorded for export, which never writes into a folder the project came from (ExportFolder).
    const auto finish = [&] {
        return m_project.setSetting(QStringLiteral("tiny_dir"), QFileInfo(tinyDir).absoluteFilePath()) ||
               (m_error = m_project.errorString(), false);
    };
    if (run(tiny, catalog, progress))
        return finish();
    if (!m_foundUnsorted)
        return m_error.isEmpty() && finish();
    // open() sampled a large file and took it for sorted; one pass settles it (and is cached), and
    // the import, idempotent, completes with the keyword index.
    if (!tiny.buildKeywordIndex(progress)) {
        m_error = tiny.errorString();
        return false;
    }
    return run(tiny, catalog, progress) && finish();
}

bool TinyImport::run(const TinyImages &tiny, const Catalog &catalog, const Progress &progress)
{
    m_report = {};
    m_error.clear();
    m_foundUnsorted = false;
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
    Reader reader;
    if (!reader.open(tiny)) {
        m_error = reader.error;
        return false;
    }
    qint64 done = 0;
    progress.report(0, total);
    // A rollback journal writes almost nothing for pages that are new, while WAL writes every page
    // twice (log, then checkpoint): for a bulk import of 1.5 GB of pixels that halves the I/O. Just
    // as safe with synchronous=FULL. Fails harmlessly (stays WAL) when another connection is open.
    db.exec(QStringLiteral("PRAGMA journal_mode=DELETE"));
    const bool ok = importAll(reader, spans, &done, total, progress);
    db.exec(QStringLiteral("PRAGMA journal_mode=WAL"));
    if (!ok)
        return false;
    emit m_project.contentsChanged();
    return true;
}

bool TinyImport::importAll(Reader &reader, const QList<Span> &spans, qint64 *done, qint64 total,
                           const Progress &progress)
{
    Database &db = m_project.database();
    // Transactions span keywords: a commit (one fsync) per batchSize records, however small the
    // keywords are.
    auto tx = std::make_unique<Transaction>(db);
    qint64 pending = 0;
    for (const auto &span : spans) {
        if (!importSpan(reader, span, tx, done, total, progress))
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
            spans->append({kw.id, r.begin, n, pos, kw.keyword.trimmed().toLatin1()});
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
// between chunks (and tx continues in a new one) so a transaction never holds more than about
// batchSize records.
bool TinyImport::importSpan(Reader &reader, const Span &span, std::unique_ptr<Transaction> &tx, qint64 *done,
                            qint64 total, const Progress &progress)
{
    Database &db = m_project.database();
    Statement insert(db, QStringLiteral("INSERT OR IGNORE INTO candidates(keyword_id, tiny_index, keyword_pos, "
                                        "filename, engine, source_url, pixels) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"));
    for (qint64 offset = 0; offset < span.count; offset += m_batchSize) {
        if (progress.isCancelled()) {
            m_error = QStringLiteral("%1: import cancelled").arg(db.fileName());
            return false;
        }
        const qint64 n = std::min<qint64>(m_batchSize, span.count - offset);
        if (!reader.read(span.first + offset, n)) {
            m_error = reader.error;
            return false;
        }
        // Every record must carry the keyword it is imported under: a label is never taken on trust.
        for (qint64 i = 0; i < n; ++i)
            if (reader.keyword(i) != QByteArrayView(span.keyword)) {
                m_foundUnsorted = true;
                m_error = QStringLiteral("%1: record %2 has the keyword '%3' inside the records of '%4': the file is "
                                         "not sorted by keyword")
                              .arg(reader.metadata.fileName())
                              .arg(span.first + offset + i)
                              .arg(QString::fromLatin1(reader.keyword(i)), QString::fromLatin1(span.keyword));
                return false;
            }
        for (qint64 i = 0; i < n; ++i)
            if (!insertRecord(reader, insert, span, offset + i))
                return false;
        if (offset + n < span.count) {
            if (!tx->commit())
                return m_error = db.errorString(), false;
            tx = std::make_unique<Transaction>(db);
            if (!tx->isActive())
                return m_error = db.errorString(), false;
        }
        *done += n;
        progress.report(*done, total);
    }
    return true;
}

// i is the record's position in the span; the reader's batch starts at a multiple of batchSize.
bool TinyImport::insertRecord(Reader &reader, Statement &insert, const Span &span, qint64 i)
{
    const qint64 inBatch = i % m_batchSize;
    // Metadata offsets of the real file: filename 80-160, engine 212-222, source URL 422-720.
    insert.bind(1, span.keywordId).bind(2, span.first + i).bind(3, span.keywordPos + i);
    insert.bind(4, reader.field(inBatch, 80, 80)).bind(5, reader.field(inBatch, 212, 10));
    insert.bind(6, reader.field(inBatch, 422, 298));
    insert.bindBlob(7, std::span<const std::uint8_t>(reader.pixels.data() + inBatch * kImageBytes, kImageBytes));
    if (!insert.exec()) {
        m_error = insert.errorString();
        return false;
    }
    (m_project.database().changes() > 0 ? m_report.inserted : m_report.existing)++;
    return true;
}

} // namespace tc::core
