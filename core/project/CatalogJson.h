#pragma once

#include "core/project/ProjectTypes.h"

#include <QString>

namespace tc::core {

// Reads a CIFAR-10.1-style keyword catalog (keyword_counts_v6/v7.json: class -> keyword -> count)
// into a Catalog: classes in name order (which is CIFAR-10's label order for these files),
// keywords by descending count then name (the order the published files list them in).
// Returns an empty catalog with *error ("<path>: <problem>") on failure.
class CatalogJson final {
public:
    static Catalog load(const QString &path, QString *error);
    static Catalog parse(const QByteArray &json, const QString &path, QString *error);
};

} // namespace tc::core
