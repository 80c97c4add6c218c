#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

class QIODevice;

namespace tc::core {

// The one CSV dialect TinyCurator reads and writes (RFC 4180): fields separated by commas, a
// field quoted with " when it holds a comma, a quote, CR or LF (a quote inside is doubled),
// records ended by LF. Every CSV the product writes goes through CsvWriter and every CSV it reads
// through CsvReader, so a name with a comma or a newline survives any round trip.

// Writes records to a device (a QFile, QSaveFile, QBuffer or stdout). Errors are sticky: once a
// write fails, every later call returns false and errorString() names the device's error.
class CsvWriter final {
public:
    explicit CsvWriter(QIODevice *device, const QString &name = {});

    bool writeRow(const QStringList &fields);
    bool ok() const { return m_error.isEmpty(); }
    QString errorString() const { return m_error; }

    // One field as it appears in a file: quoted only when it must be.
    static QByteArray field(QStringView text);
    // One record with its LF.
    static QByteArray row(const QStringList &fields);

private:
    QIODevice *m_device;
    QString m_name;
    QString m_error;
};

// Reads records one at a time from a device, in bounded memory: a field longer than
// kMaxFieldBytes or a record of more than kMaxFields fields is an error, never an allocation.
// Accepts LF, CRLF and a UTF-8 byte order mark; skips blank lines; every field must be UTF-8.
// Errors name the file and the line: "<name>: line 7: quoted field is not closed".
class CsvReader final {
public:
    static constexpr qsizetype kMaxFieldBytes = 1 << 20;
    static constexpr qsizetype kMaxFields = 4096;

    // name is what errors call the input (usually its path).
    CsvReader(QIODevice *device, const QString &name);

    // The next record into fields. False at the end of the input or on an error (hasError()).
    bool readRow(QStringList *fields);
    // 1-based line on which the record last returned starts.
    qint64 lineNumber() const { return m_recordLine; }
    bool hasError() const { return !m_error.isEmpty(); }
    QString errorString() const { return m_error; }

    // Every remaining record (small files, tests). False with errorString() on malformed input.
    bool readAll(QList<QStringList> *rows);

private:
    bool fill();
    int peek();
    void advance();
    bool fail(const QString &what);
    bool finishField(QByteArray &field, QStringList *fields);

    QIODevice *m_device;
    QString m_name;
    QString m_error;
    QByteArray m_buffer;
    qsizetype m_pos = 0;
    bool m_eof = false;
    bool m_started = false;
    qint64 m_line = 1;
    qint64 m_recordLine = 0;
};

} // namespace tc::core
