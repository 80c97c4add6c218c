// libFuzzer target: Tiny Images metadata records. The input becomes tiny_metadata.bin (cut to at
// most 64 whole records, so most inputs pass the size check and reach the record parser; inputs
// that are not whole records are also tried as they are); tiny_images.bin is a sparse file of the
// matching size. Then every record is parsed and looked up by keyword, sorted or not.
#include "FuzzSupport.h"
#include "core/readers/TinyImages.h"

#include <QDir>
#include <QFile>

using namespace tc::core;

namespace {

void exercise(const QString &dir)
{
    QDir(dir + QStringLiteral("/cache")).removeRecursively(); // a cache from the last input would be stale
    TinyImages tiny;
    tiny.setIndexCacheDir(dir + QStringLiteral("/cache"));
    if (!tiny.open(dir + QStringLiteral("/tiny_images.bin"), dir + QStringLiteral("/tiny_metadata.bin"))) {
        if (tiny.errorString().isEmpty())
            abort();
        return;
    }
    std::uint8_t pixels[TinyImages::kImageRecordBytes];
    for (qint64 i = 0; i < tiny.count(); ++i) {
        if (!tiny.metadata(i) && tiny.errorString().isEmpty())
            abort(); // a failure always carries a message
        const QString keyword = tiny.keyword(i);
        // The sortedness check is sampled, so a lookup on a file that is not quite sorted must
        // still return in-range results rather than crash.
        for (const KeywordRange &range : tiny.keywordRanges(keyword))
            if (range.begin < 0 || range.end > tiny.count())
                abort();
        (void)tiny.keywordRange(keyword);
        (void)tiny.readImage(i, pixels);
    }
    (void)tiny.keywordRange(QStringLiteral("absent keyword"));
    (void)tiny.distinctKeywordCount();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    tc::fuzz::ensureApp();
    const QString dir = tc::fuzz::tempDir();
    const std::size_t whole = std::min<std::size_t>(size / 768, 64) * 768;
    for (std::size_t metaSize : {whole, size}) {
        tc::fuzz::writeTemp(QStringLiteral("tiny_metadata.bin"), data, metaSize);
        QFile images(dir + QStringLiteral("/tiny_images.bin"));
        if (!images.open(QIODevice::WriteOnly | QIODevice::Truncate) || !images.resize(qint64(metaSize / 768) * 3072))
            abort();
        images.close();
        exercise(dir);
        if (whole == size)
            break;
    }
    return 0;
}
