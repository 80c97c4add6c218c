#include "core/project/CatalogJson.h"

#include "core/readers/KeywordCatalog.h"

#include <algorithm>

namespace tc::core {

Catalog CatalogJson::load(const QString &path)
{
    KeywordCatalog catalog;
    if (!catalog.load(path)) {
        m_error = catalog.errorString();
        return {};
    }
    return fromKeywordCatalog(catalog);
}

Catalog CatalogJson::parse(const QByteArray &json, const QString &path)
{
    KeywordCatalog catalog;
    if (!catalog.loadFromData(json, path)) {
        m_error = catalog.errorString();
        return {};
    }
    return fromKeywordCatalog(catalog);
}

Catalog CatalogJson::fromKeywordCatalog(const KeywordCatalog &catalog)
{
    m_error.clear();
    if (catalog.isFlat()) {
        m_error = QStringLiteral("%1: a flat keyword -> count catalog (like keyword_counts_v4.json) has no classes; "
                                 "a project needs class -> keyword -> count (v6 or v7)")
                      .arg(catalog.sourceName());
        return {};
    }
    Catalog out;
    for (const auto &c : catalog.classes()) {
        CatalogClass cls{c.name, {}, c.superclass};
        for (const auto &k : c.keywords)
            cls.keywords.append({k.keyword, k.count});
        std::sort(cls.keywords.begin(), cls.keywords.end(), [](const CatalogKeyword &a, const CatalogKeyword &b) {
            return a.count != b.count ? a.count > b.count : a.keyword < b.keyword;
        });
        out.append(cls);
    }
    std::sort(out.begin(), out.end(), [](const CatalogClass &a, const CatalogClass &b) { return a.name < b.name; });
    if (out.isEmpty())
        m_error = QStringLiteral("%1: the catalog has no classes").arg(catalog.sourceName());
    return out;
}

} // namespace tc::core
