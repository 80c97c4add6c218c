// libFuzzer target: KeywordCatalog::loadFromData, THE catalog parser (inspect, new and the GUI all
// read catalogs through it), on arbitrary JSON-ish bytes, then every query. Contract: a failure
// carries a message naming the source; a success holds only what the rules allow (names trimmed,
// non-empty and free of control characters, no name twice in its scope, counts 0..2^31-1), and the
// project's view of it (CatalogJson's order) is the same content.
#include "FuzzSupport.h"
#include "core/readers/KeywordCatalog.h"

#include <QSet>

using namespace tc::core;

namespace {
bool usable(const QString &name)
{
    return name == name.trimmed() && KeywordCatalog::nameProblem(name).isEmpty();
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    KeywordCatalog catalog;
    if (!catalog.loadFromData(tc::fuzz::bytes(data, size), QStringLiteral("<fuzz>"))) {
        if (!catalog.errorString().startsWith(QLatin1String("<fuzz>: ")) || !catalog.isEmpty())
            abort();
        return 0;
    }
    QSet<QString> classes;
    for (const auto &cls : catalog.classes()) {
        if ((!catalog.isFlat() && !usable(cls.name)) || classes.contains(cls.name))
            abort();
        if (!cls.superclass.isEmpty() && !usable(cls.superclass))
            abort();
        classes.insert(cls.name);
        QSet<QString> keywords;
        for (const auto &kw : cls.keywords) {
            if (!usable(kw.keyword) || keywords.contains(kw.keyword) || kw.count < 0 ||
                kw.count > KeywordCatalog::kMaxCount)
                abort();
            keywords.insert(kw.keyword);
            if (catalog.count(cls.name, kw.keyword) != kw.count)
                abort();
            (void)catalog.classOf(kw.keyword);
        }
        if (catalog.classIndex(cls.name) < 0 || catalog.total(cls.name) != cls.total())
            abort();
    }
    (void)catalog.grandTotal();
    (void)catalog.keywordCount();
    return 0;
}
