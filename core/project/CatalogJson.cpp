#include "core/project/CatalogJson.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>

namespace tc::core {

Catalog CatalogJson::load(const QString &path, QString *error)
{
    QFile file(path);
    // A catalog is a few kB; refuse anything absurd before reading it into memory.
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("%1: cannot open (%2)").arg(path, file.errorString());
        return {};
    }
    if (file.size() > 64 * 1024 * 1024) {
        *error = QStringLiteral("%1: too large for a keyword catalog (%2 bytes)").arg(path).arg(file.size());
        return {};
    }
    return parse(file.readAll(), path, error);
}

Catalog CatalogJson::parse(const QByteArray &json, const QString &path, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        *error = QStringLiteral("%1: not a JSON object (%2 at offset %3)")
                     .arg(path, parseError.errorString())
                     .arg(parseError.offset);
        return {};
    }
    Catalog catalog;
    const QJsonObject root = doc.object();
    for (auto it = root.begin(); it != root.end(); ++it) {
        if (!it.value().isObject()) {
            *error = QStringLiteral("%1: class '%2' does not map keywords to counts (a flat v4 catalog has no "
                                    "classes; use v6 or v7)")
                         .arg(path, it.key());
            return {};
        }
        CatalogClass cls{it.key(), {}};
        QJsonObject keywords = it.value().toObject();
        if (keywords.value(QLatin1String("keywords")).isObject()) {
            // The extended form: {"superclass": "...", "keywords": {...}} (see the header).
            const QJsonObject extended = keywords;
            for (auto m = extended.begin(); m != extended.end(); ++m) {
                if (m.key() == QLatin1String("keywords"))
                    continue;
                if (m.key() != QLatin1String("superclass")) {
                    *error = QStringLiteral("%1: class '%2': unknown member '%3' (expected \"keywords\" and "
                                            "\"superclass\")")
                                 .arg(path, it.key(), m.key());
                    return {};
                }
                if (!m.value().isString() || m.value().toString().trimmed().isEmpty()) {
                    *error = QStringLiteral("%1: class '%2': superclass is not a non-empty string").arg(path, it.key());
                    return {};
                }
                cls.superclass = m.value().toString().trimmed();
            }
            keywords = extended.value(QLatin1String("keywords")).toObject();
        }
        for (auto k = keywords.begin(); k != keywords.end(); ++k) {
            if (!k.value().isDouble() || k.value().toDouble() < 0) {
                *error =
                    k.key() == QLatin1String("superclass")
                        ? QStringLiteral("%1: class '%2': a superclass needs the form {\"superclass\": \"...\", "
                                         "\"keywords\": {keyword: count, ...}}")
                              .arg(path, it.key())
                        : QStringLiteral("%1: %2/%3: count is not a non-negative number").arg(path, it.key(), k.key());
                return {};
            }
            cls.keywords.append({k.key(), qint64(k.value().toDouble())});
        }
        std::stable_sort(cls.keywords.begin(), cls.keywords.end(),
                         [](const CatalogKeyword &a, const CatalogKeyword &b) { return a.count > b.count; });
        catalog.append(cls);
    }
    if (catalog.isEmpty())
        *error = QStringLiteral("%1: the catalog has no classes").arg(path);
    return catalog;
}

} // namespace tc::core
