#pragma once

#include "core/writers/DeviceSink.h"

#include <QByteArrayView>
#include <QIODevice>
#include <QString>
#include <QStringList>
#include <functional>
#include <span>
#include <vector>

namespace tc::core {

// A pickle protocol 2 emitter that produces the files the original CIFAR download contains:
// Python 2 string opcodes (SHORT_BINSTRING / BINSTRING) for keys and text, so that
// pickle.load(f, encoding='bytes') yields b'data' and encoding='latin1' yields 'data', and numpy
// arrays via numpy.core.multiarray._reconstruct + BUILD exactly as numpy 1.x pickled them under
// Python 2. The caller drives the structure (dict/list/tuple via MARK); finish() adds STOP.
class PickleWriter final {
public:
    explicit PickleWriter(QIODevice *device);

    void begin(); // PROTO 2
    void emptyDict();
    void emptyList();
    void mark();
    void setItems(); // dict entries since the last MARK
    void appends();  // list items since the last MARK
    void tuple();    // tuple of the items since the last MARK
    void tuple1();
    void tuple2();
    void tuple3();
    void none();
    void boolean(bool value);
    void integer(qint64 value);        // BININT1 / BININT2 / BININT / LONG1, smallest that fits
    void string(QByteArrayView raw);   // Python 2 str: SHORT_BINSTRING / BINSTRING
    void unicode(const QString &text); // BINUNICODE (numpy's dtype fields use it)
    void global(const char *module, const char *name);
    void reduce();
    void build();

    // Helpers for the shapes CIFAR files use.
    void stringList(const QStringList &items);
    void intList(std::span<const int> items);
    // A C-contiguous numpy array of dtype descr ('u1', 'i8', ...) with byte order char
    // ('|' for single bytes, '<' little endian); data must be shape-product * itemsize bytes.
    void ndarray(std::span<const qint64> shape, const char *descr, char byteOrder, QByteArrayView data);
    // The same array with its dataBytes bytes of data produced in pieces by fill, which must put
    // exactly that many bytes into the sink: large arrays are converted chunk by chunk into a small
    // reused buffer instead of one full-size copy (a fresh 30 MB buffer costs more in page faults
    // than the conversion itself).
    void ndarray(std::span<const qint64> shape, const char *descr, char byteOrder, qsizetype dataBytes,
                 const std::function<void(DeviceSink &)> &fill);

    bool finish(); // STOP and flush
    QString errorString() const { return m_sink.errorString(); }

private:
    void stringHeader(qsizetype size); // the opcode and length of a string of size bytes
    void shapeTuple(std::span<const qint64> shape);

    DeviceSink m_sink;
};

} // namespace tc::core
