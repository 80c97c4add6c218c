// libFuzzer target: the strict pickle parser (PickleReader::parse) on arbitrary bytes, in both
// Python 2 string modes, then the numpy conversions the CIFAR reader applies to any array found.
#include "FuzzSupport.h"
#include "core/readers/NdArray.h"
#include "core/readers/PickleReader.h"

#include <vector>

using namespace tc::core;

namespace {

// Visits every node (iteratively: hostile trees may be deep) and exercises the array helpers.
void walk(const PickleValuePtr &root)
{
    std::vector<PickleValuePtr> todo{root};
    for (int visited = 0; !todo.empty() && visited < 100000; ++visited) {
        PickleValuePtr v = todo.back();
        todo.pop_back();
        if (!v)
            continue;
        (void)v->typeName();
        if (v->isText())
            (void)v->toQString();
        for (const auto &item : v->items)
            todo.push_back(item);
        for (const auto &[k, value] : v->dict) {
            todo.push_back(k);
            todo.push_back(value);
        }
        if (v->kind == PickleValue::Kind::Dict)
            (void)v->get("data");
        if (v->kind == PickleValue::Kind::NdArray && v->array) {
            NdArrayConverter convert;
            if (!convert.validate(*v->array))
                continue;
            std::vector<qint64> ints;
            QStringList strings;
            std::vector<std::uint8_t> pixels;
            (void)convert.toIntegers(*v->array, &ints);
            (void)convert.toStrings(*v->array, &strings);
            (void)convert.cifarRowsToCanonical(*v->array, &pixels);
            (void)convert.nhwcToCanonical(*v->array, &pixels);
        }
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArrayView view(reinterpret_cast<const char *>(data), qsizetype(size));
    for (auto mode : {PickleReader::Py2Strings::Bytes, PickleReader::Py2Strings::Latin1}) {
        PickleReader reader(mode);
        if (reader.parse(view, QStringLiteral("<fuzz>")))
            walk(reader.result());
        else if (reader.errorString().isEmpty())
            abort(); // a failure must always say why
    }
    return 0;
}
