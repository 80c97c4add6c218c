// PickleParser: the allow-listed globals and what REDUCE and BUILD make of them (numpy arrays,
// dtypes and scalars, bytes). Nothing is ever imported or called.
#include "core/readers/PickleParser.h"
#include "core/readers/PickleText.h"

#include <QtEndian>

namespace tc::core {

qint64 PickleParser::globalId(const QByteArray &module, const QByteArray &name)
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

bool PickleParser::pushGlobal(const QByteArray &module, const QByteArray &name)
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

bool PickleParser::opGlobal()
{
    QByteArray module, name;
    if (!readLine(&module) || !readLine(&name))
        return false;
    return pushGlobal(module, name);
}

bool PickleParser::opStackGlobal()
{
    PickleValuePtr name, module;
    if (!pop(&name) || !pop(&module))
        return false;
    if (name->kind != Kind::Str || module->kind != Kind::Str)
        return fail(
            QStringLiteral("STACK_GLOBAL needs two str, found %1 and %2").arg(module->typeName(), name->typeName()));
    return pushGlobal(module->bytes, name->bytes);
}

bool PickleParser::opReduce()
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
bool PickleParser::reduceReconstruct(const PickleValue &args)
{
    const auto &a = args.items;
    if (a.size() != 3 || a[0]->kind != Kind::Global || a[0]->integer != NdarrayType)
        return fail(QStringLiteral("_reconstruct supports only numpy.ndarray"));
    auto v = PickleValue::make(Kind::NdArray);
    v->array = std::make_shared<NdArray>();
    return push(std::move(v));
}

bool PickleParser::reduceDType(const PickleValue &args)
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
bool PickleParser::reduceScalar(const PickleValue &args)
{
    const auto &a = args.items;
    if (a.size() != 2 || a[0]->kind != Kind::DType || a[1]->kind != Kind::Bytes)
        return fail(QStringLiteral("numpy scalar needs (dtype, bytes)"));
    NdArray one;
    one.dtype = a[0]->array->dtype;
    one.shape = {1};
    one.data = a[1]->bytes;
    NdArrayConverter convert;
    if (!convert.validate(one))
        return fail(QStringLiteral("numpy scalar: %1").arg(convert.errorString()));
    if (one.dtype.kind == 'f' && (one.dtype.itemSize == 8 || one.dtype.itemSize == 4)) {
        auto v = PickleValue::make(Kind::Float);
        const auto *p = reinterpret_cast<const uchar *>(one.data.constData());
        const bool big = one.dtype.isBigEndian();
        v->real = one.dtype.itemSize == 8 ? (big ? qFromBigEndian<double>(p) : qFromLittleEndian<double>(p))
                                          : (big ? qFromBigEndian<float>(p) : qFromLittleEndian<float>(p));
        return push(std::move(v));
    }
    std::vector<qint64> values;
    if (!convert.toIntegers(one, &values))
        return fail(QStringLiteral("numpy scalar: %1").arg(convert.errorString()));
    return one.dtype.kind == 'b' ? pushBool(values[0] != 0) : pushInt(values[0]);
}

// _codecs.encode(text, 'latin1') is how Python 3 pickles bytes for protocol 2 readers.
bool PickleParser::reduceEncode(const PickleValue &args)
{
    const auto &a = args.items;
    if (a.size() != 2 || a[0]->kind != Kind::Str || !a[1]->isText())
        return fail(QStringLiteral("_codecs.encode needs (str, encoding)"));
    const QByteArray encoding = a[1]->bytes.toLower();
    if (encoding != "latin1" && encoding != "latin-1" && encoding != "iso-8859-1" && encoding != "iso8859-1")
        return fail(QStringLiteral("_codecs.encode with encoding '%1' is not supported")
                        .arg(QString::fromUtf8(encoding.left(40))));
    auto v = PickleValue::make(Kind::Bytes);
    if (!pickle::utf8ToLatin1(a[0]->bytes, &v->bytes))
        return fail(QStringLiteral("_codecs.encode: text has characters outside Latin-1"));
    return push(std::move(v));
}

bool PickleParser::opBuild()
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
bool PickleParser::buildDType(PickleValue &target, const PickleValue &state)
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
bool PickleParser::buildArray(PickleValue &target, const PickleValue &state)
{
    auto s = state.items;
    if (state.kind == Kind::Tuple && s.size() == 5)
        s.erase(s.begin());
    if (state.kind != Kind::Tuple || s.size() != 4 || s[0]->kind != Kind::Tuple || s[1]->kind != Kind::DType)
        return fail(QStringLiteral("unsupported numpy array state"));
    return setArray(*target.array, *s[0], s[1]->array->dtype, s[2]->kind != Kind::None && s[2]->integer != 0, *s[3]);
}

bool PickleParser::reduceFromBuffer(const PickleValue &args)
{
    const auto &a = args.items;
    if (a.size() != 4 || a[1]->kind != Kind::DType || a[2]->kind != Kind::Tuple || a[3]->kind != Kind::Str)
        return fail(QStringLiteral("_frombuffer needs (buffer, dtype, shape, order)"));
    auto v = PickleValue::make(Kind::NdArray);
    v->array = std::make_shared<NdArray>();
    return setArray(*v->array, *a[2], a[1]->array->dtype, a[3]->bytes == "F", *a[0]) && push(std::move(v));
}

// Fills an array from its shape tuple, type, order and raw data (bytes, or str holding Latin-1).
bool PickleParser::setArray(NdArray &a, const PickleValue &shape, const DType &type, bool fortran,
                            const PickleValue &data)
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
    else if (data.kind != Kind::Str || !pickle::utf8ToLatin1(data.bytes, &a.data))
        return fail(QStringLiteral("numpy array data is %1, expected bytes").arg(data.typeName()));
    NdArrayConverter convert;
    if (!convert.validate(a))
        return fail(convert.errorString());
    return true;
}

} // namespace tc::core
