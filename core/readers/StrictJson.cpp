#include "core/readers/StrictJson.h"

#include <QByteArray>
#include <QSet>
#include <QStringDecoder>

namespace tc::core {

namespace {

// Recursive descent over the bytes; every step consumes input, so the whole parse is linear.
class JsonParser final {
public:
    explicit JsonParser(QByteArrayView json) : m_json(json) {}

    bool run(JsonValue *out)
    {
        if (m_json.startsWith("\xEF\xBB\xBF"))
            m_pos = 3;
        skipSpace();
        if (!value(out, 0))
            return false;
        skipSpace();
        if (m_pos != m_json.size())
            return fail(QStringLiteral("unexpected text after the end of the document"));
        return true;
    }

    QString error() const { return m_error; }

private:
    bool fail(const QString &problem) { return failAt(problem, m_pos); }

    bool failAt(const QString &problem, qsizetype at)
    {
        if (!m_error.isEmpty())
            return false;
        qint64 line = 1, column = 1;
        for (qsizetype i = 0; i < at && i < m_json.size(); ++i) {
            if (m_json[i] == '\n') {
                ++line;
                column = 1;
            } else {
                ++column;
            }
        }
        const QString where = m_path.isEmpty() ? QString() : m_path.join(QStringLiteral(" -> ")) + QStringLiteral(": ");
        m_error = QStringLiteral("%1%2 at line %3, column %4").arg(where, problem).arg(line).arg(column);
        return false;
    }

    int peek() const { return m_pos < m_json.size() ? uchar(m_json[m_pos]) : -1; }

    void skipSpace()
    {
        while (m_pos < m_json.size()) {
            const char c = m_json[m_pos];
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
                break;
            ++m_pos;
        }
    }

    bool literal(const char *word, JsonValue *out, JsonValue::Type type, bool boolean)
    {
        const QByteArrayView w(word);
        if (m_json.sliced(m_pos).startsWith(w)) {
            m_pos += w.size();
            out->type = type;
            out->boolean = boolean;
            return true;
        }
        return fail(QStringLiteral("not valid JSON: unexpected character"));
    }

    bool value(JsonValue *out, int depth)
    {
        if (depth >= StrictJson::kMaxDepth)
            return fail(QStringLiteral("nested deeper than %1 levels").arg(StrictJson::kMaxDepth));
        switch (peek()) {
        case '{':
            return object(out, depth);
        case '[':
            return array(out, depth);
        case '"':
            out->type = JsonValue::Type::String;
            return string(&out->text);
        case 't':
            return literal("true", out, JsonValue::Type::Bool, true);
        case 'f':
            return literal("false", out, JsonValue::Type::Bool, false);
        case 'n':
            return literal("null", out, JsonValue::Type::Null, false);
        case -1:
            return fail(QStringLiteral("not valid JSON: the document ends where a value should be"));
        default:
            return number(out);
        }
    }

    bool object(JsonValue *out, int depth)
    {
        out->type = JsonValue::Type::Object;
        ++m_pos; // '{'
        skipSpace();
        if (peek() == '}') {
            ++m_pos;
            return true;
        }
        QSet<QString> seen;
        for (;;) {
            skipSpace();
            if (peek() != '"')
                return fail(QStringLiteral("not valid JSON: expected a quoted key"));
            const qsizetype keyAt = m_pos;
            QString key;
            if (!string(&key))
                return false;
            if (seen.contains(key))
                return failAt(
                    QStringLiteral("the key %1 appears twice in the same object").arg(StrictJson::quoted(key)), keyAt);
            seen.insert(key);
            skipSpace();
            if (peek() != ':')
                return fail(QStringLiteral("not valid JSON: expected ':' after a key"));
            ++m_pos;
            skipSpace();
            out->members.push_back(JsonMember{key, {}});
            m_path.append(StrictJson::quoted(key));
            if (!value(&out->members.back().value, depth + 1))
                return false;
            m_path.removeLast();
            skipSpace();
            if (peek() == ',') {
                ++m_pos;
                continue;
            }
            if (peek() == '}') {
                ++m_pos;
                return true;
            }
            return fail(QStringLiteral("not valid JSON: expected ',' or '}'"));
        }
    }

    bool array(JsonValue *out, int depth)
    {
        out->type = JsonValue::Type::Array;
        ++m_pos; // '['
        skipSpace();
        if (peek() == ']') {
            ++m_pos;
            return true;
        }
        for (;;) {
            skipSpace();
            out->items.emplace_back();
            if (!value(&out->items.back(), depth + 1))
                return false;
            skipSpace();
            if (peek() == ',') {
                ++m_pos;
                continue;
            }
            if (peek() == ']') {
                ++m_pos;
                return true;
            }
            return fail(QStringLiteral("not valid JSON: expected ',' or ']'"));
        }
    }

    static bool isDigit(int c) { return c >= '0' && c <= '9'; }

    bool number(JsonValue *out)
    {
        const qsizetype start = m_pos;
        if (peek() == '-')
            ++m_pos;
        if (peek() == '0') {
            ++m_pos;
        } else if (isDigit(peek())) {
            while (isDigit(peek()))
                ++m_pos;
        } else {
            m_pos = start;
            return fail(QStringLiteral("not valid JSON: unexpected character"));
        }
        if (peek() == '.') {
            ++m_pos;
            if (!isDigit(peek()))
                return fail(QStringLiteral("not valid JSON: a digit must follow the decimal point"));
            while (isDigit(peek()))
                ++m_pos;
        }
        if (peek() == 'e' || peek() == 'E') {
            ++m_pos;
            if (peek() == '+' || peek() == '-')
                ++m_pos;
            if (!isDigit(peek()))
                return fail(QStringLiteral("not valid JSON: a digit must follow the exponent"));
            while (isDigit(peek()))
                ++m_pos;
        }
        const QByteArray token = m_json.sliced(start, m_pos - start).toByteArray();
        bool ok = false;
        out->type = JsonValue::Type::Number;
        out->number = token.toDouble(&ok); // locale-independent; out of range gives inf and !ok
        out->text = QString::fromLatin1(token);
        if (!ok)
            return failAt(QStringLiteral("the number %1 is out of range").arg(out->text.left(40)), start);
        return true;
    }

