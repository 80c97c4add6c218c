#pragma once

#include "core/common/Progress.h"
#include "core/project/ImportReport.h"
#include "core/project/ProjectTypes.h"

#include <QString>
#include <cstdint>
#include <memory>

namespace tc::core {

class Project;
class Statement;
class TinyImages;
class Transaction;

// Imports every record of every catalog keyword from a Tiny Images pair into a project: the
// catalog's classes/keywords are defined, each keyword is found by binary search, and its records'
// pixels (canonical layout) and metadata are inserted. Every record's keyword field is compared
// with the keyword it is imported under; a mismatch (a file that only looked sorted to open()'s
// sampled check) stops the import, and run(tinyDir, ...) then builds the keyword index and
// completes it, so no record is ever filed under another keyword. Keywords the file does not have are flagged
// absent and listed in report().absentKeywords.
//
// Idempotent: a record already in the project (same keyword, same Tiny index) is skipped, so a
// re-run, or a run with a larger maxPerKeyword, only adds what is missing. Inserts go through one
// prepared statement in transactions of batchSize records (fast, bounded memory). Cancelling
// keeps the batches already committed; running again completes the import.
class TinyImport final {
public:
    explicit TinyImport(Project &project) : m_project(project) {}

    void setMaxPerKeyword(qint64 n) { m_maxPerKeyword = n; } // 0: every record
    void setBatchSize(int n) { m_batchSize = n > 0 ? n : 1; }

    bool run(const TinyImages &tiny, const Catalog &catalog, const Progress &progress = {});
    // Opens tinyDir (tiny_images.bin + tiny_metadata.bin) first.
    bool run(const QString &tinyDir, const Catalog &catalog, const Progress &progress = {});

    const ImportReport &report() const { return m_report; }
    QString errorString() const { return m_error; }

private:
    struct Span {
        qint64 keywordId, first, count, keywordPos;
        QByteArray keyword; // as the metadata spells it (Latin-1, trimmed)
    };
    bool planSpans(const TinyImages &tiny, QList<Span> *spans, qint64 *total);
    struct Reader;
    bool importAll(Reader &reader, const QList<Span> &spans, qint64 *done, qint64 total, const Progress &progress);
    bool importSpan(Reader &reader, const Span &span, std::unique_ptr<Transaction> &tx, qint64 *done, qint64 total,
                    const Progress &progress);
    bool insertRecord(Reader &reader, Statement &insert, const Span &span, qint64 i);

    Project &m_project;
    qint64 m_maxPerKeyword = 0;
    int m_batchSize = 4096;
    ImportReport m_report;
    QString m_error;
    bool m_foundUnsorted = false; // a record of another keyword inside a binary-searched range
};

} // namespace tc::core
