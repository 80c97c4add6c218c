// PickleParser: the text opcodes of protocol 0 (INT, LONG, FLOAT, STRING, UNICODE), which carry
// their argument as a line of text.
#include "core/readers/PickleParser.h"

namespace tc::core {

bool PickleParser::opTextInt(bool isLong)
{
    QByteArray line;
    if (!readLine(&line))
        return false;
    if (!isLong && (line == "00" || line == "01"))
        return pushBool(line == "01"); // Python 2 wrote True/False as INT 01/00
    if (isLong && line.endsWith('L'))
        line.chop(1);
    bool ok = false;
    const qint64 v = line.trimmed().toLongLong(&ok);
    if (!ok)
        return fail(QStringLiteral("integer '%1' is not a 64-bit integer").arg(QString::fromLatin1(line.left(40))));
    return pushInt(v);
}

bool PickleParser::opTextFloat()
{
    QByteArray line;
    if (!readLine(&line))
        return false;
    bool ok = false;
    auto v = PickleValue::make(Kind::Float);
    v->real = line.trimmed().toDouble(&ok); // QByteArray::toDouble is locale independent, like repr()
    if (!ok)
        return fail(QStringLiteral("bad float '%1'").arg(QString::fromLatin1(line.left(40))));
    return push(std::move(v));
}

// STRING carries a Python 2 repr(): quoted, with backslash escapes.
bool PickleParser::opTextString()
{
    QByteArray line;
    if (!readLine(&line))
        return false;
    if (line.size() < 2 || (line.front() != '\'' && line.front() != '"') || line.back() != line.front())
        return fail(QStringLiteral("STRING argument is not a quoted string"));
    const QByteArray body = line.mid(1, line.size() - 2);
    QByteArray out;
    for (qsizetype i = 0; i < body.size(); ++i) {
        char c = body[i];
        if (c != '\\') {
            out += c;
            continue;
        }
        if (++i >= body.size())
            return fail(QStringLiteral("STRING ends in a backslash"));
        c = body[i];
        static const QByteArray simple("\\\\''\"\"n\nr\rt\ta\ab\bf\fv\v");
        const qsizetype k = simple.indexOf(c);
        if (k >= 0 && k % 2 == 0) {
            out += simple[k + 1];
        } else if (c == 'x') {
            bool ok = false;
            const int v = body.mid(i + 1, 2).toInt(&ok, 16);
            if (!ok || i + 2 >= body.size())
                return fail(QStringLiteral("bad \\x escape in STRING"));
            out += char(v);
            i += 2;
        } else if (c >= '0' && c <= '7') {
            int v = 0, digits = 0;
            for (; digits < 3 && i < body.size() && body[i] >= '0' && body[i] <= '7'; ++digits, ++i)
                v = v * 8 + (body[i] - '0');
            --i;
            out += char(v & 0xFF);
        } else {
            return fail(QStringLiteral("unknown escape \\%1 in STRING").arg(QLatin1Char(c)));
        }
    }
    return pushPy2String(out);
}

// UNICODE carries raw-unicode-escape text: Latin-1 bytes plus \uXXXX and \UXXXXXXXX escapes.
bool PickleParser::opTextUnicode()
{
    QByteArray line;
    if (!readLine(&line))
        return false;
    QString text;
    for (qsizetype i = 0; i < line.size(); ++i) {
        const bool escape = line[i] == '\\' && i + 1 < line.size() && (line[i + 1] == 'u' || line[i + 1] == 'U');
        if (!escape) {
            text += QChar(uchar(line[i]));
            continue;
        }
        const int digits = line[i + 1] == 'u' ? 4 : 8;
        bool ok = false;
        const uint cp = line.mid(i + 2, digits).toUInt(&ok, 16);
        if (!ok || line.mid(i + 2, digits).size() != digits || cp > 0x10FFFF)
            return fail(QStringLiteral("bad \\u escape in UNICODE"));
        const char32_t c32 = char32_t(cp);
        text += QString::fromUcs4(&c32, 1);
        i += 1 + digits;
    }
    auto v = PickleValue::make(Kind::Str);
    v->bytes = text.toUtf8();
    return push(std::move(v));
}

} // namespace tc::core
