#pragma once

// PickleReader's opcode interpreter (internal to core/readers; other code uses PickleReader). Its
// members live in three files: PickleParser.cpp (input, stack, binary opcodes, containers, memo),
// PickleParserText.cpp (protocol 0's text opcodes) and PickleParserGlobals.cpp (the allow-listed
// globals, REDUCE and BUILD: numpy arrays, dtypes and scalars, bytes).
#include "core/readers/PickleReader.h"
#include "core/readers/PickleValue.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <unordered_map>
#include <vector>

namespace tc::core {

// One parse of one input; see PickleReader for what is accepted.
class PickleParser final {
public:
    PickleParser(QByteArrayView data, const QString &name, PickleReader::Py2Strings py2,
                 const PickleReader::Limits &limits)
        : m_data(reinterpret_cast<const uchar *>(data.data())), m_size(data.size()), m_name(name), m_py2(py2),
          m_limits(limits)
    {}

    // Parses the whole input; then result() is the top-level value, or errorString() says why not.
    bool run();
    PickleValuePtr result() const { return m_result; }
    QString errorString() const { return m_error; }

private:
    using Kind = PickleValue::Kind;
    // Allow-listed globals, kept in PickleValue::integer of a Global value. Anything else in a
    // GLOBAL/STACK_GLOBAL is rejected on sight.
    enum GlobalId : qint64 { Reconstruct = 1, NdarrayType, DTypeCtor, Scalar, CodecsEncode, BytesCtor, FromBuffer };
    static qint64 globalId(const QByteArray &module, const QByteArray &name);

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
    PickleValuePtr m_result;
    QString m_error;
};

} // namespace tc::core
