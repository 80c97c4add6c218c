#include "core/common/Csv.h"

#include <QIODevice>
#include <QStringDecoder>

namespace tc::core {

namespace {
constexpr qint64 kChunk = 64 * 1024;

bool needsQuotes(QStringView text)
{
    if (text.startsWith(QChar(0xFEFF))) // at the start of a file it would be read as a byte order mark
        return true;
    for (const QChar c : text)
        if (c == u',' || c == u'"' || c == u'\n' || c == u'\r')
            return true;
    return false;
}
} // namespace

// ---- writer ----

CsvWriter::CsvWriter(QIODevice *device, const QString &name) : m_device(device), m_name(name) {}

QByteArray CsvWriter::field(QStringView text)
{
    QByteArray utf8 = text.toUtf8();
    if (!needsQuotes(text))
        return utf8;
    utf8.replace("\"", "\"\"");
    return '"' + utf8 + '"';
}

QByteArray CsvWriter::row(const QStringList &fields)
{
    if (fields.size() == 1 && fields.first().isEmpty())
        return QByteArrayLiteral("\"\"\n"); // one empty field, not a blank line (which readers skip)
    QByteArray line;
    for (qsizetype i = 0; i < fields.size(); ++i) {
        if (i)
            line += ',';
        line += field(fields[i]);
    }
    line += '\n';
    return line;
}

bool CsvWriter::writeRow(const QStringList &fields)
{
    if (!m_error.isEmpty())
        return false;
    const QByteArray line = row(fields);
    if (!m_device || m_device->write(line) != line.size()) {
        const QString name = m_name.isEmpty() ? QStringLiteral("CSV output") : m_name;
        m_error = QStringLiteral("%1: cannot write (%2)")
                      .arg(name, m_device ? m_device->errorString() : QStringLiteral("no device"));
        return false;
    }
    return true;
}

// ---- reader ----

CsvReader::CsvReader(QIODevice *device, const QString &name) : m_device(device), m_name(name) {}

bool CsvReader::fill()
{
    if (m_eof || !m_device)
        return false;
    m_buffer.resize(kChunk);
    const qint64 got = m_device->read(m_buffer.data(), kChunk);
    if (got < 0) {
        m_buffer.clear();
        m_eof = true;
        fail(QStringLiteral("cannot read (%1)").arg(m_device->errorString()));
        return false;
    }
    m_buffer.resize(got);
    m_pos = 0;
    if (got == 0)
        m_eof = true;
    return got > 0;
}

int CsvReader::peek()
{
    if (m_pos >= m_buffer.size() && !fill())
        return -1;
    return static_cast<unsigned char>(m_buffer.at(m_pos));
}

void CsvReader::advance()
{
    ++m_pos;
}

bool CsvReader::fail(const QString &what)
{
    if (m_error.isEmpty())
        m_error = QStringLiteral("%1: line %2: %3").arg(m_name).arg(m_recordLine ? m_recordLine : m_line).arg(what);
    return false;
}

bool CsvReader::finishField(QByteArray &field, QStringList *fields)
{
    if (fields->size() >= kMaxFields)
        return fail(QStringLiteral("more than %1 fields in one record").arg(kMaxFields));
    // ConvertInitialBom: a field's leading U+FEFF is text (the file's byte order mark was skipped in
    // readRow); without it the decoder silently dropped it from every field that began with one.
    QStringDecoder decoder(QStringDecoder::Utf8,
                           QStringDecoder::Flag::Stateless | QStringDecoder::Flag::ConvertInitialBom);
    QString text = decoder(field);
    if (decoder.hasError())
        return fail(QStringLiteral("field %1 is not valid UTF-8").arg(fields->size() + 1));
    fields->append(std::move(text));
    field.clear();
    return true;
}

bool CsvReader::readRow(QStringList *fields)
{
    fields->clear();
    if (hasError())
        return false;
    if (!m_started) {
        m_started = true;
        // A UTF-8 byte order mark (spreadsheets write one) is not part of the first field.
        if (peek() == 0xEF && m_buffer.mid(m_pos, 3) == QByteArray("\xEF\xBB\xBF", 3))
            m_pos += 3;
    }
    // Blank lines separate nothing: skip them.
    for (int c = peek(); c == '\n' || c == '\r'; c = peek()) {
        advance();
        if (c == '\r' && peek() == '\n')
            advance();
        ++m_line;
    }
    if (peek() < 0)
        return false;
    m_recordLine = m_line;
    QByteArray field;
    for (;;) {
        int c = peek();
        if (c == '"') {
            advance();
            for (;;) {
                c = peek();
                if (c < 0)
                    return hasError() ? false : fail(QStringLiteral("quoted field is not closed"));
                advance();
                if (c == '"') {
                    if (peek() != '"')
                        break;
                    advance();
                } else if (c == '\n') {
                    ++m_line;
                }
                if (field.size() >= kMaxFieldBytes)
                    return fail(QStringLiteral("field longer than %1 bytes").arg(kMaxFieldBytes));
                field.append(char(c));
            }
            c = peek();
            if (c != ',' && c != '\n' && c != '\r' && c >= 0)
                return fail(QStringLiteral("text after the closing quote of field %1").arg(fields->size() + 1));
        } else {
            while (c >= 0 && c != ',' && c != '\n' && c != '\r') {
                if (c == '"')
                    return fail(QStringLiteral("quote inside unquoted field %1 (quote the field and double the "
                                               "quote)")
                                    .arg(fields->size() + 1));
                if (field.size() >= kMaxFieldBytes)
                    return fail(QStringLiteral("field longer than %1 bytes").arg(kMaxFieldBytes));
                field.append(char(c));
                advance();
                c = peek();
            }
        }
        if (hasError() || !finishField(field, fields))
            return false;
        if (c == ',') {
            advance();
            continue;
        }
        if (c == '\r') {
            advance();
            if (peek() == '\n')
                advance();
        } else if (c == '\n') {
            advance();
        }
        ++m_line;
        return true;
    }
}

bool CsvReader::readAll(QList<QStringList> *rows)
{
    rows->clear();
    QStringList fields;
    while (readRow(&fields))
        rows->append(fields);
    return !hasError();
}

} // namespace tc::core
