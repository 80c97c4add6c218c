// libFuzzer target: CifarBinaryReader on one file, and the label-names parser. The first byte picks
// the variant (Auto, CIFAR-10, CIFAR-100) and the file name.
#include "FuzzSupport.h"
#include "core/readers/CifarBinaryReader.h"

using namespace tc::core;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size < 1)
        return 0;
    const int pick = data[0] % 3;
    static const char *const names[] = {"data_batch_1.bin", "test_batch.bin", "train.bin"};
    const QString path = tc::fuzz::writeTemp(QString::fromLatin1(names[pick]), data + 1, size - 1);
    CifarBinaryReader reader;
    reader.setVariant(static_cast<CifarBinaryReader::Variant>(pick));
    ImageSet set;
    if (reader.read(path, set)) {
        if (set.pixels.size() % kImageBytes != 0 || set.labels.size() != std::size_t(set.count()))
            abort(); // whole images, one label each
    } else if (reader.errorString().isEmpty()) {
        abort();
    }
    QStringList labelNames;
    CifarBinaryReader labelReader;
    if (!labelReader.readLabelNames(path, labelNames) && labelReader.errorString().isEmpty())
        abort(); // a failure always carries a message
    return 0;
}
