// libFuzzer target: KeywordCatalog::loadFromData on arbitrary JSON-ish bytes, then every query.
#include "FuzzSupport.h"
#include "core/readers/KeywordCatalog.h"

using namespace tc::core;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    KeywordCatalog catalog;
    if (!catalog.loadFromData(tc::fuzz::bytes(data, size), QStringLiteral("<fuzz>"))) {
        if (catalog.errorString().isEmpty())
            abort();
        return 0;
    }
    (void)catalog.grandTotal();
    (void)catalog.keywordCount();
    for (const QString &name : catalog.classNames()) {
        (void)catalog.classIndex(name);
        (void)catalog.total(name);
        for (const auto &kw : catalog.keywords(name)) {
            (void)catalog.count(name, kw.keyword);
            (void)catalog.classOf(kw.keyword);
        }
    }
    return 0;
}
