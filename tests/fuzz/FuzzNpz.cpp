// libFuzzer target: .npz archives. The zip layer (ZipArchive::openData, every member read,
// deflate included) from memory, then NpzReader over a file: every array, and read() as an
// image set the way CIFAR-10.2 ships it.
#include "FuzzSupport.h"
#include "core/readers/NpzReader.h"
#include "core/readers/ZipArchive.h"

using namespace tc::core;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArray bytes = tc::fuzz::bytes(data, size);
    ZipArchive zip;
    if (zip.openData(bytes, QStringLiteral("<fuzz>"))) {
        for (const QString &member : zip.names()) {
            QByteArray out;
            (void)zip.read(member, &out);
        }
    }
    const QString path = tc::fuzz::writeTemp(QStringLiteral("fuzz.npz"), data, size);
    NpzReader npz;
    if (npz.open(path)) {
        for (const QString &name : npz.arrayNames()) {
            NdArray array;
            NdArrayConverter convert;
            if (npz.array(name, array) && !convert.validate(array))
                abort(); // a returned array is always consistent
        }
    }
    NpzReader reader;
    ImageSet set;
    const bool ok = reader.read(path, set);
    if ((ok && set.pixels.size() % kImageBytes != 0) || (!ok && reader.errorString().isEmpty()))
        abort(); // whole images on success, a message on failure
    return 0;
}
