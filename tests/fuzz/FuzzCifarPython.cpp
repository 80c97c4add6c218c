// libFuzzer target: CifarPythonReader on one file. The first input byte picks the file name
// (a data batch, a meta file, CIFAR-100 train), because the reader's expectations depend on it;
// each name lives in its own folder so no sibling meta from another run leaks in.
#include "FuzzSupport.h"
#include "core/readers/CifarPythonReader.h"

#include <QDir>

using namespace tc::core;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size < 1)
        return 0;
    static const char *const names[] = {"batch/data_batch_1", "meta/batches.meta", "c100/train", "test/test_batch"};
    const char *name = names[data[0] % 4];
    QDir().mkpath(tc::fuzz::tempDir() + QLatin1Char('/') + QString::fromLatin1(name).section(QLatin1Char('/'), 0, 0));
    const QString path = tc::fuzz::writeTemp(QString::fromLatin1(name), data + 1, size - 1);
    CifarPythonReader reader;
    ImageSet set;
    if (reader.read(path, set)) {
        if (set.pixels.size() % kImageBytes != 0)
            abort(); // a successful read always yields whole images
    } else if (reader.errorString().isEmpty()) {
        abort();
    }
    return 0;
}
