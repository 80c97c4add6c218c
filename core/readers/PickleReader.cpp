#include "core/readers/PickleReader.h"

#include "core/readers/InputFile.h"
#include "core/readers/ReadError.h"

#include <QFile>
#include <QtEndian>
#include <cstring>
#include <limits>
#include <unordered_map>
#include <unordered_set>

namespace tc::core {

namespace {

using Kind = PickleValue::Kind;

// Allow-listed globals. Anything else in a GLOBAL/STACK_GLOBAL is rejected on sight.
enum GlobalId : qint64 { Reconstruct = 1, NdarrayType, DTypeCtor, Scalar, CodecsEncode, BytesCtor, FromBuffer };

qint64 globalId(const QByteArray &module, const QByteArray &name)
{
    const bool multiarray = module == "numpy.core.multiarray" || module == "numpy._core.multiarray";
    if (multiarray && name == "_reconstruct")
        return Reconstruct;
    if (multiarray && name == "scalar")
        return Scalar;
    // Protocol 5 pickles arrays as numpy.core.numeric._frombuffer(bytearray, dtype, shape, order).
    if ((module == "numpy.core.numeric" || module == "numpy._core.numeric") && name == "_frombuffer")
        return FromBuffer;
    if (module == "numpy" && name == "ndarray")
        return NdarrayType;
    if (module == "numpy" && name == "dtype")
        return DTypeCtor;
    if (module == "_codecs" && name == "encode")
        return CodecsEncode;
    // Python 3 pickles b'' under protocol 2 as bytes() (named __builtin__.bytes for Python 2).
    if ((module == "__builtin__" || module == "builtins") && name == "bytes")
        return BytesCtor;
    return 0;
}

const char *opcodeName(uchar op)
{
    switch (op) {
    case '(':
        return "MARK";
    case '.':
        return "STOP";
    case '0':
        return "POP";
    case '1':
        return "POP_MARK";
    case '2':
        return "DUP";
    case 'F':
        return "FLOAT";
    case 'I':
        return "INT";
    case 'J':
        return "BININT";
    case 'K':
        return "BININT1";
    case 'L':
        return "LONG";
    case 'M':
        return "BININT2";
    case 'N':
        return "NONE";
    case 'P':
        return "PERSID";
    case 'Q':
        return "BINPERSID";
    case 'R':
        return "REDUCE";
    case 'S':
        return "STRING";
    case 'T':
        return "BINSTRING";
    case 'U':
        return "SHORT_BINSTRING";
    case 'V':
        return "UNICODE";
    case 'X':
        return "BINUNICODE";
    case 'a':
        return "APPEND";
    case 'b':
        return "BUILD";
    case 'c':
        return "GLOBAL";
    case 'd':
        return "DICT";
    case '}':
        return "EMPTY_DICT";
    case 'e':
        return "APPENDS";
    case 'g':
        return "GET";
    case 'h':
        return "BINGET";
    case 'i':
        return "INST";
    case 'j':
        return "LONG_BINGET";
    case 'l':
        return "LIST";
    case ']':
        return "EMPTY_LIST";
    case 'o':
        return "OBJ";
    case 'p':
        return "PUT";
    case 'q':
        return "BINPUT";
    case 'r':
        return "LONG_BINPUT";
    case 's':
        return "SETITEM";
    case 't':
        return "TUPLE";
    case ')':
        return "EMPTY_TUPLE";
    case 'u':
        return "SETITEMS";
    case 'G':
        return "BINFLOAT";
    case 'B':
        return "BINBYTES";
    case 'C':
        return "SHORT_BINBYTES";
    case 0x80:
        return "PROTO";
    case 0x81:
        return "NEWOBJ";
    case 0x82:
        return "EXT1";
    case 0x83:
        return "EXT2";
    case 0x84:
        return "EXT4";
    case 0x85:
        return "TUPLE1";
    case 0x86:
        return "TUPLE2";
    case 0x87:
        return "TUPLE3";
    case 0x88:
        return "NEWTRUE";
    case 0x89:
        return "NEWFALSE";
    case 0x8a:
        return "LONG1";
    case 0x8b:
        return "LONG4";
    case 0x8c:
        return "SHORT_BINUNICODE";
    case 0x8d:
        return "BINUNICODE8";
    case 0x8e:
        return "BINBYTES8";
    case 0x8f:
        return "EMPTY_SET";
    case 0x90:
        return "ADDITEMS";
    case 0x91:
        return "FROZENSET";
    case 0x92:
        return "NEWOBJ_EX";
    case 0x93:
        return "STACK_GLOBAL";
    case 0x94:
        return "MEMOIZE";
    case 0x95:
        return "FRAME";
    case 0x96:
        return "BYTEARRAY8";
    case 0x97:
        return "NEXT_BUFFER";
    case 0x98:
        return "READONLY_BUFFER";
    default:
        return nullptr;
    }
}

// Strict UTF-8 check (Python's unpickler rejects malformed text too); ASCII runs are the fast path.
bool isValidUtf8(const uchar *p, qint64 n)
{
    qint64 i = 0;
    while (i < n) {
        const uchar c = p[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        int extra = 0;
        quint32 cp = 0;
        if ((c & 0xE0) == 0xC0) {
            extra = 1;
            cp = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            extra = 2;
            cp = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            extra = 3;
            cp = c & 0x07;
        } else {
            return false;
        }
        if (n - i <= extra)
            return false;
        for (int k = 1; k <= extra; ++k) {
            if ((p[i + k] & 0xC0) != 0x80)
                return false;
            cp = (cp << 6) | (p[i + k] & 0x3F);
        }
        static constexpr quint32 minimum[] = {0, 0x80, 0x800, 0x10000};
        if (cp < minimum[extra] || cp > 0x10FFFF)
            return false; // overlong or out of range
        i += extra + 1;
    }
    return true;
}

QByteArray latin1ToUtf8(QByteArrayView latin1)
{
    return QString::fromLatin1(latin1).toUtf8();
}

// str.encode('latin1'): every code point must be below 256.
bool utf8ToLatin1(const QByteArray &utf8, QByteArray *out)
{
    out->resize(utf8.size());
    const auto *p = reinterpret_cast<const uchar *>(utf8.constData());
    char *dst = out->data();
    qint64 n = 0;
    for (qint64 i = 0; i < utf8.size();) {
        const uchar c = p[i];
        if (c < 0x80) {
            dst[n++] = char(c);
            ++i;
        } else if ((c & 0xE0) == 0xC0 && i + 1 < utf8.size() && c <= 0xC3) {
            dst[n++] = char(((c & 0x1F) << 6) | (p[i + 1] & 0x3F));
            i += 2;
        } else {
            return false;
        }
    }
    out->resize(n);
    return true;
}

class Parser final {
public:
    Parser(QByteArrayView data, const QString &name, PickleReader::Py2Strings py2, const PickleReader::Limits &limits)
        : m_data(reinterpret_cast<const uchar *>(data.data())), m_size(data.size()), m_name(name), m_py2(py2),
          m_limits(limits)
    {}

    bool run();
    PickleValuePtr result;
    QString error;

private:
    bool step(bool *stop);
    bool fail(const QString &problem);
    bool need(qint64 n);
    bool readLine(QByteArray *line);
    quint64 readLe(int bytes);
    bool readLength(int bytes, qint64 *length);

    bool push(PickleValuePtr v);
    bool pop(PickleValuePtr *v);
    bool top(PickleValuePtr *v);
    bool popMark(std::vector<PickleValuePtr> *items);

    bool pushInt(qint64 v);
    bool pushBool(bool v);
    bool pushBytes(qint64 length, Kind kind);
    bool pushPy2String(QByteArray raw);
    bool pushUtf8(qint64 length);
    bool pushLong(qint64 length);
    bool pushGlobal(const QByteArray &module, const QByteArray &name);
    bool pushSequence(Kind kind, std::vector<PickleValuePtr> items);

    bool opGlobal();
    bool opStackGlobal();
    bool opTextInt(bool isLong);
    bool opTextFloat();
    bool opTextString();
    bool opTextUnicode();
    bool opPop();
    bool opTuple(int n);
    bool opMarkedSequence(Kind kind);
    bool opDict();
    bool opAppend(bool marked);
    bool opSetItem(bool marked);
    bool opPut(qint64 index);
    bool opMemoize();
    bool opGet(qint64 index);
    bool opReduce();
    bool opBuild();
    bool opFrame();

    bool appendTo(const PickleValuePtr &list, std::vector<PickleValuePtr> items);
    bool setItems(const PickleValuePtr &dict, std::vector<PickleValuePtr> items);
    bool checkNoCycle(const PickleValue *container, const PickleValuePtr &child, long containerRefs);
    bool reduceReconstruct(const PickleValue &args);
    bool reduceDType(const PickleValue &args);
    bool reduceFromBuffer(const PickleValue &args);
    bool setArray(NdArray &a, const PickleValue &shape, const DType &type, bool fortran, const PickleValue &data);
    bool reduceScalar(const PickleValue &args);
    bool reduceEncode(const PickleValue &args);
    bool buildDType(PickleValue &target, const PickleValue &state);
    bool buildArray(PickleValue &target, const PickleValue &state);

    const uchar *m_data;
    qint64 m_size;
    qint64 m_pos = 0;
    qint64 m_opStart = 0;
    uchar m_op = 0;
    QString m_name;
    PickleReader::Py2Strings m_py2;
    PickleReader::Limits m_limits;
    std::vector<PickleValuePtr> m_stack;
    std::vector<size_t> m_marks; // stack size at each MARK
    std::unordered_map<quint64, PickleValuePtr> m_memo;
    qint64 m_cycleBudget = qint64(1) << 26; // container visits for cycle checks over the whole parse
};

bool Parser::fail(const QString &problem)
{
    const char *name = opcodeName(m_op);
    const QString op = name ? QString::fromLatin1(name) : QStringLiteral("0x%1").arg(m_op, 2, 16, QLatin1Char('0'));
    error = fileError(m_name, QStringLiteral("%1 (opcode %2 at byte %3)").arg(problem, op).arg(m_opStart));
    return false;
}

bool Parser::need(qint64 n)
{
    if (n >= 0 && n <= m_size - m_pos)
        return true;
    return fail(QStringLiteral("truncated: needs %1 bytes, %2 remain").arg(n).arg(m_size - m_pos));
}

bool Parser::readLine(QByteArray *line)
{
    const void *nl = std::memchr(m_data + m_pos, '\n', size_t(m_size - m_pos));
    if (!nl)
        return fail(QStringLiteral("truncated: line without end"));
    const qint64 end = static_cast<const uchar *>(nl) - m_data;
    *line = QByteArray(reinterpret_cast<const char *>(m_data + m_pos), end - m_pos);
    m_pos = end + 1;
    return true;
}

quint64 Parser::readLe(int bytes)
{
    quint64 v = 0;
    for (int i = bytes - 1; i >= 0; --i)
        v = (v << 8) | m_data[m_pos + i];
    m_pos += bytes;
    return v;
}

// A length field, checked against the bytes that follow, so a lying length never allocates.
bool Parser::readLength(int bytes, qint64 *length)
{
    if (!need(bytes))
        return false;
    const quint64 v = readLe(bytes);
    if (v > quint64(m_size - m_pos))
        return fail(QStringLiteral("length %1 exceeds the %2 bytes that remain").arg(v).arg(m_size - m_pos));
    *length = qint64(v);
    return true;
}

bool Parser::push(PickleValuePtr v)
{
    if (qint64(m_stack.size() + m_marks.size()) >= m_limits.maxStack)
        return fail(QStringLiteral("stack exceeds %1 entries").arg(m_limits.maxStack));
    m_stack.push_back(std::move(v));
    return true;
}

bool Parser::pop(PickleValuePtr *v)
{
    const size_t floor = m_marks.empty() ? 0 : m_marks.back();
    if (m_stack.size() <= floor)
        return fail(QStringLiteral("stack underflow"));
    *v = std::move(m_stack.back());
    m_stack.pop_back();
    return true;
}

bool Parser::top(PickleValuePtr *v)
{
    const size_t floor = m_marks.empty() ? 0 : m_marks.back();
    if (m_stack.size() <= floor)
        return fail(QStringLiteral("stack underflow"));
    *v = m_stack.back();
    return true;
}

bool Parser::popMark(std::vector<PickleValuePtr> *items)
{
    if (m_marks.empty())
        return fail(QStringLiteral("no MARK on the stack"));
    const size_t mark = m_marks.back();
    m_marks.pop_back();
    items->assign(std::make_move_iterator(m_stack.begin() + qsizetype(mark)), std::make_move_iterator(m_stack.end()));
    m_stack.resize(mark);
    return true;
}

bool Parser::pushInt(qint64 v)
{
    auto value = PickleValue::make(Kind::Int);
    value->integer = v;
    return push(std::move(value));
}

bool Parser::pushBool(bool v)
{
    auto value = PickleValue::make(Kind::Bool);
    value->integer = v ? 1 : 0;
    return push(std::move(value));
}

bool Parser::pushBytes(qint64 length, Kind kind)
{
    auto value = PickleValue::make(kind);
    value->bytes = QByteArray(reinterpret_cast<const char *>(m_data + m_pos), length);
    m_pos += length;
    return push(std::move(value));
}

bool Parser::pushPy2String(QByteArray raw)
{
    auto value = PickleValue::make(m_py2 == PickleReader::Py2Strings::Bytes ? Kind::Bytes : Kind::Str);
    value->bytes = value->kind == Kind::Bytes ? std::move(raw) : latin1ToUtf8(raw);
    return push(std::move(value));
}

bool Parser::pushUtf8(qint64 length)
{
    if (!isValidUtf8(m_data + m_pos, length))
        return fail(QStringLiteral("text is not valid UTF-8"));
    return pushBytes(length, Kind::Str);
}

// LONG1/LONG4: little-endian two's complement of any length; we keep what fits 64 bits.
bool Parser::pushLong(qint64 length)
{
    const uchar *p = m_data + m_pos;
    const bool negative = length > 0 && (p[length - 1] & 0x80);
    for (qint64 i = 8; i < length; ++i)
        if (p[i] != (negative ? 0xFF : 0x00))
            return fail(QStringLiteral("integer of %1 bytes does not fit 64 bits").arg(length));
    if (length > 8 && bool(p[7] & 0x80) != negative)
        return fail(QStringLiteral("integer of %1 bytes does not fit 64 bits").arg(length));
    quint64 v = negative ? ~quint64(0) : 0;
    for (qint64 i = std::min<qint64>(length, 8) - 1; i >= 0; --i)
        v = (v << 8) | p[i];
    m_pos += length;
    return pushInt(qint64(v));
}

bool Parser::pushGlobal(const QByteArray &module, const QByteArray &name)
{
    const qint64 id = globalId(module, name);
    if (!id)
        return fail(QStringLiteral("global '%1.%2' is not allowed")
                        .arg(QString::fromUtf8(module.left(200)), QString::fromUtf8(name.left(200))));
    auto value = PickleValue::make(Kind::Global);
    value->integer = id;
    value->bytes = module + '.' + name;
    return push(std::move(value));
}

bool Parser::pushSequence(Kind kind, std::vector<PickleValuePtr> items)
{
    auto value = PickleValue::make(kind);
    value->items = std::move(items);
    return push(std::move(value));
}

bool Parser::run()
{
    if (m_size == 0) {
        error = fileError(m_name, QStringLiteral("empty file, not a pickle"));
        return false;
    }
    bool stop = false;
    while (!stop) {
        if (m_pos >= m_size) {
            m_opStart = m_pos;
            m_op = '.';
            return fail(QStringLiteral("truncated: the file ends before the STOP opcode"));
        }
        if (!step(&stop))
            return false;
    }
    return true;
}

bool Parser::step(bool *stop)
{
    m_opStart = m_pos;
    m_op = m_data[m_pos++];
    qint64 n = 0;
    switch (m_op) {
    case 0x80: // PROTO
        if (!need(1))
            return false;
        if (m_data[m_pos] > 5)
            return fail(QStringLiteral("unsupported protocol %1").arg(m_data[m_pos]));
        ++m_pos;
        return true;
    case 0x95:
        return opFrame();
    case '.': // STOP
        if (!pop(&result))
            return false;
        if (!m_stack.empty() || !m_marks.empty())
            return fail(QStringLiteral("values left on the stack at STOP"));
        *stop = true;
        return true;
    case '(':
        if (qint64(m_stack.size() + m_marks.size()) >= m_limits.maxStack)
            return fail(QStringLiteral("stack exceeds %1 entries").arg(m_limits.maxStack));
        m_marks.push_back(m_stack.size());
        return true;
    case '0':
        return opPop();
    case '1': {
        std::vector<PickleValuePtr> dropped;
        return popMark(&dropped);
    }
    case '2': {
        PickleValuePtr v;
        return top(&v) && push(v);
    }
    case 'N':
        return push(PickleValue::make(Kind::None));
    case 0x88:
        return pushBool(true);
    case 0x89:
        return pushBool(false);
    case 'K':
        return need(1) && pushInt(qint64(readLe(1)));
    case 'M':
        return need(2) && pushInt(qint64(readLe(2)));
    case 'J':
        return need(4) && pushInt(qint64(qint32(quint32(readLe(4)))));
    case 0x8a:
        return readLength(1, &n) && pushLong(n);
    case 0x8b:
        return readLength(4, &n) && pushLong(n);
    case 'I':
        return opTextInt(false);
    case 'L':
        return opTextInt(true);
    case 'F':
        return opTextFloat();
    case 'G': {
        if (!need(8))
            return false;
        auto v = PickleValue::make(Kind::Float);
        v->real = qFromBigEndian<double>(m_data + m_pos);
        m_pos += 8;
        return push(std::move(v));
    }
    case 'C':
        return readLength(1, &n) && pushBytes(n, Kind::Bytes);
    case 'B':
        return readLength(4, &n) && pushBytes(n, Kind::Bytes);
    case 0x8e:
    case 0x96:
        return readLength(8, &n) && pushBytes(n, Kind::Bytes);
    case 0x8c:
        return readLength(1, &n) && pushUtf8(n);
    case 'X':
        return readLength(4, &n) && pushUtf8(n);
    case 0x8d:
        return readLength(8, &n) && pushUtf8(n);
    case 'U':
        if (!readLength(1, &n))
            return false;
        m_pos += n;
        return pushPy2String(QByteArray(reinterpret_cast<const char *>(m_data + m_pos - n), n));
    case 'T': {
        if (!need(4))
            return false;
        const qint32 length = qint32(quint32(readLe(4)));
        if (length < 0 || length > m_size - m_pos)
            return fail(
                QStringLiteral("string length %1 exceeds the %2 bytes that remain").arg(length).arg(m_size - m_pos));
        m_pos += length;
        return pushPy2String(QByteArray(reinterpret_cast<const char *>(m_data + m_pos - length), length));
    }
    case 'S':
        return opTextString();
    case 'V':
        return opTextUnicode();
    case ']':
        return pushSequence(Kind::List, {});
    case ')':
        return pushSequence(Kind::Tuple, {});
    case '}':
        return push(PickleValue::make(Kind::Dict));
    case 'l':
        return opMarkedSequence(Kind::List);
    case 't':
        return opMarkedSequence(Kind::Tuple);
    case 'd':
        return opDict();
    case 0x85:
        return opTuple(1);
    case 0x86:
        return opTuple(2);
    case 0x87:
        return opTuple(3);
    case 'a':
        return opAppend(false);
    case 'e':
        return opAppend(true);
    case 's':
        return opSetItem(false);
    case 'u':
        return opSetItem(true);
    case 'q':
        return need(1) && opPut(qint64(readLe(1)));
    case 'r':
        return need(4) && opPut(qint64(readLe(4)));
    case 'h':
        return need(1) && opGet(qint64(readLe(1)));
    case 'j':
        return need(4) && opGet(qint64(readLe(4)));
    case 'p':
    case 'g': {
        QByteArray line;
        if (!readLine(&line))
            return false;
        bool ok = false;
        const qint64 index = line.toLongLong(&ok);
        if (!ok || index < 0)
            return fail(QStringLiteral("bad memo index '%1'").arg(QString::fromLatin1(line.left(40))));
        return m_op == 'p' ? opPut(index) : opGet(index);
    }
    case 0x94:
        return opMemoize();
    case 'c':
        return opGlobal();
    case 0x93:
        return opStackGlobal();
    case 'R':
        return opReduce();
    case 'b':
        return opBuild();
    default:
        if (opcodeName(m_op))
            return fail(QStringLiteral("opcode not supported by this data reader"));
        return fail(QStringLiteral("unknown opcode"));
    }
}

bool Parser::opFrame()
{
    qint64 length = 0;
    // Frames only group opcodes for buffered I/O; we hold the whole file, so a frame is a checked no-op.
    return readLength(8, &length);
}

bool Parser::opPop()
{
    const size_t floor = m_marks.empty() ? 0 : m_marks.back();
    if (m_stack.size() > floor) {
        m_stack.pop_back();
        return true;
    }
    if (m_marks.empty())
        return fail(QStringLiteral("stack underflow"));
    m_marks.pop_back(); // Python's POP discards a MARK when the frame above it is empty
    return true;
}

bool Parser::opTextInt(bool isLong)
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

bool Parser::opTextFloat()
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
bool Parser::opTextString()
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
bool Parser::opTextUnicode()
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

bool Parser::opTuple(int n)
{
    const size_t floor = m_marks.empty() ? 0 : m_marks.back();
    if (m_stack.size() < floor + size_t(n))
        return fail(QStringLiteral("stack underflow"));
    std::vector<PickleValuePtr> items(std::make_move_iterator(m_stack.end() - n),
                                      std::make_move_iterator(m_stack.end()));
    m_stack.resize(m_stack.size() - size_t(n));
    return pushSequence(Kind::Tuple, std::move(items));
}

bool Parser::opMarkedSequence(Kind kind)
{
    std::vector<PickleValuePtr> items;
    return popMark(&items) && pushSequence(kind, std::move(items));
}

bool Parser::opDict()
{
    std::vector<PickleValuePtr> items;
    if (!popMark(&items))
        return false;
    auto dict = PickleValue::make(Kind::Dict);
    return setItems(dict, std::move(items)) && push(std::move(dict));
}

bool Parser::opAppend(bool marked)
{
    std::vector<PickleValuePtr> items;
    PickleValuePtr item;
    if (marked ? !popMark(&items) : !pop(&item))
        return false;
    if (!marked)
        items.push_back(std::move(item));
    PickleValuePtr list;
    return top(&list) && appendTo(list, std::move(items));
}

bool Parser::opSetItem(bool marked)
{
    std::vector<PickleValuePtr> items(2);
    if (marked ? !popMark(&items) : !(pop(&items[1]) && pop(&items[0])))
        return false;
    PickleValuePtr dict;
    return top(&dict) && setItems(dict, std::move(items));
}

// Rejects inserting `child` into `container` when the container is reachable from the child:
// a data file has no reason to be self-referential, and a cycle would leak the shared nodes.
bool Parser::checkNoCycle(const PickleValue *container, const PickleValuePtr &child, long containerRefs)
{
    // Referenced only from the stack (containerRefs excludes the caller's copy), the container cannot
    // be inside the child: skip the walk.
    if (!child->isContainer() || containerRefs <= 1)
        return true;
    std::vector<const PickleValue *> todo{child.get()};
    std::unordered_set<const PickleValue *> seen;
    while (!todo.empty()) {
        const PickleValue *node = todo.back();
        todo.pop_back();
        if (node == container)
            return fail(QStringLiteral("self-referencing %1 is not supported").arg(container->typeName()));
        if (!seen.insert(node).second)
            continue;
        if (--m_cycleBudget < 0)
            return fail(QStringLiteral("structure too complex (too many shared containers)"));
        for (const auto &c : node->items)
            if (c->isContainer())
                todo.push_back(c.get());
        for (const auto &[k, v] : node->dict)
            if (v->isContainer())
                todo.push_back(v.get());
    }
    return true;
}

bool Parser::appendTo(const PickleValuePtr &list, std::vector<PickleValuePtr> items)
{
    if (list->kind != Kind::List)
        return fail(QStringLiteral("cannot append to %1").arg(list->typeName()));
    for (const auto &item : items)
        if (!checkNoCycle(list.get(), item, list.use_count() - 1))
            return false;
    list->items.insert(list->items.end(), std::make_move_iterator(items.begin()), std::make_move_iterator(items.end()));
    return true;
}

bool Parser::setItems(const PickleValuePtr &dict, std::vector<PickleValuePtr> items)
{
    if (dict->kind != Kind::Dict)
        return fail(QStringLiteral("cannot set items on %1").arg(dict->typeName()));
    if (items.size() % 2)
        return fail(QStringLiteral("odd number of items for a dict"));
    for (size_t i = 0; i < items.size(); i += 2) {
        const Kind k = items[i]->kind;
        if (k == Kind::List || k == Kind::Dict || k == Kind::NdArray)
            return fail(QStringLiteral("unhashable dict key of type %1").arg(items[i]->typeName()));
        if (!checkNoCycle(dict.get(), items[i + 1], dict.use_count() - 1))
            return false;
        dict->dict.emplace_back(std::move(items[i]), std::move(items[i + 1]));
    }
    return true;
}

bool Parser::opPut(qint64 index)
{
    PickleValuePtr v;
    if (!top(&v))
        return false;
    if (!m_memo.count(quint64(index)) && qint64(m_memo.size()) >= m_limits.maxMemo)
        return fail(QStringLiteral("memo exceeds %1 entries").arg(m_limits.maxMemo));
    m_memo[quint64(index)] = std::move(v);
    return true;
}

bool Parser::opMemoize()
{
    return opPut(qint64(m_memo.size()));
}

bool Parser::opGet(qint64 index)
{
    const auto it = m_memo.find(quint64(index));
    if (it == m_memo.end())
        return fail(QStringLiteral("memo entry %1 was never stored").arg(index));
    return push(it->second);
}

bool Parser::opGlobal()
{
    QByteArray module, name;
    if (!readLine(&module) || !readLine(&name))
        return false;
    return pushGlobal(module, name);
}

bool Parser::opStackGlobal()
{
    PickleValuePtr name, module;
    if (!pop(&name) || !pop(&module))
        return false;
    if (name->kind != Kind::Str || module->kind != Kind::Str)
        return fail(
            QStringLiteral("STACK_GLOBAL needs two str, found %1 and %2").arg(module->typeName(), name->typeName()));
    return pushGlobal(module->bytes, name->bytes);
}

bool Parser::opReduce()
{
    PickleValuePtr args, callable;
    if (!pop(&args) || !pop(&callable))
        return false;
    if (callable->kind != Kind::Global)
        return fail(QStringLiteral("cannot call %1").arg(callable->typeName()));
    if (args->kind != Kind::Tuple)
        return fail(QStringLiteral("arguments of %1 are not a tuple").arg(callable->typeName()));
    switch (callable->integer) {
    case Reconstruct:
        return reduceReconstruct(*args);
    case DTypeCtor:
        return reduceDType(*args);
    case FromBuffer:
        return reduceFromBuffer(*args);
    case Scalar:
        return reduceScalar(*args);
    case CodecsEncode:
        return reduceEncode(*args);
    case BytesCtor:
        if (!args->items.empty())
            return fail(QStringLiteral("bytes() with arguments is not supported"));
        return push(PickleValue::make(Kind::Bytes));
    default:
        return fail(QStringLiteral("%1 cannot be called").arg(callable->typeName()));
    }
}

// _reconstruct(numpy.ndarray, (0,), b'b') makes the empty array that BUILD then fills.
bool Parser::reduceReconstruct(const PickleValue &args)
{
    const auto &a = args.items;
    if (a.size() != 3 || a[0]->kind != Kind::Global || a[0]->integer != NdarrayType)
        return fail(QStringLiteral("_reconstruct supports only numpy.ndarray"));
    auto v = PickleValue::make(Kind::NdArray);
    v->array = std::make_shared<NdArray>();
    return push(std::move(v));
}

bool Parser::reduceDType(const PickleValue &args)
{
    if (args.items.empty() || !args.items[0]->isText())
        return fail(QStringLiteral("numpy.dtype needs a type string"));
    DType type;
    if (!DType::parse(args.items[0]->bytes, &type))
        return fail(QStringLiteral("unsupported numpy dtype '%1'").arg(args.items[0]->toQString().left(40)));
    if (type.kind == 'U')
        type.itemSize /= 4; // dtype('U40') in a pickle counts bytes; BUILD's elsize confirms it
    auto v = PickleValue::make(Kind::DType);
    v->array = std::make_shared<NdArray>();
    v->array->dtype = type;
    return push(std::move(v));
}

// numpy.core.multiarray.scalar(dtype, raw bytes): numpy integers and floats inside lists.
bool Parser::reduceScalar(const PickleValue &args)
{
    const auto &a = args.items;
    if (a.size() != 2 || a[0]->kind != Kind::DType || a[1]->kind != Kind::Bytes)
        return fail(QStringLiteral("numpy scalar needs (dtype, bytes)"));
    NdArray one;
    one.dtype = a[0]->array->dtype;
    one.shape = {1};
    one.data = a[1]->bytes;
    QString problem;
    if (!one.validate(&problem))
        return fail(QStringLiteral("numpy scalar: %1").arg(problem));
    if (one.dtype.kind == 'f' && (one.dtype.itemSize == 8 || one.dtype.itemSize == 4)) {
        auto v = PickleValue::make(Kind::Float);
        const auto *p = reinterpret_cast<const uchar *>(one.data.constData());
        const bool big = one.dtype.isBigEndian();
        v->real = one.dtype.itemSize == 8 ? (big ? qFromBigEndian<double>(p) : qFromLittleEndian<double>(p))
                                          : (big ? qFromBigEndian<float>(p) : qFromLittleEndian<float>(p));
        return push(std::move(v));
    }
    std::vector<qint64> values;
    if (!ndarray::toIntegers(one, &values, &problem))
        return fail(QStringLiteral("numpy scalar: %1").arg(problem));
    return one.dtype.kind == 'b' ? pushBool(values[0] != 0) : pushInt(values[0]);
}

// _codecs.encode(text, 'latin1') is how Python 3 pickles bytes for protocol 2 readers.
bool Parser::reduceEncode(const PickleValue &args)
{
    const auto &a = args.items;
    if (a.size() != 2 || a[0]->kind != Kind::Str || !a[1]->isText())
        return fail(QStringLiteral("_codecs.encode needs (str, encoding)"));
    const QByteArray encoding = a[1]->bytes.toLower();
    if (encoding != "latin1" && encoding != "latin-1" && encoding != "iso-8859-1" && encoding != "iso8859-1")
        return fail(QStringLiteral("_codecs.encode with encoding '%1' is not supported")
                        .arg(QString::fromUtf8(encoding.left(40))));
    auto v = PickleValue::make(Kind::Bytes);
    if (!utf8ToLatin1(a[0]->bytes, &v->bytes))
        return fail(QStringLiteral("_codecs.encode: text has characters outside Latin-1"));
    return push(std::move(v));
}

bool Parser::opBuild()
{
    PickleValuePtr state, target;
    if (!pop(&state) || !top(&target))
        return false;
    if (target->kind == Kind::DType)
        return buildDType(*target, *state);
    if (target->kind == Kind::NdArray)
        return buildArray(*target, *state);
    return fail(QStringLiteral("BUILD on %1 is not supported").arg(target->typeName()));
}

// dtype state: (version, byteorder, subarray, names, fields, elsize, alignment, flags[, metadata]).
bool Parser::buildDType(PickleValue &target, const PickleValue &state)
{
    const auto &s = state.items;
    if (state.kind != Kind::Tuple || s.size() < 8 || s[1]->kind != Kind::Str || s[1]->bytes.size() != 1)
        return fail(QStringLiteral("unsupported numpy dtype state"));
    if (s[2]->kind != Kind::None || s[3]->kind != Kind::None || s[4]->kind != Kind::None)
        return fail(QStringLiteral("structured or sub-array numpy dtypes are not supported"));
    DType &type = target.array->dtype;
    const char order = s[1]->bytes[0];
    if (!QByteArray("<>|=").contains(order))
        return fail(QStringLiteral("bad numpy byte order '%1'").arg(QLatin1Char(order)));
    type.byteOrder = order == '=' ? '<' : order;
    if (s[5]->kind == Kind::Int && s[5]->integer > 0) {
        if (s[5]->integer > (1 << 20))
            return fail(QStringLiteral("numpy item size %1 is too large").arg(s[5]->integer));
        type.itemSize = int(s[5]->integer);
    } else if (type.kind == 'U') {
        type.itemSize *= 4;
    }
    if (type.itemSize == 1)
        type.byteOrder = '|';
    return true;
}

// ndarray state: (version, shape, dtype, is_fortran, raw data); numpy before 1.0 omitted the version.
bool Parser::buildArray(PickleValue &target, const PickleValue &state)
{
    auto s = state.items;
    if (state.kind == Kind::Tuple && s.size() == 5)
        s.erase(s.begin());
    if (state.kind != Kind::Tuple || s.size() != 4 || s[0]->kind != Kind::Tuple || s[1]->kind != Kind::DType)
        return fail(QStringLiteral("unsupported numpy array state"));
    return setArray(*target.array, *s[0], s[1]->array->dtype, s[2]->kind != Kind::None && s[2]->integer != 0, *s[3]);
}

bool Parser::reduceFromBuffer(const PickleValue &args)
{
    const auto &a = args.items;
    if (a.size() != 4 || a[1]->kind != Kind::DType || a[2]->kind != Kind::Tuple || a[3]->kind != Kind::Str)
        return fail(QStringLiteral("_frombuffer needs (buffer, dtype, shape, order)"));
    auto v = PickleValue::make(Kind::NdArray);
    v->array = std::make_shared<NdArray>();
    return setArray(*v->array, *a[2], a[1]->array->dtype, a[3]->bytes == "F", *a[0]) && push(std::move(v));
}

// Fills an array from its shape tuple, type, order and raw data (bytes, or str holding Latin-1).
bool Parser::setArray(NdArray &a, const PickleValue &shape, const DType &type, bool fortran, const PickleValue &data)
{
    a.dtype = type;
    if (a.dtype.kind == 'O' || data.kind == Kind::List)
        return fail(QStringLiteral("numpy arrays of Python objects are not supported"));
    a.shape.clear();
    for (const auto &dim : shape.items) {
        if (dim->kind != Kind::Int || dim->integer < 0)
            return fail(QStringLiteral("bad numpy array shape"));
        a.shape.push_back(dim->integer);
    }
    a.fortranOrder = fortran;
    if (data.kind == Kind::Bytes)
        a.data = data.bytes;
    else if (data.kind != Kind::Str || !utf8ToLatin1(data.bytes, &a.data))
        return fail(QStringLiteral("numpy array data is %1, expected bytes").arg(data.typeName()));
    QString problem;
    if (!a.validate(&problem))
        return fail(problem);
    return true;
}

} // namespace

bool PickleReader::readFile(const QString &path)
{
    m_result.reset();
    QFile file;
    if (!InputFile::open(file, path, &m_error))
        return false;
    if (file.size() > m_limits.maxFileBytes) {
        m_error = fileError(
            path,
            QStringLiteral("file of %1 bytes exceeds the %2-byte limit").arg(file.size()).arg(m_limits.maxFileBytes));
        return false;
    }
    if (file.size() == 0)
        return parse(QByteArrayView(), path);
    // Parse straight from the page cache: the bulk data is then copied once, into its value.
    if (const uchar *mapped = file.map(0, file.size()))
        return parse(QByteArrayView(mapped, file.size()), path);
    const QByteArray data = file.readAll();
    if (data.size() != file.size()) {
        m_error = fileError(path, QStringLiteral("read error: %1").arg(file.errorString()));
        return false;
    }
    return parse(data, path);
}

bool PickleReader::parse(QByteArrayView data, const QString &name)
{
    m_result.reset();
    m_error.clear();
    Parser parser(data, name, m_py2Strings, m_limits);
    if (!parser.run()) {
        m_error = parser.error;
        return false;
    }
    m_result = std::move(parser.result);
    return true;
}

} // namespace tc::core
