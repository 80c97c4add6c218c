#pragma once

#include "core/project/ProjectTypes.h"

#include <QString>

namespace tc::core {

class KeywordCatalog;

// A keyword catalog file as a project uses it: read by core/readers/KeywordCatalog (the one catalog
// parser, whose rules apply unchanged: strict JSON without duplicate keys, counts 0..2^31-1, names
// trimmed and free of control characters), then ordered the way a project numbers its classes:
// classes in name order (which is CIFAR-10's label order for the published files), keywords by
// descending count then name (the order the published files list them in).
// Returns an empty catalog on failure, with errorString() = "<path>: <problem>":
//
//     CatalogJson json;
//     const Catalog catalog = json.load(path);
//     if (catalog.isEmpty())
//         return fail(json.errorString());
//
// Superclasses (CIFAR-100 coarse labels), optional and per class: a class's value may instead be
// an object with exactly the members "keywords" (the keyword -> count object above) and
// "superclass" (a non-empty string), e.g.
//   {"apple": {"superclass": "fruit_and_vegetables", "keywords": {"apple": 12, "crab_apple": 3}},
//    "bus":   {"superclass": "vehicles_1", "keywords": {"school_bus": 8}},
//    "truck": {"lorry": 5, "dump_truck": 4}}
// The two forms mix freely, so every v6/v7 file stays valid and means what it did. A keyword
// count is always a number, so a class value with an object-valued "keywords" member cannot be
// an old-style class. "superclass" may be omitted from the new form (no superclass). Whether every
// class has one is checked when exporting, not here (a project may complete them later).
//
// A flat catalog (keyword_counts_v4.json: keyword -> count, no classes) is a valid catalog that
// `inspect` lists, but it cannot define a project's classes: refused here with that reason.
class CatalogJson final {
public:
    Catalog load(const QString &path);
    Catalog parse(const QByteArray &json, const QString &path);
    // The project's view of an already loaded catalog (empty + errorString() for a flat one).
    Catalog fromKeywordCatalog(const KeywordCatalog &catalog);
    QString errorString() const { return m_error; }

private:
    QString m_error;
};

} // namespace tc::core