    static int hexDigit(int c)
    {
        if (c >= '0' && c <= '9')
            return c - '0';
        if (c >= 'a' && c <= 'f')
            return c - 'a' + 10;
        if (c >= 'A' && c <= 'F')
            return c - 'A' + 10;
        return -1;
    }

    bool hex4(uint *code)
    {
        *code = 0;
        for (int i = 0; i < 4; ++i) {
            const int d = hexDigit(peek());
            if (d < 0)
                return fail(QStringLiteral("not valid JSON: \\u needs four hexadecimal digits"));
            *code = *code * 16 + uint(d);
            ++m_pos;
        }
        return true;
    }

    static void appendUtf8(QByteArray &bytes, char32_t code)
    {
        const char32_t one[1] = {code};
        bytes += QString::fromUcs4(one, 1).toUtf8();
    }

    bool escape(QByteArray &bytes)
    {
        const int c = peek();
        ++m_pos;
        switch (c) {
        case '"':
        case '\\':
        case '/':
            bytes += char(c);
            return true;
        case 'b':
            bytes += '\b';
            return true;
        case 'f':
            bytes += '\f';
            return true;
        case 'n':
            bytes += '\n';
            return true;
        case 'r':
            bytes += '\r';
            return true;
        case 't':
            bytes += '\t';
            return true;
        case 'u': {
            uint code = 0;
            if (!hex4(&code))
                return false;
            if (code >= 0xDC00 && code <= 0xDFFF)
                return fail(QStringLiteral("not valid JSON: a lone low surrogate \\u%1").arg(code, 4, 16));
            if (code >= 0xD800 && code <= 0xDBFF) {
                uint low = 0;
                if (peek() != '\\' || m_pos + 1 >= m_json.size() || m_json[m_pos + 1] != 'u')
                    return fail(QStringLiteral("not valid JSON: a high surrogate without its low half"));
                m_pos += 2;
                if (!hex4(&low))
                    return false;
                if (low < 0xDC00 || low > 0xDFFF)
                    return fail(QStringLiteral("not valid JSON: a high surrogate without its low half"));
                code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
            }
            appendUtf8(bytes, char32_t(code));
            return true;
        }
        default:
            --m_pos;
            return fail(QStringLiteral("not valid JSON: unknown escape"));
        }
    }

    bool string(QString *out)
    {
        const qsizetype start = m_pos;
        ++m_pos; // opening quote
        QByteArray bytes;
        for (;;) {
            qsizetype run = m_pos; // copy runs without escapes in one piece
            while (run < m_json.size() && m_json[run] != '"' && m_json[run] != '\\' && uchar(m_json[run]) >= 0x20)
                ++run;
            bytes.append(m_json.sliced(m_pos, run - m_pos));
            m_pos = run;
            const int c = peek();
            if (c == '"') {
                ++m_pos;
                break;
            }
            if (c < 0)
                return failAt(QStringLiteral("not valid JSON: a string is not closed"), start);
            if (c < 0x20)
                return fail(QStringLiteral("not valid JSON: a control character inside a string (write it as an "
                                           "escape)"));
            ++m_pos; // backslash
            if (!escape(bytes))
                return false;
        }
        // ConvertInitialBom: a leading U+FEFF inside a string is text, not a byte order mark to drop.
        QStringDecoder decoder(QStringDecoder::Utf8,
                               QStringDecoder::Flag::Stateless | QStringDecoder::Flag::ConvertInitialBom);
        *out = decoder(bytes);
        if (decoder.hasError())
            return failAt(QStringLiteral("a string is not valid UTF-8"), start);
        return true;
    }

    QByteArrayView m_json;
    qsizetype m_pos = 0;
    QString m_error;
    QStringList m_path; // keys leading to the value being read, for messages
};

} // namespace

const JsonValue *JsonValue::member(QStringView key) const
{
    for (const auto &[name, value] : members)
        if (name == key)
            return &value;
    return nullptr;
}

QString JsonValue::describe() const
{
    switch (type) {
    case Type::Null:
        return QStringLiteral("null");
    case Type::Bool:
        return boolean ? QStringLiteral("true") : QStringLiteral("false");
    case Type::Number:
        return text.left(40);
    case Type::String:
        return QStringLiteral("the string %1").arg(StrictJson::quoted(text.left(40)));
    case Type::Array:
        return QStringLiteral("an array");
    case Type::Object:
        return QStringLiteral("an object");
    }
    return {};
}

QString StrictJson::quoted(QStringView text)
{
    QString out = QStringLiteral("\"");
    for (const QChar c : text) {
        const auto category = c.category();
        if (category == QChar::Other_Control || category == QChar::Separator_Line ||
            category == QChar::Separator_Paragraph)
            out += QStringLiteral("\\u%1").arg(c.unicode(), 4, 16, QLatin1Char('0'));
        else
            out += c;
    }
    return out + QLatin1Char('"');
}

bool StrictJson::parse(QByteArrayView json, JsonValue *out)
{
    *out = JsonValue{};
    m_error.clear();
    JsonParser parser(json);
    if (parser.run(out))
        return true;
    m_error = parser.error();
    return false;
}

} // namespace tc::core
