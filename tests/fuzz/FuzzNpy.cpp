// libFuzzer target: the .npy parser from memory (parseArray, as for .npz members), then the array
// conversions, then read() over a file as an image set (data.npy + labels.npy, CIFAR-10.1 style;
// the first byte decides whether the labels file is the same bytes or absent).
#include "FuzzSupport.h"
#include "core/readers/NpyReader.h"

#include <QFile>

using namespace tc::core;

namespace {

void convert(const NdArray &array)
{
    NdArrayConverter convert;
    if (!convert.validate(array))
        abort(); // parseArray promised a consistent array
    std::vector<qint64> ints;
    QStringList strings;
    std::vector<std::uint8_t> pixels;
    (void)convert.toIntegers(array, &ints);
    (void)convert.toStrings(array, &strings);
    (void)convert.nhwcToCanonical(array, &pixels);
    (void)convert.cifarRowsToCanonical(array, &pixels);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    NpyReader reader;
    NdArray array;
    if (reader.parseArray(tc::fuzz::bytes(data, size), QStringLiteral("<fuzz>"), array))
        convert(array);
    else if (reader.errorString().isEmpty())
        abort();

    const QString path = tc::fuzz::writeTemp(QStringLiteral("fuzz_data.npy"), data, size);
    const QString labels = tc::fuzz::tempDir() + QStringLiteral("/fuzz_labels.npy");
    QFile::remove(labels);
    if (size > 0 && data[0] % 2)
        QFile::copy(path, labels);
    ImageSet set;
    if (reader.read(path, set) && set.pixels.size() % kImageBytes != 0)
        abort();
    return 0;
}
