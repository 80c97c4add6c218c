#pragma once

#include "core/readers/NdArray.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <memory>
#include <utility>
#include <vector>

namespace tc::core {

struct PickleValue;
using PickleValuePtr = std::shared_ptr<PickleValue>;

// One node of the value tree PickleReader builds. Nodes are shared (the pickle memo refers to the
// same object from several places, exactly like Python's objects), never cyclic.
struct PickleValue final {
    enum class Kind {
        None,
        Bool,
        Int,
        Float,
        Bytes, // bytes, bytearray, or a Python 2 str when read as bytes
        Str,   // text, held as UTF-8 in `bytes`
        List,
        Tuple,
        Dict,
        NdArray, // numpy.ndarray
        DType,   // numpy.dtype (appears while an ndarray is rebuilt)
        Global,  // an allow-listed callable/class; `integer` holds PickleReader's internal id
    };

    Kind kind = Kind::None;
    qint64 integer = 0;                                          // Bool, Int, Global id
    double real = 0;                                             // Float
    QByteArray bytes;                                            // Bytes, Str (UTF-8), Global "module name"
    std::vector<PickleValuePtr> items;                           // List, Tuple
    std::vector<std::pair<PickleValuePtr, PickleValuePtr>> dict; // Dict, insertion order
    std::shared_ptr<tc::core::NdArray> array;                    // NdArray; DType keeps its type in array->dtype

    PickleValue() = default;
    explicit PickleValue(Kind k) : kind(k) {}
    ~PickleValue(); // iterative, so a deeply nested hostile tree cannot overflow the stack
    PickleValue(const PickleValue &) = delete;
    PickleValue &operator=(const PickleValue &) = delete;

    static PickleValuePtr make(Kind k) { return std::make_shared<PickleValue>(k); }
    bool isContainer() const { return kind == Kind::List || kind == Kind::Tuple || kind == Kind::Dict; }
    bool isText() const { return kind == Kind::Str || kind == Kind::Bytes; }
    // Text of a Str (UTF-8) or Bytes (Latin-1, as Python 2 str keys and names were).
    QString toQString() const;
    // Dict lookup by a str or bytes key; the last assignment wins as in Python. Null when absent.
    PickleValuePtr get(QByteArrayView key) const;
    // "int", "bytes", "numpy.ndarray", ... for error messages.
    QString typeName() const;
};

} // namespace tc::core
