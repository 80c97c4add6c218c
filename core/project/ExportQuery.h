#pragma once

#include <QString>
#include <QStringList>
#include <cstdint>
#include <functional>
#include <memory>
#include <span>

namespace tc::core {

class Database;
class Transaction;

// What an export reads from a project (ExportSource turns it into an ExportInput). The object is a
// read snapshot: while it lives, the file is read through a memory map (the accepted candidates'
// pixels are 200 MB for a CIFAR-10 sized export, and SQLite's default of one pread() per 4 KiB page
// was a third of the load time) and every query sees the same state under one read transaction
// (unless the caller has one open already). Rows are handed to callbacks, so nothing is copied twice.
class ExportQuery final {
public:
    struct InputPath {
        QString key; // meta key: tiny_dir, catalog_path or folder_root
        QString path;
    };
    struct AcceptedVote {
        qint64 candidateId = 0;
        std::span<const std::uint8_t> annotatorUtf8; // valid during the callback
        qint64 createdAtMs = 0;
    };
    struct AcceptedCandidate {
        qint64 id = 0;
        qint64 keywordId = 0;
        qint64 tinyIndex = -1; // -1: folder import
        QString source;
        QString filename;
        std::span<const std::uint8_t> pixels; // valid during the callback
    };

    explicit ExportQuery(Database &db);
    ~ExportQuery();
    ExportQuery(const ExportQuery &) = delete;
    ExportQuery &operator=(const ExportQuery &) = delete;
    QString errorString() const { return m_error; }

    qint64 candidateCount();
    // The project's ssim_threshold / l2_threshold; left as they are when not set.
    void thresholds(double *ssim, double *l2);
    // The inputs the project came from (meta), non-empty ones only.
    bool inputPaths(QList<InputPath> *out);
    // Classes in label order.
    bool forEachClass(const std::function<void(qint64 id, const QString &name, int label)> &visit);
    bool forEachKeyword(
        qint64 classId,
        const std::function<void(qint64 id, const QString &keyword, qint64 catalogCount, bool absent)> &visit);
    // How many candidates are accepted (final_state under the project's accept rule).
    qint64 acceptedCount();
    // Who accepted each accepted candidate: the annotators whose current verdict is accept and the
    // adjudicator who accepted it, ordered by candidate, time, name.
    bool forEachAcceptedVote(const std::function<void(const AcceptedVote &)> &visit);
    // The accepted candidates in id order; stops when visit returns false.
    bool forEachAcceptedCandidate(const std::function<bool(const AcceptedCandidate &)> &visit);

private:
    bool fail(const QString &message);

    Database &m_db;
    qint64 m_mmapBefore = 0;
    std::unique_ptr<Transaction> m_snapshot;
    QString m_error;
};

} // namespace tc::core
