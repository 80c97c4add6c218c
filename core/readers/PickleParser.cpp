#include "core/readers/PickleParser.h"

#include "core/readers/PickleOpcodes.h"
#include "core/readers/PickleText.h"
#include "core/readers/ReadError.h"

#include <QtEndian>
#include <cstring>
#include <unordered_set>

namespace tc::core {

bool PickleParser::fail(const QString &problem)
{
    const char *name = pickle::opcodeName(m_op);
    const QString op = name ? QString::fromLatin1(name) : QStringLiteral("0x%1").arg(m_op, 2, 16, QLatin1Char('0'));
    m_error = fileError(m_name, QStringLiteral("%1 (opcode %2 at byte %3)").arg(problem, op).arg(m_opStart));
    return false;
}

bool PickleParser::need(qint64 n)
{
    if (n >= 0 && n <= m_size - m_pos)
        return true;
    return fail(QStringLiteral("truncated: needs %1 bytes, %2 remain").arg(n).arg(m_size - m_pos));
}

bool PickleParser::readLine(QByteArray *line)
{
    const void *nl = std::memchr(m_data + m_pos, '\n', size_t(m_size - m_pos));
    if (!nl)
        return fail(QStringLiteral("truncated: line without end"));
    const qint64 end = static_cast<const uchar *>(nl) - m_data;
    *line = QByteArray(reinterpret_cast<const char *>(m_data + m_pos), end - m_pos);
    m_pos = end + 1;
    return true;
}

quint64 PickleParser::readLe(int bytes)
{
    quint64 v = 0;
    for (int i = bytes - 1; i >= 0; --i)
        v = (v << 8) | m_data[m_pos + i];
    m_pos += bytes;
    return v;
}

// A length field, checked against the bytes that follow, so a lying length never allocates.
bool PickleParser::readLength(int bytes, qint64 *length)
{
    if (!need(bytes))
        return false;
    const quint64 v = readLe(bytes);
    if (v > quint64(m_size - m_pos))
        return fail(QStringLiteral("length %1 exceeds the %2 bytes that remain").arg(v).arg(m_size - m_pos));
    *length = qint64(v);
    return true;
}

bool PickleParser::push(PickleValuePtr v)
{
    if (qint64(m_stack.size() + m_marks.size()) >= m_limits.maxStack)
        return fail(QStringLiteral("stack exceeds %1 entries").arg(m_limits.maxStack));
    m_stack.push_back(std::move(v));
    return true;
}

bool PickleParser::pop(PickleValuePtr *v)
{
    const size_t floor = m_marks.empty() ? 0 : m_marks.back();
    if (m_stack.size() <= floor)
        return fail(QStringLiteral("stack underflow"));
    *v = std::move(m_stack.back());
    m_stack.pop_back();
    return true;
}

bool PickleParser::top(PickleValuePtr *v)
{
    const size_t floor = m_marks.empty() ? 0 : m_marks.back();
    if (m_stack.size() <= floor)
        return fail(QStringLiteral("stack underflow"));
    *v = m_stack.back();
    return true;
}

bool PickleParser::popMark(std::vector<PickleValuePtr> *items)
{
    if (m_marks.empty())
        return fail(QStringLiteral("no MARK on the stack"));
    const size_t mark = m_marks.back();
    m_marks.pop_back();
    items->assign(std::make_move_iterator(m_stack.begin() + qsizetype(mark)), std::make_move_iterator(m_stack.end()));
    m_stack.resize(mark);
    return true;
}

bool PickleParser::pushInt(qint64 v)
{
    auto value = PickleValue::make(Kind::Int);
    value->integer = v;
    return push(std::move(value));
}

bool PickleParser::pushBool(bool v)
{
    auto value = PickleValue::make(Kind::Bool);
    value->integer = v ? 1 : 0;
    return push(std::move(value));
}

bool PickleParser::pushBytes(qint64 length, Kind kind)
{
    auto value = PickleValue::make(kind);
    value->bytes = QByteArray(reinterpret_cast<const char *>(m_data + m_pos), length);
    m_pos += length;
    return push(std::move(value));
}

bool PickleParser::pushPy2String(QByteArray raw)
{
    auto value = PickleValue::make(m_py2 == PickleReader::Py2Strings::Bytes ? Kind::Bytes : Kind::Str);
    value->bytes = value->kind == Kind::Bytes ? std::move(raw) : pickle::latin1ToUtf8(raw);
    return push(std::move(value));
}

bool PickleParser::pushUtf8(qint64 length)
{
    if (!pickle::isValidUtf8(m_data + m_pos, length))
        return fail(QStringLiteral("text is not valid UTF-8"));
    return pushBytes(length, Kind::Str);
}

// LONG1/LONG4: little-endian two's complement of any length; we keep what fits 64 bits.
bool PickleParser::pushLong(qint64 length)
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

bool PickleParser::pushSequence(Kind kind, std::vector<PickleValuePtr> items)
{
    auto value = PickleValue::make(kind);
    value->items = std::move(items);
    return push(std::move(value));
}

bool PickleParser::run()
{
    if (m_size == 0) {
        m_error = fileError(m_name, QStringLiteral("empty file, not a pickle"));
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

bool PickleParser::step(bool *stop)
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
        if (!pop(&m_result))
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
        if (pickle::opcodeName(m_op))
            return fail(QStringLiteral("opcode not supported by this data reader"));
        return fail(QStringLiteral("unknown opcode"));
    }
}

bool PickleParser::opFrame()
{
    qint64 length = 0;
    // Frames only group opcodes for buffered I/O; we hold the whole file, so a frame is a checked no-op.
    return readLength(8, &length);
}

bool PickleParser::opPop()
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

bool PickleParser::opTuple(int n)
{
    const size_t floor = m_marks.empty() ? 0 : m_marks.back();
    if (m_stack.size() < floor + size_t(n))
        return fail(QStringLiteral("stack underflow"));
    std::vector<PickleValuePtr> items(std::make_move_iterator(m_stack.end() - n),
                                      std::make_move_iterator(m_stack.end()));
    m_stack.resize(m_stack.size() - size_t(n));
    return pushSequence(Kind::Tuple, std::move(items));
}

bool PickleParser::opMarkedSequence(Kind kind)
{
    std::vector<PickleValuePtr> items;
    return popMark(&items) && pushSequence(kind, std::move(items));
}

bool PickleParser::opDict()
{
    std::vector<PickleValuePtr> items;
    if (!popMark(&items))
        return false;
    auto dict = PickleValue::make(Kind::Dict);
    return setItems(dict, std::move(items)) && push(std::move(dict));
}

bool PickleParser::opAppend(bool marked)
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

bool PickleParser::opSetItem(bool marked)
{
    std::vector<PickleValuePtr> items(2);
    if (marked ? !popMark(&items) : !(pop(&items[1]) && pop(&items[0])))
        return false;
    PickleValuePtr dict;
    return top(&dict) && setItems(dict, std::move(items));
}

// Rejects inserting `child` into `container` when the container is reachable from the child:
// a data file has no reason to be self-referential, and a cycle would leak the shared nodes.
bool PickleParser::checkNoCycle(const PickleValue *container, const PickleValuePtr &child, long containerRefs)
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

bool PickleParser::appendTo(const PickleValuePtr &list, std::vector<PickleValuePtr> items)
{
    if (list->kind != Kind::List)
        return fail(QStringLiteral("cannot append to %1").arg(list->typeName()));
    for (const auto &item : items)
        if (!checkNoCycle(list.get(), item, list.use_count() - 1))
            return false;
    list->items.insert(list->items.end(), std::make_move_iterator(items.begin()), std::make_move_iterator(items.end()));
    return true;
}

bool PickleParser::setItems(const PickleValuePtr &dict, std::vector<PickleValuePtr> items)
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

bool PickleParser::opPut(qint64 index)
{
    PickleValuePtr v;
    if (!top(&v))
        return false;
    if (!m_memo.count(quint64(index)) && qint64(m_memo.size()) >= m_limits.maxMemo)
        return fail(QStringLiteral("memo exceeds %1 entries").arg(m_limits.maxMemo));
    m_memo[quint64(index)] = std::move(v);
    return true;
}

bool PickleParser::opMemoize()
{
    return opPut(qint64(m_memo.size()));
}

bool PickleParser::opGet(qint64 index)
{
    const auto it = m_memo.find(quint64(index));
    if (it == m_memo.end())
        return fail(QStringLiteral("memo entry %1 was never stored").arg(index));
    return push(it->second);
}

} // namespace tc::core
