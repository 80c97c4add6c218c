#pragma once

#include "core/readers/KeywordCatalog.h"

#include <QIODevice>
#include <QList>
#include <QString>

namespace tc::core {

// Writes a class -> keyword -> count catalog in the layout of CIFAR-10.1's keyword_counts_v7.json
// (Python's json.dump(indent=2): two-space indent, non-ASCII as \u escapes), classes and keywords
// in the order given. What it writes, KeywordCatalog reads back to the same classes (the test
// holds both to that). Every name must pass KeywordCatalog::nameProblem().
class KeywordCatalogWriter final {
public:
    bool write(QIODevice *device, const QList<KeywordCatalog::Class> &classes);
    QString errorString() const { return m_error; }

    // The order the CIFAR-10.1 files list a class's keywords in: larger count first, then by name.
    static void sortByCount(QList<KeywordCatalog::Keyword> &keywords);

private:
    QString m_error;
};

} // namespace tc::core
