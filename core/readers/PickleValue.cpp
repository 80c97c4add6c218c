#include "core/readers/PickleValue.h"

namespace tc::core {

PickleValue::~PickleValue()
{
    // Detach children into a work list and release them one by one: a chain of a million nested
    // lists would otherwise recurse a million destructors deep.
    std::vector<PickleValuePtr> pending = std::move(items);
    for (auto &entry : dict) {
        pending.push_back(std::move(entry.first));
        pending.push_back(std::move(entry.second));
    }
    dict.clear();
    while (!pending.empty()) {
        PickleValuePtr node = std::move(pending.back());
        pending.pop_back();
        if (!node || node.use_count() > 1)
            continue;
        for (auto &child : node->items)
            pending.push_back(std::move(child));
        node->items.clear();
        for (auto &entry : node->dict) {
            pending.push_back(std::move(entry.first));
            pending.push_back(std::move(entry.second));
        }
        node->dict.clear();
    }
}

QString PickleValue::toQString() const
{
    return kind == Kind::Str ? QString::fromUtf8(bytes) : QString::fromLatin1(bytes);
}

PickleValuePtr PickleValue::get(QByteArrayView key) const
{
    for (auto it = dict.rbegin(); it != dict.rend(); ++it)
        if (it->first->isText() && QByteArrayView(it->first->bytes) == key)
            return it->second;
    return nullptr;
}

QString PickleValue::typeName() const
{
    switch (kind) {
    case Kind::None:
        return QStringLiteral("None");
    case Kind::Bool:
        return QStringLiteral("bool");
    case Kind::Int:
        return QStringLiteral("int");
    case Kind::Float:
        return QStringLiteral("float");
    case Kind::Bytes:
        return QStringLiteral("bytes");
    case Kind::Str:
        return QStringLiteral("str");
    case Kind::List:
        return QStringLiteral("list");
    case Kind::Tuple:
        return QStringLiteral("tuple");
    case Kind::Dict:
        return QStringLiteral("dict");
    case Kind::NdArray:
        return QStringLiteral("numpy.ndarray");
    case Kind::DType:
        return QStringLiteral("numpy.dtype");
    case Kind::Global:
        return QStringLiteral("global %1").arg(QString::fromUtf8(bytes));
    }
    return QStringLiteral("?");
}

} // namespace tc::core
