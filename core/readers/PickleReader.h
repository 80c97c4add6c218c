#pragma once

#include "core/readers/PickleValue.h"

#include <QByteArrayView>
#include <QString>

namespace tc::core {

// A strict pickle *data* parser, not a virtual machine: it decodes the opcodes that data files
// written by Python 2/3 with protocols 0-5 use for plain values and numpy arrays, and builds a
// PickleValue tree. It never imports or calls anything: the only globals it accepts are the numpy
// array reconstructors (numpy.core / numpy._core multiarray._reconstruct and scalar, numpy.ndarray,
// numpy.dtype) and _codecs.encode (Python 3's way of pickling bytes under protocol 2). Any other
// global, any unknown opcode, a length that exceeds the remaining bytes or a limit that is hit is
// an error naming the file, the opcode or global, and the byte offset.
class PickleReader final {
public:
    // How Python 2 `str` opcodes (STRING, BINSTRING, SHORT_BINSTRING) are returned, like the
    // `encoding` argument of pickle.load: 'bytes' keeps them as bytes, 'latin1' decodes them to str.
    enum class Py2Strings { Bytes, Latin1 };

    // Resource bounds, so a hostile file cannot make us allocate without limit.
    struct Limits {
        qint64 maxStack = 1 << 22;             // values + marks on the stack
        qint64 maxMemo = 1 << 22;              // memo entries
        qint64 maxFileBytes = qint64(4) << 30; // readFile() refuses larger files
    };

    explicit PickleReader(Py2Strings py2Strings = Py2Strings::Bytes) : m_py2Strings(py2Strings) {}
    void setLimits(const Limits &limits) { m_limits = limits; }

    // Parses a whole file; result() is the unpickled top-level value.
    bool readFile(const QString &path);
    // Parses bytes in memory; `name` is what error messages call the source.
    bool parse(QByteArrayView data, const QString &name);

    PickleValuePtr result() const { return m_result; }
    QString errorString() const { return m_error; }

private:
    Py2Strings m_py2Strings;
    Limits m_limits;
    PickleValuePtr m_result;
    QString m_error;
};

} // namespace tc::core
