#include "core/writers/PickleWriter.h"

#include <limits>

namespace tc::core {

namespace {
// Opcode bytes from CPython's Lib/pickle.py.
constexpr char PROTO = '\x80', EMPTY_DICT = '}', EMPTY_LIST = ']', MARK = '(', SETITEMS = 'u', APPENDS = 'e',
               TUPLE = 't', TUPLE1 = '\x85', TUPLE2 = '\x86', TUPLE3 = '\x87', NONE = 'N', NEWTRUE = '\x88',
               NEWFALSE = '\x89', BININT = 'J', BININT1 = 'K', BININT2 = 'M', LONG1 = '\x8a', SHORT_BINSTRING = 'U',
               BINSTRING = 'T', BINUNICODE = 'X', GLOBAL = 'c', REDUCE = 'R', BUILD = 'b', STOP = '.';
} // namespace

PickleWriter::PickleWriter(QIODevice *device) : m_sink(device, deviceName(device)) {}

void PickleWriter::begin()
{
    m_sink.put(PROTO);
    m_sink.put('\x02');
}

void PickleWriter::emptyDict()
{
    m_sink.put(EMPTY_DICT);
}
void PickleWriter::emptyList()
{
    m_sink.put(EMPTY_LIST);
}
void PickleWriter::mark()
{
    m_sink.put(MARK);
}
void PickleWriter::setItems()
{
    m_sink.put(SETITEMS);
}
void PickleWriter::appends()
{
    m_sink.put(APPENDS);
}
void PickleWriter::tuple()
{
    m_sink.put(TUPLE);
}
void PickleWriter::tuple1()
{
    m_sink.put(TUPLE1);
}
void PickleWriter::tuple2()
{
    m_sink.put(TUPLE2);
}
void PickleWriter::tuple3()
{
    m_sink.put(TUPLE3);
}
void PickleWriter::none()
{
    m_sink.put(NONE);
}
void PickleWriter::boolean(bool value)
{
    m_sink.put(value ? NEWTRUE : NEWFALSE);
}
void PickleWriter::reduce()
{
    m_sink.put(REDUCE);
}
void PickleWriter::build()
{
    m_sink.put(BUILD);
}

void PickleWriter::integer(qint64 value)
{
    if (value >= 0 && value <= 0xff) {
        m_sink.put(BININT1);
        m_sink.put(char(value));
    } else if (value >= 0 && value <= 0xffff) {
        m_sink.put(BININT2);
        m_sink.putLe16(quint16(value));
    } else if (value >= std::numeric_limits<qint32>::min() && value <= std::numeric_limits<qint32>::max()) {
        m_sink.put(BININT);
        m_sink.putLe32(quint32(qint32(value)));
    } else {
        // LONG1: little-endian two's complement, 8 bytes always suffice for qint64.
        m_sink.put(LONG1);
        m_sink.put('\x08');
        m_sink.putLe64(quint64(value));
    }
}

void PickleWriter::string(QByteArrayView raw)
{
    stringHeader(raw.size());
    m_sink.put(raw);
}

void PickleWriter::stringHeader(qsizetype size)
{
    if (size < 256) {
        m_sink.put(SHORT_BINSTRING);
        m_sink.put(char(size));
    } else {
        m_sink.put(BINSTRING);
        m_sink.putLe32(quint32(size));
    }
}

void PickleWriter::unicode(const QString &text)
{
    const QByteArray utf8 = text.toUtf8();
    m_sink.put(BINUNICODE);
    m_sink.putLe32(quint32(utf8.size()));
    m_sink.put(utf8);
}

void PickleWriter::global(const char *module, const char *name)
{
    m_sink.put(GLOBAL);
    m_sink.put(QByteArrayView(module));
    m_sink.put('\n');
    m_sink.put(QByteArrayView(name));
    m_sink.put('\n');
}

void PickleWriter::stringList(const QStringList &items)
{
    emptyList();
    if (items.isEmpty())
        return;
    mark();
    for (const auto &s : items)
        string(s.toUtf8()); // Python 2 str holds bytes; UTF-8 keeps non-ASCII names intact
    appends();
}

void PickleWriter::intList(std::span<const int> items)
{
    emptyList();
    if (items.empty())
        return;
    mark();
    for (int v : items)
        integer(v);
    appends();
}

void PickleWriter::ndarray(std::span<const qint64> shape, const char *descr, char byteOrder, QByteArrayView data)
{
    ndarray(shape, descr, byteOrder, data.size(), [&](DeviceSink &sink) { sink.put(data); });
}

void PickleWriter::ndarray(std::span<const qint64> shape, const char *descr, char byteOrder, qsizetype dataBytes,
                           const std::function<void(DeviceSink &)> &fill)
{
    // _reconstruct(ndarray, (0,), b'b') makes an empty array; BUILD then calls
    // ndarray.__setstate__((1, shape, dtype, is_fortran, rawdata)).
    global("numpy.core.multiarray", "_reconstruct");
    global("numpy", "ndarray");
    integer(0);
    tuple1();
    string(QByteArrayView("b"));
    tuple3();
    reduce();
    mark();
    integer(1);
    shapeTuple(shape);
    // dtype(descr, align=False, copy=True) then __setstate__((3, byteorder, None, None, None, -1, -1, 0)).
    global("numpy", "dtype");
    unicode(QString::fromLatin1(descr));
    boolean(false);
    boolean(true);
    tuple3();
    reduce();
    mark();
    integer(3);
    unicode(QString(QLatin1Char(byteOrder)));
    none();
    none();
    none();
    integer(-1);
    integer(-1);
    integer(0);
    tuple();
    build();
    boolean(false);
    stringHeader(dataBytes);
    fill(m_sink);
    tuple();
    build();
}

void PickleWriter::shapeTuple(std::span<const qint64> shape)
{
    // TUPLE1..3 where they fit, as pickle itself emits them.
    const bool small = !shape.empty() && shape.size() <= 3;
    if (!small)
        mark();
    for (qint64 d : shape)
        integer(d);
    if (!small)
        tuple();
    else if (shape.size() == 1)
        tuple1();
    else if (shape.size() == 2)
        tuple2();
    else
        tuple3();
}

bool PickleWriter::finish()
{
    m_sink.put(STOP);
    return m_sink.flush();
}

} // namespace tc::core
